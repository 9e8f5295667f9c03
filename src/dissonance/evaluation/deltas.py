"""Differences between a run's metrics and a baseline's.

The result mirrors the current metrics: every number becomes `current -
baseline` (rounded like metrics.json), or None where the baseline has no
number at that place (a new per-type row, or `incidents_b3` null on one side).
"""

from __future__ import annotations

from typing import Any

from .counts import DIGITS


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def compute_deltas(current: Any, baseline: Any) -> Any:
    """`current - baseline` leaf by leaf, in the shape of `current`.

    >>> compute_deltas({"p": 0.5, "n": 3, "x": None}, {"p": 0.25, "n": 1})
    {'p': 0.25, 'n': 2, 'x': None}
    """
    if isinstance(current, dict):
        base = baseline if isinstance(baseline, dict) else {}
        return {k: compute_deltas(v, base.get(k)) for k, v in current.items()}
    if _number(current) and _number(baseline):
        diff = current - baseline
        return diff if isinstance(diff, int) else round(diff, DIGITS)
    return None
