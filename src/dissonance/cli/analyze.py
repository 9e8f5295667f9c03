"""`dissonance analyze INPUT --out RUN/`: extract claims and findings from a collection."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..incidents.given import LinkingFileError
from ..ingest import IngestError
from ..run import analyze_path
from ._app import apply_knowledge, incident_per_folder_option, knowledge_option, app, console, err_console, load_into_review


def count_hint(path: Path) -> int | None:
    """How many documents to expect, when that is cheap to know (for the progress bar)."""
    if path.is_file() and path.suffix == ".jsonl":
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    if path.is_dir():
        return sum(1 for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md", ".html", ".htm"))
    return None


@app.command()
def analyze(
    input_path: Path = typer.Argument(..., exists=True, help="A folder, a file, or a labelled set (JSONL)."),
    out: Path = typer.Option(..., "--out", "-o", help="Run folder to write."),
    text_column: str = typer.Option("text", help="Text column of CSV/parquet input."),
    id_column: str = typer.Option("id", help="Id column of CSV/parquet input."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first input problem instead of skipping."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    db: str = typer.Option(None, "--db", help="Also load the run into this review database (SQLite path or SQLAlchemy URL)."),
    incidents: Path = typer.Option(
        None, "--incidents", exists=True, dir_okay=False,
        help="Your own linking: a CSV with the columns doc_id and incident. Listed documents form the incidents "
             "it names (an empty incident: none, so no flag rests on them); the others are linked by the tool. "
             "Every run writes its linking to RUN/linking.csv in this form, to correct and pass back here."),
    knowledge: Path = knowledge_option(),
    incident_per_folder: bool = incident_per_folder_option(),
) -> None:
    """Analyse a collection: predictions.jsonl, parquet tables and a manifest in OUT."""
    apply_knowledge(knowledge)
    total = count_hint(input_path)
    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]analysing"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[claims]} claims, {task.fields[findings]} findings"), TimeElapsedColumn(),
        console=err_console, disable=quiet, transient=True,
    )
    try:
        with progress:
            task = progress.add_task("analyse", total=total, claims=0, findings=0)
            counts = {"claims": 0, "findings": 0}

            def tick(result) -> None:
                counts["claims"] += len(result.record["claims"])
                counts["findings"] += len(result.record["findings"])
                progress.update(task, advance=1, **counts)

            manifest = analyze_path(input_path, out, text_column=text_column, id_column=id_column,
                                    strict=strict, on_progress=tick, incidents=incidents,
                                    incident_per_folder=incident_per_folder)
    except (IngestError, LinkingFileError) as exc:
        err_console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1)
    except FileNotFoundError as exc:
        err_console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1)
    for problem in manifest["ingest_problems"] + manifest["linking"].get("problems", []):
        typer.echo(str(problem), err=True)
    if db:
        load_into_review(out, db, quiet)
    if not quiet:
        c = manifest["counts"]
        console.print(
            f"[bold]{c['documents']}[/bold] documents, [bold]{c['claims']}[/bold] claims, "
            f"[bold]{c['findings']}[/bold] findings in {manifest['seconds']}s -> {out}"
        )
        console.print("status: " + ", ".join(f"{k} {v}" for k, v in sorted(c["status"].items())))
