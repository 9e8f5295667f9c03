"""Write the measured numbers into eval/README.md (between the RESULTS markers).

Numbers in the README are never typed by hand: `make eval` and `make bench`
write metrics files, and this script copies their headline numbers into the
README's results section.

    .venv/bin/python eval/summarise.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
START, END = "<!-- RESULTS:START -->", "<!-- RESULTS:END -->"
TARGETS = {
    "claims detection F1": 0.85, "claims typed F1": 0.75, "findings detection F1": 0.90, "findings typed F1": 0.85,
    "body_regions accuracy": 0.85, "source_type accuracy": 0.90, "relations contradicts F1": 0.80,
    "incidents B-cubed F1": 0.85,
}


def _get(m, *keys):
    for k in keys:
        if m is None or k not in m:
            return None
        m = m[k]
    return m


def _fmt(x):
    return "–" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def headline(m: dict) -> dict[str, float | None]:
    return {
        "claims detection F1": _get(m, "claims", "detection", "f1"),
        "claims typed F1": _get(m, "claims", "typed", "f1"),
        "findings detection F1": _get(m, "findings", "detection", "f1"),
        "findings typed F1": _get(m, "findings", "typed", "f1"),
        "body_regions accuracy": _get(m, "attributes", "body_regions", "acc"),
        "range accuracy": _get(m, "attributes", "range", "acc"),
        "direction accuracy": _get(m, "attributes", "direction", "acc"),
        "polarity accuracy": _get(m, "attributes", "polarity", "acc"),
        "speaker_role accuracy": _get(m, "attributes", "speaker_role", "acc"),
        "count value accuracy": _get(m, "attributes", "value", "acc"),
        "source_type accuracy": _get(m, "source_type", "acc"),
        "incidents B-cubed F1": _get(m, "incidents_b3", "f1"),
        "relations contradicts F1": _get(m, "relations", "contradicts", "f1"),
        "relations supports F1": _get(m, "relations", "supports", "f1"),
    }


def main() -> None:
    columns = [("dev (all)", HERE / "dev"), ("dev, English", HERE / "dev-en"), ("dev, Spanish", HERE / "dev-es"),
               ("gold spans → linking + reasoning", HERE / "dev-components"),
               ("test (held out)", HERE / "test"), ("test, gold spans", HERE / "test-components"),
               ("holdout", HERE / "holdout"), ("holdout, gold spans", HERE / "holdout-components")]
    metrics = {name: json.loads((p / "metrics.json").read_text()) for name, p in columns if (p / "metrics.json").exists()}
    rows = {name: headline(m) for name, m in metrics.items()}
    names = list(rows)
    lines = ["| metric | target | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for key in next(iter(rows.values())):
        lines.append(f"| {key} | {_fmt(TARGETS.get(key))} | " + " | ".join(_fmt(rows[n][key]) for n in names) + " |")
    stamp = HERE / "dev" / "run.json"
    if stamp.exists():
        run = json.loads(stamp.read_text())
        lines += ["", f"Measured at commit `{run.get('commit')}` on {run.get('time')}."]
    test_stamp = HERE / "test" / "run.json"
    if test_stamp.exists():
        run = json.loads(test_stamp.read_text())
        lines += ["", f"Test set measured at commit `{run.get('commit')}` on {run.get('time')}."]
    holdout_stamp = HERE / "holdout" / "run.json"
    if holdout_stamp.exists():
        run = json.loads(holdout_stamp.read_text())
        lines += ["", f"Holdout set measured at commit `{run.get('commit')}` on {run.get('time')}."]
    for split in ("dev", "test", "holdout"):
        distractors = HERE / split / "distractors.json"
        if distractors.exists():
            d = json.loads(distractors.read_text())
            lines += ["", f"Distractors ({split}): {d['distractors_without_spans']} of the {d['distractors']} {split} "
                      f"distractors get no span; {d['flags_touching_distractors']} of {d['flags']} flags touch a "
                      f"distractor ({d['contradicts_touching_distractors']} of them `contradicts`"
                      + ("; strength: " + ", ".join(f"{n} {k}" for k, n in d["strength_of_flags_touching_distractors"].items())
                         if d.get("strength_of_flags_touching_distractors") else "") + ")."]
    for split in ("dev", "test", "holdout"):
        ranked = HERE / split / "ranking.json"
        if ranked.exists():
            d = json.loads(ranked.read_text()).get("contradicts")
            if d:
                strengths = ", ".join(f"{k} {v['flags']} at {v['precision']:.3f}" for k, v in d["by_strength"].items()
                                      if v["precision"] is not None)
                lines += ["", f"Ranking ({split}, `eval/ranking.py`): of {d['flags']} `contradicts` flags "
                          f"{d['precision']:.3f} are gold relations; average precision by score {d['average_precision']:.3f}; "
                          f"by strength: {strengths}."]
    shares = {split: json.loads((HERE / f"{split}-gold-linking" / "summary.json").read_text())
              for split in ("dev", "test", "holdout") if (HERE / f"{split}-gold-linking" / "summary.json").exists()}
    if shares:
        lines += ["", "What linking costs (`eval/linking_share.py`: the run's own spans, linked by the gold incidents): "
                  + "; ".join(f"{split} `contradicts` {d['relations']['contradicts']['run']:.3f} → "
                              f"{d['relations']['contradicts']['gold_linking']:.3f}, B-cubed "
                              f"{d['incidents_b3']['run']:.3f} → {d['incidents_b3']['gold_linking']:.3f}"
                              for split, d in shares.items()) + "."]
    agreed = HERE / "agreement" / "agreement.json"
    if agreed.exists():
        d = json.loads(agreed.read_text())
        pairs = d["pairs"]["all"]

        def pair(name: str) -> str:
            row = pairs[name]
            return (f"claims {row['claims detection']:.3f} / {row['claims typed']:.3f}, "
                    f"findings {row['findings detection']:.3f} / {row['findings typed']:.3f}"
                    + (f", `contradicts` {row['relations contradicts']:.3f}" if row.get("relations contradicts") is not None else ""))
        parts = [f"the gold against annotator {who}: {pair(f'gold vs {who}')}" for who in ("a", "b")]
        parts.append(f"the two annotators: {pair('a vs b')}")
        if "gold vs models" in pairs:
            parts.append(f"the models against the gold: {pair('gold vs models')}")
        lines += ["", f"Agreement (`eval/agreement.py`, {d['documents']['all']} dev, holdout and test documents labelled "
                  "again twice by annotators without the gold; detection / typed F1; relations among documents labelled "
                  "together): " + "; ".join(parts) + "."]
    for split in ("dev", "test", "holdout"):
        spread = HERE / split / "intervals.json"
        if spread.exists():
            d = json.loads(spread.read_text())
            parts = [f"{name} {row['low']:.3f}–{row['high']:.3f}" for name, row in d["metrics"].items()
                     if not name.endswith("typed") and name != "relations supports"]
            lines += ["", f"{round(d['level'] * 100)}% intervals ({split}; {d['samples']} bootstrap resamples of its "
                      f"{d['incidents']} gold incidents, `dissonance eval --intervals`): " + "; ".join(parts) + "."]
    for name, label in (("bench.json", "default"), ("bench-fp32.json", "DISSONANCE_PRECISION=fp32"),
                        ("bench-int8.json", "DISSONANCE_PRECISION=int8")):
        bench = HERE / name
        if bench.exists():
            b = json.loads(bench.read_text())
            label = f"{label} (tagger in {b.get('tagger_precision', 'fp32')})"
            lines += ["", f"Throughput, {label}, on `corpora/dev.jsonl` ({b['documents']} documents, {b['tokens']} "
                      f"tokens), linking and reasoning included: bare `en_core_web_sm` {b['bare_tokens_per_s']} "
                      f"tokens/s, full analysis {b['analysis_tokens_per_s']} tokens/s, **ratio {b['ratio']}** "
                      "(target ≥ 0.6)."]
    readme = HERE / "README.md"
    text = readme.read_text()
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(head + START + "\n" + "\n".join(lines) + "\n" + END + tail)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
