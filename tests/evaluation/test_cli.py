"""`dissonance eval` end to end through Typer's CliRunner, in temp dirs."""

import json

import pytest
from typer.testing import CliRunner

from dissonance.cli import app
from dissonance.labelled import write_set

from .builders import claim, doc, finding, rel

KEYS = ["claims", "findings", "attributes", "source_type", "missing_docs", "incidents_b3", "relations"]


@pytest.fixture
def sets(tmp_path):
    gold = [
        doc("d1", claims=[claim("c1", 0, 10, "crossfire", incident="A")],
            findings=[finding("f1", 20, 30, "gunshot_wound", incident="A", range="close")],
            relations=[rel("c1", "f1", "contradicts")]),
        doc("d2", claims=[claim("c2", 0, 10, "execution_allegation", incident="A")]),
    ]
    pred = [
        doc("d1", claims=[claim("p1", 0, 10, "crossfire", incident="X")],
            findings=[finding("q1", 20, 30, "torture", incident="X", range="close")],
            relations=[rel("q1", "p1", "contradicts")]),
        doc("d2", claims=[claim("p2", 0, 10, "execution_allegation")]),
    ]
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    write_set(gold, gold_path)
    write_set(pred, pred_path)
    return gold_path, pred_path


def run(*args):
    result = CliRunner().invoke(app, ["eval", *map(str, args)])
    return result


def test_cli_eval_writes_metrics_tables_and_plots(sets, tmp_path):
    gold, pred = sets
    out = tmp_path / "out"
    result = run("--gold", gold, "--pred", pred, "--out", out)
    assert result.exit_code == 0, result.output
    assert "claims detection" in result.stdout
    metrics = json.loads((out / "metrics.json").read_text())
    assert list(metrics) == KEYS
    assert metrics["claims"]["detection"]["f1"] == 1.0
    assert metrics["findings"]["typed"]["tp"] == 0
    assert metrics["relations"]["contradicts"]["tp"] == 1
    for name in ("claims_per_type", "findings_per_type", "relations", "attributes"):
        assert (out / f"{name}.csv").read_text().count("\n") >= 2
    assert (out / "claims_per_type.csv").read_text().splitlines()[0] == "type,p,r,f1,tp,pred,gold"
    for kind in ("claims", "findings", "relations"):
        assert (out / f"{kind}_confusion.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    stamp = json.loads((out / "run.json").read_text())
    assert {"time", "commit", "version", "gold", "pred"} <= set(stamp)
    assert stamp["gold"] == str(gold)
    assert not (out / "deltas.json").exists()


def test_cli_eval_without_out_writes_nothing(sets, tmp_path):
    gold, pred = sets
    before = set(tmp_path.iterdir())
    result = run("--gold", gold, "--pred", pred)
    assert result.exit_code == 0, result.output
    assert set(tmp_path.iterdir()) == before


def test_cli_eval_baseline_writes_deltas(sets, tmp_path):
    gold, pred = sets
    first, second = tmp_path / "first", tmp_path / "second"
    assert run("--gold", gold, "--pred", pred, "--out", first).exit_code == 0
    old = json.loads((first / "metrics.json").read_text())
    old["claims"]["detection"]["f1"] = 0.75
    old["incidents_b3"] = None
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(old))
    result = run("--gold", gold, "--pred", pred, "--out", second, "--baseline", baseline)
    assert result.exit_code == 0, result.output
    assert "Δ" in result.stdout and "+0.2500" in result.stdout
    deltas = json.loads((second / "deltas.json").read_text())
    assert deltas["claims"]["detection"]["f1"] == 0.25
    assert deltas["claims"]["typed"]["f1"] == 0
    assert deltas["incidents_b3"]["f1"] is None   # no baseline number to compare with
    assert json.loads((second / "run.json").read_text())["baseline"] == str(baseline)


def test_cli_eval_skips_a_malformed_prediction_line(sets, tmp_path):
    gold, pred = sets
    lines = pred.read_text().splitlines()
    pred.write_text("\n".join([lines[0], "{not json", lines[1]]) + "\n")
    out = tmp_path / "out"
    result = run("--gold", gold, "--pred", pred, "--out", out)
    assert result.exit_code == 0, result.output
    assert f"{pred}:2: record: invalid JSON" in result.stderr
    assert "1 record(s) skipped" in result.stderr
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["missing_docs"] == 0
    assert metrics["claims"]["detection"]["tp"] == 2


def test_cli_eval_skips_an_invalid_record_and_counts_its_document_missing(sets, tmp_path):
    gold, pred = sets
    lines = pred.read_text().splitlines()
    bad = json.loads(lines[1])
    bad["claims"][0]["type"] = "ambush"
    pred.write_text("\n".join([lines[0], json.dumps(bad)]) + "\n")
    out = tmp_path / "out"
    result = run("--gold", gold, "--pred", pred, "--out", out)
    assert result.exit_code == 0, result.output
    assert f"{pred}:2: claims[0].type: unknown value 'ambush'" in result.stderr
    assert json.loads((out / "metrics.json").read_text())["missing_docs"] == 1


def test_cli_eval_strict_stops_on_a_problem(sets, tmp_path):
    gold, pred = sets
    with pred.open("a") as fh:
        fh.write("{not json\n")
    out = tmp_path / "out"
    result = run("--gold", gold, "--pred", pred, "--out", out, "--strict")
    assert result.exit_code == 1
    assert f"{pred}:3: record: invalid JSON" in result.stderr
    assert not out.exists()


def test_cli_eval_strict_passes_clean_sets(sets):
    gold, pred = sets
    assert run("--gold", gold, "--pred", pred, "--strict").exit_code == 0


def test_cli_eval_rejects_an_unreadable_baseline(sets, tmp_path):
    gold, pred = sets
    baseline = tmp_path / "baseline.json"
    baseline.write_text("not json")
    result = run("--gold", gold, "--pred", pred, "--baseline", baseline)
    assert result.exit_code == 2
