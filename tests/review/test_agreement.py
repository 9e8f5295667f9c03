"""Cohen's kappa against hand-computed numbers, agreement per pair, accept rates."""

from __future__ import annotations

import pytest
from sklearn.metrics import cohen_kappa_score

from dissonance.review.agreement import accept_rates, cohen_kappa, pairwise_agreement


def test_agreement_kappa_two_categories_by_hand():
    # 50 flags: both accept 20, both reject 15, A accepts / B rejects 5, A rejects / B accepts 10.
    # p_o = 35/50 = 0.70; A accepts 25/50, B accepts 30/50; p_e = 0.5*0.6 + 0.5*0.4 = 0.50
    # kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40
    a = ["accepted"] * 25 + ["rejected"] * 25
    b = ["accepted"] * 20 + ["rejected"] * 5 + ["accepted"] * 10 + ["rejected"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.40)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_agreement_kappa_three_categories_by_hand():
    # p_o = 4/6; A: 3 acc, 2 rej, 1 unc; B: 2, 2, 2; p_e = (3*2 + 2*2 + 1*2) / 36 = 1/3
    # kappa = (2/3 - 1/3) / (1 - 1/3) = 0.5
    a = ["accepted", "accepted", "accepted", "rejected", "rejected", "uncertain"]
    b = ["accepted", "accepted", "rejected", "rejected", "uncertain", "uncertain"]
    assert cohen_kappa(a, b) == pytest.approx(0.5)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_agreement_kappa_edge_cases():
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["accepted"] * 3, ["accepted"] * 3) is None  # undefined: one category only
    assert cohen_kappa(["accepted", "rejected"], ["rejected", "accepted"]) == pytest.approx(-1.0)
    with pytest.raises(ValueError):
        cohen_kappa(["accepted"], [])


def test_agreement_pairs_over_flags_both_reviewed():
    current = {
        (1, "alice"): {"status": "accepted"}, (1, "bob"): {"status": "accepted"},
        (2, "alice"): {"status": "rejected"}, (2, "bob"): {"status": "accepted"},
        (3, "alice"): {"status": "rejected"}, (3, "bob"): {"status": "rejected"},
        (4, "alice"): {"status": "accepted"},  # bob did not review 4: not counted
        (1, "carol"): {"status": "uncertain"},
    }
    rows = {tuple(r["reviewers"]): r for r in pairwise_agreement(current)}
    ab = rows[("alice", "bob")]
    # p_o = 2/3; alice 1 acc 2 rej, bob 2 acc 1 rej; p_e = (1*2 + 2*1)/9 = 4/9; kappa = (6/9-4/9)/(5/9) = 0.4
    assert ab["n"] == 3 and ab["agree"] == 2 and ab["kappa"] == pytest.approx(0.4)
    assert rows[("alice", "carol")]["n"] == 1 and rows[("bob", "carol")]["agree"] == 0


def test_agreement_accept_rates_per_indicator():
    flags = [{"id": 1, "indicator": "close_range", "indicator_title": "Close"},
             {"id": 2, "indicator": "close_range", "indicator_title": "Close"},
             {"id": 3, "indicator": "back_wounds", "indicator_title": "Back"}]
    current = {(1, "alice"): {"status": "accepted"}, (1, "bob"): {"status": "rejected"},
               (2, "alice"): {"status": "accepted"}, (3, "alice"): {"status": "uncertain"}}
    rows = {r["indicator"]: r for r in accept_rates(flags, current)}
    assert rows["close_range"]["flags"] == 2 and rows["close_range"]["decisions"] == 3
    assert rows["close_range"]["accept_rate"] == pytest.approx(2 / 3, abs=1e-4)
    assert rows["back_wounds"]["accept_rate"] == 0.0
