"""Metric names, tokenizers per target language, and signatures."""
from __future__ import annotations

import pytest

from review_app.errors import BadInputError
from review_app.scoring.metrics import parse_metrics, signature_text, tokenizer_for


def test_metric_names_are_parsed_and_deduplicated():
    assert parse_metrics("ter, CHRF,bleu,chrf++") == ("ter", "chrf", "bleu")


@pytest.mark.parametrize("spec", ["bleu,rouge", "", "bleu,,comet"])
def test_unknown_or_missing_metric_names_are_one_line_errors(spec):
    with pytest.raises(BadInputError) as info:
        parse_metrics(spec)
    assert "\n" not in str(info.value) and "known: bleu, chrf, ter" in str(info.value)


@pytest.mark.parametrize("lang, expected", [("en", "13a"), ("en-US", "13a"), ("de", "13a"), ("zh_CN", "zh"),
                                           (None, "13a")])
def test_tokenizer_follows_the_target_language(lang, expected):
    assert tokenizer_for(lang) == expected


@pytest.mark.parametrize("lang", ["ko", "ja"])
def test_korean_and_japanese_fall_back_to_characters_without_mecab(lang):
    import importlib.util

    module = {"ko": "mecab_ko", "ja": "MeCab"}[lang]
    expected = f"{lang}-mecab" if importlib.util.find_spec(module) else "char"
    assert tokenizer_for(lang) == expected
    assert f"tok:{expected}" in signature_text("bleu", lang, True)
    assert "asian:yes" in signature_text("ter", lang)
