"""Is a document about a lethal police or military operation at all?

Look-alike texts ("penalty shootout", "a shot in the arm for the economy",
a film review, a hunting accident) share words with real reports, and a
span tagger reading them sentence by sentence finds spurious claims in them.
A document-level classifier (TF-IDF, logistic regression) trained on the
corpus's documents with and without spans gates them out before the
transformer runs, which also saves its time.
"""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from .joblib_model import JoblibModel

HEAD_CHARS = 6000
THRESHOLD = 0.35  # below this probability a document is treated as not about a lethal operation


class RelevanceClassifier(JoblibModel):
    def __init__(self, pipeline: Pipeline | None = None):
        self.pipeline = pipeline or Pipeline([
            ("features", FeatureUnion([
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)),
            ])),
            ("clf", LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced")),
        ])

    def fit(self, texts: list[str], relevant: list[bool]) -> "RelevanceClassifier":
        self.pipeline.fit([t[:HEAD_CHARS] for t in texts], [int(r) for r in relevant])
        return self

    def probabilities(self, texts: list[str]) -> list[float]:
        if not texts:
            return []
        column = list(self.pipeline.classes_).index(1)
        return [float(p[column]) for p in self.pipeline.predict_proba([t[:HEAD_CHARS] for t in texts])]
