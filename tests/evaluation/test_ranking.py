"""eval/ranking.py: flags scored like relations, then precision by strength and average precision by score."""

import importlib.util
import json
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("ranking", ROOT / "eval" / "ranking.py")
ranking = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ranking)


def test_average_precision_rewards_putting_right_flags_first():
    hits = np.array([True, False, False, True])
    assert ranking.average_precision(np.array([0.9, 0.8, 0.7, 0.6]), hits) == (1 + 2 / 4) / 2
    assert ranking.average_precision(np.array([0.9, 0.1, 0.2, 0.8]), hits) == 1.0
    assert ranking.average_precision(np.array([0.1, 0.2]), np.array([False, False])) == 0.0


def _doc(doc_id, text, claims=(), findings=(), relations=()):
    return {"id": doc_id, "text": text, "lang": "en", "source_type": "media", "claims": list(claims),
            "findings": list(findings), "relations": list(relations)}


def _span(sid, text, whole, type_, **extra):
    start = whole.index(text)
    return {"id": sid, "start": start, "end": start + len(text), "text": text, "type": type_, **extra}


def test_ranking_scores_flags_against_gold_relations(tmp_path):
    text = "Police said the men died in a shootout. The autopsy found gunshot wounds to the back of the head."
    claim = _span("c1", "the men died in a shootout", text, "armed_confrontation")
    wound = _span("f1", "gunshot wounds to the back of the head", text, "gunshot_wound")
    gold = _doc("d1", text, [claim], [wound], [{"source": "c1", "target": "f1", "label": "contradicts"}])
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n")
    run = tmp_path / "run"
    run.mkdir()
    pred_claim = {**claim, "id": "p-c1"}
    pred_wound = {**wound, "id": "p-f1"}
    other = _span("p-c2", "Police said", text, "other")
    pred = _doc("d1", text, [pred_claim, other], [pred_wound],
                [{"source": "p-c1", "target": "p-f1", "label": "contradicts"},
                 {"source": "p-c2", "target": "p-f1", "label": "contradicts"}])
    (run / "predictions.jsonl").write_text(json.dumps(pred) + "\n")
    pd.DataFrame([
        {"label": "contradicts", "source_id": "p-c1", "target_id": "p-f1", "score": 0.9, "strength": "strong", "confidence": 0.95},
        {"label": "contradicts", "source_id": "p-c2", "target_id": "p-f1", "score": 0.2, "strength": "weak", "confidence": 0.2},
    ]).to_parquet(run / "flags.parquet")
    result = ranking.ranking(ranking.flag_hits(tmp_path / "gold.jsonl", run))["contradicts"]
    assert (result["flags"], result["correct"], result["precision"], result["average_precision"]) == (2, 1, 0.5, 1.0)
    assert result["by_strength"]["strong"] == {"flags": 1, "correct": 1, "precision": 1.0}
    assert result["by_strength"]["weak"]["precision"] == 0.0 and result["by_strength"]["moderate"]["precision"] is None
