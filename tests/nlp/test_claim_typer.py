"""The word-level claim typer and its average with the span tagger's type head."""

from pathlib import Path

import numpy as np
import pytest

from dissonance.labelled.schema import CLAIM_TYPES
from dissonance.nlp.claim_typer import ClaimTyper, blend
from dissonance.nlp.span_tagger import TaggedSpan

MODEL = Path(__file__).resolve().parents[2] / "models" / "claim_typer"


@pytest.fixture(scope="module")
def typer():
    return ClaimTyper.load(MODEL)


@pytest.mark.parametrize("text, expected", [
    ("the three men were killed in an exchange of gunfire with the patrol", "armed_confrontation"),
    ("los tres jóvenes murieron en un enfrentamiento con efectivos del ejército", "armed_confrontation"),
    ("officers found two revolvers and a bag of ammunition beside the bodies", "victim_armed"),
    ("the soldiers shot the youths after they had surrendered and lay face down", "execution_allegation"),
    ("the agents acted in legitimate self-defence", "self_defense"),
])
def test_committed_typer_reads_the_claim_words(typer, text, expected):
    probs = typer.probabilities([text])[0]
    assert CLAIM_TYPES[int(probs.argmax())] == expected


def test_probabilities_follow_the_format_order_and_sum_to_one(typer):
    probs = typer.probabilities(["at least 14 people were killed", "no officer was hurt"])
    assert probs.shape == (2, len(CLAIM_TYPES))
    assert np.allclose(probs.sum(1), 1.0)
    assert CLAIM_TYPES[int(probs[0].argmax())] == "casualty_count"
    assert typer.probabilities([]).shape == (0, len(CLAIM_TYPES))


def test_a_type_unseen_in_training_gets_probability_zero():
    texts = ["they died in a shootout with police", "a gunfight broke out", "the dead were gang members",
             "they belonged to a criminal cell"]
    typer = ClaimTyper().fit(texts, ["armed_confrontation", "armed_confrontation", "criminal_profile", "criminal_profile"])
    probs = typer.probabilities(["a shootout with the gang"])[0]
    assert probs[CLAIM_TYPES.index("crossfire")] == 0.0
    assert probs.sum() == pytest.approx(1.0)


def test_fit_rejects_types_outside_the_format():
    with pytest.raises(ValueError, match="shootout"):
        ClaimTyper().fit(["a", "b"], ["shootout", "other"])


def test_blend_lets_a_confident_opinion_outweigh_a_hesitant_one():
    head = np.zeros(len(CLAIM_TYPES))
    head[CLAIM_TYPES.index("other")], head[CLAIM_TYPES.index("armed_confrontation")] = 0.4, 0.35
    head[CLAIM_TYPES.index("crossfire")] = 0.25
    words = np.zeros(len(CLAIM_TYPES))
    words[CLAIM_TYPES.index("armed_confrontation")], words[CLAIM_TYPES.index("other")] = 0.9, 0.1
    mixed = blend(head[None], words[None])[0]
    assert CLAIM_TYPES[int(mixed.argmax())] == "armed_confrontation"
    assert mixed.sum() == pytest.approx(1.0)


def test_tagger_component_retypes_claims_and_leaves_findings(typer):
    from dissonance.nlp.components import _retype_claims

    text = "Police said the two men died in a shootout. Both bodies showed contact wounds to the nape."
    head = [0.0] * len(CLAIM_TYPES)
    head[CLAIM_TYPES.index("other")], head[CLAIM_TYPES.index("armed_confrontation")] = 0.55, 0.45
    claim = TaggedSpan("claims", 15, 42, "other", 0.9, 0.55, label_probs=head)
    finding = TaggedSpan("findings", 44, len(text) - 1, "gunshot_wound", 0.9, 0.8)
    _retype_claims(typer, [([claim, finding], text)])
    assert claim.label == "armed_confrontation"
    assert 0.45 < claim.label_score <= 1.0
    assert finding.label == "gunshot_wound" and finding.label_score == 0.8


def test_a_beating_is_not_typed_as_a_gunshot_wound():
    """Blunt injuries without a word of firearms take the finding's next likeliest type; a wound that names
    a bullet keeps the gunshot type, and so does a span without type probabilities."""
    from dissonance.labelled.schema import FINDING_TYPES
    from dissonance.nlp.attributes import rules_out_gunshot
    from dissonance.nlp.components import _rule_out_gunshots

    assert rules_out_gunshot("Contusions to the face and neck; fractured ribs")
    assert not rules_out_gunshot("Fracture of the skull by a bullet entering the left temple")
    text = "Body A: contusions to face and neck. Body B: gunshot wound with fracture of the femur."
    probs = [0.0] * len(FINDING_TYPES)
    probs[FINDING_TYPES.index("gunshot_wound")], probs[FINDING_TYPES.index("torture")] = 0.6, 0.3
    probs[FINDING_TYPES.index("other")] = 0.1
    beaten = TaggedSpan("findings", 8, 35, "gunshot_wound", 0.9, 0.6, label_probs=list(probs))
    shot = TaggedSpan("findings", 45, len(text) - 1, "gunshot_wound", 0.9, 0.6, label_probs=list(probs))
    bare = TaggedSpan("findings", 8, 35, "gunshot_wound", 0.9, 0.6)
    _rule_out_gunshots([([beaten, shot, bare], text, 0)])
    assert (beaten.label, beaten.label_score) == ("torture", 0.3)
    assert shot.label == "gunshot_wound" and bare.label == "gunshot_wound"


def test_a_wound_line_of_a_beating_paragraph_is_not_a_gunshot_wound():
    """A wound line that names no weapon is read with its paragraph: in a paragraph of blunt injuries
    it is not a gunshot wound; in a paragraph that names a firearm, or one that names nothing, it may be."""
    from dissonance.nlp.attributes import context_rules_out_gunshot

    beating = ("BODY B. Male, approx. 22 years.\nExternal examination: Deformity of face and skull. Left shoulder "
               "dislocated. Contusions to chest and abdomen.\nCause of death: multiple injuries secondary to blunt "
               "force trauma.\n\nRemarks: samples retained for histology.")
    start = beating.index("Deformity")
    assert context_rules_out_gunshot(beating, start, start + len("Deformity of face and skull"))
    shooting = ("Deformity of face and skull, with fractures of the vault. A projectile was recovered from the "
                "brain; its track runs from back to front.\n\nCause of death: blunt force trauma was excluded.")
    assert not context_rules_out_gunshot(shooting, 0, len("Deformity of face and skull"))
    bare = "Wounds to the head and the upper chest.\n\nThe bodies were fractured by the fall, police said."
    assert not context_rules_out_gunshot(bare, 0, len("Wounds to the head and the upper chest"))
    # a paragraph that names a firearm only to deny it is still a beating (corpora/samples/ixtlahuacan-2020)
    denied = ("Primera. La muerte se atribuye a traumatismo craneoencefálico por agente contundente; no hay constancia "
              "oficial de lesiones por arma de fuego.\nTercera. Parte de las lesiones craneofaciales ya estaban "
              "presentes al ingreso a los separos municipales.")
    start = denied.index("las lesiones craneofaciales")
    assert context_rules_out_gunshot(denied, start, start + len("las lesiones craneofaciales ya estaban"))
    shot_too = denied.replace("no hay constancia oficial de lesiones por arma de fuego",
                              "la familia denuncia además una lesión por arma de fuego en el pie")
    start = shot_too.index("las lesiones craneofaciales")
    assert not context_rules_out_gunshot(shot_too, start, start + len("las lesiones craneofaciales ya estaban"))
    # a gunshot that fractured bone stays a gunshot: "perforated" and a wound track name the weapon
    omalu = ("The wounds in the back are distributed up toward the shoulders, and the tracks run from back to "
             "front. Several perforated the lungs; one fractured vertebrae.")
    assert not context_rules_out_gunshot(omalu, 0, len("The wounds in the back are distributed up toward the shoulders"))
