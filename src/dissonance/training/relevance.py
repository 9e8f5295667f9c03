"""Train the relevance gate: documents with spans against distractors and negatives."""

from __future__ import annotations

from pathlib import Path

from ..labelled.schema import Document
from ..nlp.relevance import RelevanceClassifier


def train_relevance(documents: list[Document], out_dir: Path) -> dict:
    texts = [d.text for d in documents]
    relevant = [bool(d.claims or d.findings) for d in documents]
    RelevanceClassifier().fit(texts, relevant).save(out_dir)
    return {"train_documents": len(texts), "relevant": sum(relevant), "not_relevant": len(texts) - sum(relevant)}
