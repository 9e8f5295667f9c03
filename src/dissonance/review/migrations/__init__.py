"""Alembic migrations of the review database, run programmatically by `store.migrate`."""
