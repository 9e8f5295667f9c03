"""One evaluation run as a plain function: documents in, numbers out.

`evaluate` returns exactly the `metrics.json` layout of the format document.
`score` returns those metrics with the detail rows that reports need
(per-type tables, confusion counts), kept apart so that `metrics.json` stays
the stable, comparable contract.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..labelled.schema import CLAIM_TYPES, FINDING_TYPES, Document
from .alignment import align
from .attributes import attribute_scores, source_type_score
from .incidents import incident_scores
from .relations import label_confusion, relation_scores
from .spans import span_scores, type_confusion

METRIC_KEYS = (
    "claims", "findings", "attributes", "source_type", "missing_docs", "incidents_b3", "relations",
)
KNOWN_TYPES = {"claims": CLAIM_TYPES, "findings": FINDING_TYPES}


@dataclass
class Details:
    """What reports show beyond metrics.json.

    `tables` holds row lists (`claims_per_type`, `findings_per_type`,
    `relations`, `attributes`), each row a flat dict ready for a CSV;
    `confusion` holds `(gold, predicted) -> count` for `claims`, `findings`
    (types) and `relations` (labels), with `(none)` for unmatched.
    """

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    confusion: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)


@dataclass
class Evaluation:
    metrics: dict[str, Any]
    details: Details


def score(gold_docs: Sequence[Document], pred_docs: Sequence[Document]) -> Evaluation:
    """Score a prediction against gold: metrics.json plus report details."""
    alignment = align(gold_docs, pred_docs)
    gold_relations = [r for g, _ in alignment.documents for r in g.relations]
    pred_relations = [r for _, p in alignment.present for r in p.relations]

    metrics: dict[str, Any] = {
        kind: span_scores(alignment.kinds[kind], KNOWN_TYPES[kind]) for kind in ("claims", "findings")
    }
    metrics["attributes"] = attribute_scores(alignment)
    metrics["source_type"] = source_type_score(alignment)
    metrics["missing_docs"] = alignment.missing_docs
    metrics["incidents_b3"] = incident_scores(alignment)
    metrics["relations"] = relation_scores(gold_relations, pred_relations, alignment.pred_to_gold)

    details = Details(
        tables={
            "claims_per_type": [{"type": t, **v} for t, v in metrics["claims"]["per_type"].items()],
            "findings_per_type": [{"type": t, **v} for t, v in metrics["findings"]["per_type"].items()],
            "relations": [{"label": label, **v} for label, v in metrics["relations"].items()],
            "attributes": [{"attribute": a, **v} for a, v in metrics["attributes"].items()],
        },
        confusion={
            "claims": type_confusion(alignment.kinds["claims"]),
            "findings": type_confusion(alignment.kinds["findings"]),
            "relations": label_confusion(gold_relations, pred_relations, alignment.pred_to_gold),
        },
    )
    return Evaluation(metrics=metrics, details=details)


def evaluate(gold_docs: Sequence[Document], pred_docs: Sequence[Document]) -> dict[str, Any]:
    """The metrics.json dict for a prediction scored against gold.

    Gold documents absent from the prediction are scored as if predicted
    empty and counted in `missing_docs`; prediction documents absent from gold
    are ignored, their relations included.
    """
    return score(gold_docs, pred_docs).metrics
