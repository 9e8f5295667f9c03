"""`dissonance ingest PATH`: read a folder or file, summarise it, optionally write JSONL.

The command only parses arguments, drives `dissonance.ingest.read_collection`
and prints what its report says; `--out` writes the documents as analysis
input (the labelled-set format's bare records) as they stream past.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from ..ingest import Collection, IngestError, IngestReport, read_collection
from ..labelled.io import write_set
from ._app import app, console, err_console


def _write(collection: Collection, out: Path) -> int:
    """Stream documents to `out` through a hidden temporary file (never read back as input)."""
    part = out.with_name(f".{out.name}.part")
    try:
        n = write_set((doc.to_json() for doc in collection), part)
        part.replace(out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return n


def _show(report: IngestReport) -> None:
    summary = report.summary()
    for title in ("documents per format", "documents per language"):
        table = Table(title=title)
        table.add_column(title.split()[-1])
        table.add_column("documents", justify="right")
        for key, value in summary[title].items():
            table.add_row(key, str(value))
        console.print(table)
    if report.skipped:
        table = Table(title="files skipped")
        table.add_column("file")
        table.add_column("reason")
        for skipped in report.skipped:
            table.add_row(Text(skipped.file), Text(skipped.reason))  # file names are not markup
        console.print(table)
    if report.encodings:
        console.print("decoded from: " + ", ".join(f"{enc} ({n})" for enc, n in sorted(report.encodings.items())), markup=False)
    t = summary["totals"]
    console.print(
        f"{t['documents']} documents ({t['empty documents']} empty), {t['files skipped']} file(s) skipped, "
        f"{t['records skipped']} record(s) skipped, {t['problems']} problem(s) in {report.root}",
        markup=False,
        highlight=False,
    )
    for line in report.lines():
        typer.echo(line, err=True)


@app.command()
def ingest(
    path: Path = typer.Argument(..., exists=True, help="A folder (read recursively) or a txt, md, html, pdf, docx, jsonl, csv or parquet file."),
    out: Path | None = typer.Option(None, "--out", "-o", dir_okay=False, help="Write the documents here as analysis-input JSONL."),
    text_column: str = typer.Option("text", "--text-column", help="CSV/Parquet column holding the text."),
    id_column: str = typer.Option("id", "--id-column", help="CSV/Parquet column holding the id (else derived from file and row)."),
    strict: bool = typer.Option(False, "--strict", help="Stop with exit status 1 at the first problem."),
) -> None:
    """Read a collection of documents, list every problem, and optionally write it as JSONL."""
    collection = read_collection(path, text_column=text_column, id_column=id_column, strict=strict)
    try:
        if out is not None:
            written = _write(collection, out)
        else:
            collection.scan()
    except IngestError as exc:
        err_console.print("error:", str(exc), style="red", markup=False, highlight=False)
        raise typer.Exit(1)
    _show(collection.report)
    if out is not None:
        console.print(f"wrote {written} documents to {out}", markup=False, highlight=False)
