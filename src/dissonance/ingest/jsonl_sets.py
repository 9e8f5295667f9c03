"""JSON Lines files in the labelled-set format, read as analysis input.

The format has one reader, `dissonance.labelled.io.iter_documents`; ingest
uses it, in the form that numbers each document's line (with `gold=False`,
so gold fields are ignored and only `id` and `text` are required), rather
than parsing JSONL a second way, and moves its `FILE:LINE: field: problem`
reports into the collection's report; later problems about a document's
fields (an unreadable date) name its line too.

That reader skips a record it finds bad, including a second record with an
id already used *in the same file*; such records are reported and counted in
`records_skipped`. Ids that clash across files are disambiguated by the
collection like any other.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..labelled.io import ReadReport, iter_numbered_documents
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

    documents = iter_numbered_documents(path, gold=False, report=read_report)
    yielded = 0
    while True:
        try:
            line, doc = next(documents)
        except StopIteration:
            break
        except OSError as exc:
            rec.skip(rel, f"binary or unreadable ({exc.strerror or exc})")
            return
        finally:
            move_problems()
        yielded += 1
        meta = dict(doc.meta or {})
        # a lang or date the format's reader could not take ("English", "18/02/2021") is read here
        # like one from any other file: normalised, or reported at this line and kept raw
        lang = doc.lang if doc.lang is not None else meta.pop("lang_raw", None)
        date = doc.date if doc.date is not None else meta.pop("date_raw", None)
        yield Draft(
            text=doc.text,
            source_path=rel,
            format=fmt,
            fallback_id=doc.id,
            id=doc.id,
            lang=lang,
            date=date,
            meta=meta,
            line=line,
        )
    rec.report.records_skipped += read_report.skipped
    if yielded == 0:
        if read_report.skipped == 0:
            rec.skip(rel, "no documents in file", severity="warning")
        else:
            rec.report.skipped.append(SkippedFile(rel, f"no valid record ({read_report.skipped} skipped)", problem=False))

