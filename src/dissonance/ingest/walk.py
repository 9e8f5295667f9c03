"""Which files of a collection are documents, in a stable order.

A collection is a folder (read recursively) or a single file. Files are
visited in sorted order so that ids, duplicate suffixes and reports are the
same on every read. Hidden files and folders (editor swap files, `.git`,
`.DS_Store`) are passed over and counted; a folder's README describes the
collection and is listed as skipped, not read as evidence; sidecar metadata
files belong to the document beside them; anything else with an unknown
extension is reported as skipped, never ignored.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .metadata import find_sidecars, is_sidecar
from .report import Recorder

FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pdf": "pdf",
    ".docx": "docx",
}
READMES = {"readme", "readme.md", "readme.txt", "readme.markdown"}


def format_of(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _visit_file(path: Path, root: Path, rec: Recorder) -> Iterator[tuple[Path, str, str]]:
    rel = _rel(path, root)
    if is_sidecar(path):
        rec.skip(rel, "sidecar metadata file, not a document (read the document beside it)")
        return
    fmt = format_of(path)
    if fmt is None:
        rec.skip(rel, f"unsupported file type ({path.suffix or 'no extension'})", severity="warning")
        return
    yield path, rel, fmt


def iter_files(path: Path, rec: Recorder) -> Iterator[tuple[Path, str, str]]:
    """(file, path relative to the collection root, format) of each document file."""
    if path.is_file():
        yield from _visit_file(path, path.parent, rec)
        return
    root = path
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        rec.report.hidden += sum(1 for d in dirnames if d.startswith("."))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        names = sorted(filenames)
        rec.report.hidden += sum(1 for n in names if n.startswith("."))
        files = [here / n for n in names if not n.startswith(".")]
        claimed = {s for f in files if not is_sidecar(f) and format_of(f) for s in find_sidecars(f)}
        for file in files:
            rel = _rel(file, root)
            if file.name.lower() in READMES:
                rec.skip(rel, "collection README, not a document", problem=False)
            elif is_sidecar(file):
                if file not in claimed:
                    rec.skip(rel, "sidecar with no readable document beside it", severity="warning")
            else:
                yield from _visit_file(file, root, rec)
