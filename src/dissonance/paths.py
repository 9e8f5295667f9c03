"""Where trained models live: `models/` at the repository root, or $DISSONANCE_MODELS."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MODEL_NAMES = ("span_tagger", "claim_typer", "source_type", "finding_weight", "relevance")  # folders under models/


def models_dir() -> Path:
    return Path(os.environ.get("DISSONANCE_MODELS", REPO_ROOT / "models"))


def model_path(name: str) -> Path:
    path = models_dir() / name
    if not path.exists():
        raise FileNotFoundError(
            f"model {name!r} not found at {path}: run `make train` (or `dissonance train {name}`), "
            "or point DISSONANCE_MODELS at a folder that holds it"
        )
    return path
