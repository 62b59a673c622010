"""The contract every export writer keeps: it writes what it is given and reads back the same,
streams, reports what the filters removed, and leaves nothing behind when an export fails."""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from review_app.errors import BadInputError
from review_app.export import WRITERS, ExportFilters, export_rows
from review_app.export import parquet as parquet_writer

from .data import HEADER, news_rows
from .readback import read_back

FORMATS = sorted(WRITERS)


def expected(fmt: str, rows) -> list[tuple[str | None, str]]:
    if fmt == "text":
        return [(None, r.target) for r in rows]
    return [(r.source, r.target) for r in rows]


@pytest.mark.parametrize("fmt", FORMATS)
def test_reads_back_what_it_wrote(fmt, tmp_path):
    rows = news_rows(40)
    report = export_rows(rows, fmt, tmp_path / "out", header=HEADER)
    assert report.exported == 40
    assert read_back(fmt, report.outputs) == expected(fmt, rows)


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_accounts_for_every_segment_and_is_written_beside(fmt, tmp_path):
    rows = news_rows(30)
    rows += rows[:5]  # exact duplicates
    rows.append(replace(rows[0], id="x", excluded="byline"))
    report = export_rows(rows, fmt, tmp_path / "out", header=HEADER)
    removed = {name: r.count for name, r in report.removed.items()}
    assert report.considered == len(rows) == report.exported + sum(removed.values())
    assert removed["duplicate"] == 5 and removed["excluded"] == 1
    assert report.removed["excluded"].examples[0]["detail"] == "byline"
    written = json.loads(Path(f"{tmp_path / 'out'}.report.json").read_text(encoding="utf-8"))
    assert written["exported"] == report.exported and written["removed"]["duplicate"]["count"] == 5


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_export_is_still_a_readable_file(fmt, tmp_path):
    report = export_rows([], fmt, tmp_path / "out", header=HEADER)
    assert all(Path(p).is_file() for p in report.outputs)
    if fmt in {"tmx", "xliff", "xliff2"}:
        from . import validate

        problems = {"tmx": validate.tmx_problems, "xliff": validate.xliff12_problems,
                    "xliff2": validate.xliff20_problems}[fmt](Path(report.outputs[0]).read_bytes())
        assert problems == []
    elif fmt in {"tsv", "csv"}:
        lines = Path(report.outputs[0]).read_text(encoding="utf-8-sig").splitlines()
        assert len(lines) == 1 and lines[0].startswith("id")
    elif fmt == "parquet":
        assert read_back(fmt, report.outputs) == []
    else:  # JSON Lines and line-aligned text: no rows is no lines
        assert all(Path(p).read_bytes() == b"" for p in report.outputs)


class CountingStream(io.BytesIO):
    """Records how many rows had been produced when the first bytes arrived."""

    def __init__(self, pulled: list[int]):
        super().__init__()
        self.pulled = pulled
        self.first_write_at = None

    def write(self, data):
        if self.first_write_at is None and data:
            self.first_write_at = self.pulled[0]
        return super().write(data)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if not WRITERS[f].multi_file])
def test_writes_while_rows_still_arrive(fmt, monkeypatch):
    monkeypatch.setattr(parquet_writer, "ROW_GROUP", 500)
    rows = news_rows(1000) * 3
    pulled = [0]

    def produce():
        for i, row in enumerate(rows):
            pulled[0] += 1
            yield replace(row, id=str(i))

    out = CountingStream(pulled)
    export_rows(produce(), fmt, out, header=HEADER, filters=ExportFilters(drop_duplicates=False,
                                                                          drop_near_duplicates=False))
    assert out.first_write_at is not None and out.first_write_at < len(rows)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_export_leaves_no_file(fmt, tmp_path):
    def broken():
        yield from news_rows(10)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        export_rows(broken(), fmt, tmp_path / "out", header=HEADER)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_stream_gets_the_same_content_as_a_file(fmt, tmp_path):
    rows = news_rows(20)
    files = export_rows(rows, fmt, tmp_path / "out", header=HEADER).outputs
    stream = io.BytesIO()
    export_rows(rows, fmt, stream, header=HEADER)
    if WRITERS[fmt].multi_file:
        with zipfile.ZipFile(io.BytesIO(stream.getvalue())) as archive:
            assert sorted(archive.namelist()) == sorted(Path(p).name.replace("out", "corpus") for p in files)
            for p in files:
                assert archive.read(Path(p).name.replace("out", "corpus")) == Path(p).read_bytes()
    elif fmt == "parquet":
        (tmp_path / "stream.parquet").write_bytes(stream.getvalue())
        assert read_back(fmt, [str(tmp_path / "stream.parquet")]) == read_back(fmt, files)
    else:
        assert stream.getvalue() == Path(files[0]).read_bytes()


@pytest.mark.parametrize("fmt", [f for f in FORMATS if WRITERS[f].needs_languages])
def test_formats_that_need_languages_name_the_document_without_one(fmt, tmp_path):
    rows = [replace(r, source_lang=None) for r in news_rows(3)]
    with pytest.raises(BadInputError, match=r"document 'dev' has no source language.*--source-lang") as err:
        export_rows(rows, fmt, tmp_path / "out", header=HEADER)
    assert "\n" not in str(err.value)
