"""Words that settle a claim's polarity when the tagger's head missed them.

The tagger's polarity head reads the claim with the text before it, where
most doubt is voiced ("Amnesty questions the official version that...").
Doubt voiced after the claim, in the same sentence ("...make the official
version that these deaths occurred in a confrontation even less credible")
is rarer and the head misses it, although it is the seed document's own
example of a questioned claim.
"""

from __future__ import annotations

import re

from ..conventions import CONFRONTATION_TYPES, COUNT_TYPES
from .attribution import attribution_pattern
from .lexicon import fold

SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")
MAX_AFTER = 200  # characters read after the start of the claim
MAX_BEFORE = 120  # characters read before it


def doubted_after(text: str, start: int, end: int) -> bool:
    """Whether the sentence holding text[start:end] casts doubt on it after its first word.

    >>> doubted_after("It makes the version that they died in a clash even less credible.", 13, 48)
    True
    >>> doubted_after("Police said they died in a clash. Nobody found that credible.", 12, 32)
    False
    """
    stop = SENTENCE_END.search(text, end, start + MAX_AFTER)
    tail = text[start : stop.start() if stop else min(len(text), start + MAX_AFTER)]
    return bool(attribution_pattern("doubt_after").search(fold(tail)))


def framed_before(text: str, start: int) -> str | None:
    """`questioned` or `denied` when the words just before text[start:] in its sentence doubt or deny it, else None.

    >>> framed_before("The recording undermines the claim that the corporal fired only to protect himself.", 40)
    'questioned'
    >>> framed_before("No se halló indicio alguno de que murieran en combate.", 34)
    'denied'
    >>> framed_before("We do not deny that the uprising was armed.", 20)
    """
    before = text[max(0, start - MAX_BEFORE):start]
    ends = list(SENTENCE_END.finditer(before))
    words = fold(before[ends[-1].end():] if ends else before)
    if attribution_pattern("denial_before").search(words):
        return "denied"
    if attribution_pattern("doubt_before").search(words):
        return "questioned"
    return None


# Claims whose own words can distance or deny the confrontation they name ("alleged clashes"); a
# victim_armed claim names weapons, not the confrontation.
CONFRONTATION_SIDE = CONFRONTATION_TYPES - {"victim_armed"}


def settle_polarity(predicted: str | None, text: str, start: int, end: int, claim_type: str | None = None) -> str | None:
    """The polarity of text[start:end] once the words the head can miss are read.

    An asserted claim whose sentence doubts it afterwards is `questioned`, one whose sentence doubts or
    denies it just before it (`framed_before`) `questioned` or `denied`; an asserted self-defence
    claim that calls the force disproportionate, excessive or unjustified is `denied`; a confrontation
    the claim itself calls alleged is `questioned`, one it calls staged or fake `denied`; anything else
    stays as predicted.

    >>> settle_polarity("asserted", "officers deployed to respond to alleged clashes between gangs and police", 32, 72,
    ...                 "armed_confrontation")
    'questioned'
    >>> settle_polarity("asserted", "murieron en un falso enfrentamiento", 0, 35, "armed_confrontation")
    'denied'
    >>> settle_polarity("asserted", "ningún agente resultó herido en el supuesto enfrentamiento", 0, 58, "officer_casualty")
    'asserted'
    """
    if (predicted or "asserted") != "asserted":
        return predicted
    if claim_type in CONFRONTATION_SIDE:
        words = fold(text[start:end])
        if attribution_pattern("confrontation_staged").search(words):
            return "denied"
        if attribution_pattern("confrontation_distanced").search(words):
            return "questioned"
        if claim_type == "self_defense" and attribution_pattern("self_defense_denied").search(words):
            return "denied"
    if doubted_after(text, start, end):
        return "questioned"
    if claim_type not in COUNT_TYPES:  # "no evidence that any soldier was hurt" asserts a count of zero
        return framed_before(text, start) or predicted
    return predicted
