"""Word documents (.docx): paragraphs and tables in document order, one per line.

NGO reports, complaints and lawyers' briefs often reach investigators as Word
files. python-docx reads the body: each paragraph becomes a line and each
table row a line of its cells joined by " | " (a table of the dead, their
wounds and where they were found is evidence too). Headers, footers and
comments are left out. The file's core properties give title and author;
its creation date is kept as `meta["docx_created"]`, not taken as the
document's date (a file is often created long after the events). A broken
file is reported and skipped; a file without text is kept as an empty
document and reported. Old binary `.doc` files are not read: save them as
.docx or PDF first.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .draft import Draft
from .files import extracted_draft
from .report import Recorder


def _lines(document) -> Iterator[str]:
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                unique = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]  # merged cells repeat
                if unique:
                    yield " | ".join(unique)
        else:
            yield block.text.strip()


def _properties(document) -> dict[str, str]:
    props = document.core_properties
    found = {"title": props.title, "author": props.author,
             "docx_created": props.created.isoformat() if props.created else None}
    return {k: str(v).strip() for k, v in found.items() if v and str(v).strip()}


def read(path: Path, rel: str, fmt: str, rec: Recorder) -> Iterator[Draft]:
    import docx

    try:
        document = docx.Document(str(path))
        lines = list(_lines(document))
        properties = _properties(document)
    except Exception as exc:  # noqa: BLE001  a broken or hostile file must cost itself, not the run
        rec.skip(rel, f"unreadable Word file ({type(exc).__name__}: {exc})")
        return
    yield extracted_draft(path, rel, fmt, rec, "\n".join(lines).strip(), extraction="docx_body",
                          empty_reason="no text in the Word file's body", found_meta=properties)
