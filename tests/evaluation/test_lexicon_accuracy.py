"""eval/lexicon_accuracy.py: the lexicons' reading of gold spans, compared with their labels."""

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("lexicon_accuracy", ROOT / "eval" / "lexicon_accuracy.py")
lexicon_accuracy = importlib.util.module_from_spec(spec)
spec.loader.exec_module(lexicon_accuracy)


def _span(sid, text, whole, type_, **extra):
    start = whole.index(text)
    return {"id": sid, "start": start, "end": start + len(text), "text": text, "type": type_, **extra}


def test_lexicon_accuracy_reads_gold_spans_and_lists_what_it_misreads(tmp_path):
    text = ("The autopsy found an entry wound in the back of the left thigh, with no soot or stippling. "
            "A second bullet entered the nape and exited through the forehead. Police said 12 people died.")
    thigh = _span("f1", "an entry wound in the back of the left thigh, with no soot or stippling", text, "gunshot_wound",
                  body_regions=["leg"], range="distant", direction="back_to_front")
    nape = _span("f2", "A second bullet entered the nape and exited through the forehead", text, "gunshot_wound",
                 body_regions=["neck", "head"], direction="front_to_back")  # labelled wrongly on purpose
    count = _span("c1", "12 people died", text, "casualty_count", value=12)
    doc = {"id": "d1", "text": text, "lang": "en", "source_type": "forensic", "claims": [count],
           "findings": [thigh, nape], "relations": []}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(doc) + "\n")
    result = lexicon_accuracy.scores(lexicon_accuracy._documents(path))
    assert result["body_regions"] == {"acc": 1.0, "n": 2, "errors": []}
    assert result["range"]["acc"] == 1.0 and result["value"]["acc"] == 1.0
    assert result["direction"]["acc"] == 0.5
    assert result["direction"]["errors"] == [{"gold": "front_to_back", "read": "back_to_front", "n": 1}]
