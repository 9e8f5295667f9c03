"""`dissonance train` teaches the span tagger and the finding weight from the training split plus the extra
documents, unless told not to."""

import json

from typer.testing import CliRunner

from dissonance.cli import app


def test_the_tagger_learns_from_the_extra_documents_by_default(tmp_path, monkeypatch):
    seen = {}

    def fake_train(documents, out_dir, **kwargs):
        seen.setdefault("runs", []).append([d.id for d in documents])
        out_dir.mkdir(parents=True, exist_ok=True)
        return {"train_sentences": 1, "train_seconds": 0.0}

    monkeypatch.setattr("dissonance.training.span_tagger.train_span_tagger", fake_train)

    def fake_weights(documents, out_dir):
        seen.setdefault("weights", []).append(len(documents))
        out_dir.mkdir(parents=True, exist_ok=True)
        return {"train_findings": 0, "labels": {}}

    monkeypatch.setattr("dissonance.training.finding_weight.train_finding_weight", fake_weights)
    runner = CliRunner()
    for flags in ([], ["--no-extra"]):
        result = runner.invoke(app, ["train", "span_tagger", "--out", str(tmp_path / "m"), *flags])
        assert result.exit_code == 0, result.output
    with_extra, without = seen["runs"]
    assert len(without) == 712 and with_extra[:712] == without
    assert len(with_extra) == 887 and all(i[0] in "yz" for i in with_extra[712:])
    card = json.loads((tmp_path / "m" / "span_tagger" / "training.json").read_text())
    assert card["corpus"] == "corpora/train.jsonl"  # the last run, without the extra documents
    for flags in ([], ["--no-extra"]):
        result = runner.invoke(app, ["train", "finding_weight", "--out", str(tmp_path / "m"), *flags])
        assert result.exit_code == 0, result.output
    assert seen["weights"] == [792, 712]  # the finding weight reads writers y1-y8 of the extra documents
    card = json.loads((tmp_path / "m" / "finding_weight" / "training.json").read_text())
    assert card["corpus"] == "corpora/train.jsonl"
    # --extra-weight 3: the tagger reads each extra document three times per epoch, the training split once
    result = runner.invoke(app, ["train", "span_tagger", "--out", str(tmp_path / "m"), "--extra-weight", "3"])
    assert result.exit_code == 0, result.output
    weighted = seen["runs"][-1]
    assert len(weighted) == 712 + 3 * 175 and weighted[:887] == with_extra and weighted[887:] == with_extra[712:] * 2
    card = json.loads((tmp_path / "m" / "span_tagger" / "training.json").read_text())
    assert card["extra_weight"] == 3
