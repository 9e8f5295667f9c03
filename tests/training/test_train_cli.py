"""`dissonance train` teaches the span tagger and the finding weight from the training split plus the extra
documents, unless told not to; the committed tagger is the average of four taggers: two read y1-z8's extra
documents once and three times per epoch, the third y1-u8's once, the fourth every writer's once."""

import json

import pytest
import torch
from safetensors.torch import load_file, save_file
from typer.testing import CliRunner

from dissonance.cli import app
from dissonance.training.span_tagger import average_taggers


def _tiny_tagger(out_dir, value, **meta):
    """A stand-in for a trained tagger: one weight tensor filled with `value`, and its tagger.json."""
    out_dir.mkdir(parents=True, exist_ok=True)
    save_file({"encoder.w": torch.full((2, 3), float(value)).half(), "claim_head.b": torch.full((3,), float(value)).half()},
              out_dir / "model.safetensors")
    (out_dir / "config.json").write_text("{}")
    meta = {"claim_types": ["a"], "finding_types": ["b"], "train_seconds": 1.0, **meta}
    (out_dir / "tagger.json").write_text(json.dumps(meta))
    return meta


def test_the_tagger_learns_from_the_extra_documents_by_default(tmp_path, monkeypatch):
    seen = {}

    def fake_train(documents, out_dir, extra_weight=None, extra_writers=None, **kwargs):
        seen.setdefault("runs", []).append([d.id for d in documents])
        return _tiny_tagger(out_dir, extra_weight or 0, extra_weight=extra_weight, extra_writers=extra_writers,
                            train_sentences=len(documents))

    monkeypatch.setattr("dissonance.training.span_tagger.train_span_tagger", fake_train)

    def fake_weights(documents, out_dir):
        seen.setdefault("weights", []).append(len(documents))
        out_dir.mkdir(parents=True, exist_ok=True)
        return {"train_findings": 0, "labels": {}}

    monkeypatch.setattr("dissonance.training.finding_weight.train_finding_weight", fake_weights)
    runner = CliRunner()
    # by default: the committed recipe, four taggers averaged
    result = runner.invoke(app, ["train", "span_tagger", "--out", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    once, thrice, every, all_writers = seen["runs"]
    assert len(once) == 887 and all(i[0] in "yz" for i in once[712:])
    assert len(thrice) == 712 + 3 * 175 and thrice[:887] == once and thrice[887:] == once[712:] * 2
    assert len(every) == 977 and every[:712] == once[:712] and set(once[712:]) < set(every[712:])
    assert {i[0] for i in set(every) - set(once)} == {"u"}
    assert len(all_writers) == 712 + 458 and {i[0] for i in set(all_writers) - set(every)} == {"s", "r"}
    weights = load_file(tmp_path / "m" / "span_tagger" / "model.safetensors")
    assert torch.equal(weights["encoder.w"], torch.full((2, 3), 6 / 4).half())  # (1 + 3 + 1 + 1) / 4
    card = json.loads((tmp_path / "m" / "span_tagger" / "training.json").read_text())
    assert [(part["extra_weight"], part["extra_writers"]) for part in card["soup_of"]] == [
        (1, "yz"), (3, "yz"), (1, "yzu"), (1, "rsuyz")]
    assert card["corpus"] == "corpora/train.jsonl + corpora/src/extra"
    # without the extra documents there is nothing to weigh: one tagger on the training split
    result = runner.invoke(app, ["train", "span_tagger", "--out", str(tmp_path / "m"), "--no-extra"])
    assert result.exit_code == 0, result.output
    assert len(seen["runs"][-1]) == 712 and seen["runs"][-1] == once[:712]
    card = json.loads((tmp_path / "m" / "span_tagger" / "training.json").read_text())
    assert card["corpus"] == "corpora/train.jsonl" and "soup_of" not in card
    # one --extra-weight: one tagger reading every writer's extra documents that many times per epoch
    result = runner.invoke(app, ["train", "span_tagger", "--out", str(tmp_path / "m"), "--extra-weight", "3"])
    assert result.exit_code == 0, result.output
    assert len(seen["runs"][-1]) == 712 + 3 * 458 and {i[0] for i in seen["runs"][-1][712:]} == set("yzusr")
    card = json.loads((tmp_path / "m" / "span_tagger" / "training.json").read_text())
    assert card["extra_weight"] == 3
    for flags in ([], ["--no-extra"]):
        result = runner.invoke(app, ["train", "finding_weight", "--out", str(tmp_path / "m"), *flags])
        assert result.exit_code == 0, result.output
    assert seen["weights"] == [792, 712]  # the finding weight reads writers y1-y8 of the extra documents
    card = json.loads((tmp_path / "m" / "finding_weight" / "training.json").read_text())
    assert card["corpus"] == "corpora/train.jsonl"


def test_a_soup_averages_weights_and_refuses_taggers_that_do_not_match(tmp_path):
    _tiny_tagger(tmp_path / "a", 1.0, extra_weight=1, train_sentences=10)
    _tiny_tagger(tmp_path / "b", 2.0, extra_weight=3, train_sentences=20)
    meta = average_taggers([tmp_path / "a", tmp_path / "b"], tmp_path / "soup")
    assert torch.equal(load_file(tmp_path / "soup" / "model.safetensors")["claim_head.b"], torch.full((3,), 1.5).half())
    assert meta["soup_of"] == [{"extra_weight": 1, "train_sentences": 10, "train_seconds": 1.0},
                               {"extra_weight": 3, "train_sentences": 20, "train_seconds": 1.0}]
    assert (tmp_path / "soup" / "config.json").exists()
    save_file({"encoder.w": torch.zeros(4, 3).half(), "claim_head.b": torch.zeros(3).half()}, tmp_path / "b" / "model.safetensors")
    with pytest.raises(ValueError, match="not the same architecture"):
        average_taggers([tmp_path / "a", tmp_path / "b"], tmp_path / "soup2")
    with pytest.raises(ValueError, match="at least two"):
        average_taggers([tmp_path / "a"], tmp_path / "soup3")
