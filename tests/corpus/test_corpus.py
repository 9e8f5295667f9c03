"""The corpus builder: quotes become offsets, conventions become relations."""

import json
from pathlib import Path

import pytest

from dissonance.corpus import SPLITS, AuthoringError, build_file, build_split
from dissonance.labelled import read_set
from dissonance.labelled.schema import Document

ROOT = Path(__file__).resolve().parents[2]

FILE = """
incidents:
  - {id: xx-test-2020, place: "Somewhere", start: 2020-03-04, end: 2020-03-04, forces: [State Police], deaths: 3}
documents:
  - id: off
    lang: en
    source_type: official
    text: |
      Three men died after they opened fire on the patrol. Three men died.
    claims:
      - {text: Three men died, type: casualty_count, value: 3, category: killed}
      - {text: they opened fire on the patrol, type: victim_armed, speaker: police, speaker_role: official}
      - {text: Three men died, nth: 2, type: casualty_count, value: 3, category: killed}
  - id: ngo
    lang: en
    source_type: ngo
    text: |
      Relatives deny there was any gunfight. At least five were killed. All had wounds in the nape.
    claims:
      - {text: there was any gunfight, type: armed_confrontation, polarity: denied, speaker: Relatives, speaker_role: witness}
      - {text: At least five were killed, type: casualty_count, value: 5, category: killed, hedge: at_least}
    findings:
      - {text: All had wounds in the nape, type: gunshot_wound, weighs: against, body_regions: [neck]}
"""


def test_corpus_offsets_ids_and_derived_relations(tmp_path):
    path = tmp_path / "xx-test-2020.yaml"
    path.write_text(FILE)
    docs = build_file(path)
    off, ngo = docs
    assert [c["id"] for c in off["claims"]] == ["off-c1", "off-c2", "off-c3"]
    second = off["claims"][2]
    assert off["text"][second["start"]:second["end"]] == "Three men died" and second["start"] > 40
    assert "weighs" not in ngo["findings"][0] and "category" not in off["claims"][0]
    labels = {(r["source"], r["target"]): r["label"] for d in docs for r in d["relations"]}
    # victim_armed asserted vs finding against -> contradicts; denied confrontation -> supports
    assert labels[("off-c2", "ngo-f1")] == "contradicts"
    assert labels[("ngo-c1", "ngo-f1")] == "supports"
    # 3 vs "at least 5": the lower number is not a lower bound -> contradicts
    assert labels[("off-c1", "ngo-c2")] == "contradicts"
    assert ngo["incidents"][0]["id"] == "xx-test-2020"


def test_corpus_missing_quote_names_file_document_and_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(FILE.replace("text: they opened fire on the patrol", "text: they fired on the patrol"))
    with pytest.raises(AuthoringError, match=r"bad.yaml: off: claims\[1\]: text: quote not found"):
        build_file(path)


def test_corpus_meta_value_cut_at_a_comma_is_an_error(tmp_path):
    path = tmp_path / "meta.yaml"
    path.write_text(FILE.replace("    source_type: ngo\n", "    source_type: ngo\n    meta: {outlet: rights network (briefing, English edition), title: One year on}\n"))
    with pytest.raises(AuthoringError, match=r"meta.yaml: ngo: meta: \['English edition\)'\] have no value"):
        build_file(path)


@pytest.mark.parametrize("split", SPLITS)
def test_corpus_committed_sets_match_their_sources(split):
    """corpora/<split>.jsonl is exactly what the authoring files build, and valid."""
    built = build_split(ROOT / "corpora" / "src" / split)
    committed = [json.loads(l) for l in (ROOT / "corpora" / f"{split}.jsonl").read_text().splitlines() if l.strip()]
    assert built == committed
    docs, report = read_set(ROOT / "corpora" / f"{split}.jsonl")
    assert report.ok, report.problems[:5]


def test_corpus_no_incident_in_two_splits():
    def incidents(split):
        docs, _ = read_set(ROOT / "corpora" / f"{split}.jsonl")
        return {s.incident for d in docs for s in d.spans() if s.incident}

    found = {split: incidents(split) for split in SPLITS}
    for i, a in enumerate(SPLITS):
        for b in SPLITS[i + 1:]:
            assert not found[a] & found[b], (a, b, found[a] & found[b])


def test_corpus_no_document_id_in_two_splits():
    ids = {split: {json.loads(l)["id"] for l in (ROOT / "corpora" / f"{split}.jsonl").read_text().splitlines() if l.strip()}
           for split in SPLITS}
    for i, a in enumerate(SPLITS):
        for b in SPLITS[i + 1:]:
            assert not ids[a] & ids[b], (a, b)


def test_corpus_extra_files_build_and_stay_apart_from_the_splits():
    """corpora/src/extra/ holds the other writers' documents the span tagger also learns from (corpora/README.md):
    they must build, and share no document or incident with train, dev, test or holdout."""
    extra = build_split(ROOT / "corpora" / "src" / "extra")
    assert len(extra) == 458  # writers y1-y8 (80), z1-z8 (95), u1-u8 (90), s1-s8 (93) and r1-r8 (100)
    for doc in extra:
        Document.model_validate(doc)
    extra_incidents = {s["incident"] for d in extra for k in ("claims", "findings") for s in d[k] if s.get("incident")}
    extra_ids = {d["id"] for d in extra}
    for split in SPLITS:
        docs = [json.loads(l) for l in (ROOT / "corpora" / f"{split}.jsonl").read_text().splitlines() if l.strip()]
        assert not extra_ids & {d["id"] for d in docs}
        assert not extra_incidents & {s["incident"] for d in docs for k in ("claims", "findings") for s in d[k] if s.get("incident")}
