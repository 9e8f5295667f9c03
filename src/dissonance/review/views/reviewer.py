"""The reviewer page: who is reviewing in this browser session."""

from __future__ import annotations

from typing import Any

from ..store import ReviewStore
from . import header


def build(store: ReviewStore, run_id: int | None, reviewer: str | None, params: Any = None) -> dict[str, Any]:
    data = header(store, run_id, reviewer)
    data["known_reviewers"] = store.reviewers(run_id) if run_id is not None else []
    return data
