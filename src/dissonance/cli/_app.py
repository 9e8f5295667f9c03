"""The shared Typer app and console."""

import typer
from rich.console import Console

app = typer.Typer(
    name="dissonance",
    help="Find where official accounts of lethal operations disagree with the physical evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True, soft_wrap=True)


@app.callback()
def _root() -> None:
    """Find where official accounts of lethal operations disagree with the physical evidence."""


def load_into_review(run, db: str, quiet: bool) -> None:
    """`--db`: load a run folder written by analyze, relink or add into a review database."""
    from ..review import load_run

    run_id = load_run(run, db)
    if not quiet:
        console.print(f"loaded into review database {db} as run {run_id}: `dissonance review {db}`")


def knowledge_option():
    """`--knowledge FILE`, as `analyze` and `relink` take it."""
    return typer.Option(
        None, "--knowledge", exists=True, dir_okay=False,
        help="Reason with your own knowledge base (a copy of reasoning/knowledge.yaml, edited): indicators, "
             "weights, strength cuts, counter-evidence, exchange_of_fire. Checked before any document is read; "
             "the manifest records its path and hash.")


def incident_per_folder_option():
    """`--incident-per-folder`, as `analyze` and `relink` take it."""
    return typer.Option(
        False, "--incident-per-folder",
        help="Each subfolder of the input is one incident (a case folder); documents at its top level are linked "
             "by the tool; a linking file given too overrides it document by document.")


def apply_knowledge(path) -> None:
    """`--knowledge FILE`: reason with an analyst's knowledge base; a broken one stops here, naming the entry."""
    if path is None:
        return
    from ..reasoning.knowledge import use_knowledge

    try:
        use_knowledge(path)
    except (ValueError, OSError) as exc:
        err_console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(1)
