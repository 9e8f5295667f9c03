"""Incident-level indicators from the lethality literature, each with its evidence.

lethality index (civilians killed / civilians wounded), civilians killed per
agent killed, the share of victims with head/neck/chest, back or close-range
wounds, and whether weapons were reported recovered. Every number carries
the spans it rests on, so an analyst can check it; a number that cannot be
computed is null with a note saying why.
"""

from __future__ import annotations

from typing import Any

from ..nlp.attributes import rules_out_gunshot
from ..nlp.counts import count_claim
from .flags import SpanRef

VITAL = {"head", "face", "neck", "chest"}


def _value(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 2)


def _counts(claims: list[SpanRef], claim_type: str, category: str) -> tuple[float | None, list[str]]:
    """Most asserted number of `category` among asserted claims of `claim_type`."""
    values: dict[float, list[str]] = {}
    for c in claims:
        r = c.record
        if r["type"] != claim_type or (r.get("polarity") or "asserted") != "asserted" or r.get("value") is None:
            continue
        _, _, cat = count_claim(r["text"])
        if (cat or "killed") != category:
            continue
        values.setdefault(float(r["value"]), []).append(r["id"])
    if not values:
        return None, []
    best = max(values, key=lambda v: (len(values[v]), v))
    return best, values[best]


def _shot(record: dict) -> bool:
    """A gunshot wound, or a cause of death that does not name only blunt or edged injuries: the shares
    below are the lethality literature's shares of people *shot*; a beaten skull is not an aimed shot."""
    return record["type"] == "gunshot_wound" or (record["type"] == "cause_of_death"
                                                 and not rules_out_gunshot(record.get("text", "")))


def _share(findings: list[SpanRef], deaths: float | None, test) -> dict[str, Any]:
    hits = [f for f in findings if _shot(f.record) and test(f.record)]
    victims = sum(max(1, f.record.get("victims") or 1) for f in hits)
    if deaths:
        victims = min(victims, deaths)
    return {"value": _value(victims, deaths) if hits else None, "numerator": victims if hits else None,
            "denominator": deaths, "spans": [f.id for f in hits],
            "note": None if deaths else "death count unknown"}


def incident_indicators(claims: list[SpanRef], findings: list[SpanRef], deaths: int | None) -> dict[str, dict[str, Any]]:
    killed, killed_spans = _counts(claims, "casualty_count", "killed")
    killed = float(deaths) if deaths is not None else killed
    wounded, wounded_spans = _counts(claims, "casualty_count", "wounded")
    agents_killed, agents_spans = _counts(claims, "officer_casualty", "killed")
    agents_wounded, agents_w_spans = _counts(claims, "officer_casualty", "wounded")
    weapons = [c.id for c in claims if c.record["type"] == "victim_armed" and (c.record.get("polarity") or "asserted") == "asserted"]
    confrontation = [c.id for c in claims if c.record["type"] in ("armed_confrontation", "crossfire", "self_defense")
                     and (c.record.get("polarity") or "asserted") == "asserted"]
    out = {
        "lethality_index": {
            "label": "civilians killed / civilians wounded",
            "value": _value(killed, wounded), "numerator": killed, "denominator": wounded,
            "spans": killed_spans + wounded_spans,
            "note": None if wounded else ("no wounded reported: every victim died" if killed else "counts unknown"),
        },
        "civilians_per_agent_killed": {
            "label": "civilians killed / agents killed",
            "value": _value(killed, agents_killed), "numerator": killed, "denominator": agents_killed,
            "spans": killed_spans + agents_spans,
            "note": None if agents_killed else ("no agent reported killed" if agents_killed == 0 or killed else "counts unknown"),
        },
        "share_head_neck_chest": {"label": "share of victims shot in the head, neck or chest",
                                  **_share(findings, killed, lambda r: bool(set(r.get("body_regions") or []) & VITAL))},
        "share_back": {"label": "share of victims shot in the back",
                       **_share(findings, killed, lambda r: "back" in (r.get("body_regions") or []) or r.get("direction") == "back_to_front")},
        "share_close_range": {"label": "share of victims shot at close or contact range",
                              **_share(findings, killed, lambda r: r.get("range") in ("close", "contact"))},
        "weapons_recovered": {"label": "claims that weapons were seized or carried by the victims",
                              "value": len(weapons), "numerator": len(weapons), "denominator": None, "spans": weapons, "note": None},
    }
    officers_hurt = (agents_killed or 0) + (agents_wounded or 0)
    if confrontation and killed and not wounded and officers_hurt == 0 and (agents_killed is not None or agents_wounded is not None):
        out["confrontation_without_casualties"] = {
            "label": "confrontation claimed, no officer hurt, every victim dead",
            "value": 1, "numerator": killed, "denominator": None,
            "spans": confrontation + agents_spans + agents_w_spans + killed_spans,
            "note": "In real armed clashes the wounded outnumber the dead and officers are hurt too.",
        }
    return out
