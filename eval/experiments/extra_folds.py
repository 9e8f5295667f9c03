"""Experiment: does training on other writers' documents help on other writers' documents?

The dev set was written by the project's own corpus writers; the test set and
the eighty documents of `corpora/src/extra/` (writers y1-y8) by people who had
only the format document, and they label differently (a third of their claims
are `other`, against 14% in train). Dev cannot say whether the extra
documents teach what such writers mean. This splits them by writer into two
halves (y1-y4 and y5-y8), trains the committed tagger configuration (seed 13,
14-epoch schedule stopped after 10) on train plus one half, and scores it on
the other half against the committed tagger; the two halves together are a
two-fold cross-validation over 80 documents and 16 incidents that no model
chose. Results and decision: eval/README.md, point 60.

    .venv/bin/python eval/experiments/extra_folds.py halves /tmp/folds          # extra_A.jsonl, extra_B.jsonl, extra.jsonl
    .venv/bin/python eval/experiments/extra_folds.py train /tmp/models_foldA A  # about 40 min each on 2 cores
    .venv/bin/python eval/experiments/extra_folds.py train /tmp/models_foldB B
    for f in A B; do for m in claim_typer finding_weight relevance source_type; do
        ln -sfn $PWD/models/$m /tmp/models_fold$f/$m; done; done
    DISSONANCE_MODELS=/tmp/models_foldA .venv/bin/dissonance analyze /tmp/folds/extra_B.jsonl --out /tmp/run_foldA --quiet
    DISSONANCE_MODELS=/tmp/models_foldB .venv/bin/dissonance analyze /tmp/folds/extra_A.jsonl --out /tmp/run_foldB --quiet
    .venv/bin/dissonance analyze /tmp/folds/extra.jsonl --out /tmp/run_committed --quiet
    cat /tmp/run_foldA/predictions.jsonl /tmp/run_foldB/predictions.jsonl > /tmp/cv.jsonl
    .venv/bin/dissonance eval --gold /tmp/folds/extra.jsonl --pred /tmp/cv.jsonl \\
        --intervals 1000 --paired /tmp/run_committed/predictions.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HALVES = {"A": ("y1", "y2", "y3", "y4"), "B": ("y5", "y6", "y7", "y8")}


def _extra() -> list[dict]:
    from dissonance.corpus import build_split

    return build_split(ROOT / "corpora" / "src" / "extra")


def halves(out: Path) -> None:
    """The extra documents whole and in two halves by writer (the id's prefix)."""
    from dissonance.corpus import write_jsonl

    extra = _extra()
    write_jsonl(extra, out / "extra.jsonl")
    for name, writers in HALVES.items():
        part = [d for d in extra if d["id"].split("-")[0] in writers]
        write_jsonl(part, out / f"extra_{name}.jsonl")
        print(f"extra_{name}.jsonl: {len(part)} documents by {', '.join(writers)}")


def train(models: Path, half: str) -> None:
    """The committed tagger configuration on the training split plus one half of the extra documents."""
    from dissonance.corpus import read_split
    from dissonance.labelled import read_set
    from dissonance.training.span_tagger import train_span_tagger

    writers = HALVES[half]
    documents, report = read_set(ROOT / "corpora" / "train.jsonl")
    if report.problems:
        raise SystemExit("\n".join(map(str, report.problems[:10])))
    extra = [d for d in read_split(ROOT / "corpora" / "src" / "extra") if d.id.split("-")[0] in writers]
    documents += extra
    print(f"{len(documents)} documents ({len(extra)} extra, writers {', '.join(writers)})", flush=True)
    info = train_span_tagger(documents, models / "span_tagger", epochs=14, stop_after=10)
    print(json.dumps(info, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    h = sub.add_parser("halves", help="write extra.jsonl and its two halves")
    h.add_argument("out", type=Path)
    t = sub.add_parser("train", help="train the tagger on train + one half")
    t.add_argument("models", type=Path, help="folder to write span_tagger/ into")
    t.add_argument("half", choices=sorted(HALVES))
    args = parser.parse_args()
    if args.command == "halves":
        halves(args.out)
    else:
        train(args.models, args.half)


if __name__ == "__main__":
    main()
