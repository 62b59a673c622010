"""Settings: every one is documented in the README, and a bad value is one line naming where it came
from (the environment variable or the config file), never a traceback."""
from __future__ import annotations

import subprocess
import sys

import pytest

from review_app import settings
from review_app.errors import BadInputError

from .conftest import ROOT, SEED

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(settings.SETTINGS))
def test_every_setting_has_help_and_a_row_in_the_readme(name):
    assert settings.SETTINGS[name].help.strip()
    assert f"| `{name}` |" in README, f"README's settings table lacks {name}"


@pytest.mark.parametrize("name, raw, says", [
    ("page_size", "fifty", "is a whole number"),
    ("page_size", "0", "is at least 1"),
    ("sqlite_busy_timeout_ms", "-5", "is at least 0"),
])
def test_a_bad_environment_value_names_the_variable(monkeypatch, name, raw, says):
    monkeypatch.setenv(f"REVIEW_APP_{name.upper()}", raw)
    with pytest.raises(BadInputError) as caught:
        settings.get(name)
    assert f"REVIEW_APP_{name.upper()}={raw!r}" in str(caught.value) and says in str(caught.value)


def test_a_config_file_with_an_unknown_or_malformed_setting_is_one_line(monkeypatch, tmp_path):
    config = tmp_path / "review_app.toml"
    monkeypatch.setenv("REVIEW_APP_CONFIG", str(config))
    config.write_text('page_sise = 20\n', encoding="utf-8")
    with pytest.raises(BadInputError, match="unknown setting 'page_sise'"):
        settings.get("page_size")
    config.write_text('page_size = "many"\n', encoding="utf-8")
    with pytest.raises(BadInputError, match=r"review_app.toml: page_size='many': setting page_size is a whole number"):
        settings.get("page_size")
    config.write_text('[review_app]\npage_size = 20\n', encoding="utf-8")
    assert settings.get("page_size") == 20


def test_the_cli_prints_one_line_for_a_bad_setting(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "REVIEW_APP_MAX_IMPORT_BYTES": "lots", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "review_app.cli", "import", str(SEED),
                           "--db", f"sqlite:///{tmp_path / 'r.db'}"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "review-app import: error: REVIEW_APP_MAX_IMPORT_BYTES='lots': setting max_import_bytes is a whole number"
    ]
