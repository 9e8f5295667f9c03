"""Experiment: the span tagger trained on the training split plus `corpora/src/extra/`.

The eighty documents of `corpora/src/extra/` (eight writers who labelled from
the format document alone, like the test writers) are added to the training
split, either whole or for their claims only (`--claims-only`: their finding
tags and spans are left out of the loss, so they teach claims and nothing
about findings). Same schedule as the committed tagger (14 epochs, stopped
after 10, seed 13, fp32); about 45 minutes here. Results, compared with the
committed run by paired bootstrap intervals, and the decision: eval/README.md
("Seventh round").

    .venv/bin/python eval/experiments/tagger_with_extra.py /tmp/models_x [--claims-only]
    .venv/bin/python eval/experiments/tagger_with_extra.py --write-corpus /tmp/train_extra.jsonl
        # the combined corpus alone, e.g. for the claim typer of point 46:
        # .venv/bin/dissonance train claim_typer --corpus /tmp/train_extra.jsonl --out /tmp/models_x
    for m in claim_typer finding_weight relevance source_type; do ln -s $PWD/models/$m /tmp/models_x/$m; done
    DISSONANCE_MODELS=/tmp/models_x .venv/bin/dissonance analyze corpora/dev.jsonl --out /tmp/run_x --quiet
    .venv/bin/dissonance eval --gold corpora/dev.jsonl --pred /tmp/run_x/predictions.jsonl \\
        --intervals 1000 --paired runs/dev/predictions.jsonl
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from dissonance.corpus import build_split
from dissonance.labelled import read_set
from dissonance.training.span_tagger import train_span_tagger

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", type=Path, nargs="?", help="folder to write span_tagger/ into")
    parser.add_argument("--claims-only", action="store_true", help="train on the extra documents' claims only")
    parser.add_argument("--write-corpus", type=Path, help="write the combined corpus (train + extra) here")
    args = parser.parse_args()
    if args.models is None and args.write_corpus is None:
        parser.error("give a models folder, --write-corpus PATH, or both")
    extra = build_split(ROOT / "corpora" / "src" / "extra")
    with tempfile.TemporaryDirectory() as tmp:
        combined = args.write_corpus or Path(tmp) / "train_extra.jsonl"
        with combined.open("w", encoding="utf-8") as fh:
            fh.write((ROOT / "corpora" / "train.jsonl").read_text(encoding="utf-8"))
            fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in extra)
        documents, report = read_set(combined)
    if args.models is None:
        print(f"wrote {len(documents)} documents to {combined}")
        return
    if report.problems:
        raise SystemExit("\n".join(map(str, report.problems[:10])))
    claims_only = {d["id"] for d in extra} if args.claims_only else set()
    print(f"{len(documents)} documents ({len(extra)} extra{', claims only' if claims_only else ''})")
    info = train_span_tagger(documents, args.models / "span_tagger", epochs=14, stop_after=10, claims_only=claims_only)
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    main()
