"""Attribute accuracies over matched span pairs.

Only pairs whose gold span carries the attribute are scored: a gold label
that says nothing about range cannot mark a predicted range wrong. A
prediction without `polarity` counts as `asserted` (the format's default);
`body_regions` compare as sets, since order and repeats carry no meaning.
Matching ignores type, so attributes are scored on every matched pair.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .alignment import Alignment
from .counts import accuracy

# attribute -> (span kind, how a predicted value is normalised for comparison)
ATTRIBUTES: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "body_regions": ("findings", lambda v: frozenset(v or ())),
    "range": ("findings", lambda v: v),
    "direction": ("findings", lambda v: v),
    "polarity": ("claims", lambda v: v or "asserted"),
    "speaker_role": ("claims", lambda v: v),
    "value": ("claims", lambda v: v),
}


def attribute_scores(alignment: Alignment) -> dict[str, dict[str, float | int]]:
    """The `attributes` block of metrics.json: `{name: {"acc", "n"}}`."""
    out = {}
    for name, (kind, normalise) in ATTRIBUTES.items():
        hits = n = 0
        for gold, pred in alignment.kinds[kind].matched:
            expected = getattr(gold, name, None)
            if expected is None:
                continue
            n += 1
            hits += normalise(expected) == normalise(getattr(pred, name, None))
        out[name] = accuracy(hits, n)
    return out


def source_type_score(alignment: Alignment) -> dict[str, float | int]:
    """`source_type` accuracy over gold documents present in the prediction."""
    present = alignment.present
    return accuracy(sum(g.source_type == p.source_type for g, p in present), len(present))
