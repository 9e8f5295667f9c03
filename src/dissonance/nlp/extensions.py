"""Every `Doc._` and `Span._` attribute dissonance sets, registered in one place.

Claims live in `doc.spans["claims"]` and findings in `doc.spans["findings"]`;
a span's `label_` is its type, everything else is an extension below.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

CLAIMS = "claims"
FINDINGS = "findings"

DOC_EXTENSIONS = {
    "doc_id": None,
    "lang": None,
    "date": None,
    "meta": None,
    "source_type": None,
    "source_type_score": None,
    "status": "ok",
    "candidate_sents": None,
    "relevance": None,
}
# spaCy keys a Span's extension values by its offsets, not its label or group: a claim and a finding on
# the same words share every attribute, so what both kinds carry has a name per kind
SPAN_EXTENSIONS = {
    "claim_score": None,
    "side_score": None,
    "finding_score": None,
    "polarity": None,
    "speaker": None,
    "speaker_role": None,
    "value": None,
    "hedge": None,
    "body_regions": None,
    "wounds": None,
    "victims": None,
    "range": None,
    "direction": None,
    "result": None,
    "incident": None,
}


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()
