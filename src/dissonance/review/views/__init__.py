"""One module per page; each builds one dict that the app renders as HTML or JSON."""

from __future__ import annotations

from typing import Any

from ..store import ReviewStore


def header(store: ReviewStore, run_id: int | None, reviewer: str | None) -> dict[str, Any]:
    """What every page shows on top: the run and the reviewer's progress."""
    run = store.run(run_id) if run_id is not None else None
    progress = store.progress(run_id, reviewer) if run_id is not None else {"reviewed": 0, "total": 0,
                                                                           "reviewed_by_anyone": 0}
    return {"run": run and {k: run[k] for k in ("id", "name", "folder", "input_hash", "imported_at", "n_flags")},
            "reviewer": reviewer, "progress": progress}
