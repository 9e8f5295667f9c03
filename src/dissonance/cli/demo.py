"""`dissonance demo`: the README's main job on the bundled La Vega sample collection."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer
from rich.table import Table

from ..run import analyze_path
from ..paths import REPO_ROOT
from ._app import app, console

SAMPLE = REPO_ROOT / "corpora" / "samples" / "la-vega"


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
        table.add_row(name, str(row.lang or "-"), str(row.source_type or "-"), str(row.status), str(row.n_claims), str(row.n_findings))
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
            console.print(f"  [cyan]{row.doc_id}[/cyan] [{row.start}:{row.end}] regions: {regions}; range: {row.range or '-'}: {row.text[:110]!r}")
    confrontation = claims[claims["type"].isin(["armed_confrontation", "crossfire", "resisted_authority", "self_defense", "victim_armed"])]
    for row in confrontation.head(5).itertuples():
        console.print(f"  [magenta]{row.type}[/magenta] ({row.polarity}, {row.speaker_role or '?'}: {row.speaker or '-'}) {row.text[:110]!r}")
    for problem in manifest["ingest_problems"]:
        console.print(f"[yellow]input problem[/yellow] {problem}")

    incidents = pd.read_parquet(out / "incidents.parquet")
    for inc in incidents.itertuples():
        console.print(f"[bold]Incident[/bold] {inc.incident_id}: {inc.place or '?'}, {inc.start or '?'} to {inc.end or '?'}, "
                      f"forces {', '.join(inc.forces) or '?'}, deaths {inc.deaths if inc.deaths is not None else '?'}, "
                      f"{inc.n_documents} documents")
    flags = pd.read_parquet(out / "flags.parquet")
    strongest = flags[flags["label"] == "contradicts"].sort_values("score", ascending=False).drop_duplicates("source_id").head(5)
    if len(strongest):
        console.print("[bold]Strongest contradictions[/bold]")
    for f in strongest.itertuples():
        console.print(f"  [red]{f.strength}[/red] {f.score:.2f} [{f.indicator}] claim {f.source_id} ({f.source_type}, {f.source_polarity}): "
                      f"{f.source_text[:90]!r}\n      vs {f.target_kind} {f.target_id}: {f.target_text[:90]!r}")
    console.print(f"Run written to {out}: predictions.jsonl, *.parquet, manifest.json")
    console.print(f"[bold]Report:[/bold] {out / 'report.html'}")
