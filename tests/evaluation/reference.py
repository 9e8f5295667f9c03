"""An independent, brute-force scorer to check `dissonance.evaluation` against.

Written from the format document alone and deliberately unlike the package:
it works on plain JSON dicts, measures overlap as the size of a set of
character positions, picks matches by repeatedly scanning for the best
remaining pair, computes B-cubed with explicit per-item loops (singleton
clusters are fresh objects, equal only to themselves) and finds relations by
walking a list of gold relations with "found" flags. Numbers are not rounded.
"""

from __future__ import annotations

ASSERTED = "asserted"


def _chars(span):
    return set(range(span["start"], span["end"]))


def _match(gold_spans, pred_spans):
    """List of (gold index, pred index): repeatedly take the best remaining pair."""
    candidates = []
    for gi, g in enumerate(gold_spans):
        for pi, p in enumerate(pred_spans):
            shared = len(_chars(g) & _chars(p))
            if shared == 0:
                continue
            if shared / len(_chars(g)) < 0.5 or shared / len(_chars(p)) < 0.5:
                continue
            candidates.append((shared, gi, pi))
    taken_gold, taken_pred, pairs = [], [], []
    while True:
        best = None
        for shared, gi, pi in candidates:
            if gi in taken_gold or pi in taken_pred:
                continue
            if best is None:
                best = (shared, gi, pi)
                continue
            b_shared, b_gi, b_pi = best
            if shared > b_shared or (shared == b_shared and (gi < b_gi or (gi == b_gi and pi < b_pi))):
                best = (shared, gi, pi)
        if best is None:
            return pairs
        taken_gold.append(best[1])
        taken_pred.append(best[2])
        pairs.append((best[1], best[2]))


def _ratio(num, den, empty_other):
    # num/den; when den is 0: 1 if the other count is 0 too, else 0
    if den == 0:
        if empty_other == 0:
            return 1.0
        return 0.0
    return num / den


def _prf(tp, n_pred, n_gold):
    p = _ratio(tp, n_pred, n_gold)
    r = _ratio(tp, n_gold, n_pred)
    f1 = 0.0 if p == 0 and r == 0 else 2 * p * r / (p + r)
    return {"p": p, "r": r, "f1": f1, "tp": tp, "pred": n_pred, "gold": n_gold}


def _acc(hits, n):
    return {"acc": hits / n if n else 1.0, "n": n}


def reference_metrics(gold_docs, pred_docs):
    """metrics.json for dict documents (as `Document.to_json()` writes them)."""
    pred_by_id = {}
    for d in pred_docs:
        if d["id"] not in pred_by_id:
            pred_by_id[d["id"]] = d

    pairs = {"claims": [], "findings": []}          # (gold span, pred span)
    all_gold = {"claims": [], "findings": []}
    all_pred = {"claims": [], "findings": []}
    present_docs = []
    missing = 0
    for gdoc in gold_docs:
        pdoc = pred_by_id.get(gdoc["id"])
        if pdoc is None:
            missing += 1
        else:
            present_docs.append((gdoc, pdoc))
        for kind in ("claims", "findings"):
            gs = gdoc.get(kind) or []
            ps = (pdoc.get(kind) or []) if pdoc is not None else []
            all_gold[kind].extend(gs)
            all_pred[kind].extend(ps)
            for gi, pi in _match(gs, ps):
                pairs[kind].append((gs[gi], ps[pi]))

    out = {}
    for kind in ("claims", "findings"):
        types = []
        for s in all_gold[kind] + all_pred[kind]:
            if s["type"] not in types:
                types.append(s["type"])
        typed_hits = 0
        for g, p in pairs[kind]:
            if g["type"] == p["type"]:
                typed_hits += 1
        per_type = {}
        for t in types:
            tp = 0
            for g, p in pairs[kind]:
                if g["type"] == t and p["type"] == t:
                    tp += 1
            n_pred = len([s for s in all_pred[kind] if s["type"] == t])
            n_gold = len([s for s in all_gold[kind] if s["type"] == t])
            per_type[t] = _prf(tp, n_pred, n_gold)
        out[kind] = {
            "detection": _prf(len(pairs[kind]), len(all_pred[kind]), len(all_gold[kind])),
            "typed": _prf(typed_hits, len(all_pred[kind]), len(all_gold[kind])),
            "per_type": per_type,
        }

    attributes = {}
    for name, kind in (("body_regions", "findings"), ("range", "findings"), ("direction", "findings"),
                       ("polarity", "claims"), ("speaker_role", "claims"), ("value", "claims")):
        hits = n = 0
        for g, p in pairs[kind]:
            if g.get(name) is None:
                continue
            n += 1
            want, got = g[name], p.get(name)
            if name == "body_regions":
                ok = sorted(set(want)) == sorted(set(got or []))
            elif name == "polarity":
                ok = want == (got if got is not None else ASSERTED)
            else:
                ok = want == got
            if ok:
                hits += 1
        attributes[name] = _acc(hits, n)
    out["attributes"] = attributes

    same = len([1 for g, p in present_docs if g["source_type"] == p["source_type"]])
    out["source_type"] = _acc(same, len(present_docs))
    out["missing_docs"] = missing

    # B-cubed: every gold span with an incident; predicted cluster per item.
    matched_pred = {}
    for kind in ("claims", "findings"):
        for g, p in pairs[kind]:
            matched_pred[id(g)] = p
    gold_cluster, pred_cluster = [], []
    for kind in ("claims", "findings"):
        for g in all_gold[kind]:
            if g.get("incident") is None:
                continue
            gold_cluster.append(g["incident"])
            p = matched_pred.get(id(g))
            if p is not None and p.get("incident") is not None:
                pred_cluster.append(("predicted", p["incident"]))
            else:
                pred_cluster.append(object())
    items = len(gold_cluster)
    if items == 0:
        out["incidents_b3"] = None
    else:
        p_sum = r_sum = 0.0
        for i in range(items):
            in_pred = in_gold = both = 0
            for j in range(items):
                sp = pred_cluster[j] == pred_cluster[i]
                sg = gold_cluster[j] == gold_cluster[i]
                in_pred += sp
                in_gold += sg
                both += sp and sg
            p_sum += both / in_pred
            r_sum += both / in_gold
        bp, br = p_sum / items, r_sum / items
        out["incidents_b3"] = {"p": bp, "r": br, "f1": 0.0 if bp + br == 0 else 2 * bp * br / (bp + br), "n": items}

    # Relations: predicted span id -> gold span id through the matching.
    to_gold = {}
    for kind in ("claims", "findings"):
        for g, p in pairs[kind]:
            to_gold[p["id"]] = g["id"]
    gold_rels = [r for d in gold_docs for r in (d.get("relations") or [])]
    pred_rels = [r for _, d in present_docs for r in (d.get("relations") or [])]
    relations = {}
    for label in ("contradicts", "supports"):
        wanted = [r for r in gold_rels if r["label"] == label]
        found = [False] * len(wanted)
        guesses = [r for r in pred_rels if r["label"] == label]
        tp = 0
        for r in guesses:
            a, b = to_gold.get(r["source"]), to_gold.get(r["target"])
            if a is None or b is None:
                continue
            for k, w in enumerate(wanted):
                if found[k]:
                    continue
                if (w["source"] == a and w["target"] == b) or (w["source"] == b and w["target"] == a):
                    found[k] = True
                    tp += 1
                    break
        relations[label] = _prf(tp, len(guesses), len(wanted))
    out["relations"] = relations
    return out
