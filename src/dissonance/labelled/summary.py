"""Counts that describe a labelled set, for `validate` and corpus reports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from .io import ReadReport, read_set


def summarise(path: str | Path, *, strict: bool = False) -> tuple[dict[str, Any], ReadReport]:
    documents, report = read_set(path, strict=strict)
    by_source = Counter(d.source_type for d in documents)
    by_lang = Counter(d.lang for d in documents)
    claims = Counter(c.type for d in documents for c in d.claims)
    findings = Counter(f.type for d in documents for f in d.findings)
    relations = Counter(r.label for d in documents for r in d.relations)
    incidents = {i.id for d in documents for i in d.incidents}
    summary = {
        "documents by source_type": dict(by_source),
        "documents by lang": dict(by_lang),
        "claims by type": dict(claims),
        "findings by type": dict(findings),
        "relations by label": dict(relations),
        "incidents": {"distinct incidents": len(incidents), "documents without spans": sum(1 for d in documents if not d.spans())},
    }
    return summary, report
