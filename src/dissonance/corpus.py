"""Build labelled sets from hand-written authoring files.

People write documents and label spans by quoting them, not by counting
characters: an authoring file (YAML, one incident or one group of distractors
per file) holds the texts and, for each span, its exact text. This module
finds the offsets, numbers the spans, derives gold relations from the format's
conventions (`dissonance.conventions`) and writes a labelled set.

Authoring fields that the format does not have (`nth`, `weighs`, `category`,
`hedge`) are used here and never written out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .conventions import COUNT_TYPES, claim_finding_label, claim_stance, opposite_polarity
from .labelled.schema import Document
from .yamlio import load_yaml

AUTHORING_ONLY = ("nth", "weighs", "category", "hedge")


class AuthoringError(ValueError):
    """A problem in an authoring file, with the place it was found."""


@dataclass
class _Built:
    documents: list[dict[str, Any]] = field(default_factory=list)
    # span id -> (authoring dict, incident id, kind)
    spans: dict[str, tuple[dict[str, Any], str | None, str]] = field(default_factory=dict)
    doc_of_span: dict[str, int] = field(default_factory=dict)


def _locate(text: str, quote: str, nth: int, where: str) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.find(quote, start + 1)
        if start < 0:
            break
    if start < 0:
        count = text.count(quote)
        raise AuthoringError(
            f"{where}: text: quote not found in the document"
            + (f" (only {count} occurrence(s), nth={nth})" if count else "")
            + f": {quote[:80]!r}"
        )
    return start, start + len(quote)


def _span_record(raw: dict[str, Any], text: str, span_id: str, incident: str | None, where: str):
    if not isinstance(raw, dict) or "text" not in raw or "type" not in raw:
        raise AuthoringError(f"{where}: a span needs at least `text` and `type`")
    start, end = _locate(text, raw["text"], int(raw.get("nth", 1)), where)
    record = {k: v for k, v in raw.items() if k not in AUTHORING_ONLY}
    record.update(id=span_id, start=start, end=end, text=text[start:end])
    inc = raw.get("incident", incident)
    if inc:
        record["incident"] = inc
    return record


def _relation_rationale(label: str, kind: str) -> str:
    if kind == "claim-finding":
        return (
            "The finding weighs against a lawful confrontation and the claim sides with that account."
            if label == "contradicts"
            else "The finding and the claim point the same way on the confrontation account."
        )
    return "The two claims assert incompatible versions of the same fact."


def build_file(path: Path) -> list[dict[str, Any]]:
    """Documents (format dicts) of one authoring file; raises AuthoringError."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise AuthoringError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise AuthoringError(f"{path}: expected a mapping with a `documents` list")
    incidents = data.get("incidents") or ([data["incident"]] if data.get("incident") else [])
    incident_by_id = {inc["id"]: inc for inc in incidents}
    default_incident = incidents[0]["id"] if incidents else None
    built = _Built()

    for i, raw_doc in enumerate(data["documents"]):
        where = f"{path}: documents[{i}]"
        if not isinstance(raw_doc, dict) or "id" not in raw_doc or "text" not in raw_doc:
            raise AuthoringError(f"{where}: a document needs `id` and `text`")
        doc_id, text = str(raw_doc["id"]), raw_doc["text"]
        where = f"{path}: {doc_id}"
        doc_incident = raw_doc.get("incident", default_incident)
        doc = {k: v for k, v in raw_doc.items() if k not in ("claims", "findings", "incident")}
        empty = [k for k, v in (doc.get("meta") or {}).items() if v is None]
        if empty:  # `meta: {outlet: A, B, title: C}` reads "B" as a key: quote values with commas
            raise AuthoringError(f"{where}: meta: {empty} have no value (an unquoted comma in a value?); "
                                 f"quote the value")
        if "date" in doc and doc["date"] is not None:
            doc["date"] = str(doc["date"])
        spans_out: dict[str, list] = {"claims": [], "findings": []}
        for kind, prefix in (("claims", "c"), ("findings", "f")):
            located = []
            for j, raw in enumerate(raw_doc.get(kind) or []):
                rec = _span_record(raw, text, "", doc_incident, f"{where}: {kind}[{j}]")
                located.append((rec["start"], j, rec, raw))
            for n, (_, _, rec, raw) in enumerate(sorted(located, key=lambda t: (t[0], t[1])), 1):
                rec["id"] = f"{doc_id}-{prefix}{n}"
                spans_out[kind].append(rec)
                built.spans[rec["id"]] = (raw, rec.get("incident"), kind)
                built.doc_of_span[rec["id"]] = len(built.documents)
        doc.update(spans_out)
        used = sorted({s["incident"] for k in spans_out for s in spans_out[k] if s.get("incident")})
        doc["incidents"] = [incident_by_id[u] for u in used if u in incident_by_id]
        unknown = [u for u in used if u not in incident_by_id]
        if unknown:
            raise AuthoringError(f"{where}: incident(s) {unknown} not declared in `incidents`")
        doc["relations"] = []
        built.documents.append(doc)

    _derive_relations(built, data, path)
    for doc in built.documents:
        for inc in doc["incidents"]:
            for key in ("start", "end"):
                if key in inc and inc[key] is not None:
                    inc[key] = str(inc[key])
        try:
            Document.model_validate(doc)
        except ValidationError as exc:
            raise AuthoringError(f"{path}: {doc['id']}: {exc}") from exc
    return built.documents


def _derive_relations(built: _Built, data: dict[str, Any], path: Path) -> None:
    excluded = {frozenset(map(_ref_to_id, pair)) for pair in data.get("no_relation") or []}
    claims = [(sid, raw, inc) for sid, (raw, inc, kind) in built.spans.items() if kind == "claims"]
    findings = [(sid, raw, inc) for sid, (raw, inc, kind) in built.spans.items() if kind == "findings"]
    seen: set[frozenset] = set()

    def add(source: str, target: str, label: str, rationale: str) -> None:
        key = frozenset((source, target))
        if key in excluded or key in seen:
            return
        seen.add(key)
        built.documents[built.doc_of_span[source]]["relations"].append(
            {"source": source, "target": target, "label": label, "rationale": rationale}
        )

    for cid, craw, cinc in claims:
        stance = claim_stance(craw["type"], craw.get("polarity"))
        for fid, fraw, finc in findings:
            if cinc is None or cinc != finc:
                continue
            weight = fraw.get("weighs")
            if weight not in (None, "against", "consistent", "neutral"):
                raise AuthoringError(f"{path}: {fid}: weighs: must be against, consistent or neutral")
            label = claim_finding_label(stance, weight)
            if label:
                add(cid, fid, label, _relation_rationale(label, "claim-finding"))
    for a, (aid, araw, ainc) in enumerate(claims):
        for bid, braw, binc in claims[a + 1 :]:
            if ainc is None or ainc != binc or araw["type"] != braw["type"]:
                continue
            if araw["type"] in COUNT_TYPES:
                if _counts_conflict(araw, braw):
                    add(aid, bid, "contradicts", _relation_rationale("contradicts", "claim-claim"))
            elif araw["type"] != "other" and opposite_polarity(araw.get("polarity"), braw.get("polarity")):
                add(aid, bid, "contradicts", _relation_rationale("contradicts", "claim-claim"))
    for rel in data.get("relations") or []:
        source, target = _ref_to_id(rel["source"]), _ref_to_id(rel["target"])
        for end in (source, target):
            if end not in built.spans:
                raise AuthoringError(f"{path}: relations: unknown span {end!r}")
        add(source, target, rel["label"], rel.get("rationale") or _relation_rationale(rel["label"], "manual"))


def _counts_conflict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same category, both asserted, different numbers, not a lower bound below the other."""
    if a.get("value") is None or b.get("value") is None:
        return False
    if (a.get("category") or "killed") != (b.get("category") or "killed"):
        return False
    if (a.get("polarity") or "asserted") != "asserted" or (b.get("polarity") or "asserted") != "asserted":
        return False
    va, vb = float(a["value"]), float(b["value"])
    if va == vb:
        return False
    low, high = (a, b) if va < vb else (b, a)
    return low.get("hedge") != "at_least"


def _ref_to_id(ref: str) -> str:
    """`doc-id#c2` (authoring reference) -> `doc-id-c2` (span id)."""
    return ref.replace("#", "-", 1)


# train: models learn from it; dev: alternatives are chosen on it; test: written by people who saw
# neither, scored once the choices are made (never used to choose); holdout: written, like test, by
# people who saw no corpus file, about incidents in places the gazetteer does not know, to check
# choices on outside writers' documents without spending the test set (corpora/README.md)
SPLITS = ("train", "dev", "test", "holdout")


def build_split(folder: Path) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        documents.extend(build_file(path))
    ids = [d["id"] for d in documents]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise AuthoringError(f"{folder}: duplicate document ids: {dupes}")
    return documents


def read_split(folder: Path):
    """The documents of an authoring folder, validated by the labelled-set reader (as `read_set` reads a
    split's JSONL), for training on a folder that is not built into a split (`corpora/src/extra/`)."""
    import tempfile

    from .labelled import read_set

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{folder.name}.jsonl"
        write_jsonl(build_split(folder), path)
        documents, report = read_set(path)
    if report.problems:
        raise AuthoringError(f"{folder}: " + "; ".join(map(str, report.problems[:10])))
    return documents


def read_gold(path: Path):
    """A labelled set's documents: a split's JSONL (`read_set`) or an authoring folder (`read_split`)."""
    from .labelled import read_set

    return read_split(path) if path.is_dir() else read_set(path)[0]


def write_jsonl(documents: Iterable[dict[str, Any]], out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for doc in documents:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    """`python -m dissonance.corpus [FILE.yaml ...]`: check files, or build every split."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    root = Path(__file__).resolve().parents[2] / "corpora"
    if args:
        status = 0
        for arg in args:
            try:
                docs = build_file(Path(arg))
                n_c = sum(len(d["claims"]) for d in docs)
                n_f = sum(len(d["findings"]) for d in docs)
                n_r = sum(len(d["relations"]) for d in docs)
                print(f"ok {arg}: {len(docs)} documents, {n_c} claims, {n_f} findings, {n_r} relations")
            except AuthoringError as exc:
                print(f"ERROR {exc}")
                status = 1
        return status
    for split in SPLITS:
        folder = root / "src" / split
        if folder.is_dir():
            n = write_jsonl(build_split(folder), root / f"{split}.jsonl")
            print(f"{split}: {n} documents -> {root / (split + '.jsonl')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
