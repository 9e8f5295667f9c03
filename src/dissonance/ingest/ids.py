"""Stable document ids.

Reviews, labels and reports point at documents by id, so the same collection
must give the same ids on every read: an id given with the document wins;
otherwise it is derived from where the document lives (its path relative to
the collection root, or file stem and row for tables), never from read order
or a hash of the text. Clashes are resolved deterministically, in the sorted
order files are read, and reported: the first keeps the id, later ones get
`~2`, `~3`, ...
"""

from __future__ import annotations

from pathlib import PurePosixPath


def id_from_path(rel_path: str) -> str:
    """`la-vega/amnesty-2021.txt` -> `la-vega/amnesty-2021`."""
    path = PurePosixPath(rel_path)
    return str(path.with_suffix("")) if path.suffix else str(path)


def id_from_row(rel_path: str, row: int) -> str:
    """Row `row` (1-based) of table `dir/data.csv` -> `dir/data-row`."""
    return f"{id_from_path(rel_path)}-{row}"


class IdRegistry:
    """Ids handed out in one pass; makes later duplicates unique."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}  # id -> where it was first used

    def claim(self, wanted: str, where: str) -> tuple[str, str | None]:
        """The id to use for `wanted`, and where the clashing one was (or None)."""
        if wanted not in self._seen:
            self._seen[wanted] = where
            return wanted, None
        n = 2
        while f"{wanted}~{n}" in self._seen:
            n += 1
        unique = f"{wanted}~{n}"
        self._seen[unique] = where
        return unique, self._seen[wanted]
