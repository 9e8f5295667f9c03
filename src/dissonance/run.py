"""A whole analysis run: ingest, per-document analysis, incidents, flags, the run folder.

Steps, each replaceable:
1. stream the collection through `Analyzer` and spool the per-document
   records to disk (memory holds only spans and descriptors, not texts);
2. link documents into incidents (`incidents.linking`, or an analyst's
   linking file: `incidents.given`);
3. reason about each incident (`reasoning`): flags and indicators;
4. rewrite the spooled records with incident ids and relations into
   `predictions.jsonl`, and write the tables, the manifest and the report.

The folder layout and column names are documented in `docs/run-folder.md`.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .analyze import AnalyzedDocument, Analyzer
from .incidents.dates import parse_iso
from .incidents.descriptors import describe
from .incidents.given import LINKING_FILE, GivenLinking, LinkingFileError, read_linking, write_linking
from .incidents.linking import IncidentSummary, LinkUnit, cluster, summarise
from .nlp.relevance import CAUTION, DOUBTFUL
from .reasoning import Flag, IncidentReasoning, SpanRef, load_knowledge, reason_about_incident
from .reasoning.knowledge import knowledge_in_use

DOCUMENT_COLUMNS = ["doc_id", "source_path", "format", "lang", "lang_source", "date", "source_type",
                    "source_type_score", "relevance", "status", "message", "n_chars", "n_tokens", "n_claims", "n_findings", "seconds"]
CLAIM_COLUMNS = ["doc_id", "claim_id", "start", "end", "text", "type", "score", "side_score", "polarity", "speaker",
                 "speaker_role", "value", "hedge", "incident", "sentence"]
FINDING_COLUMNS = ["doc_id", "finding_id", "start", "end", "text", "type", "score", "body_regions", "wounds",
                   "victims", "range", "direction", "result", "incident", "sentence"]
INCIDENT_COLUMNS = ["incident_id", "place", "start", "end", "forces", "deaths", "n_documents", "n_claims",
                    "n_findings", "doc_ids", "indicators", "linked_by"]
SET_ASIDE_FILE = "set_aside.parquet"  # flags.parquet's columns and `set_aside_because`
FLAG_COLUMNS = ["flag_id", "incident_id", "label", "score", "strength", "weight", "confidence", "indicator", "indicator_title", "rationale",
                "reference", "source_id", "source_doc_id", "source_start", "source_end", "source_text", "source_type",
                "source_polarity", "source_speaker", "source_speaker_role", "target_id", "target_kind",
                "target_doc_id", "target_start", "target_end", "target_text", "target_type", "target_attributes",
                "counter_evidence"]
# An incident's death toll is the count its claims assert most; "about two dozen" says less about the exact
# number than "23 were killed", so an approximate count weighs half (eval/README.md, point 76).
APPROXIMATE_VOTE = 0.5
META_HEAD_KEYS = ("title", "headline", "outlet", "source", "case")


def _link_text(record: dict[str, Any]) -> str:
    """Text for incident descriptors: title and outlet from metadata, then the body."""
    meta = record.get("meta") or {}
    head = " ".join(str(meta[k]) for k in META_HEAD_KEYS if meta.get(k))
    return f"{head}\n\n{record['text']}" if head else record["text"]


def _spans_with_scores(result: AnalyzedDocument) -> tuple[list[SpanRef], list[SpanRef]]:
    scores = {r["claim_id"]: r["score"] for r in result.claim_rows}
    scores.update({r["finding_id"]: r["score"] for r in result.finding_rows})
    sides = {r["claim_id"]: r.get("side_score") for r in result.claim_rows}
    doc_id = result.record["id"]
    claims = [SpanRef(doc_id, {**c, "_score": scores.get(c["id"]), "_side_score": sides.get(c["id"])})
              for c in result.record["claims"]]
    findings = [SpanRef(doc_id, {**f, "_score": scores.get(f["id"])}) for f in result.record["findings"]]
    return claims, findings


def _given_clusters(units: list[LinkUnit], given: dict[str, str | None]) -> tuple[list[LinkUnit], list[int], dict[int, str]]:
    """(units, cluster labels, names of the analyst's clusters): listed documents form the incidents
    their list names (none where it names none), the others are clustered by the tool among themselves."""
    named = sorted({given[u.doc_id] for u in units if given.get(u.doc_id)})
    label_of = {name: i for i, name in enumerate(named)}
    fixed = [u for u in units if given.get(u.doc_id)]
    free = [u for u in units if u.doc_id not in given]
    labels = [label_of[given[u.doc_id]] for u in fixed] + [len(named) + label for label in cluster(free)]
    return fixed + free, labels, {i: name for name, i in label_of.items()}


def link_and_reason(
    results: list[AnalyzedDocument], given: dict[str, str | None] | None = None,
) -> tuple[dict[str, str], list[IncidentSummary], list[IncidentReasoning]]:
    """(doc id -> incident id, incident summaries, reasoning per incident) for analysed documents.

    `given` is an analyst's linking (doc id -> incident id, None for no incident; `incidents/given.py`).
    """
    units, spans = [], {}
    for r in results:
        if not (r.record["claims"] or r.record["findings"]):
            continue
        descriptors = describe(_link_text(r.record), parse_iso(r.record.get("date")))
        units.append(LinkUnit(r.record["id"], descriptors, parse_iso(r.record.get("date")) or descriptors.anchor,
                              has_findings=bool(r.record["findings"])))
        spans[r.record["id"]] = _spans_with_scores(r)
    names: dict[int, str] = {}
    if given:
        units, labels, names = _given_clusters(units, given)
    else:
        labels = cluster(units)
    counts: dict[str, list[tuple[float, str, float, bool]]] = {}  # value, span id, vote, lower bound
    from .nlp.counts import count_claim, counts_officers

    for doc_id, (claims, _) in spans.items():
        for c in claims:
            rec = c.record
            if rec["type"] == "casualty_count" and rec.get("value") is not None and (rec.get("polarity") or "asserted") == "asserted":
                _, hedge, category = count_claim(rec["text"])
                # a death word, not only a number (point 67); and the dead, not officers ("three police
                # officers over the death of a bricklayer", "los seis agentes muertos")
                if category == "killed" and not counts_officers(rec["text"]):
                    counts.setdefault(doc_id, []).append((float(rec["value"]), rec["id"], APPROXIMATE_VOTE if hedge == "about" else 1.0,
                                                          hedge == "at_least"))
    summaries = summarise(units, labels, counts, names)
    doc_incident = {doc_id: s.id for s in summaries for doc_id in s.doc_ids}
    reasoning = []
    for s in summaries:
        claims = [c for d in s.doc_ids for c in spans[d][0]]
        findings = [f for d in s.doc_ids for f in spans[d][1]]
        reasoning.append(reason_about_incident(s.id, claims, findings, s.deaths))
    weak = {r.record["id"]: r.relevance for r in results if r.relevance is not None and r.relevance < CAUTION}
    if weak:  # most collections have no weakly relevant document with spans: no pass over the flags
        moderate = load_knowledge().strength_cuts["moderate"]
        for incident in reasoning:
            for flag in incident.flags:
                _caution(flag, weak, moderate)
            _set_aside_doubtful(incident, weak)
    return doc_incident, summaries, reasoning


def _set_aside_doubtful(incident: IncidentReasoning, relevance: dict[str, float]) -> None:
    """Flags that rest on a document which hardly reads like a report of a lethal operation (a review of a
    police thriller, a hunting inquest) are set aside with the reason, not given: kept for the analyst."""
    doubtful = {doc: score for doc, score in relevance.items() if score < DOUBTFUL}
    if not doubtful:
        return
    keep = []
    for flag in incident.flags:
        docs = sorted({d for d in (flag.source.doc_id, flag.target.doc_id) if d in doubtful})
        if not docs:
            keep.append(flag)
            continue
        flag.set_aside_because = "; ".join(
            f"it rests on {d}, which hardly reads like a report of a lethal operation (relevance {doubtful[d]:.2f}, "
            f"under {DOUBTFUL})" for d in docs)
        incident.set_aside.append(flag)
    incident.flags = keep


def _caution(flag: Flag, relevance: dict[str, float | None], moderate: float) -> None:
    """Say when a flag rests on a weakly relevant document, and let it rank no higher than weak.

    Such a document may not be about a lethal operation at all (a price war
    "fired" between car washes): what it says cannot make a contradiction
    moderate or strong, so the analyst meets these flags last and reads why.
    """
    caution = _relevance_caution(flag, relevance)
    if not caution:
        return
    ceiling = round(moderate - 0.01, 4)
    if flag.score > ceiling:
        flag.score, flag.strength = ceiling, "weak"
        caution += " Its strength is lowered to weak for that reason."
    flag.rationale += caution


def _relevance_caution(flag: Flag, relevance: dict[str, float | None]) -> str:
    """A sentence for a flag with an end in a document that reads only partly like a report (else '')."""
    weak = sorted({(doc, relevance[doc]) for doc in (flag.source.doc_id, flag.target.doc_id)
                   if relevance.get(doc) is not None and relevance[doc] < CAUTION})
    return "".join(f" Caution: {doc} reads only partly like a report of a lethal operation (relevance {score:.2f}); "
                   f"check that it is about this incident." for doc, score in weak)


def _flag_row(flag: Flag) -> dict[str, Any]:
    s, t = flag.source.record, flag.target.record
    attr_keys = ("body_regions", "wounds", "victims", "range", "direction", "result") if flag.target_kind == "finding" else ("polarity", "value", "speaker", "speaker_role")
    return {
        "flag_id": flag.id, "incident_id": flag.incident_id, "label": flag.label, "score": flag.score,
        "strength": flag.strength, "weight": flag.weight, "confidence": round(flag.confidence, 4),
        "indicator": flag.indicator, "indicator_title": flag.indicator_title,
        "rationale": flag.rationale, "reference": flag.reference,
        "source_id": s["id"], "source_doc_id": flag.source.doc_id, "source_start": s["start"], "source_end": s["end"],
        "source_text": s["text"], "source_type": s["type"], "source_polarity": s.get("polarity") or "asserted",
        "source_speaker": s.get("speaker"), "source_speaker_role": s.get("speaker_role"),
        "target_id": t["id"], "target_kind": flag.target_kind, "target_doc_id": flag.target.doc_id,
        "target_start": t["start"], "target_end": t["end"], "target_text": t["text"], "target_type": t["type"],
        "target_attributes": json.dumps({k: t[k] for k in attr_keys if t.get(k) not in (None, [])}, ensure_ascii=False),
        "counter_evidence": json.dumps(flag.counter_evidence, ensure_ascii=False),
    }


def models_manifest() -> dict[str, Any]:
    from .paths import MODEL_NAMES, models_dir

    out = {}
    root = models_dir()
    for name in MODEL_NAMES:
        path = root / name
        if not path.exists():
            out[name] = None
            continue
        digest = hashlib.sha256()
        for f in sorted(p for p in path.rglob("*") if p.is_file() and p.name != "MODEL_CARD.md"):
            digest.update(f.name.encode())
            digest.update(f.read_bytes())
        info = path / "training.json"
        out[name] = {"path": str(path), "sha256": digest.hexdigest()[:16],
                     "trained_at": json.loads(info.read_text()).get("trained_at") if info.exists() else None}
    if out.get("span_tagger"):
        from .nlp.pipeline import tagger_precision

        out["span_tagger"]["precision"] = tagger_precision()  # bf16 and fp32 may differ in rare near-ties
    return out


@dataclass
class Extraction:
    """What reading a collection gave: the rows of the tables, what linking needs of each document
    (`results`, texts dropped), per-status counts, a hash of the ids and texts, and the input problems."""

    doc_rows: list[dict[str, Any]] = field(default_factory=list)
    claim_rows: list[dict[str, Any]] = field(default_factory=list)
    finding_rows: list[dict[str, Any]] = field(default_factory=list)
    results: list[AnalyzedDocument] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    sha256: str = ""
    problems: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, Any]:
        return {"documents": sum(1 for r in self.doc_rows if r["doc_id"] is not None), "claims": len(self.claim_rows),
                "findings": len(self.finding_rows), "tokens": sum(r["n_tokens"] or 0 for r in self.doc_rows),
                "status": dict(self.statuses)}


def slim_record(rec: dict[str, Any]) -> dict[str, Any]:
    """What linking keeps of a record: no text but the descriptors' (title, outlet, body) where it has spans."""
    slim = {k: v for k, v in rec.items() if k not in ("text", "meta")}
    slim["text"] = "" if not (rec["claims"] or rec["findings"]) else _link_text(rec)[:20000]
    return slim


def extract(collection, analyzer: Analyzer, out, on_progress: Callable[[AnalyzedDocument], None] | None = None
            ) -> Extraction:
    """Stream `collection` through `analyzer`, writing each record to the open file `out` (JSON lines)."""
    ex = Extraction()
    hashes = hashlib.sha256()
    for result in analyzer.analyze(collection):
        rec = result.record
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        hashes.update(rec["id"].encode() + b"\0" + rec["text"].encode("utf-8", "surrogatepass") + b"\0")
        ex.statuses[result.status] = ex.statuses.get(result.status, 0) + 1
        meta = rec.get("meta") or {}
        ex.doc_rows.append({
            "doc_id": rec["id"], "source_path": meta.get("source_path"), "format": meta.get("format"),
            "lang": rec["lang"], "lang_source": result.lang_source, "date": rec.get("date"),
            "source_type": rec["source_type"], "source_type_score": result.source_type_score,
            "relevance": result.relevance, "status": result.status, "message": result.message, "n_chars": len(rec["text"]),
            "n_tokens": result.n_tokens, "n_claims": len(rec["claims"]), "n_findings": len(rec["findings"]),
            "seconds": result.seconds,
        })
        ex.claim_rows.extend(result.claim_rows)
        ex.finding_rows.extend(result.finding_rows)
        ex.results.append(AnalyzedDocument(slim_record(rec), result.status, result.message, result.lang_source,
                                           relevance=result.relevance,
                                           claim_rows=result.claim_rows, finding_rows=result.finding_rows))
        if on_progress:
            on_progress(result)
    ingest_report = collection.report
    for skipped in getattr(ingest_report, "skipped", []):
        ex.statuses["skipped_file"] = ex.statuses.get("skipped_file", 0) + 1
        ex.doc_rows.append({
            "doc_id": None, "source_path": str(getattr(skipped, "file", skipped)), "format": None,
            "lang": None, "lang_source": None, "date": None, "source_type": None, "source_type_score": None,
            "relevance": None, "status": "skipped_file", "message": getattr(skipped, "reason", str(skipped)), "n_chars": 0,
            "n_tokens": 0, "n_claims": 0, "n_findings": 0, "seconds": 0.0,
        })
    ex.sha256 = hashes.hexdigest()
    ex.problems = [str(p) for p in getattr(ingest_report, "problems", [])]
    return ex


def analyze_path(
    input_path: str | Path,
    out_dir: str | Path,
    *,
    text_column: str = "text",
    id_column: str = "id",
    strict: bool = False,
    on_progress: Callable[[AnalyzedDocument], None] | None = None,
    analyzer: Analyzer | None = None,
    report: bool = True,
    incidents: str | Path | None = None,
    incident_per_folder: bool = False,
) -> dict[str, Any]:
    """Analyse a folder or file into `out_dir`; returns the manifest.

    `incidents` is an analyst's linking file (`incidents/given.py`), read before any document so that a
    broken file stops the run at once; with `strict`, a listed document the input lacks stops it too.
    """
    from . import __version__
    from .ingest import read_collection

    given: GivenLinking | None = read_linking(incidents) if incidents is not None else None
    input_path, out_dir = Path(input_path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    collection = read_collection(input_path, text_column=text_column, id_column=id_column, strict=strict)
    analyzer = analyzer or Analyzer()
    started = time.time()
    spool = out_dir / "predictions.partial.jsonl"
    try:
        with spool.open("w", encoding="utf-8") as out:
            ex = extract(collection, analyzer, out, on_progress)
        manifest = {
            "dissonance_version": __version__,
            "input": str(input_path),
            "input_sha256": ex.sha256,
            "models": models_manifest(),
            "counts": ex.counts(),
            "ingest_problems": ex.problems,
            "timings": {"extract": round(time.time() - started, 2)},
        }
        return write_linked(out_dir, spool, ex, manifest, given=given, strict=strict, started=started, report=report,
                            per_folder=incident_per_folder)
    finally:
        spool.unlink(missing_ok=True)


def write_linked(out_dir: Path, records: Path, ex: Extraction, manifest: dict[str, Any], *,
                 given: GivenLinking | None, strict: bool, started: float, report: bool,
                 per_folder: bool = False) -> dict[str, Any]:
    """Link, reason, and write everything that depends on the linking: predictions.jsonl (from the
    records in `records`, with incidents and relations set afresh), the tables, linking.csv, the
    manifest (completed here) and the report. Shared by `analyze_path` and the updates of a finished run
    (`run_update.py`).
    With `per_folder`, each subfolder of the input is an incident, except where `given` says otherwise."""
    import pandas as pd

    results, doc_rows, claim_rows, finding_rows = ex.results, ex.doc_rows, ex.claim_rows, ex.finding_rows
    if per_folder:
        paths = {r["doc_id"]: r.get("source_path") for r in doc_rows if r["doc_id"] is not None}
        given = (given or GivenLinking(None, {})).with_folders(paths)

    timings = manifest.setdefault("timings", {})
    linking_problems = given.unknown({r.record["id"] for r in results}) if given else []
    if linking_problems and strict:
        raise LinkingFileError(linking_problems[0] + " (--strict stops here; without it the line is ignored)")
    linking_problems = [p + "; line ignored" for p in linking_problems]
    t = time.time()
    doc_incident, summaries, reasoning = link_and_reason(results, given.incidents if given else None)
    timings["link_and_reason"] = round(time.time() - t, 2)
    relations_by_doc: dict[str, list[dict[str, Any]]] = {}
    flags = [f for r in reasoning for f in r.flags]
    for f in flags:
        relations_by_doc.setdefault(f.source.doc_id, []).append(f.relation())
    incident_format = {s.id: s.to_format() for s in summaries}

    written = out_dir / "predictions.jsonl.tmp"
    with records.open("r", encoding="utf-8") as src, written.open("w", encoding="utf-8") as dst:
        for line in src:
            rec = json.loads(line)
            inc = doc_incident.get(rec["id"])
            for span in rec["claims"] + rec["findings"]:
                if inc:
                    span["incident"] = inc
                else:
                    span.pop("incident", None)
            rec["incidents"] = [incident_format[inc]] if inc else []
            rec["relations"] = relations_by_doc.get(rec["id"], [])
            dst.write(json.dumps(rec, ensure_ascii=False) + "\n")
    written.replace(out_dir / "predictions.jsonl")

    for row in claim_rows + finding_rows:
        row["incident"] = doc_incident.get(row["doc_id"])
    pd.DataFrame(doc_rows, columns=DOCUMENT_COLUMNS).to_parquet(out_dir / "documents.parquet", index=False)
    pd.DataFrame(claim_rows, columns=CLAIM_COLUMNS).to_parquet(out_dir / "claims.parquet", index=False)
    pd.DataFrame(finding_rows, columns=FINDING_COLUMNS).to_parquet(out_dir / "findings.parquet", index=False)
    reasoning_by_id = {r.incident_id: r for r in reasoning}
    incident_rows = []
    claims_per_incident = Counter(row["incident"] for row in claim_rows)
    findings_per_incident = Counter(row["incident"] for row in finding_rows)
    for s in summaries:
        n_claims, n_findings = claims_per_incident[s.id], findings_per_incident[s.id]
        incident_rows.append({
            "incident_id": s.id, "place": s.place, "start": s.start, "end": s.end, "forces": s.forces,
            "deaths": s.deaths, "n_documents": len(s.doc_ids), "n_claims": n_claims, "n_findings": n_findings,
            "doc_ids": s.doc_ids, "indicators": json.dumps(reasoning_by_id[s.id].indicators, ensure_ascii=False),
            "linked_by": s.linked_by,
        })
    pd.DataFrame(incident_rows, columns=INCIDENT_COLUMNS).to_parquet(out_dir / "incidents.parquet", index=False)
    pd.DataFrame([_flag_row(f) for f in flags], columns=FLAG_COLUMNS).to_parquet(out_dir / "flags.parquet", index=False)
    # contradicts flags of incidents whose evidence fits a real exchange of fire: not relations, still readable
    set_aside = [(f, f.set_aside_because) for r in reasoning for f in r.set_aside]
    pd.DataFrame([{**_flag_row(f), "set_aside_because": note} for f, note in set_aside],
                 columns=FLAG_COLUMNS + ["set_aside_because"]).to_parquet(out_dir / SET_ASIDE_FILE, index=False)
    # the linking as it stands, for an analyst to correct and pass back with --incidents; a listed document
    # keeps what its list said even where it had no span to link
    listed = given.incidents if given else {}
    write_linking(out_dir / LINKING_FILE, [
        {**r, "incident": listed[r["doc_id"]] if r["doc_id"] in listed else doc_incident.get(r["doc_id"])}
        for r in doc_rows if r["doc_id"] is not None])

    counts = manifest.setdefault("counts", {})
    counts.update({"incidents": len(summaries), "flags": len(flags),
                   "contradicts": sum(1 for f in flags if f.label == "contradicts"), "set_aside": len(set_aside)})
    manifest["linking"] = {**given.manifest(), "problems": linking_problems} if given else {"file": None}
    manifest["knowledge"] = knowledge_in_use()  # path None: the packaged knowledge base
    manifest["seconds"] = round(time.time() - started, 2)
    manifest["finished_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    if report:
        from .report import write_report

        t = time.time()
        write_report(out_dir)
        manifest["timings"]["report"] = round(time.time() - t, 2)
        (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest
