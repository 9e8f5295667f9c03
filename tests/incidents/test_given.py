"""An analyst's linking file: read strictly, followed exactly, and written back by every run."""

import datetime as dt

import pytest

from dissonance.incidents.descriptors import describe
from dissonance.incidents.given import LinkingFileError, read_linking, write_linking
from dissonance.incidents.linking import LinkUnit, cluster, summarise
from dissonance.run import _given_clusters

D = dt.date


def unit(doc_id, text, date):
    return LinkUnit(doc_id, describe(text, date), date)


def test_linking_file_reads_incidents_none_and_extra_columns(tmp_path):
    path = tmp_path / "linking.csv"
    # a spreadsheet's UTF-8 export starts with a byte-order mark; spaces around cells are not part of an id
    path.write_text("\ufeffdoc_id, incident ,note\nstatement-1, la-vega ,from the case folder\n"
                    "carwash-ad,-,look-alike\nautopsy-3,,\n,,\nstatement-2,la-vega,\n", encoding="utf-8")
    linking = read_linking(path)
    assert linking.incidents == {"statement-1": "la-vega", "carwash-ad": None, "autopsy-3": None,
                                 "statement-2": "la-vega"}
    assert linking.lines["statement-2"] == 6
    assert linking.unknown({"statement-1", "carwash-ad", "autopsy-3"}) == [
        f"{path}:6: doc_id: 'statement-2' is not a document of the input"]
    assert linking.manifest()["incidents"] == 1 and linking.manifest()["documents_in_no_incident"] == 2


@pytest.mark.parametrize("content, message", [
    ("doc,incident\na,b\n", ":1: header: needs the columns doc_id, incident; missing doc_id (found: doc, incident)"),
    ("doc_id,incident\na,x\nb,y\na,z\n", ":4: doc_id: 'a' is already listed on line 2"),
    ("doc_id,incident\n,x\n", ":2: doc_id: empty"),
    ("", ":1: header: needs the columns doc_id, incident; missing doc_id, incident (found: nothing)"),
])
def test_linking_file_errors_name_file_line_and_column(tmp_path, content, message):
    path = tmp_path / "linking.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LinkingFileError) as err:
        read_linking(path)
    assert str(err.value) == f"{path}{message}"


def test_linking_file_from_a_spreadsheet_with_semicolons(tmp_path):
    path = tmp_path / "linking.csv"
    path.write_text("doc_id;incident;nota\r\na;La Vega, enero;\r\nb;;parecido\r\n", encoding="utf-8")
    assert read_linking(path).incidents == {"a": "La Vega, enero", "b": None}


def test_linking_file_not_utf8_says_so_with_its_line(tmp_path):
    path = tmp_path / "linking.csv"
    path.write_bytes("doc_id,incident\na,Ciudad Bolívar\n".encode("latin-1"))
    with pytest.raises(LinkingFileError, match=r"linking.csv:2: not UTF-8 text"):
        read_linking(path)


def test_given_linking_overrides_the_tool_and_the_rest_is_linked_by_it():
    # the tool would join all four (same neighbourhood, same week); the analyst keeps the car-wash piece
    # out of every incident and names the operation, and leaves two documents to the tool
    units = [
        unit("police", "Police said 14 men died in clashes with FAES officers in La Vega, Caracas, on 7 January.", D(2021, 1, 8)),
        unit("carwash", "Lavado de autos en La Vega, Caracas: guerra de precios desde el 7 de enero.", D(2021, 1, 9)),
        unit("mother", "En La Vega (Caracas) las fuerzas especiales FAES mataron a jóvenes el 7 de enero, dijo una madre.", D(2021, 1, 12)),
        unit("autopsy", "Autopsy summary, La Vega deaths, 7 January 2021: gunshot wounds to the thorax.", D(2021, 1, 20)),
    ]
    assert len(set(cluster(units))) == 1
    given = {"police": "la-vega-op", "carwash": None}
    kept, labels, names = _given_clusters(units, given)
    assert [u.doc_id for u in kept] == ["police", "mother", "autopsy"]
    summaries = summarise(kept, labels, names=names)
    by_doc = {d: s for s in summaries for d in s.doc_ids}
    assert by_doc["police"].id == "la-vega-op" and by_doc["police"].linked_by == "analyst"
    assert by_doc["police"].doc_ids == ["police"]
    assert by_doc["mother"] is by_doc["autopsy"] and by_doc["mother"].linked_by == "tool"
    assert by_doc["mother"].id != "la-vega-op"
    assert "carwash" not in by_doc


def test_tool_incident_ids_never_take_an_analysts_name():
    units = [unit("a", "Police killed two men in La Vega, Caracas, on 7 January 2021.", D(2021, 1, 8)),
             unit("b", "Police killed two men in La Vega, Caracas, on 7 January 2021.", D(2021, 1, 8))]
    kept, labels, names = _given_clusters(units, {"a": "la-vega-2021-01"})
    ids = [s.id for s in summarise(kept, labels, names=names)]
    assert sorted(ids) == ["la-vega-2021-01", "la-vega-2021-01-2"]


def test_written_linking_reads_back(tmp_path):
    path = tmp_path / "linking.csv"
    write_linking(path, [{"doc_id": "a", "incident": "x", "source_path": "a.txt"},
                         {"doc_id": "b, with comma", "incident": None, "source_path": None}])
    assert read_linking(path).incidents == {"a": "x", "b, with comma": None}


def test_analyze_stops_on_a_broken_linking_file_before_reading_documents(tmp_path):
    from typer.testing import CliRunner

    from dissonance.cli import app

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Police said two men died in a shootout.", encoding="utf-8")
    linking = tmp_path / "linking.csv"
    linking.write_text("document,case\na,x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "docs"), "--out", str(tmp_path / "run"),
                                      "--incidents", str(linking)])
    assert result.exit_code == 1
    assert f"{linking}:1: header: needs the columns doc_id, incident" in result.output
    assert not (tmp_path / "run").exists()


def test_one_incident_per_subfolder_and_the_file_overrides_it(tmp_path):
    from dissonance.incidents.given import GivenLinking, folder_incidents

    paths = {"a": "venezuela/la-vega/statement.txt", "b": "venezuela/la-vega/autopsy.pdf", "c": "press.jsonl",
             "d": "mexico/tlatlaya/report.md", "e": None}
    assert folder_incidents(paths) == {"a": "venezuela/la-vega", "b": "venezuela/la-vega", "d": "mexico/tlatlaya"}
    path = tmp_path / "linking.csv"
    path.write_text("doc_id,incident\nb,\nc,tlatlaya-2014\n", encoding="utf-8")
    linking = read_linking(path).with_folders(paths)
    assert linking.incidents == {"a": "venezuela/la-vega", "b": None, "d": "mexico/tlatlaya", "c": "tlatlaya-2014"}
    assert linking.describe() == (f"Incidents follow one incident per subfolder of the input, overridden by the "
                                  f"analyst's linking file {path} for the 2 documents it lists; the tool linked the rest.")
    only_folders = GivenLinking(None, {}).with_folders(paths)
    assert only_folders.manifest()["file"] is None and only_folders.manifest()["folders"] is True
