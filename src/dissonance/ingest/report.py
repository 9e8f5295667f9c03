"""What a read of a collection saw: counts, skipped files and every problem.

Ingest never drops input silently. Whatever it cannot turn into a document
(binary files, unsupported types, broken lines) becomes a `SkippedFile` or a
problem here, and whatever it turns into a doubtful document (empty text,
duplicate id, unparseable date) is kept *and* reported, so that a person
reading the summary sees exactly what went into analysis and what did not.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class IngestProblem:
    """One problem, placed as precisely as the input allows.

    `line` is the line of a text or JSONL file, or the 1-based data row of a
    CSV or Parquet table (the header is not counted), the same number that
    derived ids carry.
    """

    file: str
    message: str
    line: int | None = None
    field: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = self.message if self.field is None else f"{self.field}: {self.message}"
        return f"{where}: {what}"


@dataclass(frozen=True)
class SkippedFile:
    """A file that gave no document, and why."""

    file: str
    reason: str
    problem: bool = True  # False for files skipped by design (a collection README)

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


class IngestError(ValueError):
    """Raised in strict mode at the first problem; names file, line and field."""

    def __init__(self, problem: IngestProblem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class IngestReport:
    """Counts and problems of one pass over a collection.

    `documents` counts documents yielded per format (`txt`, `md`, `html`,
    `jsonl`, `csv`, `parquet`); `langs` counts them per language (`None`
    when unknown); `empty` lists the ids yielded with empty text; `skipped`
    lists files that gave no document; `hidden` counts hidden files and
    folders passed over; `records_skipped` counts records
    inside readable files (a bad JSONL line) that gave none; `encodings`
    counts files decoded from something other than UTF-8.
    """

    root: str = ""
    documents: Counter[str] = field(default_factory=Counter)
    langs: Counter[str | None] = field(default_factory=Counter)
    empty: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    records_skipped: int = 0
    hidden: int = 0
    encodings: Counter[str] = field(default_factory=Counter)
    problems: list[IngestProblem] = field(default_factory=list)
    complete: bool = False

    @property
    def total(self) -> int:
        return sum(self.documents.values())

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> dict[str, dict[str, int]]:
        """Counts to show a person: per format, per language, and totals."""
        return {
            "documents per format": dict(sorted(self.documents.items())),
            "documents per language": {
                (lang or "unknown"): n for lang, n in sorted(self.langs.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
            },
            "totals": {
                "documents": self.total,
                "empty documents": len(self.empty),
                "files skipped": len(self.skipped),
                "records skipped": self.records_skipped,
                "hidden passed over": self.hidden,
                "problems": len(self.problems),
            },
        }

    def lines(self) -> list[str]:
        """Every problem as `FILE:LINE: field: problem` (or `FILE: problem`)."""
        return [str(p) for p in self.problems]


class Recorder:
    """Where readers put problems; raises at the first one in strict mode.

    Readers get a recorder instead of the report so that strictness is
    decided in one place.
    """

    def __init__(self, report: IngestReport, strict: bool):
        self.report = report
        self.strict = strict

    def problem(
        self,
        file: str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        severity: Severity = "error",
    ) -> None:
        p = IngestProblem(file=file, message=message, line=line, field=field, severity=severity)
        self.report.problems.append(p)
        if self.strict:
            raise IngestError(p)

    def skip(
        self,
        file: str,
        reason: str,
        *,
        problem: bool = True,
        field: str | None = None,
        severity: Severity = "error",
    ) -> None:
        """A file that gives no document: listed, counted, and (usually) a problem."""
        self.report.skipped.append(SkippedFile(file, reason, problem))
        if problem:
            self.problem(file, reason, field=field, severity=severity)
