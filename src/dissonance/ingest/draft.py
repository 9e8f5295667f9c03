"""A document as a format reader found it, before the collection finishes it.

Readers only know their file; ids must be unique across the collection, dates
and languages checked the same way for every format, and `source_path` /
`format` stamped on all. So readers yield drafts and the collection turns
each into an `InputDocument` in one place (`Collection._finish`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Draft:
    text: str
    source_path: str  # relative to the collection root, POSIX separators
    format: str  # txt, md, html, pdf, docx, jsonl, csv, parquet
    fallback_id: str  # used when no id was given
    id: Any = None  # as given by the user (front matter, sidecar, column, JSONL)
    lang: Any = None
    date: Any = None
    meta: dict[str, Any] = field(default_factory=dict)
    empty_reason: str | None = None  # said instead of "empty text" when known
    line: int | None = None  # line (JSONL) or 1-based data row (tables)
    text_field: str = "text"  # what to name in problems about the text
    id_field: str = "id"  # what to name when the given id is bad
    date_field: str = "date"
    lang_field: str = "lang"
    # where a metadata field was written, when not at `source_path`:`line` (front matter, a `Date:` line,
    # a sidecar file): field -> (file, line)
    field_at: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    def where(self, name: str) -> tuple[str, int | None]:
        """(file, line) to name in a problem about field `name`."""
        return self.field_at.get(name, (self.source_path, self.line))
