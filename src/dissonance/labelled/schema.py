"""The labelled-set format (v1) as pydantic models.

`../shared/formats/labelled-set.md` is the contract; these models follow it
field for field. Unknown extra fields are kept (the format does not forbid
them), but nothing here adds fields of its own.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class SourceType(str, Enum):
    official = "official"
    media = "media"
    forensic = "forensic"
    ngo = "ngo"
    witness = "witness"
    judicial = "judicial"
    other = "other"


class ClaimType(str, Enum):
    armed_confrontation = "armed_confrontation"
    crossfire = "crossfire"
    resisted_authority = "resisted_authority"
    victim_armed = "victim_armed"
    self_defense = "self_defense"
    criminal_profile = "criminal_profile"
    casualty_count = "casualty_count"
    officer_casualty = "officer_casualty"
    execution_allegation = "execution_allegation"
    detained_alive = "detained_alive"
    other = "other"


class Polarity(str, Enum):
    asserted = "asserted"
    denied = "denied"
    questioned = "questioned"


class SpeakerRole(str, Enum):
    official = "official"
    media = "media"
    ngo = "ngo"
    witness = "witness"
    forensic = "forensic"
    judicial = "judicial"
    other = "other"


class FindingType(str, Enum):
    gunshot_wound = "gunshot_wound"
    restraint = "restraint"
    torture = "torture"
    defensive_injury = "defensive_injury"
    gunshot_residue = "gunshot_residue"
    scene_alteration = "scene_alteration"
    cause_of_death = "cause_of_death"
    other = "other"


class BodyRegion(str, Enum):
    head = "head"
    face = "face"
    neck = "neck"
    chest = "chest"
    abdomen = "abdomen"
    back = "back"
    pelvis = "pelvis"
    arm = "arm"
    hand = "hand"
    leg = "leg"


class Range(str, Enum):
    contact = "contact"
    close = "close"
    intermediate = "intermediate"
    distant = "distant"


class Direction(str, Enum):
    back_to_front = "back_to_front"
    front_to_back = "front_to_back"
    downward = "downward"
    upward = "upward"
    lateral = "lateral"


class GsrResult(str, Enum):
    positive = "positive"
    negative = "negative"


class RelationLabel(str, Enum):
    contradicts = "contradicts"
    supports = "supports"


CLAIM_TYPES = [t.value for t in ClaimType]
FINDING_TYPES = [t.value for t in FindingType]
SOURCE_TYPES = [t.value for t in SourceType]
RELATION_LABELS = [t.value for t in RelationLabel]
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow", use_enum_values=True)

    def to_json(self) -> dict[str, Any]:
        """The record as the format writes it: unset optional fields left out."""
        return self.model_dump(mode="json", exclude_none=True)


class Span(_Record):
    id: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=1)
    text: str = Field(min_length=1)
    incident: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        return self


class Claim(Span):
    type: ClaimType
    polarity: Polarity | None = None
    speaker: str | None = None
    speaker_role: SpeakerRole | None = None
    value: float | None = None


class Finding(Span):
    type: FindingType
    body_regions: list[BodyRegion] | None = None
    wounds: int | None = Field(default=None, ge=0)
    victims: int | None = Field(default=None, ge=0)
    range: Range | None = None
    direction: Direction | None = None
    result: GsrResult | None = None


class Incident(_Record):
    id: str = Field(min_length=1)
    place: str | None = None
    start: str | None = Field(default=None, pattern=DATE_PATTERN)
    end: str | None = Field(default=None, pattern=DATE_PATTERN)
    forces: list[str] | None = None
    deaths: int | None = Field(default=None, ge=0)


class Relation(_Record):
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    label: RelationLabel
    rationale: str | None = None


class Document(_Record):
    """One line of a labelled set."""

    id: str = Field(min_length=1)
    text: str
    lang: str = Field(pattern=r"^[a-z]{2}$")
    source_type: SourceType
    date: str | None = Field(default=None, pattern=DATE_PATTERN)
    meta: dict[str, Any] | None = None
    claims: list[Claim] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    @field_validator("claims", "findings", "incidents", "relations", mode="before")
    @classmethod
    def _null_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value

    def spans(self) -> list[Span]:
        return [*self.claims, *self.findings]


class InputDocument(_Record):
    """A record given to analysis: only `id` and `text` are needed."""

    id: str = Field(min_length=1)
    text: str
    lang: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    date: str | None = Field(default=None, pattern=DATE_PATTERN)
    meta: dict[str, Any] | None = None
