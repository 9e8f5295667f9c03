"""`dissonance demo`: the README's main job on the bundled La Vega sample collection."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer
from rich.markup import escape
from rich.table import Table

from ..run import analyze_path
from ..paths import REPO_ROOT
from ._app import app, console

SAMPLE = REPO_ROOT / "corpora" / "samples" / "la-vega"


def _shown(value: object, missing: str = "-") -> str:
    """A table cell as text: pandas reads missing strings back as None or NaN, which should not print as 'nan'."""
    return missing if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


@app.command()
def demo(
    input_path: Path = typer.Option(SAMPLE, "--input", help="Collection to analyse."),
    out: Path = typer.Option(REPO_ROOT / "runs" / "la-vega", "--out", help="Run folder."),
) -> None:
    """Analyse the La Vega sample collection and summarise what was found."""
    console.print(f"Analysing {input_path} ...")
    manifest = analyze_path(input_path, out)
    docs = pd.read_parquet(out / "documents.parquet")
    claims = pd.read_parquet(out / "claims.parquet")
    findings = pd.read_parquet(out / "findings.parquet")

    table = Table(title=f"{len(docs)} documents read")
    for col in ("doc_id", "lang", "source_type", "status", "n_claims", "n_findings"):
        table.add_column(col)
    for row in docs.itertuples():
        name = row.doc_id if isinstance(row.doc_id, str) else f"({row.source_path})"
        table.add_row(name, _shown(row.lang), _shown(row.source_type), str(row.status), str(row.n_claims), str(row.n_findings))
    console.print(table)

    if len(claims):
        by_type = claims.groupby("type").size().sort_values(ascending=False)
        console.print("[bold]Claims by type:[/bold] " + ", ".join(f"{t} {n}" for t, n in by_type.items()))
    if len(findings):
        by_type = findings.groupby("type").size().sort_values(ascending=False)
        console.print("[bold]Findings by type:[/bold] " + ", ".join(f"{t} {n}" for t, n in by_type.items()))
        wounds = findings[findings["type"] == "gunshot_wound"]
        for row in wounds.head(5).itertuples():
            regions = ", ".join(row.body_regions) if len(row.body_regions) else "-"
            console.print(f"  [cyan]{escape(row.doc_id)}[/cyan] {escape(f'[{row.start}:{row.end}]')} regions: {regions}; "
                          f"range: {_shown(row.range)}: {escape(_quote(row.text, 110))}")
    confrontation = claims[claims["type"].isin(["armed_confrontation", "crossfire", "resisted_authority", "self_defense", "victim_armed"])]
    for row in confrontation.head(5).itertuples():
        console.print(f"  [magenta]{row.type}[/magenta] ({row.polarity}, {_shown(row.speaker_role, '?')}: "
                      f"{escape(_shown(row.speaker, 'unattributed'))}) {escape(_quote(row.text, 110))}")
    for problem in manifest["ingest_problems"]:
        console.print(f"[yellow]input problem[/yellow] {escape(str(problem))}")

    incidents = pd.read_parquet(out / "incidents.parquet")
    for inc in incidents.itertuples():
        deaths = _shown(None if pd.isna(inc.deaths) else int(inc.deaths), "?")
        console.print(f"[bold]Incident[/bold] {escape(inc.incident_id)}: {escape(_shown(inc.place, '?'))}, "
                      f"{_shown(inc.start, '?')} to {_shown(inc.end, '?')}, forces {escape(', '.join(inc.forces) or '?')}, "
                      f"deaths {deaths}, {inc.n_documents} documents")
    flags = pd.read_parquet(out / "flags.parquet")
    strongest = flags[flags["label"] == "contradicts"].sort_values("score", ascending=False).drop_duplicates("source_id").head(5)
    if len(strongest):
        console.print("[bold]Strongest contradictions[/bold]")
    for f in strongest.itertuples():
        console.print(f"  [red]{f.strength}[/red] {f.score:.2f} {escape(f'[{f.indicator}]')} claim {escape(f.source_id)} "
                      f"({f.source_type}, {f.source_polarity}): {escape(_quote(f.source_text))}\n"
                      f"      vs {f.target_kind} {escape(f.target_id)}: {escape(_quote(f.target_text))}\n"
                      f"      why: {escape(_reason(f.rationale))}")
    console.print(f"Run written to {escape(str(out))}: predictions.jsonl, *.parquet, linking.csv, manifest.json")
    console.print(f"Disagree with the linking? Edit {escape(str(out / 'linking.csv'))} and run "
                  f"`dissonance relink {escape(str(out))} --incidents {escape(str(out / 'linking.csv'))}`")
    console.print(f"[bold]Report:[/bold] {out / 'report.html'}")


def _cut(text: str, limit: int) -> str:
    """`text` cut at a word boundary, marked with '...' where cut, so a shortened quote never reads as the whole span."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


def _quote(text: str, limit: int = 90) -> str:
    """A span's words in quotes for the terminal (the report and the parquet tables hold them whole)."""
    return "'" + _cut(" ".join(text.split()), limit) + "'"


def _reason(rationale: str, limit: int = 240) -> str:
    """The flag's rationale, cut at a word boundary for the terminal (the report and flags.parquet hold it whole)."""
    return _cut(rationale, limit)
