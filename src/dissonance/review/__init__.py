"""Analyst review of flagged contradictions: a store, a local web app, and export to a labelled set.

- `load_run(run_dir, db_url)` imports a RUN folder into the review database
  (idempotent), for `dissonance analyze` and scripts;
- `ReviewStore` (store.py) owns the database; `create_app` (app.py) is the
  web app over it; `export_reviews` (export.py) writes decisions as a set.
"""

from __future__ import annotations

from pathlib import Path

from .store import ReviewStore, StoreError, default_database, open_store


def load_run(run_dir: str | Path, db_url: str | Path | None = None) -> int:
    """Import a RUN folder into the database (default: `RUN/../dissonance.db`); returns its run id.

    Importing the same folder with the same input again returns the same id
    and adds nothing. `db_url` is a path (SQLite) or any SQLAlchemy URL.
    """
    store = ReviewStore(db_url if db_url is not None else default_database(run_dir))
    try:
        return store.load_run(run_dir)
    finally:
        store.close()


def create_app(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - imports FastAPI only when needed
    from .app import create_app as _create_app

    return _create_app(*args, **kwargs)


__all__ = ["ReviewStore", "StoreError", "create_app", "default_database", "load_run", "open_store"]
