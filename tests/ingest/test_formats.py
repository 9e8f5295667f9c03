"""Each supported format is read into InputDocuments with the right fields."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq

from dissonance.ingest import read_collection
from dissonance.labelled.schema import InputDocument

from .conftest import LABELLED_LINE, NEWS_PAGE


def _docs(path, **kw):
    collection = read_collection(path, **kw)
    return {d.id: d for d in collection}, collection.report


def test_formats_mixed_folder_reads_everything_cleanly(mixed):
    docs, report = _docs(mixed, text_column="body", id_column="doc")
    assert report.problems == []
    assert report.complete
    assert all(isinstance(d, InputDocument) for d in docs.values())
    assert dict(report.documents) == {"md": 1, "txt": 1, "html": 1, "jsonl": 2, "csv": 2}
    assert report.total == 7
    assert set(docs) == {"stmt-1", "wire/story", "news", "gold-1", "bare-1", "r-1", "rows-2"}
    for doc in docs.values():
        assert doc.meta["source_path"] and doc.meta["format"]


def test_formats_front_matter_fields_and_meta(mixed):
    docs, _ = _docs(mixed, text_column="body", id_column="doc")
    doc = docs["stmt-1"]
    assert doc.lang == "es" and doc.date == "2021-01-09"
    assert doc.text.startswith("Los fallecidos")  # front matter is not text
    assert "---" not in doc.text
    assert doc.meta["source_type"] == "official"
    assert doc.meta["outlet"] == "Ministerio"
    assert doc.meta["source_path"] == "statement.md" and doc.meta["format"] == "md"
    assert "id" not in doc.meta and "date" not in doc.meta


def test_formats_sidecar_metadata(mixed):
    docs, report = _docs(mixed, text_column="body", id_column="doc")
    doc = docs["wire/story"]
    assert doc.lang == "en"
    assert doc.date == "2021-02-18"  # "18 February 2021" normalised
    assert doc.meta["source_type"] == "media"
    assert doc.meta["url"] == "https://example.org/x"
    assert doc.meta["sidecar"] == "wire/story.meta.yaml"
    assert doc.text == "Officials said about two dozen people died in clashes.\n"
    assert not any("meta.yaml" in d.meta["source_path"] for d in docs.values())  # sidecar is no document
    assert report.skipped == []


def test_formats_header_lines_are_metadata_when_every_key_is_known(write, tmp_path):
    """`Title:` / `Fecha:` lines opening a text file are metadata (the date normalised, the outlet kept
    for the source-type model) and not text; a first line that only looks like one stays text."""
    write("h/ruling.txt", "Título: Sentencia del caso Marina Kue\nFecha: 18 de julio de 2016\nFuente: Tribunal\n\n"
                          "VISTOS: los autos del proceso.\n")
    write("h/notes.txt", "Caracas: the police said six men died.\n\nResidents disagree.\n")
    write("h/front.md", "---\ndate: 2021-01-09\n---\nTitle: not metadata here\n\nBody.\n")
    docs, report = _docs(tmp_path / "h")
    assert report.problems == []
    ruling = docs["ruling"]
    assert ruling.date == "2016-07-18" and ruling.text == "VISTOS: los autos del proceso.\n"
    assert ruling.meta["title"] == "Sentencia del caso Marina Kue" and ruling.meta["outlet"] == "Tribunal"
    assert docs["notes"].text.startswith("Caracas: the police said") and docs["notes"].date is None
    assert docs["front"].date == "2021-01-09" and docs["front"].text.startswith("Title: not metadata")


def test_formats_sidecar_overrides_front_matter(write, tmp_path):
    write("c/a.md", "---\nid: from-front\nlang: en\nauthor: Front\n---\nBody.\n")
    write("c/a.meta.json", json.dumps({"id": "from-sidecar", "outlet": "Side"}))
    docs, report = _docs(tmp_path / "c")
    assert report.problems == []
    doc = docs["from-sidecar"]
    assert doc.lang == "en" and doc.meta["author"] == "Front" and doc.meta["outlet"] == "Side"


def test_formats_html_main_text_without_boilerplate(mixed):
    docs, _ = _docs(mixed, text_column="body", id_column="doc")
    doc = docs["news"]
    assert "se llevaron a tres jóvenes" in doc.text
    assert "nadie de la fiscalía la ha entrevistado" in doc.text
    for boilerplate in ("Menú de política", "Suscríbase", "Lo más leído", "béisbol", "Todos los derechos", "privacidad"):
        assert boilerplate not in doc.text
    assert doc.text.startswith("Vecinos denuncian allanamientos")  # the headline
    assert doc.meta["title"] == "Vecinos denuncian allanamientos"
    assert doc.meta["outlet"] == "Diario de Prueba"
    assert doc.meta["extraction"] == "main"
    assert doc.date == "2021-01-12"
    assert doc.lang == "es"  # from <html lang="es-VE">


def test_formats_html_without_main_content_falls_back(write, tmp_path, monkeypatch):
    import trafilatura

    from dissonance.ingest import html_pages

    real = trafilatura.bare_extraction
    calls = []

    def no_main_content(html, **kw):
        calls.append(kw["favor_recall"])
        return None if not kw["favor_recall"] else real(html, **kw)

    monkeypatch.setattr(html_pages.trafilatura, "bare_extraction", no_main_content)
    write("h/list.html", "<html><body><ul><li>Uno</li><li>Dos</li></ul></body></html>")
    docs, report = _docs(tmp_path / "h")
    assert calls == [False, True]
    assert "Uno" in docs["list"].text and "Dos" in docs["list"].text
    assert docs["list"].meta["extraction"] == "recall"
    assert report.problems == []


def test_formats_html_last_resort_is_visible_text(write, tmp_path, monkeypatch):
    from dissonance.ingest import html_pages

    monkeypatch.setattr(html_pages.trafilatura, "bare_extraction", lambda html, **kw: None)
    write("h/page.html", "<html><head><style>p{}</style></head><body><p>Visible  words</p><script>hidden()</script></body></html>")
    docs, report = _docs(tmp_path / "h")
    assert docs["page"].text == "Visible words"
    assert docs["page"].meta["extraction"] == "text_content"
    assert report.problems == []


def test_formats_html_with_no_text_is_kept_empty_and_reported(write, tmp_path):
    write("h/blank.html", "<html><head><title></title></head><body><script>var a = 1;</script></body></html>")
    docs, report = _docs(tmp_path / "h")
    assert docs["blank"].meta["ingest_status"] == "empty"
    assert [str(p) for p in report.problems] == ["blank.html: no text could be extracted from the HTML"]


def test_formats_jsonl_gold_fields_ignored(mixed):
    docs, _ = _docs(mixed, text_column="body", id_column="doc")
    doc = docs["gold-1"]
    assert doc.text == LABELLED_LINE["text"]
    assert doc.lang == "en" and doc.date == "2021-01-09"
    dumped = doc.to_json()
    for gold in ("source_type", "claims", "findings", "incidents", "relations"):
        assert gold not in dumped
    assert doc.meta == {"outlet": "Test", "source_path": "set.jsonl", "format": "jsonl"}
    assert docs["bare-1"].lang is None


def test_formats_csv_custom_columns(mixed):
    docs, _ = _docs(mixed, text_column="body", id_column="doc")
    first, second = docs["r-1"], docs["rows-2"]  # second row has an empty id cell
    assert first.text == "First row text." and first.lang == "en"
    assert first.meta == {"outlet": "Wire", "source_row": 1, "source_path": "rows.csv", "format": "csv"}
    assert second.text == "Second row text." and second.lang == "es"


def test_formats_csv_without_id_column_derives_row_ids(write, tmp_path):
    write("t/notes.csv", "text;date\nUno;2021-01-06\nDos;17/01/2021 \n")  # semicolon export
    docs, report = _docs(tmp_path / "t")
    assert report.problems == []
    assert list(docs) == ["notes-1", "notes-2"]
    assert docs["notes-2"].date == "2021-01-17"


def test_formats_csv_quoted_multiline_cells(write, tmp_path):
    write("t/q.csv", 'id,text\na,"line one\nline two, with comma"\nb,plain\n')
    docs, report = _docs(tmp_path / "t")
    assert docs["a"].text == "line one\nline two, with comma"
    assert docs["b"].meta["source_row"] == 2
    assert report.problems == []


def test_formats_parquet_custom_columns(tmp_path):
    table = pa.table(
        {
            "uid": ["p-1", "p-2", None],
            "content": ["Primer texto.", "Second text.", "Third text."],
            "lang": ["es", "en", None],
            "date": ["2021-01-10", None, "10 January 2021"],
            "score": [1.5, None, 3.0],
        }
    )
    pq.write_table(table, tmp_path / "docs.parquet")
    docs, report = _docs(tmp_path / "docs.parquet", text_column="content", id_column="uid")
    assert report.problems == []
    assert list(docs) == ["p-1", "p-2", "docs-3"]
    assert docs["p-1"].lang == "es" and docs["p-1"].date == "2021-01-10"
    assert docs["p-1"].meta == {"score": 1.5, "source_row": 1, "source_path": "docs.parquet", "format": "parquet"}
    assert "score" not in docs["p-2"].meta  # missing cells are not metadata
    assert docs["docs-3"].date == "2021-01-10"
    assert dict(report.documents) == {"parquet": 3}


def test_formats_single_file_is_a_collection(write, tmp_path):
    path = write("one/page.html", NEWS_PAGE)
    docs, report = _docs(path)
    assert list(docs) == ["page"]
    assert docs["page"].meta["source_path"] == "page.html"


def test_formats_utf8_bom_and_utf16(write, tmp_path):
    write("e/bom.txt", b"\xef\xbb\xbf---\nlang: es\n---\nCami\xc3\xb3n\n")
    write("e/wide.txt", "Acción policial\n".encode("utf-16"))
    docs, report = _docs(tmp_path / "e")
    assert report.problems == []
    assert docs["bom"].text == "Camión\n" and docs["bom"].lang == "es"
    assert docs["wide"].text == "Acción policial\n"
