"""Tiny metric checkpoints in the published layouts, built offline (tests and benchmarks).

- :func:`build_xlmr_encoder`: a tiny XLM-R "pretrained model" folder (config.json and a
  tokenizer whose Unigram vocabulary is trained on real sentences), what a COMET
  checkpoint's ``pretrained_model`` names;
- :func:`build_comet`: a COMET-22 (``regression_metric``) or CometKiwi (``unified_metric``)
  folder: ``hparams.yaml``, ``checkpoints/model.ckpt`` (a Lightning-style dict with
  ``state_dict``, ``hyper_parameters`` and ``pytorch-lightning_version``) and a model card;
- :func:`build_metricx`: a MetricX-24 folder (``MT5ForRegression`` config, safetensors) over a
  tiny mT5 with the real 250,112-row vocabulary, so the published score token exists.

Weights are random (seeded): the scores are noise, but every tensor is in place and has
the published name, so loaders are tested as they would run on the real files.
"""
from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

# The published hyper-parameters of Unbabel/wmt22-comet-da and wmt22-cometkiwi-da, less the
# training paths; sizes are overridden for tiny models.
COMET22_HPARAMS = {
    "activations": "Tanh", "batch_size": 16, "class_identifier": "regression_metric", "dropout": 0.1,
    "encoder_learning_rate": 1.0e-06, "encoder_model": "XLM-RoBERTa", "final_activation": None,
    "hidden_sizes": [3072, 1024], "keep_embeddings_frozen": True, "layer": "mix", "layer_norm": False,
    "layer_transformation": "sparsemax", "layerwise_decay": 0.95, "learning_rate": 1.5e-05, "loss": "mse",
    "nr_frozen_epochs": 0.3, "optimizer": "AdamW", "pool": "avg", "pretrained_model": "xlm-roberta-large",
    "train_data": [], "validation_data": [], "warmup_steps": 0,
}
COMETKIWI_HPARAMS = {
    "activations": "Tanh", "batch_size": 16, "class_identifier": "unified_metric", "dropout": 0.1,
    "encoder_learning_rate": 1.0e-06, "encoder_model": "XLM-RoBERTa", "final_activation": None,
    "hidden_sizes": [3072, 1024], "input_segments": ["mt", "src"], "keep_embeddings_frozen": True,
    "layer_norm": False, "layer_transformation": "sparsemax", "layerwise_decay": 0.95, "learning_rate": 1.5e-05,
    "loss": "mse", "loss_lambda": 0.65, "nr_frozen_epochs": 0.3, "optimizer": "AdamW",
    "pretrained_model": "microsoft/infoxlm-large", "sent_layer": "mix", "word_layer": 24,
    "word_level_training": False, "train_data": [], "validation_data": [], "warmup_steps": 0,
}
LICENSES = {"regression_metric": "apache-2.0", "unified_metric": "cc-by-nc-sa-4.0"}
MT5_VOCAB = 250_112  # mT5's embedding rows (its tokenizer has 250,100 pieces)


def _quiet() -> None:
    import transformers

    transformers.utils.logging.disable_progress_bar()


def _seeded(seed: int):
    import torch

    return torch.Generator().manual_seed(seed)


def unigram_pieces(sentences: Sequence[str], vocab_size: int) -> list[tuple[str, float]]:
    """(piece, log probability) of a SentencePiece Unigram model trained on the sentences."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(sentences), model_writer=model, vocab_size=vocab_size,
                                   hard_vocab_limit=False, character_coverage=0.9995, model_type="unigram",
                                   num_threads=2, minloglevel=2)
    sp = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())
            if not (sp.is_control(i) or sp.is_unknown(i))]


def build_xlmr_encoder(out: Path, sentences: Sequence[str], *, vocab_size: int = 1000, hidden: int = 32,
                       layers: int = 2, heads: int = 2, ffn: int = 64) -> Path:
    """A tiny XLM-R config and tokenizer (fairseq order: <s> <pad> </s> <unk>, pieces, <mask>)."""
    from transformers import XLMRobertaConfig, XLMRobertaTokenizer

    out.mkdir(parents=True, exist_ok=True)
    vocab = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), *unigram_pieces(sentences, vocab_size),
             ("<mask>", 0.0)]
    tokenizer = XLMRobertaTokenizer(vocab=vocab)
    tokenizer.save_pretrained(out)
    XLMRobertaConfig(vocab_size=len(vocab), hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=heads,
                     intermediate_size=ffn, max_position_embeddings=514, type_vocab_size=1, pad_token_id=1,
                     bos_token_id=0, eos_token_id=2, layer_norm_eps=1e-5).save_pretrained(out)
    return out


def build_comet(out: Path, encoder_dir: Path, *, kind: str = "comet", hidden_sizes: Sequence[int] = (64, 32),
                seed: int = 0, init_std: float = 0.3) -> Path:
    """A COMET-22 (``kind="comet"``) or CometKiwi (``kind="cometkiwi"``) folder over ``encoder_dir``.

    ``init_std`` well above BERT's 0.02 makes the random encoder's output depend on its input
    enough for scores of different segments to differ visibly."""
    import torch
    import yaml
    from transformers import XLMRobertaConfig, XLMRobertaModel

    _quiet()
    hparams = dict(COMET22_HPARAMS if kind == "comet" else COMETKIWI_HPARAMS)
    hparams.update(pretrained_model=str(encoder_dir), hidden_sizes=list(hidden_sizes))
    config = XLMRobertaConfig.from_pretrained(encoder_dir, initializer_range=init_std)
    torch.manual_seed(seed)
    encoder = XLMRobertaModel(config, add_pooling_layer=False)
    state = {f"encoder.model.{k}": v for k, v in encoder.state_dict().items()}
    # Checkpoints saved with transformers < 4.31 carry the position ids as a tensor too.
    state["encoder.model.embeddings.position_ids"] = torch.arange(config.max_position_embeddings)[None, :]
    state.update(_head_tensors(config.num_hidden_layers + 1, config.hidden_size * (6 if kind == "comet" else 1),
                               hidden_sizes, seed))
    (out / "checkpoints").mkdir(parents=True, exist_ok=True)
    torch.save({"state_dict": state, "hyper_parameters": hparams, "pytorch-lightning_version": "2.1.0",
                "epoch": 1, "global_step": 0}, out / "checkpoints" / "model.ckpt")
    if kind == "cometkiwi":
        # The published folder's hparams.yaml was patched so that unbabel-comet >= 2.2.4 mixes
        # layers with softmax, as the model was trained; the checkpoint still says sparsemax.
        hparams["layer_transformation"] = "sparsemax_patch"
    (out / "hparams.yaml").write_text(yaml.safe_dump(hparams, sort_keys=True), encoding="utf-8")
    license = LICENSES[hparams["class_identifier"]]
    (out / "README.md").write_text(f"---\nlicense: {license}\n---\n# tiny {kind} (random weights)\n", encoding="utf-8")
    return out


def _head_tensors(num_layers: int, in_dim: int, hidden_sizes: Sequence[int], seed: int) -> dict:
    """Layer-wise attention and estimator tensors under COMET's names, random but seeded."""
    import torch

    gen = _seeded(seed + 1)
    state = {f"layerwise_attention.scalar_parameters.{i}": torch.randn(1, generator=gen) for i in range(num_layers)}
    state["layerwise_attention.gamma"] = 1.0 + 0.1 * torch.randn(1, generator=gen)
    state["layerwise_attention.dropout_mask"] = torch.zeros(num_layers)
    state["layerwise_attention.dropout_fill"] = torch.full((num_layers,), -1e20)
    sizes = [in_dim, *hidden_sizes, 1]
    for n, (a, b) in enumerate(zip(sizes, sizes[1:])):
        index = 3 * n  # Linear, activation, dropout per hidden layer
        state[f"estimator.ff.{index}.weight"] = torch.randn(b, a, generator=gen) / a ** 0.5
        state[f"estimator.ff.{index}.bias"] = 0.1 * torch.randn(b, generator=gen)
    return state


def build_mt5_tokenizer(out: Path, sentences: Sequence[str], *, vocab_size: int = 1000) -> Path:
    """A tiny mT5-style tokenizer (<pad> </s> <unk>, pieces, 100 extra ids)."""
    from transformers import T5Tokenizer

    out.mkdir(parents=True, exist_ok=True)
    vocab = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), *unigram_pieces(sentences, vocab_size)]
    T5Tokenizer(vocab=vocab, extra_ids=100).save_pretrained(out)
    return out


def build_metricx(out: Path, sentences: Sequence[str], *, tokenizer_dir: Path | None = None, d_model: int = 16,
                  layers: int = 2, heads: int = 2, ffn: int = 32, seed: int = 0, with_tokenizer: bool = True) -> Path:
    """A MetricX-24 folder: an mT5 saved as ``MT5ForRegression`` with mT5's vocabulary size.

    The score is one logit; with random weights it would mostly fall outside 0..25 and be
    clipped, so the score token's row of the (untied, as in mT5) projection is set to spread
    the scores of the given sentences around 12.5 (still a random function of the input)."""
    import torch
    from safetensors.torch import save_file
    from transformers import AutoTokenizer, MT5Config, MT5ForConditionalGeneration

    from review_app.scoring.neural.metricx import SCORE_TOKEN, metricx_input

    _quiet()
    tokenizer_dir = tokenizer_dir or build_mt5_tokenizer(out / "tokenizer", sentences)
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    config = MT5Config(vocab_size=MT5_VOCAB, d_model=d_model, d_kv=d_model // heads, d_ff=ffn, num_layers=layers,
                       num_decoder_layers=layers, num_heads=heads, relative_attention_num_buckets=8,
                       feed_forward_proj="gated-gelu", pad_token_id=0, eos_token_id=1, decoder_start_token_id=0)
    torch.manual_seed(seed)
    model = MT5ForConditionalGeneration(config).eval()
    # mT5 keeps a projection of its own beside the shared embeddings (tie_word_embeddings: false).
    lm_head = torch.randn(MT5_VOCAB, d_model, generator=_seeded(seed + 2)) * d_model ** -0.5
    lm_head[SCORE_TOKEN] = _score_row(model, tokenizer, [metricx_input(s, s[::-1]) for s in sentences[:64]])
    state = {k: v.contiguous() for k, v in model.state_dict().items() if not k.endswith("embed_tokens.weight")}
    state["lm_head.weight"] = lm_head
    out.mkdir(parents=True, exist_ok=True)
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    data = config.to_dict()
    data.update(architectures=["MT5ForRegression"], tie_word_embeddings=False)  # as the published folders say
    (out / "config.json").write_text(json.dumps(data, indent=2))
    if with_tokenizer:
        tokenizer.save_pretrained(out)
    (out / "README.md").write_text("---\nlicense: apache-2.0\n---\n# tiny MetricX-24 (random weights)\n")
    return out


def _score_row(model, tokenizer, texts: list[str]):
    """A score-token row that maps the decoder output of the given inputs to about 12.5 ± 4."""
    import torch

    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        encoded = model.encoder(**batch).last_hidden_state
        start = torch.zeros((len(texts), 1), dtype=torch.long)
        decoded = model.decoder(input_ids=start, encoder_hidden_states=encoded,
                                encoder_attention_mask=batch["attention_mask"]).last_hidden_state[:, 0, :]
        mean = decoded.mean(0)
        spread = decoded - mean
        direction = torch.linalg.svd(spread, full_matrices=False).Vh[0]
        row = direction * (4.0 / (spread @ direction).std().clamp(min=1e-6))  # one deviation = 4 points
        return row + mean * (12.5 - row.dot(mean)) / mean.dot(mean)  # the mean input scores 12.5


__all__ = ["build_xlmr_encoder", "build_comet", "build_mt5_tokenizer", "build_metricx", "unigram_pieces",
           "COMET22_HPARAMS", "COMETKIWI_HPARAMS"]
