"""flags carry their counter-evidence

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

`flags.parquet` gained a `counter_evidence` column: the incident's spans that
point the other way and lowered a `contradicts` flag's score. Reviewers see
them on the flag's page. Runs imported before this revision have none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN, also on SQLite: a batch copy of `flags` would drop the table that the
    # append-only `decisions` reference
    op.add_column("flags", sa.Column("counter_evidence", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("flags", "counter_evidence")
