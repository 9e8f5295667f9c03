"""Precision, recall, F1 and accuracy from counts, with the format's conventions.

Empty cases follow the format document: precision is 1 when nothing was
predicted and nothing was expected, 0 when nothing was predicted but
something was expected; recall likewise (1 when nothing expected and nothing
predicted, 0 when something was predicted but nothing expected). F1 comes
from the unrounded P and R and is 0 when both are 0. Numbers are rounded to
4 places, as `metrics.json` stores them.
"""

from __future__ import annotations

DIGITS = 4


def prf(tp: int, pred: int, gold: int) -> dict[str, float | int]:
    """The `{"p", "r", "f1", "tp", "pred", "gold"}` block of metrics.json.

    >>> prf(0, 0, 0)["f1"], prf(0, 0, 3)["p"], prf(0, 2, 0)["r"]
    (1.0, 0.0, 0.0)
    >>> prf(1, 2, 4)
    {'p': 0.5, 'r': 0.25, 'f1': 0.3333, 'tp': 1, 'pred': 2, 'gold': 4}
    """
    p = tp / pred if pred else (1.0 if gold == 0 else 0.0)
    r = tp / gold if gold else (1.0 if pred == 0 else 0.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, DIGITS), "r": round(r, DIGITS), "f1": round(f1, DIGITS), "tp": tp, "pred": pred, "gold": gold}


def accuracy(hits: int, n: int) -> dict[str, float | int]:
    """The `{"acc", "n"}` block; with nothing to score (n = 0) accuracy is 1.

    n = 0 means nothing was expected, so nothing could be got wrong: the same
    reading as the format's "precision is 1 when nothing was predicted and
    nothing was expected". `n` tells a reader the number is vacuous.
    """
    return {"acc": round(hits / n, DIGITS) if n else 1.0, "n": n}
