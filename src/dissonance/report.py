"""The self-contained HTML report of a run (`RUN/report.html`).

One file, no external assets: incidents with their descriptors and indicator
tables, their flags ranked by strength with the claim and the finding
highlighted in context, and two inline SVG charts. Every piece of document
text goes through Jinja's autoescaping: highlighting is done by splitting
text at offsets, never by building HTML from it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from .reasoning.knowledge import STRENGTH_RANK

CONTEXT_CHARS = 220
MAX_SHOWN = {"contradicts": 60, "supports": 20}  # per incident; the rest are in flags.parquet
MAX_SET_ASIDE_SHOWN = 10  # per incident; all are in set_aside.parquet


def _clean(value):
    """NaN and None from parquet both become None, so templates show a dash, not 'nan'."""
    try:
        return None if value is None or pd.isna(value) else value
    except (TypeError, ValueError):
        return value




def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> dict[str, str]:
    """Text around a span in three parts (before, span, after), for escaping one by one."""
    a, b = max(0, start - width), min(len(text), end + width)
    return {
        "before": ("…" if a > 0 else "") + text[a:start],
        "span": text[start:end],
        "after": text[end:b] + ("…" if b < len(text) else ""),
    }


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    svg = buf.getvalue()
    return svg[svg.index("<svg"):]


def _charts(flags: pd.DataFrame, incidents: pd.DataFrame) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    charts = {}
    if len(flags):
        table = (flags[flags["label"] == "contradicts"].groupby(["incident_id", "strength"]).size()
                 .unstack(fill_value=0).reindex(columns=["strong", "moderate", "weak"], fill_value=0))
        if len(table):
            fig, ax = plt.subplots(figsize=(7, 0.45 * len(table) + 1.2))
            left = [0] * len(table)
            for strength, colour in (("strong", "#b2182b"), ("moderate", "#ef8a62"), ("weak", "#fddbc7")):
                ax.barh(table.index, table[strength], left=left, color=colour, label=strength)
                left = [l + v for l, v in zip(left, table[strength])]
            ax.set_xlabel("contradicts flags")
            ax.legend(loc="lower right", fontsize=8)
            ax.invert_yaxis()
            charts["flags"] = _svg(fig)
    rows = []
    for inc in incidents.itertuples():
        ind = json.loads(inc.indicators)
        for key in ("share_head_neck_chest", "share_back", "share_close_range"):
            value = ind.get(key, {}).get("value")
            if value is not None:
                rows.append((inc.incident_id, key.replace("share_", "").replace("_", "/"), min(1.0, value)))
    if rows:
        df = pd.DataFrame(rows, columns=["incident", "pattern", "share"]).pivot(index="incident", columns="pattern", values="share").fillna(0)
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(df) + 1.2))
        df.plot.barh(ax=ax, width=0.8)
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of the dead with this wound pattern")
        ax.invert_yaxis()
        ax.legend(fontsize=8)
        charts["patterns"] = _svg(fig)
    return charts


def build_report_data(run_dir: Path) -> dict[str, Any]:
    texts = {}
    with (run_dir / "predictions.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts[rec["id"]] = rec["text"]
    docs = pd.read_parquet(run_dir / "documents.parquet")
    incidents = pd.read_parquet(run_dir / "incidents.parquet")
    flags = pd.read_parquet(run_dir / "flags.parquet")
    aside_file = run_dir / "set_aside.parquet"  # runs made before flags were set aside have none
    set_aside = pd.read_parquet(aside_file) if aside_file.exists() else flags.iloc[0:0]
    manifest = json.loads((run_dir / "manifest.json").read_text())
    doc_info = {r.doc_id: r for r in docs.itertuples() if r.doc_id is not None}
    incident_list = []
    for inc in incidents.itertuples():
        inc_flags = flags[flags["incident_id"] == inc.incident_id].copy()
        inc_flags["order"] = inc_flags["strength"].map(STRENGTH_RANK)
        inc_flags = inc_flags.sort_values(["label", "order", "score"], ascending=[True, True, False])
        flag_list = [_flag_view(f, texts, doc_info) for f in inc_flags.itertuples()]
        aside = set_aside[set_aside["incident_id"] == inc.incident_id].sort_values(["score", "flag_id"], ascending=[False, True])
        evidence = _findings_that_bear(inc_flags, texts)
        contradicts = [f for f in flag_list if f["label"] == "contradicts"]
        shown = [f for label, cap in MAX_SHOWN.items() for f in [g for g in flag_list if g["label"] == label][:cap]]
        hidden = len(flag_list) - len(shown)
        incident_list.append({
            "id": inc.incident_id, "place": _clean(inc.place), "start": _clean(inc.start), "end": _clean(inc.end),
            "forces": list(inc.forces) if inc.forces is not None else [], "deaths": _clean(inc.deaths),
            "n_documents": inc.n_documents, "n_claims": inc.n_claims, "n_findings": inc.n_findings,
            "doc_ids": list(inc.doc_ids), "indicators": json.loads(inc.indicators), "flags": shown, "hidden": hidden,
            "evidence": evidence, "linked_by": getattr(inc, "linked_by", None) or "tool",
            "top": min((STRENGTH_RANK[f["strength"]] for f in contradicts), default=3),
            "n_contradicts": len(contradicts),
            "set_aside": [_flag_view(f, texts, doc_info) for f in aside.head(MAX_SET_ASIDE_SHOWN).itertuples()],
            "n_set_aside": len(aside),
            "set_aside_reasons": sorted(aside.groupby("set_aside_because").size().items(), key=lambda kv: -kv[1])
            if len(aside) else [],
        })
    incident_list.sort(key=lambda i: (i["top"], -i["n_contradicts"], i["id"]))
    not_ok = [{k: _clean(v) for k, v in r._asdict().items()} for r in docs.itertuples() if r.status not in ("ok",)]
    linked = {d for ids in incidents["doc_ids"] for d in ids}
    # only an analyst's linking leaves a document with spans outside every incident: say which, not drop them
    unlinked = [{"doc_id": r.doc_id, "n_claims": r.n_claims, "n_findings": r.n_findings} for r in docs.itertuples()
                if r.doc_id is not None and r.n_claims + r.n_findings > 0 and r.doc_id not in linked]
    return {"manifest": manifest, "incidents": incident_list, "problems": not_ok, "unlinked": unlinked,
            "charts": _charts(flags, incidents), "n_documents": int(docs["doc_id"].notna().sum())}


def _flag_view(f, texts: dict[str, str], doc_info: dict) -> dict[str, Any]:
    """A flags.parquet row as the template shows it, with both ends in context."""
    return {
        "id": f.flag_id, "label": f.label, "score": f.score, "strength": f.strength, "indicator": f.indicator,
        "weight": _clean(getattr(f, "weight", None)), "confidence": _clean(getattr(f, "confidence", None)),
        "indicator_title": f.indicator_title, "rationale": f.rationale, "reference": f.reference,
        "counter": _counter(getattr(f, "counter_evidence", None)),
        "source": {"doc_id": f.source_doc_id, "start": f.source_start, "end": f.source_end, "type": f.source_type,
                   "polarity": f.source_polarity, "speaker": _clean(f.source_speaker), "role": _clean(f.source_speaker_role),
                   "source_type": getattr(doc_info.get(f.source_doc_id), "source_type", None),
                   "ctx": context(texts.get(f.source_doc_id, ""), f.source_start, f.source_end)},
        "target": {"doc_id": f.target_doc_id, "start": f.target_start, "end": f.target_end, "type": f.target_type,
                   "kind": f.target_kind, "attributes": json.loads(f.target_attributes or "{}"),
                   "source_type": getattr(doc_info.get(f.target_doc_id), "source_type", None),
                   "ctx": context(texts.get(f.target_doc_id, ""), f.target_start, f.target_end)},
    }


def _findings_that_bear(inc_flags: pd.DataFrame, texts: dict[str, str]) -> list[dict[str, Any]]:
    """One row per finding that takes part in a flag: what it is, the indicator, and how many claims
    it contradicts and supports, strongest first. The flags repeat a finding once per claim; this is the
    evidence of the incident at a glance."""
    rows = []
    findings = inc_flags[inc_flags["target_kind"] == "finding"]
    for target_id, group in findings.groupby("target_id", sort=False):
        top = group.loc[group["score"].idxmax()]
        rows.append({
            "id": target_id, "doc_id": top.target_doc_id, "start": int(top.target_start), "end": int(top.target_end),
            "type": top.target_type, "indicator": top.indicator, "indicator_title": top.indicator_title,
            "ctx": context(texts.get(top.target_doc_id, ""), int(top.target_start), int(top.target_end), width=60),
            "n_contradicts": int((group["label"] == "contradicts").sum()),
            "n_supports": int((group["label"] == "supports").sum()),
            "strength": top.strength, "score": float(top.score),
        })
    rows.sort(key=lambda r: (STRENGTH_RANK[r["strength"]], -r["score"], r["id"]))
    return rows


COUNTER_WORDS = {"officers_hurt": "officers hurt", "consistent_findings": "fits an exchange of fire",
                 "against_findings": "weighs against the account"}


def _counter(cell: str | None) -> list[dict[str, Any]]:
    """A flag's counter-evidence (flags.parquet JSON) as rows to show; runs older than the column give none."""
    if not cell:
        return []
    return [{**e, "kind_words": COUNTER_WORDS.get(e.get("kind"), e.get("kind"))} for e in json.loads(cell)][:6]


def render_report(data: dict[str, Any]) -> str:
    env = Environment(loader=PackageLoader("dissonance", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("report.html").render(**data)


def write_report(run_dir: str | Path) -> Path:
    run_dir = Path(run_dir)
    out = run_dir / "report.html"
    out.write_text(render_report(build_report_data(run_dir)), encoding="utf-8")
    return out
