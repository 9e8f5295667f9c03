"""How well a run ranks its flags: precision by strength, and average precision by score.

An analyst reviews flags strongest first, so the order matters as much as
the set: the relation F1 of `dissonance eval` ignores it. This reads the
run's `flags.parquet` (the relations of `predictions.jsonl` with their
score, strength, weight and reading confidence) and scores each flag the
way `dissonance eval` scores a relation (both ends matched to the ends of a
gold relation with the same label).

    .venv/bin/python eval/ranking.py corpora/dev.jsonl runs/dev --out eval/dev/ranking.json
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from dissonance.evaluation.alignment import align
from dissonance.evaluation.diagnostics import arguments, write_json
from dissonance.labelled import read_set

CONFIDENCE_BINS = [0.0, 0.3, 0.5, 0.7, 1.0]


def average_precision(scores: np.ndarray, hits: np.ndarray) -> float:
    """Mean precision at each correct flag, flags taken by falling score (ties in file order)."""
    if not hits.any():
        return 0.0
    ordered = hits[np.argsort(-scores, kind="stable")]
    precision = np.cumsum(ordered) / np.arange(1, len(ordered) + 1)
    return float((precision * ordered).sum() / ordered.sum())


def flag_hits(gold_path: Path, run: Path) -> pd.DataFrame:
    """flags.parquet with a `hit` column: True where the flag is a gold relation with its label."""
    gold, _ = read_set(gold_path)
    pred, _ = read_set(run / "predictions.jsonl")
    pred_to_gold = align(gold, pred).pred_to_gold
    labels = {tuple(sorted((r.source, r.target))): r.label for d in gold for r in d.relations}
    flags = pd.read_parquet(run / "flags.parquet")

    def hit(row) -> bool:
        a, b = pred_to_gold.get(row.source_id), pred_to_gold.get(row.target_id)
        return a is not None and b is not None and labels.get(tuple(sorted((a, b)))) == row.label

    flags["hit"] = [hit(r) for r in flags.itertuples()] if len(flags) else []
    return flags


def ranking(flags: pd.DataFrame) -> dict:
    out = {}
    for label, group in flags.groupby("label"):
        hits = group["hit"].to_numpy(bool)
        block = {"flags": int(len(group)), "correct": int(hits.sum()),
                 "precision": round(float(hits.mean()), 4) if len(group) else 0.0,
                 "average_precision": round(average_precision(group["score"].to_numpy(float), hits), 4),
                 "by_strength": {}}
        for strength in ("strong", "moderate", "weak"):
            part = group[group["strength"] == strength]
            block["by_strength"][strength] = {"flags": int(len(part)), "correct": int(part["hit"].sum()),
                                              "precision": round(float(part["hit"].mean()), 4) if len(part) else None}
        if "confidence" in group:
            bins = pd.cut(group["confidence"], CONFIDENCE_BINS, include_lowest=True)
            block["by_confidence"] = {str(interval): {"flags": int(len(part)), "precision": round(float(part["hit"].mean()), 4)}
                                      for interval, part in group.groupby(bins, observed=True)}
        out[label] = block
    return out


def main() -> None:
    args = arguments(__doc__).parse_args()
    result = ranking(flag_hits(args.gold, args.run))
    print(json.dumps(result, indent=2))
    write_json(args.out, result)


if __name__ == "__main__":
    main()
