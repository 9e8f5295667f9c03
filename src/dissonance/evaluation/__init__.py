"""Score a predicted labelled set against a gold one, and report the result.

`evaluate` is the library entry point: it takes documents and returns the
`metrics.json` dict of the format document, nothing else. `score` returns the
same metrics together with the detail rows (per-type tables, confusion
counts) that the reports need. The `report` functions take that data and
write files or build the terminal table; none of them computes a score.
"""

from .alignment import Alignment, KindAlignment, align
from .deltas import compute_deltas
from .matching import match_spans, overlap
from .metrics import Details, Evaluation, evaluate, score
from .report import render_table, write_report

__all__ = [
    "Alignment", "Details", "Evaluation", "KindAlignment",
    "align", "compute_deltas", "evaluate", "match_spans", "overlap", "render_table", "score", "write_report",
]
