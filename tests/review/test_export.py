"""Review decisions exported as a labelled set, read back with `read_set`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dissonance.cli import app as cli
from dissonance.labelled import read_set
from dissonance.review import load_run
from dissonance.review.export import export_reviews, reviewed_set
from dissonance.review.store import ReviewStore


def _relations(documents):
    return {(r.source, r.target): r for d in documents for r in d.relations}


@pytest.fixture
def decided(review):
    s, pk = review.store, review.pk
    s.decide(pk["c1~f1"], "alice", "accept", note="clear pattern of head and chest wounds")
    s.decide(pk["c1~f2"], "alice", "accept", corrected_label="supports")
    s.decide(pk["c2~f3"], "alice", "reject")
    s.decide(pk["c1~f4"], "alice", "reject", corrected_label="supports")
    s.decide(pk["c6~f5"], "alice", "uncertain")
    s.decide(pk["c6~f7"], "alice", "accept", corrected_label="none")
    s.decide(pk["c1~c4"], "alice", "accept")
    return review


def test_export_reads_back_without_problems(decided, tmp_path):
    out = tmp_path / "reviewed.jsonl"
    summary = export_reviews(decided.store, decided.run_id, out)
    documents, report = read_set(out)
    assert report.problems == [] and report.read == summary["documents"]
    assert {d.id for d in documents} == {"doc-official-en", "doc-autopsia-es", "doc-ngo-en", "doc-prensa-es",
                                         "doc-ballistics-en"}
    rels = _relations(documents)
    assert {k: r.label for k, r in rels.items()} == {
        ("c1", "f1"): "contradicts",   # accepted: keeps its label
        ("c1", "f2"): "supports",      # accepted with a corrected label
        ("c1", "f4"): "supports",      # rejected, corrected label given
        ("c1", "c4"): "contradicts",   # claim-claim, accepted
    }  # c2~f3 rejected, c6~f5 uncertain, c6~f7 corrected to none: left out
    assert "Reviewer note (alice): clear pattern of head and chest wounds" in rels[("c1", "f1")].rationale
    assert rels[("c1", "f1")].rationale.startswith("Wounds grouped on head and chest")
    assert summary["relations"] == 4 and summary["left_out"] == 3 and summary["flags_reviewed"] == 7
    official = next(d for d in documents if d.id == "doc-official-en")
    assert {c.id for c in official.claims} == {"c1", "c2", "c3"} and len(official.relations) == 4
    assert official.claims[0].speaker == "The Interior Ministry" and official.claims[0].incident == "inc-lavega-2018-01"
    assert [i.id for i in official.incidents] == ["inc-lavega-2018-01"]
    autopsy = next(d for d in documents if d.id == "doc-autopsia-es")
    assert autopsy.lang == "es" and autopsy.source_type == "forensic"
    assert autopsy.findings[0].body_regions == ["head", "chest"]
    raw = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert "_run" not in json.dumps(raw)  # no run-only fields leak into the set


def test_export_policies_and_reviewer(review, tmp_path):
    s, pk = review.store, review.pk
    s.decide(pk["c1~f1"], "alice", "accept")
    s.decide(pk["c1~f1"], "bob", "reject")
    s.decide(pk["c1~f1"], "carol", "accept", note="agree with alice")
    s.decide(pk["c1~f2"], "alice", "accept", corrected_label="supports")
    s.decide(pk["c1~f2"], "bob", "accept")

    latest, _ = reviewed_set(s, review.run_id, policy="latest")
    assert {k: r.label for k, r in _relations(latest).items()} == {("c1", "f1"): "contradicts", ("c1", "f2"): "contradicts"}

    majority, summary = reviewed_set(s, review.run_id, policy="majority")
    rels = _relations(majority)
    assert {k: r.label for k, r in rels.items()} == {("c1", "f1"): "contradicts"}  # c1~f2: a 1-1 tie, left out
    assert "Reviewer note (carol): agree with alice" in rels[("c1", "f1")].rationale
    assert summary["left_out"] == 1

    bob_only, _ = reviewed_set(s, review.run_id, reviewer="bob")
    assert {k: r.label for k, r in _relations(bob_only).items()} == {("c1", "f2"): "contradicts"}

    with pytest.raises(ValueError):
        reviewed_set(s, review.run_id, policy="loudest")


def test_export_undone_decision_is_not_exported(review):
    s, pk = review.store, review.pk
    s.decide(pk["c1~f1"], "alice", "accept")
    s.undo("alice")
    documents, summary = reviewed_set(s, review.run_id)
    assert documents == [] and summary["relations"] == 0


def test_export_cli_from_run_folder_and_db(run_dir, tmp_path):
    run_id = load_run(run_dir)  # RUN/../dissonance.db
    db = run_dir.parent / "dissonance.db"
    store = ReviewStore(db)
    pk = {f["flag_id"]: f["id"] for f in store.flags(run_id)}
    store.decide(pk["c6~f5"], "alice", "accept", note="nape wounds")
    store.decide(pk["c7~f6"], "alice", "accept")
    store.close()
    runner = CliRunner()
    out = tmp_path / "set.jsonl"
    result = runner.invoke(cli, ["export-reviews", str(run_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 relations" in result.output
    documents, report = read_set(out)
    assert report.ok and {k: r.label for k, r in _relations(documents).items()} == {
        ("c6", "f5"): "contradicts", ("c7", "f6"): "contradicts"}

    out2 = tmp_path / "set2.jsonl"
    result = runner.invoke(cli, ["export-reviews", str(db), "--out", str(out2), "--reviewer", "alice",
                                 "--policy", "majority"])
    assert result.exit_code == 0, result.output
    assert out2.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")

    # the exported set is a gold set `dissonance eval` reads
    result = runner.invoke(cli, ["eval", "--gold", str(out), "--pred", str(run_dir / "predictions.jsonl"),
                                 "--out", str(tmp_path / "eval")])
    assert result.exit_code == 0, result.output
    metrics = json.loads((tmp_path / "eval" / "metrics.json").read_text())
    assert metrics["relations"]["contradicts"]["gold"] == 2 and metrics["relations"]["contradicts"]["tp"] == 2

    bad = runner.invoke(cli, ["export-reviews", str(db), "--out", str(out2), "--policy", "loudest"])
    assert bad.exit_code == 2


def test_cli_export_reviews_writes_the_reviewed_linking(run_dir, tmp_path):
    from dissonance.incidents.given import read_linking

    run_id = load_run(run_dir)
    store = ReviewStore(run_dir.parent / "dissonance.db")
    store.place_document(run_id, "doc-ngo-en", None, "alice", note="a different operation")
    store.close()
    runner = CliRunner()
    assert runner.invoke(cli, ["export-reviews", str(run_dir)]).exit_code == 2  # nothing asked for
    linking = tmp_path / "linking.csv"
    result = runner.invoke(cli, ["export-reviews", str(run_dir), "--linking", str(linking)])
    assert result.exit_code == 0, result.output
    assert "linking of 6 documents, 1 placed by reviewers" in result.output
    given = read_linking(linking).incidents
    assert given["doc-ngo-en"] is None and given["doc-official-en"] == "inc-lavega-2018-01" and len(given) == 6
