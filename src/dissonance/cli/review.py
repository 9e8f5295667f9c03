"""`dissonance review [RUN_DIR or DB]`: review flagged contradictions in a local web app."""

from __future__ import annotations

import typer
from rich.markup import escape

from ._app import app, console, err_console


@app.command()
def review(
    target: str = typer.Argument(None, help="A RUN folder (imported into RUN/../dissonance.db), or a database file."),
    db: str = typer.Option(None, "--db", help="Database path or SQLAlchemy URL (default: RUN/../dissonance.db)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; anything but loopback needs --token."),
    port: int = typer.Option(8765, "--port", help="Port to listen on."),
    token: str = typer.Option(None, "--token", envvar="DISSONANCE_REVIEW_TOKEN",
                              help="Access token every request must carry (required off loopback)."),
) -> None:
    """Review flags (accept / reject / uncertain) in the browser; decisions go to the database."""
    from ..review.app import create_app, serve
    from ..review.loading import RunFolderError
    from ..review.security import SecurityError, check_bind
    from ..review.store import StoreError, open_store

    try:
        check_bind(host, token)
        store, run_id = open_store(target, db=db)
    except (SecurityError, StoreError, RunFolderError) as exc:
        err_console.print(f"[red]error[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None
    if run_id is None:
        err_console.print(f"[red]error[/red] no run in {store.url}: give a RUN folder to import")
        raise typer.Exit(2)
    run = store.run(run_id)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/" + (f"?token={token}" if token else "")
    console.print(f"Reviewing run [bold]{escape(run['name'])}[/bold] ({run['n_flags']} flags) from {escape(store.url)}")
    console.print(f"Open {escape(url)}  (Ctrl-C stops; press ? in the page for shortcuts)")
    serve(create_app(store, token=token, run_id=run_id), host, port, token=token)
