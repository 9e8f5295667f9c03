"""Model cards are written from measured files only: metrics, intervals, training summary."""

import json

from dissonance.training.cards import refresh_card


def test_tagger_card_shows_dev_metrics_intervals_and_what_it_learnt_from(tmp_path):
    metrics_dir, model_dir = tmp_path / "eval", tmp_path / "span_tagger"
    metrics_dir.mkdir()
    model_dir.mkdir()
    (model_dir / "training.json").write_text(json.dumps({"epochs": 14, "seed": 13, "corpus": "corpora/train.jsonl"}))
    (metrics_dir / "metrics.json").write_text(json.dumps({"claims": {"detection": {"f1": 0.61}}}))
    (metrics_dir / "intervals.json").write_text(json.dumps({
        "level": 0.95, "samples": 1000, "incidents": 24,
        "metrics": {"claims detection": {"f1": 0.61, "low": 0.55, "high": 0.66},
                    "relations contradicts": {"f1": 0.2, "low": 0.1, "high": 0.3}},
    }))
    card = refresh_card(model_dir, "span_tagger", metrics_dir).read_text()
    assert "| claims detection F1 | 0.61 |" in card
    assert "| findings detection F1 | not measured yet |" in card
    assert "resamples of the dev set's 24 gold incidents): claims detection 0.550–0.660." in card
    assert "relations contradicts" not in card.split("## Size")[0].split("95% intervals")[1]  # span scores only
    assert "corpora/src/extra/" in card and "point 60" in card  # what it learnt from, and why
    assert "what the seed alone moves" in card
    other = refresh_card(model_dir, "source_type", metrics_dir).read_text()
    assert "95% intervals" not in other and "what the seed alone moves" not in other
