"""How far a score could move on another sample: bootstrap intervals by incident.

A dev set of 90 documents on 10 incidents gives F1 scores whose noise is of
the size of the differences people argue about (two or three points). The
documents of one incident share facts, wording and writer, so they are not
independent: the intervals resample whole incidents (documents without a
gold incident, such as distractors, count as incidents of their own), keep
each incident's true-positive, predicted and gold counts, and recompute
micro F1 from their sums. With a second prediction of the same gold set the
same resamples give the interval of the difference (paired bootstrap), which
says whether one model beats another beyond the noise of this set.

Incident B-cubed does not decompose into per-incident counts and has no
interval here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..labelled.schema import Document
from .metrics import score

# metrics.json paths with tp / pred / gold counts
COUNTED = {
    "claims detection": ("claims", "detection"),
    "claims typed": ("claims", "typed"),
    "findings detection": ("findings", "detection"),
    "findings typed": ("findings", "typed"),
    "relations contradicts": ("relations", "contradicts"),
    "relations supports": ("relations", "supports"),
}


def incident_groups(gold_docs: Sequence[Document]) -> dict[str, list[str]]:
    """Gold document ids by the incident most of their spans belong to (the document's own id if none)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for doc in gold_docs:
        incidents = Counter(s.incident for s in [*doc.claims, *doc.findings] if s.incident)
        key = incidents.most_common(1)[0][0] if incidents else f"doc:{doc.id}"
        groups[key].append(doc.id)
    return dict(groups)


def group_counts(gold_docs: Sequence[Document], pred_docs: Sequence[Document],
                 groups: dict[str, list[str]]) -> np.ndarray:
    """Array [group, metric, (tp, pred, gold)] of counts, each group scored alone."""
    gold_by_id = {d.id: d for d in gold_docs}
    pred_by_id = {d.id: d for d in pred_docs}
    out = np.zeros((len(groups), len(COUNTED), 3), dtype=np.int64)
    for g, ids in enumerate(groups.values()):
        metrics = score([gold_by_id[i] for i in ids], [pred_by_id[i] for i in ids if i in pred_by_id]).metrics
        for m, (kind, sub) in enumerate(COUNTED.values()):
            block = metrics[kind].get(sub) or {"tp": 0, "pred": 0, "gold": 0}
            out[g, m] = (block["tp"], block["pred"], block["gold"])
    return out


def _f1(counts: np.ndarray) -> np.ndarray:
    """Micro F1 from [..., (tp, pred, gold)] sums: 2 tp / (pred + gold)."""
    tp, pred, gold = counts[..., 0], counts[..., 1], counts[..., 2]
    denom = pred + gold
    return np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)


def bootstrap_intervals(
    counts: np.ndarray,
    baseline: np.ndarray | None = None,
    *,
    samples: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, Any]:
    """Percentile intervals of each counted F1 (and of its difference from `baseline`) over incident resamples."""
    rng = np.random.default_rng(seed)
    n = counts.shape[0]
    picks = rng.integers(0, n, size=(samples, n))
    weights = np.stack([np.bincount(p, minlength=n) for p in picks])  # [sample, group]
    tail = (1 - level) / 2 * 100
    resampled = _f1(np.einsum("sg,gmc->smc", weights, counts))
    point = _f1(counts.sum(axis=0))
    out: dict[str, Any] = {"level": level, "samples": samples, "incidents": n, "metrics": {}}
    base_resampled = base_point = None
    if baseline is not None:
        base_resampled = _f1(np.einsum("sg,gmc->smc", weights, baseline))
        base_point = _f1(baseline.sum(axis=0))
    for m, name in enumerate(COUNTED):
        row = {
            "f1": round(float(point[m]), 4),
            "low": round(float(np.percentile(resampled[:, m], tail)), 4),
            "high": round(float(np.percentile(resampled[:, m], 100 - tail)), 4),
        }
        if base_resampled is not None:
            diff = resampled[:, m] - base_resampled[:, m]
            row["baseline_f1"] = round(float(base_point[m]), 4)
            row["difference"] = round(float(point[m] - base_point[m]), 4)
            row["difference_low"] = round(float(np.percentile(diff, tail)), 4)
            row["difference_high"] = round(float(np.percentile(diff, 100 - tail)), 4)
            row["share_better"] = round(float((diff > 0).mean()), 4)
        out["metrics"][name] = row
    return out


def intervals(
    gold_docs: Sequence[Document],
    pred_docs: Sequence[Document],
    baseline_docs: Sequence[Document] | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """Bootstrap intervals of a prediction's F1 scores (and of its gain over `baseline_docs`)."""
    groups = incident_groups(gold_docs)
    counts = group_counts(gold_docs, pred_docs, groups)
    base = group_counts(gold_docs, baseline_docs, groups) if baseline_docs is not None else None
    return bootstrap_intervals(counts, base, **kwargs)
