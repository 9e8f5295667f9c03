"""What changed between two runs of a collection: flags that appeared, went or changed strength,
and documents that moved between incidents.

A collection grows (`dissonance add`), its linking is corrected (`relink`), or
new models read it again: an analyst wants the new leads, not all of them
again. Two flags are the same lead when they carry the same label between
the same two documents and each end of one overlaps the matching end of the
other by at least half (the format's matching rule), whichever end was the
source: span ids and offsets may shift when models change, and a
claim–claim flag may be oriented either way.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

from .evaluation.matching import same_pair
from .reasoning.knowledge import STRENGTH_RANK

FLAG_COLUMNS = ["change", "label", "strength_old", "strength_new", "score_old", "score_new", "indicator",
                "incident_old", "incident_new", "source_doc_id", "source_text", "target_doc_id", "target_text",
                "flag_id_old", "flag_id_new"]
MOVE_COLUMNS = ["doc_id", "incident_old", "incident_new"]


def _key(flag) -> tuple[str, frozenset[str]]:
    return flag.label, frozenset((flag.source_doc_id, flag.target_doc_id))


def _row(change: str, old, new) -> dict:
    either = new if new is not None else old
    return {
        "change": change, "label": either.label,
        "strength_old": getattr(old, "strength", None), "strength_new": getattr(new, "strength", None),
        "score_old": getattr(old, "score", None), "score_new": getattr(new, "score", None),
        "indicator": either.indicator,
        "incident_old": getattr(old, "incident_id", None), "incident_new": getattr(new, "incident_id", None),
        "source_doc_id": either.source_doc_id, "source_text": either.source_text,
        "target_doc_id": either.target_doc_id, "target_text": either.target_text,
        "flag_id_old": getattr(old, "flag_id", None), "flag_id_new": getattr(new, "flag_id", None),
    }


def flag_changes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """One row per lead of either run: `new`, `gone`, `stronger`, `weaker` or `same` (strength)."""
    pool: dict[tuple, list] = defaultdict(list)
    for flag in old.itertuples(index=False):
        pool[_key(flag)].append(flag)
    rows = []
    for flag in new.itertuples(index=False):
        candidates = pool.get(_key(flag), [])
        match = next((o for o in candidates if same_pair(o, flag, either_way=True)), None)
        if match is None:
            rows.append(_row("new", None, flag))
            continue
        candidates.remove(match)
        before, after = STRENGTH_RANK.get(match.strength, 3), STRENGTH_RANK.get(flag.strength, 3)
        rows.append(_row("stronger" if after < before else "weaker" if after > before else "same", match, flag))
    rows += [_row("gone", flag, None) for flags in pool.values() for flag in flags]
    return pd.DataFrame(rows, columns=FLAG_COLUMNS)


def _incident_of(run: Path) -> dict[str, str | None]:
    docs = pd.read_parquet(run / "documents.parquet", columns=["doc_id"])
    incidents = pd.read_parquet(run / "incidents.parquet", columns=["incident_id", "doc_ids"])
    of = {d: None for d in docs["doc_id"] if isinstance(d, str)}  # skipped files have no id
    for row in incidents.itertuples(index=False):
        for d in row.doc_ids:
            of[d] = row.incident_id
    return of


def moved_documents(old_run: Path, new_run: Path) -> pd.DataFrame:
    """Documents whose incident differs between the runs (new documents included, with no old incident)."""
    before, after = _incident_of(old_run), _incident_of(new_run)
    rows = [{"doc_id": d, "incident_old": before.get(d), "incident_new": after.get(d)}
            for d in sorted(set(before) | set(after)) if before.get(d) != after.get(d)]
    return pd.DataFrame(rows, columns=MOVE_COLUMNS)


def diff_runs(old_run: str | Path, new_run: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(flag changes, documents that moved between incidents) from `old_run` to `new_run`."""
    old_run, new_run = Path(old_run), Path(new_run)
    for run in (old_run, new_run):
        missing = [n for n in ("flags.parquet", "incidents.parquet", "documents.parquet") if not (run / n).exists()]
        if missing:
            raise FileNotFoundError(f"{run}: not a finished run folder (missing {', '.join(missing)})")
    changes = flag_changes(pd.read_parquet(old_run / "flags.parquet"), pd.read_parquet(new_run / "flags.parquet"))
    return changes, moved_documents(old_run, new_run)
