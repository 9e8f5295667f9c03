"""The `dissonance` command line: one thin module per command on one Typer app.

Each command parses its arguments and calls a plain library function that
returns data; nothing here holds analysis logic.
"""

from __future__ import annotations

from ._app import app
from . import validate  # noqa: F401  (registers commands)

for _optional in ("eval", "ingest", "analyze", "add", "relink", "diff", "train", "bench", "demo", "review", "export_reviews", "corpus"):
    try:
        __import__(f"{__name__}.{_optional}")
    except ModuleNotFoundError as exc:  # a command module not written yet
        if exc.name != f"{__name__}.{_optional}":
            raise


def main() -> None:
    app()
