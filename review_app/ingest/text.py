"""Plain-text MT documents like the seed: paragraphs, then sentences."""
from __future__ import annotations

import re

from ..model import DocumentDraft, SegmentDraft
from .decode import decode_text
from .furniture import furniture_reasons, is_furniture
from .segment import split_sentences

_SENTENCE_END = re.compile(r"[.!?…:\"”’)]\s*$")
_WRAP_WIDTH = 40  # hard-wrapped prose runs to about this width or more


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs from blank lines or line breaks.

    A line break is a paragraph break, except inside hard-wrapped prose: a
    line of prose width that does not end a sentence, followed by one that
    starts in lower case and is not page furniture, is the same paragraph.
    """
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current, previous_line = "", ""
        for line in block.split("\n"):
            line = line.strip()
            if not line:
                continue
            if current and _continues(previous_line, line):
                current += " " + line
            else:
                if current:
                    paragraphs.append(current)
                current = line
            previous_line = line
        if current:
            paragraphs.append(current)
    return paragraphs


def _continues(previous_line: str, line: str) -> bool:
    return (
        len(previous_line) >= _WRAP_WIDTH
        and not _SENTENCE_END.search(previous_line)
        and line[:1].islower()
        and not is_furniture(line)
    )


def read_text(name: str, data: bytes, *, source_lang: str | None = None, target_lang: str = "en",
              source_data: bytes | None = None, source_name: str | None = None) -> DocumentDraft:
    """An MT text document. ``source_data`` (optional) is the source text with the
    same paragraphs; its sentences are paired with the MT's where the counts match,
    else each MT sentence shows its whole source paragraph."""
    paragraphs = split_paragraphs(decode_text(name, data))
    sources = _source_paragraphs(source_name or "source", source_data, len(paragraphs), name)
    reasons = furniture_reasons(paragraphs)
    segments: list[SegmentDraft] = []
    for number, (paragraph, reason) in enumerate(zip(paragraphs, reasons)):
        sentences = split_sentences(paragraph, target_lang)
        src_sentences = _pair_sources(sources[number] if sources else None, len(sentences), source_lang)
        for sentence, source in zip(sentences, src_sentences):
            segments.append(
                SegmentDraft(
                    mt=sentence,
                    paragraph=number,
                    source=source,
                    excluded=reason is not None,
                    exclusion_reason=reason,
                )
            )
    return DocumentDraft(name=name, format="text", segments=tuple(segments), source_lang=source_lang,
                         target_lang=target_lang)


def _source_paragraphs(source_name: str, data: bytes | None, expected: int, mt_name: str) -> list[str] | None:
    if data is None:
        return None
    paragraphs = split_paragraphs(decode_text(source_name, data))
    if len(paragraphs) != expected:
        from ..errors import BadInputError

        raise BadInputError(
            f"{source_name}: has {len(paragraphs)} paragraphs but {mt_name} has {expected}; "
            "a source text must have the same paragraphs as its MT"
        )
    return paragraphs


def _pair_sources(paragraph: str | None, count: int, lang: str | None) -> list[str | None]:
    if paragraph is None:
        return [None] * count
    sentences = split_sentences(paragraph, lang)
    return sentences if len(sentences) == count else [paragraph] * count
