"""Broken and doubtful inputs are reported, counted and listed, never dropped silently."""

from __future__ import annotations

import json

import pytest

from dissonance.ingest import IngestError, read_collection


def _read(path, **kw):
    collection = read_collection(path, **kw)
    docs = {d.id: d for d in collection}
    return docs, collection.report


def test_problems_bad_jsonl_line_reported_with_file_and_line(write, tmp_path):
    write(
        "c/set.jsonl",
        json.dumps({"id": "a", "text": "one"}) + "\n{not json\n" + json.dumps({"id": "c"}) + "\n"
        + json.dumps({"id": "d", "text": "four", "date": "yesterday"}) + "\n",
    )
    docs, report = _read(tmp_path / "c")
    assert list(docs) == ["a", "d"]  # a date that cannot be read costs the date, not the document
    assert docs["d"].date is None and docs["d"].meta["date_raw"] == "yesterday"
    lines = report.lines()
    assert lines[0].startswith("set.jsonl:2: record: invalid JSON")
    assert "set.jsonl:3: text: missing required field" in lines
    assert any(line.startswith("set.jsonl:4: date: unparseable date 'yesterday'") for line in lines)
    assert report.records_skipped == 2
    assert dict(report.documents) == {"jsonl": 2}


def test_problems_missing_csv_column_names_file_and_column(write, tmp_path):
    write("c/table.csv", "id,body\n1,hello\n")
    docs, report = _read(tmp_path / "c", text_column="content")
    assert docs == {}
    (problem,) = report.problems
    assert problem.file == "table.csv"
    assert "'content'" in problem.message and "'body'" in problem.message
    assert [s.file for s in report.skipped] == ["table.csv"]


def test_problems_missing_csv_column_strict_raises(write, tmp_path):
    path = write("c/table.csv", "id,body\n1,hello\n")
    with pytest.raises(IngestError, match=r"table\.csv: missing text column 'content'"):
        list(read_collection(path, text_column="content", strict=True))


def test_problems_missing_custom_id_column_falls_back_to_rows(write, tmp_path):
    write("c/table.csv", "text\nhello\n")
    docs, report = _read(tmp_path / "c", id_column="uid")
    assert list(docs) == ["table-1"]
    assert report.lines() == ["table.csv: uid: missing id column 'uid'; ids derived from row numbers"]


def test_problems_empty_csv_cells_reported_per_row(write, tmp_path):
    write("c/t.csv", "id,text\na,fine\nb,\nc,   \n")
    docs, report = _read(tmp_path / "c")
    assert list(docs) == ["a", "b", "c"]
    assert docs["b"].meta["ingest_status"] == "empty" and docs["c"].meta["ingest_status"] == "empty"
    assert report.lines() == ["t.csv:2: text: empty document", "t.csv:3: text: whitespace-only document"]
    assert report.empty == ["b", "c"]


def test_problems_binary_file_skipped_and_listed(write, tmp_path):
    write("c/image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write("c/ok.txt", "fine")
    docs, report = _read(tmp_path / "c")
    assert list(docs) == ["ok"]
    assert report.lines() == ["image.txt: binary or unreadable (NUL bytes)"]
    assert [(s.file, s.reason) for s in report.skipped] == [("image.txt", "binary or unreadable (NUL bytes)")]


def test_problems_binary_parquet_and_jsonl(write, tmp_path):
    write("c/a.parquet", b"not a parquet file at all")
    write("c/b.jsonl", b"\x00\x01\x02")
    docs, report = _read(tmp_path / "c")
    assert docs == {}
    assert [s.file for s in report.skipped] == ["a.parquet", "b.jsonl"]
    assert all("binary or unreadable" in line for line in report.lines())


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty document"), (b"  \n\t\n", "whitespace-only document"), (b"---\nlang: en\n---\n", "empty document")],
)
def test_problems_empty_files_kept_with_status(write, tmp_path, content, message):
    write("c/blank.txt", content)
    docs, report = _read(tmp_path / "c")
    doc = docs["blank"]
    assert doc.meta["ingest_status"] == "empty"
    assert doc.meta["source_path"] == "blank.txt"
    assert report.lines() == [f"blank.txt: {message}"]
    assert report.empty == ["blank"]
    assert report.problems[0].severity == "warning"


def test_problems_unsupported_extension_reported_as_skipped(write, tmp_path):
    write("c/memo.odt", b"PK\x03\x04")
    write("c/notes", "no extension")
    write("c/doc.txt", "text")
    docs, report = _read(tmp_path / "c")
    assert list(docs) == ["doc"]
    assert report.lines() == ["memo.odt: unsupported file type (.odt)", "notes: unsupported file type (no extension)"]
    assert len(report.skipped) == 2


def test_problems_hidden_files_passed_over_and_counted(write, tmp_path):
    write("c/.DS_Store", b"\x00\x01")
    write("c/.git/config", "[core]")
    write("c/doc.txt", "text")
    docs, report = _read(tmp_path / "c")
    assert list(docs) == ["doc"]
    assert report.problems == [] and report.hidden == 2


def test_problems_cp1252_decoded_with_accents(write, tmp_path):
    text = "La señora contó que su hijo salió esposado; ¿quién responderá? Él no tenía armas, según los vecinos de la parroquia."
    write("c/testimonio.txt", text, encoding="cp1252")
    write("c/latin.md", "---\nlang: es\n---\n" + text, encoding="latin-1")
    docs, report = _read(tmp_path / "c")
    assert docs["testimonio"].text == text
    assert docs["latin"].text == text and docs["latin"].lang == "es"
    assert report.problems == []
    assert sum(report.encodings.values()) == 2
    assert docs["testimonio"].meta["encoding"] in ("cp1252", "latin_1", "iso8859_15")


def test_problems_cp1252_csv(write, tmp_path):
    write("c/t.csv", "id,text\n1,Camión de la policía en la bajada\n", encoding="cp1252")
    docs, report = _read(tmp_path / "c")
    assert docs["1"].text == "Camión de la policía en la bajada"


def test_problems_unparseable_date_kept_raw(write, tmp_path):
    write("c/a.md", "---\ndate: the week after the raid\n---\nText.\n")
    write("c/b.md", "---\ndate: 03/04/2021\n---\nText.\n")
    docs, report = _read(tmp_path / "c")
    assert docs["a"].date is None
    assert docs["a"].meta["date_raw"] == "the week after the raid"
    assert docs["b"].meta["date_raw"] == "03/04/2021"
    assert report.lines()[0].startswith("a.md:2: date: unparseable date 'the week after the raid'")
    assert report.lines()[1].startswith("b.md:2: date:") and "ambiguous" in report.lines()[1]


def test_problems_in_metadata_name_the_line_and_file_they_were_written_in(write, tmp_path):
    """Front matter, opening `Fecha:` lines and sidecars: each problem names the file and line of the value."""
    write("c/a.md", "---\ntitle: Informe\nsource_type: autopsy\nlang: es\ndate: la semana del operativo\n---\nTexto.\n")
    write("c/b.txt", "Título: Crónica\nFuente: diario local\nFecha: el martes pasado\n\nTexto de la crónica.\n")
    write("c/c.txt", "Texto sin metadatos propios.\n")
    write("c/c.meta.yaml", "outlet: radio\n# the date as the reporter gave it\ndate: around noon\nlang: Spanish\n")
    docs, report = _read(tmp_path / "c")
    lines = report.lines()
    assert any(line.startswith("a.md:5: date: unparseable date") for line in lines)
    assert any(line.startswith("a.md:3: source_type: unknown value 'autopsy'") for line in lines)
    assert any(line.startswith("b.txt:3: date: unparseable date 'el martes pasado'") for line in lines)
    assert any(line.startswith("c.meta.yaml:3: date: unparseable date 'around noon'") for line in lines)
    assert any(line.startswith("c.meta.yaml:4: lang: 'Spanish'") for line in lines)
    assert docs["b"].text == "Texto de la crónica.\n" and docs["c"].meta["date_raw"] == "around noon"


def test_problems_bad_lang_kept_raw(write, tmp_path):
    write("c/a.md", "---\nlang: Spanish\n---\nTexto.\n")
    docs, report = _read(tmp_path / "c")
    assert docs["a"].lang is None and docs["a"].meta["lang_raw"] == "Spanish"
    assert report.problems[0].field == "lang"


def test_problems_invalid_front_matter_keeps_text(write, tmp_path):
    write("c/a.md", "---\nid: [unclosed\n---\nBody.\n")
    docs, report = _read(tmp_path / "c")
    assert "Body." in docs["a"].text
    assert report.lines()[0].startswith("a.md:1: front matter: not valid YAML")


def test_problems_duplicate_ids_disambiguated_never_dropped(write, tmp_path):
    write("c/a.md", "---\nid: same\n---\nFirst.\n")
    write("c/b.md", "---\nid: same\n---\nSecond.\n")
    write("c/c.jsonl", json.dumps({"id": "same", "text": "Third."}) + "\n")
    write("c/same.txt", "Fourth.")
    docs, report = _read(tmp_path / "c")
    assert [docs[i].text for i in ("same", "same~2", "same~3", "same~4")] == ["First.\n", "Second.\n", "Third.", "Fourth."]
    dupes = [p for p in report.problems if p.field == "id"]
    assert len(dupes) == 3
    assert str(dupes[0]) == "b.md: id: duplicate id 'same' (first used by a.md); renamed 'same~2'"


def test_problems_orphan_and_broken_sidecars(write, tmp_path):
    write("c/lost.meta.yaml", "lang: en\n")
    write("c/doc.txt", "Text.")
    write("c/doc.meta.json", "{broken")
    docs, report = _read(tmp_path / "c")
    assert list(docs) == ["doc"]
    lines = report.lines()
    assert any(line.startswith("doc.meta.json: sidecar not valid JSON") for line in lines)
    assert "lost.meta.yaml: sidecar with no readable document beside it" in lines


def test_problems_unknown_source_type_kept_as_metadata(write, tmp_path):
    write("c/a.md", "---\nsource_type: press\n---\nText.\n")
    docs, report = _read(tmp_path / "c")
    assert docs["a"].meta["source_type"] == "press"
    assert report.problems[0].field == "source_type"


def test_problems_strict_raises_at_first_problem_after_earlier_documents(write, tmp_path):
    write("c/a.txt", "First.")
    write("c/b.txt", "")
    write("c/c.txt", "Third.")
    collection = read_collection(tmp_path / "c", strict=True)
    stream = iter(collection)
    assert next(stream).id == "a"  # streamed: nothing after a was needed yet
    with pytest.raises(IngestError) as caught:
        next(stream)
    assert str(caught.value) == "b.txt: empty document"
    assert caught.value.problem.file == "b.txt"


def test_problems_strict_names_jsonl_line_and_field(write, tmp_path):
    write("c/set.jsonl", json.dumps({"id": "a", "text": "x"}) + "\n" + json.dumps({"id": "b", "text": 3}) + "\n")
    with pytest.raises(IngestError, match=r"^set\.jsonl:2: text: "):
        list(read_collection(tmp_path / "c", strict=True))


def test_problems_missing_path_raises():
    with pytest.raises(FileNotFoundError):
        read_collection("/nonexistent/collection")


def test_problems_front_matter_that_is_not_a_mapping(write, tmp_path):
    write("c/a.md", "---\n- one\n- two\n---\nBody.\n")
    docs, report = _read(tmp_path / "c")
    assert "Body." in docs["a"].text
    assert report.lines() == [
        "a.md:1: front matter: must be a mapping of keys to values, got list; the whole file is kept as text"
    ]


def test_problems_in_a_json_sidecar_name_its_line(write, tmp_path):
    write("c/d.txt", "Texto.\n")
    write("c/d.meta.json", '{\n    "outlet": "radio",\n    "date": "31/31/2021"\n}\n')
    docs, report = _read(tmp_path / "c")
    assert any(line.startswith("d.meta.json:3: date: unparseable date") for line in report.lines())


def test_problems_in_an_html_pages_sidecar_name_the_sidecar_and_line(write, tmp_path):
    """A saved web page keeps its metadata beside it; a bad value there is found at its line, not in the page."""
    write("c/nota.html", "<html lang='es'><head><title>Operativo en el barrio</title></head><body><article>"
                         "<p>La policía informó que tres hombres murieron en un enfrentamiento en el barrio.</p>"
                         "</article></body></html>")
    write("c/nota.meta.yaml", "outlet: Diario del Sur\nsource_type: periodico\ndate: 2021-02-30\n")
    docs, report = _read(tmp_path / "c")
    lines = report.lines()
    assert any(line.startswith("nota.meta.yaml:3: date:") for line in lines), lines
    assert any(line.startswith("nota.meta.yaml:2: source_type: unknown value 'periodico'") for line in lines), lines
    assert docs["nota"].meta["outlet"] == "Diario del Sur"


def test_problems_impossible_date_in_metadata_is_reported_not_fatal(write, tmp_path):
    """PyYAML reads `2021-02-30` as a timestamp and raises; the run must go on and name the line."""
    write("c/a.md", "---\ntitle: Parte\ndate: 2021-02-30\n---\nLa policía informó de un enfrentamiento.\n")
    write("c/b.txt", "Otro texto.\n")
    write("c/b.meta.yaml", "date: 2021-13-01\n")
    write("c/ok.md", "---\ndate: 2021-02-18\n---\nTexto fechado.\n")
    docs, report = _read(tmp_path / "c")
    assert set(docs) == {"a", "b", "ok"}
    lines = report.lines()
    assert any(line.startswith("a.md:3: date: unparseable date '2021-02-30'") for line in lines), lines
    assert any(line.startswith("b.meta.yaml:1: date: unparseable date '2021-13-01'") for line in lines), lines
    assert docs["a"].meta["date_raw"] == "2021-02-30" and str(docs["ok"].date) == "2021-02-18"


def test_metadata_yes_and_no_stay_words(write, tmp_path):
    """YAML 1.1 would turn `id: no` into False and `lang: no` (Norwegian) into a boolean."""
    write("c/a.md", "---\nid: no\nlang: no\n---\nTekst.\n")
    docs, report = _read(tmp_path / "c")
    assert "no" in docs and docs["no"].lang == "no"


def test_jsonl_input_keeps_documents_with_loose_metadata(write, tmp_path):
    """Exports carry numeric ids and dates in other forms: the document stays, each problem names its line."""
    write("c/export.jsonl", "\n".join(json.dumps(r) for r in [
        {"id": 101, "text": "Police said the two men opened fire first.", "date": "18/02/2021"},
        {"id": "b", "text": "Vecinos niegan que hubiera enfrentamiento.", "lang": "Spanish", "date": 20210219},
        {"id": "c", "text": "The coroner found wounds to the back.", "meta": ["wire", "AP"]},
        {"id": "d", "text": "Autopsy pending.", "date": "2021-02-30"},
        {"text": "No id at all."},
    ]) + "\n")
    docs, report = _read(tmp_path / "c")
    assert set(docs) == {"101", "b", "c", "d"}
    assert str(docs["101"].date) == "2021-02-18" and str(docs["b"].date) == "2021-02-19"
    assert docs["b"].lang is None and docs["b"].meta["lang_raw"] == "Spanish"
    assert docs["c"].meta["meta_raw"] == ["wire", "AP"]
    lines = report.lines()
    assert any(line.startswith("export.jsonl:2: lang: 'Spanish'") for line in lines), lines
    assert any(line.startswith("export.jsonl:3: meta: expected an object, got list") for line in lines), lines
    assert any(line.startswith("export.jsonl:4: date: unparseable date '2021-02-30'") for line in lines), lines
    assert any(line.startswith("export.jsonl:5: id: missing required field") for line in lines), lines
    assert report.records_skipped == 1


def test_problems_id_that_is_not_a_text_falls_back_to_the_file_name(write, tmp_path):
    write("c/nota.txt", "La fiscalía abrió una investigación.\n")
    write("c/nota.meta.yaml", "outlet: radio\nid: {caso: 12}\n")
    docs, report = _read(tmp_path / "c")
    assert list(docs) == ["nota"]
    assert any(line.startswith("nota.meta.yaml:2: id: id {'caso': 12} is not a text; using 'nota'") for line in report.lines()), report.lines()


def test_numeric_id_column_with_a_gap_gives_integer_ids(tmp_path):
    """pandas reads an integer column with a missing value as floats; ids stay "7", not "7.0"."""
    import pandas as pd

    (tmp_path / "c").mkdir()
    pd.DataFrame({"id": [7, None], "text": ["Police said the men died in a shootout.", "Vecinos lo niegan."]}).to_parquet(
        tmp_path / "c" / "rows.parquet")
    docs, report = _read(tmp_path / "c")
    assert list(docs) == ["7", "rows-2"]
