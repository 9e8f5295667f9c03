"""Agreement between reviewers (Cohen's kappa per pair) and accept rates per indicator."""

from __future__ import annotations

from typing import Any

from ..agreement import accept_rates, pairwise_agreement, reviewer_counts
from ..store import ReviewStore
from . import header


def build(store: ReviewStore, run_id: int | None, reviewer: str | None, params: Any = None) -> dict[str, Any]:
    data = header(store, run_id, reviewer)
    if run_id is None:
        data.update({"reviewers": [], "agreement": [], "indicators": [], "decisions_logged": 0})
        return data
    current = store.current_decisions(run_id)
    data.update({
        "reviewers": reviewer_counts(current),
        "agreement": pairwise_agreement(current),
        "indicators": accept_rates(store.flags(run_id), current),
        "decisions_logged": len(store.history(run_id=run_id)),
    })
    return data
