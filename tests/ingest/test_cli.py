"""`dissonance ingest` through Typer's CliRunner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from dissonance.cli import app
from dissonance.labelled.io import iter_documents

from .conftest import SAMPLES

runner = CliRunner()


def test_cli_ingest_samples_summary():
    result = runner.invoke(app, ["ingest", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "documents per format" in out and "documents per language" in out
    assert "9 documents (0 empty)" in out
    assert "README.md" in out and "collection README" in out
    assert "0 problem(s)" in out


def test_cli_ingest_writes_analysis_input(tmp_path):
    out = tmp_path / "out" / "la-vega.jsonl"
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 9 documents" in result.stdout
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 9
    assert all(set(r) <= {"id", "text", "lang", "date", "meta"} for r in records)
    docs = list(iter_documents(out, gold=False))  # the format's own reader accepts it
    assert [d.id for d in docs] == [r["id"] for r in records]
    testimony = next(r for r in records if r["id"] == "testimony-mother-2021-01-20")
    assert "mañana" in testimony["text"]
    assert not list(out.parent.glob(".*.part"))


def test_cli_ingest_round_trips_its_own_output(tmp_path):
    out = tmp_path / "first.jsonl"
    assert runner.invoke(app, ["ingest", str(SAMPLES), "--out", str(out)]).exit_code == 0
    again = tmp_path / "again.jsonl"
    result = runner.invoke(app, ["ingest", str(out), "--out", str(again)])
    assert result.exit_code == 0, result.output
    first = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    second = [json.loads(x) for x in again.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in first] == [r["id"] for r in second]
    assert second[0]["meta"]["origin"]["source_path"] == first[0]["meta"]["source_path"]


def test_cli_ingest_lists_problems_and_exits_0(write, tmp_path):
    write("c/ok.txt", "fine")
    write("c/empty.txt", "")
    write("c/scan.pdf", b"%PDF")  # a truncated PDF: reported and skipped
    write("c/memo.odt", b"PK\x03\x04")
    result = runner.invoke(app, ["ingest", str(tmp_path / "c")])
    assert result.exit_code == 0
    assert "empty.txt: empty document" in result.stderr
    assert "scan.pdf: unreadable PDF" in result.stderr
    assert "memo.odt: unsupported file type (.odt)" in result.stderr
    assert "2 documents (1 empty), 2 file(s) skipped" in result.stdout


def test_cli_ingest_strict_exits_1_and_writes_nothing(write, tmp_path):
    write("c/a.txt", "fine")
    write("c/b.txt", "   ")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["ingest", str(tmp_path / "c"), "--strict", "--out", str(out)])
    assert result.exit_code == 1
    assert "b.txt: whitespace-only document" in result.stderr
    assert not out.exists() and not list(tmp_path.glob(".*.part"))


def test_cli_ingest_table_columns(write, tmp_path):
    path = write("t/rows.csv", "uid,body\nx-1,Texto uno\nx-2,Texto dos\n")
    out = tmp_path / "rows.jsonl"
    result = runner.invoke(
        app, ["ingest", str(path), "--text-column", "body", "--id-column", "uid", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["x-1", "x-2"]


def test_cli_ingest_missing_column_named(write, tmp_path):
    path = write("t/rows.csv", "uid,body\nx-1,Texto\n")
    result = runner.invoke(app, ["ingest", str(path)])
    assert result.exit_code == 0
    assert "rows.csv: missing text column 'text'" in result.stderr
    result = runner.invoke(app, ["ingest", str(path), "--strict"])
    assert result.exit_code == 1
    assert "missing text column 'text'" in result.stderr
