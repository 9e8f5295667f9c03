"""Reading one document file: its text and its sidecar, with problems recorded.

Shared by the one-document-per-file formats (text, Markdown, HTML, PDF, Word), so
that a binary file or a broken sidecar is reported the same way whatever the format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .decoding import Decoded, NotText, decode
from .draft import Draft
from .ids import id_from_path
from .metadata import LOCATED_KEYS, MetadataError, find_sidecars, load_sidecar, split_fields
from .report import Recorder

_HEAD = 8192


def read_text(path: Path, rel: str, rec: Recorder) -> Decoded | None:
    """The decoded file, or None after recording why it is skipped."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD)
            if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
                rec.skip(rel, "binary or unreadable (NUL bytes)")
                return None
            data = head + fh.read()
    except OSError as exc:
        rec.skip(rel, f"binary or unreadable ({exc.strerror or exc})")
        return None
    try:
        decoded = decode(data)
    except NotText as exc:
        rec.skip(rel, str(exc))
        return None
    if not decoded.utf8:
        rec.report.encodings[decoded.encoding] += 1
    return decoded


def sidecar_metadata(
    path: Path, rel: str, rec: Recorder
) -> tuple[dict[str, Any], str | None, dict[str, tuple[str, int | None]]]:
    """(metadata, sidecar file name, where each of its LOCATED_KEYS was written) for `path`.

    Problems are recorded, never fatal; the locations go to `Draft.field_at`, so a bad value
    in a sidecar is reported at the sidecar's line whatever the document's format.
    """
    sidecars = find_sidecars(path)
    if not sidecars:
        return {}, None, {}
    chosen, *others = sidecars
    sidecar_rel = str(Path(rel).with_name(chosen.name).as_posix())
    for other in others:
        rec.problem(
            str(Path(rel).with_name(other.name).as_posix()),
            f"ignored: {chosen.name} is also a sidecar of {path.name} and is used",
            severity="warning",
        )
    try:
        data, lines = load_sidecar(chosen)
    except MetadataError as exc:
        rec.problem(sidecar_rel, f"sidecar {exc}; its metadata is not used")
        return {}, sidecar_rel, {}
    return data, sidecar_rel, {k: (sidecar_rel, lines.get(k)) for k in LOCATED_KEYS if k in data}


def extracted_draft(path: Path, rel: str, fmt: str, rec: Recorder, text: str, *, extraction: str,
                    empty_reason: str, found_meta: dict[str, Any] | None = None,
                    found_fields: dict[str, Any] | None = None) -> Draft:
    """The draft of a file whose text a library extracted (HTML, PDF, Word).

    What the file itself says (`found_meta`: title, author...; `found_fields`: a page's date or
    language) gives way to the sidecar, the user's later annotation; `meta["extraction"]` says how
    the text was obtained, so a reviewer knows how much to trust it.
    """
    side, sidecar, field_at = sidecar_metadata(path, rel, rec)
    fields, meta = split_fields(side)
    for key, value in (found_fields or {}).items():
        fields.setdefault(key, value)
    meta = {**(found_meta or {}), **meta, "extraction": extraction}
    if sidecar:
        meta["sidecar"] = sidecar
    return Draft(text=text, source_path=rel, format=fmt, fallback_id=id_from_path(rel), meta=meta,
                 empty_reason=None if text.strip() else empty_reason, field_at=field_at, **fields)
