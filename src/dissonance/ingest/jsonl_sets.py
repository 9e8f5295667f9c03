"""JSON Lines files in the labelled-set format, read as analysis input.

The format has one reader, `dissonance.labelled.io.iter_documents`; ingest
uses it (with `gold=False`, so gold fields are ignored and only `id` and
`text` are required) rather than parsing JSONL a second way, and moves its
`FILE:LINE: field: problem` reports into the collection's report.

That reader skips a record it finds bad, including a second record with an
id already used *in the same file*; such records are reported and counted in
`records_skipped`. Ids that clash across files are disambiguated by the
collection like any other.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..labelled.io import ReadReport, iter_documents
from .draft import Draft
from .report import Recorder, SkippedFile


def read(path: Path, rel: str, fmt: str, rec: Recorder) -> Iterator[Draft]:
    try:
        with path.open("rb") as fh:
            if b"\x00" in fh.read(8192):
                rec.skip(rel, "binary or unreadable (NUL bytes)")
                return
    except OSError as exc:
        rec.skip(rel, f"binary or unreadable ({exc.strerror or exc})")
        return
    read_report = ReadReport()
    moved = 0

    def move_problems() -> None:
        nonlocal moved
        for problem in read_report.problems[moved:]:
            moved += 1
            rec.problem(rel, problem.message, line=problem.line, field=problem.field)

    documents = iter_documents(path, gold=False, report=read_report)
    yielded = 0
    while True:
        try:
            doc = next(documents)
        except StopIteration:
            break
        except OSError as exc:
            rec.skip(rel, f"binary or unreadable ({exc.strerror or exc})")
            return
        finally:
            move_problems()
        yielded += 1
        yield Draft(
            text=doc.text,
            source_path=rel,
            format=fmt,
            fallback_id=doc.id,
            id=doc.id,
            lang=doc.lang,
            date=doc.date,
            meta=dict(doc.meta or {}),
        )
    rec.report.records_skipped += read_report.skipped
    if yielded == 0:
        if read_report.skipped == 0:
            rec.skip(rel, "no documents in file", severity="warning")
        else:
            rec.report.skipped.append(SkippedFile(rel, f"no valid record ({read_report.skipped} skipped)", problem=False))

