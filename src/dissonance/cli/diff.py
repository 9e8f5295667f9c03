"""`dissonance diff OLD_RUN NEW_RUN`: the leads that appeared, went or changed strength between two runs."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from ._app import app, console, err_console

ORDER = {"new": 0, "stronger": 1, "weaker": 2, "gone": 3, "same": 4}


@app.command()
def diff(
    old: Path = typer.Argument(..., exists=True, file_okay=False, help="The earlier run folder."),
    new: Path = typer.Argument(..., exists=True, file_okay=False, help="The later run folder."),
    out: Path = typer.Option(None, "--out", "-o", help="Write every flag's change here (.csv or .parquet)."),
    show: int = typer.Option(10, "--show", help="How many new or stronger strong/moderate flags to print."),
) -> None:
    """What changed from OLD to NEW (after `add`, `relink` or new models): flags that appeared, went or changed
    strength, matched by documents and overlapping spans; documents that moved between incidents."""
    from ..run_diff import diff_runs

    try:
        changes, moved = diff_runs(old, new)
    except FileNotFoundError as exc:
        err_console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1)
    counts = changes["change"].value_counts()
    contradicts = changes[changes["label"] == "contradicts"]["change"].value_counts()
    console.print(", ".join(f"{counts.get(c, 0)} {c} ({contradicts.get(c, 0)} contradicts)"
                            for c in ("new", "stronger", "weaker", "gone", "same")))
    for row in moved.itertuples(index=False):
        console.print(f"  document {escape(row.doc_id)}: {escape(row.incident_old or '(no incident)')} -> "
                      f"{escape(row.incident_new or '(no incident)')}")
    leads = changes[changes["change"].isin(["new", "stronger"]) & changes["strength_new"].isin(["strong", "moderate"])]
    leads = leads.sort_values("score_new", ascending=False).head(show)
    if len(leads):
        console.print("[bold]New or stronger leads[/bold]")
    for row in leads.itertuples(index=False):
        console.print(f"  {row.change} [red]{row.strength_new}[/red] {row.score_new:.2f} {row.label} "
                      f"{escape(f'[{row.indicator}]')} {escape(row.source_doc_id)} vs {escape(row.target_doc_id)}: "
                      f"{escape(row.source_text[:80])!r} / {escape(row.target_text[:80])!r}")
    if out is not None:
        table = changes.sort_values("change", key=lambda c: c.map(ORDER), kind="stable")
        if out.suffix == ".parquet":
            table.to_parquet(out, index=False)
        else:
            table.to_csv(out, index=False)
        console.print(f"every flag's change -> {out}")
