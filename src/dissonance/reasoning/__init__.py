"""Reasoning: from linked claims and findings to explained flags and indicators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .flags import Flag, SpanRef, claim_claim_flags, claim_finding_flags
from .indicators import incident_indicators
from .knowledge import load_knowledge
from .weights import Assessment, FindingWeightModel, assess

__all__ = ["Flag", "SpanRef", "IncidentReasoning", "reason_about_incident", "default_assessor", "load_knowledge"]


@dataclass
class IncidentReasoning:
    incident_id: str
    flags: list[Flag] = field(default_factory=list)
    indicators: dict[str, Any] = field(default_factory=dict)


@dataclass
class BatchAssessor:
    """An assessor that also weighs a list of findings at once (`many`), as the learned model prefers."""

    many: Callable[[list[dict]], list[Assessment]]

    def __call__(self, finding: dict) -> Assessment:
        return self.many([finding])[0]


@lru_cache(maxsize=1)
def default_assessor() -> Callable[[dict], Assessment]:
    """The finding-weight model if one is trained under models/, else the knowledge base alone."""
    from ..paths import models_dir

    path = models_dir() / "finding_weight"
    if (path / "model.joblib").exists():
        return BatchAssessor(FindingWeightModel.load(path).assess_many)
    kb = load_knowledge()
    return lambda f: assess(f, kb)


def _position(ref: SpanRef) -> tuple[str, int, str]:
    return ref.doc_id, ref.record.get("start") or 0, ref.record.get("id") or ""


def reason_about_incident(
    incident_id: str,
    claims: list[SpanRef],
    findings: list[SpanRef],
    deaths: int | None,
    assessor: Callable[[dict], Assessment] | None = None,
) -> IncidentReasoning:
    assessor = assessor or default_assessor()
    # the same spans in any order (documents added to a run later, another file walk) give the same flags
    claims = sorted(claims, key=_position)
    findings = sorted(findings, key=_position)
    flags = claim_finding_flags(incident_id, claims, findings, assessor) + claim_claim_flags(incident_id, claims)
    flags.sort(key=lambda f: (-f.score, f.id))
    return IncidentReasoning(incident_id, flags, incident_indicators(claims, findings, deaths))
