"""The forensic knowledge base (`knowledge.yaml`), validated when it is loaded.

Analysts extend the knowledge base without touching code; a typo in a
condition or an unknown finding type must fail loudly at load time, not
silently never match. Which side each indicator takes (`weighs`) must agree
with the format's labelling conventions; the base adds strengths and reasons.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..labelled.schema import BodyRegion, Direction, FindingType, GsrResult, Range
from ..nlp.attributes import rules_out_gunshot
from ..nlp.lexicon import fold
from ..yamlio import load_yaml

STRENGTH_RANK = {"strong": 0, "moderate": 1, "weak": 2}  # the strengths `KnowledgeBase.strength` gives, strongest first


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: list[FindingType] = Field(min_length=1)
    regions_all_in: list[BodyRegion] | None = None
    regions_any_in: list[BodyRegion] | None = None
    range: list[Range] | None = None
    direction: list[Direction] | None = None
    direction_not: list[Direction] | None = None  # e.g. an exit in the back: a track from the front is no entry from behind
    result: list[GsrResult] | None = None
    min_victims: int | None = None
    min_wounds: int | None = None
    text_any: list[str] | None = None
    shot: bool | None = None  # true: a gunshot_wound, or words that do not name only blunt or edged injuries

    @field_validator("text_any")
    @classmethod
    def _patterns(cls, value):
        for p in value or []:
            re.compile(p)
        return value


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    when: Condition
    weighs: Literal["against", "consistent"]
    weight: float = Field(gt=0, le=1)
    reason: str = Field(min_length=10)
    reference: str = Field(min_length=3)


class PatternBonus(BaseModel):
    per_extra_document: float = Field(ge=0, le=0.5)
    many_victims: dict[str, float]
    max_score: float = Field(gt=0, le=1)


class CounterEvidence(BaseModel):
    """Evidence in the incident that points the other way: lowers a `contradicts` flag's score, named in its rationale."""

    model_config = ConfigDict(extra="forbid")
    factor: float = Field(gt=0, le=1)
    title: str
    reason: str = Field(min_length=10)
    reference: str = Field(min_length=3)


CounterKind = Literal["officers_hurt", "consistent_findings", "against_findings"]


class ExchangeOfFire(BaseModel):
    """When an incident's evidence fits a real exchange of fire (reasoning/exchange.py): its `contradicts`
    flags are set aside, not dropped, and the incident says why."""

    model_config = ConfigDict(extra="forbid")
    min_officers_hurt: int = Field(ge=1)
    min_consistent_findings: int = Field(ge=1)
    tolerated_against: list[str]  # indicators that alone do not tell an execution from a gunfight
    max_claims_against_share: float = Field(ge=0)  # claims against the account per claim siding with it
    title: str
    reason: str = Field(min_length=10)
    reference: str = Field(min_length=3)


class KnowledgeBase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    strength_cuts: dict[Literal["strong", "moderate"], float]
    pattern_bonus: PatternBonus
    # a finding no indicator names, weighed by the learned model alone, counts this share of the model's
    # probability: a lead the analyst cannot check against a named reading (eval/README.md, point 99)
    learned_weight_factor: float = Field(default=1.0, gt=0, le=1)
    counter_evidence: dict[CounterKind, CounterEvidence] = Field(default_factory=dict)
    exchange_of_fire: ExchangeOfFire | None = None  # absent: every flag stands, whatever the incident's evidence
    indicators: dict[str, Indicator]

    @model_validator(mode="after")
    def _known_indicators(self):
        unknown = set(self.exchange_of_fire.tolerated_against if self.exchange_of_fire else ()) - set(self.indicators)
        if unknown:
            raise ValueError(f"exchange_of_fire.tolerated_against names no indicator: {sorted(unknown)}")
        return self

    def matching(self, finding: dict) -> list[tuple[str, Indicator]]:
        """Indicators whose conditions the finding (a format dict) meets."""
        return [(key, ind) for key, ind in self.indicators.items() if _meets(ind.when, finding)]

    def strength(self, score: float) -> str:
        """`strong`, `moderate` or `weak` (STRENGTH_RANK orders them) for a flag's score."""
        if score >= self.strength_cuts["strong"]:
            return "strong"
        if score >= self.strength_cuts["moderate"]:
            return "moderate"
        return "weak"


def _meets(cond: Condition, f: dict) -> bool:
    if f.get("type") not in cond.type:
        return False
    regions = set(f.get("body_regions") or [])
    if cond.regions_all_in is not None and (not regions or not regions <= set(cond.regions_all_in)):
        return False
    if cond.regions_any_in is not None and not regions & set(cond.regions_any_in):
        return False
    for key in ("range", "direction", "result"):
        allowed = getattr(cond, key)
        if allowed is not None and f.get(key) not in allowed:
            return False
    if cond.direction_not is not None and f.get("direction") in cond.direction_not:
        return False
    if cond.min_victims is not None and (f.get("victims") or 0) < cond.min_victims:
        return False
    if cond.min_wounds is not None and (f.get("wounds") or 0) < cond.min_wounds:
        return False
    if cond.shot and f.get("type") != "gunshot_wound" and rules_out_gunshot(f.get("text", "")):
        return False
    if cond.text_any is not None:
        text = fold(f.get("text", ""))
        if not any(re.search(p, text) for p in cond.text_any):
            return False
    return True


_in_use: str | None = None  # an analyst's knowledge base for this process (`use_knowledge`), or the packaged one


def use_knowledge(path: str | None) -> KnowledgeBase:
    """Reason with the knowledge base at `path` from now on (None: the packaged one); checked first, so a
    broken file stops a run before any document is read. `analyze --knowledge`, `relink --knowledge`."""
    global _in_use
    kb = load_knowledge(str(path)) if path else _load(None)
    _in_use = str(path) if path else None
    return kb


def knowledge_in_use() -> dict[str, str | None]:
    """Which knowledge base reasoning uses, with its hash, for a run's manifest."""
    import hashlib

    if _in_use is None:
        text = resources.files("dissonance.reasoning").joinpath("knowledge.yaml").read_bytes()
    else:
        from pathlib import Path

        text = Path(_in_use).read_bytes()
    return {"path": _in_use, "sha256": hashlib.sha256(text).hexdigest()}


def load_knowledge(path: str | None = None) -> KnowledgeBase:
    """The knowledge base in use (packaged, or an analyst's: `use_knowledge`), or the one at `path`."""
    path = path if path is not None else _in_use
    if path is None:
        return _load(None)
    import os

    stat = os.stat(path)
    return _load(path, (stat.st_mtime_ns, stat.st_size))  # an edited file is read again


@lru_cache(maxsize=None)
def _load(path: str | None = None, version: tuple[int, int] | None = None) -> KnowledgeBase:
    """The packaged knowledge base, or the one at `path`; errors name the entry."""
    if path is None:
        text = resources.files("dissonance.reasoning").joinpath("knowledge.yaml").read_text("utf-8")
        where = "knowledge.yaml"
    else:
        from pathlib import Path

        where = path
        try:
            text = Path(path).read_text("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{path}: not UTF-8 text (byte {exc.start}); save the knowledge base as UTF-8") from exc
    try:
        return KnowledgeBase.model_validate(load_yaml(text))
    except ValidationError as exc:
        raise ValueError(f"{where}: invalid knowledge base:\n{exc}") from exc
    except yaml.YAMLError as exc:  # an analyst's edit that broke the YAML: say where
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ValueError(f"{where}{at}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from exc
