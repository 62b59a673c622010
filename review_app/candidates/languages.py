"""Language codes as each multilingual model family wants them.

Documents carry ISO 639-1 codes ("ko", "en"). NLLB-200 wants FLORES-200 codes
("kor_Hang") as tokens, M2M100 wants "__ko__", and multi-target OPUS-MT models
want a ">>eng<<" prefix on the source. Both the transformers and the
CTranslate2 backends use these helpers, so a model family is handled once.
"""
from __future__ import annotations

from ..errors import BadInputError

# ISO 639-1 -> FLORES-200 (NLLB) for the languages a news desk meets most; a code
# that already has the FLORES shape ("kor_Hang") passes through unchanged.
NLLB_CODES = {
    "ar": "arb_Arab", "bn": "ben_Beng", "cs": "ces_Latn", "de": "deu_Latn", "en": "eng_Latn",
    "es": "spa_Latn", "fa": "pes_Arab", "fi": "fin_Latn", "fr": "fra_Latn", "he": "heb_Hebr",
    "hi": "hin_Deva", "id": "ind_Latn", "it": "ita_Latn", "ja": "jpn_Jpan", "ko": "kor_Hang",
    "nl": "nld_Latn", "pl": "pol_Latn", "pt": "por_Latn", "ru": "rus_Cyrl", "sv": "swe_Latn",
    "th": "tha_Thai", "tr": "tur_Latn", "uk": "ukr_Cyrl", "vi": "vie_Latn", "zh": "zho_Hans",
}


def nllb_code(lang: str) -> str:
    if "_" in lang:
        return lang
    try:
        return NLLB_CODES[lang.lower()]
    except KeyError:
        raise BadInputError(
            f"language {lang!r} has no NLLB code here; give the FLORES-200 code instead (e.g. kor_Hang)"
        ) from None


def family(tokenizer) -> str:
    """'nllb', 'm2m100' or 'plain' (one language pair, or a ">>xx<<" prefix model)."""
    kind = type(tokenizer).__name__.lower()
    if kind.startswith("nllb"):
        return "nllb"
    if hasattr(tokenizer, "get_lang_token"):
        return "m2m100"
    return "plain"


def set_source_lang(tokenizer, lang: str | None) -> None:
    """Make the tokenizer put the source-language token in front of what it encodes.

    This mutates the tokenizer: callers hold the model's lock while encoding.
    """
    fam = family(tokenizer)
    if fam == "plain":
        return
    if not lang:
        raise BadInputError(
            "this model needs the source language: pass --source-lang (e.g. ko) or import with --source-lang"
        )
    tokenizer.src_lang = nllb_code(lang) if fam == "nllb" else lang.lower()


def target_start_token(tokenizer, lang: str) -> str | None:
    """The token the output must start with (forced BOS), or None when the model needs none."""
    fam = family(tokenizer)
    if fam == "nllb":
        return nllb_code(lang)
    if fam == "m2m100":
        return tokenizer.get_lang_token(lang.lower())
    return None


def source_prefix(tokenizer, lang: str) -> str:
    """">>xx<< " for multi-target OPUS-MT models whose vocabulary has such a token, else ""."""
    if family(tokenizer) != "plain":
        return ""
    vocab = tokenizer.get_vocab()
    for code in (lang, NLLB_CODES.get(lang, "")[:3]):
        if code and f">>{code}<<" in vocab:
            return f">>{code}<< "
    return ""
