"""The queue: flags strongest first (strength, then score), filtered."""

from __future__ import annotations

from typing import Any

from ..store import QueueFilters, ReviewStore
from . import header


def build(store: ReviewStore, run_id: int | None, reviewer: str | None, params: Any) -> dict[str, Any]:
    filters = QueueFilters.from_params(params)
    data = header(store, run_id, reviewer)
    rows = store.queue(run_id, filters, reviewer=reviewer) if run_id is not None else []
    qs = filters.query_string()
    flags = []
    for row in rows:
        flags.append({
            "pk": row["id"], "flag_id": row["flag_id"], "url": f"/flags/{row['id']}" + (f"?{qs}" if qs else ""),
            "incident_id": row["incident_id"], "label": row["label"], "strength": row["strength"],
            "score": round(row["score"], 4) if row["score"] is not None else None,
            "confidence": row.get("confidence"),
            "indicator": row["indicator"], "indicator_title": row["indicator_title"],
            "claim_type": row["claim_type"], "finding_type": row["finding_type"], "target_kind": row["target_kind"],
            "source_type": row["doc_source_type"], "claim_text": row["source_text"], "target_text": row["target_text"],
            "status": row["status"], "decisions": row["decisions"],
        })
    data.update({
        "filters": {**filters.active(), "whose": filters.reviewer or reviewer},
        "options": store.filter_options(run_id) if run_id is not None else {},
        "count": len(flags),
        "flags": flags,
    })
    return data
