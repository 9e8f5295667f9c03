"""Count flags that touch a distractor (a gold document without spans) in a run.

    .venv/bin/python eval/distractors.py corpora/dev.jsonl runs/dev --out eval/dev/distractors.json
"""

from __future__ import annotations

import json

import pandas as pd

from dissonance.evaluation.diagnostics import arguments, write_json
from dissonance.labelled import read_set


def main() -> None:
    args = arguments(__doc__).parse_args()
    gold, _ = read_set(args.gold)
    distractors = {d.id for d in gold if not d.spans()}
    flags = pd.read_parquet(args.run / "flags.parquet")
    docs = pd.read_parquet(args.run / "documents.parquet")
    touching = flags[flags["source_doc_id"].isin(distractors) | flags["target_doc_id"].isin(distractors)]
    gated = docs[docs["doc_id"].isin(distractors) & (docs["n_claims"] + docs["n_findings"] == 0)]
    result = {
        "distractors": len(distractors),
        "distractors_without_spans": int(len(gated)),
        "flags": int(len(flags)),
        "flags_touching_distractors": int(len(touching)),
        "contradicts_touching_distractors": int((touching["label"] == "contradicts").sum()),
        "strength_of_flags_touching_distractors": {k: int(v) for k, v in touching["strength"].value_counts().items()},
        "documents": sorted((set(touching["source_doc_id"]) | set(touching["target_doc_id"])) & distractors),
    }
    print(json.dumps(result, indent=2))
    write_json(args.out, result)


if __name__ == "__main__":
    main()
