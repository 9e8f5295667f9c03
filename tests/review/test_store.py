"""The store: migrations, loading RUN folders, the audit trail and undo."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

from dissonance.review import load_run
from dissonance.review.store import QueueFilters, ReviewStore, StoreError, open_store

from .conftest import DOCS, FLAGS, ORDER, write_run

TABLES = {"runs", "documents", "spans", "incidents", "flags", "decisions", "linking_decisions", "alembic_version"}


def test_store_migrations_create_schema(tmp_path):
    store = ReviewStore(tmp_path / "review.db")
    assert TABLES <= set(inspect(store.engine).get_table_names())
    with store.engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == "0005"
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.close()
    again = ReviewStore(tmp_path / "review.db")  # migrating an up-to-date database is a no-op
    assert again.runs() == []
    again.close()


def test_store_load_run_counts(review):
    store, run_id = review.store, review.run_id
    assert len(store.documents(run_id, [d["id"] for d in DOCS])) == 6
    spans = store.spans(run_id)
    assert len([s for s in spans if s["kind"] == "claim"]) == 9
    assert len([s for s in spans if s["kind"] == "finding"]) == 7
    assert {i["incident_id"] for i in store.incidents(run_id)} == {"inc-lavega-2018-01", "inc-elvalle-2019-03"}
    flags = store.flags(run_id)
    assert len(flags) == len(FLAGS)
    assert [f["flag_id"] for f in flags] == ORDER
    c1f1 = flags[0]
    assert c1f1["claim_type"] == "armed_confrontation" and c1f1["doc_source_type"] == "official"
    assert c1f1["target_attributes"]["body_regions"] == ["head", "chest"]
    la_vega = store.incident(run_id, "inc-lavega-2018-01")
    assert la_vega["forces"] == ["FAES", "CICPC"] and la_vega["indicators"]["share_close_range"]["numerator"] == 4
    f1 = store.span(run_id, "f1")
    assert f1["score"] == 0.85 and f1["attrs"]["body_regions"] == ["head", "chest"]


def test_store_load_run_is_idempotent(run_dir, tmp_path):
    db = tmp_path / "review.db"
    first = load_run(run_dir, db)
    second = load_run(run_dir, f"sqlite:///{db}")
    assert first == second
    store = ReviewStore(db)
    assert len(store.runs()) == 1
    assert len(store.flags(first)) == len(FLAGS)
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from documents")).scalar() == 6
        assert conn.execute(text("select count(*) from spans")).scalar() == 16
    # the same input in another folder is another run
    copy = tmp_path / "elsewhere" / "run-1"
    shutil.copytree(run_dir, copy)
    third = store.load_run(copy)
    assert third != first and len(store.runs()) == 2
    store.close()


def test_store_load_run_default_database_beside_run(run_dir):
    run_id = load_run(run_dir)
    assert (run_dir.parent / "dissonance.db").exists()
    store, shown = open_store(run_dir)
    assert shown == run_id and len(store.runs()) == 1
    store.close()


def test_store_load_run_without_flags(tmp_path):
    run = write_run(tmp_path / "old-run", with_flags=False)
    store = ReviewStore("sqlite://")
    run_id = store.load_run(run)
    assert store.flags(run_id) == [] and len(store.spans(run_id)) == 16


def test_store_not_a_run_folder(tmp_path):
    from dissonance.review.loading import RunFolderError

    with pytest.raises(RunFolderError):
        ReviewStore("sqlite://").load_run(tmp_path)


def test_store_audit_trail_keeps_every_decision(review):
    store, pk = review.store, review.pk["c1~f1"]
    store.decide(pk, "alice", "accept")
    store.decide(pk, "alice", "reject", note="the wounds are from the exchange", corrected_label="none")
    store.decide(pk, "alice", "uncertain")
    trail = store.history(flag_pk=pk)
    assert [(e["action"], e["status"]) for e in trail] == [
        ("accept", "accepted"), ("reject", "rejected"), ("uncertain", "uncertain")]
    assert trail[1]["note"] == "the wounds are from the exchange" and trail[1]["corrected_label"] == "none"
    assert all(e["created_at"] for e in trail)
    current = store.current_decisions(review.run_id)
    assert current[(pk, "alice")]["status"] == "uncertain"  # the latest entry is the current decision


def test_store_audit_trail_is_append_only(review):
    store, pk = review.store, review.pk["c1~f1"]
    store.decide(pk, "alice", "accept")
    with store.engine.connect() as conn:
        with pytest.raises(DatabaseError, match="append-only"):
            conn.execute(text("update decisions set status = 'rejected'"))
        with pytest.raises(DatabaseError, match="append-only"):
            conn.execute(text("delete from decisions"))


def test_store_undo_reverts_last_decision(review):
    store, a, b = review.store, review.pk["c1~f1"], review.pk["c6~f5"]
    store.decide(a, "alice", "accept")
    store.decide(a, "alice", "reject", note="second thoughts")
    store.decide(b, "alice", "accept")
    store.decide(b, "bob", "reject")

    undo = store.undo("alice")  # reverts alice's accept on b, not bob's decision
    assert undo["flag_pk"] == b and undo["action"] == "undo" and undo["status"] is None
    current = store.current_decisions(review.run_id)
    assert (b, "alice") not in current and current[(b, "bob")]["status"] == "rejected"

    undo = store.undo("alice")  # then her reject on a: back to her accept
    assert undo["flag_pk"] == a and undo["status"] == "accepted"
    assert store.current_decisions(review.run_id)[(a, "alice")]["status"] == "accepted"

    store.undo("alice")
    assert store.undo("alice") is None  # nothing left
    assert (a, "alice") not in store.current_decisions(review.run_id)
    trail = store.history(reviewer="alice")
    assert [e["action"] for e in trail] == ["accept", "reject", "accept", "undo", "undo", "undo"]  # nothing deleted
    assert all(e["reverts_id"] for e in trail if e["action"] == "undo")


def test_store_refuses_bad_decisions(review):
    store, pk = review.store, review.pk["c1~f1"]
    with pytest.raises(StoreError):
        store.decide(pk, "alice", "delete")
    with pytest.raises(StoreError):
        store.decide(pk, "  ", "accept")
    with pytest.raises(StoreError):
        store.decide(pk, "alice", "accept", corrected_label="maybe")
    with pytest.raises(StoreError):
        store.decide(99999, "alice", "accept")
    assert store.history() == []


def test_store_queue_filters(review):
    store, run_id, pk = review.store, review.run_id, review.pk
    store.decide(pk["c1~f1"], "alice", "accept")
    store.decide(pk["c1~f2"], "alice", "reject")
    store.decide(pk["c6~f5"], "bob", "uncertain")

    def ids(**kw):
        return [r["flag_id"] for r in store.queue(run_id, QueueFilters(**kw), reviewer="alice")]

    assert ids() == ORDER
    assert ids(incident="inc-elvalle-2019-03") == ["c6~f5", "c7~f6", "c6~c8", "c6~f7"]
    assert ids(claim_type="victim_armed") == ["c2~f3", "c7~f6"]
    assert ids(finding_type="restraint") == ["c2~f3"]
    assert ids(source_type="media") == ["c6~f5", "c7~f6", "c6~c8", "c6~f7"]
    assert ids(status="accepted") == ["c1~f1"]
    assert ids(status="rejected") == ["c1~f2"]
    assert ids(status="unreviewed") == [f for f in ORDER if f not in ("c1~f1", "c1~f2")]
    assert ids(status="uncertain", reviewer="bob") == ["c6~f5"]
    assert ids(status="reviewed", reviewer="*") == ["c1~f1", "c6~f5", "c1~f2"]
    # the reading: the weak flags of the fixture rest on ends the tool read with confidence 0.55
    weak = [f for f in ORDER if dict((f"{s}~{t}", st) for s, t, _, _, st, _, _ in FLAGS)[f] == "weak"]
    assert weak and ids(reading="uncertain") == weak
    assert ids(reading="clear") == [f for f in ORDER if f not in weak]
    assert QueueFilters.from_params({"reading": "bogus"}).reading == ""


def test_store_load_run_tolerates_typed_parquet_cells(run_dir):
    """Dates stored as parquet dates, counts as floats with NaN, indicators as null: all load."""
    import datetime

    import pandas as pd

    incidents = pd.read_parquet(run_dir / "incidents.parquet")
    incidents["start"] = [datetime.date(2018, 1, 15), datetime.date(2019, 3, 2)]
    incidents["deaths"] = [7.0, float("nan")]
    incidents["indicators"] = [incidents["indicators"][0], None]
    incidents.to_parquet(run_dir / "incidents.parquet", index=False)
    store = ReviewStore("sqlite://")
    run_id = store.load_run(run_dir)
    la_vega, el_valle = store.incident(run_id, "inc-lavega-2018-01"), store.incident(run_id, "inc-elvalle-2019-03")
    assert la_vega["start"] == "2018-01-15" and la_vega["deaths"] == 7
    assert el_valle["deaths"] is None and el_valle["indicators"] is None


def test_store_earlier_decisions_follow_the_same_pair_into_a_new_run(run_dir, tmp_path):
    """A re-analysis of the same input is a new run with a fresh queue; what reviewers decided on the same
    claim-finding pair in the earlier run is found for the new flag (not copied into it)."""
    store = ReviewStore("sqlite://")
    first = store.load_run(run_dir)
    old = {f["flag_id"]: f["id"] for f in store.flags(first)}
    store.decide(old["c1~f1"], "alice", "reject", note="the wounds fit the exchange", corrected_label="none")
    store.decide(old["c1~f1"], "bob", "accept")
    store.decide(old["c1~f1"], "bob", "uncertain")
    copy = tmp_path / "rerun" / "run-1"
    shutil.copytree(run_dir, copy)
    second = store.load_run(copy)
    new = {f["flag_id"]: f["id"] for f in store.flags(second)}
    earlier = store.earlier_decisions(new["c1~f1"])
    assert {(e["reviewer"], e["status"]) for e in earlier} == {("alice", "rejected"), ("bob", "uncertain")}
    assert all(e["run_id"] == first for e in earlier)
    alice = next(e for e in earlier if e["reviewer"] == "alice")
    assert alice["same_words"] and alice["earlier_source_text"] is None
    assert alice["note"] == "the wounds fit the exchange" and alice["corrected_label"] == "none"
    assert store.current_decisions(second) == {}  # nothing copied into the new run
    assert store.earlier_decisions(old["c1~f1"]) == []  # a run's own decisions are not "earlier"
    other = next(pk for fid, pk in new.items() if fid != "c1~f1")
    assert store.earlier_decisions(other) == []
    store.close()


def test_store_earlier_decisions_survive_a_span_moved_by_a_word(run_dir, tmp_path):
    """A new model that cuts the claim a word shorter still finds the earlier decision, marked as on
    nearby words with the earlier words shown; a claim moved to other words does not."""
    from dissonance.review.models import Flag

    store = ReviewStore("sqlite://")
    first = store.load_run(run_dir)
    old = {f["flag_id"]: f["id"] for f in store.flags(first)}
    store.decide(old["c1~f1"], "alice", "accept", note="head and heart, classic")
    copy = tmp_path / "rerun" / "run-1"
    shutil.copytree(run_dir, copy)
    second = store.load_run(copy)
    new = {f["flag_id"]: f["id"] for f in store.flags(second)}
    with store.session() as session:
        flag = session.get(Flag, new["c1~f1"])
        earlier_words = flag.source_text
        flag.source_end -= len(" in La Vega")
        flag.source_text = flag.source_text[: -len(" in La Vega")]
        session.commit()
    (decision,) = store.earlier_decisions(new["c1~f1"])
    assert decision["reviewer"] == "alice" and decision["status"] == "accepted"
    assert decision["same_words"] is False and decision["earlier_source_text"] == earlier_words
    with store.session() as session:
        flag = session.get(Flag, new["c1~f1"])
        flag.source_start, flag.source_end = flag.source_end + 200, flag.source_end + 260
        session.commit()
    assert store.earlier_decisions(new["c1~f1"]) == []
    store.close()


def test_store_upgrades_a_database_of_the_first_schema_keeping_decisions(tmp_path, run_dir):
    """A review database created before flags carried counter-evidence upgrades in place: its flags and
    the append-only decisions survive, and a new import fills the new column."""
    from alembic import command

    from dissonance.review.store import alembic_config, make_engine

    db = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{db}")
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0001")
    with engine.begin() as connection:
        connection.execute(text("insert into runs (id, input_hash, folder, name, imported_at) "
                                "values (1, 'h', '/old/run', 'old', '2026-11-29 10:00:00')"))
        connection.execute(text("insert into flags (id, run_id, flag_id, label, score, strength_rank, source_id, "
                                "target_id) values (1, 1, 'a~b', 'contradicts', 0.8, 0, 'a', 'b')"))
        connection.execute(text("insert into decisions (id, flag_pk, reviewer, action, status, created_at) "
                                "values (1, 1, 'alice', 'accept', 'accepted', '2026-11-29 10:05:00')"))
    engine.dispose()
    store = ReviewStore(db)  # migrates to the latest revision
    old = store.flag(1)
    assert old["flag_id"] == "a~b" and old["counter_evidence"] is None and old["weight"] is None
    assert [(e["reviewer"], e["status"]) for e in store.history(flag_pk=1)] == [("alice", "accepted")]
    run_id = store.load_run(run_dir)
    with_counter = [f for f in store.flags(run_id) if f.get("counter_evidence")]
    assert [f["flag_id"] for f in with_counter] == ["c6~f5"]
    assert with_counter[0]["counter_evidence"][0]["kind"] == "officers_hurt"
    assert all(f["weight"] is not None and f["confidence"] in (0.9, 0.55) for f in store.flags(run_id))
    store.close()
