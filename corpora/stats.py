"""Counts for corpora/README.md, printed as Markdown tables.

    .venv/bin/python corpora/stats.py               # per-split tables (README, "Counts")
    .venv/bin/python corpora/stats.py --incidents   # one row per incident (README, "Incidents")

The built sets (train.jsonl, dev.jsonl, test.jsonl, holdout.jsonl) are read with `json`;
the extra documents, which are never built into a JSONL file, are built in memory from
corpora/src/extra/ by the corpus builder. The last table, "Authoring-only fields", reads
corpora/src/ because `weighs`, `category`, `hedge` and `no_relation` exist only in the
authoring files.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("train", "dev", "test", "holdout", "extra")

SOURCE_TYPES = ["official", "media", "forensic", "ngo", "witness", "judicial", "other"]
CLAIM_TYPES = [
    "armed_confrontation", "crossfire", "resisted_authority", "victim_armed", "self_defense",
    "criminal_profile", "casualty_count", "officer_casualty", "execution_allegation",
    "detained_alive", "other",
]
FINDING_TYPES = [
    "gunshot_wound", "restraint", "torture", "defensive_injury", "gunshot_residue",
    "scene_alteration", "cause_of_death", "other",
]
LABELS = ["contradicts", "supports"]
COUNTRY_ALIASES = {"USA": "United States", "US": "United States"}


def load(split: str) -> list[dict]:
    if split == "extra":
        sys.path.insert(0, str(HERE.parent / "src"))
        from dissonance.corpus import build_split

        return build_split(HERE / "src" / "extra")
    path = HERE / f"{split}.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def spans(doc: dict) -> list[dict]:
    return list(doc.get("claims") or []) + list(doc.get("findings") or [])


def country(place: str | None) -> str:
    """Last comma-separated component of `place`, parentheses removed."""
    if not place:
        return "?"
    last = re.sub(r"\([^)]*\)", "", place).split(",")[-1].strip()
    return COUNTRY_ALIASES.get(last, last)


def incident_records(docs: list[dict]) -> dict[str, dict]:
    """First full record of every incident id that a span carries."""
    ids = {s["incident"] for d in docs for s in spans(d) if s.get("incident")}
    records: dict[str, dict] = {}
    for d in docs:
        for rec in d.get("incidents") or []:
            if rec.get("id") in ids:
                records.setdefault(rec["id"], rec)
    for missing in ids - set(records):
        records[missing] = {"id": missing}
    return records


def docs_per_incident(docs: list[dict]) -> Counter:
    c: Counter = Counter()
    for d in docs:
        for inc in {s["incident"] for s in spans(d) if s.get("incident")}:
            c[inc] += 1
    return c


def pct(n: int, total: int) -> str:
    return f"{100 * n / total:.1f} %" if total else "-"


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in rows]
    return "\n".join(lines)


def ordered(known: list[str], *counters: Counter) -> list[str]:
    extra = sorted({k for c in counters for k in c} - set(known))
    return known + extra


def split_tables(data: dict[str, list[dict]]) -> None:
    stats = {}
    for split, docs in data.items():
        recs = incident_records(docs)
        claims = [c for d in docs for c in d.get("claims") or []]
        findings = [f for d in docs for f in d.get("findings") or []]
        relations = [r for d in docs for r in d.get("relations") or []]
        stats[split] = {
            "docs": len(docs),
            "negatives": sum(1 for d in docs if not spans(d)),
            "lang": Counter(d.get("lang") for d in docs),
            "source_type": Counter(d.get("source_type") for d in docs),
            "incidents": recs,
            "countries": Counter(country(r.get("place")) for r in recs.values()),
            "country_docs": Counter(),
            "claims": Counter(c["type"] for c in claims),
            "findings": Counter(f["type"] for f in findings),
            "relations": Counter(r["label"] for r in relations),
        }
        per_inc = docs_per_incident(docs)
        for d in docs:
            for cty in {country(recs[s["incident"]].get("place")) for s in spans(d) if s.get("incident")}:
                stats[split]["country_docs"][cty] += 1
        stats[split]["per_inc"] = per_inc

    cols = list(data)
    print("### Overview\n")
    rows = []
    for label, fn in [
        ("documents", lambda s: s["docs"]),
        ("documents with spans", lambda s: s["docs"] - s["negatives"]),
        ("negatives / distractors (no spans)", lambda s: s["negatives"]),
        ("share of negatives", lambda s: pct(s["negatives"], s["docs"])),
        ("Spanish documents (`es`)", lambda s: s["lang"]["es"]),
        ("share of Spanish documents", lambda s: pct(s["lang"]["es"], s["docs"])),
        ("incidents (distinct `incident` on spans)", lambda s: len(s["incidents"])),
        ("countries", lambda s: len(s["countries"])),
        ("claims", lambda s: sum(s["claims"].values())),
        ("findings", lambda s: sum(s["findings"].values())),
        ("relations", lambda s: sum(s["relations"].values())),
    ]:
        rows.append([label] + [fn(stats[c]) for c in cols])
    print(table([""] + cols, rows))

    def counter_table(title: str, key: str, known: list[str], first: str) -> None:
        keys = ordered(known, *(stats[c][key] for c in cols))
        rows = [[f"`{k}`"] + [stats[c][key][k] for c in cols] for k in keys]
        rows.append(["total"] + [sum(stats[c][key].values()) for c in cols])
        print(f"\n### {title}\n")
        print(table([first] + cols, rows))

    counter_table("Documents per source_type", "source_type", SOURCE_TYPES, "source_type")
    counter_table("Documents per language", "lang", ["en", "es"], "lang")
    counter_table("Claims per type", "claims", CLAIM_TYPES, "claim type")
    counter_table("Findings per type", "findings", FINDING_TYPES, "finding type")
    counter_table("Relations per label", "relations", LABELS, "label")

    print("\n### Countries (incidents / documents with spans about them)\n")
    names = sorted({k for c in cols for k in stats[c]["countries"]})
    rows = [[n] + [f"{stats[c]['countries'][n]} / {stats[c]['country_docs'][n]}" for c in cols] for n in names]
    print(table(["country"] + cols, rows))


def authoring_table() -> None:
    sys.path.insert(0, str(HERE.parent / "src"))
    from dissonance.yamlio import load_yaml  # the loader the corpus builder uses

    rows: dict[str, dict[str, object]] = {}
    other_categories: dict[str, Counter] = {}
    for split in SPLITS:
        weighs: Counter = Counter()
        category: Counter = Counter()
        hedges = no_rel = extra_rel = 0
        for path in sorted((HERE / "src" / split).glob("*.yaml")):
            data = load_yaml(path.read_text(encoding="utf-8")) or {}
            no_rel += len(data.get("no_relation") or [])
            extra_rel += len(data.get("relations") or [])
            for doc in data.get("documents") or []:
                for f in doc.get("findings") or []:
                    weighs[f.get("weighs") or "(not set)"] += 1
                for c in doc.get("claims") or []:
                    if c.get("type") in ("casualty_count", "officer_casualty"):
                        category[c.get("category") or "(not set: killed)"] += 1
                        hedges += c.get("hedge") == "at_least"
        other = Counter({k: v for k, v in category.items() if k not in ("killed", "wounded", "(not set: killed)")})
        other_categories[split] = other
        rows[split] = {
            "findings `weighs: against`": weighs["against"],
            "findings `weighs: consistent`": weighs["consistent"],
            "findings `weighs: neutral`": weighs["neutral"],
            "findings without `weighs` (neutral)": weighs["(not set)"],
            "count claims, `category: killed`": category["killed"],
            "count claims, `category: wounded`": category["wounded"],
            "count claims, no `category` (read as killed)": category["(not set: killed)"],
            "count claims, other `category` values": f"{sum(other.values())} ({len(other)} values)",
            "count claims with `hedge: at_least`": hedges,
            "`no_relation` pairs": no_rel,
            "extra `relations` (not derived)": extra_rel,
        }
    print("\n### Authoring-only fields (from corpora/src/)\n")
    labels = list(rows[SPLITS[0]])
    print(table([""] + list(SPLITS), [[k] + [rows[s][k] for s in SPLITS] for k in labels]))
    for split in SPLITS:
        values = ", ".join(f"`{k}` {v}" for k, v in sorted(other_categories[split].items()))
        print(f"\nOther `category` values, {split}: {values or 'none'}.")


def incident_tables(data: dict[str, list[dict]]) -> None:
    for split, docs in data.items():
        recs = incident_records(docs)
        per_inc = docs_per_incident(docs)
        n_claims: Counter = Counter()
        n_findings: Counter = Counter()
        n_rel: Counter = Counter()
        span_inc = {}
        for d in docs:
            for c in d.get("claims") or []:
                n_claims[c.get("incident")] += 1
                span_inc[c["id"]] = c.get("incident")
            for f in d.get("findings") or []:
                n_findings[f.get("incident")] += 1
                span_inc[f["id"]] = f.get("incident")
        for d in docs:
            for r in d.get("relations") or []:
                n_rel[span_inc.get(r["source"])] += 1
        rows = []
        for inc_id in sorted(recs):
            r = recs[inc_id]
            dates = r.get("start", "?") if r.get("start") == r.get("end") else f"{r.get('start', '?')} – {r.get('end', '?')}"
            rows.append([f"`{inc_id}`", country(r.get("place")), dates, per_inc[inc_id],
                         n_claims[inc_id], n_findings[inc_id], n_rel[inc_id], r.get("deaths", "-")])
        print(f"### Incidents, {split}\n")
        print(table(["incident", "country", "dates", "documents", "claims", "findings", "relations",
                     "deaths (record)"], rows))
        print()


def main(argv: list[str]) -> int:
    data = {split: load(split) for split in SPLITS}
    if "--incidents" in argv:
        incident_tables(data)
        return 0
    split_tables(data)
    authoring_table()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
