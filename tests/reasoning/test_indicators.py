"""Incident-level indicators: the counts and spans they rest on."""

from dissonance.reasoning import SpanRef
from dissonance.reasoning.indicators import incident_indicators


def ref(doc, i, text, type_, **extra):
    return SpanRef(doc, {"id": f"{doc}-{i}", "start": 0, "end": len(text), "text": text, "type": type_, **extra})


def test_lethality_and_shares_rest_on_counts_and_shots():
    claims = [
        ref("news", "c1", "eight people were killed in the raid", "casualty_count", value=8),
        ref("news", "c2", "two more were wounded", "casualty_count", value=2),
        ref("police", "c3", "one officer was killed", "officer_casualty", value=1),
    ]
    findings = [
        ref("autopsy", "f1", "gunshot wounds to the head of five of the dead", "gunshot_wound", body_regions=["head"], victims=5),
        ref("autopsy", "f2", "two were shot in the back", "gunshot_wound", body_regions=["back"], victims=2),
    ]
    ind = incident_indicators(claims, findings, None)
    assert ind["lethality_index"]["value"] == 4.0 and ind["civilians_per_agent_killed"]["value"] == 8.0
    share = ind["share_head_neck_chest"]
    assert (share["numerator"], share["denominator"], share["spans"]) == (5, 8, ["autopsy-f1"])
    assert ind["share_back"]["spans"] == ["autopsy-f2"]


def test_a_beaten_skull_is_not_counted_as_shot_in_the_head():
    """Kianjokoma sample: two brothers dead of blunt head injuries; the share of victims shot in the head,
    neck or chest is unknown, not 100%."""
    findings = [
        ref("pm", "f1", "Cause of death: severe head injury due to blunt force trauma", "cause_of_death", body_regions=["head"]),
        ref("pm", "f2", "Causa de muerte: herida por proyectil de arma de fuego en cráneo", "cause_of_death", body_regions=["head"]),
    ]
    ind = incident_indicators([], findings[:1], 2)
    assert ind["share_head_neck_chest"]["value"] is None and ind["share_head_neck_chest"]["spans"] == []
    ind = incident_indicators([], findings, 2)
    assert ind["share_head_neck_chest"]["spans"] == ["pm-f2"] and ind["share_head_neck_chest"]["value"] == 0.5
