"""How far independent annotators agree with the gold labels, and with each other.

The issue targets (claims detection 0.85, typed 0.75; findings 0.90 / 0.85;
`contradicts` 0.80) only mean something next to what careful people reach when they label the
same words by the same conventions. `corpora/agreement/` holds 48 documents
of the dev, holdout and test sets (12, 12 and 24; both languages, every
source type) labelled again from scratch: twice (`a/` and `b/`), each time by
annotators who had the format document and the authoring guide, not the gold
labels, the models or each other's work (eight groups of six documents,
sixteen annotators). This scores every pair with the scorer of `dissonance
eval`, over all 48 documents and per set, and the committed models'
predictions on the same documents (`runs/dev`, `runs/holdout`, `runs/test`)
where those runs exist. Relations are compared among the documents that
share an annotation file (one incident's documents in one group, where the
annotators' relations, derived by the authoring builder from their spans,
can be drawn); gold and model relations are cut the same way.

    .venv/bin/python eval/agreement.py --out eval/agreement
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dissonance.corpus import build_file
from dissonance.evaluation import evaluate
from dissonance.labelled import read_set
from dissonance.labelled.schema import Document

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = ROOT / "corpora" / "agreement"
SETS = ("dev", "holdout", "test")
GOLD = tuple(ROOT / "corpora" / f"{name}.jsonl" for name in SETS)
RUNS = tuple(ROOT / "runs" / name / "predictions.jsonl" for name in SETS)
ROWS = {"claims detection": ("claims", "detection"), "claims typed": ("claims", "typed"),
        "findings detection": ("findings", "detection"), "findings typed": ("findings", "typed")}
ATTRIBUTES = ("polarity", "speaker_role", "body_regions")


def annotation(name: str) -> list[Document]:
    """One full relabelling (`a` or `b`) as documents of the labelled-set format."""
    records = [d for path in sorted((AGREEMENT / name).glob("*.yaml")) for d in build_file(path)]
    return [Document.model_validate(r) for r in records]


def annotation_files(name: str = "a") -> dict[str, str]:
    """Document id -> the annotation file it was labelled in (both labellings use the same files)."""
    return {d["id"]: path.name for path in sorted((AGREEMENT / name).glob("*.yaml")) for d in build_file(path)}


def within_files(docs: list[Document], files: dict[str, str]) -> list[Document]:
    """The documents with only the relations whose two ends lie in documents of one annotation file."""
    doc_of = {s.id: d.id for d in docs for s in d.spans()}

    def kept(r) -> bool:
        a, b = doc_of.get(r.source), doc_of.get(r.target)
        return a is not None and b is not None and files.get(a) == files.get(b)

    return [d.model_copy(update={"relations": [r for r in d.relations if kept(r)]}) for d in docs]


def subset(paths, ids: set[str]) -> list[Document]:
    """The documents of `ids` from labelled sets, with relations cut to the spans they hold."""
    docs = [d for path in paths for d in read_set(path)[0] if d.id in ids]
    spans = {s.id for d in docs for s in d.spans()}
    return [d.model_copy(update={"relations": [r for r in d.relations if r.source in spans and r.target in spans]})
            for d in docs]


def agreement(reference: list[Document], other: list[Document]) -> dict[str, float | None]:
    metrics = evaluate(reference, other)
    row = {name: metrics[kind][part]["f1"] for name, (kind, part) in ROWS.items()}
    row.update({name: metrics["attributes"].get(name, {}).get("acc") for name in ATTRIBUTES})
    row.update({f"relations {label}": metrics["relations"].get(label, {}).get("f1") for label in ("contradicts", "supports")})
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    files = annotation_files()
    labelled = {"a": annotation("a"), "b": annotation("b")}
    ids = {d.id for d in labelled["a"]}
    labelled["gold"] = subset(GOLD, ids)
    if all(path.exists() for path in RUNS):
        labelled["models"] = subset(RUNS, ids)
    labelled = {name: within_files(docs, files) for name, docs in labelled.items()}
    pairs = [("gold", "a"), ("gold", "b"), ("a", "b")] + ([("gold", "models")] if "models" in labelled else [])
    origin = {d.id: name for name, path in zip(SETS, GOLD) for d in subset([path], ids)}
    groups = {"all": ids, "dev and holdout": {i for i in ids if origin[i] != "test"},
              "test": {i for i in ids if origin[i] == "test"}}

    def pick(docs: list[Document], keep: set[str]) -> list[Document]:
        return [d for d in docs if d.id in keep]

    result = {"documents": {name: len(keep) for name, keep in groups.items()},
              "spans": {name: {"claims": sum(len(d.claims) for d in docs), "findings": sum(len(d.findings) for d in docs)}
                        for name, docs in labelled.items()},
              "pairs": {group: {f"{ref} vs {other}": agreement(pick(labelled[ref], keep), pick(labelled[other], keep))
                                for ref, other in pairs}
                        for group, keep in groups.items() if keep}}
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "agreement.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
