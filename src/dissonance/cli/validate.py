"""`dissonance validate SET.jsonl`: summarise a labelled set and list its problems."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from ..labelled import LabelledSetError
from ..labelled.summary import summarise
from ._app import app, console, err_console


@app.command()
def validate(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A labelled set (JSON Lines)."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first problem."),
) -> None:
    """Check a labelled set against the format and summarise what it holds."""
    try:
        summary, report = summarise(path, strict=strict)
    except LabelledSetError as exc:
        err_console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1)
    for title, counts in summary.items():
        if not isinstance(counts, dict):
            continue
        table = Table(title=title)
        table.add_column("value")
        table.add_column("count", justify="right")
        for key, value in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            table.add_row(str(key), str(value))
        console.print(table)
    console.print(
        f"{report.read} documents read, {report.skipped} skipped, {len(report.problems)} problem(s) in {path}"
    )
    for problem in report.problems:
        typer.echo(str(problem), err=True)
    if report.problems:
        raise typer.Exit(1)
