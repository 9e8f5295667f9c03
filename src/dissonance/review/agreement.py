"""Agreement between reviewers and accept rates, from current decisions.

`cohen_kappa(a, b)` is Cohen's kappa of two raters over the same items:
(p_o - p_e) / (1 - p_e), with p_o the observed agreement and p_e the
agreement expected from each rater's own category shares.

>>> # 50 items: both yes 20, both no 15, A yes / B no 5, A no / B yes 10
>>> a = ["yes"] * 25 + ["no"] * 25
>>> b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
>>> round(cohen_kappa(a, b), 4)
0.4
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa; None when it is undefined (no items, or both raters used one same category)."""
    if len(a) != len(b):
        raise ValueError(f"ratings differ in length ({len(a)} vs {len(b)})")
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[k] * count_b[k] for k in set(count_a) | set(count_b)) / (n * n)
    if expected == 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def pairwise_agreement(current: Mapping[tuple[int, str], Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per pair of reviewers: flags both reviewed, observed agreement and kappa of their statuses."""
    by_reviewer: dict[str, dict[int, str]] = defaultdict(dict)
    for (flag_pk, reviewer), entry in current.items():
        if entry.get("status"):
            by_reviewer[reviewer][flag_pk] = entry["status"]
    rows = []
    for first, second in combinations(sorted(by_reviewer), 2):
        both = sorted(set(by_reviewer[first]) & set(by_reviewer[second]))
        a = [by_reviewer[first][pk] for pk in both]
        b = [by_reviewer[second][pk] for pk in both]
        agree = sum(x == y for x, y in zip(a, b))
        kappa = cohen_kappa(a, b)
        rows.append({
            "reviewers": [first, second], "n": len(both), "agree": agree,
            "observed": round(agree / len(both), 4) if both else None,
            "kappa": round(kappa, 4) if kappa is not None else None,
        })
    return rows


def accept_rates(flags: Iterable[Mapping[str, Any]],
                 current: Mapping[tuple[int, str], Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per knowledge-base indicator: flags, decisions by status, and accepted / decided."""
    flags = list(flags)
    indicator_of = {f["id"]: f.get("indicator") or "(none)" for f in flags}
    titles = {f.get("indicator") or "(none)": f.get("indicator_title") for f in flags}
    table: dict[str, dict[str, Any]] = {}
    for key in sorted(set(indicator_of.values())):
        table[key] = {"indicator": key, "title": titles.get(key), "flags": 0, "decisions": 0,
                      "accepted": 0, "rejected": 0, "uncertain": 0, "accept_rate": None}
    for key in indicator_of.values():
        table[key]["flags"] += 1
    for (flag_pk, _reviewer), entry in current.items():
        key = indicator_of.get(flag_pk)
        status = entry.get("status")
        if key is None or status not in ("accepted", "rejected", "uncertain"):
            continue
        table[key][status] += 1
        table[key]["decisions"] += 1
    for row in table.values():
        if row["decisions"]:
            row["accept_rate"] = round(row["accepted"] / row["decisions"], 4)
    return sorted(table.values(), key=lambda r: (-r["flags"], r["indicator"]))


def reviewer_counts(current: Mapping[tuple[int, str], Mapping[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for (_pk, reviewer), entry in current.items():
        counts[reviewer][entry.get("status")] += 1
    return [{"reviewer": r, "decisions": sum(c.values()), "accepted": c["accepted"],
             "rejected": c["rejected"], "uncertain": c["uncertain"]} for r, c in sorted(counts.items())]
