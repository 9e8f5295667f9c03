"""`read_collection`: one entry point for whatever the user hands over.

A `Collection` is lazy: iterating it walks the files and streams
`InputDocument`s one at a time, so a folder of thousands of pages or a large
table is never loaded whole. Every pass builds a fresh `IngestReport`; ids,
order and problems are the same on every pass because files are read in
sorted order and ids never depend on anything but the input.

Readers (one module per format) yield `Draft`s; `_finish` turns each into an
`InputDocument` the same way for every format: unique id, ISO date, two-letter
language, `meta["source_path"]` and `meta["format"]`, and empty documents
kept with `meta["ingest_status"] = "empty"`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from ..labelled.schema import SOURCE_TYPES, InputDocument
from . import docx_files, html_pages, jsonl_sets, pdf_files, tables, text_files
from .dates import DateError, normalise_date
from .draft import Draft
from .ids import IdRegistry
from .metadata import jsonable
from .report import IngestReport, Recorder
from .walk import iter_files

Reader = Callable[[Path, str, str, Recorder], Iterator[Draft]]
_LANG = re.compile(r"[a-z]{2}")
_STAMPS = ("source_path", "format")


class Collection:
    """Documents of a folder or file, streamed; see `read_collection`."""

    def __init__(self, path: str | Path, *, text_column: str = "text", id_column: str = "id", strict: bool = False):
        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(f"{self.path}: no such file or folder")
        self.text_column, self.id_column, self.strict = text_column, id_column, strict
        self._report: IngestReport | None = None
        self._readers: dict[str, Reader] = {
            "txt": text_files.read,
            "md": text_files.read,
            "html": html_pages.read,
            "pdf": pdf_files.read,
            "docx": docx_files.read,
            "jsonl": jsonl_sets.read,
            "csv": partial(tables.read_csv, text_column=text_column, id_column=id_column),
            "parquet": partial(tables.read_parquet, text_column=text_column, id_column=id_column),
        }

    def __repr__(self) -> str:
        return f"Collection({str(self.path)!r})"

    def __iter__(self) -> Iterator[InputDocument]:
        report = IngestReport(root=str(self.path))
        self._report = report
        rec = Recorder(report, self.strict)
        ids = IdRegistry()
        for file, rel, fmt in iter_files(self.path, rec):
            for draft in self._readers[fmt](file, rel, fmt, rec):
                yield _finish(draft, rec, ids)
        report.complete = True

    @property
    def report(self) -> IngestReport:
        """The report of the current or last pass; reads the collection if none ran yet.

        It is complete (`report.complete`) once a pass has run to the end.
        """
        if self._report is None:
            self.scan()
        assert self._report is not None
        return self._report

    def scan(self) -> IngestReport:
        """Read everything, keep nothing but the report."""
        for _ in self:
            pass
        assert self._report is not None
        return self._report


def read_collection(
    path: str | Path,
    *,
    text_column: str = "text",
    id_column: str = "id",
    strict: bool = False,
) -> Collection:
    """The documents of a folder or a file, to iterate.

    Folders are read recursively (txt, md, html, pdf, docx, jsonl, csv, parquet); a
    single file of any of those kinds is a collection too. `text_column` and
    `id_column` name the columns of CSV and Parquet tables. With `strict`,
    iteration raises `IngestError` at the first problem; otherwise problems
    are collected in `collection.report` and reading goes on.
    """
    return Collection(path, text_column=text_column, id_column=id_column, strict=strict)


def _lang(draft: Draft, meta: dict[str, Any], rec: Recorder) -> str | None:
    if draft.lang is None:
        return None
    raw = str(draft.lang).strip()
    code = raw.lower().replace("_", "-").split("-")[0]
    if _LANG.fullmatch(code):
        return code
    meta["lang_raw"] = raw
    path, line = draft.where("lang")
    rec.problem(
        path,
        f"{raw!r} is not a two-letter ISO 639-1 code; kept as meta['lang_raw']",
        line=line,
        field=draft.lang_field,
        severity="warning",
    )
    return None


def _date(draft: Draft, meta: dict[str, Any], rec: Recorder) -> str | None:
    if draft.date is None:
        return None
    try:
        return normalise_date(draft.date)
    except DateError as exc:
        meta["date_raw"] = jsonable(draft.date)
        path, line = draft.where("date")
        rec.problem(
            path,
            f"unparseable date {jsonable(draft.date)!r} ({exc}); kept as meta['date_raw']",
            line=line,
            field=draft.date_field,
            severity="warning",
        )
        return None


def _id(draft: Draft, rec: Recorder, ids: IdRegistry) -> str:
    wanted = draft.fallback_id
    if draft.id is not None:
        value = jsonable(draft.id)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a numeric id column with a gap is read as floats: 7.0 is id "7"
        not_text = isinstance(value, dict | list | bool)
        given = "" if not_text else str(value).strip()
        if given:
            wanted = given
        else:
            path, line = draft.where("id")
            what = f"id {value!r} is not a text" if not_text else "empty id"
            rec.problem(
                path,
                f"{what}; using {wanted!r}",
                line=line,
                field=draft.id_field,
                severity="warning",
            )
    where = draft.source_path if draft.line is None else f"{draft.source_path}:{draft.line}"
    unique, first = ids.claim(wanted, where)
    if first is not None:
        rec.problem(
            draft.source_path,
            f"duplicate id {wanted!r} (first used by {first}); renamed {unique!r}",
            line=draft.line,
            field=draft.id_field,
            severity="warning",
        )
    return unique


def _finish(draft: Draft, rec: Recorder, ids: IdRegistry) -> InputDocument:
    meta: dict[str, Any] = jsonable(draft.meta)
    origin = {k: meta[k] for k in _STAMPS if k in meta}
    if origin and origin != {"source_path": draft.source_path, "format": draft.format}:
        meta["origin"] = origin  # where a previously ingested record came from
    meta.update(source_path=draft.source_path, format=draft.format)
    doc_id = _id(draft, rec, ids)
    lang = _lang(draft, meta, rec)
    date = _date(draft, meta, rec)
    source_type = meta.get("source_type")
    if source_type is not None and source_type not in SOURCE_TYPES:
        path, line = draft.where("source_type")
        rec.problem(
            path,
            f"unknown value {source_type!r} (expected one of {', '.join(SOURCE_TYPES)}); kept as metadata",
            line=line,
            field="source_type",
            severity="warning",
        )
    if not draft.text.strip():
        meta["ingest_status"] = "empty"
        rec.report.empty.append(doc_id)
        reason = draft.empty_reason or ("empty document" if not draft.text else "whitespace-only document")
        if draft.empty_reason:
            meta["empty_reason"] = draft.empty_reason  # shown in documents.parquet: "run OCR on it first"
        in_record = draft.format in ("jsonl", "csv", "parquet")
        rec.problem(
            draft.source_path,
            reason,
            line=draft.line,
            field=draft.text_field if in_record else None,
            severity="warning",
        )
    elif meta.get("ingest_status") == "empty":
        del meta["ingest_status"]
    rec.report.documents[draft.format] += 1
    rec.report.langs[lang] += 1
    return InputDocument(id=doc_id, text=draft.text, lang=lang, date=date, meta=meta)
