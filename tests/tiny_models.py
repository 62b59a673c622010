"""Tiny real models built on the fly, for the tests and the benchmark (no network).

Each builder trains a real tokenizer on real text (the seed article and the
Korean-English news corpus), makes a model with a few small layers and random
weights, and saves it with ``save_pretrained``, so the same ``from_pretrained``
+ ``generate`` path runs as with a downloaded model. What they write is noise:
they exercise the machinery, not translation quality.

Builders: :func:`build_marian` (translation, Korean to English), :func:`build_nllb`
and :func:`build_m2m100` (language-code handling), :func:`build_gpt2` (a causal chat
model with a chat template), and :func:`convert_ctranslate2`.
"""
from __future__ import annotations

import io
import json
import warnings
from collections.abc import Sequence
from pathlib import Path

# The tiny chat format: enough to exercise apply_chat_template.
CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)


def corpus_sentences(root: Path) -> list[str]:
    """The seed article and the Korean-English news corpus of a checkout, one sentence a line."""
    files = [*sorted((root / "seeds").glob("*.txt")), root / "corpora/korean-english-news-v1/dev.ko",
             root / "corpora/korean-english-news-v1/dev.en"]
    return [line.strip() for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def train_sentencepiece(sentences: Sequence[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences), model_writer=model, vocab_size=vocab_size, hard_vocab_limit=False,
        character_coverage=0.9995, model_type="unigram", num_threads=2, minloglevel=2,
        bos_id=-1, unk_id=1, eos_id=0, pad_id=-1,  # Marian's order: </s>=0, <unk>=1
    )
    return model.getvalue()


def _seeded(seed: int) -> None:
    import torch

    torch.manual_seed(seed)


def build_marian(
    out: Path, sentences: Sequence[str], *, vocab_size: int = 2000, d_model: int = 64, layers: int = 2,
    ffn: int = 128, heads: int = 2, seed: int = 0, init_std: float = 0.02,
) -> Path:
    """A MarianMT ko->en model with one shared SentencePiece vocabulary.

    With the usual small ``init_std`` a random model writes nearly the same words
    for every input; ``init_std=1.0`` makes the output depend on the input, which
    tests that match outputs to inputs need.
    """
    import sentencepiece as spm
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out.mkdir(parents=True, exist_ok=True)
    spm_model = train_sentencepiece(sentences, vocab_size)
    for name in ("source.spm", "target.spm"):
        (out / name).write_bytes(spm_model)
    sp = spm.SentencePieceProcessor(model_proto=spm_model)
    vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Recommended: pip install sacremoses" (not needed here)
        MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"),
                        source_lang="ko", target_lang="en").save_pretrained(out)
    pad, eos = vocab["<pad>"], vocab["</s>"]
    config = MarianConfig(
        vocab_size=len(vocab), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn, decoder_ffn_dim=ffn,
        max_position_embeddings=512, pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=eos,
        forced_eos_token_id=eos, bos_token_id=None, share_encoder_decoder_embeddings=True, init_std=init_std,
    )
    _seeded(seed)
    MarianMTModel(config).save_pretrained(out)
    return out


def _char_vocab(sentences: Sequence[str], specials: Sequence[str], size: int) -> dict[str, int]:
    """Specials, then the most frequent characters ("▁" marks a word start, as in SentencePiece)."""
    from collections import Counter

    counts = Counter(ch for s in sentences for ch in s.replace(" ", "▁"))
    counts["▁"] += 1
    vocab = {tok: i for i, tok in enumerate(specials)}
    for ch, _ in counts.most_common(max(0, size - len(vocab))):
        vocab.setdefault(ch, len(vocab))
    return vocab


def build_nllb(out: Path, sentences: Sequence[str], *, vocab_size: int = 1500, d_model: int = 32, seed: int = 0) -> Path:
    """An NLLB-style model (M2M100 architecture, NllbTokenizer with the FLORES-200 codes)."""
    from transformers import NllbTokenizer

    vocab = _char_vocab(sentences, ["<s>", "<pad>", "</s>", "<unk>"], vocab_size)
    tokenizer = NllbTokenizer(vocab=vocab, merges=[], src_lang="kor_Hang", tgt_lang="eng_Latn")
    tokenizer.save_pretrained(out)
    _save_m2m100(out, len(tokenizer), tokenizer, d_model, seed)
    return out


def build_m2m100(out: Path, sentences: Sequence[str], *, vocab_size: int = 1000, d_model: int = 32, seed: int = 0) -> Path:
    """An M2M100 model with its own tokenizer (language tokens such as __en__)."""
    import sentencepiece as spm
    from transformers import M2M100Tokenizer

    out.mkdir(parents=True, exist_ok=True)
    spm_model = train_sentencepiece(sentences, vocab_size)
    (out / "sentencepiece.bpe.model").write_bytes(spm_model)
    sp = spm.SentencePieceProcessor(model_proto=spm_model)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for i in range(sp.get_piece_size()):
        vocab.setdefault(sp.id_to_piece(i), len(vocab))
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = M2M100Tokenizer(str(out / "vocab.json"), str(out / "sentencepiece.bpe.model"), src_lang="ko", tgt_lang="en")
    tokenizer.save_pretrained(out)
    # Language tokens and "madeup words" come after the vocabulary, as in the real M2M100.
    size = max([*vocab.values(), *tokenizer.lang_token_to_id.values()]) + 1 + tokenizer.num_madeup_words
    _save_m2m100(out, size, tokenizer, d_model, seed)
    return out


def _save_m2m100(out: Path, vocab_size: int, tokenizer, d_model: int, seed: int) -> None:
    from transformers import M2M100Config, M2M100ForConditionalGeneration

    config = M2M100Config(
        vocab_size=vocab_size, d_model=d_model, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
        decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=256,
        pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
    )
    _seeded(seed)
    M2M100ForConditionalGeneration(config).save_pretrained(out)


def build_gpt2(
    out: Path, sentences: Sequence[str], *, vocab_size: int = 1000, d_model: int = 64, layers: int = 2, seed: int = 0,
) -> Path:
    """A GPT-2 causal model with a byte-level BPE trained on the sentences and a chat template."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast

    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(sentences, vocab_size=vocab_size, special_tokens=["<|endoftext|>"], show_progress=False)
    tokenizer = GPT2TokenizerFast(tokenizer_object=bpe._tokenizer, eos_token="<|endoftext|>",
                                  bos_token="<|endoftext|>", unk_token="<|endoftext|>")
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.save_pretrained(out)
    config = GPT2Config(
        vocab_size=len(tokenizer), n_embd=d_model, n_layer=layers, n_head=2, n_positions=1024,
        bos_token_id=tokenizer.eos_token_id, eos_token_id=tokenizer.eos_token_id,
    )
    _seeded(seed)
    GPT2LMHeadModel(config).save_pretrained(out)
    return out


def convert_ctranslate2(model_dir: Path, out: Path, quantization: str = "int8") -> Path:
    """The CTranslate2 conversion of a built model, as the ctranslate2 backend makes it."""
    from review_app.candidates import ct2

    return ct2.convert(model_dir, out, quantization=quantization, source=str(model_dir))
