"""Parquet in the Hugging Face translation layout, written in row groups (flat memory).

The ``translation`` column is a struct keyed by language code
(``{"ko": ..., "en": ...}``), as in the Hub's translation data sets, so
``datasets.load_dataset("parquet", data_files=...)`` and ``pandas.read_parquet``
read it as is; provenance follows in plain columns.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from ..errors import BadInputError
from .base import Writer, require_languages
from .rows import ExportHeader, ExportRow

ROW_GROUP = 5_000  # rows per row group: what the writer holds in memory at once (about 10 MB)
_PLAIN = ("document", "status", "origin", "system", "reviewer", "time", "original_mt")


class ParquetWriter(Writer):
    """Parquet with a Hugging Face translation column"""

    name = "parquet"
    extension = ".parquet"
    needs_languages = True
    single_pair = True  # the struct's keys are the languages: one pair per file

    def check_header(self, header: ExportHeader) -> None:
        super().check_header(header)
        if header.source_lang.lower() == header.target_lang.lower():
            raise BadInputError(
                f"parquet keys the translation column by language, but source and target are both "
                f"{header.source_lang}; relabel one with --source-lang/--target-lang on import"
            )

    def schema(self, header: ExportHeader):
        import pyarrow as pa

        text = pa.string()
        return pa.schema(
            [("id", text), ("translation", pa.struct([(header.source_lang, text), (header.target_lang, text)]))]
            + [(name, text) for name in _PLAIN[:-1]]
            + [("findings", pa.list_(text)), ("original_mt", text)]
        )

    def write(self, rows: Iterable[ExportRow], out: BinaryIO, header: ExportHeader) -> None:
        import pyarrow.parquet as pq

        schema = self.schema(header)
        with pq.ParquetWriter(out, schema, compression="zstd") as writer:
            batch: list[ExportRow] = []
            for row in rows:
                require_languages(row, self.name)
                batch.append(row)
                if len(batch) >= ROW_GROUP:
                    writer.write_table(self._table(batch, schema, header))
                    batch = []
            if batch:
                writer.write_table(self._table(batch, schema, header))

    def _table(self, rows: list[ExportRow], schema, header: ExportHeader):
        import pyarrow as pa

        text = pa.string()
        translation = pa.StructArray.from_arrays(
            [pa.array([r.source for r in rows], text), pa.array([r.target for r in rows], text)],
            fields=list(schema.field("translation").type),
        )
        columns = {
            "id": pa.array([r.id for r in rows], text),
            "translation": translation,
            "document": pa.array([r.document for r in rows], text),
            "status": pa.array([r.status for r in rows], text),
            "origin": pa.array([r.origin for r in rows], text),
            "system": pa.array([r.system for r in rows], text),
            "reviewer": pa.array([r.reviewer for r in rows], text),
            "time": pa.array([r.iso_time for r in rows], text),
            "findings": pa.array([list(r.findings) for r in rows], pa.list_(text)),
            "original_mt": pa.array([r.mt for r in rows], text),
        }
        return pa.Table.from_pydict(columns, schema=schema)


__all__ = ["ParquetWriter"]
