"""The review store: the one module that owns the database.

`ReviewStore(url)` opens (and on first use creates) the database, brings its
schema to the latest Alembic revision, and answers every query the app, the
agreement figures and the export need, as plain dicts. Writes go through one
lock, so a threaded server never interleaves two of them; decisions are only
ever inserted (the audit trail is append-only, and triggers in the initial
migration refuse UPDATE and DELETE on it).

Databases: a path means an SQLite file (WAL journal, foreign keys on); any
SQLAlchemy URL works (`postgresql+psycopg://...`). `sqlite://` is an
in-memory database, handy for tests.

A developer who changes `models.py` autogenerates the next migration with::

    from alembic import command
    cfg = dissonance.review.store.alembic_config(); cfg.attributes["url"] = "sqlite:////tmp/x.db"
    command.upgrade(cfg, "head"); command.revision(cfg, "what changed", autogenerate=True)
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Engine, and_, create_engine, event, func, inspect, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from ..evaluation.matching import same_pair
from ..reasoning.flags import UNCERTAIN
from . import loading
from .models import ACTIONS, CORRECTED_LABELS, STATUSES, Decision, Document, Flag, Incident, LinkingDecision, Run, Span

MIGRATIONS = Path(__file__).with_name("migrations")
DB_FILENAME = "dissonance.db"
MAX_NOTE = 10_000
MAX_REVIEWER = 128
MAX_INCIDENT = 255


class StoreError(ValueError):
    """A request the store refuses (unknown flag, bad action, empty reviewer name)."""


# --------------------------------------------------------------------------- engine


def database_url(target: str | Path) -> str:
    """An SQLAlchemy URL for a path or a URL (anything containing `://` is taken as a URL)."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def default_database(run_dir: str | Path) -> Path:
    """The project database beside a RUN folder: `RUN/../dissonance.db`."""
    return Path(run_dir).resolve().parent / DB_FILENAME


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:") or ":memory:" in url
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if memory:
            kwargs["poolclass"] = StaticPool
        else:
            path = url.split("///", 1)[-1].split("?", 1)[0]
            if path:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            if not memory:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine) -> None:
    """Upgrade the database to the latest revision (creates every table on a new database)."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


# --------------------------------------------------------------------------- queue filters

STATUS_FILTERS = ("unreviewed", "reviewed", *STATUSES)
# A flag's reading is clear when the tool read both its ends with `UNCERTAIN` confidence or more, the cut below
# which its rationale names the uncertain end; flags of runs without confidences match neither.
READING_FILTERS = ("clear", "uncertain")


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters. `status` refers to the decisions of `reviewer` (default: the session's
    reviewer); `reviewer="*"` means anyone's (a flag is `accepted` if anyone accepted it)."""

    incident: str = ""
    claim_type: str = ""
    finding_type: str = ""
    source_type: str = ""
    status: str = ""
    reviewer: str = ""
    reading: str = ""
    aside: str = ""  # "1": the flags the analysis set aside instead of those it gives

    @classmethod
    def from_params(cls, params: Any) -> "QueueFilters":
        values = {}
        for f in fields(cls):
            value = params.get(f.name) if params is not None else None
            values[f.name] = str(value).strip()[:MAX_REVIEWER * 4] if value else ""
        if values["status"] and values["status"] not in STATUS_FILTERS:
            values["status"] = ""
        if values["reading"] not in READING_FILTERS:
            values["reading"] = ""
        if values["aside"] != "1":
            values["aside"] = ""
        return cls(**values)

    def active(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}

    def query_string(self) -> str:
        return urlencode(self.active())


def _reading_of(confidence: float | None) -> str | None:
    if confidence is None:
        return None
    return "clear" if confidence >= UNCERTAIN else "uncertain"


# --------------------------------------------------------------------------- rows


def _row(obj: Any) -> dict[str, Any]:
    return {attr.key: getattr(obj, attr.key) for attr in inspect(obj).mapper.column_attrs}


def _decision(obj: Decision) -> dict[str, Any]:
    row = _row(obj)
    row["created_at"] = obj.created_at.isoformat() if obj.created_at else None
    return row


def _ends(flag: Flag) -> tuple[tuple, tuple]:
    return ((flag.source_doc_id, flag.source_start, flag.source_end, flag.source_text),
            (flag.target_doc_id, flag.target_start, flag.target_end, flag.target_text))


def _same_words(flag: Flag, other: Flag) -> bool:
    """The very same pair, words and offsets included (either way round)."""
    return flag.label == other.label and sorted(_ends(flag), key=str) == sorted(_ends(other), key=str)


class ReviewStore:
    """Runs, documents, spans, incidents, flags and the decisions trail, behind one object."""

    def __init__(self, url: str | Path = "sqlite://", *, engine: Engine | None = None):
        self.url = database_url(url) if engine is None else str(engine.url)
        self.engine = engine or make_engine(self.url)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._write = threading.Lock()
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def session(self) -> Session:
        return self._session()

    # ----------------------------------------------------------------- runs

    def load_run(self, run_dir: str | Path) -> int:
        """Import a RUN folder; the same folder with the same input is imported once."""
        with self._write, self.session() as session:
            try:
                run_id = loading.import_run(session, run_dir)
                session.commit()
            except IntegrityError:  # another process imported it meanwhile
                session.rollback()
                run_id = loading.find_run(session, run_dir)
                if run_id is None:
                    raise
            return run_id

    def find_run(self, run_dir: str | Path) -> int | None:
        with self.session() as session:
            return loading.find_run(session, run_dir)

    def runs(self) -> list[dict[str, Any]]:
        with self.session() as session:
            counts = dict(session.execute(select(Flag.run_id, func.count()).group_by(Flag.run_id)).all())
            out = []
            for run in session.scalars(select(Run).order_by(Run.id)):
                row = _row(run)
                row["imported_at"] = run.imported_at.isoformat() if run.imported_at else None
                row["n_flags"] = counts.get(run.id, 0)
                out.append(row)
            return out

    def run(self, run_id: int) -> dict[str, Any] | None:
        return next((r for r in self.runs() if r["id"] == run_id), None)

    def latest_run_id(self) -> int | None:
        with self.session() as session:
            return session.scalar(select(func.max(Run.id)))

    # ----------------------------------------------------------------- content

    def flags(self, run_id: int, *, set_aside: bool = False) -> list[dict[str, Any]]:
        """Every flag the run gives (with `set_aside`: every flag it set aside), strongest first (strength,
        then score, then id)."""
        with self.session() as session:
            aside = Flag.set_aside_because.is_not(None) if set_aside else Flag.set_aside_because.is_(None)
            query = (select(Flag).where(Flag.run_id == run_id, aside)
                     .order_by(Flag.strength_rank, Flag.score.desc(), Flag.flag_id))
            return [_row(f) for f in session.scalars(query)]

    def set_aside_count(self, run_id: int) -> int:
        """How many flags the run set aside (their queue is `QueueFilters(aside="1")`)."""
        with self.session() as session:
            return session.scalar(select(func.count()).select_from(Flag).where(
                Flag.run_id == run_id, Flag.set_aside_because.is_not(None))) or 0

    def flag(self, pk: int) -> dict[str, Any] | None:
        with self.session() as session:
            obj = session.get(Flag, pk)
            return _row(obj) if obj else None

    def document(self, run_id: int, doc_id: str | None) -> dict[str, Any] | None:
        if doc_id is None:
            return None
        with self.session() as session:
            obj = session.scalar(select(Document).where(Document.run_id == run_id, Document.doc_id == doc_id))
            return _row(obj) if obj else None

    def documents(self, run_id: int, doc_ids: Iterable[str]) -> list[dict[str, Any]]:
        ids = sorted(set(doc_ids))
        with self.session() as session:
            query = select(Document).where(Document.run_id == run_id, Document.doc_id.in_(ids)).order_by(Document.id)
            return [_row(d) for d in session.scalars(query)]

    def spans(self, run_id: int, doc_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        with self.session() as session:
            query = select(Span).where(Span.run_id == run_id)
            if doc_ids is not None:
                query = query.where(Span.doc_id.in_(sorted(set(doc_ids))))
            return [_row(s) for s in session.scalars(query.order_by(Span.id))]

    def span(self, run_id: int, span_id: str) -> dict[str, Any] | None:
        with self.session() as session:
            obj = session.scalar(select(Span).where(Span.run_id == run_id, Span.span_id == span_id))
            return _row(obj) if obj else None

    def incident(self, run_id: int, incident_id: str | None) -> dict[str, Any] | None:
        if incident_id is None:
            return None
        with self.session() as session:
            obj = session.scalar(select(Incident).where(Incident.run_id == run_id, Incident.incident_id == incident_id))
            return _row(obj) if obj else None

    def incidents(self, run_id: int) -> list[dict[str, Any]]:
        with self.session() as session:
            query = select(Incident).where(Incident.run_id == run_id).order_by(Incident.incident_id)
            return [_row(i) for i in session.scalars(query)]

    # ----------------------------------------------------------------- queue

    def queue(self, run_id: int, filters: QueueFilters | None = None, *,
              reviewer: str | None = None) -> list[dict[str, Any]]:
        """Flags strongest first with their decisions, filtered; each row carries `status`
        (the decision of `filters.reviewer` or else `reviewer`) and `decisions` (every reviewer's)."""
        filters = filters or QueueFilters()
        whose = filters.reviewer or reviewer or ""
        current = self.current_decisions(run_id)
        by_flag: dict[int, dict[str, str]] = {}
        for (pk, who), entry in current.items():
            by_flag.setdefault(pk, {})[who] = entry["status"]
        rows = []
        for flag in self.flags(run_id, set_aside=filters.aside == "1"):
            decisions = by_flag.get(flag["id"], {})
            if whose == "*":
                statuses = set(decisions.values())
                status = None if not statuses else (next(iter(statuses)) if len(statuses) == 1 else "mixed")
            else:
                statuses = {decisions[whose]} if whose in decisions else set()
                status = decisions.get(whose)
            finding_type = flag["target_type"] if flag.get("target_kind") != "claim" else None
            if filters.incident and flag.get("incident_id") != filters.incident:
                continue
            if filters.claim_type and flag.get("claim_type") != filters.claim_type:
                continue
            if filters.finding_type and finding_type != filters.finding_type:
                continue
            if filters.source_type and flag.get("doc_source_type") != filters.source_type:
                continue
            if filters.reading and _reading_of(flag.get("confidence")) != filters.reading:
                continue
            if filters.status == "unreviewed" and statuses:
                continue
            if filters.status == "reviewed" and not statuses:
                continue
            if filters.status in STATUSES and filters.status not in statuses:
                continue
            rows.append({**flag, "finding_type": finding_type, "status": status, "decisions": decisions})
        return rows

    def filter_options(self, run_id: int) -> dict[str, list[str]]:
        flags = self.flags(run_id)

        def values(key: str) -> list[str]:
            return sorted({str(f[key]) for f in flags if f.get(key)})

        return {
            "incident": values("incident_id"),
            "claim_type": values("claim_type"),
            "finding_type": sorted({str(f["target_type"]) for f in flags
                                    if f.get("target_type") and f.get("target_kind") != "claim"}),
            "source_type": values("doc_source_type"),
            "status": list(STATUS_FILTERS),
            "reading": list(READING_FILTERS) if any(f.get("confidence") is not None for f in flags) else [],
            "reviewer": self.reviewers(run_id),
            "aside": self.set_aside_count(run_id),
        }

    # ----------------------------------------------------------------- decisions

    def decide(self, flag_pk: int, reviewer: str, action: str, *, note: str | None = None,
               corrected_label: str | None = None) -> dict[str, Any]:
        """Append a decision (accept, reject or uncertain) by `reviewer` on a flag."""
        reviewer = _reviewer(reviewer)
        if action not in ACTIONS:
            raise StoreError(f"unknown action {action!r} (expected one of {', '.join(ACTIONS)})")
        corrected_label = (corrected_label or "").strip() or None
        if corrected_label is not None and corrected_label not in CORRECTED_LABELS:
            raise StoreError(f"unknown corrected label {corrected_label!r} (expected one of {', '.join(CORRECTED_LABELS)})")
        note = (note or "").strip() or None
        if note is not None and len(note) > MAX_NOTE:
            raise StoreError(f"note longer than {MAX_NOTE} characters")
        with self._write, self.session() as session:
            if session.get(Flag, flag_pk) is None:
                raise StoreError(f"no flag {flag_pk}")
            entry = Decision(flag_pk=flag_pk, reviewer=reviewer, action=action, status=ACTIONS[action],
                             note=note, corrected_label=corrected_label)
            session.add(entry)
            session.commit()
            return _decision(entry)

    def place_document(self, run_id: int, doc_id: str, incident: str | None, reviewer: str, *,
                       note: str | None = None) -> dict[str, Any]:
        """Record that `reviewer` places a document in `incident` (None or blank: in no incident)."""
        reviewer = _reviewer(reviewer)
        incident = (incident or "").strip() or None
        if incident is not None and (len(incident) > MAX_INCIDENT or "\n" in incident):
            raise StoreError(f"an incident id is one line of at most {MAX_INCIDENT} characters")
        note = (note or "").strip() or None
        if note is not None and len(note) > MAX_NOTE:
            raise StoreError(f"note longer than {MAX_NOTE} characters")
        if self.document(run_id, doc_id) is None:
            raise StoreError(f"no document {doc_id!r} in run {run_id}")
        with self._write, self.session() as session:
            entry = LinkingDecision(run_id=run_id, doc_id=doc_id, incident=incident, reviewer=reviewer, note=note)
            session.add(entry)
            session.commit()
            return _row(entry)

    def linking(self, run_id: int, *, reviewer: str | None = None) -> list[dict[str, Any]]:
        """Every document of the run with the tool's incident and, where reviewers placed it, theirs
        (the latest entry wins; `reviewer`: only theirs): `doc_id, source_path, tool, placed, by, at`."""
        with self.session() as session:
            placed: dict[str, LinkingDecision] = {}
            query = select(LinkingDecision).where(LinkingDecision.run_id == run_id)
            if reviewer is not None:
                query = query.where(LinkingDecision.reviewer == reviewer)
            for entry in session.scalars(query.order_by(LinkingDecision.id)):
                placed[entry.doc_id] = entry
            out = []
            for doc in session.scalars(select(Document).where(Document.run_id == run_id).order_by(Document.id)):
                tool = next((i.get("id") for i in doc.incidents or [] if isinstance(i, dict)), None)
                entry = placed.get(doc.doc_id)
                out.append({"doc_id": doc.doc_id, "source_path": doc.source_path, "tool": tool,
                            "placed": entry is not None, "incident": entry.incident if entry else tool,
                            "by": entry.reviewer if entry else None, "at": entry.created_at if entry else None})
            return out

    def undo(self, reviewer: str, *, run_id: int | None = None) -> dict[str, Any] | None:
        """Revert the reviewer's last decision not yet undone, by appending an `undo` entry.

        The entry restores the decision the reviewer had on that flag before
        (or none). Undoing again reverts the decision before that. Returns the
        new entry, or None when there is nothing left to undo.
        """
        reviewer = _reviewer(reviewer)
        with self._write, self.session() as session:
            query = select(Decision).where(Decision.reviewer == reviewer).order_by(Decision.id)
            if run_id is not None:
                query = query.join(Flag, Flag.id == Decision.flag_pk).where(Flag.run_id == run_id)
            stack: list[Decision] = []
            for entry in session.scalars(query):
                if entry.action == "undo":
                    if stack:
                        stack.pop()
                else:
                    stack.append(entry)
            if not stack:
                return None
            target = stack.pop()
            before = next((e for e in reversed(stack) if e.flag_pk == target.flag_pk), None)
            entry = Decision(
                flag_pk=target.flag_pk, reviewer=reviewer, action="undo", reverts_id=target.id,
                status=before.status if before else None, note=before.note if before else None,
                corrected_label=before.corrected_label if before else None,
            )
            session.add(entry)
            session.commit()
            return _decision(entry)

    def history(self, *, flag_pk: int | None = None, run_id: int | None = None,
                reviewer: str | None = None) -> list[dict[str, Any]]:
        """Audit-trail entries, oldest first."""
        with self.session() as session:
            query = select(Decision).order_by(Decision.id)
            if flag_pk is not None:
                query = query.where(Decision.flag_pk == flag_pk)
            if run_id is not None:
                query = query.join(Flag, Flag.id == Decision.flag_pk).where(Flag.run_id == run_id)
            if reviewer is not None:
                query = query.where(Decision.reviewer == reviewer)
            return [_decision(d) for d in session.scalars(query)]

    def current_decisions(self, run_id: int, *, reviewer: str | None = None) -> dict[tuple[int, str], dict[str, Any]]:
        """{(flag pk, reviewer): latest entry} for the run; entries whose status is None are left out."""
        with self.session() as session:
            latest = (select(func.max(Decision.id).label("id"))
                      .join(Flag, Flag.id == Decision.flag_pk)
                      .where(Flag.run_id == run_id)
                      .group_by(Decision.flag_pk, Decision.reviewer))
            if reviewer is not None:
                latest = latest.where(Decision.reviewer == reviewer)
            query = select(Decision).where(Decision.id.in_(latest.scalar_subquery())).order_by(Decision.id)
            return {(d.flag_pk, d.reviewer): _decision(d) for d in session.scalars(query) if d.status is not None}

    def earlier_decisions(self, flag_pk: int) -> list[dict[str, Any]]:
        """Current decisions on the same pair in *other* runs, newest first.

        Flag ids are numbered per run, so a re-analysis of the same input
        (a new model, a new corpus) starts a fresh queue. A flag of another
        run is the same pair when its label and both ends' documents are
        equal and each end covers at least half of the new end and is at least
        half covered by it (the span-matching rule of the labelled-set format), so a
        model that moves a span by a word still finds what reviewers said.
        Each decision carries `same_words`, and the earlier words where they
        differ; decisions are shown beside the new flag, never copied into it.
        """
        with self.session() as session:
            flag = session.get(Flag, flag_pk)
            if flag is None:
                return []
            same_docs = [getattr(Flag, key).is_(None) if getattr(flag, key) is None else getattr(Flag, key) == getattr(flag, key)
                         for key in ("label", "source_doc_id", "target_doc_id")]
            if flag.target_kind == "claim":  # the two claims of a pair, either way round
                same_docs = [same_docs[0], or_(and_(*same_docs[1:]), and_(Flag.source_doc_id == flag.target_doc_id,
                                                                          Flag.target_doc_id == flag.source_doc_id))]
            candidates = session.scalars(select(Flag).where(Flag.run_id != flag.run_id, *same_docs)).all()
            # a claim-claim pair may be oriented either way round (the two claims of a denial)
            pairs = {other.id: other for other in candidates
                     if same_pair(flag, other, either_way=flag.target_kind == "claim")}
            if not pairs:
                return []
            latest = (select(func.max(Decision.id)).where(Decision.flag_pk.in_(list(pairs)))
                      .group_by(Decision.flag_pk, Decision.reviewer))
            query = (select(Decision, Flag.run_id, Run.name).join(Flag, Flag.id == Decision.flag_pk)
                     .join(Run, Run.id == Flag.run_id)
                     .where(Decision.id.in_(latest.scalar_subquery())).order_by(Flag.run_id.desc(), Decision.id))
            out = []
            for d, run_id, name in session.execute(query):
                if d.status is None:
                    continue
                other = pairs[d.flag_pk]
                same_words = _same_words(flag, other)
                out.append({**_decision(d), "run_id": run_id, "run_name": name, "same_words": same_words,
                            "earlier_source_text": None if same_words else other.source_text,
                            "earlier_target_text": None if same_words else other.target_text})
            return out

    def reviewers(self, run_id: int | None = None) -> list[str]:
        with self.session() as session:
            query = select(Decision.reviewer).distinct()
            if run_id is not None:
                query = query.join(Flag, Flag.id == Decision.flag_pk).where(Flag.run_id == run_id)
            return sorted(session.scalars(query))

    def progress(self, run_id: int, reviewer: str | None) -> dict[str, int]:
        current = self.current_decisions(run_id)
        with self.session() as session:
            total = session.scalar(select(func.count()).select_from(Flag).where(Flag.run_id == run_id)) or 0
        mine = {pk for (pk, who) in current if who == reviewer}
        anyone = {pk for (pk, _) in current}
        return {"reviewed": len(mine), "total": total, "reviewed_by_anyone": len(anyone)}


def _reviewer(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise StoreError("a reviewer name is required")
    if len(name) > MAX_REVIEWER:
        raise StoreError(f"reviewer name longer than {MAX_REVIEWER} characters")
    return name


def open_store(target: str | Path | None = None, *, db: str | None = None) -> tuple[ReviewStore, int | None]:
    """Open the store for a RUN folder, a database path or URL; a RUN folder is imported.

    Returns the store and the run id to show (the RUN folder's, or the
    latest run in the database).
    """
    run_dir = None
    if target is not None and "://" not in str(target) and Path(target).is_dir():
        run_dir = Path(target)
        if not (run_dir / "predictions.jsonl").exists():
            raise loading.RunFolderError(f"{run_dir} is not a RUN folder: no predictions.jsonl")
    if db is None and target is not None and run_dir is None and "://" not in str(target) \
            and not Path(target).is_file():
        raise StoreError(f"{target}: no such RUN folder or database file")
    if db is None:
        if run_dir is not None:
            db = str(default_database(run_dir))
        elif target is not None:
            db = str(target)
        else:
            raise StoreError("give a RUN folder, a database file or --db URL")
    elif target is not None and run_dir is None:
        raise StoreError(f"{target} is not a RUN folder (and --db is given)")
    store = ReviewStore(db)
    run_id = store.load_run(run_dir) if run_dir is not None else store.latest_run_id()
    return store, run_id


__all__ = ["ReviewStore", "StoreError", "QueueFilters", "database_url", "default_database", "make_engine", "migrate",
           "open_store", "STATUSES", "ACTIONS", "CORRECTED_LABELS"]
