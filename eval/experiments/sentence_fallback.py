"""Experiment: whole sentences as claims where the tagger found none (eval/README.md, point 115).

Of the dev claims the tagger misses outright, 36 of 82 lie in a candidate
sentence where it found no claim at all, and the whole sentence would match
them (overlap at least half of each). A sentence classifier (word and
character TF-IDF, logistic regression over "no whole-sentence claim" and the
claim types), trained on the candidate sentences of train and the extra
documents, proposes such sentences; this adds every proposal above a
threshold to a run's predictions, typed by the classifier, for `dissonance
eval --paired` against the run itself.

    .venv/bin/python eval/experiments/sentence_fallback.py cv                    # grouped 5-fold CV on train + extra
    .venv/bin/python eval/experiments/sentence_fallback.py apply runs/dev 0.3 /tmp/fallback-dev
    .venv/bin/dissonance eval --gold corpora/dev.jsonl --pred /tmp/fallback-dev/predictions.jsonl \\
        --out /tmp/fallback-dev/eval --intervals 1000 --paired runs/dev/predictions.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
NONE = "none"
RELEVANCE_THRESHOLD = 0.35  # the pipeline's gate: documents under it get no candidates


def _documents() -> list[dict]:
    from dissonance.corpus import build_split

    with (ROOT / "corpora" / "train.jsonl").open(encoding="utf-8") as fh:
        train = [json.loads(line) for line in fh if line.strip()]
    return train + build_split(ROOT / "corpora" / "src" / "extra")


def _candidate_sentences(documents: list[dict], kind: str, labelled: bool) -> list[dict]:
    """Candidate sentences (a trigger stem in them), labelled with the type of a gold span they would match."""
    from dissonance.evaluation.matching import can_match
    from dissonance.nlp.components import _candidate_pattern
    from dissonance.nlp.lexicon import fold
    from dissonance.nlp.segment import sentence_spans

    pattern = _candidate_pattern()
    rows = []
    for lang in ("en", "es"):
        docs = [d for d in documents if d.get("lang") == lang]
        for d, sentences in zip(docs, sentence_spans([d["text"] for d in docs], lang)):
            group = next((s.get("incident") for s in d.get("claims", []) + d.get("findings", []) if s.get("incident")), d["id"])
            for start, end in sentences:
                text = d["text"][start:end]
                if not pattern.search(fold(text)):
                    continue
                label = NONE
                if labelled:
                    whole = SimpleNamespace(start=start, end=end)
                    label = next((s["type"] for s in d.get(kind, []) if can_match(SimpleNamespace(**s), whole)), NONE)
                rows.append({"doc": d["id"], "start": start, "end": end, "text": text, "label": label, "group": group})
    return rows


def _model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    return make_pipeline(
        make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                   TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
        LogisticRegression(C=8.0, max_iter=3000))


def _split(model, texts: list[str]) -> tuple[np.ndarray, list[str]]:
    """P(some whole-sentence span) and the likeliest type for each text."""
    probs = model.predict_proba(texts)
    classes = list(model.classes_)
    none = classes.index(NONE)
    typed = probs.copy()
    typed[:, none] = -1
    return 1 - probs[:, none], [classes[i] for i in typed.argmax(1)]


def cv(kind: str) -> None:
    from sklearn.model_selection import GroupKFold

    rows = _candidate_sentences(_documents(), kind, labelled=True)
    texts = [r["text"] for r in rows]
    labels = np.array([r["label"] for r in rows])
    p_any, types = np.zeros(len(rows)), np.empty(len(rows), dtype=object)
    for train, test in GroupKFold(5).split(texts, labels, [r["group"] for r in rows]):
        model = _model().fit([texts[i] for i in train], labels[train])
        p_any[test], types[test] = _split(model, [texts[i] for i in test])
    positive = labels != NONE
    print(f"{len(rows)} candidate sentences, {positive.sum()} hold a whole-sentence {kind[:-1]}")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        chosen = p_any >= threshold
        hits = (chosen & positive).sum()
        typed = (chosen & positive & (types == labels)).sum()
        print(f"threshold {threshold}: {chosen.sum()} proposed, precision {hits / max(1, chosen.sum()):.3f}, "
              f"recall {hits / positive.sum():.3f}, typed precision {typed / max(1, chosen.sum()):.3f}")


def apply(run: Path, threshold: float, out: Path, kind: str) -> None:
    import pandas as pd

    rows = _candidate_sentences(_documents(), kind, labelled=True)
    model = _model().fit([r["text"] for r in rows], [r["label"] for r in rows])
    with (run / "predictions.jsonl").open(encoding="utf-8") as fh:
        predictions = [json.loads(line) for line in fh if line.strip()]
    relevance = pd.read_parquet(run / "documents.parquet").set_index("doc_id")["relevance"]
    by_id = {d["id"]: d for d in predictions}
    empty = [r for r in _candidate_sentences(predictions, kind, labelled=False)
             if relevance.get(r["doc"], 0) >= RELEVANCE_THRESHOLD
             and not any(s["start"] < r["end"] and s["end"] > r["start"] for s in by_id[r["doc"]][kind])]
    p_any, types = _split(model, [r["text"] for r in empty]) if empty else (np.zeros(0), [])
    added = 0
    for r, p, kind_type in zip(empty, p_any, types):
        if p < threshold:
            continue
        span = {"id": f"{r['doc']}-s{added}", "start": r["start"], "end": r["end"], "text": r["text"], "type": kind_type}
        if kind == "claims":
            span["polarity"] = "asserted"
        by_id[r["doc"]][kind].append(span)
        added += 1
    out.mkdir(parents=True, exist_ok=True)
    with (out / "predictions.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in predictions)
    print(f"{len(empty)} candidate sentences without a predicted {kind[:-1]}; {added} added -> {out}/predictions.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=["claims", "findings"], default="claims")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("cv", help="grouped 5-fold cross-validation on train + extra")
    a = sub.add_parser("apply", help="add proposals to a run's predictions")
    a.add_argument("run", type=Path)
    a.add_argument("threshold", type=float)
    a.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.command == "cv":
        cv(args.kind)
    else:
        apply(args.run, args.threshold, args.out, args.kind)


if __name__ == "__main__":
    main()
