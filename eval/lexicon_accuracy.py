"""How well the lexicons read finding attributes and count values from the words of gold spans.

End-to-end attribute accuracy mixes two errors: a predicted span cut
differently from the gold one, and the lexicon reading the right span
wrongly. This reads every gold finding (and count claim) of a labelled set
or authoring folder with the same functions analysis uses and compares the
result with the label, so a rule can be judged on the training split and the
extra documents before dev or test are run (eval/README.md, points 104-105).

    .venv/bin/python eval/lexicon_accuracy.py corpora/train.jsonl corpora/src/extra
    .venv/bin/python eval/lexicon_accuracy.py corpora/holdout.jsonl --errors direction
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from dissonance.corpus import read_gold
from dissonance.nlp.attributes import context_before, finding_attributes
from dissonance.nlp.counts import count_claim

ATTRIBUTES = ("body_regions", "range", "direction", "value")


def _documents(path: Path) -> list:
    return read_gold(path)


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence around text[start] begins, roughly (gold sets carry no sentence boundaries)."""
    ends = [text.rfind(mark, 0, start) + len(mark) for mark in (". ", "\n\n", "? ", "! ") if mark in text[:start]]
    return max(ends, default=0)


def readings(documents: list) -> dict[str, list[tuple[str, object, object, str]]]:
    """Per attribute: (document id, gold value, value read from the words, span text) for every labelled span."""
    out: dict[str, list] = {name: [] for name in ATTRIBUTES}
    for doc in documents:
        for f in doc.findings:
            read = finding_attributes(f.text, f.type, context_before(doc.text, f.start, _sentence_start(doc.text, f.start)))
            for name in ("body_regions", "range", "direction"):
                gold = getattr(f, name, None)
                if gold is not None:
                    out[name].append((doc.id, gold, read.get(name), f.text))
        for c in doc.claims:
            if c.value is not None:
                out["value"].append((doc.id, c.value, count_claim(c.text)[0], c.text))
    return out


def _same(name: str, gold, read) -> bool:
    if name == "body_regions":
        return set(gold) == set(read or ())
    if name == "value":
        return read is not None and float(read) == float(gold)
    return gold == read


def scores(documents: list, read: dict[str, list] | None = None) -> dict[str, dict]:
    """Accuracy and commonest confusions per attribute (`read`: the documents' `readings`, if already made)."""
    result = {}
    for name, rows in (read or readings(documents)).items():
        right = sum(_same(name, gold, read) for _, gold, read, _ in rows)
        confusions = Counter((str(gold), str(read)) for _, gold, read, _ in rows if not _same(name, gold, read))
        result[name] = {"acc": round(right / len(rows), 4) if rows else None, "n": len(rows),
                        "errors": [{"gold": g, "read": r, "n": n} for (g, r), n in confusions.most_common(10)]}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, nargs="+", help="labelled-set JSONL files or authoring folders")
    parser.add_argument("--errors", choices=ATTRIBUTES, help="also list the spans read wrongly for this attribute")
    parser.add_argument("--out", type=Path, help="write the scores as JSON here")
    args = parser.parse_args()
    documents = [d for path in args.gold for d in _documents(path)]
    read = readings(documents)
    result = scores(documents, read)
    for name, block in result.items():
        print(f"{name:13s} {block['acc']}  (n={block['n']})")
    if args.errors:
        for doc_id, gold, read_value, text in read[args.errors]:
            if not _same(args.errors, gold, read_value):
                print(f"{doc_id} | gold {gold} | read {read_value} | {text[:160]}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
