"""One flag: the claim and the finding in their documents, the rationale, the incident, decisions."""

from __future__ import annotations

from dataclasses import replace

from typing import Any

from ..highlight import segments
from ..store import QueueFilters, ReviewStore
from . import header

INDICATOR_ORDER = ["lethality_index", "civilians_per_agent_killed", "share_head_neck_chest", "share_back",
                   "share_close_range", "weapons_recovered", "exchange_of_fire"]
CLAIM_FIELDS = ("polarity", "speaker", "speaker_role", "value")
FINDING_FIELDS = ("body_regions", "wounds", "victims", "range", "direction", "result")


class NotFound(LookupError):
    pass


def _document(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    if doc is None:
        return None
    meta = doc.get("meta") or {}
    return {"doc_id": doc["doc_id"], "source_type": doc.get("source_type"), "date": doc.get("date"),
            "lang": doc.get("lang"), "title": meta.get("title"), "url": meta.get("url"),
            "outlet": meta.get("outlet"), "source_path": doc.get("source_path"), "n_chars": len(doc["text"])}


def _end(flag: dict[str, Any], side: str, marks: list[tuple[Any, Any, str]], doc: dict[str, Any] | None,
         span: dict[str, Any] | None) -> dict[str, Any]:
    """One end of the flag (side `source` = the claim, `target` = the finding or other claim)."""
    start, end = flag.get(f"{side}_start"), flag.get(f"{side}_end")
    if span is not None and (start is None or end is None):
        start, end = span["start"], span["end"]
    kind = "claim" if side == "source" else (flag.get("target_kind") or "finding")
    attrs = dict((span or {}).get("attrs") or {})
    attrs.pop("_run", None)
    if side == "source":
        for key in ("polarity", "speaker", "speaker_role"):
            attrs.setdefault(key, flag.get(f"source_{key}"))
        shown = CLAIM_FIELDS
    else:
        for key, value in (flag.get("target_attributes") or {}).items():
            attrs.setdefault(key, value)
        shown = CLAIM_FIELDS if kind == "claim" else FINDING_FIELDS
    out = {
        "side": side, "kind": kind, "span_id": flag[f"{side}_id"], "text": flag.get(f"{side}_text") or (span or {}).get("text"),
        "type": (span or {}).get("type") or (flag.get("claim_type") if side == "source" else flag.get("target_type")),
        "start": start, "end": end, "score": (span or {}).get("score"),
        "attributes": {k: attrs.get(k) for k in shown if attrs.get(k) not in (None, [], "")},
        "document": _document(doc), "context": None, "full": None,
    }
    if doc is not None:
        text = doc["text"]
        here = [m for m in marks if m[3] == doc["doc_id"]]
        mine = [(s, e, name) for s, e, name, _ in here]
        out["context"] = segments(text, mine, focus=(start, end))
        out["full"] = segments(text, mine, window=None) if out["context"]["clipped_start"] or out["context"]["clipped_end"] else None
    return out


def _indicators(raw: dict[str, Any] | None) -> list[dict[str, Any]]:
    raw = raw or {}
    keys = [k for k in INDICATOR_ORDER if k in raw] + sorted(k for k in raw if k not in INDICATOR_ORDER)
    rows = []
    for key in keys:
        item = raw[key] if isinstance(raw[key], dict) else {"value": raw[key]}
        value = item.get("value")
        rows.append({"key": key, "label": item.get("label"), "value": round(value, 4) if isinstance(value, float) else value,
                     "numerator": item.get("numerator"), "denominator": item.get("denominator"),
                     "spans": item.get("spans") or [], "note": item.get("note")})
    return rows


def _incident(row: dict[str, Any] | None, incident_id: str | None) -> dict[str, Any] | None:
    if row is None:
        return {"incident_id": incident_id, "known": False, "indicators": []} if incident_id else None
    return {"incident_id": row["incident_id"], "known": True, "place": row.get("place"), "start": row.get("start"),
            "end": row.get("end"), "forces": row.get("forces") or [], "deaths": row.get("deaths"),
            "n_documents": row.get("n_documents"), "n_claims": row.get("n_claims"),
            "n_findings": row.get("n_findings"), "indicators": _indicators(row.get("indicators"))}


def _nav(store: ReviewStore, flag: dict[str, Any], filters: QueueFilters, reviewer: str | None) -> dict[str, Any]:
    run_id = flag["run_id"]
    aside = flag.get("set_aside_because") is not None
    filters = replace(filters, aside="1" if aside else "")  # a flag's neighbours are those of its own queue
    order = {f["id"]: i for i, f in enumerate(store.flags(run_id, set_aside=aside))}
    queue = [row["id"] for row in store.queue(run_id, filters, reviewer=reviewer)]
    here = order[flag["id"]]
    qs = filters.query_string()
    suffix = f"?{qs}" if qs else ""
    nxt = next((pk for pk in queue if order[pk] > here), None)
    prev = next((pk for pk in reversed(queue) if order[pk] < here), None)
    position = queue.index(flag["id"]) + 1 if flag["id"] in queue else None
    return {"next": f"/flags/{nxt}{suffix}" if nxt else None, "prev": f"/flags/{prev}{suffix}" if prev else None,
            "queue": "/" + suffix, "position": position, "count": len(queue), "query": qs}


def build(store: ReviewStore, pk: int, reviewer: str | None, params: Any) -> dict[str, Any]:
    flag = store.flag(pk)
    if flag is None:
        raise NotFound(f"no flag {pk}")
    run_id = flag["run_id"]
    filters = QueueFilters.from_params(params)
    data = header(store, run_id, reviewer)
    source_doc = store.document(run_id, flag.get("source_doc_id"))
    target_doc = store.document(run_id, flag.get("target_doc_id"))
    source_span = store.span(run_id, flag["source_id"])
    target_span = store.span(run_id, flag["target_id"])
    target_mark = "claim2" if flag.get("target_kind") == "claim" else "finding"
    marks = []
    for side, name, span in (("source", "claim", source_span), ("target", target_mark, target_span)):
        start, end = flag.get(f"{side}_start"), flag.get(f"{side}_end")
        if (start is None or end is None) and span is not None:
            start, end = span["start"], span["end"]
        doc_id = flag.get(f"{side}_doc_id") or (span or {}).get("doc_id")
        marks.append((start, end, name, doc_id))
    current = {who: entry for (fpk, who), entry in store.current_decisions(run_id).items() if fpk == pk}
    data.update({
        "flag": {k: flag.get(k) for k in ("id", "flag_id", "incident_id", "label", "score", "weight", "confidence",
                                           "strength", "indicator",
                                           "indicator_title", "rationale", "reference", "target_kind",
                                           "counter_evidence", "set_aside_because")},
        "claim": _end(flag, "source", marks, source_doc, source_span),
        "target": _end(flag, "target", marks, target_doc, target_span),
        "incident": _incident(store.incident(run_id, flag.get("incident_id")), flag.get("incident_id")),
        "mine": current.get(reviewer) if reviewer else None,
        "decisions": current,
        "history": store.history(flag_pk=pk),
        "earlier": store.earlier_decisions(pk),
        "nav": _nav(store, flag, filters, reviewer),
        "placement": _placement(store, run_id, [flag.get("source_doc_id"), flag.get("target_doc_id")]),
    })
    return data


def _placement(store: ReviewStore, run_id: int, doc_ids: list[str | None]) -> list[dict[str, Any]]:
    """For each document of the flag (once): the tool's incident and where reviewers placed it."""
    wanted = list(dict.fromkeys(d for d in doc_ids if d))
    rows = {r["doc_id"]: r for r in store.linking(run_id) if r["doc_id"] in wanted}
    return [rows[d] for d in wanted if d in rows]
