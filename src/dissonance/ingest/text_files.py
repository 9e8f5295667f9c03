"""Plain-text and Markdown documents: one document per file.

The text is the file as written (Markdown is not rendered: analysis offsets
must index what the user sees in the file), minus any YAML front matter,
whose keys become metadata; without front matter, an opening block of
`Title: ...` / `Date: ...` lines (known keys only, then a blank line) is read
the same way, so a publication date written there is the document's date and
not an event date in its text. A sidecar `NAME.meta.yaml|json` adds to or
overrides the front matter: it is the later, outside annotation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .draft import Draft
from .files import read_text, sidecar_metadata
from .ids import id_from_path
from .metadata import (HEADER_KEYS, LOCATED_KEYS, MetadataError, key_lines, split_fields, split_front_matter,
                       split_header_block)
from .report import Recorder


def read(path: Path, rel: str, fmt: str, rec: Recorder) -> Iterator[Draft]:
    decoded = read_text(path, rel, rec)
    if decoded is None:
        return
    text = decoded.text.removeprefix("\ufeff")
    try:
        front, body = split_front_matter(text)
    except MetadataError as exc:
        rec.problem(rel, f"{exc}; the whole file is kept as text", line=1, field="front matter")
        front, body = {}, text
    # the lines the metadata was written on, counted from the file's first line (the front matter's `---`)
    front_lines = key_lines(text[: len(text) - len(body)]) if front else {}
    if not front:
        header_text = body
        front, body = split_header_block(body)
        if front:
            header_lines = key_lines(header_text[: len(header_text) - len(body)])
            front_lines = {HEADER_KEYS[k]: n for k, n in reversed(header_lines.items()) if k in HEADER_KEYS}
    side, sidecar, side_at = sidecar_metadata(path, rel, rec)
    fields, meta = split_fields({**front, **side})
    field_at = {k: (rel, front_lines.get(k)) for k in LOCATED_KEYS if k in front and k not in side} | side_at
    if sidecar:
        meta["sidecar"] = sidecar
    if not decoded.utf8:
        meta["encoding"] = decoded.encoding
    yield Draft(text=body, source_path=rel, format=fmt, fallback_id=id_from_path(rel), meta=meta,
                field_at=field_at, **fields)
