"""The labelled-set reader: every problem located as FILE:LINE: field: problem."""

import json

import pytest

from dissonance.labelled import LabelledSetError, iter_documents, read_set, write_set
from dissonance.labelled.schema import Document

GOOD = {
    "id": "d1",
    "text": "Police said the men died in a shootout.",
    "lang": "en",
    "source_type": "official",
    "claims": [{"id": "d1-c1", "start": 12, "end": 38, "text": "the men died in a shootout", "type": "armed_confrontation",
                "speaker": "Police", "speaker_role": "official"}],
}
AUTOPSY = {
    "id": "d2",
    "text": "Two entry wounds in the occipital region.",
    "lang": "en",
    "source_type": "forensic",
    "findings": [{"id": "d2-f1", "start": 0, "end": 40, "text": "Two entry wounds in the occipital region", "type": "gunshot_wound",
                  "body_regions": ["head"], "wounds": 2}],
    "relations": [{"source": "d1-c1", "target": "d2-f1", "label": "contradicts"}],
}


def _write(tmp_path, lines):
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(l if isinstance(l, str) else json.dumps(l) for l in lines) + "\n", encoding="utf-8")
    return path


def test_io_reads_valid_set_with_cross_document_relation(tmp_path):
    docs, report = read_set(_write(tmp_path, [GOOD, AUTOPSY]))
    assert report.ok and report.read == 2 and report.skipped == 0
    assert docs[1].relations[0].source == "d1-c1"
    assert docs[1].findings[0].body_regions == ["head"]


def test_io_reports_each_problem_with_file_line_and_field(tmp_path):
    bad_enum = {**GOOD, "id": "d3", "source_type": "radio"}
    missing = {k: v for k, v in GOOD.items() if k != "lang"} | {"id": "d4"}
    shifted = json.loads(json.dumps(GOOD)) | {"id": "d5"}
    shifted["claims"][0]["start"] = 13
    shifted["claims"][0]["id"] = "d5-c1"
    bad_claim_type = json.loads(json.dumps(GOOD)) | {"id": "d6"}
    bad_claim_type["claims"][0].update(id="d6-c1", type="gunfight")
    path = _write(tmp_path, [GOOD, "{not json", bad_enum, missing, shifted, bad_claim_type, dict(GOOD)])
    docs, report = read_set(path)
    lines = [str(p) for p in report.problems]
    assert f"{path}:2: record: invalid JSON" in lines[0]
    assert any(l.startswith(f"{path}:3: source_type: unknown value 'radio'") for l in lines)
    assert f"{path}:4: lang: missing required field" in lines
    assert any(l.startswith(f"{path}:5: claims[0].text: differs from text[13:38]") for l in lines)
    assert any(l.startswith(f"{path}:6: claims[0].type: unknown value 'gunfight'") for l in lines)
    assert any(l.startswith(f"{path}:7: id: duplicate document id 'd1' (first on line 1)") for l in lines)
    assert [d.id for d in docs] == ["d1"]
    assert report.read == 1 and report.skipped == 6


def test_io_dangling_relation_is_reported_and_dropped(tmp_path):
    orphan = json.loads(json.dumps(AUTOPSY))
    orphan["relations"][0]["source"] = "nowhere-c9"
    docs, report = read_set(_write(tmp_path, [GOOD, orphan]))
    assert [str(p).split(": ", 1)[1] for p in report.problems] == ["relations[0].source: no span with id 'nowhere-c9' in the set"]
    assert docs[1].relations == []


def test_io_strict_stops_at_first_problem(tmp_path):
    path = _write(tmp_path, [GOOD, "[1, 2]", "{bad"])
    with pytest.raises(LabelledSetError) as exc:
        read_set(path, strict=True)
    assert str(exc.value) == f"{path}:2: record: expected a JSON object, got list"


def test_io_streaming_reader_yields_lazily_and_counts(tmp_path):
    path = _write(tmp_path, [GOOD, "oops", AUTOPSY])
    from dissonance.labelled import ReadReport

    report = ReadReport()
    stream = iter_documents(path, report=report)
    first = next(stream)
    assert first.id == "d1" and report.read == 1
    rest = list(stream)
    assert [d.id for d in rest] == ["d2"] and report.skipped == 1


def test_io_analysis_input_needs_only_id_and_text(tmp_path):
    path = _write(tmp_path, [{"id": "x", "text": "hola", "claims": "ignored gold", "source_type": "bogus"}])
    docs = list(iter_documents(path, gold=False))
    assert docs[0].id == "x" and not hasattr(docs[0], "claims")


def test_io_bad_utf8_line_costs_one_record(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b"\n" + b'{"id": "z", "text": "caf\xe9"}\n' + json.dumps(AUTOPSY).encode() + b"\n")
    docs, report = read_set(path)
    assert [d.id for d in docs] == ["d1", "d2"]
    assert str(report.problems[0]).startswith(f"{path}:2: record: not valid UTF-8")


def test_io_write_then_read_round_trips(tmp_path):
    doc = Document.model_validate(GOOD)
    path = tmp_path / "out.jsonl"
    assert write_set([doc, AUTOPSY], path) == 2
    docs, report = read_set(path)
    assert report.ok
    assert docs[0].claims[0].text == "the men died in a shootout"
    assert json.loads(path.read_text().splitlines()[0])["claims"][0]["speaker_role"] == "official"


def test_io_example_of_the_format_document_is_valid():
    from pathlib import Path

    example = Path(__file__).resolve().parents[2].parent / "shared" / "formats" / "example.jsonl"
    if not example.exists():
        pytest.skip("shared/formats not beside the checkout")
    docs, report = read_set(example)
    assert report.ok and len(docs) == 1 and len(docs[0].claims) == 5
