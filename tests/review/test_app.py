"""The web app through FastAPI's TestClient (no server): pages, JSON, decisions, security."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from dissonance.review.app import create_app
from dissonance.review.highlight import WINDOW
from dissonance.review.security import SecurityError, check_bind, is_loopback
from dissonance.review.store import ReviewStore

from .conftest import ORDER, RAW_HTML, SCRIPT, csrf, decide, login


def test_app_asks_reviewer_name_on_first_visit(review):
    with TestClient(create_app(review.store, run_id=review.run_id)) as c:
        response = c.get("/", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/reviewer?next=")
        page = c.get("/reviewer")
        assert 'name="csrf_token"' in page.text and 'id="reviewer-input"' in page.text
        login(c, "alice")
        assert c.cookies.get("dissonance_reviewer") == "alice"
        assert "Reviewer: <strong id=\"reviewer-name\">alice</strong>" in c.get("/").text


def test_app_cookies_are_samesite_strict(review):
    with TestClient(create_app(review.store, run_id=review.run_id)) as c:
        first = c.get("/reviewer")
        set_cookie = first.headers["set-cookie"].lower()
        assert "dissonance_csrf=" in set_cookie and "samesite=strict" in set_cookie and "httponly" in set_cookie
        response = c.post("/reviewer", data={"name": "alice", "csrf_token": csrf(c)}, follow_redirects=False)
        assert "samesite=strict" in response.headers["set-cookie"].lower()


def test_app_queue_strongest_first(client):
    data = client.get("/api/queue").json()
    assert [f["flag_id"] for f in data["flags"]] == ORDER
    assert [f["strength"] for f in data["flags"]] == ["strong"] * 3 + ["moderate"] * 3 + ["weak"] * 3
    assert data["progress"] == {"reviewed": 0, "total": 9, "reviewed_by_anyone": 0}
    html = client.get("/").text
    rows = re.findall(r'<tr data-url="[^"]*" data-flag="(\d+)"', html)
    assert [int(r) for r in rows] == [f["pk"] for f in data["flags"]]
    assert "0</strong> of <strong>9</strong> reviewed" in html


def test_app_queue_filters(client, review):
    def ids(query):
        return [f["flag_id"] for f in client.get(f"/api/queue?{query}").json()["flags"]]

    assert ids("incident=inc-lavega-2018-01") == ["c1~f1", "c1~f2", "c2~f3", "c1~f4", "c1~c4"]
    assert ids("claim_type=victim_armed") == ["c2~f3", "c7~f6"]
    assert ids("finding_type=gunshot_residue") == ["c7~f6"]
    assert ids("source_type=official") == ["c1~f1", "c1~f2", "c2~f3", "c1~f4", "c1~c4"]
    decide(client, review.pk["c6~f5"], "reject")
    assert ids("status=rejected") == ["c6~f5"]
    assert "c6~f5" not in ids("status=unreviewed")
    assert ids("status=rejected&reviewer=bob") == []
    html = client.get("/?incident=inc-elvalle-2019-03&status=rejected").text
    assert 'option value="inc-elvalle-2019-03" selected' in html
    assert html.count('<tr data-url=') == 1
    # the same filters carry over to the flag pages for j/k
    first = client.get("/api/queue?incident=inc-elvalle-2019-03").json()["flags"][0]
    assert first["url"].endswith("?incident=inc-elvalle-2019-03")


def test_app_json_variants_match(client, review):
    pk = review.pk["c1~f1"]
    for html_path, api_path in (("/", "/api/queue"), (f"/flags/{pk}", f"/api/flags/{pk}"), ("/stats", "/api/stats")):
        by_param = client.get(html_path, params={"format": "json"})
        assert by_param.headers["content-type"].startswith("application/json")
        assert by_param.json() == client.get(api_path).json()
        assert client.get(html_path).headers["content-type"].startswith("text/html")
    assert "csrf_token" not in client.get(f"/api/flags/{pk}").json()


def test_app_flag_page_content(client, review):
    pk = review.pk["c1~f1"]
    data = client.get(f"/api/flags/{pk}").json()
    claim, target, incident = data["claim"], data["target"], data["incident"]
    assert claim["text"] == "the seven men died in an armed confrontation with FAES officers in La Vega"
    assert claim["attributes"]["speaker"] == "The Interior Ministry"
    assert claim["attributes"]["speaker_role"] == "official"
    assert claim["document"]["source_type"] == "official" and claim["document"]["date"] == "2018-01-16"
    marked = [p for p in claim["context"]["parts"] if p["marks"]]
    assert [p["text"] for p in marked] == [claim["text"]] and marked[0]["marks"] == ["claim"]
    assert target["kind"] == "finding" and target["type"] == "gunshot_wound"
    assert target["attributes"]["body_regions"] == ["head", "chest"]
    assert target["document"]["lang"] == "es" and target["document"]["source_type"] == "forensic"
    assert [p["text"] for p in target["context"]["parts"] if p["marks"]] == [
        "heridas por arma de fuego en la cabeza y el tórax"]
    assert data["flag"]["indicator"] == "wounds_head_chest"
    assert (data["flag"]["score"], data["flag"]["weight"], data["flag"]["confidence"]) == (0.93, 0.98, 0.9)
    assert data["flag"]["rationale"].startswith("Wounds grouped on head and chest")
    assert incident["place"] == "La Vega, Caracas, Venezuela" and incident["deaths"] == 7
    assert incident["forces"] == ["FAES", "CICPC"]
    keys = [i["key"] for i in incident["indicators"]]
    assert keys == ["lethality_index", "civilians_per_agent_killed", "share_head_neck_chest", "share_back",
                    "share_close_range", "weapons_recovered", "exchange_of_fire"]
    assert incident["indicators"][-1]["note"] == "does not fit: no officer reported hurt"
    assert data["nav"] == {"next": f"/flags/{review.pk['c6~f5']}", "prev": None, "queue": "/", "position": 1,
                           "count": 9, "query": ""}

    html = client.get(f"/flags/{pk}").text
    assert '<mark class="hl-claim ">the seven men died in an armed confrontation' in html
    assert '<mark class="hl-finding ">heridas por arma de fuego en la cabeza y el tórax</mark>' in html
    for text in ("The Interior Ministry", "La Vega, Caracas, Venezuela", "FAES, CICPC", "share of victims shot at close range",
                 "Minnesota Protocol", "wounds_head_chest", "2018-01-20", "forensic",
                 "evidence weight 0.98 × reading confidence 0.9", "does not fit: no officer reported hurt"):
        assert text in html
    assert f'data-next="/flags/{review.pk["c6~f5"]}"' in html


def test_app_flag_page_full_document_is_expandable(client, review, run_dir):
    """A long document: the context is a window, the full text sits in a <details>."""
    data = client.get(f"/api/flags/{review.pk['c1~f1']}").json()
    assert data["claim"]["full"] is None  # short documents are shown whole

    lines = (run_dir / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[0])
    pad = "Background paragraph. " * 40
    rec["text"] = pad + rec["text"] + " " + pad
    for c in rec["claims"]:
        c["start"] += len(pad)
        c["end"] += len(pad)
    lines[0] = json.dumps(rec, ensure_ascii=False)
    (run_dir / "predictions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    flags = pd.read_parquet(run_dir / "flags.parquet")
    mask = flags["source_doc_id"] == rec["id"]
    flags.loc[mask, "source_start"] += len(pad)
    flags.loc[mask, "source_end"] += len(pad)
    flags.to_parquet(run_dir / "flags.parquet", index=False)
    long_store = ReviewStore("sqlite://")
    run_id = long_store.load_run(run_dir)
    with TestClient(create_app(long_store, run_id=run_id)) as c:
        login(c, "alice")
        long_pk = {f["flag_id"]: f["id"] for f in long_store.flags(run_id)}["c1~f1"]
        claim = c.get(f"/api/flags/{long_pk}").json()["claim"]
        assert claim["context"]["clipped_start"] and claim["context"]["clipped_end"]
        assert sum(len(p["text"]) for p in claim["context"]["parts"]) < len(claim["text"]) + 2 * WINDOW + 10
        assert "".join(p["text"] for p in claim["full"]["parts"]) == rec["text"]
        assert '<details class="full">' in c.get(f"/flags/{long_pk}").text


def test_app_escapes_document_text(client, review):
    pk = review.pk["c1~c4"]  # the other claim is c4 of the NGO document: raw HTML inside the span
    html = client.get(f"/flags/{pk}").text
    assert SCRIPT not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert RAW_HTML not in html and "<b " not in html
    assert "&lt;b onmouseover=x&gt;shootout&lt;/b&gt;" in html
    assert '<mark class="hl-claim2 ">the official version of a &lt;b onmouseover=x&gt;' in html
    # the page's only scripts are the app's own file; the CSP forbids inline script anyway
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/review.js" defer>']
    response = client.get(f"/flags/{pk}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "default-src 'self'" in response.headers["content-security-policy"]
    # the queue shows span texts too
    queue = client.get("/").text
    assert "<b onmouseover" not in queue and "&lt;b onmouseover=x&gt;" in queue


def test_app_decisions_recorded(client, review):
    pk = review.pk["c1~f1"]
    response = decide(client, pk, "accept", note="clear", next=f"/flags/{pk}")
    assert response.status_code == 303 and response.headers["location"] == f"/flags/{pk}"
    decide(client, pk, "reject", corrected_label="supports", note="wounds fit the exchange")
    data = client.get(f"/api/flags/{pk}").json()
    assert data["mine"]["status"] == "rejected" and data["mine"]["corrected_label"] == "supports"
    assert [h["action"] for h in data["history"]] == ["accept", "reject"]
    assert data["progress"]["reviewed"] == 1
    html = client.get(f"/flags/{pk}").text
    assert 'id="my-status" data-status="rejected"' in html
    assert "1</strong> of <strong>9</strong> reviewed" in html
    # JSON API
    api = client.post(f"/api/flags/{review.pk['c6~f5']}/decision",
                      data={"action": "uncertain"}, headers={"X-CSRF-Token": csrf(client)})
    assert api.status_code == 200 and api.json()["decision"]["status"] == "uncertain"
    assert api.json()["progress"]["reviewed"] == 2
    bad = client.post(f"/api/flags/{pk}/decision", data={"action": "destroy"}, headers={"X-CSRF-Token": csrf(client)})
    assert bad.status_code == 400
    missing = client.post("/api/flags/424242/decision", data={"action": "accept"}, headers={"X-CSRF-Token": csrf(client)})
    assert missing.status_code == 404


def test_app_undo(client, review):
    a, b = review.pk["c1~f1"], review.pk["c6~f5"]
    decide(client, a, "accept")
    decide(client, b, "reject")
    response = client.post("/undo", data={"csrf_token": csrf(client), "next": f"/flags/{review.pk['c1~f2']}"},
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/flags/{b}"
    current = review.store.current_decisions(review.run_id)
    assert (b, "alice") not in current and current[(a, "alice")]["status"] == "accepted"
    assert [h["action"] for h in review.store.history(flag_pk=b)] == ["reject", "undo"]


def test_app_post_without_csrf_token_is_rejected(client, review):
    pk = review.pk["c1~f1"]
    assert client.post(f"/flags/{pk}/decision", data={"action": "accept"}).status_code == 403
    assert client.post(f"/flags/{pk}/decision", data={"action": "accept", "csrf_token": "x" * 43}).status_code == 403
    assert client.post(f"/api/flags/{pk}/decision", data={"action": "accept"}).status_code == 403
    assert client.post("/undo", data={}).status_code == 403
    assert client.post("/reviewer", data={"name": "mallory"}).status_code == 403
    # a cross-origin post is refused even with the token
    cross = client.post(f"/flags/{pk}/decision", data={"action": "accept", "csrf_token": csrf(client)},
                        headers={"Origin": "http://evil.example"})
    assert cross.status_code == 403
    assert review.store.history() == []


def test_app_token_required_off_loopback(review):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")
    check_bind("127.0.0.1", None)
    with pytest.raises(SecurityError):
        check_bind("0.0.0.0", None)
    check_bind("0.0.0.0", "s3cret-token")

    with TestClient(create_app(review.store, run_id=review.run_id, token="s3cret-token")) as c:
        assert c.get("/api/queue").status_code == 401
        assert c.get("/static/review.js").status_code == 401
        assert c.get("/?token=wrong").status_code == 401
        first = c.get("/api/queue?token=s3cret-token", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/api/queue"
        assert "dissonance_token=" in first.headers["set-cookie"]
        assert c.get("/api/queue").status_code == 200  # the cookie carries it from now on
        assert c.get("/static/review.js").status_code == 200
    with TestClient(create_app(review.store, run_id=review.run_id, token="s3cret-token")) as c:
        assert c.get("/api/stats", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200


def test_app_refuses_to_serve_off_loopback_without_token(review):
    from dissonance.review.app import serve

    with pytest.raises(SecurityError):
        serve(create_app(review.store), host="0.0.0.0", port=0)


def test_app_two_reviewers_both_kept_and_counted(review):
    pks = [review.pk[f] for f in ORDER[:4]]
    app = create_app(review.store, run_id=review.run_id)
    with TestClient(app) as alice, TestClient(app) as bob:
        login(alice, "alice")
        login(bob, "bob")
        for pk, a, b in zip(pks, ["accept", "accept", "reject", "reject"], ["accept", "reject", "reject", "reject"]):
            assert decide(alice, pk, a).status_code == 303
            assert decide(bob, pk, b).status_code == 303
        data = alice.get(f"/api/flags/{pks[1]}").json()
        assert {who: d["status"] for who, d in data["decisions"].items()} == {"alice": "accepted", "bob": "rejected"}
        assert data["mine"]["reviewer"] == "alice"
        assert bob.get(f"/api/flags/{pks[1]}").json()["mine"]["status"] == "rejected"
        stats = alice.get("/api/stats").json()
        # alice: acc acc rej rej; bob: acc rej rej rej; p_o = 3/4; p_e = (2*1 + 2*3)/16 = 1/2; kappa = 0.5
        assert stats["agreement"] == [{"reviewers": ["alice", "bob"], "n": 4, "agree": 3, "observed": 0.75,
                                       "kappa": 0.5}]
        assert {r["reviewer"]: r["decisions"] for r in stats["reviewers"]} == {"alice": 4, "bob": 4}
        html = alice.get("/stats").text
        assert "alice · bob" in html and '<td class="num kappa">0.5</td>' in html
        rates = {r["indicator"]: r for r in stats["indicators"]}
        assert rates["wounds_head_chest"]["decisions"] == 4 and rates["wounds_head_chest"]["accept_rate"] == 0.75


def test_app_decision_survives_restart(run_dir, tmp_path):
    db = tmp_path / "review.db"
    store = ReviewStore(db)
    run_id = store.load_run(run_dir)
    pk = store.flags(run_id)[0]["id"]
    with TestClient(create_app(store, run_id=run_id)) as c:
        login(c, "alice")
        decide(c, pk, "reject", note="shot from behind")
    store.close()

    store = ReviewStore(db)  # a new process would do exactly this
    assert store.load_run(run_dir) == run_id
    with TestClient(create_app(store)) as c:
        login(c, "alice")
        data = c.get(f"/api/flags/{pk}").json()
        assert data["mine"]["status"] == "rejected" and data["mine"]["note"] == "shot from behind"
    store.close()


def test_app_unknown_flag_is_404(client):
    assert client.get("/flags/424242").status_code == 404
    assert client.get("/api/flags/424242").json()["status"] == 404


def test_app_static_assets_are_local(client):
    js = client.get("/static/review.js")
    css = client.get("/static/review.css")
    assert js.status_code == 200 and css.status_code == 200
    assert "http://" not in js.text and "https://" not in js.text
    html = client.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_app_redirects_stay_local(client, review):
    response = client.post("/reviewer", data={"name": "alice", "next": "//evil.example/x", "csrf_token": csrf(client)},
                           follow_redirects=False)
    assert response.headers["location"] == "/"
    response = decide(client, review.pk["c1~f1"], "accept", next="https://evil.example/")
    assert response.headers["location"] == f"/flags/{review.pk['c1~f1']}"


def test_app_flag_page_shows_decisions_on_the_same_pair_in_earlier_runs(review, tmp_path):
    """After a re-analysis, the new run's flag page shows what reviewers decided on the same pair before,
    with their note (escaped), and the new flag itself stays unreviewed."""
    import shutil

    store = review.store
    store.decide(review.pk["c1~f1"], "bob", "reject", note="<b>exchange</b> of fire", corrected_label="none")
    copy = tmp_path / "rerun" / "run-1"
    shutil.copytree(review.run_dir, copy)
    second = store.load_run(copy)
    pk = {f["flag_id"]: f["id"] for f in store.flags(second)}["c1~f1"]
    with TestClient(create_app(store, run_id=second)) as c:
        login(c, "alice")
        html = c.get(f"/flags/{pk}").text
    assert 'id="earlier"' in html and "bob: rejected" in html and f"run {review.run_id}" in html
    assert "&lt;b&gt;exchange&lt;/b&gt; of fire" in html and "<b>exchange</b>" not in html
    assert "on nearby words" not in html  # the very same words
    assert store.current_decisions(second) == {}
    # a re-analysis that cuts the claim shorter: the decision is shown with the words it was taken on
    from dissonance.review.models import Flag

    with store.session() as session:
        flag = session.get(Flag, pk)
        flag.source_end -= len(" in La Vega")
        flag.source_text = flag.source_text[: -len(" in La Vega")]
        session.commit()
    with TestClient(create_app(store, run_id=second)) as c:
        login(c, "alice")
        html = c.get(f"/flags/{pk}").text
    assert "bob: rejected" in html and "on nearby words" in html and "with FAES officers in La Vega" in html


def test_app_flag_page_shows_evidence_the_other_way(client, review):
    with_counter = client.get(f"/flags/{review.pk['c6~f5']}").text
    assert 'id="counter-evidence"' in with_counter and "officers hurt" in with_counter
    assert "two officers &lt;b&gt;were&lt;/b&gt; wounded in the raid" in with_counter and "[10:52]" in with_counter
    assert client.get(f"/api/flags/{review.pk['c6~f5']}").json()["flag"]["counter_evidence"][0]["kind"] == "officers_hurt"
    without = client.get(f"/flags/{review.pk['c1~f1']}").text
    assert 'id="counter-evidence"' not in without
    assert client.get(f"/api/flags/{review.pk['c1~f1']}").json()["flag"]["counter_evidence"] is None


def test_app_queue_reading_filter_and_column(client, review):
    """Analysts can review the flags the tool read clearly first, or check the doubtful ones."""
    def ids(query):
        return [f["flag_id"] for f in client.get(f"/api/queue?{query}").json()["flags"]]

    uncertain = ids("reading=uncertain")
    assert uncertain and set(uncertain).isdisjoint(ids("reading=clear"))
    assert sorted(uncertain + ids("reading=clear")) == sorted(ids(""))
    html = client.get("/?reading=uncertain").text
    assert 'option value="uncertain" selected' in html and "Reading" in html
    assert html.count('<tr data-url=') == len(uncertain)
    assert '<td class="num">0.55</td>' in html


def test_app_reviewer_places_a_document_in_another_incident_or_none(client, review):
    from dissonance.incidents.given import read_linking

    pk = review.pk["c1~f1"]
    html = client.get(f"/flags/{pk}").text
    assert 'id="placement"' in html and 'name="doc_id" value="doc-official-en"' in html
    assert "the tool links it to <code>inc-lavega-2018-01</code>" in html
    response = client.post("/documents/place", data={"doc_id": "doc-autopsia-es", "incident": "  la-vega-autopsies ",
                                                      "action": "move", "csrf_token": csrf(client), "next": f"/flags/{pk}"},
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/flags/{pk}"
    client.post("/documents/place", data={"doc_id": "doc-official-en", "incident": "ignored", "action": "none",
                                          "csrf_token": csrf(client)})
    html = client.get(f"/flags/{pk}").text
    assert '<code class="placed">la-vega-autopsies</code>' in html and '<code class="placed">no incident</code>' in html
    download = client.get("/linking.csv")
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    path = review.run_dir.parent / "reviewed-linking.csv"
    path.write_text(download.text, encoding="utf-8")
    linking = read_linking(path).incidents
    assert linking["doc-autopsia-es"] == "la-vega-autopsies" and linking["doc-official-en"] is None
    assert linking["doc-ngo-en"] == "inc-lavega-2018-01"  # untouched documents keep the tool's incident
    # errors: an unknown document, no CSRF token, an incident id on two lines
    assert client.post("/api/documents/place", data={"doc_id": "nope", "incident": "x"},
                       headers={"X-CSRF-Token": csrf(client)}).status_code == 404
    assert client.post("/documents/place", data={"doc_id": "doc-ngo-en", "incident": "x"}).status_code == 403
    assert client.post("/api/documents/place", data={"doc_id": "doc-ngo-en", "incident": "a\nb"},
                       headers={"X-CSRF-Token": csrf(client)}).status_code == 400
    # a second reviewer's later placement wins in the download, and each reviewer's own can be asked for
    review.store.place_document(review.run_id, "doc-autopsia-es", "inc-lavega-2018-01", "bob")
    rows = {r["doc_id"]: r for r in review.store.linking(review.run_id)}
    assert rows["doc-autopsia-es"]["incident"] == "inc-lavega-2018-01" and rows["doc-autopsia-es"]["by"] == "bob"
    alice_only = client.get("/linking.csv?reviewer=alice").text
    assert "doc-autopsia-es,la-vega-autopsies," in alice_only


def test_app_placement_escapes_incident_names(client, review):
    client.post("/documents/place", data={"doc_id": "doc-ngo-en", "incident": SCRIPT, "action": "move",
                                          "csrf_token": csrf(client)})
    html = client.get(f"/flags/{review.pk['c1~c4']}").text  # the NGO document is this flag's other end
    assert SCRIPT not in html and '<code class="placed">&lt;script&gt;alert(1)&lt;/script&gt;</code>' in html


def test_app_earlier_decision_on_a_denial_pair_is_found_whichever_claim_comes_first(review, tmp_path):
    """A claim-claim pair is the same pair when a later run orients it the other way round."""
    import shutil

    from dissonance.review.models import Flag

    store = review.store
    store.decide(review.pk["c1~c4"], "bob", "accept", note="the NGO denies the clash")
    copy = tmp_path / "rerun" / "run-1"
    shutil.copytree(review.run_dir, copy)
    second = store.load_run(copy)
    pk = {f["flag_id"]: f["id"] for f in store.flags(second)}["c1~c4"]
    with store.session() as session:
        flag = session.get(Flag, pk)
        for key in ("id", "doc_id", "start", "end", "text"):
            a, b = getattr(flag, f"source_{key}"), getattr(flag, f"target_{key}")
            setattr(flag, f"source_{key}", b)
            setattr(flag, f"target_{key}", a)
        session.commit()
    earlier = store.earlier_decisions(pk)
    assert [(e["reviewer"], e["status"], e["same_words"]) for e in earlier] == [("bob", "accepted", True)]


def test_app_flags_the_analysis_set_aside_have_a_queue_of_their_own(run_dir):
    """A run's set_aside.parquet (flags kept but not given: an incident whose evidence fits a real exchange of
    fire) is imported apart: not in the queue, its filters or the statistics of given flags; in a queue of its
    own, each flag saying why it was set aside, where a reviewer may still accept one."""
    flags = pd.read_parquet(run_dir / "flags.parquet")
    aside = flags[flags["flag_id"] == "c1~f2"].assign(
        set_aside_because="the incident's evidence fits a real exchange of fire: officers hurt (2 claims)")
    flags[flags["flag_id"] != "c1~f2"].to_parquet(run_dir / "flags.parquet", index=False)
    aside.to_parquet(run_dir / "set_aside.parquet", index=False)
    store = ReviewStore("sqlite://")
    run_id = store.load_run(run_dir)
    with TestClient(create_app(store, run_id=run_id)) as c:
        login(c, "alice")
        given = [f["flag_id"] for f in c.get("/api/queue").json()["flags"]]
        assert "c1~f2" not in given and len(given) == len(ORDER) - 1
        assert [f["flag_id"] for f in c.get("/api/queue?aside=1").json()["flags"]] == ["c1~f2"]
        assert "c1~f2" not in {r["flag_id"] for r in store.flags(run_id)}
        html = c.get("/").text
        assert 'href="/?aside=1">1 flags</a>' in html
        assert "set aside" in c.get("/?aside=1").text and "Back to the flags it gives" in c.get("/?aside=1").text
        pk = next(f["id"] for f in store.flags(run_id, set_aside=True))
        page = c.get(f"/flags/{pk}").text
        assert 'id="set-aside"' in page and "fits a real exchange of fire: officers hurt (2 claims)" in page
        assert c.get(f"/api/flags/{pk}").json()["nav"]["count"] == 1
        assert decide(c, pk, "accept").status_code == 303
        assert store.current_decisions(run_id)[(pk, "alice")]["status"] == "accepted"
    from dissonance.review.export import reviewed_set

    docs, _ = reviewed_set(store, run_id)
    assert ("c1", "f2", "contradicts") in {(r.source, r.target, r.label) for d in docs for r in d.relations}
    store.close()
