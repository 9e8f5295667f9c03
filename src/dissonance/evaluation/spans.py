"""Detection and typed scores of one span kind (claims or findings).

Detection counts every matched pair as a hit; typed scores reuse the same
matching and count a pair only when the types agree. Per-type precision
divides by the predictions of that type and per-type recall by the gold spans
of it, so a gold `crossfire` predicted as `armed_confrontation` costs recall
of the one and precision of the other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .alignment import KindAlignment
from .counts import prf

NONE = "(none)"  # the row / column of unmatched spans in a confusion table


def ordered_types(seen: set[str], known: Sequence[str]) -> list[str]:
    """Types in the format's enum order, then any unknown ones alphabetically."""
    return [t for t in known if t in seen] + sorted(seen - set(known))


def span_scores(kind: KindAlignment, known_types: Sequence[str]) -> dict[str, Any]:
    """The `{"detection", "typed", "per_type"}` block of one kind."""
    gold_types = Counter(g.type for g in kind.gold)
    pred_types = Counter(p.type for p in kind.pred)
    hits = Counter(g.type for g, p in kind.matched if g.type == p.type)
    n_gold, n_pred = sum(gold_types.values()), sum(pred_types.values())
    per_type = {
        t: prf(hits[t], pred_types[t], gold_types[t])
        for t in ordered_types(set(gold_types) | set(pred_types), known_types)
    }
    return {
        "detection": prf(len(kind.matched), n_pred, n_gold),
        "typed": prf(sum(hits.values()), n_pred, n_gold),
        "per_type": per_type,
    }


def type_confusion(kind: KindAlignment) -> Counter[tuple[str, str]]:
    """(gold type, predicted type) counts over matched pairs; unmatched spans
    pair with `(none)` on the other side."""
    confusion: Counter[tuple[str, str]] = Counter((g.type, p.type) for g, p in kind.matched)
    confusion.update((g.type, NONE) for g in kind.unmatched_gold)
    confusion.update((NONE, p.type) for p in kind.unmatched_pred)
    return confusion
