"""reviewers say which incident a document belongs to

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

The tool's linking can be wrong (a look-alike that shares a neighbourhood
with an operation; one case split in two). `linking_decisions` records a
reviewer's correction per document (the store only appends); the
latest entry for a document wins, and `export-reviews --linking` writes
them as a linking file for `dissonance relink`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "linking_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(length=512), nullable=False),
        sa.Column("incident", sa.String(length=255), nullable=True),
        sa.Column("reviewer", sa.String(length=128), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_linking_decisions_run_id_runs", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_linking_decisions"),
    )
    op.create_index("ix_linking_decisions_run_doc", "linking_decisions", ["run_id", "doc_id"])


def downgrade() -> None:
    op.drop_index("ix_linking_decisions_run_doc", table_name="linking_decisions")
    op.drop_table("linking_decisions")
