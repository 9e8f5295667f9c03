"""Train the document source-type classifier on the training split."""

from __future__ import annotations

from pathlib import Path

from ..labelled.schema import Document
from ..nlp.source_type import SourceTypeClassifier


def train_source_type(documents: list[Document], out_dir: Path) -> dict:
    texts = [d.text for d in documents]
    labels = [d.source_type for d in documents]
    metas = [d.meta for d in documents]
    clf = SourceTypeClassifier().fit(texts, labels, metas)
    card = {
        "train_documents": len(texts),
        "train_documents_with_meta": sum(1 for m in metas if m),
        "features": "text head (word 1-2 grams, char 2-5 grams) + meta outlet/title/author; each document seen with and without meta",
        "labels": sorted(set(labels)),
    }
    clf.save(out_dir, card)
    return card
