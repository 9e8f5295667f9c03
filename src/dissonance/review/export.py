"""Review decisions → a labelled set that `dissonance eval` and training read.

For each reviewed flag of a run, the decisions considered (one reviewer's, or
every reviewer's current decision) give an outcome:

- accepted: the flag's label, or the corrected label when one was given
  (`none` means "no relation": left out);
- rejected: left out, unless a corrected label `contradicts`/`supports` was
  given, which becomes the relation;
- uncertain: left out.

`policy="latest"` takes the most recent decision; `policy="majority"` takes
the outcome most reviewers reached (a tie leaves the relation out). The set
holds every document a reviewed flag touches, with all their claims,
findings and incidents, and the kept relations, each in its claim's
document, its rationale carrying the reviewers' notes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..labelled import Claim, Document, Finding, Incident, Relation, write_set
from ..labelled.schema import SOURCE_TYPES
from .store import ReviewStore

POLICIES = ("latest", "majority")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANG = re.compile(r"^[a-z]{2}$")


def outcome(flag: dict[str, Any], decision: dict[str, Any]) -> str | None:
    """The relation label one decision gives a flag, or None for no relation."""
    status, corrected = decision.get("status"), decision.get("corrected_label")
    if status == "accepted":
        if corrected == "none":
            return None
        return corrected or flag["label"]
    if status == "rejected" and corrected in ("contradicts", "supports"):
        return corrected
    return None


def resolve(flag: dict[str, Any], decisions: list[dict[str, Any]], policy: str) -> tuple[str | None, list[dict[str, Any]]]:
    """(label or None, the decisions behind it) for one flag under a policy."""
    if not decisions:
        return None, []
    if policy == "latest":
        last = max(decisions, key=lambda d: d["id"])
        return outcome(flag, last), [last]
    votes = Counter(outcome(flag, d) for d in decisions)
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None, []
    label = ranked[0][0]
    return label, [d for d in decisions if outcome(flag, d) == label]


def _rationale(flag: dict[str, Any], behind: list[dict[str, Any]]) -> str | None:
    parts = [flag.get("rationale") or flag.get("indicator_title") or ""]
    for d in behind:
        if d.get("note"):
            parts.append(f"Reviewer note ({d['reviewer']}): {d['note']}")
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return text or None


def _span(model: type[Claim] | type[Finding], span: dict[str, Any], text: str) -> Claim | Finding | None:
    data = {k: v for k, v in (span.get("attrs") or {}).items() if not k.startswith("_") and v is not None}
    data.update(id=span["span_id"], start=span["start"], end=span["end"], text=span["text"], type=span["type"])
    if span.get("incident") is not None:
        data["incident"] = span["incident"]
    if text[span["start"]:span["end"]] != span["text"]:
        return None
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def _incidents(doc: dict[str, Any], span_incidents: set[str], table: dict[str, dict[str, Any]]) -> list[Incident]:
    out, seen = [], set()
    for raw in doc.get("incidents") or []:
        try:
            inc = Incident.model_validate(raw)
        except ValidationError:
            continue
        if inc.id not in seen:
            seen.add(inc.id)
            out.append(inc)
    for inc_id in sorted(span_incidents - seen):
        row = table.get(inc_id)
        if row is None:
            continue
        data = {"id": inc_id, "place": row.get("place"), "forces": row.get("forces"), "deaths": row.get("deaths")}
        for key in ("start", "end"):
            if row.get(key) and _DATE.match(str(row[key])[:10]):
                data[key] = str(row[key])[:10]
        try:
            out.append(Incident.model_validate({k: v for k, v in data.items() if v is not None}))
        except ValidationError:
            continue
    return out


def reviewed_set(store: ReviewStore, run_id: int, *, reviewer: str | None = None,
                 policy: str = "latest") -> tuple[list[Document], dict[str, Any]]:
    """The reviewed decisions of a run as labelled-set documents, and a summary of what was kept."""
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r} (expected one of {', '.join(POLICIES)})")
    # a flag the analysis set aside that a reviewer decided on is exported like any other
    flags = {f["id"]: f for f in store.flags(run_id) + store.flags(run_id, set_aside=True)}
    by_flag: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for (pk, _who), entry in store.current_decisions(run_id, reviewer=reviewer).items():
        if pk in flags:
            by_flag[pk].append(entry)

    reviewed = [flags[pk] for pk in flags if pk in by_flag]
    doc_ids = {d for f in reviewed for d in (f.get("source_doc_id"), f.get("target_doc_id")) if d}
    docs = store.documents(run_id, doc_ids)
    spans_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for span in store.spans(run_id, doc_ids):
        spans_by_doc[span["doc_id"]].append(span)
    incident_table = {i["incident_id"]: i for i in store.incidents(run_id)}

    out: dict[str, Document] = {}
    span_home: dict[str, str] = {}
    for doc in docs:
        claims, findings = [], []
        for span in spans_by_doc[doc["doc_id"]]:
            model = Claim if span["kind"] == "claim" else Finding
            parsed = _span(model, span, doc["text"])
            if parsed is not None and parsed.id not in span_home:
                (claims if span["kind"] == "claim" else findings).append(parsed)
                span_home[parsed.id] = doc["doc_id"]
        lang = doc.get("lang") if doc.get("lang") and _LANG.match(doc["lang"]) else "xx"
        source_type = doc.get("source_type") if doc.get("source_type") in SOURCE_TYPES else "other"
        date = doc.get("date") if doc.get("date") and _DATE.match(str(doc["date"])) else None
        span_incidents = {s.incident for s in [*claims, *findings] if s.incident}
        out[doc["doc_id"]] = Document(
            id=doc["doc_id"], text=doc["text"], lang=lang, source_type=source_type, date=date,
            meta=doc.get("meta") or None, claims=claims, findings=findings,
            incidents=_incidents(doc, span_incidents, incident_table),
        )

    summary = Counter(flags_reviewed=len(reviewed))
    for flag in reviewed:
        label, behind = resolve(flag, by_flag[flag["id"]], policy)
        if label is None:
            summary["left_out"] += 1
            continue
        home = span_home.get(flag["source_id"])
        if home is None or flag["target_id"] not in span_home:
            summary["missing_spans"] += 1
            continue
        out[home].relations.append(Relation(source=flag["source_id"], target=flag["target_id"], label=label,
                                            rationale=_rationale(flag, behind)))
        summary[label] += 1
        summary["relations"] += 1
    summary["documents"] = len(out)
    keys = ("documents", "flags_reviewed", "relations", "contradicts", "supports", "left_out", "missing_spans")
    return list(out.values()), {k: summary.get(k, 0) for k in keys}


def export_reviews(store: ReviewStore, run_id: int, out: str | Path, *, reviewer: str | None = None,
                   policy: str = "latest") -> dict[str, Any]:
    """Write the reviewed set of a run to `out` (JSON Lines); returns the summary."""
    documents, summary = reviewed_set(store, run_id, reviewer=reviewer, policy=policy)
    write_set(documents, out)
    return {**summary, "out": str(out), "policy": policy, "reviewer": reviewer, "run_id": run_id}


def linking_text(rows: list[dict[str, Any]]) -> str:
    """`ReviewStore.linking` rows (reviewers' placements over the tool's) as the CSV that `dissonance relink
    RUN --incidents FILE` reads, with who placed each document."""
    from ..incidents.given import linking_csv

    return linking_csv([{**r, "placed_by": r["by"]} for r in rows], extra=("placed_by",))


def export_linking(store: ReviewStore, run_id: int, path: str | Path, *, reviewer: str | None = None) -> dict[str, int]:
    """Write the run's reviewed linking to `path`; returns how many documents reviewers placed."""
    rows = store.linking(run_id, reviewer=reviewer)
    Path(path).write_text(linking_text(rows), encoding="utf-8", newline="")
    return {"documents": len(rows), "placed": sum(1 for r in rows if r["placed"])}
