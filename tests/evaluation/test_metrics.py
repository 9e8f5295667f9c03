"""`evaluate` against numbers worked out by hand, one rule at a time."""

import pytest

from dissonance.evaluation import evaluate, score
from dissonance.evaluation.incidents import b_cubed
from dissonance.evaluation.metrics import METRIC_KEYS

from .builders import claim, doc, finding, rel

PERFECT_EMPTY = {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 0, "pred": 0, "gold": 0}
ZERO = {"p": 0.0, "r": 0.0, "f1": 0.0}


def prf(p, r, f1, tp, pred, gold):
    return {"p": p, "r": r, "f1": f1, "tp": tp, "pred": pred, "gold": gold}


def test_metrics_layout_has_the_format_keys_in_order():
    m = evaluate([doc("d")], [doc("d")])
    assert list(m) == list(METRIC_KEYS) == [
        "claims", "findings", "attributes", "source_type", "missing_docs", "incidents_b3", "relations",
    ]
    assert list(m["claims"]) == ["detection", "typed", "per_type"]
    assert list(m["attributes"]) == ["body_regions", "range", "direction", "polarity", "speaker_role", "value"]
    assert list(m["relations"]) == ["contradicts", "supports"]


def test_metrics_typed_versus_detection_and_per_type():
    gold = [doc("d", claims=[
        claim("g1", 0, 10, "armed_confrontation"),
        claim("g2", 20, 30, "crossfire"),
        claim("g3", 40, 50, "crossfire"),
    ])]
    pred = [doc("d", claims=[
        claim("p1", 0, 10, "armed_confrontation"),
        claim("p2", 20, 30, "armed_confrontation"),   # matched, wrong type
        claim("p3", 60, 70, "execution_allegation"),  # unmatched
    ])]
    ev = score(gold, pred)
    c = ev.metrics["claims"]
    assert c["detection"] == prf(0.6667, 0.6667, 0.6667, 2, 3, 3)
    assert c["typed"] == prf(0.3333, 0.3333, 0.3333, 1, 3, 3)
    assert c["per_type"] == {
        # 1 hit of 2 predictions, 1 gold: P .5, R 1
        "armed_confrontation": prf(0.5, 1.0, 0.6667, 1, 2, 1),
        # nothing predicted, something expected: P 0
        "crossfire": prf(0.0, 0.0, 0.0, 0, 0, 2),
        # predicted, nothing expected: R 0
        "execution_allegation": prf(0.0, 0.0, 0.0, 0, 1, 0),
    }
    assert ev.metrics["findings"] == {"detection": PERFECT_EMPTY, "typed": PERFECT_EMPTY, "per_type": {}}
    assert dict(ev.details.confusion["claims"]) == {
        ("armed_confrontation", "armed_confrontation"): 1,
        ("crossfire", "armed_confrontation"): 1,
        ("crossfire", "(none)"): 1,
        ("(none)", "execution_allegation"): 1,
    }
    rows = {r["type"]: r for r in ev.details.tables["claims_per_type"]}
    assert rows["armed_confrontation"]["p"] == 0.5 and set(rows) == set(c["per_type"])


def test_metrics_findings_scored_apart_from_claims():
    # a claim and a finding on the same offsets never match each other
    gold = [doc("d", claims=[claim("gc", 0, 10)], findings=[finding("gf", 50, 60, "torture")])]
    pred = [doc("d", claims=[claim("pc", 50, 60)], findings=[finding("pf", 0, 10, "torture")])]
    m = evaluate(gold, pred)
    assert m["claims"]["detection"] == prf(0.0, 0.0, 0.0, 0, 1, 1)
    assert m["findings"]["detection"] == prf(0.0, 0.0, 0.0, 0, 1, 1)


def test_metrics_attribute_accuracies():
    gold = [doc("d",
        claims=[
            claim("c1", 0, 10, "casualty_count", polarity="asserted", speaker_role="official", value=14),
            claim("c2", 20, 30, "casualty_count", polarity="denied", speaker_role="ngo", value=3),
            claim("c3", 40, 50, "other", value=7),              # no polarity, no role
            claim("c4", 60, 70, "other", polarity="denied"),    # unmatched: not scored
        ],
        findings=[
            finding("f1", 100, 110, "gunshot_wound", body_regions=["head", "chest"], range="close", direction="downward"),
            finding("f2", 120, 130, "gunshot_wound", body_regions=["head"], range="distant"),
            finding("f3", 140, 150, "torture"),
        ],
    )]
    pred = [doc("d",
        claims=[
            claim("q1", 0, 10, "other", speaker_role="official", value=14.0),  # polarity missing = asserted
            claim("q2", 20, 30, "casualty_count", speaker_role="official"),    # missing polarity != denied
            claim("q3", 40, 50, "other", polarity="denied", speaker_role="ngo", value=7),
        ],
        findings=[
            finding("h1", 100, 110, "torture", body_regions=["chest", "head", "head"], range="close"),
            finding("h2", 120, 130, "gunshot_wound", range="close"),
            finding("h3", 140, 150, "torture", body_regions=["arm"], range="close", direction="upward"),
        ],
    )]
    a = evaluate(gold, pred)["attributes"]
    assert a == {
        "body_regions": {"acc": 0.5, "n": 2},   # f1 set-equal (order, repeats ignored); f2 none predicted
        "range": {"acc": 0.5, "n": 2},          # f1 close = close; f2 distant != close; f3 has none
        "direction": {"acc": 0.0, "n": 1},      # f1 downward, predicted nothing
        "polarity": {"acc": 0.5, "n": 2},       # c1 asserted = (missing -> asserted); c2 denied != asserted
        "speaker_role": {"acc": 0.5, "n": 2},   # c1 official ok; c2 ngo != official
        "value": {"acc": 0.6667, "n": 3},       # c1 14 = 14.0; c2 3 != none; c3 7 = 7
    }


def test_metrics_attributes_with_nothing_to_score_are_vacuous():
    a = evaluate([doc("d", claims=[claim("c", 0, 5)])], [doc("d", claims=[claim("p", 0, 5, polarity="denied")])])
    assert all(v == {"acc": 1.0, "n": 0} for v in a["attributes"].values())


def test_metrics_source_type_and_missing_documents():
    gold = [
        doc("d1", claims=[claim("g1", 0, 10)], source_type="media"),
        doc("d2", source_type="official"),
        doc("d3", claims=[claim("g3", 0, 10)], source_type="ngo"),   # absent from prediction
    ]
    pred = [
        doc("d1", claims=[claim("p1", 0, 10)], source_type="media"),
        doc("d2", source_type="media"),
        doc("d4", claims=[claim("p4", 0, 10, "crossfire")], source_type="official"),  # not in gold: ignored
    ]
    m = evaluate(gold, pred)
    assert m["missing_docs"] == 1
    assert m["source_type"] == {"acc": 0.5, "n": 2}
    # d3's gold claim counts against recall, d4's prediction is not counted at all
    assert m["claims"]["detection"] == prf(1.0, 0.5, 0.6667, 1, 1, 2)
    assert "crossfire" not in m["claims"]["per_type"]


def test_metrics_both_sets_empty():
    m = evaluate([], [])
    for kind in ("claims", "findings"):
        assert m[kind] == {"detection": PERFECT_EMPTY, "typed": PERFECT_EMPTY, "per_type": {}}
    assert m["relations"] == {"contradicts": PERFECT_EMPTY, "supports": PERFECT_EMPTY}
    assert m["source_type"] == {"acc": 1.0, "n": 0}
    assert m["missing_docs"] == 0
    assert m["incidents_b3"] is None


def test_metrics_empty_prediction():
    gold = [doc("d",
        claims=[claim("c1", 0, 10, "crossfire", incident="i1")],
        findings=[finding("f1", 20, 30, "torture", incident="i1")],
        relations=[rel("c1", "f1", "contradicts")],
    )]
    for pred in ([], [doc("d")]):  # document absent, or present with nothing in it
        m = evaluate(gold, pred)
        assert m["missing_docs"] == (1 if not pred else 0)
        assert m["claims"]["detection"] == prf(0.0, 0.0, 0.0, 0, 0, 1)
        assert m["claims"]["per_type"] == {"crossfire": prf(0.0, 0.0, 0.0, 0, 0, 1)}
        assert m["findings"]["typed"] == prf(0.0, 0.0, 0.0, 0, 0, 1)
        assert m["relations"]["contradicts"] == prf(0.0, 0.0, 0.0, 0, 0, 1)
        assert m["relations"]["supports"] == PERFECT_EMPTY
        # both spans alone: every predicted cluster is pure, recall 1/2 each
        assert m["incidents_b3"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "n": 2}
        assert m["source_type"]["n"] == (0 if not pred else 1)


def test_metrics_b_cubed_on_a_hand_worked_clustering():
    # gold incidents A = {a1, a2, a3}, B = {b1, b2}; n1 carries none (not an item)
    gold = [
        doc("d1", claims=[
            claim("a1", 0, 10, incident="A"), claim("a2", 20, 30, incident="A"), claim("n1", 40, 50),
        ]),
        doc("d2",
            claims=[claim("a3", 0, 10, incident="A")],
            findings=[finding("b1", 20, 30, incident="B"), finding("b2", 40, 50, incident="B")]),
    ]
    # predicted: a1, a2, b1 -> X; a3 -> Y; b2 matched without incident -> alone;
    # n1's match says X but n1 is no item, so X holds only a1, a2, b1
    pred = [
        doc("d1", claims=[
            claim("p1", 0, 10, incident="X"), claim("p2", 20, 30, incident="X"), claim("pn", 40, 50, incident="X"),
        ]),
        doc("d2",
            claims=[claim("p3", 0, 10, incident="Y")],
            findings=[finding("q1", 20, 30, incident="X"), finding("q2", 40, 50)]),
    ]
    # P: a1 2/3, a2 2/3, b1 1/3, a3 1, b2 1 -> 11/15; R: 2/3, 2/3, 1/2, 1/3, 1/2 -> 8/15
    # F1 = 2 * 11/15 * 8/15 / (19/15) = 176/285
    assert evaluate(gold, pred)["incidents_b3"] == {"p": 0.7333, "r": 0.5333, "f1": 0.6175, "n": 5}


def test_metrics_b_cubed_unmatched_span_is_its_own_cluster():
    gold = [doc("d", claims=[claim("a1", 0, 10, incident="A"), claim("a2", 20, 30, incident="A")])]
    pred = [doc("d", claims=[claim("p1", 0, 10, incident="X"), claim("p2", 60, 70, incident="X")])]
    # a1 -> X alone among items, a2 unmatched -> alone: P 1, R 1/2
    assert evaluate(gold, pred)["incidents_b3"] == {"p": 1.0, "r": 0.5, "f1": 0.6667, "n": 2}


def test_metrics_b_cubed_function_directly():
    assert b_cubed([]) is None
    assert b_cubed([("a", 1), ("b", 1)]) == {"p": 0.5, "r": 1.0, "f1": 0.6667, "n": 2}


def test_metrics_incidents_null_when_gold_has_none():
    gold = [doc("d", claims=[claim("c", 0, 10)])]
    pred = [doc("d", claims=[claim("p", 0, 10, incident="X")])]
    assert evaluate(gold, pred)["incidents_b3"] is None


def test_metrics_relations_across_documents_reversed_and_duplicated():
    gold = [
        doc("d1", claims=[claim("c1", 0, 10)], relations=[rel("c1", "f1", "contradicts")]),
        doc("d2",
            claims=[claim("c2", 20, 30)],
            findings=[finding("f1", 0, 10)],
            relations=[rel("c2", "c1", "contradicts"), rel("c2", "f1", "supports")]),
    ]
    pred = [
        doc("d1",
            claims=[claim("pc1", 0, 10), claim("pc3", 100, 110)],   # pc3 matches nothing
            relations=[
                rel("pf1", "pc1", "contradicts"),   # reversed ends of gold c1-f1: correct
                rel("pc1", "pf1", "contradicts"),   # the same gold relation again: costs precision
                rel("pc1", "pc2", "contradicts"),   # reversed c2-c1, across documents: correct
            ]),
        doc("d2",
            claims=[claim("pc2", 20, 30)],
            findings=[finding("pf1", 1, 10)],
            relations=[
                rel("pc2", "pf1", "contradicts"),   # gold says supports: wrong label
                rel("pc3", "pf1", "supports"),      # an end without a match: wrong
            ]),
        doc("d9", relations=[rel("pc1", "pf1", "contradicts")]),  # not in gold: ignored
    ]
    ev = score(gold, pred)
    assert ev.metrics["relations"] == {
        "contradicts": prf(0.5, 1.0, 0.6667, 2, 4, 2),
        "supports": prf(0.0, 0.0, 0.0, 0, 1, 1),
    }
    assert dict(ev.details.confusion["relations"]) == {
        ("contradicts", "contradicts"): 2,
        ("(none)", "contradicts"): 1,
        ("supports", "contradicts"): 1,
        ("(none)", "supports"): 1,
    }


def test_metrics_relation_matching_ignores_span_type():
    # relation ends map through the type-blind matching
    gold = [doc("d", claims=[claim("c", 0, 10, "crossfire")], findings=[finding("f", 20, 30, "torture")],
                relations=[rel("c", "f", "contradicts")])]
    pred = [doc("d", claims=[claim("p", 0, 10, "other")], findings=[finding("q", 20, 30, "other")],
                relations=[rel("p", "q", "contradicts")])]
    assert evaluate(gold, pred)["relations"]["contradicts"] == prf(1.0, 1.0, 1.0, 1, 1, 1)


def test_metrics_duplicate_gold_relation_can_be_found_twice():
    gold = [doc("d", claims=[claim("a", 0, 10), claim("b", 20, 30)],
                relations=[rel("a", "b"), rel("b", "a")])]
    pred = [doc("d", claims=[claim("p", 0, 10), claim("q", 20, 30)],
                relations=[rel("p", "q"), rel("p", "q"), rel("p", "q")])]
    assert evaluate(gold, pred)["relations"]["contradicts"] == prf(0.6667, 1.0, 0.8, 2, 3, 2)


def test_metrics_rejects_duplicate_document_ids():
    with pytest.raises(ValueError, match="duplicate document id 'd'"):
        evaluate([doc("d"), doc("d")], [])
