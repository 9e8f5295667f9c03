"""Reports of an evaluation run: files in a directory and a terminal table.

Nothing here computes a score; every function takes the data `score` and
`compute_deltas` return. `metrics.json` holds only the metrics (so two runs
compare with any JSON tool); when and from what a run was made goes to
`run.json` beside it.
"""

from __future__ import annotations

import json
import platform
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from rich.table import Table

from .. import __version__
from ..labelled.schema import CLAIM_TYPES, FINDING_TYPES, RELATION_LABELS
from .metrics import Evaluation
from .spans import NONE, ordered_types

PRF_COLUMNS = ["p", "r", "f1", "tp", "pred", "gold"]
TABLE_COLUMNS = {
    "claims_per_type": ["type", *PRF_COLUMNS],
    "findings_per_type": ["type", *PRF_COLUMNS],
    "relations": ["label", *PRF_COLUMNS],
    "attributes": ["attribute", "acc", "n"],
}
CONFUSION_ORDER = {"claims": CLAIM_TYPES, "findings": FINDING_TYPES, "relations": RELATION_LABELS}


def _write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _read_ref(git: Path, ref: str) -> str | None:
    """A ref's commit from loose refs or packed-refs of `git` and its common dir."""
    roots = [git]
    common = git / "commondir"
    if common.is_file():  # a linked worktree keeps branch refs in the main .git
        roots.append((git / common.read_text(encoding="utf-8").strip()).resolve())
    for root in roots:
        if (root / ref).is_file():
            return (root / ref).read_text(encoding="utf-8").strip() or None
        packed = root / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="utf-8").splitlines():
                if line.endswith(" " + ref):
                    return line.split(" ", 1)[0]
    return None


def git_commit(start: Path | None = None) -> str | None:
    """The commit checked out in the repository holding `start` (this package by
    default), read from `.git` without running git; None when there is none."""
    here = (start or Path(__file__)).resolve()
    for folder in [here, *here.parents]:
        git = folder / ".git"
        if not git.exists():
            continue
        try:
            if git.is_file():  # a worktree or submodule: "gitdir: PATH"
                text = git.read_text(encoding="utf-8").strip()
                if not text.startswith("gitdir:"):
                    return None
                git = (folder / text.split(":", 1)[1].strip()).resolve()
            head = (git / "HEAD").read_text(encoding="utf-8").strip()
            if head.startswith("ref:"):
                return _read_ref(git, head.split(":", 1)[1].strip())
            return head or None
        except OSError:
            return None
    return None


def make_stamp(gold: str | Path, pred: str | Path, baseline: str | Path | None = None, **extra: Any) -> dict[str, Any]:
    """What `run.json` records: time, commit, versions and the inputs."""
    return {
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "version": __version__,
        "python": platform.python_version(),
        "gold": str(gold),
        "pred": str(pred),
        "baseline": str(baseline) if baseline is not None else None,
        **extra,
    }


def write_tables(evaluation: Evaluation, out: Path) -> list[Path]:
    """Per-type and attribute tables as CSV (fixed columns, header even when empty)."""
    paths = []
    for name, columns in TABLE_COLUMNS.items():
        frame = pd.DataFrame(evaluation.details.tables.get(name, []), columns=columns)
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False)
        paths.append(path)
    return paths


def confusion_labels(confusion: Counter[tuple[str, str]], known: list[str]) -> list[str]:
    """Axis labels of a confusion matrix: seen labels in format order, `(none)` last."""
    seen = {label for pair in confusion for label in pair} - {NONE}
    return [*ordered_types(seen, known), NONE]


def plot_confusion(confusion: Counter[tuple[str, str]], known: list[str], title: str, path: Path) -> Path:
    """A gold-by-predicted count matrix as a PNG (rows gold, columns predicted)."""
    labels = confusion_labels(confusion, known)
    matrix = [[confusion.get((g, p), 0) for p in labels] for g in labels]
    size = 2.5 + 0.55 * len(labels)
    fig = Figure(figsize=(size + 1, size))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    image = ax.imshow(matrix, cmap="Blues", vmin=0)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title)
    peak = max((max(row) for row in matrix), default=0)
    for i, row in enumerate(matrix):
        for j, count in enumerate(row):
            if count:
                colour = "white" if count > peak / 2 else "black"
                ax.text(j, i, str(count), ha="center", va="center", fontsize=8, color=colour)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return path


def write_confusions(evaluation: Evaluation, out: Path) -> list[Path]:
    titles = {"claims": "claim types", "findings": "finding types", "relations": "relation labels"}
    return [
        plot_confusion(evaluation.details.confusion.get(kind, Counter()), CONFUSION_ORDER[kind],
                       titles[kind], out / f"{kind}_confusion.png")
        for kind in titles
    ]


def write_report(
    evaluation: Evaluation,
    out: str | Path,
    *,
    stamp: dict[str, Any],
    deltas: dict[str, Any] | None = None,
) -> list[Path]:
    """Write metrics.json, run.json, the CSV tables, the confusion PNGs and,
    given deltas, deltas.json into `out`; returns the paths written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = [_write_json(out / "metrics.json", evaluation.metrics), _write_json(out / "run.json", stamp)]
    paths += write_tables(evaluation, out)
    paths += write_confusions(evaluation, out)
    if deltas is not None:
        paths.append(_write_json(out / "deltas.json", deltas))
    return paths


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _delta(value: Any) -> str:
    if value is None:
        return "-"
    if value == 0:
        return "0"
    colour = "green" if value > 0 else "red"
    return f"[{colour}]{value:+.4f}[/{colour}]"


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def render_table(metrics: dict[str, Any], deltas: dict[str, Any] | None = None) -> Table:
    """The headline numbers as a rich table; with deltas, a column of Δ F1 / Δ acc."""
    table = Table(title="evaluation", show_lines=False)
    for name, justify in (("metric", "left"), ("P", "right"), ("R", "right"), ("F1 / acc", "right"), ("counts", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    if deltas is not None:
        table.add_column("Δ", justify="right")

    def row(label: str, path: tuple[str, ...], headline: str, end_section: bool = False) -> None:
        block = _get(metrics, *path)
        if not isinstance(block, dict):
            cells = [label, "", "", "-", "none"]
        elif "acc" in block:
            cells = [label, "", "", _fmt(block["acc"]), f"n={block['n']}"]
        elif "tp" in block:
            cells = [label, _fmt(block["p"]), _fmt(block["r"]), _fmt(block["f1"]),
                     f"{block['tp']}/{block['pred']}/{block['gold']}"]
        else:
            cells = [label, _fmt(block["p"]), _fmt(block["r"]), _fmt(block["f1"]), f"n={block['n']}"]
        if deltas is not None:
            cells.append(_delta(_get(deltas, *path, headline)))
        table.add_row(*cells, end_section=end_section)

    for kind in ("claims", "findings"):
        row(f"{kind} detection", (kind, "detection"), "f1")
        row(f"{kind} typed", (kind, "typed"), "f1", end_section=kind == "findings")
    for name in metrics.get("attributes", {}):
        row(f"attr {name}", ("attributes", name), "acc")
    row("source_type", ("source_type",), "acc", end_section=True)
    row("incidents (B³)", ("incidents_b3",), "f1", end_section=True)
    for label in metrics.get("relations", {}):
        row(f"relations {label}", ("relations", label), "f1")
    table.caption = f"counts: tp/pred/gold · missing documents: {metrics.get('missing_docs', 0)}"
    return table
