"""CSV and Parquet tables: one document per row.

Collections exported from spreadsheets or scrapers arrive as tables whose
text column is rarely called `text`, so the text and id columns are named by
the caller. A missing text column is an error naming the file and column (the
file gives no document); columns called `lang` and `date` become fields and
every other column goes into `meta`, so nothing the user collected is lost.
Rows are streamed (csv module, Parquet record batches): a large table is
never held whole. Row numbers in ids and problems are 1-based data rows.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .decoding import SNIFF_BYTES, NotText, detect_encoding
from .draft import Draft
from .ids import id_from_row
from .metadata import jsonable
from .report import Recorder

FIELD_COLUMNS = ("lang", "date")
_DELIMITERS = ",;\t|"
_BATCH_ROWS = 512

# Documents are long; the csv module's default cell limit (128 KiB) is not.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class _Columns:
    """Which columns of a header hold what; checked once per file."""

    def __init__(self, names: list[str], rel: str, text_column: str, id_column: str, rec: Recorder):
        self.names = names
        self.text_column, self.id_column = text_column, id_column
        self.ok = text_column in names
        if not self.ok:
            rec.skip(
                rel,
                f"missing text column {text_column!r} (columns: {', '.join(map(repr, names)) or 'none'})",
            )
            return
        self.has_id = id_column in names
        if not self.has_id and id_column != "id":
            rec.problem(
                rel,
                f"missing id column {id_column!r}; ids derived from row numbers",
                field=id_column,
                severity="warning",
            )

    def draft(self, values: dict[str, Any], row: int, rel: str, fmt: str) -> Draft:
        text = values.get(self.text_column)
        given = values.get(self.id_column) if self.has_id else None
        fields = {k: values[k] for k in FIELD_COLUMNS if values.get(k) not in (None, "")}
        skip = {self.text_column, self.id_column if self.has_id else None, *FIELD_COLUMNS}
        meta = {k: jsonable(v) for k, v in values.items() if k not in skip and v not in (None, "")}
        return Draft(
            text="" if text is None else str(text),
            source_path=rel,
            format=fmt,
            fallback_id=id_from_row(rel, row),
            id=None if given in (None, "") else jsonable(given),
            meta={**meta, "source_row": row},
            line=row,
            text_field=self.text_column,
            id_field=self.id_column,
            **fields,
        )


def _no_rows(rel: str, rec: Recorder) -> None:
    rec.skip(rel, "no documents in file", severity="warning")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv(path: Path, rel: str, fmt: str, rec: Recorder, *, text_column: str, id_column: str) -> Iterator[Draft]:
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
            complete = not fh.read(1)
        encoding = detect_encoding(head, complete=complete)
    except NotText as exc:
        rec.skip(rel, str(exc))
        return
    except OSError as exc:
        rec.skip(rel, f"binary or unreadable ({exc.strerror or exc})")
        return
    if not encoding.startswith(("utf-8", "ascii")):
        rec.report.encodings[encoding] += 1
    with path.open("r", encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=_delimiter(fh.readline()))
        fh.seek(0)
        rows = _csv_rows(reader, rel, rec)
        header = next(rows, None)
        if header is None:
            _no_rows(rel, rec)
            return
        names = [name.strip().removeprefix("\ufeff") for name in header[1]]
        columns = _Columns(names, rel, text_column, id_column, rec)
        if not columns.ok:
            return
        n = 0
        for n, (line, cells) in enumerate(rows, 1):
            if len(cells) != len(names):
                rec.problem(
                    rel,
                    f"{len(cells)} cells where the header has {len(names)} (physical line {line})",
                    line=n,
                    severity="warning",
                )
                cells = cells + [""] * (len(names) - len(cells))
            draft = columns.draft(dict(zip(names, cells)), n, rel, fmt)
            if not encoding.startswith(("utf-8", "ascii")):
                draft.meta["encoding"] = encoding
            yield draft
        if n == 0:
            _no_rows(rel, rec)


def _csv_rows(reader: Any, rel: str, rec: Recorder) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows with the physical line each ends on; stops, reported, at a broken one."""
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield reader.line_num, cells
    except (csv.Error, UnicodeDecodeError) as exc:
        rec.problem(rel, f"unreadable CSV after physical line {reader.line_num}: {exc}; rest of file not read")


def _parquet_batches(path: Path, rel: str, rec: Recorder) -> tuple[list[str], Iterable[Any]] | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        rec.skip(rel, f"binary or unreadable (not a Parquet file: {' '.join(str(exc).split())[:160]})")
        return None
    return table.schema_arrow.names, table.iter_batches(batch_size=_BATCH_ROWS)


def read_parquet(path: Path, rel: str, fmt: str, rec: Recorder, *, text_column: str, id_column: str) -> Iterator[Draft]:
    opened = _parquet_batches(path, rel, rec)
    if opened is None:
        return
    names, batches = opened
    columns = _Columns(list(names), rel, text_column, id_column, rec)
    if not columns.ok:
        return
    n = 0
    for batch in batches:
        for values in batch.to_pylist():
            n += 1
            yield columns.draft(values, n, rel, fmt)
    if n == 0:
        _no_rows(rel, rec)
