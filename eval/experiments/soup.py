"""Experiment: average the weights of span taggers fine-tuned from the same MiniLM weights ("model soup").

Taggers trained from one pre-trained start with different data orders or
seeds usually sit close enough in weight space that their parameter-wise
mean is a working tagger, at no extra cost when analysing. Writes OUT/ with
the first tagger's configuration and tokenizer and the averaged weights
(in the first tagger's dtype). Results and decision: eval/README.md, points
48 and 50.

    .venv/bin/python eval/experiments/soup.py /tmp/models_soup/span_tagger models/span_tagger /tmp/models_x/span_tagger
    for m in claim_typer finding_weight relevance source_type; do ln -s $PWD/models/$m /tmp/models_soup/$m; done
    DISSONANCE_MODELS=/tmp/models_soup .venv/bin/dissonance analyze corpora/dev.jsonl --out /tmp/run_soup --quiet
    .venv/bin/dissonance eval --gold corpora/dev.jsonl --pred /tmp/run_soup/predictions.jsonl \\
        --intervals 1000 --paired runs/dev/predictions.jsonl
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from safetensors.torch import load_file, save_file

WEIGHTS = "model.safetensors"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the averaged tagger")
    parser.add_argument("taggers", type=Path, nargs="+", help="span_tagger folders to average (two or more)")
    args = parser.parse_args()
    if len(args.taggers) < 2:
        parser.error("give at least two taggers")
    weights = [load_file(str(t / WEIGHTS)) for t in args.taggers]
    first = weights[0]
    if any(w.keys() != first.keys() for w in weights):
        raise SystemExit("the taggers do not have the same parameters")
    args.out.mkdir(parents=True, exist_ok=True)
    for f in args.taggers[0].iterdir():
        if f.name != WEIGHTS and f.is_file():
            shutil.copy(f, args.out / f.name)
    soup = {k: (sum(w[k].float() for w in weights) / len(weights)).to(v.dtype) if v.is_floating_point() else v
            for k, v in first.items()}
    save_file(soup, str(args.out / WEIGHTS), metadata={"format": "pt"})
    print(f"averaged {len(weights)} taggers into {args.out}")


if __name__ == "__main__":
    main()
