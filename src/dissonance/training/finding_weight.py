"""Train the finding-weight model from the weights implied by gold relations."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..labelled.schema import Document
from ..nlp.attributes import finding_attributes
from ..reasoning.weights import FindingWeightModel, gold_weights


def finding_examples(documents: list[Document]) -> tuple[list[dict], list[str]]:
    """Findings as analysis would see them (attributes read from the words), with their gold weight."""
    weights = gold_weights(documents)
    records, labels = [], []
    for d in documents:
        for f in d.findings:
            if f.id in weights:
                record = {"id": f.id, "doc_id": d.id, "type": f.type, "text": f.text, **finding_attributes(f.text, f.type)}
                records.append(record)
                labels.append(weights[f.id])
    return records, labels


def train_finding_weight(documents: list[Document], out_dir: Path) -> dict:
    records, labels = finding_examples(documents)
    FindingWeightModel().fit(records, labels).save(out_dir, {})
    card = {"train_findings": len(records), "labels": dict(Counter(labels))}
    return card
