"""eval/linking_share.py: the gold incidents written as an analyst's linking file."""

import importlib.util
from pathlib import Path

from dissonance.incidents.given import read_linking

from .builders import claim, doc, finding

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("linking_share", ROOT / "eval" / "linking_share.py")
linking_share = importlib.util.module_from_spec(spec)
spec.loader.exec_module(linking_share)


def test_gold_linking_puts_each_document_in_its_commonest_incident_and_look_alikes_in_none(tmp_path):
    gold = [
        doc("statement", claims=[claim("s-c1", 0, 10, incident="la-vega"), claim("s-c2", 20, 30, incident="la-vega"),
                                 claim("s-c3", 40, 50, incident="cota-905")]),
        doc("autopsy", findings=[finding("a-f1", 0, 10, incident="cota-905")]),
        doc("penalty-shootout"),
    ]
    path = tmp_path / "gold-linking.csv"
    linking_share.gold_linking(gold, path)
    assert read_linking(path).incidents == {"statement": "la-vega", "autopsy": "cota-905", "penalty-shootout": None}
