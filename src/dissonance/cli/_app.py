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
