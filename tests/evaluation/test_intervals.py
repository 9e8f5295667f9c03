"""Bootstrap intervals by incident: point estimates equal the plain scores, pairs compare on the same resamples."""

import json

import numpy as np
from typer.testing import CliRunner

from dissonance.cli import app
from dissonance.evaluation import score
from dissonance.evaluation.intervals import bootstrap_intervals, incident_groups, intervals
from dissonance.labelled import write_set

from .builders import claim, doc, finding, rel


def _gold():
    return [
        doc("a1", claims=[claim("a1c", 0, 10, "crossfire", incident="A")],
            findings=[finding("a1f", 20, 30, "gunshot_wound", incident="A")], relations=[rel("a1c", "a1f", "contradicts")]),
        doc("a2", claims=[claim("a2c", 0, 10, "execution_allegation", incident="A")]),
        doc("b1", claims=[claim("b1c", 0, 10, "armed_confrontation", incident="B"),
                          claim("b1d", 40, 60, "casualty_count", incident="B")]),
        doc("b2", findings=[finding("b2f", 0, 12, "restraint", incident="B")]),
        doc("z"),  # a distractor: no gold span
    ]


def _pred(hit_b: bool):
    return [
        doc("a1", claims=[claim("p1", 0, 10, "crossfire")], findings=[finding("q1", 20, 30, "gunshot_wound")],
            relations=[rel("p1", "q1", "contradicts")]),
        doc("a2", claims=[claim("p2", 0, 10, "other")]),
        doc("b1", claims=[claim("p3", 0, 10, "armed_confrontation")] if hit_b else [claim("p3", 70, 90, "other")]),
        doc("b2", findings=[finding("q2", 0, 12, "restraint")]),
        doc("z",
            claims=[claim("p4", 0, 20, "other")]),
    ]


def test_groups_follow_the_gold_incident_and_lone_documents_stand_alone():
    groups = incident_groups(_gold())
    assert groups == {"A": ["a1", "a2"], "B": ["b1", "b2"], "doc:z": ["z"]}


def test_point_estimates_equal_the_plain_scores():
    gold, pred = _gold(), _pred(hit_b=True)
    spread = intervals(gold, pred, samples=200)
    metrics = score(gold, pred).metrics
    assert spread["incidents"] == 3
    assert spread["metrics"]["claims detection"]["f1"] == round(metrics["claims"]["detection"]["f1"], 4)
    assert spread["metrics"]["claims typed"]["f1"] == round(metrics["claims"]["typed"]["f1"], 4)
    assert spread["metrics"]["relations contradicts"]["f1"] == 1.0
    for row in spread["metrics"].values():
        assert row["low"] <= row["f1"] <= row["high"]


def test_paired_difference_is_zero_against_itself_and_positive_against_a_worse_run():
    gold = _gold()
    same = intervals(gold, _pred(True), _pred(True), samples=300)["metrics"]["claims detection"]
    assert same["difference"] == same["difference_low"] == same["difference_high"] == 0.0
    assert same["share_better"] == 0.0
    better = intervals(gold, _pred(True), _pred(False), samples=300)["metrics"]["claims detection"]
    assert better["difference"] > 0 and better["difference_low"] >= 0 and better["share_better"] > 0.5


def test_resampling_is_seeded():
    counts = np.array([[[1, 2, 2]] * 6, [[0, 1, 3]] * 6, [[2, 2, 2]] * 6])
    assert bootstrap_intervals(counts, seed=3) == bootstrap_intervals(counts, seed=3)


def test_cli_writes_intervals_and_needs_resamples_for_pairs(tmp_path):
    gold, pred, other = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl", tmp_path / "other.jsonl"
    write_set(_gold(), gold)
    write_set(_pred(True), pred)
    write_set(_pred(False), other)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--pred", str(pred), "--out", str(out),
                                      "--intervals", "200", "--paired", str(other)])
    assert result.exit_code == 0, result.output
    assert "95% intervals" in result.stdout and "other.jsonl" in result.stdout
    saved = json.loads((out / "intervals.json").read_text())
    assert saved["samples"] == 200 and saved["paired"] == str(other)
    assert saved["metrics"]["claims detection"]["difference"] > 0
    assert list(json.loads((out / "metrics.json").read_text())) == [
        "claims", "findings", "attributes", "source_type", "missing_docs", "incidents_b3", "relations"]
    bad = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--pred", str(pred), "--paired", str(other)])
    assert bad.exit_code != 0 and "--intervals" in bad.output
