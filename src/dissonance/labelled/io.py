"""Read and write labelled sets, reporting every problem with its place.

Reading streams: one line is parsed and checked at a time, so large sets never
sit in memory as text. Each problem is reported as `FILE:LINE: field: problem`.
By default a bad record is skipped and counted and reading goes on; with
`strict=True` the first problem raises `LabelledSetError`.

Relation ends can point to spans of later documents, so they are checked once
the whole set has been read; a relation whose end does not exist is dropped
from its document and reported against that document's line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .schema import Document, InputDocument


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class LabelledSetError(ValueError):
    """Raised in strict mode at the first problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class ReadReport:
    """What a read saw: records read, skipped, and every problem."""

    path: str = ""
    read: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "record"


def _pydantic_problems(path: str, line: int, exc: ValidationError, raw: dict[str, Any]) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        where = _loc(loc)
        if err["type"] == "missing":
            msg = "missing required field"
        elif err["type"] == "enum":
            allowed = err.get("ctx", {}).get("expected", "")
            msg = f"unknown value {err.get('input')!r} (expected {allowed})"
        else:
            msg = err["msg"]
        problems.append(Problem(path, line, where, msg))
    return problems


class _Reader:
    def __init__(self, path: Path, strict: bool, gold: bool, report: ReadReport):
        self.path, self.strict, self.gold, self.report = path, strict, gold, report
        self.doc_ids: dict[str, int] = {}
        self.span_ids: dict[str, int] = {}
        self.pending_relations: list[tuple[int, int, str, str]] = []  # (line, index, source, target)

    def problem(self, line: int, field_: str, message: str) -> None:
        p = Problem(str(self.path), line, field_, message)
        self.report.problems.append(p)
        if self.strict:
            raise LabelledSetError(p)

    def parse(self, line_no: int, line: str) -> Document | InputDocument | None:
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            self.problem(line_no, "record", f"invalid JSON: {exc.msg} at column {exc.colno}")
            return None
        if not isinstance(raw, dict):
            self.problem(line_no, "record", f"expected a JSON object, got {type(raw).__name__}")
            return None
        model = Document if self.gold else InputDocument
        if not self.gold:
            raw = self._loosen(line_no, raw)
        try:
            doc = model.model_validate(raw)
        except ValidationError as exc:
            problems = _pydantic_problems(str(self.path), line_no, exc, raw)
            self.report.problems.extend(problems)
            if self.strict:
                raise LabelledSetError(problems[0]) from None
            return None
        return doc if self._consistent(line_no, doc) else None

    def _loosen(self, line_no: int, raw: dict[str, Any]) -> dict[str, Any]:
        """Analysis input keeps a document whose metadata the format would refuse.

        A numeric id is read as text. A `lang` or `date` that is not in the
        format's form ("English", "18/02/2021", 20210218) moves to
        `meta['lang_raw']` / `meta['date_raw']`, for ingest to read or report
        at this line; a `meta` that is not an object is kept as
        `meta['meta_raw']` and reported. Only a missing id or text, or a text
        that is not a string, still costs the record.
        """
        raw = {k: v for k, v in raw.items() if k in ("id", "text", "lang", "date", "meta")}
        if isinstance(raw.get("id"), int | float) and not isinstance(raw["id"], bool):
            raw["id"] = str(raw["id"])
        meta = raw.get("meta")
        if meta is not None and not isinstance(meta, dict):
            self.problem(line_no, "meta", f"expected an object, got {type(meta).__name__}; kept as meta['meta_raw']")
            meta = {"meta_raw": meta}
        for key in ("lang", "date"):
            value = raw.get(key)
            if value is None:
                continue
            try:
                InputDocument.model_validate({"id": "x", "text": "", key: value})
            except ValidationError:
                meta = {**(meta or {}), f"{key}_raw": raw.pop(key)}
        if meta is not None:
            raw["meta"] = meta
        return raw

    def _consistent(self, line_no: int, doc: Document | InputDocument) -> bool:
        before = len(self.report.problems)
        if doc.id in self.doc_ids:
            self.problem(line_no, "id", f"duplicate document id {doc.id!r} (first on line {self.doc_ids[doc.id]})")
        if isinstance(doc, Document):
            for kind in ("claims", "findings"):
                for i, span in enumerate(getattr(doc, kind)):
                    where = f"{kind}[{i}]"
                    if span.end > len(doc.text):
                        self.problem(line_no, f"{where}.end", f"{span.end} is past the end of the text ({len(doc.text)})")
                    elif doc.text[span.start : span.end] != span.text:
                        self.problem(
                            line_no,
                            f"{where}.text",
                            f"differs from text[{span.start}:{span.end}] "
                            f"({span.text[:40]!r} vs {doc.text[span.start:span.end][:40]!r})",
                        )
                    if span.id in self.span_ids:
                        self.problem(line_no, f"{where}.id", f"duplicate span id {span.id!r} (first on line {self.span_ids[span.id]})")
        if len(self.report.problems) > before:
            return False
        self.doc_ids[doc.id] = line_no
        if isinstance(doc, Document):
            for span in doc.spans():
                self.span_ids[span.id] = line_no
        return True

    def check_relations(self, documents: dict[int, Document] | None) -> None:
        """Report relation ends missing from the set; drop them where documents are held."""
        for line_no, index, source, target in self.pending_relations:
            missing = [end for end in (source, target) if end not in self.span_ids]
            if not missing:
                continue
            which = "source" if source in missing else "target"
            self.problem(line_no, f"relations[{index}].{which}", f"no span with id {missing[0]!r} in the set")
            if documents is not None and line_no in documents:
                doc = documents[line_no]
                doc.relations = [r for r in doc.relations if (r.source, r.target) != (source, target)]


def _lines(path: Path, reader: _Reader) -> Iterator[tuple[int, str]]:
    """Non-blank lines, decoded one at a time so that one bad byte costs one record."""
    with path.open("rb") as fh:
        for line_no, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                reader.problem(line_no, "record", f"not valid UTF-8: {exc.reason} at byte {exc.start}")
                reader.report.skipped += 1
                continue
            if line.strip():
                yield line_no, line


def _documents(reader: _Reader) -> Iterator[tuple[int, Document | InputDocument]]:
    for line_no, line in _lines(reader.path, reader):
        doc = reader.parse(line_no, line)
        if doc is None:
            reader.report.skipped += 1
            continue
        reader.report.read += 1
        if isinstance(doc, Document):
            for i, rel in enumerate(doc.relations):
                reader.pending_relations.append((line_no, i, rel.source, rel.target))
        yield line_no, doc


def iter_documents(
    path: str | Path,
    *,
    strict: bool = False,
    gold: bool = True,
    report: ReadReport | None = None,
) -> Iterator[Document | InputDocument]:
    """Stream the valid documents of a set; problems go into `report`.

    `gold=False` reads analysis input: only `id` and `text` are required and
    gold fields are ignored. Dangling relation ends are reported after the
    last document (they cannot be dropped from documents already yielded;
    use `read_set` for that).
    """
    for _, doc in iter_numbered_documents(path, strict=strict, gold=gold, report=report):
        yield doc


def iter_numbered_documents(
    path: str | Path,
    *,
    strict: bool = False,
    gold: bool = True,
    report: ReadReport | None = None,
) -> Iterator[tuple[int, Document | InputDocument]]:
    """`iter_documents` with each document's line, for problems found later about its fields."""
    report = report if report is not None else ReadReport()
    report.path = str(path)
    reader = _Reader(Path(path), strict, gold, report)
    yield from _documents(reader)
    reader.check_relations(None)


def read_set(path: str | Path, *, strict: bool = False, gold: bool = True) -> tuple[list[Document], ReadReport]:
    """Read a whole set; relations with missing ends are dropped and reported."""
    report = ReadReport(path=str(path))
    reader = _Reader(Path(path), strict, gold, report)
    by_line = dict(_documents(reader))
    reader.check_relations(by_line)
    return list(by_line.values()), report


def write_set(documents: Iterable[Document | dict[str, Any]], path: str | Path) -> int:
    """Write documents as JSON Lines (UTF-8, one per line); returns the count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for doc in documents:
            data = doc.to_json() if isinstance(doc, Document) else doc
            fh.write(json.dumps(data, ensure_ascii=False) + "\n")
            n += 1
    return n
