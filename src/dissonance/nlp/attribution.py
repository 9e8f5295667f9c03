"""Who asserts a claim: the speaker's words and their role.

English: the dependency parse. The claim span hangs (directly or through a
clausal complement) from a reporting verb ("said", "denied", "told") whose
subject is the speaker, or the sentence says "according to X". Spanish has no
parser offline, so the same cues are read with patterns ("según X", "X
afirmó que"). The role comes from the speaker's words through
`lexicons/attribution.yaml`; when the text names no speaker, the tagger's
role head (trained on the sentence) decides.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from .lexicon import compile_patterns, fold, load

_ROLE_ORDER = ["other", "forensic", "judicial", "ngo", "official", "media", "witness"]


@lru_cache(maxsize=1)
def _lex():
    data = load("attribution")
    roles = {r: compile_patterns(data["roles"][r], f"attribution.yaml:roles.{r}") for r in _ROLE_ORDER}
    according = compile_patterns(data["according_to"], "attribution.yaml:according_to")
    verbs_es = "|".join(
        sorted({fold(v)[:-2] for v in data["reporting_verbs_es"]}, key=len, reverse=True)
    )  # stems: "afirm", "asegur", ...
    irregular_es = "|".join(sorted(map(fold, data.get("irregular_forms_es", [])), key=len, reverse=True))
    es_verb = re.compile(rf"\b(?:(?:{verbs_es})\w*|{irregular_es})\b", re.I)
    forms = {form for verb in data["reporting_verbs_en"] for form in english_verb_forms(verb)}
    for past in data.get("irregular_forms_en", {}).values():
        forms.update(past)
    return forms, roles, according, es_verb


def english_verb_forms(verb: str) -> set[str]:
    """The regular forms of an English verb ("deny": denies, denied, denying).

    The English pipeline runs without spaCy's lemmatizer (a sixth of its
    time on the dev set, for a lemma attribution needs on a few tokens), so
    reporting verbs are recognised by form. Over-generated forms ("sayed")
    never occur and do no harm; irregular ones ("said", "told") come from the
    lexicon's `irregular_forms_en`.
    """
    forms = {verb, verb + "s", verb + "ed", verb + "ing"}
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    if re.search(r"[^aeiou]y$", verb):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    if re.search(r"(?:s|sh|ch|x|z)$", verb):
        forms.add(verb + "es")
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", verb):  # admit -> admitted
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def role_of(speaker: str | None) -> str | None:
    """The speaker_role the speaker's words name, if any."""
    if not speaker:
        return None
    folded = fold(speaker)
    _, roles, _, _ = _lex()
    for role in _ROLE_ORDER:
        if roles[role].search(folded):
            return role
    return None


def _clean(text: str) -> str:
    text = text.strip(" ,;:\"'“”‘’()[]\n\t")
    return re.sub(r"\s+", " ", text)


def speaker_en(span: Span) -> str | None:
    """The subject of the reporting verb the span depends on, or the X of 'according to X'."""
    verbs, _, according, _ = _lex()
    sent = span.sent
    # "according to X" anywhere in the sentence, outside the span
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(span.doc) and span.doc[token.i + 1].lower_ == "to":
            to = span.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if objects and not (span.start <= objects[0].i < span.end):
                sub = objects[0].subtree
                words = list(sub)
                return _clean(span.doc[words[0].i : words[-1].i + 1].text)
    # climb from the span root to a reporting verb outside the span
    head = span.root
    for _ in range(6):
        if head.lower_ in verbs and not (span.start <= head.i < span.end):
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                words = list(subjects[0].subtree)
                return _clean(span.doc[words[0].i : words[-1].i + 1].text)
            agents = [c for c in head.children if c.dep_ == "agent"]
            if agents:
                words = list(agents[0].subtree)[1:]
                if words:
                    return _clean(span.doc[words[0].i : words[-1].i + 1].text)
        if head.head is head:
            break
        head = head.head
    # the reporting verb may be a sibling: "X said on Monday: <span>"
    for token in sent:
        if token.lower_ in verbs and token.dep_ == "ROOT" and not (span.start <= token.i < span.end):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects and not (span.start <= subjects[0].i < span.end):
                words = list(subjects[0].subtree)
                return _clean(span.doc[words[0].i : words[-1].i + 1].text)
    return None


_ES_SEGUN = re.compile(r"\b(?:seg[uú]n|de acuerdo con|citando a)\s+(?P<spk>[^,.;:]{3,80})", re.I)
_ES_SUBJ_VERB = r"(?P<spk>(?:(?:el|la|los|las|un|una)\s+)?[A-ZÁÉÍÓÚÑ][^,.;:]{2,70}?)\s+(?:lo\s+|le\s+|les\s+|se\s+)?(?P<verb>\w+)\s+(?:que\b|a\s)"


def speaker_es(span: Span) -> str | None:
    """Spanish attribution by pattern, nearest to the span within its sentence."""
    _, _, _, es_verb = _lex()
    sent = span.sent
    text = sent.text
    offset = sent.start_char
    best: tuple[int, str] | None = None
    for m in _ES_SEGUN.finditer(text):
        if span.start_char <= m.start() + offset < span.end_char:
            continue
        dist = abs(m.start() + offset - span.start_char)
        if best is None or dist < best[0]:
            best = (dist, m.group("spk"))
    for m in re.finditer(_ES_SUBJ_VERB, text):
        if not es_verb.fullmatch(fold(m.group("verb"))):
            continue
        if span.start_char <= m.start() + offset < span.end_char:
            continue
        dist = abs(m.start() + offset - span.start_char)
        if best is None or dist < best[0]:
            best = (dist, m.group("spk"))
    return _clean(best[1]) if best else None


@lru_cache(maxsize=None)
def attribution_pattern(name: str) -> re.Pattern[str]:
    """One list of regular expressions from `attribution.yaml`, compiled once."""
    return compile_patterns(load("attribution")[name], f"attribution.yaml:{name}")


def relayed_to_narrator(text: str, start: int) -> bool:
    """True when the words just before a claim say an unnamed "they" told it to the narrator ("nos dijeron que").

    Only the sentence's own words count, up to 60 characters back: the speaker is whoever the narrator
    heard, never the narrator.
    """
    head = text[max(0, start - 60):start]
    head = head[max(head.rfind("."), head.rfind("\n")) + 1:]
    return bool(attribution_pattern("relayed_to_narrator").search(fold(head)))


def attribute(span: Span, lang: str) -> tuple[str | None, str | None]:
    """(speaker text, role named by it) for a claim span."""
    speaker = speaker_en(span) if lang == "en" and span.doc.has_annotation("DEP") else speaker_es(span)
    if speaker and len(speaker) > 120:
        speaker = speaker[:120]
    return speaker, role_of(speaker)
