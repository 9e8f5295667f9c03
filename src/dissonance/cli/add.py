"""`dissonance add RUN INPUT`: read new documents into a finished run, then link and flag the whole run."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..incidents.given import LinkingFileError
from ..ingest import IngestError
from ._app import app, console, err_console, load_into_review
from .analyze import count_hint


@app.command()
def add(
    run: Path = typer.Argument(..., exists=True, file_okay=False, help="A run folder written by `dissonance analyze`."),
    input_path: Path = typer.Argument(..., exists=True, help="The new documents: a folder, a file or a JSONL set."),
    out: Path = typer.Option(None, "--out", "-o", help="Write the grown run here (default: update RUN in place)."),
    text_column: str = typer.Option("text", help="Text column of CSV/parquet input."),
    id_column: str = typer.Option("id", help="Id column of CSV/parquet input."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first input problem instead of skipping."),
    incidents: Path = typer.Option(None, "--incidents", exists=True, dir_okay=False,
                                   help="Your linking (CSV doc_id,incident), as for `analyze --incidents`."),
    incident_per_folder: bool = typer.Option(False, "--incident-per-folder",
                                             help="Each subfolder of the input is one incident, as for `analyze`."),
    db: str = typer.Option(None, "--db", help="Also load the new run into this review database (SQLite path or "
                           "SQLAlchemy URL), as `analyze --db` does."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
) -> None:
    """Read new documents into a finished run: only they are read; incidents and flags are redone over the
    whole run. A new document with the id of an old one replaces it."""
    from ..run_update import RunFolderError, add_to_run

    progress = Progress(SpinnerColumn(), TextColumn("[bold]adding"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err_console, disable=quiet, transient=True)
    try:
        with progress:
            task = progress.add_task("add", total=count_hint(input_path))
            manifest = add_to_run(run, input_path, out, text_column=text_column, id_column=id_column, strict=strict,
                                  on_progress=lambda _: progress.update(task, advance=1), incidents=incidents,
                                  incident_per_folder=incident_per_folder)
    except (IngestError, LinkingFileError, RunFolderError, FileNotFoundError) as exc:
        err_console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1)
    added = manifest["added"][-1]
    for problem in manifest["ingest_problems"] + manifest["linking"].get("problems", []):
        typer.echo(str(problem), err=True)
    if manifest.get("models_differ"):
        err_console.print(f"[yellow]warning[/yellow] {manifest['models_differ']}")
    if db:
        load_into_review(out or run, db, quiet)
    if not quiet:
        c = manifest["counts"]
        replaced = f" ({len(added['replaced'])} replaced an earlier version)" if added["replaced"] else ""
        console.print(f"[bold]{added['documents']}[/bold] documents added{replaced} in {added['seconds']}s; the run now "
                      f"holds {c['documents']} documents, {c['incidents']} incidents, {c['flags']} flags "
                      f"({c['contradicts']} contradicts) -> {out or run}")
