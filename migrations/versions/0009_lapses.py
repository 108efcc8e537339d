"""lapses: what a client reported about a return to use, for the counselor's timeline

Revision ID: 0009_lapses
Revises: 0008_form_drafts
Create Date: 2026-12-05 01:00:00

One row per reported lapse, filled in answer by answer (so a stop loses nothing). The message
and flag ids are plain columns, not foreign keys: retention purges those on its own terms.
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_lapses'
down_revision = '0008_form_drafts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'lapses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=32), nullable=False),
        sa.Column('message_id', sa.Integer(), nullable=True),
        sa.Column('escalation_id', sa.Integer(), nullable=True),
        sa.Column('when_text', sa.Text(), nullable=True),
        sa.Column('substance', sa.String(length=32), nullable=True),
        sa.Column('alone', sa.Text(), nullable=True),
        sa.Column('led_up', sa.Text(), nullable=True),
        sa.Column('need', sa.Text(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_lapses_client_created', 'lapses', ['client_id', 'created_at'])


def downgrade() -> None:
    op.drop_index('ix_lapses_client_created', table_name='lapses')
    op.drop_table('lapses')
