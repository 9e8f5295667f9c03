"""Score incident linking and reasoning alone, on gold spans of a labelled set.

The end-to-end relation score multiplies the errors of span detection,
typing, polarity, linking and reasoning. This diagnostic feeds the *gold*
claims and findings of a set (types, polarity, values as labelled; finding
attributes as analysis would read them from the words; no gold incidents or
relations) through the same linking and reasoning code as `dissonance
analyze`, and scores the result with the same scorer as `dissonance eval`.

    .venv/bin/python eval/components.py corpora/dev.jsonl --out eval/dev-components
    .venv/bin/python eval/components.py corpora/dev.jsonl --assessor kb --out eval/dev-components-kb
    .venv/bin/python eval/components.py corpora/src/extra --out eval/extra-components

An authoring folder (`corpora/src/extra/`, which no split holds) is built in
memory and scored the same way: its forty incidents from 1981 to 2024 are a
second check on linking, which no rule was tuned on.
"""

from __future__ import annotations


from dissonance.analyze import AnalyzedDocument
from dissonance.corpus import read_gold
from dissonance.evaluation import score
from dissonance.evaluation.diagnostics import arguments, write_scores
from dissonance.labelled.schema import Document
from dissonance.nlp.attributes import finding_attributes
from dissonance.run import link_and_reason

ATTRS = ("body_regions", "wounds", "victims", "range", "direction", "result")


def gold_spans_as_analysis(doc: Document) -> AnalyzedDocument:
    claims = [{k: v for k, v in c.to_json().items() if k != "incident"} for c in doc.claims]
    findings = []
    for f in doc.findings:
        rec = {k: v for k, v in f.to_json().items() if k not in ATTRS and k != "incident"}
        rec.update(finding_attributes(f.text, f.type))
        findings.append(rec)
    record = {"id": doc.id, "text": doc.text, "lang": doc.lang, "source_type": doc.source_type,
              "date": doc.date, "meta": doc.meta, "claims": claims, "findings": findings,
              "incidents": [], "relations": []}
    rows = [{"claim_id": c["id"], "score": 1.0} for c in claims]
    frows = [{"finding_id": f["id"], "score": 1.0} for f in findings]
    return AnalyzedDocument(record, "ok", claim_rows=rows, finding_rows=frows)


def main() -> None:
    parser = arguments(__doc__, run=False)
    parser.add_argument("--assessor", choices=["default", "kb"], default="default",
                        help="kb: the knowledge base alone, without the finding-weight model")
    args = parser.parse_args()
    if args.assessor == "kb":
        from dissonance import reasoning
        from dissonance.reasoning.weights import assess

        reasoning.default_assessor.cache_clear()
        reasoning.default_assessor = lambda: assess  # noqa: E731
    gold = read_gold(args.gold)
    results = [gold_spans_as_analysis(d) for d in gold]
    doc_incident, summaries, reasoning = link_and_reason(results)
    relations: dict[str, list] = {}
    for r in reasoning:
        for f in r.flags:
            relations.setdefault(f.source.doc_id, []).append(f.relation())
    predicted = []
    for res in results:
        rec = res.record
        inc = doc_incident.get(rec["id"])
        for span in rec["claims"] + rec["findings"]:
            if inc:
                span["incident"] = inc
        rec["relations"] = relations.get(rec["id"], [])
        predicted.append(Document.model_validate(rec))
    metrics = score(gold, predicted).metrics
    summary = {
        "what": "linking and reasoning on gold spans (attributes read from the words)",
        "incidents_b3": metrics["incidents_b3"],
        "relations": metrics["relations"],
        "attributes": {k: metrics["attributes"][k] for k in ("body_regions", "range", "direction")},
    }
    write_scores(args.out, metrics, summary)


if __name__ == "__main__":
    main()
