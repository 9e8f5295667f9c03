"""Doubt voiced after a claim, in its own sentence, makes an asserted claim questioned."""

from dissonance.nlp.polarity import settle_polarity

SEED = ('"The location and number of gunshot wounds on the bodies of the victims in La Vega make the official '
        'version that these deaths occurred in a confrontation with crossfire even less credible," '
        'Guevara-Rosas stated. Police said the men died in a shootout.')


def _at(text, words):
    start = text.index(words)
    return start, start + len(words)


def test_the_seed_documents_doubted_crossfire_claim_is_questioned():
    start, end = _at(SEED, "these deaths occurred in a confrontation with crossfire even less credible")
    assert settle_polarity("asserted", SEED, start, end) == "questioned"
    start, end = _at(SEED, "these deaths occurred in a confrontation with crossfire")  # span without the doubt
    assert settle_polarity(None, SEED, start, end) == "questioned"


def test_doubt_in_the_next_sentence_or_a_denial_is_left_alone():
    start, end = _at(SEED, "the men died in a shootout")
    assert settle_polarity("asserted", SEED, start, end) == "asserted"
    text = "Los vecinos negaron que hubiera un enfrentamiento, una versión poco creíble según la fiscalía."
    start, end = _at(text, "hubiera un enfrentamiento")
    assert settle_polarity("denied", text, start, end) == "denied"
    assert settle_polarity("asserted", text, start, end) == "questioned"


def test_spanish_and_english_doubt_words():
    for text, claim in [
        ("La tesis de que los jóvenes dispararon primero resulta inverosímil para los peritos.", "los jóvenes dispararon primero"),
        ("The claim that he reached for a gun does not hold up against the footage.", "he reached for a gun"),
    ]:
        start, end = _at(text, claim)
        assert settle_polarity("asserted", text, start, end) == "questioned"
    text = "Officers said they came under heavy fire from the rooftops, and two were wounded."
    start, end = _at(text, "they came under heavy fire from the rooftops")
    assert settle_polarity("asserted", text, start, end) == "asserted"


def test_a_self_defence_claim_that_calls_the_force_disproportionate_is_denied():
    text = ("The court found the officer's response disproportionate and below the standard expected of a "
            "trained police officer.")
    start, end = _at(text, "the officer's response disproportionate and below the standard expected of a trained police officer")
    assert settle_polarity("asserted", text, start, end, "self_defense") == "denied"
    assert settle_polarity("asserted", text, start, end, "other") == "asserted"
    text = "Police said the agent acted in legitimate defence when the man drew a knife."
    start, end = _at(text, "the agent acted in legitimate defence")
    assert settle_polarity("asserted", text, start, end, "self_defense") == "asserted"
