"""An analyst's own linking: which documents belong to which incident.

The tool links documents by places, names, forces and dates, and it can be
wrong: a look-alike that shares a neighbourhood with an incident, a case
whose documents span decades. An analyst who knows better writes the
linking down as a CSV with the columns `doc_id` and `incident`, and
`dissonance analyze --incidents FILE` follows it (commas, semicolons or tabs): listed documents form the
incidents named there, the rest are linked by the tool among themselves. An
empty incident (or `-`) leaves a document out of every incident, so no flag
rests on it; its claims and findings stay in the run.

Every run writes `linking.csv` in the same form, so disagreeing with the
tool means editing one column of it and linking again (`dissonance relink`).

Investigators often keep one folder per case: `--incident-per-folder` makes
each subfolder of the input an incident (documents at the top level are left
to the tool), and a linking file, if given too, overrides it document by
document.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = ("doc_id", "incident")
NO_INCIDENT = ("", "-")
LINKING_FILE = "linking.csv"


class LinkingFileError(ValueError):
    """A linking file that cannot be followed; the message names the file, line and column."""


@dataclass
class GivenLinking:
    path: Path | None  # the linking file (None: folders only)
    incidents: dict[str, str | None]  # doc id -> incident id, None: in no incident
    lines: dict[str, int] = field(default_factory=dict)  # doc id -> its line in the file
    sha256: str = ""
    folders: bool = False  # documents not in the file follow the input's subfolders

    def unknown(self, doc_ids: set[str]) -> list[str]:
        """A problem line for each listed document that the input does not hold."""
        return [f"{self.path}:{line}: doc_id: {d!r} is not a document of the input"
                for d, line in self.lines.items() if d not in doc_ids]

    def manifest(self) -> dict:
        named = {i for i in self.incidents.values() if i}
        return {"file": str(self.path) if self.path else None, "sha256": self.sha256 or None, "folders": self.folders,
                "documents": len(self.incidents), "incidents": len(named),
                "documents_in_no_incident": sum(1 for i in self.incidents.values() if i is None),
                "description": self.describe()}

    def describe(self) -> str:
        """Whose linking the run follows, in words for the report."""
        parts = []
        if self.folders:
            parts.append("one incident per subfolder of the input")
        if self.path:
            parts.append(f"the analyst's linking file {self.path} for the {len(self.lines)} documents it lists")
        return "Incidents follow " + ", overridden by ".join(parts) + "; the tool linked the rest."

    def with_folders(self, source_paths: dict[str, str | None]) -> "GivenLinking":
        """This linking over one incident per subfolder (the file's entries win)."""
        return GivenLinking(self.path, {**folder_incidents(source_paths), **self.incidents}, self.lines, self.sha256, True)


def folder_incidents(source_paths: dict[str, str | None]) -> dict[str, str]:
    """doc id -> the folder it lies in, relative to the collection root, for documents in a subfolder."""
    return {doc_id: path.rsplit("/", 1)[0] for doc_id, path in source_paths.items() if path and "/" in path}


def read_linking(path: str | Path) -> GivenLinking:
    """The linking in `path` (CSV, header with `doc_id` and `incident`; other columns are ignored)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LinkingFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LinkingFileError(f"{path}:{line}: not UTF-8 text (save the file as UTF-8 CSV)") from exc
    rows = text.splitlines()
    # spreadsheets in Spanish or French locales save CSV with semicolons
    delimiter = next((d for d in (",", ";", "\t") if rows and d in rows[0]), ",")
    reader = csv.DictReader(rows, delimiter=delimiter)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise LinkingFileError(f"{path}:1: header: needs the columns {', '.join(COLUMNS)}; "
                               f"missing {', '.join(missing)} (found: {', '.join(header) or 'nothing'})")
    reader.fieldnames = header
    incidents: dict[str, str | None] = {}
    lines: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        doc_id = (row.get("doc_id") or "").strip()
        if not doc_id:
            if any((v or "").strip() for v in row.values() if isinstance(v, str)):
                raise LinkingFileError(f"{path}:{line}: doc_id: empty")
            continue  # a blank row
        if doc_id in incidents:
            raise LinkingFileError(f"{path}:{line}: doc_id: {doc_id!r} is already listed on line {lines[doc_id]}")
        incident = (row.get("incident") or "").strip()
        incidents[doc_id] = None if incident in NO_INCIDENT else incident
        lines[doc_id] = line
    return GivenLinking(path, incidents, lines, hashlib.sha256(raw).hexdigest())


def linking_csv(rows: list[dict], extra: tuple[str, ...] = ()) -> str:
    """A linking file's text: doc_id, incident (empty: none), source_path and the `extra` columns, one row
    per document; what `read_linking` reads back."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*COLUMNS, "source_path", *extra], extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**{k: row.get(k) or "" for k in writer.fieldnames}, "doc_id": row["doc_id"]})
    return buffer.getvalue()


def write_linking(path: str | Path, rows: list[dict]) -> None:
    """`linking.csv` of a run."""
    Path(path).write_text(linking_csv(rows), encoding="utf-8", newline="")
