"""Train the document source-type classifier on the training split."""

from __future__ import annotations

from pathlib import Path

from ..labelled.schema import Document
from ..nlp.source_type import SourceTypeClassifier


def train_source_type(documents: list[Document], out_dir: Path) -> dict:
    texts = [d.text for d in documents]
    labels = [d.source_type for d in documents]
    clf = SourceTypeClassifier().fit(texts, labels)
    card = {"train_documents": len(texts), "labels": sorted(set(labels))}
    clf.save(out_dir, card)
    return card
