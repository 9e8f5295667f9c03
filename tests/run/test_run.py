"""Whole runs with the committed models: the sample case, hostile input, escaping, distractors."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from dissonance.labelled import read_set
from dissonance.run import analyze_path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "samples" / "la-vega"
CONFRONTATION = {"armed_confrontation", "crossfire", "resisted_authority", "self_defense", "victim_armed"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def la_vega(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "la-vega"
    manifest = analyze_path(SAMPLE, out)
    return out, manifest


def test_run_writes_every_file_in_the_documented_layout(la_vega):
    out, manifest = la_vega
    for name in ("predictions.jsonl", "documents.parquet", "claims.parquet", "findings.parquet",
                 "incidents.parquet", "flags.parquet", "set_aside.parquet", "manifest.json", "report.html"):
        assert (out / name).exists(), name
    docs, report = read_set(out / "predictions.jsonl")
    assert report.ok, report.problems[:3]
    assert len(docs) == manifest["counts"]["documents"] == 9
    flags = pd.read_parquet(out / "flags.parquet")
    assert set(flags.columns) >= {"flag_id", "incident_id", "label", "score", "strength", "indicator", "rationale",
                                  "source_doc_id", "source_start", "source_end", "target_doc_id", "target_start"}
    assert flags["score"].between(0, 1).all()
    assert (flags["score"] - flags["weight"] * flags["confidence"]).abs().max() < 1e-3  # weight x reading confidence
    claims = pd.read_parquet(out / "claims.parquet")
    assert (claims["side_score"] >= claims["score"] - 1e-4).all()  # a side holds at least the claim's own type
    # every flag is a relation of its claim's document, with both ends in the set
    span_ids = {s.id for d in docs for s in d.spans()}
    relations = [(r.source, r.target, r.label) for d in docs for r in d.relations]
    assert len(relations) == len(flags)
    assert all(s in span_ids and t in span_ids for s, t, _ in relations)


def test_run_la_vega_confrontation_claims_contradicted_by_head_and_chest_wounds(la_vega):
    out, _ = la_vega
    incidents = pd.read_parquet(out / "incidents.parquet")
    assert len(incidents) == 1 and "La Vega" in incidents.iloc[0]["place"]
    flags = pd.read_parquet(out / "flags.parquet")
    hits = flags[(flags["label"] == "contradicts") & flags["source_type"].isin(CONFRONTATION)
                 & (flags["source_polarity"] == "asserted") & flags["strength"].isin(["moderate", "strong"])]
    regions = hits["target_attributes"].map(lambda a: set(json.loads(a).get("body_regions", [])))
    assert (regions.map(lambda r: bool(r & {"head", "chest"}))).any()
    official = hits[hits["source_doc_id"].str.startswith("official")]
    assert len(official), "the official statements' confrontation claims must be flagged"
    assert official["rationale"].str.len().gt(40).all()


def test_run_report_lists_each_finding_that_bears_once_with_its_claim_counts(la_vega):
    """Flags repeat a finding once per claim; the report's evidence table shows each finding once, with how
    many claims it contradicts and supports, strongest first."""
    from dissonance.report import build_report_data

    out, _ = la_vega
    data = build_report_data(out)
    (incident,) = data["incidents"]
    assert data["unlinked"] == []  # the tool links every document with spans
    rows = incident["evidence"]
    flags = pd.read_parquet(out / "flags.parquet")
    on_findings = flags[flags["target_kind"] == "finding"]
    assert [r["id"] for r in rows] and len({r["id"] for r in rows}) == len(rows) == on_findings["target_id"].nunique()
    assert sum(r["n_contradicts"] + r["n_supports"] for r in rows) == len(on_findings)
    assert rows[0]["strength"] == "strong" and rows[0]["n_contradicts"] > 0
    html = (out / "report.html").read_text()
    assert "Findings that bear on the accounts" in html and rows[0]["ctx"]["span"][:40] in html


def test_run_hostile_inputs_are_analysed_or_listed_with_a_status(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_text("")
    (src / "french.txt").write_text("La police a déclaré que les hommes sont morts lors d'un affrontement avec les agents. " * 5)
    (src / "junk.bin.txt").write_bytes(bytes(range(256)) * 40)
    filler = ("The committee met on Tuesday to discuss the regional budget for schools, clinics and roads. "
              "Members asked for clearer tables and agreed to publish the minutes next month. ") * 5
    claim = ("Police said the men died in a confrontation in the hills after they opened fire on a patrol. "
             "The autopsy found gunshot wounds to the head and chest, with stippling around the entry wounds.")
    paragraphs = [claim if i % 100 == 0 else filler for i in range(1200)]
    (src / "huge.txt").write_text("\n\n".join(paragraphs))  # about 1 MB, 12 paragraphs that matter
    manifest = analyze_path(src, tmp_path / "run")
    docs = pd.read_parquet(tmp_path / "run" / "documents.parquet")
    status = dict(zip(docs["source_path"].fillna("").map(lambda p: Path(p).name), docs["status"]))
    assert status["empty.txt"] == "empty"
    assert status["french.txt"] == "unsupported_language"
    assert status["huge.txt"] == "ok_chunked"
    assert status["junk.bin.txt"] in ("skipped_file", "not_text")
    huge = docs[docs["source_path"].fillna("").str.endswith("huge.txt")].iloc[0]
    assert huge["n_chars"] > 1_000_000
    assert huge["n_claims"] >= 12 and huge["n_findings"] >= 12
    assert manifest["counts"]["documents"] + manifest["counts"]["status"].get("skipped_file", 0) == 4


def test_run_report_escapes_document_text(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "statement.txt").write_text(
        "<script>alert('x')</script> Police in Lagos said the two men died in a shootout with officers "
        "on 3 May 2022 after they opened fire. <b onmouseover=alert(1)>Weapons were seized.</b>\n")
    (src / "autopsy.txt").write_text(
        "Autopsy, Lagos, 5 May 2022: both men had gunshot wounds to the back of the head, with soot and "
        "stippling around the entry wounds. <img src=x onerror=alert(2)>\n")
    analyze_path(src, tmp_path / "run")
    html = (tmp_path / "run" / "report.html").read_text()
    assert "<script>alert" not in html and "<b onmouseover" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html or "&lt;b onmouseover" in html or "&lt;img" in html


def test_run_distractors_raise_no_flag(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    texts = {
        "football.txt": "Argentina won the final in a penalty shootout after a 3-3 draw; the goalkeeper made two saves "
                        "and the captain fired the decisive kick into the top corner.",
        "economy.txt": "The central bank's rate cut is a shot in the arm for the economy, analysts said, while exporters "
                       "caught in the crossfire of the trade war hope for relief.",
        "hospital.txt": "Discharge summary: the patient was admitted with a head injury after a fall; the CT of the head "
                        "was normal and the scalp wound healed well.",
        "raid.txt": "Police arrested four suspects in a raid on a warehouse on Tuesday; no shots were fired and nobody "
                    "was hurt. Officers seized counterfeit goods.",
    }
    for name, text in texts.items():
        (src / name).write_text(text)
    manifest = analyze_path(src, tmp_path / "run")
    assert manifest["counts"]["flags"] == 0


def test_run_unseen_sample_curuguaty(tmp_path):
    """A collection about an incident in neither corpus split, by a writer who had not seen the corpora
    (corpora/samples/curuguaty-2012): dates come from the files' Title:/Date: lines, "Marina Kue" is not
    read as the navy, the football distractor gets nothing, the seven other documents meet in one incident, and
    the forensic summary's back and nape wounds contradict the police's self-defence or confrontation account,
    with the officers' deaths named as evidence the other way."""
    out = tmp_path / "curuguaty"
    analyze_path(ROOT / "corpora" / "samples" / "curuguaty-2012", out)
    docs = pd.read_parquet(out / "documents.parquet")
    assert list(docs.loc[docs["doc_id"].isna(), "source_path"]) == ["README.md"]  # listed, not analysed
    docs = docs.dropna(subset=["doc_id"]).set_index("doc_id")
    assert (docs["status"] == "ok").all() and len(docs) == 8
    assert docs.loc["07-court-ruling", "date"] == "2016-07-18" and docs["date"].notna().all()
    distractor = docs.loc["08-distractor-football"]
    assert distractor["n_claims"] == 0 and distractor["n_findings"] == 0
    flags = pd.read_parquet(out / "flags.parquet")
    assert not (flags["source_doc_id"].str.startswith("08") | flags["target_doc_id"].str.startswith("08")).any()
    incidents = pd.read_parquet(out / "incidents.parquet")
    assert not any("navy" in list(forces) for forces in incidents["forces"])
    # one operation in seven documents of five source types and two languages: all meet, the English NGO
    # report (months later, findings, the same event date) included
    assert sorted(max(incidents["doc_ids"], key=len)) == sorted(set(docs.index) - {"08-distractor-football"})
    police = flags[(flags["label"] == "contradicts") & flags["source_doc_id"].str.startswith("01-police")
                   & (flags["target_doc_id"] == "04-forensic-summary") & flags["strength"].isin(["moderate", "strong"])]
    assert set(police["indicator"]) & {"wounds_back", "back_to_front"}
    # six officers died in the same operation: the flags say so and weigh it
    assert police["counter_evidence"].str.contains('"officers_hurt"').all()
    assert police["rationale"].str.contains("Officers reported killed or wounded").all()
    report = (out / "report.html").read_text()
    assert "Evidence the other way" in report and "officers hurt" in report


def _unseen_run(tmp_path, name, all_dated=True):
    out = tmp_path / name
    analyze_path(ROOT / "corpora" / "samples" / name, out)
    docs = pd.read_parquet(out / "documents.parquet")
    assert list(docs.loc[docs["doc_id"].isna(), "source_path"]) == ["README.md"]
    docs = docs.dropna(subset=["doc_id"]).set_index("doc_id")
    assert (docs["status"] == "ok").all() and len(docs) == 8 and (docs["date"].notna().all() or not all_dated)
    distractor = docs.loc[[d for d in docs.index if d.startswith("08-")][0]]
    assert distractor["n_claims"] == 0 and distractor["n_findings"] == 0
    flags = pd.read_parquet(out / "flags.parquet")
    assert not (flags["source_doc_id"].str.startswith("08") | flags["target_doc_id"].str.startswith("08")).any()
    incidents = pd.read_parquet(out / "incidents.parquet")
    assert len(incidents) == 1 and sorted(incidents["doc_ids"][0]) == sorted(d for d in docs.index if not d.startswith("08-"))
    return docs, incidents.iloc[0], flags, pd.read_parquet(out / "findings.parquet")


def test_run_unseen_sample_la_boca(tmp_path):
    """Argentina, 2017 (corpora/samples/la-boca-2017, by a writer who had not seen the corpora): dates from
    `Fecha:` lines, front matter and a sidecar; "recuperó la libertad" is no place in El Salvador; the anonymised
    autopsy joins the incident; the ministry's self-defence account is contradicted by wounds from behind."""
    docs, incident, flags, _ = _unseen_run(tmp_path, "la-boca-2017")
    assert docs.loc["01-official-statement", "date"] == "2018-02-01"
    assert docs.loc["04-autopsy-extract", "date"] == "2017-12-15"
    assert docs.loc["07-court-ruling", "date"] == "2021-05-28"  # from 07-court-ruling.meta.yaml
    assert incident["place"] == "La Boca, Buenos Aires, Argentina" and incident["deaths"] == 1
    official = flags[(flags["label"] == "contradicts") & flags["source_doc_id"].str.startswith("01-")
                     & flags["strength"].isin(["moderate", "strong"])]
    assert {"wounds_back", "back_to_front"} & set(official["indicator"])
    assert "04-autopsy-extract" in set(official["target_doc_id"])


def test_run_unseen_sample_kianjokoma(tmp_path):
    """Kenya, 2021 (corpora/samples/kianjokoma-2021): two brothers dead in custody. The post-mortem's blunt
    injuries are not read as gunshot wounds, and the police account (they jumped from the vehicle) is
    contradicted by the post-mortem."""
    docs, incident, flags, findings = _unseen_run(tmp_path, "kianjokoma-2021")
    assert incident["place"] == "Embu, Kenya"
    postmortem = findings[findings["doc_id"] == "03-postmortem-extract"]
    contusions = postmortem[postmortem["text"].str.contains("ontusion|ruising")]
    assert len(contusions) and not (contusions["type"] == "gunshot_wound").any()
    police = flags[(flags["label"] == "contradicts") & flags["source_doc_id"].str.startswith("01-")
                   & (flags["target_doc_id"] == "03-postmortem-extract")]
    assert police["strength"].isin(["moderate", "strong"]).any()
    assert {"defensive_injuries", "torture"} & set(police["indicator"])


def test_run_unseen_sample_thoothukudi(tmp_path):
    """India, 2018 (corpora/samples/thoothukudi-2018, written after this round's rules): police fire on a
    protest. The gazetteer knows neither the town nor its neighbourhoods, half the files carry no date and
    the inquiry's summary and a Spanish anniversary piece came years later: all seven documents still form
    one incident, because one report says "in Thoothukudi" and the others name the town as a proper noun
    (eval/README.md, point 121). The police account of self-defence is contradicted by the post-mortem's
    head wounds and wounds from behind, and the cricket report sharing the town's name gets nothing."""
    docs, incident, flags, findings = _unseen_run(tmp_path, "thoothukudi-2018", all_dated=False)
    police = flags[(flags["label"] == "contradicts") & flags["source_doc_id"].str.startswith("01-")
                   & (flags["target_doc_id"] == "04-postmortem-extract")]
    defence = police[police["source_type"] == "self_defense"]
    # moderate since the post-mortem note's "do not ... describe features of a close discharge" reads as
    # range distant, as the labelling conventions have it, and tempers the flags as evidence the other way
    assert defence["strength"].isin(["strong", "moderate"]).any()
    assert {"wounds_head_neck_chest", "back_to_front"} <= set(defence["indicator"])
    behind = findings[(findings["doc_id"] == "04-postmortem-extract") & (findings["direction"] == "back_to_front")]
    assert behind["text"].str.contains("back of the head").any()


def test_run_unseen_sample_thoothukudi_death_count(tmp_path):
    """Four reports each give one victim's death (a count of one) and two give the toll of 13: one
    person's death is part of a toll that two claims state, and does not vote against it (point 121)."""
    _, incident, _, _ = _unseen_run(tmp_path, "thoothukudi-2018", all_dated=False)
    assert incident["deaths"] == 13


def test_run_unseen_sample_xaman(tmp_path):
    """Guatemala, 1995 (corpora/samples/xaman-1995, written after point 121): an army patrol fires on a
    returnee community, mostly Spanish documents. The army's communiqué is signed in "Guatemala de la
    Asunción" and a wire story recalls "Santiago Atitlan": neither names the incident after Asunción or
    Santiago (point 122). The toll is the eleven that the ombudsman's paper and the ruling ("once
    personas") state, not a unit's number; the self-defence account meets the forensic report's wounds
    in the back."""
    docs, incident, flags, findings = _unseen_run(tmp_path, "xaman-1995", all_dated=False)
    assert incident["place"] == "Chisec, Guatemala" and incident["deaths"] == 11  # the town of Xamán (world_places.py)
    army = flags[(flags["label"] == "contradicts") & flags["source_doc_id"].str.startswith("01-")
                 & (flags["target_doc_id"] == "04-informe-forense")]
    # moderate since "No se observaron signos ... de disparo a corta distancia (tatuaje, ahumamiento)" reads as
    # range distant (the negation covers the signs it lists), a finding that fits a gunfight and tempers the flags
    assert army["strength"].isin(["strong", "moderate"]).any() and army["score"].max() > 0.7
    assert {"wounds_back", "back_to_front"} & set(army["indicator"])


def test_run_unseen_sample_braeton(tmp_path):
    """Jamaica, 2001 (corpora/samples/braeton-2001, written in session 16 by a writer who had not seen the
    corpora or the code): seven young men killed in a house; the police account of a shoot-out meets
    post-mortems with most wounds to the head and one at close range, strongly; nothing here fits a real
    exchange of fire."""
    docs, incident, flags, _ = _unseen_run(tmp_path, "braeton-2001", all_dated=False)
    assert incident["place"].endswith("Jamaica") and incident["deaths"] == 7
    police = flags[(flags["label"] == "contradicts") & flags["source_doc_id"].str.startswith("01-")
                   & flags["strength"].eq("strong")]
    assert {"wounds_head_neck_chest", "close_range"} <= set(police["indicator"])
    exchange = json.loads(incident["indicators"])["exchange_of_fire"]
    assert exchange["value"] == 0 and "close_range" in exchange["note"]


def test_run_unseen_sample_toulouse_where_the_evidence_bears_out_an_exchange_of_fire(tmp_path):
    """France, 2012 (corpora/samples/toulouse-2012, session 16): a gunman killed by a police unit after
    wounding officers. Named after Toulouse, not the Paris of the prosecutor and the dateline
    (world_places.py). Its evidence mostly fits a gunfight (officers hurt, some twenty hits mostly to the
    limbs), but one report says many limb hits came with his back turned: the tool keeps that tension as
    moderate flags, each naming the evidence the other way, and no contradiction of the account is strong."""
    docs, incident, flags, _ = _unseen_run(tmp_path, "toulouse-2012", all_dated=False)
    assert incident["place"] == "Toulouse, France"
    against = flags[(flags["label"] == "contradicts") & flags["source_type"].isin(CONFRONTATION)
                    & (flags["target_kind"] == "finding")]
    assert len(against) and not against["strength"].eq("strong").any()
    kinds = {e["kind"] for cell in against["counter_evidence"] for e in json.loads(cell)}
    assert {"officers_hurt", "consistent_findings"} <= kinds
    assert against["rationale"].str.contains("Findings that fit an exchange of fire").any()
    assert "wounds_back" in set(against.sort_values("score").iloc[-1:]["indicator"])


def test_run_unseen_sample_villa_altagracia(tmp_path):
    """Dominican Republic, 2021 (corpora/samples/villa-altagracia-2021, session 16, mostly Spanish): a patrol
    fires on a pastor couple's car. Named after the town, not the capital of the dateline; the toll is the
    married couple ("una pareja de esposos"); a lawyer's list of what is still to be established ("presencia o
    ausencia de signos de disparo a corta distancia") gives no range; the police account meets the wound
    in the back."""
    docs, incident, flags, findings = _unseen_run(tmp_path, "villa-altagracia-2021", all_dated=False)
    assert incident["place"] == "Villa Altagracia, Dominican Republic" and incident["deaths"] == 2
    pending = findings[findings["text"].str.contains("presencia o ausencia")]
    assert pending["range"].isna().all()
    police = flags[(flags["label"] == "contradicts") & flags["source_type"].isin(CONFRONTATION)
                   & flags["strength"].isin(["strong", "moderate"])]
    assert {"wounds_back", "back_to_front"} & set(police["indicator"])


def test_run_unseen_sample_nuevo_laredo(tmp_path):
    """Mexico, 2020 (corpora/samples/nuevo-laredo-2020, session 16, all Spanish but a wire story): soldiers kill
    twelve after what the army calls an ambush; three were bound kidnap victims with one shot each, fired
    from above. One incident with its toll, and the army's account contradicted strongly."""
    docs, incident, flags, _ = _unseen_run(tmp_path, "nuevo-laredo-2020", all_dated=False)
    assert incident["place"].startswith("Nuevo Laredo") and incident["deaths"] == 12
    army = flags[(flags["label"] == "contradicts") & flags["source_doc_id"].str.startswith("01-")
                 & flags["strength"].eq("strong")]
    assert {"downward_track", "wounds_head_neck_chest"} <= set(army["indicator"])


def test_run_unseen_sample_nisour(tmp_path):
    """Iraq, 2007 (corpora/samples/nisour-2007, session 16): contractors guarding a convoy kill civilians in a
    Baghdad square and say they were fired on. The company's account meets a driver shot in the head in a
    stopped car and cars hit from behind, strongly; the football report gets nothing."""
    out = tmp_path / "nisour"
    analyze_path(ROOT / "corpora" / "samples" / "nisour-2007", out)
    docs = pd.read_parquet(out / "documents.parquet").dropna(subset=["doc_id"]).set_index("doc_id")
    assert (docs["status"] == "ok").all() and len(docs) == 8
    assert docs.loc["08-football-derby-baghdad", ["n_claims", "n_findings"]].sum() == 0
    flags = pd.read_parquet(out / "flags.parquet")
    company = flags[(flags["label"] == "contradicts") & flags["source_doc_id"].str.startswith("01-")
                    & flags["strength"].eq("strong")]
    assert "wounds_back" in set(company["indicator"])


@pytest.mark.xfail(strict=True, reason="known limit: the gazetteer knows no place in Iraq and the 2020-21 pieces on "
                   "the trials and pardons name none of the 2007 reports' victims, so they form a second incident")
def test_run_unseen_sample_nisour_is_one_incident(tmp_path):
    out = tmp_path / "nisour"
    analyze_path(ROOT / "corpora" / "samples" / "nisour-2007", out)
    assert len(pd.read_parquet(out / "incidents.parquet")) == 1


def test_run_look_alikes_alone_give_no_flag(tmp_path):
    """Twelve look-alikes and nothing else (corpora/samples/look-alikes, session 16: a penalty shootout, a price
    war, a road-safety operation, a nursing-home autopsy, a whale's necropsy, a review of a police thriller
    whose fictional autopsy contradicts its fictional police): no flag. The thriller review passes the
    relevance gate at 0.47, so the two flags its fiction yields are set aside with the reason."""
    out = tmp_path / "look-alikes"
    analyze_path(ROOT / "corpora" / "samples" / "look-alikes", out)
    docs = pd.read_parquet(out / "documents.parquet").dropna(subset=["doc_id"])
    assert len(docs) == 12 and (docs["status"] == "ok").all()
    assert (docs["n_claims"] + docs["n_findings"] == 0).sum() >= 7
    assert len(pd.read_parquet(out / "flags.parquet")) == 0
    aside = pd.read_parquet(out / "set_aside.parquet")
    assert aside["set_aside_because"].str.contains("hardly reads like a report of a lethal operation").all()


def _sample_run(tmp_path, name):
    out = tmp_path / name
    analyze_path(ROOT / "corpora" / "samples" / name, out)
    docs = pd.read_parquet(out / "documents.parquet").dropna(subset=["doc_id"]).set_index("doc_id")
    assert (docs["status"] == "ok").all() and len(docs) == 8
    distractor = docs.loc[[d for d in docs.index if d.startswith("08-")][0]]
    assert distractor["n_claims"] == 0 and distractor["n_findings"] == 0
    return docs, pd.read_parquet(out / "incidents.parquet"), pd.read_parquet(out / "flags.parquet")


def test_run_unseen_sample_harare(tmp_path):
    """Zimbabwe, 2018 (corpora/samples/harare-2018, session 16): soldiers fire on protesters and bystanders.
    Named after Harare with the toll of six; the ministry's account meets wounds from behind."""
    docs, incidents, flags = _sample_run(tmp_path, "harare-2018")
    main = incidents.loc[incidents["doc_ids"].map(len).idxmax()]
    assert main["place"] == "Harare, Zimbabwe" and main["deaths"] == 6
    ministry = flags[(flags["label"] == "contradicts") & flags["source_doc_id"].str.startswith("01-")
                     & flags["strength"].isin(["strong", "moderate"])]
    assert {"wounds_back", "back_to_front"} & set(ministry["indicator"])
    # a statement "recorded in Shona" names no place called Shona
    assert not incidents["place"].fillna("").str.contains("Shona").any()


@pytest.mark.xfail(strict=True, reason="known limit: the vendor's statement names no date, no victim and no place "
                   "the gazetteer or the world's towns know (Mbare is a suburb), so it stays an incident of its own")
def test_run_unseen_sample_harare_is_one_incident(tmp_path):
    _, incidents, _ = _sample_run(tmp_path, "harare-2018")
    assert len(incidents) == 1


def test_run_unseen_sample_caracas_2014(tmp_path):
    """Venezuela, 2014 (corpora/samples/caracas-2014, session 16, mostly Spanish): intelligence officers fire on
    student marchers. One incident with the three deaths of that day; the account of clashes meets a shot to
    the back of the head and no residue on the student's hands."""
    docs, incidents, flags = _sample_run(tmp_path, "caracas-2014")
    assert len(incidents) == 1 and incidents.iloc[0]["deaths"] == 3
    against = flags[(flags["label"] == "contradicts") & flags["source_type"].isin(CONFRONTATION)
                    & flags["strength"].eq("strong")]
    assert {"back_to_front", "negative_residue"} <= set(against["indicator"])


def test_run_unseen_sample_ixtlahuacan_a_death_in_custody_by_beating(tmp_path):
    """Mexico, 2020 (corpora/samples/ixtlahuacan-2020, session 16, mostly Spanish): a man dies after a beating
    in municipal custody. The toll is one (three officers arrested over his death count no dead), and no
    flag speaks of aimed fire: a paragraph that names a firearm only to deny it is a beating."""
    docs, incidents, flags = _sample_run(tmp_path, "ixtlahuacan-2020")
    assert len(incidents) == 1 and incidents.iloc[0]["deaths"] == 1
    assert not flags["indicator"].isin(["wounds_head_neck_chest", "close_range", "few_limb_wounds"]).any()


@pytest.mark.xfail(strict=True, reason="known limit: the tagger finds no claim in the municipality's communiqué "
                   "(a detainee 'aggressive', 'under the influence', 'subdued' and 'taken to hospital')")
def test_run_unseen_sample_ixtlahuacan_official_account_is_read(tmp_path):
    docs, _, _ = _sample_run(tmp_path, "ixtlahuacan-2020")
    assert docs.loc["01-comunicado-ayuntamiento-ixtlahuacan", "n_claims"] > 0


def test_run_unseen_sample_memphis_a_death_by_beating(tmp_path):
    """United States, 2023 (corpora/samples/memphis-2023, session 16): officers beat a driver after a traffic
    stop. Named after Memphis (not the New York of a pathologist's office), toll one; "punch him in the head"
    is no gunshot, so no flag speaks of aimed fire; the police's "confrontation" meets the beating."""
    docs, incidents, flags = _sample_run(tmp_path, "memphis-2023")
    assert len(incidents) == 1 and incidents.iloc[0]["place"] == "Memphis, United States"
    assert incidents.iloc[0]["deaths"] == 1
    assert not flags["indicator"].isin(["wounds_head_neck_chest", "close_range", "few_limb_wounds"]).any()
    account = flags[(flags["label"] == "contradicts") & flags["source_type"].isin(CONFRONTATION)
                    & flags["strength"].isin(["strong", "moderate"])]
    assert {"torture", "restraint", "subdued_on_record", "dragging_marks"} & set(account["indicator"])


def test_run_unseen_sample_varginha(tmp_path):
    """Brazil, 2021 (corpora/samples/varginha-2021, session 16, in English and Spanish): police kill 26 men in
    what they call two shootouts. Named after Varginha, not the state capital; toll 26; a confrontation with
    no officer hurt and every victim dead is an incident-level indicator; the account meets 17 of 26 shot in
    the back, strongly."""
    docs, incidents, flags = _sample_run(tmp_path, "varginha-2021")
    assert len(incidents) == 1 and incidents.iloc[0]["place"] == "Varginha, Brazil"
    assert incidents.iloc[0]["deaths"] == 26
    assert json.loads(incidents.iloc[0]["indicators"])["confrontation_without_casualties"]["value"] == 1
    strong = flags[(flags["label"] == "contradicts") & flags["strength"].eq("strong")]
    assert "wounds_back" in set(strong["indicator"])


def test_run_unseen_sample_calabarzon(tmp_path):
    """Philippines, 2021 (corpora/samples/calabarzon-2021, session 16): police raids kill nine activists who,
    police say, fought back. One incident, toll nine; the account meets wounds to the front of the chest and
    a negative nitrate test."""
    docs, incidents, flags = _sample_run(tmp_path, "calabarzon-2021")
    assert len(incidents) == 1 and incidents.iloc[0]["deaths"] == 9
    strong = flags[(flags["label"] == "contradicts") & flags["strength"].eq("strong")]
    assert "wounds_head_neck_chest" in set(strong["indicator"])


@pytest.mark.xfail(strict=True, reason="known limit: a victim's surname is a gazetteer place (Manny Asuncion, "
                   "Asunción): the incident is named in Paraguay; checking the place's country against the "
                   "countries the documents name lost two training names (eval/README.md, point 132)")
def test_run_unseen_sample_calabarzon_is_named_in_the_philippines(tmp_path):
    _, incidents, _ = _sample_run(tmp_path, "calabarzon-2021")
    assert incidents.iloc[0]["place"].endswith("Philippines")


@pytest.mark.xfail(strict=True, reason="known limit (eval/README.md, point 67): three reports give one count each of "
                   "different scope (a protester shot, the two brothers, three dead in the area since Sunday) and the "
                   "tally takes the largest of equally supported values")
def test_run_unseen_sample_kianjokoma_death_count(tmp_path):
    _, incident, _, _ = _unseen_run(tmp_path, "kianjokoma-2021")
    assert incident["deaths"] == 2


def test_run_flags_from_weakly_relevant_documents_say_so():
    """A look-alike that passes the gate and links into an incident: its flags carry a caution with its relevance."""
    from dissonance.reasoning import Flag, SpanRef
    from dissonance.run import _relevance_caution

    claim = SpanRef("carwash-column", {"id": "carwash-column-c1", "start": 0, "end": 10, "text": "nadie ha bajado las armas"})
    finding = SpanRef("autopsy", {"id": "autopsy-f1", "start": 0, "end": 10, "text": "herida en la nuca"})
    flag = Flag("rio-2015-11", claim, finding, "finding", "supports", 0.8, "strong", "wounds_back", "Back wounds", "", "")
    caution = _relevance_caution(flag, {"carwash-column": 0.65, "autopsy": 0.99})
    assert "carwash-column reads only partly like a report" in caution and "(relevance 0.65)" in caution
    assert "autopsy" not in caution
    assert _relevance_caution(flag, {"carwash-column": 0.9, "autopsy": 0.99}) == ""
    assert _relevance_caution(flag, {}) == ""  # relevance unknown (documents given as gold spans): no caution


def test_run_flags_from_weakly_relevant_documents_rank_no_higher_than_weak():
    from dissonance.reasoning import Flag, SpanRef
    from dissonance.run import _caution

    claim = SpanRef("carwash-column", {"id": "carwash-column-c1", "start": 0, "end": 10, "text": "nadie ha bajado las armas"})
    finding = SpanRef("autopsy", {"id": "autopsy-f1", "start": 0, "end": 10, "text": "herida en la nuca"})
    strong = Flag("rio-2015-11", claim, finding, "finding", "contradicts", 0.83, "strong", "wounds_back", "Back wounds", "Why.", "")
    _caution(strong, {"carwash-column": 0.65}, moderate=0.5)
    assert strong.strength == "weak" and strong.score == 0.49
    assert strong.rationale.startswith("Why. Caution: carwash-column") and strong.rationale.endswith("lowered to weak for that reason.")
    weak = Flag("rio-2015-11", claim, finding, "finding", "contradicts", 0.3, "weak", "wounds_back", "Back wounds", "Why.", "")
    _caution(weak, {"carwash-column": 0.65}, moderate=0.5)
    assert weak.score == 0.3 and "lowered" not in weak.rationale and "Caution" in weak.rationale
    relevant = Flag("rio-2015-11", claim, finding, "finding", "contradicts", 0.83, "strong", "wounds_back", "Back wounds", "Why.", "")
    _caution(relevant, {"carwash-column": 0.95}, moderate=0.5)
    assert (relevant.score, relevant.strength, relevant.rationale) == (0.83, "strong", "Why.")


def test_demo_prints_the_summary_without_missing_values_or_swallowed_brackets(tmp_path):
    """The README's main command: what it prints is what an analyst reads first. A missing range or speaker
    reads as "-" or "unattributed", never "nan"; an indicator in brackets is printed, not taken for markup;
    each strongest flag says why."""
    from typer.testing import CliRunner

    from dissonance.cli import app

    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path / "la-vega")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert not re.search(r"\bnan\b", out)
    assert "Strongest contradictions" in out and "[wounds_head_neck_chest]" in out
    assert out.count("why:") >= 3
    assert "report.html" in out and "dissonance relink" in out and "linking.csv" in out
    # a quote cut for the terminal says so: the head-and-chest finding never reads as if it ended on "y en el"
    assert "'los orificios de entrada" in out and "y en el'" not in out and " ...'" in out
    # the official 23 stands: the rights group's "at least 14", in its headline and lede, is no rival to it
    assert "deaths 23" in out


def _same_run(a, b):
    for name in ("flags", "incidents", "claims", "findings"):
        pd.testing.assert_frame_equal(pd.read_parquet(a / f"{name}.parquet"), pd.read_parquet(b / f"{name}.parquet"))
    assert (a / "predictions.jsonl").read_text(encoding="utf-8") == (b / "predictions.jsonl").read_text(encoding="utf-8")
    assert (a / "linking.csv").read_text(encoding="utf-8") == (b / "linking.csv").read_text(encoding="utf-8")


def test_relink_without_a_linking_file_reproduces_the_run(la_vega, tmp_path):
    from dissonance.run_update import relink_run

    out, manifest = la_vega
    relinked = relink_run(out, tmp_path / "again")
    _same_run(out, tmp_path / "again")
    assert relinked["counts"] == manifest["counts"] and relinked["relinked_from"] == str(out)
    assert set(relinked["timings"]) == {"extract", "link_and_reason", "report"}
    assert not list((tmp_path / "again").glob("*.tmp")) and not list((tmp_path / "again").glob("*.relink.jsonl"))
    with pytest.raises(FileNotFoundError, match="not a finished run folder"):
        relink_run(tmp_path, tmp_path / "nothing")


def test_run_follows_an_analysts_linking_file_and_writes_it_back(la_vega, tmp_path):
    linking = tmp_path / "my-linking.csv"
    linking.write_text("doc_id,incident\nofficial-statement-2021-01-09,la-vega-official\n"
                       "forensic-summary-2021-01,la-vega-official\ntestimony-mother-2021-01-20,\n"
                       "not-in-the-sample,x\n", encoding="utf-8")
    out = tmp_path / "run"
    manifest = analyze_path(SAMPLE, out, incidents=linking)
    assert manifest["linking"]["problems"] == [
        f"{linking}:5: doc_id: 'not-in-the-sample' is not a document of the input; line ignored"]
    incidents = pd.read_parquet(out / "incidents.parquet").set_index("incident_id")
    assert sorted(incidents.loc["la-vega-official", "doc_ids"]) == ["forensic-summary-2021-01", "official-statement-2021-01-09"]
    assert incidents.loc["la-vega-official", "linked_by"] == "analyst"
    assert set(incidents["linked_by"]) == {"analyst", "tool"}  # the six unlisted documents, linked by the tool
    docs, _ = read_set(out / "predictions.jsonl")
    testimony = next(d for d in docs if d.id == "testimony-mother-2021-01-20")
    assert testimony.claims and all(s.incident is None for s in testimony.spans())  # kept, in no incident
    flags = pd.read_parquet(out / "flags.parquet")
    assert "testimony-mother-2021-01-20" not in set(flags["source_doc_id"]) | set(flags["target_doc_id"])
    assert ((flags["incident_id"] == "la-vega-official") & (flags["label"] == "contradicts")).any()
    written = pd.read_csv(out / "linking.csv", keep_default_na=False).set_index("doc_id")["incident"]
    assert len(written) == 9 and written["testimony-mother-2021-01-20"] == ""
    assert written["official-statement-2021-01-09"] == "la-vega-official"
    report = (out / "report.html").read_text(encoding="utf-8")
    assert f"Incidents follow the analyst&#39;s linking file {linking} for the 4 documents it lists" in report
    assert "<td>nan</td>" not in report  # the sample's README is listed as a skipped file by its path
    assert "<h2>Documents in no incident</h2>" in report and "<td>testimony-mother-2021-01-20</td>" in report

    # the same linking applied to the finished run without the linking file, in seconds, gives the same run
    from dissonance.run_update import relink_run

    relink_run(la_vega[0], tmp_path / "relinked", incidents=linking)
    _same_run(out, tmp_path / "relinked")

    from dissonance.incidents.given import LinkingFileError

    with pytest.raises(LinkingFileError, match="not-in-the-sample.*--strict stops here"):
        analyze_path(SAMPLE, tmp_path / "strict", incidents=linking, strict=True)
    assert not (tmp_path / "strict" / "predictions.partial.jsonl").exists()


def test_relink_command_reports_the_new_linking_and_its_problems(la_vega, tmp_path):
    from typer.testing import CliRunner

    from dissonance.cli import app

    linking = tmp_path / "linking.csv"
    linking.write_text("doc_id,incident\nla-vega-wire-2021-01-10,-\nghost,x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["relink", str(la_vega[0]), "--out", str(tmp_path / "r"), "--incidents", str(linking),
                                      "--db", str(tmp_path / "review.db")])
    assert result.exit_code == 0, result.output
    assert "loaded into review database" in result.output and (tmp_path / "review.db").exists()
    assert f"{linking}:3: doc_id: 'ghost' is not a document of the input; line ignored" in result.output
    assert "1 incidents" in result.output
    result = CliRunner().invoke(app, ["relink", str(la_vega[0]), "--out", str(tmp_path / "s"), "--incidents",
                                      str(linking), "--strict"])
    assert result.exit_code == 1 and "--strict stops here" in result.output


def test_run_with_one_incident_per_case_folder(tmp_path):
    import shutil

    # the La Vega sample split into two case folders by the analyst, with the wire story left at the top level
    root = tmp_path / "cases"
    for folder, names in {"official": ["official-statement-2021-01-09.md", "official-followup-2021-01-14.txt"],
                          "evidence": ["forensic-summary-2021-01.txt", "ngo-report-2021-02-18.md"]}.items():
        (root / folder).mkdir(parents=True)
        for name in names:
            shutil.copy(SAMPLE / name, root / folder / name)
    for name in ("wire-2021-01-10.txt", "wire-2021-01-10.meta.yaml"):
        shutil.copy(SAMPLE / name, root / name)
    manifest = analyze_path(root, tmp_path / "run", incident_per_folder=True)
    incidents = pd.read_parquet(tmp_path / "run" / "incidents.parquet").set_index("incident_id")
    # ids of documents in subfolders carry their folder
    assert sorted(incidents.loc["official", "doc_ids"]) == ["official/official-followup-2021-01-14",
                                                            "official/official-statement-2021-01-09"]
    assert sorted(incidents.loc["evidence", "doc_ids"]) == ["evidence/forensic-summary-2021-01",
                                                            "evidence/ngo-report-2021-02-18"]
    assert set(incidents.loc[["official", "evidence"], "linked_by"]) == {"analyst"}
    wire = incidents[incidents["doc_ids"].map(lambda d: "la-vega-wire-2021-01-10" in list(d))]
    assert len(wire) == 1 and wire.iloc[0]["linked_by"] == "tool"  # the top level is the tool's to link
    assert manifest["linking"]["folders"] and manifest["linking"]["file"] is None
    flags = pd.read_parquet(tmp_path / "run" / "flags.parquet")
    members = {i: set(docs) for i, docs in incidents["doc_ids"].items()}
    assert all({f.source_doc_id, f.target_doc_id} <= members[f.incident_id] for f in flags.itertuples())
    assert (flags["incident_id"] == "evidence").any()  # the NGO report's claims meet the autopsy summary


def test_add_reads_only_new_documents_and_matches_one_analysis_of_all(la_vega, tmp_path):
    import shutil

    from dissonance.run_update import add_to_run

    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir(), later.mkdir()
    for path in SAMPLE.iterdir():
        if path.name == "README.md":
            continue
        # the official side and the wire first; the forensic summary, the NGO, the testimony and the rest later
        target = first if path.name.startswith(("official", "wire", "local-news")) else later
        shutil.copy(path, target / path.name)
    analyze_path(first, tmp_path / "run")
    manifest = add_to_run(tmp_path / "run", later)
    assert manifest["counts"]["documents"] == 9 and manifest["added"][0]["documents"] == 5
    assert manifest["added"][0]["replaced"] == [] and "models_differ" not in manifest
    whole = la_vega[0]
    grown = tmp_path / "run"
    for name, cols in (("claims", ["claim_id", "start", "end", "type", "polarity", "incident"]),
                       ("findings", ["finding_id", "start", "end", "type", "incident"]),
                       ("flags", ["flag_id", "incident_id", "label", "indicator"])):
        a, b = pd.read_parquet(whole / f"{name}.parquet"), pd.read_parquet(grown / f"{name}.parquet")
        assert set(map(tuple, a[cols].astype(str).values)) == set(map(tuple, b[cols].astype(str).values)), name
    # scores may differ in the fourth decimal: the tagger reads other batches of sentences in bf16
    a = pd.read_parquet(whole / "flags.parquet").set_index("flag_id")["score"]
    b = pd.read_parquet(grown / "flags.parquet").set_index("flag_id")["score"]
    assert (a - b.reindex(a.index)).abs().max() < 0.02
    docs, report = read_set(grown / "predictions.jsonl")
    assert report.ok and len(docs) == 9
    assert f"5 from <code>{later}</code>" in (grown / "report.html").read_text(encoding="utf-8")

    # a corrected version of a document replaces the old one, by its id
    fixed = tmp_path / "fixed"
    fixed.mkdir()
    raw = (SAMPLE / "testimony-mother-2021-01-20.txt").read_bytes()  # saved in Latin-1, as some people's files are
    (fixed / "testimony-mother-2021-01-20.txt").write_bytes(raw + b"\nShe added that he had no weapon.\n")
    again = add_to_run(grown, fixed, tmp_path / "run2")
    assert again["added"][-1]["replaced"] == ["testimony-mother-2021-01-20"] and len(again["added"]) == 2
    docs, _ = read_set(tmp_path / "run2" / "predictions.jsonl")
    assert len(docs) == 9 and "no weapon" in next(d.text for d in docs if d.id == "testimony-mother-2021-01-20")


def test_add_command_refuses_a_folder_that_is_not_a_run(tmp_path):
    from typer.testing import CliRunner

    from dissonance.cli import app

    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "a.txt").write_text("Police said two men died in a shootout.", encoding="utf-8")
    result = CliRunner().invoke(app, ["add", str(tmp_path), str(tmp_path / "new")])
    assert result.exit_code == 1
    assert "not a finished run folder (missing manifest.json, predictions.jsonl" in result.output


def test_review_database_imports_a_run_again_once_it_is_relinked_in_place(la_vega, tmp_path):
    import shutil

    from dissonance.review.store import ReviewStore
    from dissonance.run_update import relink_run

    run = tmp_path / "run"
    shutil.copytree(la_vega[0], run)
    store = ReviewStore(tmp_path / "review.db")
    first = store.load_run(run)
    assert store.load_run(run) == first  # the folder as it stands is imported once
    linking = tmp_path / "linking.csv"
    linking.write_text("doc_id,incident\ntestimony-mother-2021-01-20,\n", encoding="utf-8")
    relink_run(run, incidents=linking)  # in place: same input, same folder, a new finish time
    second = store.load_run(run)
    assert second != first and store.load_run(run) == second
    flag_docs = {f["source_doc_id"] for f in store.flags(second)} | {f["target_doc_id"] for f in store.flags(second)}
    assert "testimony-mother-2021-01-20" not in flag_docs
    assert "testimony-mother-2021-01-20" in {f["source_doc_id"] for f in store.flags(first)}
    store.close()


def test_relink_names_the_file_and_line_of_a_damaged_run(la_vega, tmp_path):
    import shutil

    from typer.testing import CliRunner

    from dissonance.cli import app

    run = tmp_path / "run"
    shutil.copytree(la_vega[0], run)
    lines = (run / "predictions.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2][: len(lines[2]) // 2] + "\n"  # a record cut in half, as by a full disk
    (run / "predictions.jsonl").write_text("".join(lines), encoding="utf-8")
    result = CliRunner().invoke(app, ["relink", str(run), "--out", str(tmp_path / "new")])
    assert result.exit_code == 1 and f"{run / 'predictions.jsonl'}:3: not a record of a run's predictions" in result.output
    (run / "claims.parquet").write_bytes(b"not parquet")
    result = CliRunner().invoke(app, ["relink", str(run), "--out", str(tmp_path / "new")])
    assert result.exit_code == 1 and "claims.parquet: cannot read parquet" in result.output


def test_run_an_incident_whose_evidence_fits_an_exchange_of_fire_sets_its_contradictions_aside(tmp_path):
    """Villa Unión, Coahuila, 2019 (the dev set's documents, gold fields ignored): gunmen attacked a town and
    officers died. Officers hurt, findings that fit a gunfight and none of the kinds that point to executions:
    the findings that would contradict the account are set aside with the reason, not given as relations,
    and the report shows them; doubts raised against the account still contradict it."""
    source = tmp_path / "villa-union.jsonl"
    with (ROOT / "corpora" / "dev.jsonl").open(encoding="utf-8") as fh:
        source.write_text("".join(line for line in fh if '"mx-villa-union-2019"' in line), encoding="utf-8")
    out = tmp_path / "run"
    manifest = analyze_path(source, out)
    incidents = pd.read_parquet(out / "incidents.parquet").set_index("incident_id")
    fits = incidents[incidents["indicators"].map(lambda i: json.loads(i)["exchange_of_fire"]["value"] == 1)]
    assert len(fits) == 1 and len(fits.iloc[0]["doc_ids"]) >= 5
    aside = pd.read_parquet(out / "set_aside.parquet")
    assert len(aside) == manifest["counts"]["set_aside"] > 0
    assert (aside["label"] == "contradicts").all() and (aside["target_kind"] == "finding").all()
    assert aside["set_aside_because"].str.contains("officers hurt").all()
    flags = pd.read_parquet(out / "flags.parquet")
    in_fit = flags[flags["incident_id"] == fits.index[0]]
    assert not ((in_fit["label"] == "contradicts") & (in_fit["target_kind"] == "finding")
                & in_fit["source_type"].isin(CONFRONTATION) & (in_fit["source_polarity"] == "asserted")).any()
    docs, _ = read_set(out / "predictions.jsonl")
    relations = {(r.source, r.target) for d in docs for r in d.relations}
    assert not relations & set(zip(aside["source_id"], aside["target_id"]))
    report = (out / "report.html").read_text()
    assert "the incident&#39;s evidence fits a real exchange of fire" in report and "set_aside.parquet" in report
    assert manifest["knowledge"]["path"] is None and len(manifest["knowledge"]["sha256"]) == 64

    # an analyst who disagrees reasons with a knowledge base without the rule: the flags are back
    import yaml
    from importlib import resources

    from typer.testing import CliRunner

    from dissonance.cli import app
    from dissonance.reasoning.knowledge import use_knowledge

    kb = yaml.safe_load(resources.files("dissonance.reasoning").joinpath("knowledge.yaml").read_text("utf-8"))
    del kb["exchange_of_fire"]
    mine = tmp_path / "my-knowledge.yaml"
    mine.write_text(yaml.safe_dump(kb))
    try:
        result = CliRunner().invoke(app, ["relink", str(out), "--out", str(tmp_path / "mine"), "--knowledge", str(mine), "-q"])
        assert result.exit_code == 0, result.output
        assert len(pd.read_parquet(tmp_path / "mine" / "set_aside.parquet")) == 0
        back = pd.read_parquet(tmp_path / "mine" / "flags.parquet")
        assert set(zip(aside["source_id"], aside["target_id"])) <= set(zip(back["source_id"], back["target_id"]))
        assert json.loads((tmp_path / "mine" / "manifest.json").read_text())["knowledge"]["path"] == str(mine)
        kb["strength_cuts"]["strong"] = "high"
        mine.write_text(yaml.safe_dump(kb))
        result = CliRunner().invoke(app, ["relink", str(out), "--out", str(tmp_path / "broken"), "--knowledge", str(mine)])
        assert result.exit_code == 1 and "strength_cuts" in result.output and not (tmp_path / "broken").exists()
    finally:
        use_knowledge(None)


def test_run_every_sample_in_one_collection_keeps_each_incident_apart(tmp_path):
    """An investigator's batch: the eighteen sample folders analysed together (seventeen incidents in fifteen
    countries, two of them in Caracas, twelve look-alikes and each folder's distractor among them). Each
    incident's documents form one incident of their own, and no look-alike joins one (a whale's necropsy in
    Chile once joined Thoothukudi because a piece on its anniversary was published that week), bar the known
    limits below; and no flag rests on a look-alike or a distractor."""
    out = tmp_path / "all"
    analyze_path(ROOT / "corpora" / "samples", out)
    incidents = pd.read_parquet(out / "incidents.parquet")
    folder_of = lambda doc: doc.split("/")[0] if "/" in doc else "la-vega"  # noqa: E731  (the sample's root)
    # known limits: Nisour's later pieces and Harare's vendor statement stay apart; Memphis's first police
    # statement names no place and pairs with the look-alikes' road-safety release of the same week
    pair = {"memphis-2023/01-mpd-initial-statement", "look-alikes/05-en-police-road-safety"}
    groups = [set(ids) for ids in incidents["doc_ids"] if set(ids) != pair]
    splits = {"nisour-2007": 2, "harare-2018": 2}
    for folder in sorted({folder_of(d) for ids in groups for d in ids} - {"look-alikes"}):
        holding = [ids for ids in groups if any(folder_of(d) == folder for d in ids)]
        assert all({folder_of(d) for d in ids} == {folder} for ids in holding), folder
        assert len(holding) == splits.get(folder, 1), folder
    assert all(len(ids) == 1 for ids in groups if any(folder_of(d) == "look-alikes" for d in ids))
    flags = pd.read_parquet(out / "flags.parquet")
    assert not (flags["source_doc_id"].str.startswith("look-alikes/") | flags["target_doc_id"].str.startswith("look-alikes/")).any()
    assert not (flags["source_doc_id"].str.contains("/08-") | flags["target_doc_id"].str.contains("/08-")).any()
