"""Document text cut into parts at span offsets, for templates to escape one by one.

No HTML is ever built here: a part is a piece of the document's text and the
names of the spans that cover it; the template wraps marked parts in `<mark>`
and Jinja's autoescape escapes every piece.
"""

from __future__ import annotations

from typing import Any

WINDOW = 320  # characters of context on each side of the focus span
SNAP = 40     # how far a window edge may move to land on whitespace


def _snap_start(text: str, lo: int) -> int:
    if lo <= 0:
        return 0
    for i in range(lo, min(lo + SNAP, len(text))):
        if text[i - 1].isspace():
            return i
    return lo


def _snap_end(text: str, hi: int) -> int:
    if hi >= len(text):
        return len(text)
    for i in range(hi, max(hi - SNAP, 0), -1):
        if text[i].isspace():
            return i
    return hi


def segments(text: str, marks: list[tuple[int | None, int | None, str]], *,
             focus: tuple[int | None, int | None] | None = None, window: int | None = WINDOW) -> dict[str, Any]:
    """Split `text` at the marks' offsets.

    `marks` are (start, end, name) triples; `focus` picks the window's centre
    (None, or `window=None`: the whole text). Returns `parts` (each
    `{"text", "marks"}`), the window's `start`/`end` and whether text was
    cut off before or after it.
    """
    n = len(text)
    clean = []
    for start, end, name in marks:
        if start is None or end is None:
            continue
        start, end = max(0, min(int(start), n)), max(0, min(int(end), n))
        if end > start:
            clean.append((start, end, name))
    lo, hi = 0, n
    if window is not None and focus is not None and focus[0] is not None and focus[1] is not None:
        f_start, f_end = max(0, min(int(focus[0]), n)), max(0, min(int(focus[1]), n))
        lo = _snap_start(text, max(0, f_start - window))
        hi = _snap_end(text, min(n, max(f_end, f_start) + window))
        lo, hi = min(lo, f_start), max(hi, f_end)
    cuts = {lo, hi}
    for start, end, _ in clean:
        cuts.update(c for c in (start, end) if lo < c < hi)
    edges = sorted(cuts)
    parts = []
    for a, b in zip(edges, edges[1:]):
        names = sorted({name for start, end, name in clean if start <= a and b <= end})
        parts.append({"text": text[a:b], "marks": names})
    return {"parts": parts, "start": lo, "end": hi, "clipped_start": lo > 0, "clipped_end": hi < n}
