"""Flags from the knowledge base: labels, strengths, rationales, and no false alarms."""

import pytest

from dissonance.reasoning import SpanRef, reason_about_incident
from dissonance.reasoning.knowledge import load_knowledge
from dissonance.reasoning.weights import assess


def claim(i, text, type_, polarity="asserted", speaker="police", role="official", value=None, doc="official-1"):
    rec = {"id": f"{doc}-c{i}", "start": 0, "end": len(text), "text": text, "type": type_, "polarity": polarity,
           "speaker": speaker, "speaker_role": role}
    if value is not None:
        rec["value"] = value
    return SpanRef(doc, rec)


def finding(i, text, type_, doc="autopsy-1", **attrs):
    return SpanRef(doc, {"id": f"{doc}-f{i}", "start": 0, "end": len(text), "text": text, "type": type_, **attrs})


def kb_assessor(record):
    return assess(record)


def test_flags_la_vega_confrontation_contradicted_by_head_and_heart_wounds():
    claims = [
        claim(1, "these deaths occurred in a confrontation with crossfire", "crossfire"),
        claim(2, "the men died in clashes with the police", "armed_confrontation"),
    ]
    findings = [finding(1, "images of bodies which mostly have gunshot wounds to the heart or the head", "gunshot_wound",
                        body_regions=["chest", "head"], victims=14)]
    result = reason_about_incident("la-vega", claims, findings, deaths=14, assessor=kb_assessor)
    by_source = {f.source.id: f for f in result.flags}
    for cid in ("official-1-c1", "official-1-c2"):
        flag = by_source[cid]
        assert flag.label == "contradicts"
        assert flag.strength in ("moderate", "strong")
        assert flag.indicator == "wounds_head_neck_chest"
        assert "head, neck or chest" in flag.rationale and "aimed fire" in flag.rationale
        assert [e["span_id"] for e in flag.evidence] == [cid, "autopsy-1-f1"]


def test_flags_close_range_plus_head_is_stronger_than_head_alone():
    c = [claim(1, "they opened fire on the officers", "victim_armed")]
    head = reason_about_incident("a", c, [finding(1, "a wound to the head", "gunshot_wound", body_regions=["head"])], None, kb_assessor)
    close = reason_about_incident("b", c, [finding(1, "a wound to the head with stippling", "gunshot_wound",
                                                   body_regions=["head"], range="close")], None, kb_assessor)
    assert close.flags[0].score > head.flags[0].score


def test_flags_denied_confrontation_is_supported_not_contradicted():
    c = [claim(1, "there was any shootout", "armed_confrontation", polarity="denied", speaker="residents", role="witness")]
    f = [finding(1, "entry wound in the nape", "gunshot_wound", body_regions=["neck"], direction="back_to_front")]
    (flag,) = reason_about_incident("x", c, f, None, kb_assessor).flags
    assert flag.label == "supports"


def test_flags_real_exchange_of_fire_gets_no_contradiction():
    claims = [
        claim(1, "the gunmen opened fire on the patrol", "victim_armed"),
        claim(2, "two officers were wounded", "officer_casualty", value=2),
    ]
    findings = [
        finding(1, "swabs from both hands were positive for gunshot residue", "gunshot_residue", result="positive"),
        finding(2, "a through-and-through wound to the left thigh, no soot or stippling", "gunshot_wound",
                body_regions=["leg"], range="distant"),
    ]
    result = reason_about_incident("fit", claims, findings, deaths=1, assessor=kb_assessor)
    assert result.flags and all(f.label == "supports" for f in result.flags)


def test_flags_counts_compared_like_with_like():
    a = claim(1, "8 people were killed in the operation", "casualty_count", value=8)
    b = claim(2, "14 dead, according to the families", "casualty_count", value=14, speaker="families", role="witness", doc="ngo-1")
    low = claim(3, "at least 14 were executed", "casualty_count", value=14, speaker="Amnesty", role="ngo", doc="ngo-2")
    high = claim(4, "23 people were killed", "casualty_count", value=23, speaker="a media tally", role="media", doc="news-1")
    flags = reason_about_incident("n", [a, b], [], None, kb_assessor).flags
    assert [(f.indicator, f.label) for f in flags] == [("count_mismatch", "contradicts")]
    assert flags[0].strength == "moderate"  # a tally against a tally is a lead, never strong
    assert reason_about_incident("n", [low, high], [], None, kb_assessor).flags == []


def test_a_count_of_officers_killed_is_not_set_against_a_count_of_everyone_killed():
    """Curuguaty sample: "17 people were killed" against "the six agents killed", both typed casualty_count,
    read as two tallies of the same dead; six officers are a part of the seventeen, not another tally."""
    everyone = claim(1, "At least 17 people were killed on Friday", "casualty_count", value=17, doc="wire-1")
    agents = claim(2, "homenaje a los seis agentes muertos, cuyos restos fueron trasladados", "casualty_count", value=6,
                   speaker="police", doc="local-1")
    police = claim(3, "seven police officers were killed", "casualty_count", value=7, speaker="a union", doc="news-2")
    assert reason_about_incident("c", [everyone, agents], [], None, kb_assessor).flags == []
    (flag,) = reason_about_incident("c", [agents, police], [], None, kb_assessor).flags
    assert flag.indicator == "count_mismatch" and "gives 6" in flag.rationale and "gives 7" in flag.rationale


def test_flags_denial_against_assertion_of_the_same_claim():
    yes = claim(1, "the victims resisted arrest", "resisted_authority")
    no = claim(2, "he never resisted", "resisted_authority", polarity="denied", speaker="his mother", role="witness", doc="w-1")
    (flag,) = reason_about_incident("d", [yes, no], [], None, kb_assessor).flags
    assert flag.label == "contradicts" and flag.indicator == "denied_claim"


def test_a_dossier_of_thousands_of_claims_is_paired_in_seconds_with_each_claims_first_flags():
    """A long dossier linked into one incident: 4,000 claims, a thousand of them counts and fifty denials. Only pairs that
    can contradict are visited, so this takes well under a second (every pair, with the count words read per
    pair, took minutes on a 1.2 MB document); each claim keeps its first MAX_FLAGS_PER_CLAIM flags, in order."""
    import time
    from collections import Counter

    from dissonance.reasoning.flags import MAX_FLAGS_PER_CLAIM, claim_claim_flags

    claims = []
    for i in range(1000):
        claims.append(claim(4 * i, f"the men opened fire on the patrol near house {i}", "armed_confrontation"))
        claims.append(claim(4 * i + 1, f"the victim number {i} had a pistol", "victim_armed", doc=f"news-{i}"))
        claims.append(claim(4 * i + 2, f"{i % 7 + 8} people were killed in the raid", "casualty_count",
                            value=i % 7 + 8, speaker="a tally", role="media", doc=f"news-{i}"))
        claims.append(claim(4 * i + 3, "nobody fired at the police", "armed_confrontation", polarity="denied",
                            speaker="a neighbour", role="witness", doc=f"w-{i}") if i % 20 == 0 else
                      claim(4 * i + 3, f"the operation of day {i} was lawful", "other"))
    started = time.perf_counter()
    flags = claim_claim_flags("dossier", claims)
    assert time.perf_counter() - started < 3.0
    per_claim = Counter(ref.id for flag in flags for ref in (flag.source, flag.target))
    assert max(per_claim.values()) == MAX_FLAGS_PER_CLAIM
    kinds = Counter(flag.indicator for flag in flags)
    assert kinds["denied_claim"] == 50 * MAX_FLAGS_PER_CLAIM  # each denial meets its first 25 assertions
    assert kinds["count_mismatch"] > 0 and set(kinds) == {"denied_claim", "count_mismatch"}
    position = {ref.id: n for n, ref in enumerate(claims)}
    order = [(position[f.source.id], position[f.target.id]) for f in flags]
    assert order == sorted(order) and all(a < b for a, b in order)
    first_denial = next(f for f in flags if f.indicator == "denied_claim")
    assert first_denial.source.id == "official-1-c0" and first_denial.target.id == "w-0-c3"


def test_knowledge_base_is_valid_and_agrees_with_conventions():
    kb = load_knowledge()
    assert kb.indicators["restraint"].weighs == "against"
    assert kb.indicators["positive_residue"].weighs == "consistent"
    assert kb.indicators["negative_residue"].weight < kb.indicators["close_range"].weight


def test_a_wound_in_the_back_on_a_track_from_the_front_is_the_exit_not_an_entry_from_behind():
    """"Entrada en región epigástrica, con salida en región lumbar" names the back, but the bullet left there:
    the wounds-in-the-back indicator does not apply (none of 7 such gold findings weighs against)."""
    from dissonance.nlp.attributes import finding_attributes

    kb = load_knowledge()
    for text, expected in [("Orificio de entrada en región epigástrica, sin tatuaje, con salida en región lumbar", False),
                           ("Orificio de salida en región escapular izquierda", False),
                           ("Orificio de entrada en región escapular izquierda, con salida en región pectoral", True),
                           ("two gunshot wounds in the back", True)]:
        rec = {"type": "gunshot_wound", "text": text, **finding_attributes(text, "gunshot_wound")}
        assert ("wounds_back" in dict(kb.matching(rec))) is expected, text


def test_knowledge_base_errors_name_the_entry(tmp_path):
    bad = tmp_path / "kb.yaml"
    bad.write_text(
        "strength_cuts: {strong: 0.75, moderate: 0.5}\n"
        "pattern_bonus: {per_extra_document: 0.05, many_victims: {min_victims: 5, bonus: 0.1}, max_score: 0.9}\n"
        "indicators:\n  typo:\n    title: T\n    when: {type: [gunshot_wund]}\n    weighs: against\n"
        "    weight: 0.5\n    reason: a reason long enough\n    reference: ref\n"
    )
    with pytest.raises(ValueError, match=r"indicators\.typo\.when\.type"):
        load_knowledge(str(bad))


def test_learned_assessor_weighs_a_batch_as_it_weighs_each_finding():
    """The committed finding-weight model answers the same for findings one by one and in one batch call,
    and the flags built through the batch path are the ones built finding by finding."""
    from dissonance.reasoning import default_assessor

    assessor = default_assessor()
    records = [
        finding(1, "a gunshot wound to the back of the head with stippling around the entry", "gunshot_wound",
                body_regions=["head"], range="close", direction="behind").record,
        finding(2, "paraffin test positive on the right hand of the deceased", "gunshot_residue", result="positive").record,
        finding(3, "graze wound to the left forearm", "gunshot_wound", body_regions=["arm"]).record,
    ]
    assert hasattr(assessor, "many")
    batch = assessor.many(records)
    single = [assessor(r) for r in records]
    assert [(a.weighs, a.score) for a in batch] == [(a.weighs, a.score) for a in single]
    assert batch[0].weighs == "against"
    claims = [claim(1, "the suspects opened fire on the officers, who responded", "armed_confrontation")]
    refs = [SpanRef("autopsy-1", r) for r in records]
    by_batch = reason_about_incident("x", claims, refs, None, assessor).flags
    by_one = reason_about_incident("x", claims, refs, None, lambda r: assessor(r)).flags
    assert [(f.id, f.label, f.score) for f in by_batch] == [(f.id, f.label, f.score) for f in by_one]
    assert any(f.label == "contradicts" and f.target.id == "autopsy-1-f1" for f in by_batch)


def test_a_flag_resting_on_the_learned_model_alone_names_its_closest_labelled_finding(tmp_path):
    """Where no knowledge-base indicator explains the learned weight, the rationale quotes the closest
    labelled training finding on the same side, with its document, and the reference names its id; the
    examples travel with the saved model."""
    from dissonance.reasoning.weights import FindingWeightModel

    train = [
        {"id": "a-f1", "doc_id": "a", "type": "other", "text": "the bodies were taken to hospital before the scene was examined"},
        {"id": "b-f1", "doc_id": "b", "type": "other", "text": "the corpses were carried to the morgue before any examination of the site"},
        {"id": "c-f1", "doc_id": "c", "type": "other", "text": "ballistics matched the pistol found beside him to casings at the scene"},
        {"id": "d-f1", "doc_id": "d", "type": "other", "text": "ballistic tests matched the revolver recovered near the body to the shells found"},
        {"id": "e-f1", "doc_id": "e", "type": "other", "text": "toxicology found no alcohol in the blood"},
        {"id": "f-f1", "doc_id": "f", "type": "other", "text": "blood alcohol was below the detection limit"},
    ]
    model = FindingWeightModel().fit(train, ["against", "against", "consistent", "consistent", "neutral", "neutral"])
    model.save(tmp_path / "fw")
    model = FindingWeightModel.load(tmp_path / "fw")
    f = finding(1, "the bodies were carried to hospital before the site was examined", "other")
    (assessment,) = model.assess_many([f.record])
    assert assessment.weighs == "against" and assessment.precedent["id"] in ("a-f1", "b-f1")
    c = [claim(1, "they died in a shootout with the patrol", "armed_confrontation")]
    (flag,) = reason_about_incident("p", c, [f], None, model.assess).flags
    assert flag.indicator == "learned_pattern" and flag.label == "contradicts"
    assert "closest finding in the labelled training set" in flag.rationale
    assert assessment.precedent["doc_id"] in flag.rationale and assessment.precedent["id"] in flag.reference


def test_officers_hurt_lower_the_contradiction_and_are_named():
    """Mixed case: officers killed in the same incident, victims shot in the back. The label stays (the
    conventions fix it); the score drops by the knowledge base's factor and the rationale names the officers."""
    kb = load_knowledge()
    claims = [claim(1, "the squatters ambushed the officers and died in the ensuing shootout", "armed_confrontation")]
    findings = [finding(1, "two of the farmers had entry wounds in the back", "gunshot_wound", body_regions=["back"],
                        direction="back_to_front", victims=2)]
    plain = reason_about_incident("a", claims, findings, None, kb_assessor).flags[0]
    officers = claim(2, "six police officers were killed", "officer_casualty", value=6, doc="wire-1")
    mixed = reason_about_incident("b", claims + [officers], findings, None, kb_assessor)
    (flag,) = [f for f in mixed.flags if f.target_kind == "finding"]
    assert flag.label == "contradicts" == plain.label
    factor = kb.counter_evidence["officers_hurt"].factor
    assert flag.score == pytest.approx(plain.score * factor, abs=1e-3)
    assert "Officers reported killed or wounded" in flag.rationale and "wire-1" in flag.rationale
    assert "six police officers were killed" in flag.rationale
    assert [(e["kind"], e["span_id"]) for e in flag.counter_evidence] == [("officers_hurt", "wire-1-c2")]
    spanish = claim(3, "perdieron la vida seis miembros de la fuerza policial", "officer_casualty", doc="comunicado-1")
    (flag,) = [f for f in reason_about_incident("c", claims + [spanish], findings, None, kb_assessor).flags
               if f.target_kind == "finding"]
    assert [e["span_id"] for e in flag.counter_evidence] == ["comunicado-1-c3"]


def test_no_officer_hurt_and_asserted_zero_do_not_temper():
    claims = [claim(1, "they died in a shootout", "armed_confrontation"),
              claim(2, "no officer was wounded", "officer_casualty", value=0),
              claim(3, "two officers were wounded", "officer_casualty", polarity="denied", speaker="residents", role="witness"),
              # typed as an officer count by mistake: its words say nothing of anyone hurt
              claim(4, "several hundred officers, some from an elite tactical unit", "officer_casualty", value=100)]
    findings = [finding(1, "a contact wound to the temple", "gunshot_wound", body_regions=["head"], range="contact")]
    flags = [f for f in reason_about_incident("a", claims, findings, None, kb_assessor).flags if f.target_kind == "finding"]
    assert flags and all(f.counter_evidence == [] and "other way" not in f.rationale for f in flags)


def test_findings_on_the_other_side_temper_both_accounts():
    """Residue on the hands tempers the flags against the police account; head wounds temper the flags against
    the execution allegation. Supports flags are never tempered."""
    claims = [claim(1, "the men fired at the soldiers first", "victim_armed"),
              claim(2, "the men were executed", "execution_allegation", speaker="a rights group", role="ngo", doc="ngo-1")]
    findings = [finding(1, "wounds to the head and chest", "gunshot_wound", body_regions=["head", "chest"]),
                finding(2, "residue test on the hands was positive", "gunshot_residue", result="positive", doc="lab-1")]
    flags = {(f.source.id, f.target.id): f for f in reason_about_incident("x", claims, findings, None, kb_assessor).flags}
    police_vs_wounds = flags[("official-1-c1", "autopsy-1-f1")]
    ngo_vs_residue = flags[("ngo-1-c2", "lab-1-f2")]
    assert police_vs_wounds.label == ngo_vs_residue.label == "contradicts"
    assert [e["kind"] for e in police_vs_wounds.counter_evidence] == ["consistent_findings"]
    assert [e["kind"] for e in ngo_vs_residue.counter_evidence] == ["against_findings"]
    assert flags[("official-1-c1", "lab-1-f2")].label == "supports"
    assert flags[("official-1-c1", "lab-1-f2")].counter_evidence == []


def test_counter_evidence_factors_are_validated(tmp_path):
    import yaml
    from importlib import resources

    data = yaml.safe_load(resources.files("dissonance.reasoning").joinpath("knowledge.yaml").read_text("utf-8"))
    data["counter_evidence"]["officers_hurt"]["factor"] = 1.5
    bad = tmp_path / "kb.yaml"
    bad.write_text(yaml.safe_dump(data))
    with pytest.raises(ValueError, match="officers_hurt"):
        load_knowledge(str(bad))


def test_counter_evidence_rests_on_a_named_indicator():
    """A finding that the learned model calls consistent with an exchange of fire, but that meets no
    knowledge-base indicator of that side ("limb injuries were few"), is not cited as evidence the other way."""
    from dissonance.reasoning.weights import Assessment

    def learned(record):
        if "extremidades" in record["text"]:
            return Assessment("consistent", 0.6, [])
        return assess(record)

    claims = [claim(1, "murieron en un enfrentamiento", "armed_confrontation")]
    findings = [finding(1, "orificios de entrada en la cabeza y el tórax", "gunshot_wound", body_regions=["head", "chest"]),
                finding(2, "las lesiones en las extremidades fueron escasas", "other")]
    flags = reason_about_incident("v", claims, findings, None, learned).flags
    (against,) = [f for f in flags if f.target.id == "autopsy-1-f1"]
    assert against.label == "contradicts" and against.counter_evidence == []
    assert "other way" not in against.rationale


def test_a_blunt_head_injury_is_not_read_as_an_aimed_shot():
    kb = load_knowledge()
    blunt = {"type": "cause_of_death", "text": "Cause of death: severe head injury due to blunt force trauma",
             "body_regions": ["head"]}
    shot = {"type": "cause_of_death", "text": "Causa de muerte: herida por proyectil de arma de fuego en cráneo",
            "body_regions": ["head"]}
    assert "wounds_head_neck_chest" not in [k for k, _ in kb.matching(blunt)]
    assert "wounds_head_neck_chest" in [k for k, _ in kb.matching(shot)]


def test_marks_of_dragging_are_named_as_such_not_as_footage():
    """Grazes from dragging weigh against the confrontation account under their own indicator: the
    rationale speaks of a body moved by others, not of video of a subdued person."""
    c = [claim(1, "the two jumped off the rear of the moving vehicle", "resisted_authority")]
    f = [finding(1, "Parallel grazes on the back suggestive of dragging over a rough surface", "other",
                 body_regions=["back"])]
    (flag,) = reason_about_incident("kianjokoma", c, f, None, kb_assessor).flags
    assert flag.label == "contradicts" and flag.indicator == "dragging_marks"
    assert "dragging" in flag.rationale and "footage" not in flag.rationale.lower()
    kneeling = {"type": "other", "text": "the video shows him kneeling with his hands up"}
    assert [k for k, _ in load_knowledge().matching(kneeling)] == ["subdued_on_record"]


def test_few_wounds_to_the_limbs_weigh_against_but_a_negated_detail_on_a_leg_does_not():
    kb = load_knowledge()
    read = lambda text: [k for k, _ in kb.matching({"type": "gunshot_wound", "text": text})]  # noqa: E731
    assert "few_limb_wounds" in read("las lesiones en las extremidades fueron escasas")
    assert "few_limb_wounds" in read("None of the wounds we examined was in the legs")
    assert "few_limb_wounds" in read("ninguna de las heridas estaba en las piernas")
    assert "few_limb_wounds" not in read("no soot around the wound on the left leg")
    assert "few_limb_wounds" not in read("gunshot wounds to the legs and arms, fired from a distance")
    assert kb.indicators["few_limb_wounds"].weighs == "against"


def test_flags_rationale_names_each_claim_as_a_sentence_reads():
    """A speaker as the text gives it ("The authorities") sits mid-sentence in lower case, and the phrasing
    does not depend on number ("the authorities asserts" would); denials and doubts are named as such."""
    claims = [
        claim(1, "the men died in clashes with the police", "armed_confrontation", speaker="The authorities"),
        claim(2, "there was no shootout at all", "armed_confrontation", polarity="denied", speaker=None, role="witness",
              doc="witness-1"),
        claim(3, "a gunfight is not credible", "armed_confrontation", polarity="questioned", speaker="Amnesty",
              role="ngo", doc="ngo-1"),
    ]
    findings = [finding(1, "two entry wounds in the back of the head", "gunshot_wound", body_regions=["head"])]
    result = reason_about_incident("x", claims, findings, deaths=1, assessor=kb_assessor)
    why = {f.source.id: f.rationale for f in result.flags if f.target_kind == "finding"}
    assert "contradicts the claim by the authorities of an armed confrontation" in why["official-1-c1"]
    assert "supports the denial by a witness of an armed confrontation" in why["witness-1-c2"]
    assert "supports the doubt Amnesty casts on an armed confrontation" in why["ngo-1-c3"]
    between = [f.rationale for f in result.flags if f.target_kind == "claim"]
    assert "One account (the authorities) asserts an armed confrontation; another (a witness) denies it." in between


@pytest.mark.parametrize(
    "text, weighs",
    [
        ("The footage shows the man on his knees, unarmed, when the officer fires", "against"),
        ("el video muestra a los jóvenes desarmados corriendo", "against"),
        # unarmed officers chased by an attacker say nothing of the person killed being subdued
        ("the CCTV shows the attack and then the pursuit of other unarmed officers towards the exit", "neutral"),
        ("las cámaras registran cómo persigue a los agentes desarmados", "neutral"),
    ],
)
def test_knowledge_base_video_of_an_unarmed_person_means_the_person_killed(text, weighs):
    assert assess({"type": "other", "text": text}).weighs == weighs


def test_flags_one_persons_death_is_part_of_a_toll_not_a_rival_count():
    """A claim about one person's death ("doctors declared him dead") is part of any larger tally; only a
    count that says so ("only one person died") contradicts it."""
    one = claim(1, "doctors declared him dead", "casualty_count", value=1, doc="news-1")
    nine = claim(2, "nine people were killed in the raid", "casualty_count", value=9, doc="ngo-1")
    only = claim(3, "only one person was killed in the raid", "casualty_count", value=1, doc="police-1")
    result = reason_about_incident("x", [one, nine, only], [], deaths=9, assessor=kb_assessor)
    pairs = {frozenset((f.source.id, f.target.id)) for f in result.flags if f.indicator == "count_mismatch"}
    assert frozenset(("news-1-c1", "ngo-1-c2")) not in pairs
    assert frozenset(("police-1-c3", "ngo-1-c2")) in pairs


def test_flags_a_count_several_times_smaller_is_a_part_of_the_toll_and_close_tallies_rank_first():
    """"Three patients died after reaching hospital" is a part of "23 dead", not a rival tally; "8 dead"
    against "14 dead" is the domain brief's own contradiction and outranks 8 against 20."""
    toll = claim(1, "the operation left 23 people dead", "casualty_count", value=23, doc="wire-1")
    part = claim(2, "three patients died after reaching the hospital", "casualty_count", value=3, doc="hospital-1")
    assert reason_about_incident("p", [toll, part], [], None, kb_assessor).flags == []
    official = claim(1, "8 people were killed in the operation", "casualty_count", value=8, doc="police-1")
    families = claim(2, "14 people were killed, according to the families", "casualty_count", value=14, doc="ngo-1")
    residents = claim(3, "20 people were killed, residents say", "casualty_count", value=20, doc="news-1")
    flags = reason_about_incident("q", [official, families, residents], [], None, kb_assessor).flags
    by_pair = {frozenset((f.source.id, f.target.id)): f for f in flags if f.indicator == "count_mismatch"}
    close, far = by_pair[frozenset(("police-1-c1", "ngo-1-c2"))], by_pair[frozenset(("police-1-c1", "news-1-c3"))]
    assert close.weight > far.weight and close.score > far.score


def test_flags_rank_a_doubtful_reading_below_a_clear_one_and_say_why():
    """The score is the evidence's weight times the confidence of the reading: the same wound finding against
    two confrontation claims ranks the claim the tagger read clearly first, and the flag on the doubtful one
    names it, so the analyst knows to check the span before the contradiction."""
    clear = claim(1, "the men died in clashes with the police", "armed_confrontation")
    doubtful = claim(2, "a los protocolos de uso", "self_defense", doc="official-2")
    clear.record["_score"], doubtful.record["_score"] = 0.92, 0.31
    wound = finding(1, "gunshot wounds to the head and the heart", "gunshot_wound", body_regions=["head", "chest"])
    wound.record["_score"] = 0.95
    flags = {f.source.id: f for f in reason_about_incident("x", [clear, doubtful], [wound], None, assessor=kb_assessor).flags}
    high, low = flags["official-1-c1"], flags["official-2-c2"]
    assert high.weight == low.weight and high.confidence == 0.92 and low.confidence == 0.31
    assert high.score == pytest.approx(high.weight * 0.92, abs=1e-4) and low.score < high.score
    assert high.strength in ("moderate", "strong") and low.strength == "weak"
    assert "unsure of its reading of the claim \"a los protocolos de uso\" (0.31)" in low.rationale
    assert "unsure" not in high.rationale


def test_flags_gold_spans_count_as_read_with_certainty():
    """Spans without an extraction score (gold spans, hand-made input) keep the full weight."""
    flags = reason_about_incident("x", [claim(1, "they died in a shootout", "armed_confrontation")],
                                  [finding(1, "shot in the back of the head", "gunshot_wound", body_regions=["head", "back"])],
                                  None, assessor=kb_assessor).flags
    assert flags and all(f.confidence == 1.0 and f.score == f.weight for f in flags)


def test_flags_a_finding_weighed_by_the_learned_model_alone_weighs_less_than_a_named_indicator():
    """The knowledge base's `learned_weight_factor` tempers a weight that rests on resemblance to labelled
    cases only; a finding an indicator names keeps its indicator's weight."""
    from dissonance.reasoning.weights import Assessment

    kb = load_knowledge()
    wound = finding(1, "gunshot wounds to the head and the heart", "gunshot_wound", body_regions=["head", "chest"])
    odd = finding(2, "the cartridge cases lay in a neat row by the wall", "other")

    def assessor(record):
        named = assess(record)
        return named if named.weighs != "neutral" else Assessment("against", 0.9, [])

    flags = {f.target.id: f for f in reason_about_incident(
        "x", [claim(1, "the men died in clashes with the police", "armed_confrontation")], [wound, odd], None,
        assessor=assessor).flags}
    learned, named = flags["autopsy-1-f2"], flags["autopsy-1-f1"]
    assert learned.indicator == "learned_pattern" and named.indicator != "learned_pattern"
    assert 0 < kb.learned_weight_factor < 1
    assert learned.weight == pytest.approx(0.9 * kb.learned_weight_factor, abs=1e-4)
    assert named.weight == pytest.approx(assess(wound.record).score, abs=1e-4)


def test_flags_a_claim_meets_findings_with_the_confidence_of_its_side_and_claims_with_that_of_its_type():
    """Against a finding only the side a claim takes matters; against another claim of its type, the type."""
    sure_side = claim(1, "the officers were attacked with firearms", "self_defense")
    sure_side.record.update(_score=0.45, _side_score=0.9)
    denial = claim(2, "there was no self-defence at all", "self_defense", polarity="denied", doc="ngo-1")
    denial.record.update(_score=0.8, _side_score=0.8)
    wound = finding(1, "gunshot wounds to the head and the heart", "gunshot_wound", body_regions=["head", "chest"])
    flags = reason_about_incident("x", [sure_side, denial], [wound], None, assessor=kb_assessor).flags
    against_finding = next(f for f in flags if f.source.id == "official-1-c1" and f.target_kind == "finding")
    against_claim = next(f for f in flags if f.indicator == "denied_claim")
    assert against_finding.confidence == 0.9 and "unsure" not in against_finding.rationale
    assert against_claim.confidence == 0.45 and "(0.45)" in against_claim.rationale


def _exchange_incident(*extra_findings):
    claims = [claim(1, "the gunmen opened fire on the patrol", "victim_armed"),
              claim(2, "the men died in a shootout with the officers", "armed_confrontation"),
              claim(3, "two officers were wounded", "officer_casualty", value=2, doc="wire-1"),
              claim(4, "he was executed after he surrendered", "execution_allegation", speaker="his brother",
                    role="witness", doc="witness-1")]
    findings = [finding(1, "swabs from both hands were positive for gunshot residue", "gunshot_residue",
                        result="positive", doc="lab-1"),
                finding(2, "a through-and-through wound to the left thigh, no soot or stippling", "gunshot_wound",
                        body_regions=["leg"], range="distant"),
                finding(3, "a gunshot wound to the head", "gunshot_wound", body_regions=["head"]), *extra_findings]
    return reason_about_incident("fit", claims, findings, deaths=1, assessor=kb_assessor)


def test_an_incident_whose_evidence_fits_an_exchange_of_fire_sets_its_contradictions_of_the_account_aside():
    """Officers hurt, residue on the hands, a distant wound to the thigh: one head wound among them does not
    tell an execution from a gunfight, so the flags reading it against the account are set aside, kept with
    the reason; the finding that contradicts the allegation of execution still stands."""
    result = _exchange_incident()
    assert result.exchange.fits
    against_account = [f for f in result.flags if f.label == "contradicts" and f.source.record["type"] != "execution_allegation"]
    assert against_account == []
    assert {(f.source.id, f.target.id) for f in result.set_aside} == {
        ("official-1-c1", "autopsy-1-f3"), ("official-1-c2", "autopsy-1-f3")}
    assert all(f.label == "contradicts" for f in result.set_aside)
    allegation = [f for f in result.flags if f.source.id == "witness-1-c4" and f.target.id == "lab-1-f1"]
    assert allegation and allegation[0].label == "contradicts"
    indicator = result.indicators["exchange_of_fire"]
    assert indicator["value"] == 1 and indicator["numerator"] == 2
    assert "wire-1-c3" in indicator["spans"] and "lab-1-f1" in indicator["spans"]
    assert indicator["note"].startswith("2 contradicts flags set aside: officers hurt (1 claim), 2 findings that fit")


def test_a_close_shot_or_a_wound_from_behind_means_the_evidence_does_not_fit_an_exchange_of_fire():
    for extra, named in ((finding(4, "stippling around a wound of the temple", "gunshot_wound", body_regions=["head"],
                                  range="close"), "close_range"),
                         (finding(4, "an entry wound in the back", "gunshot_wound", body_regions=["back"]), "wounds_back")):
        result = _exchange_incident(extra)
        assert not result.exchange.fits and result.set_aside == []
        assert named in result.exchange.note and result.indicators["exchange_of_fire"]["value"] == 0
        assert any(f.label == "contradicts" and f.source.id == "official-1-c2" for f in result.flags)


def test_without_officers_hurt_or_with_many_claims_disputing_it_the_evidence_does_not_fit():
    claims = [claim(1, "the men died in a shootout with the officers", "armed_confrontation")]
    findings = [finding(1, "swabs from both hands were positive for gunshot residue", "gunshot_residue", result="positive"),
                finding(2, "a gunshot wound to the head", "gunshot_wound", body_regions=["head"])]
    result = reason_about_incident("x", claims, findings, None, kb_assessor)
    assert not result.exchange.fits and "no officer reported hurt" in result.exchange.note
    disputed = claims + [claim(2, "two officers were wounded", "officer_casualty", value=2),
                         claim(3, "they were executed", "execution_allegation", role="ngo", doc="ngo-1"),
                         claim(4, "there was no shootout", "armed_confrontation", polarity="denied", role="witness", doc="w-1")]
    result = reason_about_incident("y", disputed, findings, None, kb_assessor)
    assert not result.exchange.fits and "2 claims dispute the account against 1" in result.exchange.note


def test_the_exchange_of_fire_rule_is_validated_and_may_be_removed(tmp_path):
    import yaml
    from importlib import resources

    from dissonance.reasoning.exchange import exchange_verdict

    data = yaml.safe_load(resources.files("dissonance.reasoning").joinpath("knowledge.yaml").read_text("utf-8"))
    data["exchange_of_fire"]["tolerated_against"] = ["wounds_to_the_head"]
    bad = tmp_path / "kb.yaml"
    bad.write_text(yaml.safe_dump(data))
    with pytest.raises(ValueError, match="wounds_to_the_head"):
        load_knowledge(str(bad))
    del data["exchange_of_fire"]
    without = tmp_path / "kb-without.yaml"
    without.write_text(yaml.safe_dump(data))
    verdict = exchange_verdict([], [], load_knowledge(str(without)))
    assert not verdict.fits and "no exchange_of_fire rule" in verdict.note


@pytest.mark.parametrize("text, regions, direction, weighs", [
    ("multiple bullet wounds, mostly to the upper and lower limbs", ["arm", "leg"], None, "consistent"),
    ("Se describen heridas múltiples distribuidas en extremidades superiores e inferiores, hemitórax y abdomen",
     ["arm", "leg", "chest", "abdomen"], None, "consistent"),
    # wounds in the back or tracks from below are no scattered fire
    ("a dozen were treated for gunshot wounds, mostly to the lower limbs, buttocks and back", ["leg", "back"], None, "against"),
    ("several wounds to the legs and lower trunk had upward tracks", ["leg"], "upward", "neutral"),
    # one wound to a leg says nothing of a pattern
    ("a gunshot wound to the left leg", ["leg"], None, "neutral"),
])
def test_many_wounds_across_the_limbs_fit_an_exchange_of_fire(text, regions, direction, weighs):
    finding = {"text": text, "type": "gunshot_wound", "body_regions": regions, "direction": direction}
    assert assess(finding).weighs == weighs


def test_an_analysts_broken_knowledge_base_is_reported_with_its_file_and_line(tmp_path):
    broken = tmp_path / "kb.yaml"
    broken.write_text("strength_cuts: {strong: 0.75\n  bad: [\n")
    with pytest.raises(ValueError, match=r"kb\.yaml:2:\d+: not valid YAML"):
        load_knowledge(str(broken))
    binary = tmp_path / "kb-latin1.yaml"
    binary.write_bytes("título: válido".encode("latin-1"))
    with pytest.raises(ValueError, match=r"kb-latin1\.yaml: not UTF-8 text"):
        load_knowledge(str(binary))
