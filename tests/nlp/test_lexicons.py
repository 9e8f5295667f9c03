"""The YAML lexicons an analyst may extend: every pattern compiles and every label is the format's."""

import pytest

from dissonance.labelled.schema import BodyRegion, Direction, Range
from dissonance.nlp.lexicon import compile_patterns, load

LEXICONS = ("attributes", "attribution", "candidates", "numbers")


def _pattern_lists(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "words":  # numbers.yaml: number words and their values, not patterns
                yield from _pattern_lists(value, f"{path}.{key}")
    elif isinstance(node, list):
        yield path, node


@pytest.mark.parametrize("name", LEXICONS)
def test_every_pattern_list_of_a_lexicon_compiles(name):
    lists = list(_pattern_lists(load(name), name))
    assert lists
    for where, patterns in lists:
        assert all(isinstance(p, str) for p in patterns), where
        compile_patterns(patterns, where)  # raises naming the entry when a pattern is bad


def test_attribute_lexicon_labels_are_the_formats_enums():
    data = load("attributes")
    assert set(data["body_regions"]) == {r.value for r in BodyRegion}
    assert set(data["range"]) == {r.value for r in Range}
    directions = {d.value for d in Direction}
    for section in ("direction", "direction_entry", "direction_exit", "direction_posture"):
        assert set(data[section]) <= directions, section


def test_a_bad_pattern_is_reported_with_its_lexicon_entry():
    with pytest.raises(ValueError, match=r"attributes.yaml:body_regions.head: bad pattern"):
        compile_patterns([r"\bskull(", r"\bhead\b"], "attributes.yaml:body_regions.head")


def test_candidate_sentences_include_denials_stones_and_cars_that_would_not_stop():
    """Sentences with a labelled claim but none of the first stems: the model never saw them (point 112)."""
    from dissonance.nlp.components import _candidate_pattern
    from dissonance.nlp.lexicon import fold

    for sentence in ["Nobody in the car had done anything.", "The driver refused to pull over.",
                     "Los jóvenes les tiraron piedras.", "Nunca encontraron nada.",
                     "They were taken away in a white van."]:
        assert _candidate_pattern().search(fold(sentence)), sentence
    assert not _candidate_pattern().search(fold("The council approved the new budget for the library."))
