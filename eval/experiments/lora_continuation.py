"""Experiment: can the committed tagger learn more about findings without new full weights?

The repository's history already holds most of its size in earlier tagger
weights (eval/README.md, thirteenth round), so a better tagger would ideally
be stored as a small change to the committed one. This adds low-rank
adapters (LoRA, rank r, to the query, key, value, attention output and both
feed-forward matrices of every layer) to the committed four-part soup,
trains them and the heads on the training split plus every extra document,
with the finding tags' loss weighted up, and saves the merged weights for
evaluation. Stored for real, the adapters would take about 1.4 MB. Results
and decision: eval/README.md, point 103 (not adopted).

    .venv/bin/python eval/experiments/lora_continuation.py /tmp/tagger-lora --epochs 2 --lr 2e-4 \\
        --finding-weight 2 --rank 16          # about 14 minutes on 2 cores (bf16)
    mkdir -p /tmp/models-lora && for m in models/*; do ln -sfn $PWD/$m /tmp/models-lora/; done
    ln -sfn /tmp/tagger-lora /tmp/models-lora/span_tagger
    DISSONANCE_MODELS=/tmp/models-lora .venv/bin/dissonance analyze corpora/holdout.jsonl --out /tmp/run-lora --quiet
    .venv/bin/dissonance eval --gold corpora/holdout.jsonl --pred /tmp/run-lora/predictions.jsonl \\
        --intervals 1000 --paired runs/holdout/predictions.jsonl
"""

from __future__ import annotations

import argparse
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from dissonance.corpus import read_split
from dissonance.labelled import read_set
from dissonance.nlp.span_tagger import BIO, SpanTagger
from dissonance.paths import REPO_ROOT
from dissonance.training.span_tagger import _batch, _span_loss, segment_documents, window_examples

TARGETS = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
           "intermediate.dense", "output.dense")


class LowRank(nn.Module):
    """A frozen linear layer plus a trainable low-rank update B·A (B starts at zero)."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float):
        super().__init__()
        self.base = base
        for p in base.parameters():
            p.requires_grad = False
        self.A = nn.Parameter(torch.empty(rank, base.in_features))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))
        self.B = nn.Parameter(torch.zeros(base.out_features, rank))
        self.scale = alpha / rank
        self.dropout = nn.Dropout(0.05)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (self.dropout(x) @ self.A.T @ self.B.T) * self.scale

    def merged(self) -> nn.Linear:
        with torch.no_grad():
            self.base.weight += (self.B @ self.A) * self.scale
        return self.base


def _swap(layer: nn.Module, dotted: str, make) -> None:
    *path, name = dotted.split(".")
    parent = layer
    for part in path:
        parent = getattr(parent, part)
    setattr(parent, name, make(getattr(parent, name)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=2e-4)
    parser.add_argument("--finding-weight", type=float, default=2.0)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    tagger = SpanTagger.load(REPO_ROOT / "models" / "span_tagger")
    model, tokenizer = tagger.model, tagger.tokenizer
    for p in model.encoder.parameters():
        p.requires_grad = False
    for layer in model.encoder.encoder.layer:
        for target in TARGETS:
            _swap(layer, target, lambda lin: LowRank(lin, args.rank, 2.0 * args.rank))
    trainable = [p for p in model.parameters() if p.requires_grad]
    print(f"{sum(p.numel() for p in trainable)} trainable parameters")

    documents, _ = read_set(REPO_ROOT / "corpora" / "train.jsonl")
    documents += read_split(REPO_ROOT / "corpora" / "src" / "extra")
    segmented = segment_documents(documents)
    rng = random.Random(args.seed)
    epochs = [window_examples(segmented, tagger.context_chars, lambda: rng.randint(0, tagger.window_chars))
              for _ in range(args.epochs)]
    from transformers import get_linear_schedule_with_warmup

    optimizer = torch.optim.AdamW(trainable, lr=args.lr, weight_decay=0.01)
    steps = sum(math.ceil(len(e) / 8) for e in epochs)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(0.06 * steps), steps)
    ce = nn.CrossEntropyLoss(ignore_index=-100)
    started = time.time()
    model.train()
    for epoch, order in enumerate(epochs):
        rng.shuffle(order)
        chunks = [sorted(order[i:i + 64], key=lambda e: len(e.text)) for i in range(0, len(order), 64)]
        batches = [c[i:i + 8] for c in chunks for i in range(0, len(c), 8)]
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            enc, claim_tags, finding_tags, targets = _batch(tokenizer, batch, tagger.context_chars > 0)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                hidden, claim_logits, finding_logits = model(enc["input_ids"], enc["attention_mask"], enc.get("token_type_ids"))
                loss = ce(claim_logits.float().reshape(-1, len(BIO)), claim_tags.reshape(-1))
                loss = loss + args.finding_weight * ce(finding_logits.float().reshape(-1, len(BIO)), finding_tags.reshape(-1))
                if targets is not None:
                    loss = loss + _span_loss(model, hidden.float(), targets, ce)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            scheduler.step()
            total += loss.item()
        print(f"epoch {epoch + 1}: mean loss {total / len(batches):.4f} ({time.time() - started:.0f}s)")
    model.eval()
    for layer in model.encoder.encoder.layer:
        for target in TARGETS:
            _swap(layer, target, lambda low_rank: low_rank.merged())
    tagger.meta["low_rank_continuation"] = {**{k: v for k, v in vars(args).items() if k != "out"},
                                            "seconds": round(time.time() - started)}
    tagger.save(args.out)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
