"""Relation scores per label.

A predicted relation is correct when its two ends, mapped to gold span ids
through the span matching (across documents), are the two ends of a gold
relation with the same label, in either order. Each gold relation is found at
most once, so a duplicate or reversed duplicate prediction is one more
prediction and costs precision.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from ..labelled.schema import RELATION_LABELS, Relation
from .counts import prf
from .spans import NONE

Key = tuple[str, str]  # the two gold span ids, sorted: the order of ends does not count


def _key(a: str, b: str) -> Key:
    return (a, b) if a <= b else (b, a)


def mapped_key(rel: Relation, pred_to_gold: Mapping[str, str]) -> Key | None:
    """The gold ends a predicted relation stands for, or None if an end is unmatched."""
    source, target = pred_to_gold.get(rel.source), pred_to_gold.get(rel.target)
    if source is None or target is None:
        return None
    return _key(source, target)


def relation_scores(
    gold: Sequence[Relation], pred: Sequence[Relation], pred_to_gold: Mapping[str, str]
) -> dict[str, dict[str, float | int]]:
    """The `relations` block of metrics.json: one P/R/F1 block per label."""
    out = {}
    labels = [*RELATION_LABELS, *sorted({r.label for r in [*gold, *pred]} - set(RELATION_LABELS))]
    for label in labels:
        unfound = Counter(_key(r.source, r.target) for r in gold if r.label == label)
        n_gold = sum(unfound.values())
        predicted = [r for r in pred if r.label == label]
        tp = 0
        for rel in predicted:
            key = mapped_key(rel, pred_to_gold)
            if key is not None and unfound[key] > 0:
                unfound[key] -= 1
                tp += 1
        out[label] = prf(tp, len(predicted), n_gold)
    return out


def label_confusion(
    gold: Sequence[Relation], pred: Sequence[Relation], pred_to_gold: Mapping[str, str]
) -> Counter[tuple[str, str]]:
    """(gold label, predicted label) counts for relations over the same two ends.

    On each pair of ends, relations of equal labels pair first (the diagonal
    equals the per-label true positives), then different labels pair in order;
    what is left pairs with `(none)`.
    """
    gold_by_key: dict[Key, list[str]] = defaultdict(list)
    pred_by_key: dict[Any, list[str]] = defaultdict(list)
    for r in gold:
        gold_by_key[_key(r.source, r.target)].append(r.label)
    for i, r in enumerate(pred):
        key = mapped_key(r, pred_to_gold)
        pred_by_key[key if key is not None else ("unmatched", i)].append(r.label)
    confusion: Counter[tuple[str, str]] = Counter()
    for key in [*gold_by_key, *(k for k in pred_by_key if k not in gold_by_key)]:
        g_left, p_left = list(gold_by_key.get(key, [])), list(pred_by_key.get(key, []))
        for label in sorted(set(g_left) & set(p_left)):
            same = min(g_left.count(label), p_left.count(label))
            confusion[(label, label)] += same
            for _ in range(same):
                g_left.remove(label)
                p_left.remove(label)
        for g_label, p_label in zip(g_left, p_left):
            confusion[(g_label, p_label)] += 1
        confusion.update((g_label, NONE) for g_label in g_left[len(p_left):])
        confusion.update((NONE, p_label) for p_label in p_left[len(g_left):])
    return confusion
