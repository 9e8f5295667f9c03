"""Does an incident's evidence fit a real exchange of fire?

The domain brief names what a real gunfight leaves: officers wounded,
residue on the hands of the dead, wounds at distance, hits across the body;
and what points to killings outside one: close or contact shots, entries
from behind, downward tracks, restraint, torture, an altered scene. Where
an incident's evidence is all of the first kind, a `contradicts` flag rests
on a reading no pattern bears out (one head wound among many limb hits,
two tallies of the dead) and the issue's analysts want none. The verdict
uses only what an analyst can check: officer counts and findings that a
knowledge-base indicator names, with the thresholds in `knowledge.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..conventions import claim_stance
from .flags import SpanRef, counter_spans
from .knowledge import KnowledgeBase
from .weights import Assessment


@dataclass
class ExchangeVerdict:
    fits: bool
    note: str  # why, in words an analyst can check
    spans: list[str] = field(default_factory=list)  # the officer counts and findings it rests on


def exchange_verdict(claims: list[SpanRef], assessed: list[tuple[SpanRef, Assessment]], kb: KnowledgeBase,
                     counter: dict[str, list[SpanRef]] | None = None) -> ExchangeVerdict:
    """`counter`: the incident's `counter_spans`, where the caller has them already."""
    rule = kb.exchange_of_fire
    if rule is None:
        return ExchangeVerdict(False, "no exchange_of_fire rule in the knowledge base")
    counter = counter if counter is not None else counter_spans(claims, assessed)
    officers, consistent, against = counter["officers_hurt"], counter["consistent_findings"], counter["against_findings"]
    untolerated = sorted({key for _, a in assessed if a.weighs == "against" for key, ind in a.indicators
                          if ind.weighs == "against" and key not in rule.tolerated_against})
    stances = [claim_stance(c.record["type"], c.record.get("polarity")) for c in claims]
    with_account, disputing = stances.count("confrontation"), stances.count("against")
    reasons = []
    if len(officers) < rule.min_officers_hurt:
        reasons.append("no officer reported hurt")
    if len(consistent) < rule.min_consistent_findings:
        reasons.append("no finding an indicator reads as consistent with a gunfight")
    if untolerated:
        reasons.append(f"findings point to killings outside one ({', '.join(untolerated)})")
    if len(against) > len(consistent):
        reasons.append(f"more findings weigh against the account ({len(against)}) than fit it ({len(consistent)})")
    if disputing > rule.max_claims_against_share * with_account:
        reasons.append(f"{_n(disputing, 'claim')} dispute the account against {with_account} that side with it")
    spans = [r.id for r in officers + consistent + against]
    if reasons:
        return ExchangeVerdict(False, "; ".join(reasons), spans)
    return ExchangeVerdict(True, f"officers hurt ({_n(len(officers), 'claim')}), {_n(len(consistent), 'finding')} that fit "
                                 f"a gunfight, {len(against)} against the account only of kinds a gunfight also leaves "
                                 f"({', '.join(rule.tolerated_against)}), {_n(disputing, 'claim')} disputing the account "
                                 f"and {with_account} siding with it", spans)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
