"""proactive outreach: client preferences, check-in schedules, prompts, weekly check-ins

Revision ID: 0005_outreach
Revises: 0004
Create Date: 2026-11-27 01:00:00

Prompts carry a UNIQUE dedup key (schedule + due time), so two dispatchers, or one restarted
mid-pass, plan each prompt once.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005_outreach'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'outreach_prefs',
        sa.Column('client_id', sa.String(length=32), nullable=False),
        sa.Column('timezone', sa.String(length=64), nullable=True),
        sa.Column('session_reminders', sa.Boolean(), nullable=True),
        sa.Column('missed_in_row', sa.Integer(), nullable=False),
        sa.Column('quiet_escalation_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by', sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ),
        sa.ForeignKeyConstraint(['quiet_escalation_id'], ['escalations.id'], ),
        sa.PrimaryKeyConstraint('client_id'),
    )
    op.create_table(
        'outreach_schedules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('local_time', sa.String(length=5), nullable=False),
        sa.Column('weekday', sa.Integer(), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('next_due_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by', sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('client_id', 'kind', name='uq_outreach_schedules_client_kind'),
    )
    op.create_index('ix_outreach_schedules_due', 'outreach_schedules',
                    ['active', 'next_due_at'])
    op.create_table(
        'outreach_prompts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=32), nullable=False),
        sa.Column('schedule_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('dedup_key', sa.String(length=128), nullable=False),
        sa.Column('due_at', sa.DateTime(), nullable=False),
        sa.Column('send_after', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('skip_reason', sa.String(length=32), nullable=True),
        sa.Column('channel', sa.String(length=16), nullable=True),
        sa.Column('message_id', sa.Integer(), nullable=True),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('outcome', sa.String(length=16), nullable=True),
        sa.Column('settled_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ),
        sa.ForeignKeyConstraint(['schedule_id'], ['outreach_schedules.id'], ),
        sa.ForeignKeyConstraint(['message_id'], ['messages.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('dedup_key', name='uq_outreach_prompts_dedup_key'),
    )
    op.create_index('ix_outreach_prompts_status_send', 'outreach_prompts',
                    ['status', 'send_after'])
    op.create_index('ix_outreach_prompts_client_sent', 'outreach_prompts',
                    ['client_id', 'sent_at'])
    op.create_table(
        'weekly_checkins',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=32), nullable=False),
        sa.Column('prompt_id', sa.Integer(), nullable=True),
        *[sa.Column(name, sa.Integer(), nullable=True)
          for name in ('craving', 'substance_use', 'sleep', 'mood', 'risky', 'confidence',
                       'meetings', 'support', 'risk_score', 'protective_score')],
        sa.Column('flag', sa.String(length=32), nullable=True),
        sa.Column('escalation_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ),
        sa.ForeignKeyConstraint(['prompt_id'], ['outreach_prompts.id'], ),
        sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_weekly_checkins_client_created', 'weekly_checkins',
                    ['client_id', 'created_at'])


def downgrade() -> None:
    op.drop_index('ix_weekly_checkins_client_created', table_name='weekly_checkins')
    op.drop_table('weekly_checkins')
    op.drop_index('ix_outreach_prompts_client_sent', table_name='outreach_prompts')
    op.drop_index('ix_outreach_prompts_status_send', table_name='outreach_prompts')
    op.drop_table('outreach_prompts')
    op.drop_index('ix_outreach_schedules_due', table_name='outreach_schedules')
    op.drop_table('outreach_schedules')
    op.drop_table('outreach_prefs')
