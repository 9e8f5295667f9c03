"""Reasoning: from linked claims and findings to explained flags and indicators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..conventions import claim_stance
from .exchange import ExchangeVerdict, exchange_verdict
from .flags import Flag, SpanRef, assess_findings, claim_claim_flags, claim_finding_flags, counter_spans
from .indicators import incident_indicators
from .knowledge import load_knowledge
from .weights import Assessment, FindingWeightModel, assess

__all__ = ["Flag", "SpanRef", "IncidentReasoning", "reason_about_incident", "default_assessor", "load_knowledge"]


@dataclass
class IncidentReasoning:
    incident_id: str
    flags: list[Flag] = field(default_factory=list)
    indicators: dict[str, Any] = field(default_factory=dict)
    # `contradicts` flags of an incident whose evidence fits a real exchange of fire: kept for the analyst
    # (set_aside.parquet, the report), not given as relations
    set_aside: list[Flag] = field(default_factory=list)
    exchange: ExchangeVerdict | None = None


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


def _against_the_account(flag: Flag) -> bool:
    """A finding read as contradicting a claim that sides with the confrontation account: what evidence that
    fits a real exchange of fire makes doubtful. Claims that contradict claims (a doubt against an assertion,
    rival tallies) and findings that contradict an allegation of execution stand whatever the evidence."""
    return (flag.label == "contradicts" and flag.target_kind == "finding"
            and claim_stance(flag.source.record["type"], flag.source.record.get("polarity")) == "confrontation")


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
    kb = load_knowledge()
    assessed = assess_findings(findings, assessor)
    counter = counter_spans(claims, assessed)
    flags = (claim_finding_flags(incident_id, claims, findings, kb=kb, assessed=assessed, counter=counter)
             + claim_claim_flags(incident_id, claims))
    flags.sort(key=lambda f: (-f.score, f.id))
    indicators = incident_indicators(claims, findings, deaths)
    verdict = exchange_verdict(claims, assessed, kb, counter)
    set_aside = []
    if verdict.fits:
        given = []
        for f in flags:
            (set_aside if _against_the_account(f) else given).append(f)
        flags = given
        for f in set_aside:
            f.set_aside_because = f"the incident's evidence fits a real exchange of fire: {verdict.note}"
    if kb.exchange_of_fire is not None:
        indicators["exchange_of_fire"] = {
            "label": kb.exchange_of_fire.title, "value": int(verdict.fits), "numerator": len(set_aside), "denominator": None,
            "spans": verdict.spans,
            "note": (f"{len(set_aside)} contradicts flags set aside: {verdict.note}" if verdict.fits
                     else f"does not fit: {verdict.note}")}
    return IncidentReasoning(incident_id, flags, indicators, set_aside, verdict)
