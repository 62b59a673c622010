"""Offline model resolution, the missing-model message, licenses, models list."""
from __future__ import annotations

import shutil

import pytest

from review_app.candidates import make_backend, models
from review_app.errors import BadInputError

from ..model_fixtures import news_segments, put_in_hf_cache


def test_a_model_missing_from_the_cache_says_how_to_get_it(hf_cache):
    with pytest.raises(BadInputError) as info:
        models.resolve("Helsinki-NLP/opus-mt-ko-en")
    message = str(info.value)
    assert message == (
        "Helsinki-NLP/opus-mt-ko-en: not in the local cache: run `review-app models pull "
        "Helsinki-NLP/opus-mt-ko-en` on a connected machine, or pass a directory"
    )
    assert "\n" not in message


def test_a_missing_directory_is_named(tmp_path):
    with pytest.raises(BadInputError, match="no such model directory"):
        models.resolve(str(tmp_path / "nowhere"))
    with pytest.raises(BadInputError, match="not a model directory"):
        models.resolve(str(tmp_path))


def test_a_cached_hub_model_resolves_to_its_snapshot_with_the_commit_as_revision(hf_cache, marian):
    snapshot = put_in_hf_cache(hf_cache, "Helsinki-NLP/opus-mt-ko-en", marian)
    resolved = models.resolve("Helsinki-NLP/opus-mt-ko-en")
    assert resolved.path == snapshot and resolved.where == "hf-cache"
    assert resolved.revision == snapshot.name
    assert resolved.license == models.CATALOG["Helsinki-NLP/opus-mt-ko-en"].license

    candidate = make_backend("transformers", "Helsinki-NLP/opus-mt-ko-en", max_length=5).generate(news_segments(1))[0]
    assert candidate.system == "Helsinki-NLP/opus-mt-ko-en"
    assert candidate.provenance["revision"] == snapshot.name


def test_model_dir_setting_finds_a_model_by_name(hf_cache, marian, tmp_path, monkeypatch):
    shutil.copytree(marian, tmp_path / "models" / "opus-mt-ko-en")
    monkeypatch.setenv("REVIEW_APP_MODEL_DIR", str(tmp_path / "models"))
    resolved = models.resolve("Helsinki-NLP/opus-mt-ko-en")
    assert resolved.where == "model_dir" and resolved.path == (tmp_path / "models" / "opus-mt-ko-en").resolve()


def test_directory_revision_changes_with_the_weights(marian, tmp_path):
    copy = shutil.copytree(marian, tmp_path / "copy")
    assert models.resolve(str(copy)).revision == models.resolve(str(marian)).revision
    weights = copy / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data) + b"\0")
    assert models.resolve(str(copy)).revision != models.resolve(str(marian)).revision


def test_the_license_on_the_model_card_is_shown_and_non_commercial_is_flagged(marian, tmp_path):
    copy = shutil.copytree(marian, tmp_path / "nllb-like")
    (copy / "README.md").write_text("---\nlanguage:\n- ko\nlicense: cc-by-nc-4.0\n---\n# A model\n")
    backend = make_backend("transformers", str(copy))
    assert backend.resolved.license == "cc-by-nc-4.0"
    assert backend.license == "cc-by-nc-4.0 (non-commercial use only)"
    assert models.describe_license("apache-2.0") == "apache-2.0"
    assert "unknown" in models.describe_license(None)
    nllb = models.CATALOG["facebook/nllb-200-distilled-600M"]
    assert "non-commercial" in models.describe_license(nllb.license)


def test_models_list_shows_cached_models_and_suggestions_with_licenses(hf_cache, marian):
    put_in_hf_cache(hf_cache, "Helsinki-NLP/opus-mt-ko-en", marian)
    rows = {m.id: m for m in models.list_models()}
    cached = rows["Helsinki-NLP/opus-mt-ko-en"]
    assert cached.where == "hf-cache" and cached.kind == "translation" and cached.license == "apache-2.0"
    suggestion = rows["facebook/nllb-200-distilled-600M"]
    assert suggestion.where == "not downloaded" and "non-commercial" in suggestion.license
    assert list(rows).index("Helsinki-NLP/opus-mt-ko-en") == 0  # what is here comes first


def test_pull_offline_gives_one_line(hf_cache, monkeypatch):
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    with pytest.raises(BadInputError) as info:
        models.pull("Helsinki-NLP/opus-mt-ko-en")
    assert str(info.value).startswith("Helsinki-NLP/opus-mt-ko-en: ") and "\n" not in str(info.value)
