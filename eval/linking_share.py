"""What linking costs end to end: a run's own spans, linked by the labelled set's incidents.

The end-to-end `contradicts` score is far below its score on gold spans
(eval/*-components). This splits the gap: the run's predicted claims and
findings are linked again (`relink_run`, no text read again) with the gold
incidents given as an analyst's linking file (each document in its labelled
incident, look-alikes in none), and scored with the same scorer as
`dissonance eval`. What this gains over the run is what linking costs on
predicted spans; what remains below the gold-span score is extraction's.

    .venv/bin/python eval/linking_share.py corpora/dev.jsonl runs/dev --out eval/dev-gold-linking
"""

from __future__ import annotations

import csv
import tempfile
from collections import Counter
from pathlib import Path

from dissonance.evaluation import score
from dissonance.evaluation.diagnostics import arguments, write_scores
from dissonance.labelled import read_set
from dissonance.run_update import relink_run


def gold_linking(gold, path: Path) -> None:
    """doc_id,incident: each document's commonest labelled incident (none for a document without spans)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["doc_id", "incident"])
        for d in gold:
            votes = Counter(s.incident for s in d.spans() if s.incident)
            writer.writerow([d.id, votes.most_common(1)[0][0] if votes else ""])


def main() -> None:
    args = arguments(__doc__).parse_args()
    gold, _ = read_set(args.gold)
    own, _ = read_set(args.run / "predictions.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        linking = Path(tmp) / "gold-linking.csv"
        gold_linking(gold, linking)
        relink_run(args.run, Path(tmp) / "run", incidents=linking, report=False)
        relinked, _ = read_set(Path(tmp) / "run" / "predictions.jsonl")
    metrics = score(gold, relinked).metrics
    before = score(gold, own).metrics
    summary = {
        "what": "the run's predicted spans, linked by the gold incidents",
        "relations": {label: {"run": before["relations"][label]["f1"], "gold_linking": metrics["relations"][label]["f1"]}
                      for label in ("contradicts", "supports")},
        "incidents_b3": {"run": (before["incidents_b3"] or {}).get("f1"),
                         "gold_linking": (metrics["incidents_b3"] or {}).get("f1")},
    }
    write_scores(args.out, metrics, summary)


if __name__ == "__main__":
    main()
