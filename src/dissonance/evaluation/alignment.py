"""Put a prediction beside its gold set: documents by id, spans by matching.

Every score is computed from this one alignment, so detection, typed scores,
attributes, incidents and relations all see the same pairs. Gold documents
missing from the prediction are aligned with nothing (all their spans
unmatched); prediction documents absent from gold are left out entirely.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..labelled.schema import Document, Span
from .matching import match_spans

KINDS = ("claims", "findings")


@dataclass
class KindAlignment:
    """Matched and unmatched spans of one kind, over all documents."""

    matched: list[tuple[Span, Span]] = field(default_factory=list)  # (gold, pred)
    unmatched_gold: list[Span] = field(default_factory=list)
    unmatched_pred: list[Span] = field(default_factory=list)

    @property
    def gold(self) -> list[Span]:
        return [g for g, _ in self.matched] + self.unmatched_gold

    @property
    def pred(self) -> list[Span]:
        return [p for _, p in self.matched] + self.unmatched_pred


@dataclass
class Alignment:
    """Gold documents with their predictions, and the span matching of each kind."""

    documents: list[tuple[Document, Document | None]] = field(default_factory=list)
    kinds: dict[str, KindAlignment] = field(default_factory=lambda: {k: KindAlignment() for k in KINDS})
    pred_to_gold: dict[str, str] = field(default_factory=dict)  # predicted span id -> matched gold span id

    @property
    def missing_docs(self) -> int:
        return sum(1 for _, pred in self.documents if pred is None)

    @property
    def present(self) -> list[tuple[Document, Document]]:
        return [(g, p) for g, p in self.documents if p is not None]


def _by_id(documents: Sequence[Document], which: str) -> dict[str, Document]:
    out: dict[str, Document] = {}
    for doc in documents:
        if doc.id in out:
            raise ValueError(f"{which}: duplicate document id {doc.id!r}")
        out[doc.id] = doc
    return out


def align(gold_docs: Sequence[Document], pred_docs: Sequence[Document]) -> Alignment:
    """Align documents by id and match their spans, per document and kind."""
    _by_id(gold_docs, "gold")
    predictions = _by_id(pred_docs, "prediction")
    alignment = Alignment()
    for gold in gold_docs:
        pred = predictions.get(gold.id)
        alignment.documents.append((gold, pred))
        for kind in KINDS:
            gold_spans: list[Span] = getattr(gold, kind)
            pred_spans: list[Span] = getattr(pred, kind) if pred is not None else []
            pairs = match_spans(gold_spans, pred_spans)
            target = alignment.kinds[kind]
            matched_gold = {gi for gi, _ in pairs}
            matched_pred = {pi for _, pi in pairs}
            for gi, pi in pairs:
                target.matched.append((gold_spans[gi], pred_spans[pi]))
                alignment.pred_to_gold[pred_spans[pi].id] = gold_spans[gi].id
            target.unmatched_gold.extend(s for i, s in enumerate(gold_spans) if i not in matched_gold)
            target.unmatched_pred.extend(s for i, s in enumerate(pred_spans) if i not in matched_pred)
    return alignment
