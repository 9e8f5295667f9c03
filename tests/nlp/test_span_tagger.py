"""The tagger's input encoding and decoding, on the committed tokenizer (no model run)."""

from pathlib import Path

import pytest

from dissonance.nlp.span_tagger import CLAIM_TAGS, _decode, encode_pairs

MODEL = Path(__file__).resolve().parents[2] / "models" / "span_tagger"


@pytest.fixture(scope="module")
def tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(MODEL)


def test_span_tagger_context_pieces_get_no_offsets(tokenizer):
    sentence = "They died in a shootout with the police."
    enc = encode_pairs(tokenizer, [sentence], ["The Interior Ministry said on Monday that"])
    offsets = enc["offset_mapping"][0].tolist()
    pieces = [sentence[s:e] for s, e in offsets if e > s]
    assert pieces[0].lower() == "they" and pieces[-1] == "."
    assert all(e <= len(sentence) for _, e in offsets)


def test_span_tagger_decoding_bridges_small_gaps_and_drops_fragments(tokenizer):
    text = "Police said the men died in a shootout after they fired on officers."
    enc = encode_pairs(tokenizer, [text])
    offsets = enc["offset_mapping"][0].tolist()
    words = [text[s:e] for s, e in offsets]
    b, i = CLAIM_TAGS.index("B-armed_confrontation"), CLAIM_TAGS.index("I-armed_confrontation")
    tags = [0] * len(offsets)
    start = words.index("the")
    for k in range(start, start + 6):  # "the men died in a shootout", one piece ("in") missed inside
        tags[k] = b if k == start else i
    tags[start + 3] = 0
    tags[words.index("officers")] = b  # a one-word fragment, 4 pieces away
    spans = _decode(tags, [0.9] * len(tags), CLAIM_TAGS, offsets, "claims", text)
    assert [(text[s.start:s.end], s.label) for s in spans] == [("the men died in a shootout", "armed_confrontation")]
