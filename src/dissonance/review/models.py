"""The review database as SQLAlchemy 2 declarative tables.

One `runs` row per imported RUN folder; documents, spans (claims and
findings), incidents and flags hang off it. `decisions` is the audit trail:
append-only (the initial migration adds triggers that refuse UPDATE and
DELETE), one row per accept / reject / uncertain / undo, each carrying the
status it leaves the reviewer's decision in, so that a reviewer's current
decision on a flag is simply their latest row for it.

The schema itself is created by the Alembic migrations in `migrations/`;
these classes must stay in step with them.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

STATUSES = ("accepted", "rejected", "uncertain")
ACTIONS = {"accept": "accepted", "reject": "rejected", "uncertain": "uncertain"}
CORRECTED_LABELS = ("contradicts", "supports", "none")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Run(Base):
    __tablename__ = "runs"
    __table_args__ = (UniqueConstraint("input_hash", "folder", name="uq_runs_input_hash_folder"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    input_hash: Mapped[str] = mapped_column(String(128))
    folder: Mapped[str] = mapped_column(String(1024))
    name: Mapped[str] = mapped_column(String(255))
    manifest: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("run_id", "doc_id", name="uq_documents_run_doc"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    doc_id: Mapped[str] = mapped_column(String(512))
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(16), nullable=True)
    date: Mapped[str | None] = mapped_column(String(32), nullable=True)
    source_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    source_type_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    source_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    incidents: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)  # as in predictions.jsonl


class Span(Base):
    """A claim or a finding; `attrs` holds its labelled-set fields beyond the core ones."""

    __tablename__ = "spans"
    __table_args__ = (
        UniqueConstraint("run_id", "span_id", name="uq_spans_run_span"),
        Index("ix_spans_run_doc", "run_id", "doc_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    doc_id: Mapped[str] = mapped_column(String(512))
    span_id: Mapped[str] = mapped_column(String(512))
    kind: Mapped[str] = mapped_column(String(16))  # claim | finding
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(64))
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    incident: Mapped[str | None] = mapped_column(String(255), nullable=True)
    attrs: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (UniqueConstraint("run_id", "incident_id", name="uq_incidents_run_incident"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    incident_id: Mapped[str] = mapped_column(String(255))
    place: Mapped[str | None] = mapped_column(Text, nullable=True)
    start: Mapped[str | None] = mapped_column(String(32), nullable=True)
    end: Mapped[str | None] = mapped_column(String(32), nullable=True)
    forces: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    deaths: Mapped[int | None] = mapped_column(Integer, nullable=True)
    n_documents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    n_claims: Mapped[int | None] = mapped_column(Integer, nullable=True)
    n_findings: Mapped[int | None] = mapped_column(Integer, nullable=True)
    doc_ids: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    indicators: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class Flag(Base):
    """One row of flags.parquet. `claim_type` and `doc_source_type` are resolved at import."""

    __tablename__ = "flags"
    __table_args__ = (
        UniqueConstraint("run_id", "flag_id", name="uq_flags_run_flag"),
        Index("ix_flags_run_order", "run_id", "strength_rank", "score"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    flag_id: Mapped[str] = mapped_column(String(1024))
    incident_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    label: Mapped[str] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    weight: Mapped[float | None] = mapped_column(Float, nullable=True)  # evidence weight; score = weight x confidence
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)  # the less certain reading of the two spans
    strength: Mapped[str | None] = mapped_column(String(32), nullable=True)
    strength_rank: Mapped[int] = mapped_column(Integer, default=9)
    indicator: Mapped[str | None] = mapped_column(String(255), nullable=True)
    indicator_title: Mapped[str | None] = mapped_column(Text, nullable=True)
    rationale: Mapped[str | None] = mapped_column(Text, nullable=True)
    reference: Mapped[str | None] = mapped_column(Text, nullable=True)
    source_id: Mapped[str] = mapped_column(String(512))
    source_doc_id: Mapped[str | None] = mapped_column(String(512), nullable=True)
    source_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    source_type: Mapped[str | None] = mapped_column(String(64), nullable=True)
    source_polarity: Mapped[str | None] = mapped_column(String(32), nullable=True)
    source_speaker: Mapped[str | None] = mapped_column(Text, nullable=True)
    source_speaker_role: Mapped[str | None] = mapped_column(String(32), nullable=True)
    target_id: Mapped[str] = mapped_column(String(512))
    target_kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    target_doc_id: Mapped[str | None] = mapped_column(String(512), nullable=True)
    target_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    target_type: Mapped[str | None] = mapped_column(String(64), nullable=True)
    target_attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    counter_evidence: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    # kept for the analyst but not given by the analysis (set_aside.parquet): why; None for a given flag
    set_aside_because: Mapped[str | None] = mapped_column(Text, nullable=True)
    claim_type: Mapped[str | None] = mapped_column(String(64), nullable=True)
    doc_source_type: Mapped[str | None] = mapped_column(String(32), nullable=True)


class Decision(Base):
    """One audit-trail entry. `status` is the reviewer's decision on the flag after this entry
    (None: back to unreviewed, after an undo of their only decision)."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_flag_reviewer", "flag_pk", "reviewer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flag_pk: Mapped[int] = mapped_column(ForeignKey("flags.id", ondelete="RESTRICT"))
    reviewer: Mapped[str] = mapped_column(String(128), index=True)
    action: Mapped[str] = mapped_column(String(16))  # accept | reject | uncertain | undo
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    corrected_label: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reverts_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LinkingDecision(Base):
    """A reviewer's word on which incident a document belongs to: the store only appends, and the latest
    entry for a document wins. `incident` None: the document belongs to no incident (a look-alike).
    `dissonance export-reviews --linking FILE` writes them over the run's own linking, for `dissonance relink`."""

    __tablename__ = "linking_decisions"
    __table_args__ = (Index("ix_linking_decisions_run_doc", "run_id", "doc_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    doc_id: Mapped[str] = mapped_column(String(512))
    incident: Mapped[str | None] = mapped_column(String(255), nullable=True)
    reviewer: Mapped[str] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
