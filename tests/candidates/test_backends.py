"""The transformers and CTranslate2 backends on tiny real models: n-best, batching,
modes, language codes, provenance, loading once."""
from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from review_app.candidates import BACKENDS, loaded, make_backend
from review_app.candidates.prompts import build_requests
from review_app.errors import BadInputError
from review_app.model import ORIGIN_MODEL

from ..model_fixtures import news_segments, seed_segments

BACKEND_MODELS = [("transformers", "marian"), ("ctranslate2", "marian_ct2")]


def _model(request, fixture_name):
    return str(request.getfixturevalue(fixture_name))


@pytest.mark.parametrize("backend_name,model_fixture", BACKEND_MODELS)
def test_nbest_gives_ranked_distinct_candidates(request, backend_name, model_fixture):
    backend = make_backend(backend_name, _model(request, model_fixture), nbest=3, beam_size=4, max_length=10)
    segments = news_segments(4)
    candidates = backend.generate(segments)
    for segment in segments:
        mine = [c for c in candidates if c.segment_id == segment.id]
        assert len(mine) == 3
        assert len({c.text for c in mine}) == 3
        assert [c.provenance["rank"] for c in mine] == [1, 2, 3]
        scores = [c.provenance["score"] for c in mine]
        assert scores == sorted(scores, reverse=True)
        assert all(c.origin == ORIGIN_MODEL and c.system == backend.system for c in mine)


@pytest.mark.parametrize("backend_name,model_fixture", BACKEND_MODELS)
def test_batches_are_length_sorted_and_results_return_in_order(request, monkeypatch, backend_name, model_fixture):
    model = _model(request, model_fixture)
    segments = news_segments(11)
    greedy = {"nbest": 1, "beam_size": 1, "max_length": 8}
    one_by_one = make_backend(backend_name, model, batch_size=1, **greedy)
    expected = [[c.text for c in one_by_one.generate([s])] for s in segments]
    # If every input gave the same output, a mix-up of the order could not show.
    assert len({tuple(e) for e in expected}) > len(segments) // 2

    batched = make_backend(backend_name, model, batch_size=4, **greedy)
    batch_lengths = []
    real_generate_batch = batched.generate_batch

    def spy(model, requests, inputs):
        batch_lengths.append([len(x) for x in inputs])
        return real_generate_batch(model, requests, inputs)

    monkeypatch.setattr(batched, "generate_batch", spy)
    got = batched.generate(segments)

    assert [len(b) for b in batch_lengths] == [4, 4, 3]
    flat = [n for b in batch_lengths for n in b]
    requests = build_requests(segments, "translate", batched.values)[0]
    in_reading_order = [len(x) for x in batched.encode(batched.load(), requests)]
    assert flat == sorted(in_reading_order) != in_reading_order  # sorting really reordered them
    assert [c.segment_id for c in got] == [s.id for s in segments]
    assert [[c.text] for c in got] == expected


@pytest.mark.parametrize("backend_name,model_fixture", BACKEND_MODELS)
def test_provenance_names_backend_model_revision_options_and_time(request, backend_name, model_fixture):
    model = _model(request, model_fixture)
    backend = make_backend(backend_name, model, nbest=2, max_length=6)
    candidate = backend.generate(news_segments(1))[0]
    p = candidate.provenance
    assert p["backend"] == backend_name and p["mode"] == "translate"
    assert p["model"] == model and p["path"] == str(backend.resolved.path)
    assert p["revision"].startswith("sha256:")
    assert p["options"] == {"nbest": 2, "beam_size": 4, "max_length": 6}
    assert p["source_lang"] == "ko" and p["target_lang"] == "en"
    assert p["device"] == "cpu" and p["time"].endswith("+00:00")


def test_ctranslate2_converts_a_transformers_model_once(marian, tmp_path, monkeypatch):
    from review_app.candidates import ct2

    monkeypatch.setenv("REVIEW_APP_MODEL_DIR", str(tmp_path / "models"))
    calls = []
    real_convert = ct2.convert
    monkeypatch.setattr(ct2, "convert", lambda *a, **k: calls.append(a) or real_convert(*a, **k))
    first = make_backend("ctranslate2", str(marian), max_length=6)
    assert first.generate(news_segments(2))
    path = first.model_path()
    assert (path / "model.bin").is_file() and path.is_relative_to(tmp_path / "models")
    again = make_backend("ctranslate2", str(marian), max_length=6, compute_type="int8_float32")
    assert again.model_path() == path and len(calls) == 1
    assert again.generate(news_segments(1))[0].provenance["compute_type"] == "int8_float32"


def test_chat_model_reads_the_previous_sentences(gpt2):
    backend = make_backend("transformers", str(gpt2), context_sentences=2, max_length=8, nbest=2)
    assert backend.mode == "chat"
    segments = seed_segments()
    requests, skipped = build_requests(segments, backend.mode, backend.values)
    assert not skipped
    story = [s for s in segments if not s.excluded]
    third = next(r for r in requests if r.segment.id == story[2].id)
    assert story[0].mt in third.text and story[1].mt in third.text and story[2].mt in third.text
    assert not any(s.mt in third.text for s in segments if s.excluded)

    candidates = backend.generate(story[:3])
    assert {c.segment_id for c in candidates} == {s.id for s in story[:3]}
    options = candidates[0].provenance["options"]
    assert options["context_sentences"] == 2 and "{context}" in options["chat_prompt"]


def test_chat_model_on_ctranslate2(gpt2_ct2):
    backend = make_backend("ctranslate2", str(gpt2_ct2), max_length=8)
    assert backend.mode == "chat" and backend.kind == "causal"
    story = [s for s in seed_segments() if not s.excluded][:2]
    candidates = backend.generate(story)
    assert [c.segment_id for c in candidates] == [s.id for s in story]


def test_edit_mode_fills_the_edit_prompt_with_the_mt(marian):
    backend = make_backend("transformers", str(marian), mode="edit", edit_prompt="Name the speaker: {sentence}",
                           max_length=6)
    he_said = next(s for s in seed_segments() if s.mt.startswith("He said"))
    requests, _ = build_requests([he_said], backend.mode, backend.values)
    assert requests[0].text == f"Name the speaker: {he_said.mt}"
    assert backend.generate([he_said])[0].provenance["options"]["edit_prompt"] == "Name the speaker: {sentence}"


@pytest.mark.parametrize(
    "fixture_name,mode,message",
    [("gpt2", "translate", "runs in mode chat"), ("marian", "chat", "needs a causal")],
)
def test_a_mode_the_model_cannot_do_is_refused(request, fixture_name, mode, message):
    with pytest.raises(BadInputError, match=message):
        make_backend("transformers", _model(request, fixture_name), mode=mode)


def test_translation_without_a_source_skips_the_segment(marian):
    backend = make_backend("transformers", str(marian), max_length=6)
    with_source, without = news_segments(2)
    without = replace(without, source=None)
    batches = list(backend.iter_batches([with_source, without]))
    assert batches[0] == [(without, [])]
    assert [s.id for s, cands in batches[1] if cands] == [with_source.id]


@pytest.mark.parametrize("backend_name,model_fixture", [("transformers", "nllb"), ("ctranslate2", "nllb_ct2")])
def test_nllb_gets_flores_codes(request, monkeypatch, backend_name, model_fixture):
    backend = make_backend(backend_name, _model(request, model_fixture), max_length=5)
    model = backend.load()
    requests, _ = build_requests(news_segments(2), "translate", backend.values)
    encoded = backend.encode(model, requests)
    kor = model.tokenizer.convert_tokens_to_ids("kor_Hang")
    assert all(kor in row or "kor_Hang" in row for row in encoded)

    seen = {}
    engine = model.model
    if backend_name == "transformers":
        real = engine.generate
        monkeypatch.setattr(engine, "generate", lambda **kw: seen.update(kw) or real(**kw))
        candidates = backend.generate(news_segments(2))
        assert seen["forced_bos_token_id"] == model.tokenizer.convert_tokens_to_ids("eng_Latn")
    else:
        candidates = backend.generate(news_segments(2))
        results = engine.translate_batch([encoded[0]], target_prefix=[["eng_Latn"]], max_decoding_length=3)
        assert results[0].hypotheses[0][0] == "eng_Latn"
    assert candidates and not any("eng_Latn" in c.text for c in candidates)


def test_m2m100_gets_its_language_tokens(m2m100):
    backend = make_backend("transformers", str(m2m100), max_length=5)
    model = backend.load()
    requests, _ = build_requests(news_segments(1), "translate", backend.values)
    assert backend.encode(model, requests)[0][0] == model.tokenizer.get_lang_id("ko")
    candidates = backend.generate(news_segments(2))
    assert candidates and not any("__en__" in c.text for c in candidates)


def test_multilingual_model_without_a_source_language_says_so(nllb):
    backend = make_backend("transformers", str(nllb), max_length=5)
    with pytest.raises(BadInputError, match="needs the source language"):
        backend.generate(news_segments(1, source_lang=None))
    assert make_backend("transformers", str(nllb), max_length=5, source_lang="ko").generate(
        news_segments(1, source_lang=None)
    )


def test_a_model_loads_once_and_is_shared(marian):
    first = make_backend("transformers", str(marian), nbest=1)
    second = make_backend("transformers", str(marian), nbest=3)
    assert first.load() is second.load()

    calls = []
    barrier = threading.Barrier(4)

    def load_slowly():
        calls.append(1)
        return object()

    def ask():
        barrier.wait()
        results.append(loaded.shared(("test", "same-key"), load_slowly))

    results: list = []
    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and all(r is results[0] for r in results)


def test_declared_options_have_defaults_help_and_checks():
    for backend_class in BACKENDS.values():
        for option in backend_class.options:
            assert option.help and (option.default is not None)
    with pytest.raises(BadInputError, match="unknown option 'beams'"):
        BACKENDS["transformers"].resolve_options({"beams": 3})
    with pytest.raises(BadInputError, match="option nbest: 'three' is not a int"):
        BACKENDS["transformers"].resolve_options({"nbest": "three"})
    with pytest.raises(BadInputError, match="option device"):
        BACKENDS["ctranslate2"].resolve_options({"device": "tpu"})
    values = BACKENDS["ctranslate2"].resolve_options({"nbest": "2"})
    defaults = {o.name: o.current_default() for o in BACKENDS["ctranslate2"].options}
    assert values == {**defaults, "nbest": 2}


def test_a_batch_never_mixes_language_pairs(marian):
    from review_app.candidates.base import length_sorted_batches

    korean = news_segments(5)
    japanese = [replace(s, id=s.id + 50, source_lang="ja") for s in news_segments(4)]
    segments = [x for pair in zip(korean, japanese) for x in pair] + korean[4:]
    backend = make_backend("transformers", str(marian), batch_size=3)
    requests, _ = build_requests(segments, "translate", backend.values)
    encoded = backend.encode(backend.load(), requests)
    keys = [(r.source_lang, r.target_lang, len(ids)) for r, ids in zip(requests, encoded)]
    batches = length_sorted_batches(keys, 3)
    assert sorted(i for b in batches for i in b) == list(range(len(segments)))
    for batch in batches:
        assert len({requests[i].source_lang for i in batch}) == 1 and len(batch) <= 3
        lengths = [keys[i][2] for i in batch]
        assert lengths == sorted(lengths)
    assert len(batches) == 4  # ko: 5 -> 3 + 2, ja: 4 -> 3 + 1
