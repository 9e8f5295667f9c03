"""How much a finding weighs for or against the account of a lawful confrontation.

Two assessors give the same answer shape. The knowledge base reads a
finding's type and attributes against its indicators (`knowledge.yaml`); the
learned model (`FindingWeightModel`) reads the finding's words, trained on the
weights implied by the training corpus's gold relations. Which one the
pipeline uses is decided by dev-set score (see `eval/relations.md`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..conventions import claim_stance
from ..nlp.joblib_model import JoblibModel
from .knowledge import Indicator, KnowledgeBase, load_knowledge

WEIGHTS = ("against", "consistent", "neutral")


@dataclass
class Assessment:
    weighs: str  # against | consistent | neutral
    score: float  # strength of the finding on its side, 0..1
    indicators: list[tuple[str, Indicator]] = field(default_factory=list)
    # for the learned model: the labelled training finding closest to this one on its side
    # (its record with "doc_id", "weighs" and "similarity"), so an analyst can check what it learnt from
    precedent: dict | None = None

    @property
    def main(self) -> tuple[str, Indicator] | None:
        side = [i for i in self.indicators if i[1].weighs == self.weighs]
        return max(side, key=lambda i: i[1].weight) if side else None


def _combine(weights: list[float]) -> float:
    out = 1.0
    for w in weights:
        out *= 1 - w
    return 1 - out


def assess(finding: dict, kb: KnowledgeBase | None = None) -> Assessment:
    """Knowledge-base assessment of one finding (a format dict with `text`)."""
    kb = kb or load_knowledge()
    hits = kb.matching(finding)
    against = _combine([i.weight for _, i in hits if i.weighs == "against"])
    consistent = _combine([i.weight for _, i in hits if i.weighs == "consistent"])
    if against == 0 and consistent == 0:
        return Assessment("neutral", 0.0, hits)
    if against >= consistent:
        return Assessment("against", round(against, 4), hits)
    return Assessment("consistent", round(consistent, 4), hits)


def gold_weights(documents) -> dict[str, str]:
    """Finding id -> weight implied by gold relations and claim stances (for training and scoring)."""
    claims = {c.id: c for d in documents for c in d.claims}
    out: dict[str, str] = {}
    for d in documents:
        for r in d.relations:
            claim = claims.get(r.source)
            if claim is None or r.target in claims:
                continue
            stance = claim_stance(claim.type, claim.polarity)
            if stance is None:
                continue
            against = (stance == "confrontation") == (r.label == "contradicts")
            out[r.target] = "against" if against else "consistent"
    incidents_with_stance = {
        c.incident for c in claims.values() if c.incident and claim_stance(c.type, c.polarity) is not None
    }
    for d in documents:
        for f in d.findings:
            if f.id not in out and f.incident in incidents_with_stance:
                out[f.id] = "neutral"
    return out


def _features(finding: dict) -> str:
    """Words of the finding, its attributes and the knowledge base's indicators, as tokens."""
    attrs = [f"type_{finding.get('type')}"]
    attrs += [f"kb_{key}" for key, _ in assess(finding).indicators]
    attrs += [f"region_{r}" for r in finding.get("body_regions") or []]
    for key in ("range", "direction", "result"):
        if finding.get(key):
            attrs.append(f"{key}_{finding[key]}")
    return " ".join(attrs) + " || " + finding.get("text", "")


EXAMPLES_FILE = "examples.jsonl"  # the labelled training findings, kept beside the model for precedents


class FindingWeightModel(JoblibModel):
    """TF-IDF + logistic regression over a finding's words and attributes.

    The model keeps the labelled findings it was trained on (`examples.jsonl`:
    id, document, type, text, attributes, weight), so that a flag resting on the model alone can
    name the closest labelled finding on the same side: the analyst sees what
    the pattern was learnt from and can disagree with it.
    """

    def __init__(self, pipeline=None, examples: list[dict] | None = None):
        self.examples = examples or []
        self._example_index = None  # (TF-IDF rows of the examples, {label: their row numbers}), built on first use
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, Pipeline

        self.pipeline = pipeline or Pipeline([
            ("features", FeatureUnion([
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)),
            ])),
            ("clf", LogisticRegression(C=5.0, max_iter=3000, class_weight="balanced")),
        ])

    def fit(self, findings: list[dict], labels: list[str]) -> "FindingWeightModel":
        self.pipeline.fit([_features(f) for f in findings], labels)
        self.examples = [{**f, "weighs": label} for f, label in zip(findings, labels)]
        self._example_index = None
        return self

    def save(self, path, card: dict | None = None) -> None:
        super().save(path, card)
        with (Path(path) / EXAMPLES_FILE).open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in self.examples)

    @classmethod
    def load(cls, path):
        model = super().load(path)
        examples = Path(path) / EXAMPLES_FILE
        if examples.exists():  # models trained before precedents were kept have none
            with examples.open(encoding="utf-8") as fh:
                model.examples = [json.loads(line) for line in fh if line.strip()]
        return model

    def _precedents(self, features: list[str], labels: list[str]) -> list[dict | None]:
        """For each finding, the most similar training example with the same label (None for neutral)."""
        if not self.examples or all(label == "neutral" for label in labels):
            return [None] * len(labels)
        import numpy as np

        vectorize = self.pipeline.named_steps["features"]
        if self._example_index is None:
            rows: dict[str, list[int]] = {}
            for i, e in enumerate(self.examples):
                rows.setdefault(e["weighs"], []).append(i)
            self._example_index = (vectorize.transform([_features(e) for e in self.examples]),
                                   {label: np.array(ids) for label, ids in rows.items()})
        matrix, by_label = self._example_index
        sims = (vectorize.transform(features) @ matrix.T).toarray() / 2  # two L2-normed blocks
        out: list[dict | None] = []
        for row, label in zip(sims, labels):
            same = by_label.get(label)
            if label == "neutral" or same is None:
                out.append(None)
                continue
            best = int(same[row[same].argmax()])
            out.append({**self.examples[best], "similarity": round(float(row[best]), 3)})
        return out

    def assess(self, finding: dict, kb: KnowledgeBase | None = None) -> Assessment:
        """The model's side with the knowledge base's indicators for the explanation."""
        return self.assess_many([finding], kb)[0]

    def assess_many(self, findings: list[dict], kb: KnowledgeBase | None = None) -> list[Assessment]:
        """`assess` for many findings in one model call (a call costs milliseconds whatever its size)."""
        if not findings:
            return []
        features = [_features(f) for f in findings]
        probs = self.pipeline.predict_proba(features)
        labels = [str(self.pipeline.classes_[row.argmax()]) for row in probs]
        out = []
        for finding, row, label, precedent in zip(findings, probs, labels, self._precedents(features, labels)):
            score = round(float(row.max()), 4) if label != "neutral" else 0.0
            out.append(Assessment(label, score, assess(finding, kb).indicators, precedent))
        return out
