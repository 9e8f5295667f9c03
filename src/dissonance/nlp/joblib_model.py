"""Saving and loading the scikit-learn models (a `pipeline` attribute) the same way.

Each model folder holds `model.joblib` (the fitted pipeline) and
`meta.json` (what the training reported). Loading runs code from the file,
so load only models you trained or trust.
"""

from __future__ import annotations

import json
from pathlib import Path

import joblib


class JoblibModel:
    pipeline: object

    def __init__(self, pipeline=None):  # subclasses build their default pipeline
        self.pipeline = pipeline

    def save(self, path: str | Path, card: dict | None = None) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        joblib.dump(self.pipeline, path / "model.joblib", compress=3)
        (path / "meta.json").write_text(json.dumps(card or {}, indent=2))

    @classmethod
    def load(cls, path: str | Path):
        return cls(joblib.load(Path(path) / "model.joblib"))
