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


def test_doubt_or_denial_just_before_the_claim():
    """A frame that casts doubt on or denies what follows, in the same sentence, settles a claim the head read
    as asserted; a count keeps its polarity ("no evidence that any officer was hurt" asserts zero), and so does
    a denial that is itself negated."""
    cases = [
        ("The bodycam video undermines the ministry's account that the driver tried to run the officers over.",
         "the driver tried to run the officers over", "armed_confrontation", "questioned"),
        ("Las fotografías ponen en entredicho la versión de que los campesinos atacaron primero.",
         "los campesinos atacaron primero", "resisted_authority", "questioned"),
        ("No se ha demostrado que el detenido intentara quitarle el arma al custodio.",
         "el detenido intentara quitarle el arma al custodio", "resisted_authority", "questioned"),
        ("The panel found nothing to suggest that the prisoners were shot while escaping.",
         "the prisoners were shot while escaping", "resisted_authority", "denied"),
        ("No se halló indicio alguno de que las víctimas portaran armas.",
         "las víctimas portaran armas", "victim_armed", "denied"),
        ("The regional commander denied that his men had executed anyone.",
         "his men had executed anyone", "execution_allegation", "denied"),
        ("We found no evidence that any officer suffered a gunshot wound.",
         "any officer suffered a gunshot wound", "officer_casualty", "asserted"),
        ("The union does not deny that the strikers were armed with machetes.",
         "the strikers were armed with machetes", "victim_armed", "asserted"),
        ("Police said that the two men opened fire first.", "the two men opened fire first", "victim_armed", "asserted"),
    ]
    for text, claim, claim_type, expected in cases:
        start, end = _at(text, claim)
        assert settle_polarity("asserted", text, start, end, claim_type) == expected, text
    text, claim = cases[0][0], cases[0][1]
    start, end = _at(text, claim)
    assert settle_polarity("denied", text, start, end, "armed_confrontation") == "denied"  # the head's reading stands


def test_a_confrontation_called_alleged_or_staged_inside_quotes_and_in_spanish():
    """"una supuesta 'confrontación violenta'" keeps its distance from the confrontation it names, quotes and all."""
    text = 'La fiscalía atribuyó las muertes a una supuesta "confrontación violenta" con encapuchados'
    assert settle_polarity("asserted", text, 12, len(text), "armed_confrontation") == "questioned"
    text = "the army reported a staged 'firefight' on the ridge"
    assert settle_polarity("asserted", text, 19, len(text), "armed_confrontation") == "denied"
    text = "murieron en una confrontación con la patrulla"
    assert settle_polarity("asserted", text, 0, len(text), "armed_confrontation") == "asserted"
