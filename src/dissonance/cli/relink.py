"""`dissonance relink RUN`: link and reason again over a finished run, for a corrected linking."""

from __future__ import annotations

from pathlib import Path

import typer

from ..incidents.given import LinkingFileError
from ..run_update import RunFolderError, relink_run
from ._app import apply_knowledge, incident_per_folder_option, knowledge_option, app, console, err_console, load_into_review


@app.command()
def relink(
    run: Path = typer.Argument(..., exists=True, file_okay=False, help="A run folder written by `dissonance analyze`."),
    incidents: Path = typer.Option(
        None, "--incidents", exists=True, dir_okay=False,
        help="Your linking: a CSV with the columns doc_id and incident, as in RUN/linking.csv (an empty incident: "
             "none). Without it the tool links everything again."),
    knowledge: Path = knowledge_option(),
    incident_per_folder: bool = incident_per_folder_option(),
    out: Path = typer.Option(None, "--out", "-o", help="Write the new run here (default: rewrite RUN in place)."),
    strict: bool = typer.Option(False, "--strict", help="Stop when the linking file lists a document the run lacks."),
    db: str = typer.Option(None, "--db", help="Also load the new run into this review database (SQLite path or "
                           "SQLAlchemy URL), as `analyze --db` does."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary."),
) -> None:
    """Link incidents and flag contradictions again from a run's claims and findings, in seconds: the
    documents are not read again. Rewrites predictions.jsonl, the tables, linking.csv, the manifest and the report."""
    apply_knowledge(knowledge)
    try:
        manifest = relink_run(run, out, incidents=incidents, incident_per_folder=incident_per_folder, strict=strict)
    except (LinkingFileError, RunFolderError, FileNotFoundError) as exc:
        err_console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1)
    for problem in manifest["linking"].get("problems", []):
        typer.echo(str(problem), err=True)
    if db:
        load_into_review(out or run, db, quiet)
    if not quiet:
        c = manifest["counts"]
        console.print(f"[bold]{c['incidents']}[/bold] incidents, [bold]{c['flags']}[/bold] flags "
                      f"({c['contradicts']} contradicts) in {manifest['seconds']}s -> {out or run}")

