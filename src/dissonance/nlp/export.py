"""From an analysed `Doc` to a labelled-set record and to table rows.

The export boundary: the format's fields and fixed, documented column names
for pandas; nothing upstream builds records or frames.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from .extensions import CLAIMS, FINDINGS

CLAIM_FIELDS = ("polarity", "speaker", "speaker_role", "value")
FINDING_FIELDS = ("body_regions", "wounds", "victims", "range", "direction", "result")


def _span_record(span: Span, span_id: str, fields: tuple[str, ...], offset: int) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": span_id,
        "start": span.start_char + offset,
        "end": span.end_char + offset,
        "text": span.text,
        "type": span.label_,
    }
    for name in fields:
        value = getattr(span._, name)
        if value not in (None, []):
            record[name] = value
    if span._.incident:
        record["incident"] = span._.incident
    return record


def span_records(doc: Doc, doc_id: str, offset: int = 0, numbering: dict[str, int] | None = None):
    """(claims, findings) as format dicts with ids `<doc_id>-c<n>` / `-f<n>`."""
    numbering = numbering if numbering is not None else {"c": 0, "f": 0}
    claims, findings = [], []
    for span in sorted(doc.spans.get(CLAIMS, []), key=lambda s: s.start_char):
        numbering["c"] += 1
        claims.append(_span_record(span, f"{doc_id}-c{numbering['c']}", CLAIM_FIELDS, offset))
    for span in sorted(doc.spans.get(FINDINGS, []), key=lambda s: s.start_char):
        numbering["f"] += 1
        findings.append(_span_record(span, f"{doc_id}-f{numbering['f']}", FINDING_FIELDS, offset))
    return claims, findings
