"""Checks of linking on gold spans behind eval/README.md, points 121-122: how often an incident's toll is
the labelled one, and which incident names a change of the linking code alters.

    .venv/bin/python eval/experiments/linking_checks.py tolls corpora/train.jsonl corpora/src/extra corpora/dev.jsonl corpora/holdout.jsonl
    .venv/bin/python eval/experiments/linking_checks.py names /tmp/names-before.json corpora/train.jsonl ...
    (change the code)
    .venv/bin/python eval/experiments/linking_checks.py names /tmp/names-after.json corpora/train.jsonl ...
    .venv/bin/python eval/experiments/linking_checks.py compare /tmp/names-before.json /tmp/names-after.json
    .venv/bin/python eval/experiments/linking_checks.py places corpora/train.jsonl corpora/src/extra [--show]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval"))


def _linked(path: str):
    from components import gold_spans_as_analysis

    from dissonance.corpus import read_gold
    from dissonance.run import link_and_reason

    gold = read_gold(Path(path))
    _, summaries, _ = link_and_reason([gold_spans_as_analysis(d) for d in gold])
    return gold, summaries


def _labelled_incidents(path: str):
    """(gold documents, and each linked incident with the labelled incident most of its documents are about)."""
    gold, summaries = _linked(path)
    incident_of = {}
    for d in gold:
        votes = Counter(s.incident for s in list(d.claims) + list(d.findings) if s.incident)
        if votes:
            incident_of[d.id] = votes.most_common(1)[0][0]
    pairs = []
    for s in summaries:
        votes = Counter(incident_of[x] for x in s.doc_ids if x in incident_of).most_common(1)
        if votes:
            pairs.append((s, votes[0][0]))
    return gold, pairs


def tolls(paths: list[str]) -> None:
    """Per set: incidents whose toll (most asserted death count) equals the labelled `deaths`."""
    for path in paths:
        gold, pairs = _labelled_incidents(path)
        labelled = {i.id: i.deaths for d in gold for i in d.incidents}
        right = n = 0
        wrong = []
        for s, incident in pairs:
            if labelled.get(incident) is None:
                continue
            n += 1
            right += s.deaths == labelled[incident]
            if s.deaths != labelled[incident]:
                wrong.append((incident, labelled[incident], s.deaths))
        print(f"{path}: {right}/{n} tolls right; wrong (incident, labelled, found): {wrong[:12]}")


def names(out: str, paths: list[str]) -> None:
    """Each incident's id and place, keyed by its set and documents, written to `out` (JSON)."""
    found = {}
    for path in paths:
        _, summaries = _linked(path)
        for s in summaries:
            found[f"{path}|{','.join(sorted(s.doc_ids))}"] = [s.id, s.place]
    Path(out).write_text(json.dumps(found, ensure_ascii=False, indent=1))
    print(f"{len(found)} incidents -> {out}")


def places(paths: list[str], show: bool = False) -> None:
    """Per set: incidents whose place (its first part, "Toulouse" of "Toulouse, France") is named in the
    labelled place of the incident most of its documents belong to; with `show`, the ones that are not."""
    from dissonance.nlp.lexicon import fold

    for path in paths:
        gold, pairs = _labelled_incidents(path)
        labelled = {i.id: i.place for d in gold for i in d.incidents}
        right = n = 0
        wrong = []
        for s, incident in pairs:
            if not labelled.get(incident):
                continue
            n += 1
            first = fold((s.place or "").split(",")[0].strip().lower())
            ok = bool(first) and first in fold(labelled[incident].lower())
            right += ok
            if not ok:
                wrong.append((incident, s.place, labelled[incident]))
        print(f"{path}: {right}/{n} places named in the labelled place")
        for row in wrong if show else []:
            print("   ", row)


def compare(before: str, after: str) -> None:
    a, b = json.loads(Path(before).read_text()), json.loads(Path(after).read_text())
    changed = [(k.split("|")[0], a[k], b.get(k)) for k in a if a[k] != b.get(k)]
    print(f"{len(changed)} of {len(a)} incidents changed id or place, or their documents (None):")
    for row in changed:
        print(" ", row)


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "tolls":
        tolls(rest)
    elif command == "names":
        names(rest[0], rest[1:])
    elif command == "places":
        places([p for p in rest if p != "--show"], "--show" in rest)
    else:
        compare(*rest)
