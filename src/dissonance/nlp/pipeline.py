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
    "dissonance_source_type",
    "dissonance_claim_details",
]


def build_pipeline(
    lang: str, *, tagger_model: str | None = None, source_type_model: str | None = None, precision: str = "auto"
) -> Language:
    """The full pipeline for `lang` ("en" or "es"): base model plus dissonance components.

    `precision` is how the tagger's encoder computes ("auto": bf16 where the
    CPU has native bf16, else fp32; "int8": faster, less accurate;
    eval/README.md compares them).
    """
    nlp = new_base_pipeline(lang)
    nlp.add_pipe("dissonance_relevance")
    nlp.add_pipe("dissonance_candidates")
    nlp.add_pipe("dissonance_span_tagger", config={"model": tagger_model, "precision": precision})
    nlp.add_pipe("dissonance_finding_attributes")
    nlp.add_pipe("dissonance_source_type", config={"model": source_type_model})
    nlp.add_pipe("dissonance_claim_details", config={"lang": lang})  # reads the source type
    return nlp


@lru_cache(maxsize=None)
def pipeline_for(lang: str) -> Language:
    """A cached full pipeline with the models under `models/` ($DISSONANCE_PRECISION: auto, fp32, bf16, int8)."""
    return build_pipeline(lang, precision=tagger_precision())


def tagger_precision() -> str:
    """The tagger precision asked for by $DISSONANCE_PRECISION (default auto), resolved for this CPU."""
    from .span_tagger import resolve_precision

    return resolve_precision(os.environ.get("DISSONANCE_PRECISION", "auto"))
