"""Flags: explained contradicts/supports links between claims and findings or claims.

Within one incident every claim that takes a side on the confrontation account
(`conventions.claim_stance`) meets every finding that weighs on it; the label
follows the format's conventions; the score is the evidence's weight (the
knowledge base's indicators plus the pattern across documents: several
independent findings and many victims with the same pattern weigh more) times
the confidence of the reading (the less certain of the two spans' extraction
scores; for a claim met with a finding, the confidence of the side it takes),
and the strength follows from the score. A flag that rests on a
claim the tool may have misread ranks below one it read clearly: on the dev
and holdout sets a flag whose two ends were read with confidence above 0.7 is
right about four times as often as one below 0.3 (eval/README.md, point 93).
Claims also meet claims: the same assertion asserted and denied, and counts of
the same category that differ. Evidence in the incident that points the other
way (officers hurt, findings on the other side) lowers a `contradicts` flag's
score and is named in its rationale: the analyst sees both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..conventions import COUNT_TYPES, claim_finding_label, claim_stance
from ..nlp.counts import count_claim, counts_officers
from ..nlp.lexicon import fold
from .knowledge import KnowledgeBase, load_knowledge
from .weights import Assessment, assess

CLAIM_WORDS = {
    "armed_confrontation": "an armed confrontation",
    "crossfire": "deaths in crossfire",
    "resisted_authority": "resistance to the authorities",
    "victim_armed": "armed victims",
    "self_defense": "self-defence by the officers",
    "criminal_profile": "the victims' criminal profile",
    "casualty_count": "a casualty count",
    "officer_casualty": "officer casualties",
    "execution_allegation": "executions",
    "detained_alive": "victims detained alive",
    "other": "this account",
}
POLARITY_WORDS = {"asserted": "asserts", "denied": "denies", "questioned": "questions"}
# Each claim keeps its strongest flags only: an incident reported in a long
# dossier can hold thousands of claims and findings, and every pair would be
# millions of flags that no analyst reads. Ties keep document order.
MAX_FLAGS_PER_CLAIM = 25
_ONLY_ONE = re.compile(r"\b(only|just|single|sole|solo|sola|unic[oa]|nada mas)\b")  # accent-folded
# Two tallies of the same category that differ a little are rival accounts of one toll ("8 dead" against
# "14 dead"); one several times smaller is far likelier a part of the other (the patients who died in
# hospital, "four others", the victims of one street). On gold spans of train and the extra documents,
# pairs within 1.5x of each other are labelled contradictions 58% of the time, 1.5-2x 48%, 2-3x 20% and
# beyond 3x 17% (0% of 123 on the holdout set): the weight falls with the ratio, and beyond RIVAL_RATIO
# only a count that says it is the only one ("only one person died") is compared (eval/README.md, point 106).
COUNT_CLOSE, COUNT_FAR = 0.65, 0.40  # weight of a count mismatch at a ratio near 1 and at RIVAL_RATIO
RIVAL_RATIO = 3.0
DENIAL_WEIGHT = 0.6  # the same claim asserted and disputed: a lead for the analyst, moderate at most


@dataclass
class SpanRef:
    """A claim or finding with the document it sits in (format dict + doc id)."""

    doc_id: str
    record: dict[str, Any]

    @property
    def id(self) -> str:
        return self.record["id"]


@dataclass
class Flag:
    incident_id: str
    source: SpanRef
    target: SpanRef
    target_kind: str  # finding | claim
    label: str
    score: float
    strength: str
    indicator: str
    indicator_title: str
    rationale: str
    reference: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    counter_evidence: list[dict[str, Any]] = field(default_factory=list)  # spans pointing the other way, with `kind`
    weight: float | None = None  # how strongly the evidence bears, before the confidence of the reading
    confidence: float = 1.0  # the less certain of the two ends' extraction scores (1.0 for gold or hand-made spans)
    set_aside_because: str | None = None  # why the flag is kept for the analyst but not given (set_aside.parquet)

    @property
    def id(self) -> str:
        return f"{self.source.id}~{self.target.id}"

    def relation(self) -> dict[str, Any]:
        return {"source": self.source.id, "target": self.target.id, "label": self.label, "rationale": self.rationale}


ROLE_WORDS = {"official": "an official source", "ngo": "a rights group", "media": "the press", "witness": "a witness",
              "forensic": "a forensic source", "judicial": "a court"}
_LEADING_ARTICLE = re.compile(r"^(The|A|An|El|La|Los|Las|Un|Una)(?=\s)")
# How a rationale names a claim by its polarity; phrased so that any speaker, singular or plural, reads right.
CLAIM_PHRASES = {"asserted": "the claim by {speaker} of {what}", "denied": "the denial by {speaker} of {what}",
                 "questioned": "the doubt {speaker} casts on {what}"}


def _speaker(claim: dict) -> str:
    """Who makes the claim, as it reads inside a sentence ("The authorities" -> "the authorities")."""
    speaker = claim.get("speaker")
    if speaker:
        return _LEADING_ARTICLE.sub(lambda m: m.group(1).lower(), speaker.strip())
    return ROLE_WORDS.get(claim.get("speaker_role") or "", "a source")


def _the_claim(claim: dict) -> str:
    """The claim as a rationale names it: "the denial by a witness of executions"."""
    phrase = CLAIM_PHRASES.get(claim.get("polarity") or "asserted", CLAIM_PHRASES["asserted"])
    return phrase.format(speaker=_speaker(claim), what=CLAIM_WORDS.get(claim["type"], "this account"))


UNCERTAIN = 0.7  # below this confidence a rationale says which reading is uncertain


def _reading(ref: SpanRef, side: bool = False) -> float | None:
    """The extraction score of a span: for a claim met with a finding (`side`), the confidence of the side it
    takes rather than of its exact type, where analysis recorded one."""
    if side and ref.record.get("_side_score") is not None:
        return ref.record["_side_score"]
    return ref.record.get("_score")


def _confidence(*refs: SpanRef, side: bool = False) -> float:
    """The less certain of the spans' extraction scores; a span without one (gold, hand-made) counts as certain."""
    scores = [_reading(ref, side) for ref in refs]
    return min((s for s in scores if s is not None), default=1.0)


def _weighted(weight: float, confidence: float) -> float:
    return round(weight * confidence, 4)


def _uncertain(claim: SpanRef, other: SpanRef, other_kind: str, side: bool = False) -> str:
    """A sentence naming the reading(s) whose confidence lowered the score ('' when both read clearly)."""
    readings = ((claim, "claim", _reading(claim, side)), (other, other_kind, _reading(other, side)))
    parts = [f"the {kind} \"{_quote(ref.record.get('text', ''), 60)}\" ({score:.2f})"
             for ref, kind, score in readings if score is not None and score < UNCERTAIN]
    if not parts:
        return ""
    return (f" The tool is unsure of its reading of {' and of '.join(parts)}; the score is lowered accordingly: "
            f"check the span, its type and its polarity.")


def _evidence_weight(assessment: Assessment, kb: KnowledgeBase) -> float:
    """The finding's weight on its side: the indicators' as they stand, the learned model's alone tempered."""
    return assessment.score if assessment.main else assessment.score * kb.learned_weight_factor


def _evidence(ref: SpanRef) -> dict[str, Any]:
    r = ref.record
    return {"doc_id": ref.doc_id, "span_id": r["id"], "start": r["start"], "end": r["end"], "text": r["text"]}


def counter_spans(claims: list[SpanRef], assessed: list[tuple[SpanRef, Assessment]]) -> dict[str, list[SpanRef]]:
    """Spans of the incident by kind of counter-evidence (knowledge.yaml, `counter_evidence`)."""
    officers = [c for c in claims if c.record["type"] == "officer_casualty" and _officers_hurt(c.record)]
    # a finding counts only when a knowledge-base indicator names its side, so the reason can be checked
    return {"officers_hurt": officers,
            "consistent_findings": [f for f, a in assessed if a.weighs == "consistent" and _named(a, "consistent")],
            "against_findings": [f for f, a in assessed if a.weighs == "against" and _named(a, "against")]}


def _named(assessment: Assessment, side: str) -> bool:
    return any(indicator.weighs == side for _, indicator in assessment.indicators)


def _officers_hurt(record: dict) -> bool:
    """An asserted officer count whose words say killed or wounded and whose number, if any, is above zero."""
    if (record.get("polarity") or "asserted") != "asserted":
        return False
    value, _, category = count_claim(record["text"])
    value = record.get("value", value)
    return category is not None and (value is None or value > 0)


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _precedent_sentence(precedent: dict) -> str:
    """The closest labelled finding a learned weight rests on, in words an analyst can check."""
    side = "against" if precedent["weighs"] == "against" else "as consistent with"
    return (f" The closest finding in the labelled training set is \"{_quote(precedent['text'])}\" "
            f"({precedent.get('doc_id') or 'unknown document'}), which was labelled as weighing {side} the account.")


def _model_reference(precedent: dict | None) -> str:
    reference = "dissonance finding-weight model (models/finding_weight)"
    if precedent and precedent.get("id"):
        reference += f"; closest labelled finding {precedent['id']} (models/finding_weight/examples.jsonl)"
    return reference


def _temper(stance: str, counter: dict[str, list[SpanRef]], kb: KnowledgeBase) -> tuple[float, str, list[dict[str, Any]]]:
    """(score factor, rationale sentence, evidence) for a `contradicts` flag on a claim of `stance`."""
    kinds = ("officers_hurt", "consistent_findings") if stance == "confrontation" else ("against_findings",)
    factor, parts, evidence = 1.0, [], []
    for kind in kinds:
        refs, rule = counter.get(kind) or [], kb.counter_evidence.get(kind)
        if not refs or rule is None:
            continue
        factor *= rule.factor
        docs = sorted({r.doc_id for r in refs})
        where = ", ".join(docs[:3]) + (f" and {len(docs) - 3} more" if len(docs) > 3 else "")
        parts.append(f"{rule.title[0].upper()}{rule.title[1:]} ({len(refs)} in {where}; e.g. \"{_quote(refs[0].record['text'])}\"): "
                     f"{rule.reason}")
        evidence.extend({"kind": kind, **_evidence(r)} for r in refs)
    if not parts:
        return 1.0, "", []
    return factor, " Evidence the other way in this incident lowers the score: " + " ".join(parts), evidence


def assess_findings(findings: list[SpanRef], assessor: Callable[[dict], Assessment]) -> list[tuple[SpanRef, Assessment]]:
    """Each finding with its weight on the confrontation account."""
    many = getattr(assessor, "many", None)  # a batch assessor answers for all findings in one call
    records = [f.record for f in findings]
    return list(zip(findings, many(records) if many else [assessor(r) for r in records]))


def claim_finding_flags(
    incident_id: str,
    claims: list[SpanRef],
    findings: list[SpanRef],
    assessor: Callable[[dict], Assessment] | None = None,
    kb: KnowledgeBase | None = None,
    assessed: list[tuple[SpanRef, Assessment]] | None = None,
    counter: dict[str, list[SpanRef]] | None = None,
) -> list[Flag]:
    kb = kb or load_knowledge()
    if assessed is None:
        assessed = assess_findings(findings, assessor or (lambda f: assess(f, kb)))
    against_docs = {f.doc_id for f, a in assessed if a.weighs == "against"}
    consistent_docs = {f.doc_id for f, a in assessed if a.weighs == "consistent"}
    bonus = kb.pattern_bonus
    counter = counter if counter is not None else counter_spans(claims, assessed)
    tempering = {stance: _temper(stance, counter, kb) for stance in ("confrontation", "against")}
    flags = []
    weighing = [(f, a) for f, a in assessed if a.weighs != "neutral"]
    weighing.sort(key=lambda fa: -_evidence_weight(fa[1], kb) * _confidence(fa[0]))  # strongest first (MAX_FLAGS_PER_CLAIM)
    for c in claims:
        stance = claim_stance(c.record["type"], c.record.get("polarity"))
        if stance is None:
            continue
        for f, a in weighing[:MAX_FLAGS_PER_CLAIM]:
            label = claim_finding_label(stance, a.weighs)
            if label is None:
                continue
            docs = against_docs if a.weighs == "against" else consistent_docs
            score = _evidence_weight(a, kb) + bonus.per_extra_document * max(0, len(docs) - 1)
            if (f.record.get("victims") or 0) >= bonus.many_victims.get("min_victims", 5):
                score += bonus.many_victims.get("bonus", 0.0)
            confidence = _confidence(c, f, side=True)
            factor, tempered, counter_evidence = tempering[stance] if label == "contradicts" else (1.0, "", [])
            weight = round(min(bonus.max_score, score) * factor, 4)
            score = _weighted(weight, confidence)
            main = a.main
            key, ind = main if main else ("learned_pattern", None)
            title = ind.title if ind else "Finding weighed by the model learned from labelled cases"
            others = [k for k, i in a.indicators if i.weighs == a.weighs and k != key]
            verb = "contradicts" if label == "contradicts" else "supports"
            the_claim = _the_claim(c.record)
            if ind is not None:
                rationale = (f"{f.doc_id} reports {title.lower()}" + (f" (also: {', '.join(others)})" if others else "")
                             + f", which {verb} {the_claim}: {ind.reason[0].lower() + ind.reason[1:]}")
            else:
                side = "against" if a.weighs == "against" else "in favour of"
                rationale = (f"{f.doc_id} reports \"{_quote(f.record.get('text', ''))}\", which no indicator of the "
                             f"knowledge base covers; the finding-weight model, learned from labelled cases, reads it as "
                             f"weighing {side} the confrontation account, so it {verb} {the_claim}.")
                if a.precedent:
                    rationale += _precedent_sentence(a.precedent)
            if len(docs) > 1:
                rationale += f" {len(docs)} documents of this incident report findings of this kind."
            rationale += tempered + _uncertain(c, f, "finding", side=True)
            flags.append(Flag(incident_id, c, f, "finding", label, score, kb.strength(score), key, title,
                              rationale, ind.reference if ind else _model_reference(a.precedent),
                              [_evidence(c), _evidence(f)], counter_evidence, weight, confidence))
    return flags


def claim_claim_flags(incident_id: str, claims: list[SpanRef]) -> list[Flag]:
    """Claims that contradict claims: the same claim asserted and disputed, counts of one category that differ.

    Only pairs that can give a flag are visited (one type; opposite polarities, or two asserted counts of one
    category and scope), so a dossier of thousands of claims takes seconds, not minutes. Flags come in the
    order of their pairs in `claims`, and each claim keeps its first MAX_FLAGS_PER_CLAIM."""
    by_type: dict[str, list[int]] = {}
    for i, ref in enumerate(claims):
        if ref.record["type"] != "other":
            by_type.setdefault(ref.record["type"], []).append(i)
    found: list[tuple[int, int, Flag]] = []
    for claim_type, members in by_type.items():
        pairs = _count_pairs(incident_id, claims, members) if claim_type in COUNT_TYPES else _polarity_pairs(incident_id, claims, members)
        per_claim: dict[int, int] = {}
        for i, j, make in pairs:
            if per_claim.get(i, 0) >= MAX_FLAGS_PER_CLAIM or per_claim.get(j, 0) >= MAX_FLAGS_PER_CLAIM:
                continue
            flag = make()
            if flag:
                found.append((i, j, flag))
                per_claim[i] = per_claim.get(i, 0) + 1
                per_claim[j] = per_claim.get(j, 0) + 1
    return [flag for _, _, flag in sorted(found, key=lambda item: item[:2])]


def _polarity_pairs(incident_id: str, claims: list[SpanRef], members: list[int]) -> Iterator[tuple[int, int, Callable]]:
    """Pairs of one claim type, in order, where one claim asserts and the other denies or questions."""
    asserted = {i for i in members if (claims[i].record.get("polarity") or "asserted") == "asserted"}
    disputed = [i for i in members if i not in asserted]
    for i in members:
        for j in (disputed if i in asserted else sorted(asserted)):
            if j > i:
                yield i, j, lambda a=claims[i], b=claims[j]: _denial_flag(incident_id, a, b)


def _count_pairs(incident_id: str, claims: list[SpanRef], members: list[int]) -> Iterator[tuple[int, int, Callable]]:
    """Pairs of asserted counts, in order, whose category the words make clear and that count the same people
    (everyone killed, or officers): each count's words are read once, not once per pair."""
    groups: dict[tuple[str, bool], list[tuple[int, _CountReading]]] = {}
    for i in members:
        record = claims[i].record
        if record.get("value") is None or (record.get("polarity") or "asserted") != "asserted":
            continue
        _, hedge, category = count_claim(record["text"])
        if category is None:
            continue
        reading = _CountReading(float(record["value"]), hedge, category,
                                bool(_ONLY_ONE.search(fold(record["text"]))))
        groups.setdefault((category, counts_officers(record["text"])), []).append((i, reading))
    for group in groups.values():
        for n, (i, first) in enumerate(group):
            for j, second in group[n + 1:]:
                if first.value != second.value:
                    yield i, j, lambda a=claims[i], b=claims[j], x=first, y=second: _count_flag(incident_id, a, b, x, y)


@dataclass(frozen=True)
class _CountReading:
    value: float
    hedge: str | None
    category: str
    only: bool  # "only one died", "un solo muerto"


def _denial_flag(incident_id: str, a: SpanRef, b: SpanRef) -> Flag:
    ra = a.record
    yes, no = (a, b) if (ra.get("polarity") or "asserted") == "asserted" else (b, a)
    confidence = _confidence(a, b)
    score = _weighted(DENIAL_WEIGHT, confidence)
    return Flag(
        incident_id, a, b, "claim", "contradicts", score, _strength(score), "denied_claim",
        "The same claim asserted and disputed",
        f"One account ({_speaker(yes.record)}) asserts {CLAIM_WORDS[ra['type']]}; another "
        f"({_speaker(no.record)}) {POLARITY_WORDS.get(no.record.get('polarity'), 'disputes')} it."
        + _uncertain(a, b, "claim"),
        "labelled-set conventions: claim-claim contradictions", [_evidence(a), _evidence(b)],
        weight=DENIAL_WEIGHT, confidence=confidence,
    )


def _count_flag(incident_id: str, a: SpanRef, b: SpanRef, x: _CountReading, y: _CountReading) -> Flag | None:
    """Two counts of one category and scope that differ, unless one is plainly a part of the other."""
    va, vb = x.value, y.value
    low = x if va < vb else y
    if min(va, vb) == 1 and not low.only:
        # "doctors declared him dead", "una mujer murió en su casa": one person's death is part of any larger
        # tally, not a rival count of it (of 14 such flags on gold spans of train and the extra documents, 2
        # matched a labelled contradiction); "only one died" still is
        return None
    if low.hedge == "at_least":
        return None  # "at least 14" does not contradict 23
    ratio = max(va, vb) / max(min(va, vb), 1.0)
    if ratio > RIVAL_RATIO and not low.only:
        return None  # a part of the toll, not a rival tally of it
    # Two tallies that differ are a lead, not forensic evidence: they rank moderate at most. On gold
    # spans, 20 of 62 count flags of the training split and 1 of 23 of dev match a labelled
    # contradiction, against about 85% of claim-finding flags (eval/README.md, point 52).
    weight = round(COUNT_CLOSE - (COUNT_CLOSE - COUNT_FAR) * min(1.0, (ratio - 1) / (RIVAL_RATIO - 1)), 4)
    confidence = _confidence(a, b)
    score = _weighted(weight, confidence)
    first = _speaker(a.record)
    return Flag(
        incident_id, a, b, "claim", "contradicts", score, _strength(score), "count_mismatch", "Counts of the same category differ",
        f"{first[:1].upper() + first[1:]} gives {va:g}, {_speaker(b.record)} gives {vb:g}, for the same category "
        f"({x.category}) in the same incident." + _uncertain(a, b, "claim"),
        "domain brief: comparing like with like", [_evidence(a), _evidence(b)], weight=weight, confidence=confidence,
    )


def _strength(score: float) -> str:
    """Claim-claim flags use the knowledge base's cuts too."""
    return load_knowledge().strength(score)
