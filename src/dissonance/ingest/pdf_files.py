"""PDF documents: the text layer, with the printed line wrapping undone.

Autopsy reports, rulings and NGO reports reach investigators as PDFs. pypdf
reads the text layer page by page; a PDF without one (a scan) is kept as an
empty document whose reason says to run OCR first, and an encrypted or broken
file is reported and skipped. Printed lines are wrapped at the page's width,
and a line break would cut a claim in two for the tagger, so a line that
runs to near the page's width is joined to the next one (a word split by a
hyphen at the end of the line is joined whole); short lines (headings, the end
of a paragraph, table rows) and lines that end a sentence keep their break. Pages are separated by a blank
line. The text analysed, and every offset, is this text: it is what
`predictions.jsonl` holds. The PDF's own title and author become metadata;
its creation date does not become the document's date (it is when the file
was made, often a scan made years later), but is kept as `meta["pdf_created"]`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from .draft import Draft
from .files import extracted_draft
from .report import Recorder

logging.getLogger("pypdf").setLevel(logging.ERROR)  # ingest reports what matters itself
WRAPPED = 0.6  # a line at least this share of the page's longest line was wrapped by the printer


def unwrap(page: str) -> str:
    """Join the lines of a page that the printer wrapped; keep the breaks of short lines."""
    lines = [line.rstrip() for line in page.splitlines()]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        sentence_ends = previous.endswith((".", "!", "?", ":")) and not line.lstrip()[:1].islower()
        if previous and line.strip() and len(previous) >= WRAPPED * width and not sentence_ends:
            if previous.endswith("-") and previous[-2:-1].isalpha() and line.lstrip()[:1].islower():
                out[-1] = previous[:-1] + line.lstrip()
            else:
                out[-1] = previous + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out).strip()


def _info(reader) -> dict[str, str]:
    """Title, author and creation date from the PDF's document information, where given."""
    try:
        info = reader.metadata or {}
    except Exception:  # a damaged information dictionary costs the metadata, not the text
        return {}
    found = {"title": info.get("/Title"), "author": info.get("/Author"), "pdf_created": info.get("/CreationDate")}
    return {k: str(v).strip() for k, v in found.items() if v is not None and str(v).strip()}


def read(path: Path, rel: str, fmt: str, rec: Recorder) -> Iterator[Draft]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            rec.skip(rel, "encrypted PDF: decrypt it first (no password is tried)")
            return
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # noqa: BLE001  a hostile or broken file must cost itself, not the run
        rec.skip(rel, f"unreadable PDF ({exc})")
        return
    text = "\n\n".join(unwrap(p) for p in pages if p.strip())
    empty = f"the PDF has no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''}; a scan?): run OCR on it first"
    yield extracted_draft(path, rel, fmt, rec, text, extraction="pdf_text_layer", empty_reason=empty,
                          found_meta={**_info(reader), "pages": len(pages)})
