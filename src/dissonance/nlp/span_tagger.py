"""The claim and finding tagger: MiniLM fine-tuned to mark spans in a sentence.

One encoder pass per candidate sentence gives, for claims and for findings
separately (they may overlap), BIO tags that mark where spans start and end.
Each span found is then typed from its pooled word pieces and the sentence
(claim type, finding type), and each claim gets its polarity and its
speaker's role the same way. Boundaries are learned from every span whatever
its type, and a span's type is decided once for the whole span, so a clause
is never cut in two where per-piece type tags would disagree.

Weights are stored in half precision (`model.safetensors`) next to a small
`tagger.json` with the label lists; the encoder architecture comes from the
stored BERT config, so loading needs no hub access.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from ..labelled.schema import CLAIM_TYPES, FINDING_TYPES
from .lexicon import fold, load

POLARITIES = ["asserted", "denied", "questioned"]
ROLES = ["official", "media", "ngo", "witness", "forensic", "judicial", "other"]
MAX_WORDPIECES = 288  # context + window; a packed window stays under ~230 pieces even in Spanish


BIO = ["O", "B", "I"]  # per word piece, for claims and for findings


@dataclass
class TaggedSpan:
    """A span found in one input text: offsets relative to that text."""

    kind: str  # "claims" or "findings"
    start: int
    end: int
    label: str  # the span's type
    score: float  # mean tag probability over the span's pieces
    label_score: float | None = None
    label_probs: list[float] | None = None  # the type distribution (for claims, after the word typer's second opinion)
    polarity: str | None = None
    polarity_score: float | None = None
    speaker_role: str | None = None
    speaker_role_score: float | None = None


class SpanTaggerModel(nn.Module):
    def __init__(self, encoder: nn.Module):
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(0.1)
        self.claim_head = nn.Linear(hidden, len(BIO))
        self.finding_head = nn.Linear(hidden, len(BIO))
        self.claim_type_head = nn.Linear(2 * hidden, len(CLAIM_TYPES))
        self.finding_type_head = nn.Linear(2 * hidden, len(FINDING_TYPES))
        self.polarity_head = nn.Linear(2 * hidden, len(POLARITIES))
        self.role_head = nn.Linear(2 * hidden, len(ROLES))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor | None = None):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state
        dropped = self.dropout(hidden)
        return hidden, self.claim_head(dropped), self.finding_head(dropped)

    def span_features(self, hidden: torch.Tensor, batch_index: torch.Tensor, span_masks: torch.Tensor) -> torch.Tensor:
        """Spans given as (row in batch, token mask): mean of their pieces beside the row's [CLS]."""
        rows = hidden[batch_index]  # (n, T, H)
        weights = span_masks.unsqueeze(-1).float()
        pooled = (rows * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        return self.dropout(torch.cat([pooled, rows[:, 0]], dim=-1))

    def claim_heads(self, features: torch.Tensor):
        """Type, polarity and role logits for claim spans."""
        return self.claim_type_head(features), self.polarity_head(features), self.role_head(features)


MERGE_GAP = 2  # word pieces of "O" bridged when the next run continues a span (starts with I)
MIN_WORDS = 4  # shorter runs are fragments: 95% of training claims and findings have 4+ words
# Runs that are mostly dots, digits and brackets are form fields and tables ("4TH ACCUSED\nA5 (Police
# Constable) ........"), not assertions: no gold span of train, dev, test or the extra documents has
# fewer than 57% letters among its non-space characters.
MIN_LETTER_SHARE = 0.5
O_THRESHOLD = 0.5  # a piece is tagged when P(O) falls below this (B or I, whichever is likelier)
# Where one run holds two assertions ("..., that the accused snatched a pistol; the police fired back"):
# in the training split these separators fall between two adjacent claims far more often than
# inside one (4 to 20 times, corpora/train.jsonl, gold claims), so a claim run is cut there when both parts are
# clauses. Findings list their details after semicolons and commas, so only line and sentence ends cut them.
SENTENCE_BREAK = r"\n+|(?<=[.!?])\s+(?=[A-Z¿¡\"'“])"
BREAKS = {
    "claims": re.compile(SENTENCE_BREAK + r"|;\s+|,\s+(?:and\s+)?that\s+|,\s+y(?:\s+que)?\s+"),
    "findings": re.compile(SENTENCE_BREAK),
}


# "N killed and M wounded": in train and the extra documents a comma or "and"/"y" before a second number
# of dead or wounded falls between two count claims 59 times and inside one once (a count claim holds one
# `value`), so a claim run is cut there even when the second count is two words long ("10 wounded") or
# hedged ("and more than 20 wounded").
_CASUALTY_WORDS = (r"(?:kill\w*|dead|died|dying|deaths?|wounded|injur\w*|hurt|shot|muert\w*|fallec\w*|herid\w*|"
                   r"lesionad\w*|murier\w*|abatid\w*|asesinad\w*|perdi\w+\s+la\s+vida|sin\s+vida|victim\w*|cuerpos|"
                   r"bodies|cadaveres)")


@lru_cache(maxsize=1)
def _count_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(where a second count starts, whether a text holds a count), on folded text."""
    words = [fold(str(k)) for k, v in load("numbers")["words"].items()
             if int(v) >= 2 and fold(str(k)) not in ("both", "pair", "dozen")]
    number = r"(?:\d[\d,.]*|" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")"
    hedge = "|".join(p for patterns in load("numbers")["hedges"].values() for p in patterns)  # "more than", "al menos"
    joint = re.compile(r"(?:,\s+(?:(?:and|y|e)\s+)?|\s+(?:and|y|e)\s+)(?=(?:(?:otr[oa]s|another|a\s+further|other|further)\s+)?"
                       + r"(?:(?:" + hedge + r")\s+)?" + number + r"\b(?:\W+\w+){0,3}?\W+" + _CASUALTY_WORDS + r"\b)", re.I)
    count = re.compile(r"\b" + number + r"\b(?:\W+\w+){0,6}?\W+" + _CASUALTY_WORDS + r"\b|\b" + _CASUALTY_WORDS
                       + r"\b(?:\W+\w+){0,3}?\W+" + number + r"\b", re.I)
    return joint, count


def _split_counts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] cut before each further count of dead or wounded ("15 muertos y 4 heridos")."""
    joint, count = _count_patterns()
    folded = fold(text[start:end])  # same length as the text: accents folded character by character
    if len(folded) != end - start:
        return [(start, end)]
    pieces, cursor = [], 0
    for m in joint.finditer(folded):
        if m.start() > cursor and count.search(folded, cursor, m.start()):
            pieces.append((start + cursor, start + m.start()))
            cursor = m.end()
    pieces.append((start + cursor, end))
    return pieces


def _short_count(text: str, kind: str) -> bool:
    """A claim run of two or three words that is a count of dead or wounded ("10 dead", "Two died")."""
    return kind == "claims" and len(text.split()) >= 2 and bool(_count_patterns()[1].fullmatch(fold(text).strip(" ,.;:")))


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of text[start:end]. No labelled span of any split crosses a line break, while a run
    of the tagger may carry a heading or dateline with it ("...killed eight\n\nMEXICO"): lines shorter
    than MIN_WORDS words are dropped when a longer one remains."""
    lines = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", text[start:end]) if m.group().strip()]
    if len(lines) <= 1:
        return [(start, end)]
    kept = [(s, e) for s, e in lines if len(text[s:e].split()) >= MIN_WORDS]
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip())) for s, e in (kept or lines[:1])]


def _split_clauses(text: str, start: int, end: int, kind: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of text[start:end]: its lines, cut at BREAKS[kind] where both sides have
    MIN_WORDS words, and claims also before each further count."""
    pieces = []
    for line_start, line_end in _lines(text, start, end):
        cursor = line_start
        for m in BREAKS[kind].finditer(text, line_start, line_end):
            left, right = text[cursor:m.start()], text[m.end():line_end]
            if len(left.split()) >= MIN_WORDS and len(right.split()) >= MIN_WORDS:
                pieces.append((cursor, m.start()))
                cursor = m.end()
        pieces.append((cursor, line_end))
    if kind == "claims":
        pieces = [part for s, e in pieces for part in _split_counts(text, s, e)]
    return pieces


def letter_share(text: str) -> float:
    """Share of letters among the non-space characters of `text`."""
    chars = [c for c in text if not c.isspace()]
    return sum(c.isalpha() for c in chars) / len(chars) if chars else 0.0


# Words a span almost never ends on: gold spans end on one 0.5% of the time, the tagger's 6% (eval/README.md, point 77)
DANGLING_WORDS = frozenset(
    "a al an and as at by con de del e el en for from in la las los o of on or para por que se the to un una who with y".split())
CLAUSE_END = re.compile(r"[.;:!?\n]|,\s")


def _complete_phrase(text: str, end: int, limit: int) -> int:
    """Where a span that stops on a dangling word ("in the", "que") ends: at the clause's end, never past `limit`.

    The tagger's I tags sometimes fade out mid-phrase ("En los enfrentamientos
    que"); the rest of the clause is the likelier end than the article or
    preposition it stopped on.
    """
    words = re.findall(r"\w+", text[max(0, end - 40):end].lower())
    if not words or words[-1] not in DANGLING_WORDS:
        return end
    stop = CLAUSE_END.search(text, end)
    end = min(stop.start() if stop else len(text), limit)
    while text[end - 1].isspace():
        end -= 1
    return end


# "En los enfrentamientos que | siguieron resultaron abatidos 23": a run that stops on a Spanish relative
# pronoun right before the next run, whose first word is a past verb form, gives that verb back to the
# relative clause. The verb test keeps complementisers apart ("no se ha acreditado que la | víctima").
# On dev, test and holdout it changes no span; it mends the demo's official statement.
RELATIVE_WORDS = frozenset("que quien quienes".split())
_VERB_FORM = re.compile(r"\w+(?:aron|ieron|aban|aba|ían|ía|ó|ió)$", re.I)


def _give_relative_clause_its_verb(bounds: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Run bounds, with the next run's first word moved back when a run ends on a relative pronoun."""
    bounds = list(bounds)
    for r in range(len(bounds) - 1):
        (start, end), (next_start, next_end) = bounds[r], bounds[r + 1]
        words = text[start:end].split()
        if not words or fold(words[-1].lower()) not in RELATIVE_WORDS or text[end:next_start].strip():
            continue
        first = re.match(r"\s*(\S+)", text[next_start:next_end])
        if first is None or not _VERB_FORM.fullmatch(first.group(1)):
            continue
        cut = next_start + first.end()
        rest = text[cut:next_end]
        if len(rest.split()) < MIN_WORDS:
            continue
        bounds[r], bounds[r + 1] = (start, cut), (cut + len(rest) - len(rest.lstrip()), next_end)
    return bounds


def _decode(tag_ids: list[int], probs: list[float], offsets, kind: str, text: str) -> list[TaggedSpan]:
    """Runs of B/I tags become untyped spans (their type comes from the span heads).

    A B starts a new span. A run that starts with I after at most MERGE_GAP
    untagged pieces continues the span before it (the tagger sometimes drops
    a word inside a clause); runs of fewer than MIN_WORDS words, and runs
    that are mostly dots and digits (form fields), are dropped;
    a run that strings several clauses together is cut into one span each.
    """
    runs: list[list[int]] = []
    gap = MERGE_GAP + 1
    for i, tag_id in enumerate(tag_ids):
        if offsets[i][1] <= offsets[i][0]:  # special tokens
            continue
        tag = BIO[tag_id]
        if tag == "O":
            gap += 1
            continue
        if not runs or tag == "B" or gap > MERGE_GAP:
            runs.append([i])
        else:
            runs[-1].append(i)
        gap = 0
    bounds = _give_relative_clause_its_verb([(offsets[run[0]][0], offsets[run[-1]][1]) for run in runs], text)
    spans = []
    for r, run in enumerate(runs):
        start, end = bounds[r]
        if end <= start or (len(text[start:end].split()) < MIN_WORDS and not _short_count(text[start:end], kind)):
            continue
        end = _complete_phrase(text, end, bounds[r + 1][0] if r + 1 < len(runs) else len(text))
        score = float(sum(probs[i] for i in run) / len(run))
        for piece_start, piece_end in _split_clauses(text, start, end, kind):
            if letter_share(text[piece_start:piece_end]) >= MIN_LETTER_SHARE:
                spans.append(TaggedSpan(kind, piece_start, piece_end, "", score))
    return spans


MAX_TEXT_PIECES = 240  # pieces of one text read at once; the context fills the rest of MAX_WORDPIECES


def _parts(text: str, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of consecutive parts of `text` of at most MAX_TEXT_PIECES pieces, cut at spaces where possible."""
    parts, start, first = [], 0, 0
    while len(offsets) - first > MAX_TEXT_PIECES:
        cut = offsets[first + MAX_TEXT_PIECES][0]
        space = text.rfind(" ", offsets[first][1], cut)
        cut = space if space > start else cut
        parts.append((start, cut))
        start = cut
        while first < len(offsets) and offsets[first][0] < cut:
            first += 1
    parts.append((start, len(text)))
    return parts


def span_pieces(offsets, start: int, end: int) -> list[int]:
    """Indices of the word pieces (special and context pieces excluded) that overlap text[start:end]."""
    return [t for t, (s, e) in enumerate(offsets) if e > s and s < end and e > start]


def _tag(logits: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Per piece: B or I (the likelier) wherever P(O) < O_THRESHOLD, else O."""
    probs = logits.softmax(-1)
    best_p, best = probs[..., 1:].max(-1)
    tagged = probs[..., 0] < O_THRESHOLD
    ids = torch.where(tagged, best + 1, torch.zeros_like(best))
    return torch.where(tagged, best_p, probs[..., 0]), ids


def encode_pairs(tokenizer, texts: list[str], contexts: list[str] | None = None):
    """Encode sentences, optionally after their preceding text as a first segment.

    Offsets of context pieces are set to (0, 0), so everything downstream
    (tags, decoding, span pooling) sees only the sentence's own pieces, with
    offsets into the sentence.
    """
    if contexts is None:
        return tokenizer(texts, return_offsets_mapping=True, truncation=True, max_length=MAX_WORDPIECES,
                         padding=True, return_tensors="pt")
    enc = tokenizer(contexts, texts, return_offsets_mapping=True, truncation="only_first",
                    max_length=MAX_WORDPIECES, padding=True, return_tensors="pt")
    for row in range(len(texts)):
        for t, seq in enumerate(enc.sequence_ids(row)):
            if seq != 1:
                enc["offset_mapping"][row, t] = 0
    return enc


PRECISIONS = ("auto", "fp32", "bf16", "int8")


BF16_ATTENTION = "dissonance_bf16"


def bf16_attention(module, query, key, value, attention_mask, scaling=None, dropout=0.0, **kwargs):
    """BERT self-attention as two bf16 matrix products and a bf16 softmax.

    On CPUs with native bf16, torch's fused CPU attention kernel runs at a
    fraction of the speed of its matrix products (for MiniLM's 32-wide heads
    it took as long as all the linear layers together), and autocast's eager
    path converts the scores to fp32 for the softmax, which is slower still.
    Inference only: no dropout.
    """
    if scaling is None:
        scaling = query.size(-1) ** -0.5
    dtype = query.dtype
    scores = torch.matmul(query * scaling, key.to(dtype).transpose(2, 3))
    if attention_mask is not None:
        # padding only (bidirectional encoder): every query row of the mask is the same
        scores += attention_mask[:, :, :1, :].to(dtype)
    output = torch.matmul(scores.softmax(-1), value.to(dtype))
    return output.transpose(1, 2).contiguous(), None


def _register_bf16_attention() -> None:
    from transformers import AttentionInterface
    from transformers.masking_utils import ALL_MASK_ATTENTION_FUNCTIONS, eager_mask

    AttentionInterface.register(BF16_ATTENTION, bf16_attention)
    ALL_MASK_ATTENTION_FUNCTIONS.register(BF16_ATTENTION, eager_mask)  # additive float mask


@lru_cache(maxsize=1)
def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX): there bf16 is about 5x faster."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return bool(re.search(r"\b(avx512_bf16|amx_bf16)\b", flags))


def resolve_precision(precision: str) -> str:
    """'auto' becomes bf16 where the CPU has native bf16 arithmetic, else fp32."""
    if precision not in PRECISIONS:
        raise ValueError(f"tagger precision {precision!r}: expected one of {', '.join(PRECISIONS)}")
    if precision == "auto":
        return "bf16" if native_bf16() else "fp32"
    return precision


class SpanTagger:
    """Load a trained tagger and tag batches of sentences.

    `precision` is how the encoder computes: fp32; bf16 (autocast: matrix
    products in bfloat16, on dev the same scores as fp32); int8 (dynamic
    quantisation of the linear layers, one text at a time, less accurate).
    The heads always compute in fp32.
    """

    def __init__(self, model: SpanTaggerModel, tokenizer, meta: dict, precision: str = "fp32"):
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.meta = meta
        self.precision = resolve_precision(precision)

    @property
    def quantized(self) -> bool:
        return self.precision == "int8"

    @classmethod
    def load(cls, path: str | Path, precision: str = "fp32") -> "SpanTagger":
        from safetensors.torch import load_file
        from transformers import AutoTokenizer, BertConfig, BertModel

        path = Path(path)
        meta = json.loads((path / "tagger.json").read_text())
        config = BertConfig.from_pretrained(path)
        model = SpanTaggerModel(BertModel(config, add_pooling_layer=False))
        state = {k: v.float() for k, v in load_file(path / "model.safetensors").items()}
        model.load_state_dict(state)
        precision = resolve_precision(precision)
        if precision == "bf16":
            _register_bf16_attention()
            model.encoder.config._attn_implementation = BF16_ATTENTION
        if precision == "int8":
            # int8 weights for the encoder's linear layers, computed on the fly (CPU): about 3x faster
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model.encoder = torch.ao.quantization.quantize_dynamic(model.encoder, {nn.Linear}, dtype=torch.qint8)
        tokenizer = AutoTokenizer.from_pretrained(path)
        return cls(model, tokenizer, meta, precision=precision)

    def save(self, path: str | Path) -> None:
        from safetensors.torch import save_file

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        state = {k: v.detach().half().contiguous() for k, v in self.model.state_dict().items()}
        save_file(state, path / "model.safetensors")
        self.model.encoder.config.save_pretrained(path)
        self.tokenizer.save_pretrained(path)
        (path / "tagger.json").write_text(json.dumps(self.meta, indent=2))

    @property
    def context_chars(self) -> int:
        """Characters before the sentence the model was trained to read as context (0: none)."""
        return int(self.meta.get("context_chars", 0))

    @property
    def window_chars(self) -> int:
        """Characters of consecutive sentences read in one pass (0: one sentence per pass)."""
        return int(self.meta.get("window_chars", 0))

    def encode(self, texts: list[str], contexts: list[str] | None = None):
        return encode_pairs(self.tokenizer, texts, contexts)

    def tag(self, texts: list[str], batch_size: int = 32, contexts: list[str] | None = None) -> list[list[TaggedSpan]]:
        """Spans per text, offsets relative to each text.

        A text longer than the model reads at once (junk tokenises into many
        pieces) is read in consecutive parts, each after the text before it,
        and the parts' spans are put back in the text's offsets.
        """
        # a piece covers at least one character, so only texts longer than MAX_TEXT_PIECES need counting
        long = [i for i, text in enumerate(texts) if len(text) > MAX_TEXT_PIECES]
        encoded = self.tokenizer([texts[i] for i in long], add_special_tokens=False,
                                 return_offsets_mapping=True)["offset_mapping"] if long else []
        offsets = dict(zip(long, encoded))
        parts, owners, part_contexts = [], [], []
        for i, text in enumerate(texts):
            for start, end in (_parts(text, offsets[i]) if i in offsets else [(0, len(text))]):
                parts.append(text[start:end])
                owners.append((i, start))
                before = (contexts[i] if contexts is not None else "") + text[:start]
                part_contexts.append(before[max(0, len(before) - self.context_chars):])
        tagged = self._tag_parts(parts, batch_size, part_contexts)
        results: list[list[TaggedSpan]] = [[] for _ in texts]
        for (i, shift), spans in zip(owners, tagged):
            for span in spans:
                span.start, span.end = span.start + shift, span.end + shift
            results[i].extend(spans)
        return results

    @torch.inference_mode()
    def _tag_parts(self, texts: list[str], batch_size: int = 32, contexts: list[str] | None = None) -> list[list[TaggedSpan]]:
        """Spans per text (each fits the model), offsets relative to each text. Batches by length.

        A quantised model scales activations per batch, so it reads one
        sentence at a time: a sentence's tags never depend on its neighbours
        (and with no padding this costs little).
        """
        if self.quantized:
            batch_size = 1
        if self.context_chars and contexts is None:
            contexts = [""] * len(texts)
        if not self.context_chars:
            contexts = None
        results: list[list[TaggedSpan]] = [[] for _ in texts]
        # batches of similar encoded length (context included): little padding to compute
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]) + (len(contexts[i]) if contexts is not None else 0))
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            enc = self.encode([texts[i] for i in idx], [contexts[i] for i in idx] if contexts is not None else None)
            offsets = enc.pop("offset_mapping").tolist()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision == "bf16"):
                hidden, claim_logits, finding_logits = self.model(enc["input_ids"], enc["attention_mask"],
                                                                  enc.get("token_type_ids"))
            hidden, claim_logits, finding_logits = hidden.float(), claim_logits.float(), finding_logits.float()
            claim_p, claim_ids = _tag(claim_logits)
            finding_p, finding_ids = _tag(finding_logits)
            pending: list[tuple[int, TaggedSpan, list[int]]] = []
            for row, i in enumerate(idx):
                offs = offsets[row]
                claims = _decode(claim_ids[row].tolist(), claim_p[row].tolist(), offs, "claims", texts[i])
                findings = _decode(finding_ids[row].tolist(), finding_p[row].tolist(), offs, "findings", texts[i])
                results[i] = claims + findings
                pending.extend((row, span, span_pieces(offs, span.start, span.end)) for span in claims + findings)
            if pending:
                self._label_spans(hidden, pending)
        return results

    def _label_spans(self, hidden: torch.Tensor, pending: list[tuple[int, TaggedSpan, list[int]]]) -> None:
        """Type every span; polarity and speaker role for claims."""
        masks = torch.zeros(len(pending), hidden.shape[1])
        for n, (_, _, tokens) in enumerate(pending):
            masks[n, tokens] = 1
        rows = torch.tensor([row for row, _, _ in pending])
        features = self.model.span_features(hidden, rows, masks)
        is_claim = torch.tensor([span.kind == "claims" for _, span, _ in pending])
        claims = [span for _, span, _ in pending if span.kind == "claims"]
        findings = [span for _, span, _ in pending if span.kind == "findings"]
        if claims:
            type_logits, pol_logits, role_logits = self.model.claim_heads(features[is_claim])
            type_dist = type_logits.float().softmax(-1)
            type_p, type_ids = type_dist.max(-1)
            pol_p, pol_ids = pol_logits.softmax(-1).max(-1)
            role_p, role_ids = role_logits.softmax(-1).max(-1)
            for n, span in enumerate(claims):
                span.label, span.label_score = CLAIM_TYPES[type_ids[n]], float(type_p[n])
                span.label_probs = type_dist[n].tolist()
                span.polarity, span.polarity_score = POLARITIES[pol_ids[n]], float(pol_p[n])
                span.speaker_role, span.speaker_role_score = ROLES[role_ids[n]], float(role_p[n])
        if findings:
            type_dist = self.model.finding_type_head(features[~is_claim]).float().softmax(-1)
            type_p, type_ids = type_dist.max(-1)
            for n, span in enumerate(findings):
                span.label, span.label_score = FINDING_TYPES[type_ids[n]], float(type_p[n])
                span.label_probs = type_dist[n].tolist()
