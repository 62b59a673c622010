"""What an upload would import, shown before anything is stored: the format, the columns of a
tabular file and which role each holds (source, MT, reference, id), the first rows as they
would become segments, and the languages: what the file says (TMX, XLIFF), else what the text
reads as (py3langid, a BSD-licensed port of langid.py, on a sample of the segments), else
nothing. A target language nobody gave and nothing detected stops the import, since every
score and export needs it."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import detect_format, stream_document
from .tabular import guess_columns, read_header

TABULAR = ("tsv", "csv", "jsonl")
FILE_LANGUAGES = ("tmx", "xliff")  # formats whose files name their languages
SAMPLE_SEGMENTS = 50
MIN_LETTERS = 12  # fewer letters than this and a language guess is noise
GIVEN, IN_FILE, DETECTED = "given", "the file", "detected from the text"


@dataclass(frozen=True)
class ImportPreview:
    name: str
    format: str
    segments: int
    rows: list[dict]  # the first segments: source, mt, reference, id
    columns: list[str] = field(default_factory=list)  # a tabular file's columns
    mapping: dict[str, str] = field(default_factory=dict)  # role -> column
    source_lang: str | None = None
    target_lang: str | None = None
    said_by: dict[str, str] = field(default_factory=dict)  # "source"/"target" -> given, the file, detected

    @property
    def problem(self) -> str | None:
        """Why this file may not be imported as it stands, or None."""
        if not self.target_lang:
            return (f"{self.name}: no target language: the file does not say and its text is too short to tell; "
                    "give it (e.g. en)")
        return None


def detect_language(texts: Sequence[str | None]) -> str | None:
    """The language a sample of segments reads as (ISO 639-1), or None if there is too little text."""
    sample = " ".join(t for t in texts[:SAMPLE_SEGMENTS] if t)
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    import py3langid  # a few MB of model: loaded when an upload is first previewed

    return py3langid.classify(sample)[0]


def preview_import(name: str, data: bytes, fmt: str = "auto", *, columns: Mapping[str, str] | None = None,
                   source_lang: str | None = None, target_lang: str | None = None, rows: int = 5) -> ImportPreview:
    """Read ``data`` as an import would (nothing stored) and say what it would become."""
    fmt = detect_format(name) if fmt == "auto" else fmt
    header = read_header(name, data, fmt) if fmt in TABULAR else []
    mapping = guess_columns(name, header, columns) if fmt in TABULAR else {}
    # Read as a stream, as the import reads it: a big file is counted, not held (and a row the
    # database could not store is refused here already, with its line).
    stream = stream_document(name, data, fmt, columns=columns or None, source_lang=source_lang or None,
                             target_lang=target_lang or None)
    count, first, content = 0, [], []
    for _, segment in stream.rows:
        count += 1
        if len(first) < max(rows, SAMPLE_SEGMENTS):
            first.append(segment)
        if not segment.excluded and len(content) < SAMPLE_SEGMENTS:
            content.append(segment)
    draft = stream.header
    segments = content or first
    langs, said_by = {}, {}
    for side, given, from_file, texts in (
            ("source", source_lang, draft.source_lang, [s.source for s in segments]),
            ("target", target_lang, draft.target_lang, [s.mt for s in segments])):
        if given:
            langs[side], said_by[side] = given.strip(), GIVEN
        elif fmt in FILE_LANGUAGES and from_file:
            langs[side], said_by[side] = from_file, IN_FILE
        else:
            langs[side] = detect_language(texts)
            if langs[side]:
                said_by[side] = DETECTED
    shown = [{"id": s.external_id, "source": s.source, "mt": s.mt, "reference": s.reference} for s in first[:rows]]
    return ImportPreview(name, fmt, count, shown, header, mapping, langs["source"], langs["target"], said_by)


def file_columns(name: str, data: bytes, fmt: str = "auto") -> tuple[str, list[str], dict[str, str]]:
    """The format, a tabular file's columns and the roles guessed for them (for a page to edit the
    mapping even when no MT column was found and the preview itself is refused)."""
    fmt = detect_format(name) if fmt == "auto" else fmt
    if fmt not in TABULAR:
        return fmt, [], {}
    header = read_header(name, data, fmt)
    return fmt, header, guess_columns(name, header)


__all__ = ["ImportPreview", "preview_import", "detect_language", "file_columns", "TABULAR"]
