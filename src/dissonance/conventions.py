"""The relation conventions of the labelled-set format, as functions.

Which claims side with the confrontation account, which findings weigh
against it, and what relation label follows. The corpus builder derives gold
relations from these, and the reasoning module starts from the same rules, so
that gold labels and predictions rest on one reading of the format document.
"""

from __future__ import annotations

from typing import Literal

Stance = Literal["confrontation", "against"]
Weight = Literal["against", "consistent", "neutral"]

CONFRONTATION_TYPES = frozenset(
    {"armed_confrontation", "crossfire", "resisted_authority", "self_defense", "victim_armed"}
)
ACCUSATION_TYPES = frozenset({"execution_allegation", "detained_alive"})
COUNT_TYPES = frozenset({"casualty_count", "officer_casualty"})


def claim_stance(claim_type: str, polarity: str | None) -> Stance | None:
    """Which side of the confrontation account a claim takes, if any.

    >>> claim_stance("crossfire", "asserted")
    'confrontation'
    >>> claim_stance("armed_confrontation", "questioned")
    'against'
    >>> claim_stance("execution_allegation", "denied")
    'confrontation'
    >>> claim_stance("criminal_profile", "asserted") is None
    True
    """
    asserted = (polarity or "asserted") == "asserted"
    if claim_type in CONFRONTATION_TYPES:
        return "confrontation" if asserted else "against"
    if claim_type in ACCUSATION_TYPES:
        return "against" if asserted else "confrontation"
    return None


def claim_finding_label(stance: Stance | None, weight: Weight | None) -> str | None:
    """The relation between a claim of `stance` and a finding of `weight`.

    >>> claim_finding_label("confrontation", "against")
    'contradicts'
    >>> claim_finding_label("against", "against")
    'supports'
    >>> claim_finding_label("confrontation", "neutral") is None
    True
    """
    if stance is None or weight in (None, "neutral"):
        return None
    same_side = (stance == "against") == (weight == "against")
    return "supports" if same_side else "contradicts"


def opposite_polarity(a: str | None, b: str | None) -> bool:
    """One asserted, the other denied or questioned."""
    pa, pb = (a or "asserted") == "asserted", (b or "asserted") == "asserted"
    return pa != pb
