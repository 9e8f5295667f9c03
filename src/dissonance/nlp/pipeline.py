"""Assemble the analysis pipeline for a language from registered components."""

from __future__ import annotations

import os
from functools import lru_cache

from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .segment import new_base_pipeline

CUSTOM_COMPONENTS = [
    "dissonance_relevance",
    "dissonance_candidates",
    "dissonance_span_tagger",
    "dissonance_finding_attributes",
    "dissonance_claim_details",
    "dissonance_source_type",
]


def build_pipeline(
    lang: str, *, tagger_model: str | None = None, source_type_model: str | None = None, quantize: bool = False
) -> Language:
    """The full pipeline for `lang` ("en" or "es"): base model plus dissonance components.

    `quantize` runs the tagger's encoder with int8 weights, one sentence at a
    time: faster on CPU, less accurate on claims (eval/README.md compares both).
    """
    nlp = new_base_pipeline(lang)
    nlp.add_pipe("dissonance_relevance")
    nlp.add_pipe("dissonance_candidates")
    nlp.add_pipe("dissonance_span_tagger", config={"model": tagger_model, "quantize": quantize})
    nlp.add_pipe("dissonance_finding_attributes")
    nlp.add_pipe("dissonance_claim_details", config={"lang": lang})
    nlp.add_pipe("dissonance_source_type", config={"model": source_type_model})
    return nlp


@lru_cache(maxsize=None)
def pipeline_for(lang: str) -> Language:
    """A cached full pipeline with the models under `models/` ($DISSONANCE_QUANTIZE=1: int8 tagger)."""
    return build_pipeline(lang, quantize=os.environ.get("DISSONANCE_QUANTIZE", "0") == "1")
