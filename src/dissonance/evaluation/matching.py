"""Span matching: which predicted span stands for which gold span.

The format document fixes the rule so that two implementations agree: a
predicted span matches a gold span when their overlap covers at least half of
each; matching is one-to-one, largest overlap first, ties broken by gold order
and then prediction order. Type is ignored here: typed scores reuse this one
matching, so a wrong type costs a typed hit but never changes which spans pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Protocol


class Located(Protocol):
    start: int
    end: int


def overlap(a: Located, b: Located) -> int:
    """Characters shared by two half-open spans (0 when disjoint)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def can_match(gold: Located, pred: Located) -> bool:
    """True when the overlap covers at least half of each span.

    >>> from types import SimpleNamespace as S
    >>> can_match(S(start=0, end=4), S(start=2, end=6))   # 2 of 4, 2 of 4
    True
    >>> can_match(S(start=0, end=5), S(start=3, end=6))   # 2 of 5
    False
    """
    shared = overlap(gold, pred)
    return shared > 0 and 2 * shared >= gold.end - gold.start and 2 * shared >= pred.end - pred.start


def match_spans(gold: Sequence[Located], pred: Sequence[Located]) -> list[tuple[int, int]]:
    """One-to-one matching of spans of one document and kind.

    Returns `(gold_index, pred_index)` pairs, sorted by gold index. Candidate
    pairs are taken greedily by largest overlap, then lowest gold index, then
    lowest prediction index; a pair is kept when neither side is taken yet.

    >>> from types import SimpleNamespace as S
    >>> match_spans([S(start=0, end=10)], [S(start=0, end=6), S(start=0, end=10)])
    [(0, 1)]
    """
    candidates = sorted(
        (-overlap(g, p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if can_match(g, p)
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def ends_match(a_start, a_end, b_start, b_end) -> bool:
    """`can_match` on bare offsets; where an offset is unknown, only identical offsets match."""
    if None in (a_start, a_end, b_start, b_end):
        return a_start == b_start and a_end == b_end
    return can_match(SimpleNamespace(start=a_start, end=a_end), SimpleNamespace(start=b_start, end=b_end))


def same_pair(a, b, *, either_way: bool = False) -> bool:
    """Two relations (flags of two runs) join the same two spans: in the same documents, each end
    matching the other's by the rule above; with `either_way`, the source of one may be the target of
    the other (the two claims of a denial, whichever came first). Labels are the caller's to compare."""
    def ends(r):
        return ((r.source_doc_id, r.source_start, r.source_end), (r.target_doc_id, r.target_start, r.target_end))

    def covers(x, y):
        return x[0] == y[0] and ends_match(x[1], x[2], y[1], y[2])

    (a1, a2), (b1, b2) = ends(a), ends(b)
    return (covers(a1, b1) and covers(a2, b2)) or (either_way and covers(a1, b2) and covers(a2, b1))
