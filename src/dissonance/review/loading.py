"""RUN folder → review database.

`import_run(session, run_dir)` reads a RUN folder as `docs/run-folder.md` lays
it out and inserts one `runs` row with its documents, spans, incidents and
flags. A run is identified by the manifest's input hash and the folder's
resolved path: importing the same folder again returns the existing run id
and writes nothing, unless the folder was written again since (analysed
again, `dissonance relink` or `add` in place: a new `finished_at`), which
imports it as a new run. Tables the run does not have (a run made before the flag
stage existed has no `flags.parquet`) load as empty.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..reasoning.knowledge import STRENGTH_RANK
from ..run_folder import RunFolderError, clean_cell, read_table
from .models import Document, Flag, Incident, Run, Span

CORE_SPAN_FIELDS = {"id", "start", "end", "text", "type", "incident"}


# shared with `relink` and `add`, which read a finished run back the same way
_clean, _table = clean_cell, read_table


def _json_cell(value: Any) -> Any:
    if value is None or isinstance(value, (dict, list)):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return {"raw": str(value)}


def _list_cell(value: Any) -> list[Any] | None:
    """A JSON list cell (a flag's counter-evidence), None when empty, absent or not a list."""
    parsed = _json_cell(value)
    return parsed if isinstance(parsed, list) and parsed else None


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _date(value: Any) -> str | None:
    """A date cell (str, date or timestamp) as `YYYY-MM-DD` text."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def read_predictions(run_dir: Path) -> list[dict[str, Any]]:
    path = run_dir / "predictions.jsonl"
    if not path.exists():
        raise RunFolderError(f"{run_dir} is not a RUN folder: no predictions.jsonl")
    records = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RunFolderError(f"{path}:{line_no}: invalid JSON ({exc.msg})") from exc
            if isinstance(rec, dict) and rec.get("id") is not None and isinstance(rec.get("text"), str):
                records.append(rec)
    return records


def run_identity(run_dir: Path) -> tuple[str, str, dict[str, Any] | None]:
    """(input hash, resolved folder, manifest) of a RUN folder."""
    run_dir = Path(run_dir).resolve()
    manifest = None
    manifest_path = run_dir / "manifest.json"
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            manifest = None
    digest = None
    if isinstance(manifest, dict):
        digest = manifest.get("input_sha256") or manifest.get("input_hash")
    if not digest:
        predictions = run_dir / "predictions.jsonl"
        if not predictions.exists():
            raise RunFolderError(f"{run_dir} is not a RUN folder: no predictions.jsonl")
        digest = hashlib.sha256(predictions.read_bytes()).hexdigest()
    return str(digest), str(run_dir), manifest if isinstance(manifest, dict) else None


def _key(session: Session, digest: str, folder: str, manifest: dict[str, Any] | None) -> str:
    """The run's key in `runs.input_hash`: its input hash, unless the folder was written again since that
    key was imported (analysed again, relinked or grown in place: its manifest's `finished_at` differs);
    then the hash and the new finish time, so the rewritten run is imported as a run of its own."""
    stamp = (manifest or {}).get("finished_at")
    first = session.scalar(select(Run).where(Run.input_hash == digest, Run.folder == folder))
    if first is None or not stamp or (first.manifest or {}).get("finished_at") in (None, stamp):
        return digest
    return f"{digest}:{stamp}"


def find_run(session: Session, run_dir: str | Path) -> int | None:
    digest, folder, manifest = run_identity(Path(run_dir))
    key = _key(session, digest, folder, manifest)
    return session.scalar(select(Run.id).where(Run.input_hash == key, Run.folder == folder))


def import_run(session: Session, run_dir: str | Path) -> int:
    """Import a RUN folder (idempotent for a folder as it stands); returns its run id. The caller commits."""
    run_dir = Path(run_dir).resolve()
    digest, folder, manifest = run_identity(run_dir)
    digest = _key(session, digest, folder, manifest)
    existing = session.scalar(select(Run.id).where(Run.input_hash == digest, Run.folder == folder))
    if existing is not None:
        return existing

    records = read_predictions(run_dir)
    doc_rows = {r["doc_id"]: r for r in _table(run_dir, "documents.parquet") if r.get("doc_id") is not None}
    span_extra = {}
    for kind, table, key in (("claim", "claims.parquet", "claim_id"), ("finding", "findings.parquet", "finding_id")):
        for row in _table(run_dir, table):
            if row.get(key) is not None:
                span_extra[row[key]] = (kind, row)

    run = Run(input_hash=digest, folder=folder, name=run_dir.name, manifest=manifest)
    session.add(run)
    session.flush()

    documents, spans, span_types, seen_spans, seen_docs = [], [], {}, set(), set()
    for rec in records:
        if str(rec["id"]) in seen_docs:
            continue
        seen_docs.add(str(rec["id"]))
        row = doc_rows.get(rec["id"], {})
        documents.append({
            "run_id": run.id, "doc_id": str(rec["id"]), "text": rec["text"],
            "lang": rec.get("lang") or row.get("lang"), "date": _date(rec.get("date") or row.get("date")),
            "source_type": rec.get("source_type") or row.get("source_type"),
            "source_type_score": _float(row.get("source_type_score")),
            "source_path": row.get("source_path") or (rec.get("meta") or {}).get("source_path"),
            "meta": rec.get("meta"), "incidents": rec.get("incidents") or [],
        })
        for kind, field in (("claim", "claims"), ("finding", "findings")):
            for span in rec.get(field) or []:
                if not isinstance(span, dict) or span.get("id") is None or span["id"] in seen_spans:
                    continue
                seen_spans.add(span["id"])
                extra = span_extra.get(span["id"], (kind, {}))[1]
                attrs = {k: v for k, v in span.items() if k not in CORE_SPAN_FIELDS}
                run_extra = {k: extra.get(k) for k in ("hedge", "sentence") if extra.get(k) is not None}
                if run_extra:
                    attrs["_run"] = run_extra
                spans.append({
                    "run_id": run.id, "doc_id": str(rec["id"]), "span_id": str(span["id"]), "kind": kind,
                    "start": int(span.get("start", 0)), "end": int(span.get("end", 0)),
                    "text": span.get("text") or "", "type": span.get("type") or "other",
                    "score": _float(extra.get("score")), "incident": span.get("incident"), "attrs": attrs,
                })
                span_types[str(span["id"])] = span.get("type")

    incidents = []
    for row in _table(run_dir, "incidents.parquet"):
        if row.get("incident_id") is None:
            continue
        indicators = _json_cell(row.get("indicators"))
        incidents.append({
            "run_id": run.id, "incident_id": str(row["incident_id"]), "place": row.get("place"),
            "start": _date(row.get("start")), "end": _date(row.get("end")), "forces": row.get("forces"),
            "deaths": _int(row.get("deaths")), "n_documents": _int(row.get("n_documents")),
            "n_claims": _int(row.get("n_claims")), "n_findings": _int(row.get("n_findings")),
            "doc_ids": row.get("doc_ids"), "indicators": indicators if isinstance(indicators, dict) else None,
        })

    doc_source = {d["doc_id"]: d["source_type"] for d in documents}
    flags, seen_flags = [], set()
    given = [(row, None) for row in _table(run_dir, "flags.parquet")]
    aside = [(row, row.get("set_aside_because") or "set aside") for row in _table(run_dir, "set_aside.parquet")]
    for row, set_aside_because in given + aside:
        flag_id = row.get("flag_id") or f"{row.get('source_id')}~{row.get('target_id')}"
        if flag_id in seen_flags or row.get("source_id") is None or row.get("target_id") is None:
            continue
        seen_flags.add(flag_id)
        strength = row.get("strength")
        flags.append({
            "run_id": run.id, "flag_id": str(flag_id), "incident_id": row.get("incident_id"),
            "label": row.get("label") or "contradicts", "score": _float(row.get("score")) or 0.0,
            "weight": _float(row.get("weight")), "confidence": _float(row.get("confidence")),
            "strength": strength, "strength_rank": STRENGTH_RANK.get(strength or "", 9),
            "indicator": row.get("indicator"), "indicator_title": row.get("indicator_title"),
            "rationale": row.get("rationale"), "reference": row.get("reference"),
            **{k: row.get(k) for k in (
                "source_id", "source_doc_id", "source_text", "source_type", "source_polarity", "source_speaker",
                "source_speaker_role", "target_id", "target_kind", "target_doc_id", "target_text", "target_type")},
            "source_start": _int(row.get("source_start")), "source_end": _int(row.get("source_end")),
            "target_start": _int(row.get("target_start")), "target_end": _int(row.get("target_end")),
            "target_attributes": _json_cell(row.get("target_attributes")),
            "counter_evidence": _list_cell(row.get("counter_evidence")),
            "claim_type": span_types.get(str(row["source_id"])) or row.get("source_type"),
            "doc_source_type": doc_source.get(row.get("source_doc_id")),
            "set_aside_because": set_aside_because,
        })

    for model, rows in ((Document, documents), (Span, spans), (Incident, incidents), (Flag, flags)):
        if rows:
            session.execute(insert(model), rows)
    return run.id
