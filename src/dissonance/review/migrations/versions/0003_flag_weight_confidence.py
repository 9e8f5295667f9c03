"""flags carry their evidence weight and reading confidence

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

`flags.parquet` gained `weight` (how strongly the evidence bears) and
`confidence` (the less certain of the tool's readings of the two spans);
a flag's score is their product. Reviewers see both on the flag's page, so
they can tell a weak contradiction from a strong one read with doubt. Runs
imported before this revision have neither.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMNs, as in 0002: a batch copy of `flags` would drop the table the decisions reference
    op.add_column("flags", sa.Column("weight", sa.Float(), nullable=True))
    op.add_column("flags", sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    op.drop_column("flags", "confidence")
    op.drop_column("flags", "weight")
