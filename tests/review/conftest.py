"""Fixtures of the review tests: a small but realistic RUN folder, stores and clients.

`write_run(path)` writes what `dissonance analyze` writes (docs/run-folder.md):
predictions.jsonl and documents / claims / findings / incidents / flags
parquet files and a manifest, for two incidents (La Vega in English and
Spanish sources, El Valle in Spanish and English), six documents and nine
flags of every strength. The NGO document carries `<script>alert(1)</script>`
and raw HTML (`<b onmouseover=x>`), inside claim c4 too (flag c1~c4 highlights it).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

SCRIPT = "<script>alert(1)</script>"
RAW_HTML = "<b onmouseover=x>"

LA_VEGA, EL_VALLE = "inc-lavega-2018-01", "inc-elvalle-2019-03"

DOCS = [
    {
        "id": "doc-official-en", "lang": "en", "source_type": "official", "date": "2018-01-16",
        "meta": {"title": "Ministry statement on La Vega", "outlet": "Interior Ministry"},
        "text": ("Caracas, 16 January 2018. The Interior Ministry said the seven men died in an armed confrontation "
                 "with FAES officers in La Vega. According to the statement, the men opened fire on the officers, "
                 "who returned fire. Two pistols and a shotgun were seized at the scene."),
        "claims": [
            ("c1", "the seven men died in an armed confrontation with FAES officers in La Vega", "armed_confrontation",
             {"polarity": "asserted", "speaker": "The Interior Ministry", "speaker_role": "official"}, LA_VEGA),
            ("c2", "the men opened fire on the officers", "victim_armed",
             {"polarity": "asserted", "speaker": "the statement", "speaker_role": "official"}, LA_VEGA),
            ("c3", "Two pistols and a shotgun were seized at the scene", "victim_armed",
             {"polarity": "asserted", "speaker": "The Interior Ministry", "speaker_role": "official"}, LA_VEGA),
        ],
        "findings": [],
    },
    {
        "id": "doc-autopsia-es", "lang": "es", "source_type": "forensic", "date": "2018-01-20",
        "meta": {"title": "Informe médico-legal"},
        "text": ("Informe médico-legal. Los siete cadáveres presentaban heridas por arma de fuego en la cabeza y el "
                 "tórax. En cuatro de ellos se observó tatuaje de pólvora alrededor de los orificios de entrada, lo "
                 "que indica disparos a corta distancia. Uno de los cuerpos tenía marcas de ligaduras en las muñecas."),
        "claims": [],
        "findings": [
            ("f1", "heridas por arma de fuego en la cabeza y el tórax", "gunshot_wound",
             {"body_regions": ["head", "chest"], "victims": 7}, LA_VEGA),
            ("f2", "tatuaje de pólvora alrededor de los orificios de entrada, lo que indica disparos a corta distancia",
             "gunshot_wound", {"range": "close", "victims": 4}, LA_VEGA),
            ("f3", "marcas de ligaduras en las muñecas", "restraint", {"victims": 1}, LA_VEGA),
        ],
    },
    {
        "id": "doc-ngo-en", "lang": "en", "source_type": "ngo", "date": "2018-02-01",
        "meta": {"title": "Amnesty: La Vega killings", "url": "https://example.org/la-vega"},
        "text": ("Amnesty International says the official version of a " + RAW_HTML + "shootout</b> is not credible. "
                 + SCRIPT + " Relatives told researchers that two of the young men were detained alive before they "
                 "were found dead in the morgue. Autopsy photographs show gunshot wounds to the back."),
        "claims": [
            ("c4", "the official version of a " + RAW_HTML + "shootout</b> is not credible", "armed_confrontation",
             {"polarity": "questioned", "speaker": "Amnesty International", "speaker_role": "ngo"}, LA_VEGA),
            ("c5", "two of the young men were detained alive before they were found dead",
             "detained_alive", {"polarity": "asserted", "speaker": "Relatives", "speaker_role": "witness"}, LA_VEGA),
        ],
        "findings": [
            ("f4", "gunshot wounds to the back", "gunshot_wound", {"body_regions": ["back"]}, LA_VEGA),
        ],
    },
    {
        "id": "doc-prensa-es", "lang": "es", "source_type": "media", "date": "2019-03-03",
        "meta": {"title": "Tres muertos en El Valle", "outlet": "Diario de Caracas"},
        "text": ("La Policía Nacional Bolivariana informó que tres hombres murieron en un enfrentamiento en El Valle. "
                 "Según la versión policial, los hombres dispararon contra los funcionarios. Un fotógrafo que vio los "
                 "cuerpos en la morgue dijo que presentaban disparos en la nuca."),
        "claims": [
            ("c6", "tres hombres murieron en un enfrentamiento en El Valle", "armed_confrontation",
             {"polarity": "asserted", "speaker": "La Policía Nacional Bolivariana", "speaker_role": "official"}, EL_VALLE),
            ("c7", "los hombres dispararon contra los funcionarios", "victim_armed",
             {"polarity": "asserted", "speaker": "la versión policial", "speaker_role": "official"}, EL_VALLE),
        ],
        "findings": [
            ("f5", "disparos en la nuca", "gunshot_wound", {"body_regions": ["neck"]}, EL_VALLE),
        ],
    },
    {
        "id": "doc-testigo-es", "lang": "es", "source_type": "witness", "date": "2019-03-05",
        "meta": {"title": "Testimonio de vecinos"},
        "text": ("Los vecinos negaron que hubiera un enfrentamiento. Una vecina contó que los jóvenes fueron sacados "
                 "de la casa esposados y con vida."),
        "claims": [
            ("c8", "hubiera un enfrentamiento", "armed_confrontation",
             {"polarity": "denied", "speaker": "Los vecinos", "speaker_role": "witness"}, EL_VALLE),
            ("c9", "los jóvenes fueron sacados de la casa esposados y con vida", "detained_alive",
             {"polarity": "asserted", "speaker": "Una vecina", "speaker_role": "witness"}, EL_VALLE),
        ],
        "findings": [],
    },
    {
        "id": "doc-ballistics-en", "lang": "en", "source_type": "forensic", "date": "2019-03-10",
        "meta": {"title": "Ballistics report"},
        "text": ("Ballistics report. Gunshot residue tests on the hands of the three deceased were negative. "
                 "One victim had a distant wound to the left leg."),
        "claims": [],
        "findings": [
            ("f6", "Gunshot residue tests on the hands of the three deceased were negative", "gunshot_residue",
             {"result": "negative", "body_regions": ["hand"], "victims": 3}, EL_VALLE),
            ("f7", "a distant wound to the left leg", "gunshot_wound", {"range": "distant", "body_regions": ["leg"]}, EL_VALLE),
        ],
    },
]

INCIDENTS = [
    {"incident_id": LA_VEGA, "place": "La Vega, Caracas, Venezuela", "start": "2018-01-15", "end": "2018-01-15",
     "forces": ["FAES", "CICPC"], "deaths": 7},
    {"incident_id": EL_VALLE, "place": "El Valle, Caracas, Venezuela", "start": "2019-03-02", "end": "2019-03-02",
     "forces": ["PNB"], "deaths": 3},
]

# (source, target, label, score, strength, indicator, title): strongest first is 1, 6, 2, 3, 4, 7, 5, 9, 8
# evidence the other way, as analysis writes it into flags.parquet (text escaped on the page)
COUNTER_EVIDENCE = {"c6~f5": [{"kind": "officers_hurt", "doc_id": "wire-2", "span_id": "wire-2-c9", "start": 10,
                               "end": 52, "text": "two officers <b>were</b> wounded in the raid"}]}

READING = {"strong": 0.9, "moderate": 0.9, "weak": 0.55}  # the tool's confidence in its reading of both ends
FLAGS = [
    ("c1", "f1", "contradicts", 0.93, "strong", "wounds_head_chest", "Wounds grouped on head and chest"),
    ("c1", "f2", "contradicts", 0.88, "strong", "close_range", "Close-range shots"),
    ("c2", "f3", "contradicts", 0.74, "moderate", "restraint_marks", "Restraint marks"),
    ("c1", "f4", "contradicts", 0.71, "moderate", "back_wounds", "Wounds in the back"),
    ("c1", "c4", "contradicts", 0.52, "weak", "confrontation_disputed", "Confrontation questioned by another source"),
    ("c6", "f5", "contradicts", 0.90, "strong", "wounds_head_chest", "Wounds grouped on head and chest"),
    ("c7", "f6", "contradicts", 0.68, "moderate", "negative_gsr", "Negative gunshot residue"),
    ("c6", "f7", "supports", 0.41, "weak", "distant_limb_wound", "Distant wound to a limb"),
    ("c6", "c8", "contradicts", 0.50, "weak", "confrontation_disputed", "Confrontation questioned by another source"),
]
ORDER = ["c1~f1", "c6~f5", "c1~f2", "c2~f3", "c1~f4", "c7~f6", "c1~c4", "c6~c8", "c6~f7"]


def _indicators(deaths: int, spans: list[str], head: int, back: int, close: int) -> str:
    def item(value, numerator, denominator, label):
        return {"value": value, "numerator": numerator, "denominator": denominator, "label": label, "spans": spans}

    return json.dumps({
        "lethality_index": item(None, deaths, 0, "civilians killed per agent killed"),
        "civilians_per_agent_killed": item(None, deaths, None, "civilians killed per agent killed or wounded"),
        "share_head_neck_chest": item(head / deaths, head, deaths, "share of victims shot in head, neck or chest"),
        "share_back": item(back / deaths, back, deaths, "share of victims shot in the back"),
        "share_close_range": item(close / deaths, close, deaths, "share of victims shot at close range"),
        "weapons_recovered": item(3.0, 3, 1, "weapons recovered per operation"),
        "exchange_of_fire": {**item(0, 0, None, "evidence that fits a real exchange of fire"),
                             "note": "does not fit: no officer reported hurt"},
    })


def _spans(doc: dict) -> tuple[list[dict], list[dict]]:
    text, out = doc["text"], ([], [])
    for i, kind in enumerate(("claims", "findings")):
        for span_id, snippet, type_, attrs, incident in doc[kind]:
            assert text.count(snippet) == 1, snippet
            start = text.index(snippet)
            out[i].append({"id": span_id, "start": start, "end": start + len(snippet), "text": snippet,
                           "type": type_, **attrs, "incident": incident})
    return out


def write_run(run_dir: Path, *, with_flags: bool = True) -> Path:
    """Write a RUN folder as `dissonance analyze` does; returns it."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    spans: dict[str, tuple[str, dict, str]] = {}
    records, doc_rows, claim_rows, finding_rows = [], [], [], []
    digest = hashlib.sha256()
    for doc in DOCS:
        claims, findings = _spans(doc)
        for kind, items in (("claim", claims), ("finding", findings)):
            for s in items:
                spans[s["id"]] = (doc["id"], s, kind)
        incident_ids = sorted({s["incident"] for s in claims + findings})
        records.append({
            "id": doc["id"], "text": doc["text"], "lang": doc["lang"], "source_type": doc["source_type"],
            "date": doc["date"], "meta": doc["meta"], "claims": claims, "findings": findings,
            "incidents": [{"id": i["incident_id"], "place": i["place"], "start": i["start"], "end": i["end"],
                           "forces": i["forces"], "deaths": i["deaths"]} for i in INCIDENTS
                          if i["incident_id"] in incident_ids],
            "relations": [],
        })
        digest.update(doc["id"].encode() + b"\0" + doc["text"].encode() + b"\0")
        doc_rows.append({"doc_id": doc["id"], "source_path": f"input/{doc['id']}.txt", "format": "txt",
                         "lang": doc["lang"], "lang_source": "detected", "date": doc["date"],
                         "source_type": doc["source_type"], "source_type_score": 0.9, "status": "ok", "message": None,
                         "n_chars": len(doc["text"]), "n_tokens": len(doc["text"].split()),
                         "n_claims": len(claims), "n_findings": len(findings), "seconds": 0.01})
        for c in claims:
            claim_rows.append({"doc_id": doc["id"], "claim_id": c["id"], "start": c["start"], "end": c["end"],
                               "text": c["text"], "type": c["type"], "score": 0.8, "polarity": c["polarity"],
                               "speaker": c["speaker"], "speaker_role": c["speaker_role"], "value": None,
                               "hedge": False, "incident": c["incident"], "sentence": 0})
        for f in findings:
            finding_rows.append({"doc_id": doc["id"], "finding_id": f["id"], "start": f["start"], "end": f["end"],
                                 "text": f["text"], "type": f["type"], "score": 0.85,
                                 "body_regions": f.get("body_regions") or [], "wounds": f.get("wounds"),
                                 "victims": f.get("victims"), "range": f.get("range"), "direction": f.get("direction"),
                                 "result": f.get("result"), "incident": f["incident"], "sentence": 0})

    flag_rows = []
    for source, target, label, score, strength, indicator, title in FLAGS:
        s_doc, s, _ = spans[source]
        t_doc, t, t_kind = spans[target]
        attrs = ({k: t[k] for k in ("body_regions", "range", "direction", "result", "victims", "wounds") if k in t}
                 if t_kind == "finding" else {"polarity": t.get("polarity"), "value": t.get("value")})
        flag_rows.append({
            "flag_id": f"{source}~{target}", "incident_id": s["incident"], "label": label, "score": score,
            "weight": round(min(0.98, score / READING[strength]), 4), "confidence": READING[strength],
            "strength": strength, "indicator": indicator, "indicator_title": title,
            "rationale": f"{title}: the finding weighs against the account that the deaths happened in a confrontation.",
            "reference": "Minnesota Protocol (2016), §5.3",
            "source_id": source, "source_doc_id": s_doc, "source_start": s["start"], "source_end": s["end"],
            "source_text": s["text"], "source_type": s["type"], "source_polarity": s.get("polarity"),
            "source_speaker": s.get("speaker"), "source_speaker_role": s.get("speaker_role"),
            "target_id": target, "target_kind": t_kind, "target_doc_id": t_doc, "target_start": t["start"],
            "target_end": t["end"], "target_text": t["text"], "target_type": t["type"],
            "target_attributes": json.dumps(attrs),
            "counter_evidence": json.dumps(COUNTER_EVIDENCE.get(f"{source}~{target}", [])),
        })
        by_doc = next(r for r in records if r["id"] == s_doc)
        by_doc["relations"].append({"source": source, "target": target, "label": label,
                                    "rationale": flag_rows[-1]["rationale"]})

    incident_rows = []
    for inc, head, back, close in ((INCIDENTS[0], 7, 1, 4), (INCIDENTS[1], 1, 0, 0)):
        members = [r["id"] for r in records if any(i["id"] == inc["incident_id"] for i in r["incidents"])]
        members_spans = [sid for sid, (d, s, _) in spans.items() if s["incident"] == inc["incident_id"]]
        incident_rows.append({
            **inc, "n_documents": len(members),
            "n_claims": sum(1 for d, s, k in spans.values() if k == "claim" and s["incident"] == inc["incident_id"]),
            "n_findings": sum(1 for d, s, k in spans.values() if k == "finding" and s["incident"] == inc["incident_id"]),
            "doc_ids": members, "indicators": _indicators(inc["deaths"], members_spans[:3], head, back, close),
        })

    with (run_dir / "predictions.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    pd.DataFrame(doc_rows).to_parquet(run_dir / "documents.parquet", index=False)
    pd.DataFrame(claim_rows).to_parquet(run_dir / "claims.parquet", index=False)
    pd.DataFrame(finding_rows).to_parquet(run_dir / "findings.parquet", index=False)
    pd.DataFrame(incident_rows).to_parquet(run_dir / "incidents.parquet", index=False)
    if with_flags:
        pd.DataFrame(flag_rows).to_parquet(run_dir / "flags.parquet", index=False)
    (run_dir / "manifest.json").write_text(json.dumps({
        "dissonance_version": "0.1.0", "input": "input/", "input_sha256": digest.hexdigest(),
        "counts": {"documents": len(records), "claims": len(claim_rows), "findings": len(finding_rows),
                   "flags": len(flag_rows)},
    }, indent=2))
    (run_dir / "report.html").write_text("<!doctype html><title>report</title>")
    return run_dir


@pytest.fixture
def run_dir(tmp_path) -> Path:
    return write_run(tmp_path / "project" / "run-1")


@pytest.fixture
def review(run_dir):
    """An in-memory store with the fixture run loaded: `.store`, `.run_id`, `.pk[flag_id]`."""
    from dissonance.review.store import ReviewStore

    store = ReviewStore("sqlite://")
    run_id = store.load_run(run_dir)
    pk = {f["flag_id"]: f["id"] for f in store.flags(run_id)}
    yield SimpleNamespace(store=store, run_id=run_id, pk=pk, run_dir=run_dir)
    store.close()


def csrf(client) -> str:
    """The client's CSRF token (after one GET has set the cookie)."""
    if "dissonance_csrf" not in client.cookies:
        client.get("/reviewer")
    return client.cookies["dissonance_csrf"]


def login(client, name: str) -> None:
    """Set the reviewer name of the client's session through the reviewer form."""
    response = client.post("/reviewer", data={"name": name, "next": "/", "csrf_token": csrf(client)},
                           follow_redirects=False)
    assert response.status_code == 303, response.text


def decide(client, pk: int, action: str, **extra) -> object:
    return client.post(f"/flags/{pk}/decision", data={"action": action, "csrf_token": csrf(client), **extra},
                       follow_redirects=False)


@pytest.fixture
def client(review):
    """A TestClient over the app (no server), reviewer `alice` logged in."""
    from fastapi.testclient import TestClient

    from dissonance.review.app import create_app

    with TestClient(create_app(review.store, run_id=review.run_id)) as c:
        login(c, "alice")
        yield c
