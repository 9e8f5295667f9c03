"""flags set aside by the analysis are imported too, marked with why

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

A run folder now holds `set_aside.parquet`: flags kept for the analyst but not
given, because their incident's evidence fits a real exchange of fire or they
rest on a document that hardly reads like a report. They are imported into
`flags` with `set_aside_because` set, kept out of the queue, the statistics and
the exports of given flags, and shown in a queue of their own, where a
reviewer may accept one the tool set aside. Runs imported before this
revision have none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN, as in 0002 and 0003: a batch copy of `flags` would drop the table the decisions reference
    op.add_column("flags", sa.Column("set_aside_because", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("flags", "set_aside_because")
