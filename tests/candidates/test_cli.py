"""review-app translate / import-candidates / candidates / models, end to end on SQLite."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from review_app.cli import main

from ..conftest import SEED
from ..model_fixtures import NEWS, write_lines
from ..workflow.test_import_candidates import repaired


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def candidates_json(capsys, url, project, document, *extra):
    code, out, _ = run(capsys, "candidates", document, "--db", url, "--project", project, "--format", "json", *extra)
    assert code == 0
    return json.loads(out)


def test_translate_and_import_on_the_seed(capsys, sqlite_url, gpt2, tmp_path):
    assert run(capsys, "import", SEED, "--db", sqlite_url, "--project", "demo")[0] == 0
    code, out, err = run(capsys, "translate", "--model", gpt2, "--db", sqlite_url, "--project", "demo",
                         "--max-length", 6, "--nbest", 2, "--context-sentences", 2)
    assert code == 0
    assert "translating" in err and "100%" in err  # the tqdm bar
    assert "license unknown" in err and "mode chat" in err
    assert out.startswith("tiny-gpt2: ") and " candidates for 30 segments" in out

    rows = candidates_json(capsys, sqlite_url, "demo", SEED.name, "--system", "tiny-gpt2")
    assert rows and all(r["origin"] == "model" for r in rows)
    prov = rows[0]["provenance"]
    assert prov["backend"] == "transformers" and prov["path"] == str(gpt2)
    assert prov["options"]["nbest"] == 2 and prov["options"]["context_sentences"] == 2

    mt = [r["text"] for r in candidates_json(capsys, sqlite_url, "demo", SEED.name) if r["origin"] == "mt"]
    outputs = write_lines(tmp_path / "papago.txt", [repaired(t) for t in mt])
    code, out, _ = run(capsys, "import-candidates", "--system", "Papago", outputs, "--db", sqlite_url, "--project", "demo")
    assert code == 0 and "candidates from Papago (line alignment)" in out
    papago = candidates_json(capsys, sqlite_url, "demo", SEED.name, "--system", "Papago")
    assert len(papago) == 30 and any(r["text"].startswith("The State Department said") for r in papago)


def test_import_count_mismatch_exits_2_with_one_line(capsys, sqlite_url, tmp_path):
    run(capsys, "import", SEED, "--db", sqlite_url, "--project", "demo")
    short = write_lines(tmp_path / "short.txt", ["North Korean workers are still working illegally in Russia."] * 5)
    code, out, err = run(capsys, "import-candidates", "--system", "DeepL", short, "--db", sqlite_url, "--project", "demo")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("review-app import-candidates: error: ")
    assert "short.txt: line 6: the file ends after 5 lines" in err


def test_translate_news_with_ctranslate2(capsys, sqlite_url, marian, tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEW_APP_MODEL_DIR", str(tmp_path / "models"))
    ko = write_lines(tmp_path / "news.ko", (NEWS / "dev.ko").read_text(encoding="utf-8").splitlines()[:7])
    en = write_lines(tmp_path / "news.en", (NEWS / "dev.en").read_text(encoding="utf-8").splitlines()[:7])
    run(capsys, "import", "--source", ko, "--mt", en, "--source-lang", "ko", "--db", sqlite_url, "--project", "news")
    code, out, _ = run(capsys, "translate", "--model", marian, "--backend", "ctranslate2", "--db", sqlite_url,
                       "--project", "news", "--max-length", 5)
    assert code == 0 and "tiny-marian (ct2): 7 candidates for 7 segments" in out
    rows = candidates_json(capsys, sqlite_url, "news", "1", "--system", "tiny-marian (ct2)")
    assert {r["provenance"]["backend"] for r in rows} == {"ctranslate2"}
    assert rows[0]["provenance"]["source_lang"] == "ko"

    code, _, err = run(capsys, "translate", "--model", marian, "--db", sqlite_url, "--project", "news", "--compute-type", "int8")
    assert code == 2 and "unknown option 'compute_type'" in err


def test_models_list_json(capsys, hf_cache):
    code, out, _ = run(capsys, "models", "list", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and {"id", "where", "kind", "license"} <= set(rows[0])
    assert any(r["id"] == "facebook/nllb-200-distilled-600M" and "non-commercial" in r["license"] for r in rows)


def test_missing_model_offline_is_one_line_without_traceback(tmp_path, sqlite_url):
    """The installed command, in a fresh process with an empty cache and HF_HUB_OFFLINE=1."""
    review_app = Path(sys.executable).parent / "review-app"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf"), "REVIEW_APP_MODEL_DIR": ""}
    subprocess.run([review_app, "import", SEED, "--db", sqlite_url], env=env, check=True, capture_output=True)
    done = subprocess.run([review_app, "translate", "--model", "Helsinki-NLP/opus-mt-ko-en", "--db", sqlite_url],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "review-app translate: error: Helsinki-NLP/opus-mt-ko-en: not in the local cache: run "
        "`review-app models pull Helsinki-NLP/opus-mt-ko-en` on a connected machine, or pass a directory\n"
    )
