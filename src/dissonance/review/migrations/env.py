"""Alembic environment: no alembic.ini; the store hands over a live connection.

`dissonance.review.store.migrate(engine)` builds a `Config` in code, puts the
connection in `config.attributes["connection"]` and calls `command.upgrade`.
A developer can still autogenerate a revision with a URL in
`config.attributes["url"]` (see the store module's docstring).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from dissonance.review.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def run_migrations_offline() -> None:
    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
