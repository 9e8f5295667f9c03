"""Train the word-level claim typer on the training split's gold claims."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..labelled.schema import Document
from ..nlp.claim_typer import C, TYPER_WEIGHT, ClaimTyper


def train_claim_typer(documents: list[Document], out_dir: Path) -> dict:
    claims = [c for d in documents for c in d.claims]
    ClaimTyper().fit([c.text for c in claims], [c.type for c in claims]).save(out_dir)
    return {"train_claims": len(claims), "train_documents": sum(1 for d in documents if d.claims),
            "per_type": dict(sorted(Counter(c.type for c in claims).items())), "C": C, "weight": TYPER_WEIGHT}
