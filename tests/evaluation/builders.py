"""Small constructors for documents and spans in evaluation tests.

Every document text is a run of `x`, so any offsets are valid and a span's
text is just its length of `x`.
"""

from __future__ import annotations

from dissonance.labelled.schema import Claim, Document, Finding, Relation

TEXT_LENGTH = 200


def claim(id: str, start: int, end: int, type: str = "other", **attrs) -> Claim:
    return Claim(id=id, start=start, end=end, text="x" * (end - start), type=type, **attrs)


def finding(id: str, start: int, end: int, type: str = "other", **attrs) -> Finding:
    return Finding(id=id, start=start, end=end, text="x" * (end - start), type=type, **attrs)


def rel(source: str, target: str, label: str = "contradicts") -> Relation:
    return Relation(source=source, target=target, label=label)


def doc(id: str, claims=(), findings=(), relations=(), source_type: str = "media") -> Document:
    return Document(
        id=id, text="x" * TEXT_LENGTH, lang="en", source_type=source_type,
        claims=list(claims), findings=list(findings), relations=list(relations),
    )
