"""Word (.docx) files: paragraphs and table rows in document order; broken and empty files reported."""

from __future__ import annotations

import datetime as dt

import docx

from dissonance.ingest import read_collection


def _write_report(path):
    document = docx.Document()
    document.core_properties.title = "Informe preliminar: operativo del 14 de marzo"
    document.core_properties.author = "Comité de Familiares"
    document.core_properties.created = dt.datetime(2024, 6, 1, 9, 30)
    document.add_heading("Informe preliminar", level=1)
    document.add_paragraph("La policía informó que los tres jóvenes murieron en un enfrentamiento armado.")
    table = document.add_table(rows=2, cols=3)
    for cell, value in zip(table.rows[0].cells, ("Víctima", "Heridas", "Distancia")):
        cell.text = value
    for cell, value in zip(table.rows[1].cells, ("J. P., 17 años", "entrada en la nuca", "a quemarropa")):
        cell.text = value
    document.add_paragraph("Los familiares niegan que hubiera un enfrentamiento.")
    document.save(path)


def test_docx_paragraphs_and_tables_in_order_with_properties(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    _write_report(folder / "informe.docx")
    collection = read_collection(folder)
    (doc,) = list(collection)
    assert collection.report.problems == []
    assert doc.text.split("\n") == [
        "Informe preliminar",
        "La policía informó que los tres jóvenes murieron en un enfrentamiento armado.",
        "Víctima | Heridas | Distancia",
        "J. P., 17 años | entrada en la nuca | a quemarropa",
        "Los familiares niegan que hubiera un enfrentamiento.",
    ]
    assert doc.meta["title"].startswith("Informe preliminar") and doc.meta["author"] == "Comité de Familiares"
    assert doc.meta["docx_created"].startswith("2024-06-01") and doc.date is None
    assert doc.meta["extraction"] == "docx_body"


def test_broken_and_empty_word_files_are_reported(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    docx.Document().save(folder / "blank.docx")
    collection = read_collection(folder)
    docs = {d.id: d for d in collection}
    assert set(docs) == {"blank"} and docs["blank"].meta["ingest_status"] == "empty"
    report = collection.report
    assert any(s.file == "broken.docx" and s.reason.startswith("unreadable Word file") for s in report.skipped)
    assert any(str(p).startswith("blank.docx:") and "no text in the Word file" in str(p) for p in report.problems)
