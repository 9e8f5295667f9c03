"""What the diagnostics under `eval/` share: their arguments and how they write their results.

Each diagnostic is a small script run by `make eval` (`eval/distractors.py`,
`eval/ranking.py`, `eval/components.py`, `eval/linking_share.py`); they read
a labelled set and usually a run folder, print a JSON summary and, with
`--out`, write it where `eval/README.md` cites it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def arguments(doc: str | None, *, run: bool = True) -> argparse.ArgumentParser:
    """`GOLD [RUN] [--out PATH]`, described by the first line of the script's docstring."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("gold", type=Path, help="a labelled set (JSONL) or an authoring folder")
    if run:
        parser.add_argument("run", type=Path, help="a run folder written by `dissonance analyze`")
    parser.add_argument("--out", type=Path)
    return parser


def write_json(path: Path | None, data: dict[str, Any]) -> None:
    """`data` as indented JSON at `path` (nothing when None), its folder made."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")


def write_scores(out: Path | None, metrics: dict[str, Any], summary: dict[str, Any]) -> None:
    """Print `summary`; with `out`, write `metrics.json` (the scorer's whole output) and `summary.json` there."""
    print(json.dumps(summary, indent=2))
    if out is not None:
        write_json(out / "metrics.json", metrics)
        write_json(out / "summary.json", summary)
