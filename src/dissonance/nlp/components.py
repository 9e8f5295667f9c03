"""spaCy components of the dissonance pipeline, registered by name.

    relevance           -> doc._.relevance: is the document about a lethal operation at all
    candidates          -> doc._.candidate_sents: sentences worth a transformer pass
    span_tagger         -> doc.spans["claims"], doc.spans["findings"] (label = type; a claim's type
                           averages the tagger's and the word-level claim typer's opinions; a
                           "gunshot wound" whose words name only blunt injuries takes its next type;
                           an `other` finding whose words say the scene was altered is a scene_alteration),
                           Span._.claim_score, ._.side_score, ._.finding_score, ._.polarity,
                           ._.speaker_role
    finding_attributes  -> Span._.body_regions, ._.range, ._.direction, ._.result,
                           ._.wounds, ._.victims
    claim_details       -> Span._.speaker, ._.speaker_role, ._.value, ._.hedge
    source_type         -> doc._.source_type, doc._.source_type_score

Each component does one thing; models load once per process and are shared
between the English and Spanish pipelines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..conventions import ACCUSATION_TYPES, CONFRONTATION_TYPES, COUNT_TYPES, claim_stance
from ..labelled.schema import CLAIM_TYPES, FINDING_TYPES
from ..paths import model_path
from .attributes import context_before, context_rules_out_gunshot, finding_attributes
from .attribution import attribute, relayed_to_narrator
from .counts import count_claim
from .polarity import settle_polarity
from .extensions import CLAIMS, FINDINGS, register_extensions
from .lexicon import compile_patterns, fold, load
from .relevance import THRESHOLD as RELEVANCE_THRESHOLD
from .segment import doc_sentences, pack_windows

register_extensions()

WINDOW_CHARS = 700  # longer sentences are tagged in windows (the tagger reads 192 word pieces)


@lru_cache(maxsize=1)
def _candidate_pattern() -> re.Pattern[str]:
    raw = load("candidates")["stems"]
    bad = [s for s in raw if not isinstance(s, str)]
    if bad:
        raise ValueError(f"lexicon candidates.yaml: stems: entries must be strings, got {bad!r} (quote them)")
    stems = sorted({fold(s) for s in raw}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + ")", re.I)


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > WINDOW_CHARS:
        cut = text.rfind(" ", start, start + WINDOW_CHARS)
        cut = cut if cut > start else start + WINDOW_CHARS
        out.append((start, cut))
        start = cut + 1
    out.append((start, end))
    return out


@lru_cache(maxsize=None)
def _load_model(kind: str, path: str):
    """Load a document classifier once per process and path."""
    if kind == "relevance":
        from .relevance import RelevanceClassifier as model_class
    else:
        from .source_type import SourceTypeClassifier as model_class
    return model_class.load(path)


class DocumentClassifierComponent:
    """A document-level classifier run over batches of documents (`annotate` sets the extension)."""

    kind = ""

    def __init__(self, model: str | None):
        self.model = model

    @property
    def classifier(self):
        return _load_model(self.kind, str(Path(self.model) if self.model else model_path(self.kind)))

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, stream, batch_size: int = 64):
        stream = iter(stream)
        while True:
            docs = list(islice(stream, batch_size))
            if not docs:
                return
            self.annotate(docs)
            yield from docs

    def annotate(self, docs: list[Doc]) -> None:
        raise NotImplementedError


class RelevanceGate(DocumentClassifierComponent):
    """doc._.relevance: probability that the document is about a lethal operation."""

    kind = "relevance"

    def annotate(self, docs: list[Doc]) -> None:
        for doc, p in zip(docs, self.classifier.probabilities([d.text for d in docs])):
            doc._.relevance = round(p, 4)


@Language.factory("dissonance_relevance", assigns=["doc._.relevance"], default_config={"model": None})
def make_relevance(nlp: Language, name: str, model: str | None) -> RelevanceGate:
    return RelevanceGate(model)


class CandidateSentences:
    """Marks the sentences that hold any trigger stem (`lexicons/candidates.yaml`).

    Documents the relevance gate judged not to be about a lethal operation
    get no candidates, so the transformer never reads them.
    """

    def __init__(self, threshold: float):
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        if doc._.relevance is not None and doc._.relevance < self.threshold:
            doc._.candidate_sents = []
            return doc
        pattern = _candidate_pattern()
        text = doc.text
        found = []
        for s, e in doc_sentences(doc, text):
            if e > s and pattern.search(fold(text[s:e])):
                found.extend(_windows(text, s, e))
        doc._.candidate_sents = found
        return doc


@Language.factory("dissonance_candidates", assigns=["doc._.candidate_sents"], default_config={"threshold": RELEVANCE_THRESHOLD})
def make_candidates(nlp: Language, name: str, threshold: float) -> CandidateSentences:
    return CandidateSentences(threshold)


def _confidence(t, side: bool = False) -> float:
    """How sure the tagger is of the span as labelled: its boundaries, its type and, for a claim, its
    polarity (the three things a flag rests on), as the product of their probabilities. With `side`, a
    claim counts the probability of every type on its side of the confrontation account in place of its
    own type's: a claim read as self-defence that may be resisted authority sides with the account either
    way, and so does its flag against a finding (eval/README.md, point 101)."""
    mass = t.label_score if t.label_score is not None else 1.0
    group = next((g for g in (CONFRONTATION_TYPES, ACCUSATION_TYPES) if t.label in g), None) if side else None
    if group is not None and t.label_probs:
        mass = min(1.0, max(mass, sum(p for name, p in zip(CLAIM_TYPES, t.label_probs) if name in group)))
    return t.score * mass * (t.polarity_score if t.polarity_score is not None else 1.0)


@lru_cache(maxsize=None)
def _load_tagger(path: str, precision: str):
    from .span_tagger import SpanTagger

    return SpanTagger.load(path, precision=precision)


@lru_cache(maxsize=None)
def _load_claim_typer(path: str):
    from .claim_typer import ClaimTyper

    return ClaimTyper.load(path)


def _rule_out_gunshots(tagged: list) -> None:
    """A finding typed gunshot_wound that its words or its paragraph rule out takes its next likeliest type.

    `tagged` holds (spans, document text, offset of the spans' window in it).
    """
    gunshot = FINDING_TYPES.index("gunshot_wound")
    for spans, text, shift in tagged:
        for t in spans:
            if (t.kind == FINDINGS and t.label == "gunshot_wound" and t.label_probs
                    and context_rules_out_gunshot(text, shift + t.start, shift + t.end)):
                rest = [(p, i) for i, p in enumerate(t.label_probs) if i != gunshot]
                p, best = max(rest)
                t.label, t.label_score = FINDING_TYPES[best], float(p)


def _retype_claims(typer, tagged: list) -> None:
    """Average the tagger's type distribution with the word model's, for every claim found in a batch."""
    import numpy as np

    from .claim_typer import blend

    claims = [(t, text) for spans, text in tagged for t in spans if t.kind == CLAIMS and t.label_probs]
    if not claims:
        return
    mixed = blend(np.array([t.label_probs for t, _ in claims]),
                  typer.probabilities([text[t.start:t.end] for t, text in claims]))
    for (t, _), row in zip(claims, mixed):
        best = int(row.argmax())
        t.label, t.label_score, t.label_probs = CLAIM_TYPES[best], float(row[best]), row.tolist()


class SpanTaggerComponent:
    """Runs the MiniLM tagger on candidate sentences, batched across documents.

    Adjacent candidate sentences are read together in windows of up to the
    model's `window_chars`, so the context before a window is encoded once
    per window rather than once per sentence.
    """

    def __init__(self, model: str | None, batch_size: int, docs_per_batch: int, precision: str,
                 claim_typer: str | None = None, retype_claims: bool = True):
        self.model = model
        self.batch_size = batch_size
        self.docs_per_batch = docs_per_batch
        self.precision = precision
        self.claim_typer_model = claim_typer
        self.retype_claims = retype_claims

    @property
    def tagger(self):
        return _load_tagger(str(Path(self.model) if self.model else model_path("span_tagger")), self.precision)

    @property
    def claim_typer(self):
        """The word-level claim typer whose opinion is averaged with the tagger's (None: the tagger's alone)."""
        if not self.retype_claims:
            return None
        return _load_claim_typer(str(Path(self.claim_typer_model) if self.claim_typer_model else model_path("claim_typer")))

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, stream, batch_size: int = 32):
        from .span_tagger import MIN_LETTER_SHARE, letter_share

        stream = iter(stream)
        while True:
            docs = list(islice(stream, self.docs_per_batch))
            if not docs:
                return
            tagger = self.tagger
            texts = {id(d): d.text for d in docs}  # Doc.text is rebuilt on every access
            jobs = [(d, s, e) for d in docs
                    for s, e in pack_windows(texts[id(d)], d._.candidate_sents or [], tagger.window_chars)]
            contexts = [texts[id(d)][max(0, s - tagger.context_chars):s] for d, s, _ in jobs] if tagger.context_chars else None
            tagged = tagger.tag([texts[id(d)][s:e] for d, s, e in jobs], batch_size=self.batch_size,
                                contexts=contexts) if jobs else []
            in_texts = [(spans, texts[id(d)][s:e]) for (d, s, e), spans in zip(jobs, tagged)]
            _rule_out_gunshots([(spans, texts[id(d)], s) for (d, s, _), spans in zip(jobs, tagged)])
            typer = self.claim_typer
            if typer is not None:
                _retype_claims(typer, in_texts)
            _executions_are_allegations(in_texts)
            _scene_alterations_by_words(in_texts)
            found: dict[int, dict[str, list[Span]]] = {id(d): {CLAIMS: [], FINDINGS: []} for d in docs}
            for (doc, s, _), spans in zip(jobs, tagged):
                for t in spans:
                    span = doc.char_span(s + t.start, s + t.end, label=t.label, alignment_mode="expand")
                    # widened to whole tokens, a run ending on a dot may take a row of dotted leaders with it
                    if span is None or letter_share(span.text) < MIN_LETTER_SHARE:
                        continue
                    # spaCy keeps a Span's extensions by its offsets alone, so a claim and a finding on the
                    # same words would share one `score`: each kind has its own
                    if t.kind == CLAIMS:
                        span._.claim_score = round(_confidence(t), 4)
                        span._.side_score = round(_confidence(t, side=True), 4)
                        span._.polarity = t.polarity
                        span._.speaker_role = t.speaker_role
                    else:
                        span._.finding_score = round(_confidence(t), 4)
                    found[id(doc)][t.kind].append(span)
            for doc in docs:
                doc.spans[CLAIMS] = found[id(doc)][CLAIMS]
                doc.spans[FINDINGS] = found[id(doc)][FINDINGS]
                yield doc


@Language.factory(
    "dissonance_span_tagger",
    assigns=["doc.spans", "span._.claim_score", "span._.side_score", "span._.finding_score", "span._.polarity",
             "span._.speaker_role"],
    default_config={"model": None, "batch_size": 32, "docs_per_batch": 64, "precision": "auto",
                    "claim_typer": None, "retype_claims": True},
)
def make_span_tagger(nlp: Language, name: str, model: str | None, batch_size: int, docs_per_batch: int, precision: str,
                     claim_typer: str | None, retype_claims: bool):
    return SpanTaggerComponent(model, batch_size, docs_per_batch, precision, claim_typer, retype_claims)


class FindingAttributes:
    """Regions, range, direction, residue result and counts from each finding's words."""

    def __call__(self, doc: Doc) -> Doc:
        sentences = doc.has_annotation("SENT_START")
        for span in doc.spans.get(FINDINGS, []):
            before = context_before(doc.text, span.start_char, span.sent.start_char if sentences else span.start_char)
            for key, value in finding_attributes(span.text, span.label_, before).items():
                setattr(span._, key, value)
        return doc


@Language.factory(
    "dissonance_finding_attributes",
    assigns=["span._.body_regions", "span._.range", "span._.direction", "span._.result", "span._.wounds", "span._.victims"],
)
def make_finding_attributes(nlp: Language, name: str) -> FindingAttributes:
    return FindingAttributes()


# A number of executions is an allegation of execution, not a casualty count: every labelled claim of train and
# the extra documents that holds a number and names executions (31 of 31) is typed execution_allegation, as the
# format's example types "at least 14 extrajudicial executions" (eval/README.md, point 85).
EXECUTION_WORDS = re.compile(r"\b(extra-?judicial\w*|executions?|executed|ejecuci[oó]n\w*|ejecutad\w*|ajusticiad\w*)\b", re.I)


@lru_cache(maxsize=1)
def _scene_altered() -> re.Pattern[str]:
    return compile_patterns(load("attributes")["scene_altered"], "attributes.yaml:scene_altered")


def _scene_alterations_by_words(tagged: list) -> None:
    """A finding typed `other` whose words say the scene was altered (a weapon planted, bodies moved,
    clothes burnt) becomes a scene_alteration, the type the knowledge base reads."""
    for spans, text in tagged:
        for t in spans:
            if t.kind == FINDINGS and t.label == "other" and _scene_altered().search(fold(text[t.start:t.end])):
                t.label = "scene_alteration"


def _executions_are_allegations(tagged: list) -> None:
    """A claim typed casualty_count whose words name executions becomes an execution_allegation."""
    for spans, text in tagged:
        for t in spans:
            if t.kind == CLAIMS and t.label == "casualty_count" and EXECUTION_WORDS.search(text[t.start:t.end]):
                t.label = "execution_allegation"


# Documents that speak in one voice: in the training split 88-98% of the claims in official
# statements, witness testimony, rulings and NGO reports carry the document's own role (media
# and `other` documents mostly report others: 23% and 40%). A claim such a document makes
# without naming a speaker is its own.
ONE_VOICE_TYPES = frozenset({"official", "witness", "judicial", "ngo"})


class ClaimDetails:
    """Speaker and role from attribution; value and hedge of count claims; doubt voiced after a claim.

    An unattributed claim in a one-voice document (`ONE_VOICE_TYPES`, from
    `doc._.source_type`, so this runs after the source-type component) takes
    the document's role; elsewhere the tagger's role head decides. An
    asserted claim that its own sentence goes on to doubt is questioned
    (`polarity.settle_polarity`).
    """

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        voice = doc._.source_type if doc._.source_type in ONE_VOICE_TYPES else None
        text = doc.text
        for span in doc.spans.get(CLAIMS, []):
            span._.polarity = settle_polarity(span._.polarity, text, span.start_char, span.end_char, span.label_)
            speaker, role = attribute(span, self.lang)
            if not role and relayed_to_narrator(text, span.start_char):
                # "nos dijeron que había muerto en un enfrentamiento": the narrator relays what an unnamed
                # "they" told them, who are named nowhere; the confrontation account is the officials'
                # version, not the witness's
                speaker = None
                if claim_stance(span.label_, span._.polarity) == "confrontation":
                    role = "official"
            span._.speaker = speaker
            if role:
                span._.speaker_role = role
            elif speaker is None and voice:
                span._.speaker_role = voice
            if span.label_ in COUNT_TYPES:
                value, hedge, _ = count_claim(span.text)
                span._.value, span._.hedge = value, hedge
        return doc


@Language.factory(
    "dissonance_claim_details",
    assigns=["span._.speaker", "span._.speaker_role", "span._.value", "span._.hedge", "span._.polarity"],
    default_config={"lang": "en"},
)
def make_claim_details(nlp: Language, name: str, lang: str) -> ClaimDetails:
    return ClaimDetails(lang)


class SourceTypeComponent(DocumentClassifierComponent):
    """doc._.source_type and its probability."""

    kind = "source_type"

    def annotate(self, docs: list[Doc]) -> None:
        for doc, (label, score) in zip(docs, self.classifier.predict([d.text for d in docs], [d._.meta for d in docs])):
            doc._.source_type, doc._.source_type_score = label, round(score, 4)


@Language.factory(
    "dissonance_source_type",
    assigns=["doc._.source_type", "doc._.source_type_score"],
    default_config={"model": None},
)
def make_source_type(nlp: Language, name: str, model: str | None) -> SourceTypeComponent:
    return SourceTypeComponent(model)
