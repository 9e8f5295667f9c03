"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-29

Every table of the review store, and triggers that keep `decisions` append-only
(SQLite and PostgreSQL; other back ends rely on the store never updating it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


APPEND_ONLY = "decisions are an append-only audit trail"


def _append_only_up() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER decisions_no_{verb.lower()} BEFORE {verb} ON decisions "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION decisions_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions "
            "FOR EACH ROW EXECUTE FUNCTION decisions_append_only()"
        )


def _append_only_down() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS decisions_no_update")
        op.execute("DROP TRIGGER IF EXISTS decisions_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS decisions_append_only ON decisions")
        op.execute("DROP FUNCTION IF EXISTS decisions_append_only()")


def upgrade() -> None:
    op.create_table('runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('input_hash', sa.String(length=128), nullable=False),
    sa.Column('folder', sa.String(length=1024), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('manifest', sa.JSON(), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_runs')),
    sa.UniqueConstraint('input_hash', 'folder', name='uq_runs_input_hash_folder')
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=512), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('lang', sa.String(length=16), nullable=True),
    sa.Column('date', sa.String(length=32), nullable=True),
    sa.Column('source_type', sa.String(length=32), nullable=True),
    sa.Column('source_type_score', sa.Float(), nullable=True),
    sa.Column('source_path', sa.Text(), nullable=True),
    sa.Column('meta', sa.JSON(), nullable=True),
    sa.Column('incidents', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_documents_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('run_id', 'doc_id', name='uq_documents_run_doc')
    )
    op.create_index(op.f('ix_documents_run_id'), 'documents', ['run_id'], unique=False)

    op.create_table('flags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('flag_id', sa.String(length=1024), nullable=False),
    sa.Column('incident_id', sa.String(length=255), nullable=True),
    sa.Column('label', sa.String(length=32), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('strength', sa.String(length=32), nullable=True),
    sa.Column('strength_rank', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=255), nullable=True),
    sa.Column('indicator_title', sa.Text(), nullable=True),
    sa.Column('rationale', sa.Text(), nullable=True),
    sa.Column('reference', sa.Text(), nullable=True),
    sa.Column('source_id', sa.String(length=512), nullable=False),
    sa.Column('source_doc_id', sa.String(length=512), nullable=True),
    sa.Column('source_start', sa.Integer(), nullable=True),
    sa.Column('source_end', sa.Integer(), nullable=True),
    sa.Column('source_text', sa.Text(), nullable=True),
    sa.Column('source_type', sa.String(length=64), nullable=True),
    sa.Column('source_polarity', sa.String(length=32), nullable=True),
    sa.Column('source_speaker', sa.Text(), nullable=True),
    sa.Column('source_speaker_role', sa.String(length=32), nullable=True),
    sa.Column('target_id', sa.String(length=512), nullable=False),
    sa.Column('target_kind', sa.String(length=16), nullable=True),
    sa.Column('target_doc_id', sa.String(length=512), nullable=True),
    sa.Column('target_start', sa.Integer(), nullable=True),
    sa.Column('target_end', sa.Integer(), nullable=True),
    sa.Column('target_text', sa.Text(), nullable=True),
    sa.Column('target_type', sa.String(length=64), nullable=True),
    sa.Column('target_attributes', sa.JSON(), nullable=True),
    sa.Column('claim_type', sa.String(length=64), nullable=True),
    sa.Column('doc_source_type', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_flags_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flags')),
    sa.UniqueConstraint('run_id', 'flag_id', name='uq_flags_run_flag')
    )
    op.create_index('ix_flags_run_order', 'flags', ['run_id', 'strength_rank', 'score'], unique=False)

    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.String(length=255), nullable=False),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('start', sa.String(length=32), nullable=True),
    sa.Column('end', sa.String(length=32), nullable=True),
    sa.Column('forces', sa.JSON(), nullable=True),
    sa.Column('deaths', sa.Integer(), nullable=True),
    sa.Column('n_documents', sa.Integer(), nullable=True),
    sa.Column('n_claims', sa.Integer(), nullable=True),
    sa.Column('n_findings', sa.Integer(), nullable=True),
    sa.Column('doc_ids', sa.JSON(), nullable=True),
    sa.Column('indicators', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_incidents_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents')),
    sa.UniqueConstraint('run_id', 'incident_id', name='uq_incidents_run_incident')
    )
    op.create_index(op.f('ix_incidents_run_id'), 'incidents', ['run_id'], unique=False)

    op.create_table('spans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.String(length=512), nullable=False),
    sa.Column('span_id', sa.String(length=512), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=64), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('incident', sa.String(length=255), nullable=True),
    sa.Column('attrs', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_spans_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spans')),
    sa.UniqueConstraint('run_id', 'span_id', name='uq_spans_run_span')
    )
    op.create_index('ix_spans_run_doc', 'spans', ['run_id', 'doc_id'], unique=False)

    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flag_pk', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.String(length=128), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('corrected_label', sa.String(length=16), nullable=True),
    sa.Column('reverts_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['flag_pk'], ['flags.id'], name=op.f('fk_decisions_flag_pk_flags'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reverts_id'], ['decisions.id'], name=op.f('fk_decisions_reverts_id_decisions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    op.create_index('ix_decisions_flag_reviewer', 'decisions', ['flag_pk', 'reviewer'], unique=False)
    op.create_index(op.f('ix_decisions_reviewer'), 'decisions', ['reviewer'], unique=False)
    _append_only_up()



def downgrade() -> None:
    _append_only_down()
    op.drop_index(op.f('ix_decisions_reviewer'), table_name='decisions')
    op.drop_index('ix_decisions_flag_reviewer', table_name='decisions')

    op.drop_table('decisions')
    op.drop_index('ix_spans_run_doc', table_name='spans')

    op.drop_table('spans')
    op.drop_index(op.f('ix_incidents_run_id'), table_name='incidents')

    op.drop_table('incidents')
    op.drop_index('ix_flags_run_order', table_name='flags')

    op.drop_table('flags')
    op.drop_index(op.f('ix_documents_run_id'), table_name='documents')

    op.drop_table('documents')
    op.drop_table('runs')
