"""The loaders read every tensor of the published layouts, score deterministically, keep the
input order whatever the batching, and compute the published formulas."""
from __future__ import annotations

import json
import shutil

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from review_app.errors import BadInputError
from review_app.scoring.neural import load_scorer, resolve_metric_model
from review_app.scoring.neural.base import length_batches
from review_app.scoring.neural.comet import CHECKPOINT, CometScorer, sparsemax
from review_app.scoring.neural.metricx import SCORE_TOKEN, MetricXScorer, metricx_input


def _comet(folder, **options) -> CometScorer:
    return CometScorer(resolve_metric_model(str(folder))[0], device="cpu", **options)


def _comet_on(folder, device: str) -> CometScorer:
    return CometScorer(resolve_metric_model(str(folder))[0], device=device)


def _metricx(folder, **options) -> MetricXScorer:
    return MetricXScorer(resolve_metric_model(str(folder))[0], device="cpu", **options)


# -- every tensor read ---------------------------------------------------------


@pytest.mark.parametrize("fixture", ["comet22", "cometkiwi"])
def test_comet_loaders_put_every_checkpoint_tensor_into_the_model(request, fixture):
    folder = request.getfixturevalue(fixture)
    scorer = _comet(folder)
    report = scorer.load_report
    assert report.missing == () and report.unexpected == ()
    assert report.recomputed == ("encoder.model.embeddings.position_ids",)
    assert report.loaded == report.tensors - 1
    stored = torch.load(folder / CHECKPOINT, weights_only=True)["state_dict"]
    model = {**{f"encoder.model.{k}": v for k, v in scorer.encoder.state_dict().items()},
             **{f"layerwise_attention.{k}": v for k, v in scorer.mix.state_dict().items()},
             **{f"estimator.{k}": v for k, v in scorer.estimator.state_dict().items()}}
    for key, tensor in stored.items():
        if key.endswith("position_ids"):
            continue
        assert torch.equal(model[key], tensor), key  # the value itself, not only the name


def test_metricx_loader_puts_every_stored_tensor_into_the_model(metricx):
    from safetensors.torch import load_file

    scorer = _metricx(metricx)
    assert scorer.load_report.missing == () and scorer.load_report.unexpected == ()
    stored = load_file(metricx / "model.safetensors")
    model = scorer.model.state_dict()
    assert scorer.load_report.loaded == scorer.load_report.tensors == len(stored)
    for key, tensor in stored.items():
        assert torch.equal(model[key], tensor), key
    assert model["lm_head.weight"].shape[0] > SCORE_TOKEN
    # As in mT5, the projection is its own tensor, not the shared embeddings.
    assert not torch.equal(model["lm_head.weight"], model["shared.weight"])


def test_a_checkpoint_with_a_foreign_tensor_is_refused_naming_it(comet22, tmp_path):
    folder = shutil.copytree(comet22, tmp_path / "comet")
    checkpoint = torch.load(folder / CHECKPOINT, weights_only=True)
    checkpoint["state_dict"]["estimator.extra.weight"] = torch.zeros(2)
    torch.save(checkpoint, folder / CHECKPOINT)
    with pytest.raises(BadInputError, match=r"does not use, e\.g\. estimator\.extra\.weight") as error:
        _comet(folder)
    assert "\n" not in str(error.value)


def test_a_checkpoint_lacking_a_tensor_is_refused_naming_it(comet22, tmp_path):
    folder = shutil.copytree(comet22, tmp_path / "comet")
    checkpoint = torch.load(folder / CHECKPOINT, weights_only=True)
    del checkpoint["state_dict"]["layerwise_attention.gamma"]
    torch.save(checkpoint, folder / CHECKPOINT)
    with pytest.raises(BadInputError, match="lacks 1 tensor.*layerwise_attention.gamma"):
        _comet(folder)


def test_broken_hparams_give_one_line_with_the_place(comet22, tmp_path):
    folder = shutil.copytree(comet22, tmp_path / "comet")
    (folder / "hparams.yaml").write_text("class_identifier: [regression_metric\n")
    with pytest.raises(BadInputError, match=r"hparams\.yaml: line \d+, column \d+: not valid YAML"):
        resolve_metric_model(str(folder))


def test_a_folder_that_is_no_metric_is_refused(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "marian"}))
    with pytest.raises(BadInputError, match="not a metric model"):
        resolve_metric_model(str(tmp_path))


# -- determinism and order ----------------------------------------------------


@pytest.mark.parametrize("metric, fixture", [("comet", "comet22"), ("cometkiwi", "cometkiwi"),
                                             ("metricx", "metricx"), ("metricx-qe", "metricx")])
def test_scores_are_deterministic_and_independent_of_batching_and_order(request, news, metric, fixture):
    folder = request.getfixturevalue(fixture)
    one_by_one = load_scorer(metric, str(folder), device="cpu", batch_size=1)
    batched = load_scorer(metric, str(folder), device="cpu", batch_size=5)
    refs = news["ref"]
    alone = one_by_one.score(news["src"], news["mt"], refs)
    again = one_by_one.score(news["src"], news["mt"], refs)
    assert alone == again  # bit for bit
    assert len(set(round(v, 4) for v in alone)) > len(alone) // 2  # the inputs matter
    together = batched.score(news["src"], news["mt"], refs)
    assert together == pytest.approx(alone, abs=1e-5)
    reverse = slice(None, None, -1)
    reversed_scores = batched.score(news["src"][reverse], news["mt"][reverse], refs[reverse])
    assert reversed_scores[reverse] == pytest.approx(alone, abs=1e-5)


def test_a_fresh_load_gives_the_same_scores(comet22, news):
    first = _comet(comet22).score(news["src"], news["mt"], news["ref"])
    second = _comet(comet22).score(news["src"], news["mt"], news["ref"])
    assert first == second


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 60), max_size=40), st.integers(1, 7))
def test_length_batches_cover_every_item_once_longest_first(lengths, batch_size):
    batches = list(length_batches(lengths, batch_size))
    flat = [i for batch in batches for i in batch]
    assert sorted(flat) == list(range(len(lengths)))
    assert all(len(b) <= batch_size for b in batches)
    assert [lengths[i] for i in flat] == sorted(lengths, reverse=True)


def test_device_auto_is_the_cpu_here_and_cuda_without_a_gpu_is_one_line(comet22):
    from review_app.scoring.neural.base import pick_device

    if torch.cuda.is_available():  # the same test on a machine with a GPU checks the other branch
        assert pick_device("auto") == "cuda"
        return
    assert pick_device("auto") == "cpu"
    with pytest.raises(BadInputError, match="torch sees no GPU"):
        _comet_on(comet22, "cuda")


# -- the published formulas, written again here --------------------------------


def test_sparsemax_is_the_projection_onto_the_simplex():
    z = torch.tensor([1.3, -0.2, 0.9, 0.85, -2.0])
    p = sparsemax(z)
    # The projection is max(z - tau, 0) for the tau that makes it sum to one; find tau by bisection.
    lo, hi = float(z.min()) - 1, float(z.max())
    for _ in range(100):
        tau = (lo + hi) / 2
        lo, hi = (tau, hi) if torch.clamp(z - tau, min=0).sum() > 1 else (lo, tau)
    assert torch.allclose(p, torch.clamp(z - tau, min=0), atol=1e-6)
    assert float(p.sum()) == pytest.approx(1.0) and p[1] == 0 and p[4] == 0


def test_comet22_is_the_published_regression_on_pooled_mixed_layers(comet22, news):
    from transformers import AutoTokenizer, XLMRobertaConfig, XLMRobertaModel

    scorer = _comet(comet22)
    state = torch.load(comet22 / CHECKPOINT, weights_only=True)["state_dict"]
    encoder_dir = scorer.hparams.pretrained_model
    encoder = XLMRobertaModel(XLMRobertaConfig.from_pretrained(encoder_dir), add_pooling_layer=False).eval()
    encoder.load_state_dict({k[len("encoder.model."):]: v for k, v in state.items()
                             if k.startswith("encoder.model.") and not k.endswith("position_ids")})
    tokenizer = AutoTokenizer.from_pretrained(encoder_dir)
    layers = encoder.config.num_hidden_layers + 1
    weights = sparsemax(torch.cat([state[f"layerwise_attention.scalar_parameters.{i}"] for i in range(layers)]))
    gamma = state["layerwise_attention.gamma"]

    def embed(text):  # one sentence alone: no padding at all
        ids = torch.tensor([tokenizer(text)["input_ids"]])
        hidden = encoder(input_ids=ids, output_hidden_states=True).hidden_states
        return (gamma * sum(w * h for w, h in zip(weights, hidden)))[0].mean(0)

    def estimator(x):
        for index in (0, 3):
            x = torch.tanh(x @ state[f"estimator.ff.{index}.weight"].T + state[f"estimator.ff.{index}.bias"])
        return float(x @ state["estimator.ff.6.weight"].T + state["estimator.ff.6.bias"])

    ours = scorer.score(news["src"][:6], news["mt"][:6], news["ref"][:6])
    with torch.no_grad():
        for i, value in enumerate(ours):
            s, m, r = (embed(news[k][i]) for k in ("src", "mt", "ref"))
            expected = estimator(torch.cat([m, r, m * r, (m - r).abs(), m * s, (m - s).abs()]))
            assert value == pytest.approx(expected, abs=1e-5)


def test_metricx_is_the_published_formula(metricx, news):
    """MetricX-24 as google-research/metricx computes it: the full mT5 forward pass on the input
    without its final </s>, one decoder step from token 0, logit 250089, clipped to 0..25 —
    one segment at a time, as its predict script is run."""
    from transformers import AutoTokenizer, MT5ForConditionalGeneration

    tokenizer = AutoTokenizer.from_pretrained(metricx)
    model = MT5ForConditionalGeneration.from_pretrained(metricx).eval()

    def published(source, hypothesis, reference=None):
        text = "source: " + source + " candidate: " + hypothesis
        if reference is not None:
            text += " reference: " + reference
        ids = tokenizer(text, max_length=1536, truncation=True, padding=False)["input_ids"][:-1]
        logits = model(input_ids=torch.tensor([ids]), decoder_input_ids=torch.tensor([[0]])).logits
        return float(torch.clamp(logits[:, 0, 250089], 0, 25)[0])

    with torch.no_grad():
        with_reference = [published(s, m, r) for s, m, r in zip(news["src"], news["mt"], news["ref"])]
        without = [published(s, m) for s, m in zip(news["src"], news["mt"])]
    assert _metricx(metricx, batch_size=8).score(news["src"], news["mt"], news["ref"]) == pytest.approx(
        with_reference, abs=1e-5)
    assert _metricx(metricx, qe=True, batch_size=8).score(news["src"], news["mt"]) == pytest.approx(without, abs=1e-5)
    assert all(0 <= v <= 25 for v in with_reference + without)


def test_metricx_input_is_the_published_text():
    assert metricx_input("Der Hund.", "The dog.", "The dog.") == "source: Der Hund. candidate: The dog. reference: The dog."
    assert metricx_input("Der Hund.", "The dog.") == "source: Der Hund. candidate: The dog."


def test_metrics_refuse_what_they_cannot_score(comet22, metricx, news):
    comet = load_scorer("comet", str(comet22), device="cpu")
    with pytest.raises(BadInputError, match="comet needs references .*cometkiwi"):
        comet.score(news["src"], news["mt"])
    with pytest.raises(BadInputError, match="segment 2 has no source"):
        comet.score([news["src"][0], None], news["mt"][:2], news["ref"][:2])
    with pytest.raises(BadInputError, match="a comet model cannot compute metricx"):
        load_scorer("metricx", str(comet22))
    with pytest.raises(BadInputError, match="a metricx model cannot compute cometkiwi"):
        load_scorer("cometkiwi", str(metricx))
