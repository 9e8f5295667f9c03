"""Ids are stable across reads and derived from where documents live."""

from __future__ import annotations

from dissonance.ingest import read_collection
from dissonance.ingest.ids import IdRegistry, id_from_path, id_from_row


def test_ids_same_on_second_read(mixed):
    collection = read_collection(mixed, text_column="body", id_column="doc")
    first = [d.id for d in collection]
    second = [d.id for d in read_collection(mixed, text_column="body", id_column="doc")]
    third = [d.id for d in collection]  # iterating again is a fresh pass
    assert first == second == third
    assert len(set(first)) == len(first)


def test_ids_derived_from_relative_path(write, tmp_path):
    write("root/la-vega/amnesty-2021.txt", "Text.")
    write("root/la-vega/notes.v2.md", "Text.")
    ids = [d.id for d in read_collection(tmp_path / "root")]
    assert ids == ["la-vega/amnesty-2021", "la-vega/notes.v2"]


def test_ids_duplicate_suffixes_are_deterministic(write, tmp_path):
    for name in ("b.txt", "a.txt", "a.md", "c/a.txt"):
        write(f"root/{name}", name)
    write("root/d.md", "---\nid: a~2\n---\ntaken\n")  # a suffix someone already uses
    runs = [[(d.id, d.meta["source_path"]) for d in read_collection(tmp_path / "root")] for _ in range(2)]
    assert runs[0] == runs[1]
    assert runs[0] == [
        ("a", "a.md"),
        ("a~2", "a.txt"),
        ("b", "b.txt"),
        ("a~2~2", "d.md"),  # its given id was taken by a renamed duplicate
        ("c/a", "c/a.txt"),
    ]


def test_ids_helpers():
    assert id_from_path("la-vega/amnesty-2021.txt") == "la-vega/amnesty-2021"
    assert id_from_path("README") == "README"
    assert id_from_row("exports/rows.csv", 3) == "exports/rows-3"
    registry = IdRegistry()
    assert registry.claim("x", "f1") == ("x", None)
    assert registry.claim("x", "f2") == ("x~2", "f1")
    assert registry.claim("x", "f3") == ("x~3", "f1")


def test_ids_report_before_iteration_runs_a_pass(mixed):
    collection = read_collection(mixed, text_column="body", id_column="doc")
    report = collection.report  # nothing iterated yet: reads to fill the report
    assert report.complete and report.total == 7
