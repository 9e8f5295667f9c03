"""Lexicon-driven parts: counts, finding attributes, attribution roles, language."""

import pytest

from dissonance.nlp.attributes import body_regions, direction, finding_attributes, fire_range, gsr_result
from dissonance.nlp.attribution import role_of
from dissonance.nlp.counts import count_claim
from dissonance.nlp.language import detect_language
from dissonance.nlp.lexicon import fold


@pytest.mark.parametrize(
    "text, expected",
    [
        ("at least 14 people were killed", (14.0, "at_least", "killed")),
        ("twenty-three dead in the operation", (23.0, None, "killed")),
        ("murieron veintitrés personas", (23.0, None, "killed")),
        ("nearly two dozen bodies", (24.0, "about", "killed")),
        ("No officer was wounded", (0.0, None, "wounded")),
        ("On 6 January 2021 police killed 8 men", (8.0, None, "killed")),
        ("al menos 9 fallecidos", (9.0, "at_least", "killed")),
    ],
)
def test_counts_read_numbers_hedges_and_category(text, expected):
    assert count_claim(text) == expected


def test_attributes_spanish_autopsy_sentence():
    text = ("una herida por proyectil de arma de fuego en región occipital, con tatuaje de pólvora "
            "alrededor del orificio de entrada, trayectoria de atrás hacia adelante")
    assert finding_attributes(text, "gunshot_wound") == {"body_regions": ["head"], "range": "close", "direction": "back_to_front"}


def test_attributes_heart_counts_as_chest_and_nape_as_neck():
    assert body_regions("gunshot wounds to the heart or the head") == ["head", "chest"]
    assert body_regions("a single shot in the nape") == ["neck"]
    assert body_regions("the head of the police unit said") == []


def test_attributes_range_negated_markers_mean_distant():
    assert fire_range("no soot or stippling around the wound") == "distant"
    assert fire_range("stippling over 6 cm around the entry") == "close"
    assert fire_range("muzzle imprint on the temple") == "contact"
    assert direction("the bullet entered from behind") == "back_to_front"
    assert direction("trayectoria descendente") == "downward"


def test_attributes_residue_result():
    assert gsr_result("the swabs of both hands were negative for gunshot residue") == "negative"
    assert gsr_result("se encontraron rastros de plomo y bario en las manos") == "positive"


def test_attributes_counts_of_wounds_and_victims():
    attrs = finding_attributes("14 bodies with three gunshot wounds each to the chest", "gunshot_wound")
    assert attrs["victims"] == 14 and attrs["wounds"] == 3


@pytest.mark.parametrize(
    "speaker, role",
    [
        ("Amnesty International", "ngo"),
        ("the Interior Minister", "official"),
        ("el Ministerio Público", "official"),
        ("his mother", "witness"),
        ("the forensic pathologist", "forensic"),
        ("the Supreme Court", "judicial"),
        ("a local newspaper", "media"),
        ("someone", None),
    ],
)
def test_attribution_roles_from_speaker_words(speaker, role):
    assert role_of(speaker) == role


def test_language_detection_and_folding_keep_length():
    assert detect_language("The police said that the men were killed in a shootout with officers.")[0] == "en"
    assert detect_language("La policía dijo que los hombres murieron en un enfrentamiento con los agentes.")[0] == "es"
    assert detect_language("A polícia disse que os homens morreram num confronto com os agentes da força.")[0] == "pt"
    assert detect_language("12 34 !!")[0] is None
    assert len(fold("Región ÓSEA ñandú")) == len("Región ÓSEA ñandú")
    assert fold("Región ÓSEA") == "region osea"
