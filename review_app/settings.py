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


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("db", "sqlite:///review_app.db", "Database URL; a postgresql+psycopg:// URL selects PostgreSQL."),
        Setting("max_import_bytes", 50_000_000, "Largest file an import accepts, in bytes."),
        Setting("sqlite_busy_timeout_ms", 30_000, "How long a SQLite writer waits for the lock before failing."),
        Setting("reviewer", "", "Reviewer name recorded on corrections when nobody is signed in."),
        Setting("auth_file", "", "TOML file of reviewer accounts (name, role, password hash); empty = no login."),
        Setting("glossary", "", "Glossary TSV/CSV used when a project has none of its own; empty = the shipped starter glossary."),
        Setting("cpu_threads", 0, "Threads for CPU inference; 0 = all cores."),
        Setting("model_dir", "", "Folder searched for local model directories before the Hugging Face cache."),
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
        Setting("context_sentences", 3, "How many previous sentences a context-aware model sees."),
        Setting("page_size", 50, "Segments per page in the review list."),
        Setting("comet_model", "Unbabel/wmt22-comet-da", "COMET checkpoint for --metrics comet (folder or hub id)."),
        Setting("cometkiwi_model", "Unbabel/wmt22-cometkiwi-da",
                "CometKiwi checkpoint for --metrics cometkiwi (non-commercial license)."),
        Setting("metricx_model", "google/metricx-24-hybrid-large-v2p6",
                "MetricX-24 checkpoint for --metrics metricx and metricx-qe."),
        Setting("qe_model", "google/metricx-24-hybrid-large-v2p6",
                "Quality-estimation model for `review-app qe` and the risk score (MetricX-24 or CometKiwi)."),
    )
}


def _config_file() -> dict:
    path = Path(os.environ.get("REVIEW_APP_CONFIG", "review_app.toml"))
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not valid TOML: {exc}") from None
    return data.get("review_app", data)


def get(name: str) -> Any:
    """The current value of one setting, converted to its default's type."""
    setting = SETTINGS[name]
    raw = os.environ.get(f"REVIEW_APP_{name.upper()}")
    if raw is None:
        raw = _config_file().get(name)
    if raw is None:
        return setting.default
    if isinstance(setting.default, bool):
        return str(raw).lower() in {"1", "true", "yes", "on"}
    if isinstance(setting.default, int):
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"setting {name}: {raw!r} is not a whole number") from None
    return str(raw)


def database_url(explicit: str | None = None) -> str:
    return explicit or get("db")
