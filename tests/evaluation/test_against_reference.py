"""`evaluate` agrees with the brute-force reference on random small sets.

Spans are short and crowded on a short text, so exact-half overlaps, ties and
competing predictions are frequent; types, attributes, incidents and
relations (duplicated, reversed, across documents, into documents missing
from gold) are drawn at random from small pools.
"""

import random

import pytest

from dissonance.evaluation import evaluate

from .builders import claim, doc, finding, rel
from .reference import reference_metrics

CLAIM_TYPES = ["armed_confrontation", "crossfire", "execution_allegation"]
FINDING_TYPES = ["gunshot_wound", "torture"]
SOURCE_TYPES = ["media", "official"]


def _maybe(rng, *values):
    return rng.choice([None, *values])


def _bounds(rng, near=None):
    if near is not None and rng.random() < 0.7:
        start = max(0, near.start + rng.randint(-2, 2))
        end = max(start + 1, near.end + rng.randint(-2, 2))
        return start, end
    start = rng.randint(0, 24)
    return start, start + rng.randint(1, 8)


def _claim(rng, id, near, incidents):
    start, end = _bounds(rng, near)
    return claim(
        id, start, end, rng.choice(CLAIM_TYPES),
        polarity=_maybe(rng, "asserted", "denied", "questioned"),
        speaker_role=_maybe(rng, "official", "ngo"),
        value=_maybe(rng, 1.0, 2.0),
        incident=_maybe(rng, *incidents),
    )


def _finding(rng, id, near, incidents):
    start, end = _bounds(rng, near)
    return finding(
        id, start, end, rng.choice(FINDING_TYPES),
        body_regions=_maybe(rng, [], ["head"], ["head", "chest"], ["chest", "head"]),
        range=_maybe(rng, "close", "distant"),
        direction=_maybe(rng, "downward", "lateral"),
        incident=_maybe(rng, *incidents),
    )


def _relations(rng, docs, span_ids):
    for _ in range(rng.randint(0, 6)):
        if len(span_ids) < 2 or not docs:
            return
        a, b = rng.sample(span_ids, 2)
        r = rel(a, b, rng.choice(["contradicts", "supports"]))
        rng.choice(docs).relations.append(r)
        if rng.random() < 0.3:  # a duplicate, possibly reversed
            again = rel(b, a, r.label) if rng.random() < 0.5 else rel(a, b, r.label)
            rng.choice(docs).relations.append(again)


def _echo_relations(rng, gold, pred, near_of):
    """Predicted relations copied from gold ones through spans drawn near their ends."""
    if not pred:
        return
    gold_relations = [r for d in gold for r in d.relations]
    for r in gold_relations:
        sources = [p for p, g in near_of.items() if g == r.source]
        targets = [p for p, g in near_of.items() if g == r.target]
        if not sources or not targets or rng.random() < 0.2:
            continue
        a, b = rng.choice(sources), rng.choice(targets)
        if rng.random() < 0.4:
            a, b = b, a
        label = r.label if rng.random() < 0.8 else rng.choice(["contradicts", "supports"])
        rng.choice(pred).relations.append(rel(a, b, label))


def random_case(seed):
    rng = random.Random(seed)
    gold, pred = [], []
    gold_ids, pred_ids = [], []
    near_of = {}  # predicted span id -> the gold span it was drawn near
    for d in range(rng.randint(0, 3)):
        g_claims = [_claim(rng, f"g{d}c{i}", None, ["A", "B", "C"]) for i in range(rng.randint(0, 4))]
        g_findings = [_finding(rng, f"g{d}f{i}", None, ["A", "B", "C"]) for i in range(rng.randint(0, 3))]
        gold.append(doc(f"d{d}", g_claims, g_findings, source_type=rng.choice(SOURCE_TYPES)))
        gold_ids += [s.id for s in g_claims + g_findings]
        if rng.random() < 0.8:
            p_spans = {"c": [], "f": []}
            for kind, pool, make, most in (("c", g_claims, _claim, 5), ("f", g_findings, _finding, 4)):
                for i in range(rng.randint(0, most)):
                    near = rng.choice(pool) if pool else None
                    span = make(rng, f"p{d}{kind}{i}", near, ["X", "Y"])
                    p_spans[kind].append(span)
                    if near is not None:
                        near_of[span.id] = near.id
            pred.append(doc(f"d{d}", p_spans["c"], p_spans["f"], source_type=rng.choice(SOURCE_TYPES)))
            pred_ids += [s.id for s in p_spans["c"] + p_spans["f"]]
    if rng.random() < 0.3:  # a predicted document gold does not have
        extra = doc("extra", [_claim(rng, "pxc0", None, ["X"])], [_finding(rng, "pxf0", None, ["X"])])
        pred.append(extra)
        pred_ids += ["pxc0", "pxf0"]
    rng.shuffle(pred)
    _relations(rng, gold, gold_ids)
    _echo_relations(rng, gold, pred, near_of)
    _relations(rng, pred, pred_ids)
    return gold, pred


def assert_close(ours, theirs, path="metrics"):
    if isinstance(theirs, dict):
        assert isinstance(ours, dict), path
        assert set(ours) == set(theirs), f"{path}: keys {sorted(ours)} != {sorted(theirs)}"
        for key in theirs:
            assert_close(ours[key], theirs[key], f"{path}.{key}")
    elif theirs is None:
        assert ours is None, path
    else:
        assert ours == pytest.approx(theirs, abs=1e-3), f"{path}: {ours} != {theirs}"


@pytest.mark.parametrize("block", range(4))
def test_evaluate_agrees_with_reference_on_random_sets(block):
    for seed in range(block * 100, block * 100 + 100):
        gold, pred = random_case(seed)
        ours = evaluate(gold, pred)
        theirs = reference_metrics([d.to_json() for d in gold], [d.to_json() for d in pred])
        try:
            assert_close(ours, theirs)
        except AssertionError as exc:
            raise AssertionError(f"seed {seed}: {exc}") from None


def test_random_cases_exercise_the_rules():
    """The generator does reach the cases that matter (guards against a toothless test)."""
    seen = {"matches": 0, "typed_misses": 0, "missing": 0, "b3": 0, "rel_tp": 0, "half": 0}
    for seed in range(400):
        gold, pred = random_case(seed)
        m = evaluate(gold, pred)
        seen["matches"] += m["claims"]["detection"]["tp"]
        seen["typed_misses"] += m["claims"]["detection"]["tp"] - m["claims"]["typed"]["tp"]
        seen["missing"] += m["missing_docs"]
        seen["b3"] += m["incidents_b3"] is not None
        seen["rel_tp"] += m["relations"]["contradicts"]["tp"] + m["relations"]["supports"]["tp"]
        by_id = {d.id: d for d in pred}
        for g in gold:
            p = by_id.get(g.id)
            for a in g.claims:
                for b in (p.claims if p else []):
                    shared = max(0, min(a.end, b.end) - max(a.start, b.start))
                    seen["half"] += shared > 0 and 2 * shared in (a.end - a.start, b.end - b.start)
    assert all(v >= 20 for v in seen.values()), str(seen)
