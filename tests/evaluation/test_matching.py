"""Span matching: the half-of-each rule, one-to-one, largest overlap, tie order."""

from dissonance.evaluation import match_spans, overlap
from dissonance.evaluation.matching import can_match

from .builders import claim


def spans(*bounds):
    return [claim(f"s{i}", a, b) for i, (a, b) in enumerate(bounds)]


def test_matching_overlap_exactly_half_of_each_matches():
    # overlap [2,4) = 2 chars: half of gold (4) and half of pred (4)
    assert match_spans(spans((0, 4)), spans((2, 6))) == [(0, 0)]


def test_matching_overlap_just_under_half_does_not_match():
    # overlap [3,5) = 2 chars: 2*2 = 4 < 5 for both spans of length 5
    assert match_spans(spans((0, 5)), spans((3, 8))) == []


def test_matching_needs_half_of_each_side():
    # the prediction lies inside the gold span but covers under half of it
    assert match_spans(spans((0, 10)), spans((0, 4))) == []
    assert match_spans(spans((0, 4)), spans((0, 10))) == []
    # ... and at exactly half it matches, whichever side is the long one
    assert match_spans(spans((0, 10)), spans((0, 5))) == [(0, 0)]
    assert match_spans(spans((0, 5)), spans((0, 10))) == [(0, 0)]


def test_matching_disjoint_and_touching_spans_do_not_match():
    assert overlap(claim("a", 0, 3), claim("b", 3, 6)) == 0
    assert not can_match(claim("a", 0, 1), claim("b", 1, 2))
    assert match_spans(spans((0, 3)), spans((3, 6))) == []


def test_matching_two_predictions_compete_for_one_gold_span():
    # both could match [0,10); the larger overlap (10 > 6) wins, the other is unmatched
    assert match_spans(spans((0, 10)), spans((0, 6), (0, 10))) == [(0, 1)]
    assert match_spans(spans((0, 10)), spans((0, 10), (0, 6))) == [(0, 0)]


def test_matching_tie_goes_to_earlier_gold_span():
    # pred [2,4) overlaps [0,4) and [2,6) by 2 each: the first gold span in order takes it
    assert match_spans(spans((0, 4), (2, 6)), spans((2, 4))) == [(0, 0)]
    assert match_spans(spans((2, 6), (0, 4)), spans((2, 4))) == [(0, 0)]


def test_matching_tie_goes_to_earlier_prediction():
    # [0,2) and [2,4) both overlap gold [0,4) by 2: the first prediction in order takes it
    assert match_spans(spans((0, 4)), spans((0, 2), (2, 4))) == [(0, 0)]
    assert match_spans(spans((0, 4)), spans((2, 4), (0, 2))) == [(0, 0)]


def test_matching_is_greedy_by_largest_overlap_not_optimal():
    # p0 [2,8) overlaps g0 [0,8) by 6 and g1 [2,6) by 4; p1 [0,4) overlaps g0 by 4, g1 by 2.
    # Greedy: (g0,p0)=6 first; then g1-p1 (2 chars, half of each 4) -> matches too.
    assert match_spans(spans((0, 8), (2, 6)), spans((2, 8), (0, 4))) == [(0, 0), (1, 1)]
    # here the largest pair blocks the only partner of the other span:
    # g0 [0,4), g1 [0,6); p0 [0,4) overlaps g0 by 4, g1 by 4 -> tie, g0 wins; g1 unmatched.
    assert match_spans(spans((0, 4), (0, 6)), spans((0, 4))) == [(0, 0)]
    # with g1 first the tie goes to it, and g0 stays unmatched
    assert match_spans(spans((0, 6), (0, 4)), spans((0, 4))) == [(0, 0)]


def test_matching_is_one_to_one():
    pairs = match_spans(spans((0, 4), (0, 4), (0, 4)), spans((0, 4), (0, 4)))
    assert pairs == [(0, 0), (1, 1)]
    assert len({g for g, _ in pairs}) == len({p for _, p in pairs}) == len(pairs)
