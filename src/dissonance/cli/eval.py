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
    bootstrap: int = typer.Option(
        0, "--intervals", min=0, help="Bootstrap this many resamples of the gold incidents: 95% intervals of the F1 scores."
    ),
    paired: Path | None = typer.Option(
        None, "--paired", exists=True, dir_okay=False,
        help="With --intervals: another prediction of the same gold set; adds the interval of the difference.",
    ),
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
    spread = None
    if paired is not None and not bootstrap:
        raise typer.BadParameter("needs --intervals N (resamples), for example --intervals 1000", param_hint="--paired")
    if bootstrap:
        from ..evaluation.intervals import intervals

        other = None
        if paired is not None:
            other, _ = _read(paired, strict)
            scored = {g.id for g in gold_docs}
            other = [d for d in other if d.id in scored]
        spread = intervals(gold_docs, pred_docs, other, samples=bootstrap)
        console.print(render_intervals(spread, paired))
    if out is not None:
        stamp = make_stamp(
            gold, pred, baseline, lang=lang,
            read={
                "gold": {"read": gold_report.read, "skipped": gold_report.skipped, "problems": len(gold_report.problems)},
                "pred": {"read": pred_report.read, "skipped": pred_report.skipped, "problems": len(pred_report.problems)},
            },
        )
        paths = write_report(evaluation, out, stamp=stamp, deltas=deltas)
        if spread is not None:
            (out / "intervals.json").write_text(json.dumps({**spread, "paired": str(paired) if paired else None}, indent=2))
            paths.append(out / "intervals.json")
        console.print(f"wrote {len(paths)} files to {out}")


def render_intervals(spread: dict, paired: Path | None):
    """The intervals as a rich table (differences when a paired prediction was given)."""
    from rich.table import Table

    level = round(spread["level"] * 100)
    title = f"{level}% intervals, {spread['samples']} resamples of {spread['incidents']} incidents"
    if paired is not None:
        title += f"; Δ = this prediction minus {paired.name}"
    table = Table(title=title, padding=(0, 0))
    table.add_column("metric", no_wrap=True)
    table.add_column("F1", justify="right", no_wrap=True)
    table.add_column("interval", justify="right", no_wrap=True)
    if paired is not None:
        for name in ("Δ", "Δ interval", "Δ>0"):
            table.add_column(name, justify="right", no_wrap=True)
    for name, row in spread["metrics"].items():
        cells = [name, f"{row['f1']:.3f}", f"{row['low']:.3f}–{row['high']:.3f}"]
        if paired is not None:
            cells += [f"{row['difference']:+.3f}", f"{row['difference_low']:+.3f}–{row['difference_high']:+.3f}",
                      f"{row['share_better']:.0%}"]
        table.add_row(*cells)
    return table
