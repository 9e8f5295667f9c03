"""`dissonance export-reviews DB_OR_RUN --out set.jsonl`: reviewed decisions as a labelled set."""

from __future__ import annotations

from pathlib import Path

import typer

from ._app import app, console, err_console


@app.command("export-reviews")
def export_reviews(
    target: str = typer.Argument(..., help="A RUN folder (its RUN/../dissonance.db) or a database path / URL."),
    out: Path = typer.Option(None, "--out", "-o", help="The labelled set to write (JSON Lines)."),
    linking: Path = typer.Option(None, "--linking", help="Also write the run's linking with reviewers' placements "
                                 "(CSV doc_id,incident) for `dissonance relink RUN --incidents FILE`."),
    reviewer: str = typer.Option(None, "--reviewer", help="Only this reviewer's decisions."),
    policy: str = typer.Option("latest", "--policy", help="latest: the most recent decision wins; "
                               "majority: the outcome most reviewers reached (ties left out)."),
    db: str = typer.Option(None, "--db", help="Database path or URL, when TARGET is a RUN folder elsewhere."),
    run: int = typer.Option(None, "--run", help="Run id in the database (default: the RUN folder's, or the latest)."),
) -> None:
    """Write reviewed flags as relations of a labelled set that `eval` and training read."""
    from ..review.export import POLICIES
    from ..review.export import export_reviews as export
    from ..review.loading import RunFolderError
    from ..review.store import StoreError, open_store

    if out is None and linking is None:
        err_console.print("[red]error[/red] give --out (the reviewed relations), --linking (the reviewed linking) or both")
        raise typer.Exit(2)
    if policy not in POLICIES:
        err_console.print(f"[red]error[/red] --policy must be one of {', '.join(POLICIES)}")
        raise typer.Exit(2)
    try:
        store, run_id = open_store(target, db=db)
    except (StoreError, RunFolderError) as exc:
        err_console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(2) from None
    run_id = run if run is not None else run_id
    if run_id is None or store.run(run_id) is None:
        err_console.print(f"[red]error[/red] no such run in {store.url}")
        raise typer.Exit(2)
    if out is not None:
        summary = export(store, run_id, out, reviewer=reviewer, policy=policy)
        console.print(
            f"{summary['relations']} relations ({summary['contradicts']} contradicts, {summary['supports']} supports) "
            f"from {summary['flags_reviewed']} reviewed flags, {summary['left_out']} left out, "
            f"in {summary['documents']} documents -> {out}"
        )
    if linking is not None:
        from ..review.export import export_linking

        placed = export_linking(store, run_id, linking, reviewer=reviewer)
        console.print(f"linking of {placed['documents']} documents, {placed['placed']} placed by reviewers -> {linking}")
    store.close()
