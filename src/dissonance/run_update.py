"""Updates of a finished run folder that do not read its documents again.

Reading the documents (extraction) is most of an analysis's time; linking,
reasoning and writing the run take seconds. So:

- `relink_run` links and reasons again over a run's claims and findings, for
  an analyst's corrected linking (`incidents/given.py`);
- `add_to_run` reads only new documents (a later autopsy, a new statement)
  and links and reasons again over the old and the new together. A new
  document with the id of an old one replaces it.

Both write every file of the run folder (`docs/run-folder.md`) through
`run.write_linked`, as `analyze_path` does, into the run itself or a new
folder.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from .analyze import AnalyzedDocument, Analyzer
from .incidents.given import GivenLinking, read_linking
from .run import Extraction, extract, models_manifest, slim_record, write_linked
from .run_folder import RunFolderError, iter_records, read_table

RUN_FILES = ["manifest.json", "predictions.jsonl", "documents.parquet", "claims.parquet", "findings.parquet"]


def _rows(path: Path) -> list[dict[str, Any]]:
    rows = read_table(path.parent, path.name)
    if rows and "doc_id" not in rows[0]:
        raise RunFolderError(f"{path}: no doc_id column: not a table of a run folder")
    return rows


def _check_run(run_dir: Path) -> dict[str, Any]:
    missing = [name for name in RUN_FILES if not (run_dir / name).exists()]
    if missing:
        raise FileNotFoundError(f"{run_dir}: not a finished run folder (missing {', '.join(missing)})")
    try:
        manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    except ValueError as exc:
        raise RunFolderError(f"{run_dir / 'manifest.json'}: not JSON ({exc})") from exc
    if not isinstance(manifest, dict):
        raise RunFolderError(f"{run_dir / 'manifest.json'}: not a run manifest (a JSON object)")
    return manifest


def load_extraction(run_dir: Path, out, *, leave_out: frozenset[str] = frozenset()) -> tuple[Extraction, list[str]]:
    """A finished run's extraction, its records copied to the open file `out`, and the ids of the run's
    documents that were in `leave_out` and dropped (the rows of files the run skipped stay)."""
    doc_rows = [r for r in _rows(run_dir / "documents.parquet") if r["doc_id"] not in leave_out]
    claim_rows = [r for r in _rows(run_dir / "claims.parquet") if r["doc_id"] not in leave_out]
    finding_rows = [r for r in _rows(run_dir / "findings.parquet") if r["doc_id"] not in leave_out]
    relevance = {r["doc_id"]: r["relevance"] for r in doc_rows if r["doc_id"] is not None}
    claims_of: dict[str, list[dict]] = {}
    findings_of: dict[str, list[dict]] = {}
    for row in claim_rows:
        claims_of.setdefault(row["doc_id"], []).append(row)
    for row in finding_rows:
        findings_of.setdefault(row["doc_id"], []).append(row)
    ex = Extraction(doc_rows, claim_rows, finding_rows)
    for row in doc_rows:
        ex.statuses[row["status"]] = ex.statuses.get(row["status"], 0) + 1
    dropped = []
    for line, rec in iter_records(run_dir / "predictions.jsonl"):
        if rec["id"] in leave_out:
            dropped.append(rec["id"])
        else:
            out.write(line)
            ex.results.append(AnalyzedDocument(slim_record(rec), "ok", relevance=relevance.get(rec["id"]),
                                               claim_rows=claims_of.get(rec["id"], []),
                                               finding_rows=findings_of.get(rec["id"], [])))
    return ex, sorted(dropped)


def relink_run(run_dir: str | Path, out_dir: str | Path | None = None, *, incidents: str | Path | None = None,
               incident_per_folder: bool = False, strict: bool = False, report: bool = True) -> dict[str, Any]:
    """Link and reason again over a finished run's claims and findings, without reading the documents again.

    Writes into `out_dir` (default: the run itself) every file that depends on the linking, with the same
    names and columns as `analyze_path`; returns the manifest.
    """
    given: GivenLinking | None = read_linking(incidents) if incidents is not None else None
    run_dir = Path(run_dir)
    out_dir = Path(out_dir) if out_dir is not None else run_dir
    manifest = _check_run(run_dir)
    started = time.time()
    out_dir.mkdir(parents=True, exist_ok=True)
    records = out_dir / "predictions.relink.jsonl"
    try:
        with records.open("w", encoding="utf-8") as out:
            ex, _ = load_extraction(run_dir, out)
        manifest["relinked_from"] = str(run_dir)
        manifest["timings"] = {k: v for k, v in (manifest.get("timings") or {}).items() if k == "extract"}
        return write_linked(out_dir, records, ex, manifest, given=given, strict=strict, started=started,
                            report=report, per_folder=incident_per_folder)
    finally:
        records.unlink(missing_ok=True)


def add_to_run(
    run_dir: str | Path,
    input_path: str | Path,
    out_dir: str | Path | None = None,
    *,
    text_column: str = "text",
    id_column: str = "id",
    strict: bool = False,
    on_progress=None,
    analyzer: Analyzer | None = None,
    incidents: str | Path | None = None,
    incident_per_folder: bool = False,
    report: bool = True,
) -> dict[str, Any]:
    """Read the documents of `input_path` and add them to the finished run in `run_dir` (or a copy in
    `out_dir`): only the new documents are read; incidents and flags are redone over the whole run.

    The manifest keeps the run's first input and lists each addition (`added`: input, hash, documents,
    ids replaced, models). Where the models differ from those that read the run, `models_differ` says
    so: the run then mixes two readings, and analysing the whole collection again gives one.
    """
    from .ingest import read_collection

    given: GivenLinking | None = read_linking(incidents) if incidents is not None else None
    run_dir, input_path = Path(run_dir), Path(input_path)
    out_dir = Path(out_dir) if out_dir is not None else run_dir
    manifest = _check_run(run_dir)
    collection = read_collection(input_path, text_column=text_column, id_column=id_column, strict=strict)
    analyzer = analyzer or Analyzer()
    started = time.time()
    out_dir.mkdir(parents=True, exist_ok=True)
    new_records, records = out_dir / "predictions.added.jsonl", out_dir / "predictions.update.jsonl"
    try:
        with new_records.open("w", encoding="utf-8") as out:
            new = extract(collection, analyzer, out, on_progress)
        new_ids = frozenset(r["doc_id"] for r in new.doc_rows if r["doc_id"] is not None)
        with records.open("w", encoding="utf-8") as out:
            ex, replaced = load_extraction(run_dir, out, leave_out=new_ids)
            with new_records.open(encoding="utf-8") as src:
                for line in src:
                    out.write(line)
        ex.doc_rows += new.doc_rows
        ex.claim_rows += new.claim_rows
        ex.finding_rows += new.finding_rows
        ex.results += new.results
        for status, n in new.statuses.items():
            ex.statuses[status] = ex.statuses.get(status, 0) + n
        models = models_manifest()
        addition = {"input": str(input_path), "input_sha256": new.sha256, "documents": len(new_ids),
                    "replaced": replaced, "models": models, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "seconds": round(time.time() - started, 2)}
        manifest["added"] = [*manifest.get("added", []), addition]
        manifest["ingest_problems"] = [*manifest.get("ingest_problems", []), *new.problems]
        manifest["counts"] = ex.counts()
        manifest["timings"] = {"extract": (manifest.get("timings") or {}).get("extract"),
                               "extract_added": addition["seconds"]}
        if _model_hashes(models) != _model_hashes(manifest.get("models") or {}):
            manifest["models_differ"] = ("the added documents were read by other models than the run's first "
                                         "input; analyse the whole collection again for one reading")
        return write_linked(out_dir, records, ex, manifest, given=given, strict=strict, started=started,
                            report=report, per_folder=incident_per_folder)
    finally:
        new_records.unlink(missing_ok=True)
        records.unlink(missing_ok=True)


def _model_hashes(models: dict[str, Any]) -> dict[str, str | None]:
    return {name: (info or {}).get("sha256") for name, info in models.items()}
