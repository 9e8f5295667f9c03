"""`dissonance eval --gold G --pred P`: score a prediction against a gold set.

Thin: read both sets (problems printed as FILE:LINE: field: problem), call
`score`, print the table, and hand the data to the report writers.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..evaluation import compute_deltas, render_table, score, write_report
from ..evaluation.report import make_stamp
from ..labelled import LabelledSetError, ReadReport, read_set
from ._app import app, console, err_console


def _read(path: Path, strict: bool) -> tuple[list, ReadReport]:
    try:
        documents, report = read_set(path, strict=strict)
    except LabelledSetError as exc:
        typer.echo(str(exc.problem), err=True)
        err_console.print(f"[red]error[/red] stopped at the first problem in {path} (--strict)")
        raise typer.Exit(1)
    for problem in report.problems:
        typer.echo(str(problem), err=True)
    if report.skipped or report.problems:
        err_console.print(
            f"[yellow]warning[/yellow] {path}: {report.skipped} record(s) skipped, "
            f"{len(report.problems)} problem(s); evaluating the rest"
        )
    return documents, report


def _load_baseline(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc}", param_hint="--baseline") from None
    if not isinstance(data, dict):
        raise typer.BadParameter(f"{path} does not hold a metrics.json object", param_hint="--baseline")
    return data


@app.command("eval")
def eval_command(
    gold: Path = typer.Option(..., "--gold", exists=True, dir_okay=False, help="The gold labelled set (JSON Lines)."),
    pred: Path = typer.Option(..., "--pred", exists=True, dir_okay=False, help="The predicted set, same format."),
    out: Path | None = typer.Option(None, "--out", file_okay=False, help="Write metrics.json, tables and plots here."),
    baseline: Path | None = typer.Option(
        None, "--baseline", exists=True, dir_okay=False, help="An earlier metrics.json to compare against."
    ),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first problem in either file."),
    lang: str | None = typer.Option(None, "--lang", help="Score only gold documents in this language (e.g. es)."),
) -> None:
    """Score a prediction against gold as the labelled-set format prescribes."""
    base = _load_baseline(baseline) if baseline is not None else None
    gold_docs, gold_report = _read(gold, strict)
    pred_docs, pred_report = _read(pred, strict)
    if lang:
        gold_docs = [d for d in gold_docs if d.lang == lang]
        kept = {d.id for d in gold_docs}
        pred_docs = [d for d in pred_docs if d.id in kept]
        console.print(f"scoring the {len(gold_docs)} gold documents in {lang!r}")
    evaluation = score(gold_docs, pred_docs)
    deltas = compute_deltas(evaluation.metrics, base) if base is not None else None
    console.print(render_table(evaluation.metrics, deltas))
    if out is not None:
        stamp = make_stamp(
            gold, pred, baseline, lang=lang,
            read={
                "gold": {"read": gold_report.read, "skipped": gold_report.skipped, "problems": len(gold_report.problems)},
                "pred": {"read": pred_report.read, "skipped": pred_report.skipped, "problems": len(pred_report.problems)},
            },
        )
        paths = write_report(evaluation, out, stamp=stamp, deltas=deltas)
        console.print(f"wrote {len(paths)} files to {out}")
