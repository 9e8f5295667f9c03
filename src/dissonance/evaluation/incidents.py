"""B-cubed scoring of the incident clustering.

The items are the gold spans that carry an `incident`. Their gold cluster is
that incident; their predicted cluster is the `incident` of the matched
prediction, or a singleton of their own when unmatched or when the match has
no incident (so a system that links nothing gets full precision, low recall).
B-cubed averages, over items, the share of the item's predicted cluster that
is in its gold cluster (precision) and the reverse (recall).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

from .alignment import Alignment
from .counts import DIGITS


def b_cubed(items: Sequence[tuple[Hashable, Hashable]]) -> dict[str, float | int] | None:
    """B-cubed P/R/F1 of `(gold_cluster, predicted_cluster)` items; None if empty.

    Items sharing a (gold, predicted) cell have the same per-item scores, so
    each cell contributes count² / cluster size.

    >>> b_cubed([("a", 1), ("a", 1), ("a", 2)])
    {'p': 1.0, 'r': 0.5556, 'f1': 0.7143, 'n': 3}
    """
    n = len(items)
    if not n:
        return None
    gold_size = Counter(g for g, _ in items)
    pred_size = Counter(p for _, p in items)
    cells = Counter(items)
    p = sum(c * c / pred_size[pk] for (_, pk), c in cells.items()) / n
    r = sum(c * c / gold_size[gk] for (gk, _), c in cells.items()) / n
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, DIGITS), "r": round(r, DIGITS), "f1": round(f1, DIGITS), "n": n}


def incident_items(alignment: Alignment) -> list[tuple[Hashable, Hashable]]:
    """`(gold incident, predicted cluster)` for every gold span carrying an incident."""
    items: list[tuple[Hashable, Hashable]] = []
    for kind in alignment.kinds.values():
        for gold, pred in kind.matched:
            if gold.incident is not None:
                cluster = ("pred", pred.incident) if pred.incident is not None else ("alone", gold.id)
                items.append((gold.incident, cluster))
        items.extend((g.incident, ("alone", g.id)) for g in kind.unmatched_gold if g.incident is not None)
    return items


def incident_scores(alignment: Alignment) -> dict[str, float | int] | None:
    """The `incidents_b3` block of metrics.json (None when no gold span has an incident)."""
    return b_cubed(incident_items(alignment))
