"""`dissonance bench INPUT`: analysis throughput as a ratio of bare spaCy throughput."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..bench import run_bench
from ..ingest import read_collection
from ._app import app, console


@app.command()
def bench(
    input_path: Path = typer.Argument(..., exists=True, help="Folder, file or JSONL set to time."),
    repeat: int = typer.Option(1, help="Timed passes (the mean is reported)."),
    out: Path = typer.Option(None, help="Write the result as JSON here."),
) -> None:
    """Time analysis and the bare en_core_web_sm pipeline on the same texts; print the ratio."""
    documents = list(read_collection(input_path))
    result = run_bench(documents, repeat=repeat)
    data = result.as_dict()
    console.print(
        f"{data['documents']} documents, {data['tokens']} tokens: bare spaCy {data['bare_tokens_per_s']} tok/s, "
        f"analysis {data['analysis_tokens_per_s']} tok/s (tagger {data['tagger_precision']}), ratio [bold]{data['ratio']}[/bold]"
    )
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, indent=2))
