"""A second opinion on each claim's type, from its words alone.

The span tagger's type head learns the training claims almost perfectly (97%
typed right on train) but types 62% of the dev claims it finds right: it
leans on the writers' contexts. A bag of word and character n-grams over the
claim's own words, with logistic regression, errs differently; the plain
average of the two distributions types more dev claims right than either
(eval/README.md, point 30). The tagger component averages them when this
model is present under `models/claim_typer`.
"""

from __future__ import annotations

import numpy as np

from ..labelled.schema import CLAIM_TYPES
from .joblib_model import JoblibModel

TYPER_WEIGHT = 0.5  # share of this model in the averaged distribution, fixed before measuring: a plain mean
C = 16.0  # grouped 5-fold cross-validation on train: 0.575, 0.574, 0.575 for C = 4, 16, 64 (flat)


class ClaimTyper(JoblibModel):
    def __init__(self, pipeline=None):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, Pipeline

        self.pipeline = pipeline or Pipeline([
            ("features", FeatureUnion([
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
            ])),
            ("clf", LogisticRegression(C=C, max_iter=3000)),
        ])

    def fit(self, texts: list[str], types: list[str]) -> "ClaimTyper":
        unknown = sorted(set(types) - set(CLAIM_TYPES))
        if unknown:
            raise ValueError(f"claim types not in the format: {unknown}")
        self.pipeline.fit(texts, types)
        return self

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """(len(texts), len(CLAIM_TYPES)): columns in CLAIM_TYPES order, 0 for a type unseen in training."""
        out = np.zeros((len(texts), len(CLAIM_TYPES)))
        if not texts:
            return out
        proba = self.pipeline.predict_proba(texts)
        for column, label in enumerate(self.pipeline.classes_):
            out[:, CLAIM_TYPES.index(label)] = proba[:, column]
        return out


def blend(head: np.ndarray, words: np.ndarray, weight: float = TYPER_WEIGHT) -> np.ndarray:
    """The averaged type distribution of the tagger's head and the word model (rows sum to 1)."""
    return (1.0 - weight) * np.asarray(head) + weight * np.asarray(words)
