"""Reading a finished run folder back (`docs/run-folder.md`): its tables and its records.

The review store imports runs from here, and `relink` and `add` rebuild a
run's extraction from here, so both read parquet cells and damaged files the
same way: cells as plain Python (arrays as lists, NaN as None), and every
problem named with its file (and line).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class RunFolderError(ValueError):
    """The folder is not a RUN folder (no predictions.jsonl) or one of its files is unreadable."""


def clean_cell(value: Any) -> Any:
    """A parquet cell as plain Python: arrays to lists, NaN/NA to None, numpy scalars to Python."""
    import numpy as np
    import pandas as pd

    if value is None:
        return None
    if isinstance(value, np.ndarray):
        return [clean_cell(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [clean_cell(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def read_table(run_dir: Path, name: str) -> list[dict[str, Any]]:
    """The rows of `run_dir/name` as plain dicts ([] when the run has no such table)."""
    path = Path(run_dir) / name
    if not path.exists():
        return []
    import pandas as pd

    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types
        raise RunFolderError(f"{path}: cannot read parquet ({exc})") from exc
    return [{k: clean_cell(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def iter_records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(line, record) of a run's predictions.jsonl; a damaged record stops with its file and line."""
    with Path(path).open(encoding="utf-8") as src:
        for number, line in enumerate(src, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                rec["id"], rec["claims"], rec["findings"]
            except (ValueError, KeyError, TypeError) as exc:
                raise RunFolderError(f"{path}:{number}: not a record of a run's predictions ({exc})") from exc
            yield line if line.endswith("\n") else line + "\n", rec
