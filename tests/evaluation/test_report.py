"""Report writers and deltas take data; doctests of the evaluation modules run."""

import doctest
import importlib
import json

import pytest
from rich.console import Console

from dissonance.evaluation import compute_deltas, render_table, score, write_report
from dissonance.evaluation.report import confusion_labels, git_commit, make_stamp

from .builders import claim, doc


@pytest.mark.parametrize("module", ["matching", "counts", "incidents", "deltas"])
def test_report_module_doctests(module):
    mod = importlib.import_module(f"dissonance.evaluation.{module}")
    result = doctest.testmod(mod)
    assert result.attempted > 0 and result.failed == 0


def test_report_deltas_mirror_current_metrics():
    current = {"a": {"p": 0.5, "n": 4}, "b": None, "c": {"x": 1.0}, "d": 3}
    baseline = {"a": {"p": 0.75, "n": 2}, "b": {"p": 1.0}, "d": 3}
    assert compute_deltas(current, baseline) == {"a": {"p": -0.25, "n": 2}, "b": None, "c": {"x": None}, "d": 0}


def test_report_write_report_keeps_stamp_out_of_metrics(tmp_path):
    ev = score([doc("d", claims=[claim("c", 0, 5, "crossfire")])], [doc("d")])
    paths = write_report(ev, tmp_path / "r", stamp=make_stamp("g.jsonl", "p.jsonl"))
    names = sorted(p.name for p in paths)
    assert names == sorted([
        "metrics.json", "run.json", "claims_per_type.csv", "findings_per_type.csv", "relations.csv",
        "attributes.csv", "claims_confusion.png", "findings_confusion.png", "relations_confusion.png",
    ])
    assert json.loads((tmp_path / "r" / "metrics.json").read_text()) == ev.metrics
    # an empty table still has its header
    assert (tmp_path / "r" / "findings_per_type.csv").read_text().strip() == "type,p,r,f1,tp,pred,gold"


def test_report_confusion_labels_in_format_order_none_last():
    confusion = {("crossfire", "armed_confrontation"): 1, ("(none)", "other"): 2}
    assert confusion_labels(confusion, ["armed_confrontation", "crossfire", "other"]) == [
        "armed_confrontation", "crossfire", "other", "(none)",
    ]


def test_report_table_renders_headlines_and_deltas():
    ev = score([doc("d", claims=[claim("c", 0, 5)])], [doc("d", claims=[claim("p", 0, 5)])])
    deltas = compute_deltas(ev.metrics, {**ev.metrics, "claims": {"detection": {"f1": 0.5}}})
    console = Console(width=120, record=True)
    console.print(render_table(ev.metrics, deltas))
    text = console.export_text()
    for label in ("claims detection", "findings typed", "attr polarity", "source_type", "incidents", "relations contradicts"):
        assert label in text
    assert "+0.5000" in text


def test_report_git_commit_outside_a_repository(tmp_path):
    assert git_commit(tmp_path) is None
    repo = tmp_path / "repo"
    (repo / ".git" / "refs" / "heads").mkdir(parents=True)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (repo / ".git" / "packed-refs").write_text("# pack-refs\nabc123 refs/heads/main\n")
    assert git_commit(repo / "src") == "abc123"
    (repo / ".git" / "refs" / "heads" / "main").write_text("def456\n")
    assert git_commit(repo) == "def456"
