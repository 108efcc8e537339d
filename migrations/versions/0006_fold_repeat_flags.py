"""fold repeat flags: a flagged message names the escalation it belongs to

Revision ID: 0006_fold_repeat_flags
Revises: 0005_outreach
Create Date: 2026-12-04 22:15:00

A risky message from a sender who already has an open (unacknowledged) escalation is folded
into it instead of opening another one with its own paging ladder. `messages.escalation_id`
records which escalation each flagged message belongs to, its own or the one it joined.
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_fold_repeat_flags'
down_revision = '0005_outreach'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('messages', sa.Column('escalation_id', sa.Integer(), nullable=True))
    op.create_index('ix_messages_escalation_id', 'messages', ['escalation_id'])
    op.execute("UPDATE messages SET escalation_id = (SELECT e.id FROM escalations e "
               "WHERE e.message_id = messages.id) WHERE risk_level IS NOT NULL")


def downgrade() -> None:
    op.drop_index('ix_messages_escalation_id', table_name='messages')
    op.drop_column('messages', 'escalation_id')
