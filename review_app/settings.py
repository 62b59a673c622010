"""Every tunable of the app in one table: name, default, help.

A value comes from, in order: the environment (``REVIEW_APP_<NAME>``), the TOML
file named by ``REVIEW_APP_CONFIG`` (else ``review_app.toml`` in the working
directory, if present), then the default below.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BadInputError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    minimum: int | None = None  # the smallest value a whole-number setting accepts


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("db", "sqlite:///review_app.db", "Database URL; a postgresql+psycopg:// URL selects PostgreSQL."),
        Setting("max_import_bytes", 50_000_000, "Largest file an import accepts, in bytes.", minimum=1),
        Setting("sqlite_busy_timeout_ms", 30_000, "How long a SQLite writer waits for the lock before failing.",
                minimum=0),
        Setting("reviewer", "", "Reviewer name recorded on corrections when nobody is signed in."),
        Setting("auth_file", "", "TOML file of reviewer accounts (name, role, password hash); empty = no login."),
        Setting("glossary", "", "Glossary TSV/CSV used when a project has none of its own; empty = the shipped starter glossary."),
        Setting("cpu_threads", 0, "Threads for CPU inference; 0 = all cores.", minimum=0),
        Setting("model_dir", "", "Folder searched for local model directories before the Hugging Face cache."),
        Setting("approved_models", "", "Models the browser offers for generating candidates (comma-separated ids "
                "or directories); empty = the models found on this machine. Nobody can type one in."),
        Setting(
            "chat_prompt",
            "You are an editor of English news translated from Korean by a machine. "
            "Korean omits subjects, so the machine often writes 'He' or 'They' where the speaker "
            "is an organisation named earlier.\n\nContext:\n{context}\n\nRewrite this sentence so that "
            "it names the right speaker and reads as fluent English. Answer with the sentence only.\n"
            "Sentence: {sentence}\nRewritten:",
            "Prompt template for causal chat models; {context} and {sentence} are filled in.",
        ),
        Setting(
            "edit_prompt",
            "Fix the grammar and name the speaker: {sentence}",
            "Prompt template for text-to-text editing models; {context} and {sentence} are filled in.",
        ),
        Setting("context_sentences", 3, "How many previous sentences a context-aware model sees.", minimum=0),
        Setting("page_size", 50, "Segments per page in the review list.", minimum=1),
        Setting("session_hours", 12, "How long a sign-in lasts (hours); sign-out, a password change, removing "
                "or disabling the account end it sooner.", minimum=1),
        Setting("session_key_file", "", "File of the key that signs sign-in sessions (made 0600 on first use); "
                "empty = beside the accounts file, else beside the SQLite database, else ~/.review_app/session.key."),
        Setting("check_max_chars", 3_000, "Longest segment the checks read, in characters; a longer one gets a "
                "'too long to check' finding.", minimum=1),
        Setting("check_budget_ms", 2_000, "CPU time the checks may spend on one segment before the rest of them "
                "skip it (a 'too long to check' finding says so).", minimum=0),
        Setting("comet_model", "Unbabel/wmt22-comet-da", "COMET checkpoint for --metrics comet (folder or hub id)."),
        Setting("cometkiwi_model", "Unbabel/wmt22-cometkiwi-da",
                "CometKiwi checkpoint for --metrics cometkiwi (non-commercial license)."),
        Setting("metricx_model", "google/metricx-24-hybrid-large-v2p6",
                "MetricX-24 checkpoint for --metrics metricx and metricx-qe."),
        Setting("rescore_neural", "",
                "Reference-based neural metrics (comet, metricx) that rescore a segment's candidates after each "
                "save, in the background job thread, with the model of the metric's *_model setting; empty = off."),
        Setting("qe_model", "google/metricx-24-hybrid-large-v2p6",
                "Quality-estimation model for `review-app qe` and the risk score (MetricX-24 or CometKiwi)."),
    )
}


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _config_file() -> tuple[Path, dict]:
    path = Path(os.environ.get("REVIEW_APP_CONFIG", "review_app.toml"))
    if not path.is_file():
        return path, {}
    with path.open("rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise BadInputError(f"{path}: not valid TOML: {exc}") from None
    data = data.get("review_app", data)
    unknown = sorted(set(data) - set(SETTINGS))
    if unknown:
        raise BadInputError(f"{path}: unknown setting {unknown[0]!r} (known: {', '.join(SETTINGS)})")
    return path, data


def get(name: str) -> Any:
    """The current value of one setting, converted to its default's type.

    A value that does not fit (a word for a number, a number below the setting's minimum)
    is a one-line BadInputError naming where it came from."""
    setting = SETTINGS[name]
    env = f"REVIEW_APP_{name.upper()}"
    raw, origin = os.environ.get(env), env
    if raw is None:
        path, data = _config_file()
        raw, origin = data.get(name), f"{path}: {name}"
    if raw is None:
        return setting.default
    return _convert(setting, raw, origin)


def _convert(setting: Setting, raw: Any, origin: str) -> Any:
    if isinstance(setting.default, bool):
        word = str(raw).strip().lower()
        if word not in _TRUE | _FALSE:
            raise BadInputError(f"{origin}={raw!r}: setting {setting.name} is yes or no (true/false, 1/0)")
        return word in _TRUE
    if isinstance(setting.default, int):
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise BadInputError(f"{origin}={raw!r}: setting {setting.name} is a whole number") from None
        if setting.minimum is not None and value < setting.minimum:
            raise BadInputError(f"{origin}={raw!r}: setting {setting.name} is at least {setting.minimum}")
        return value
    return str(raw)


def database_url(explicit: str | None = None) -> str:
    return explicit or get("db")
