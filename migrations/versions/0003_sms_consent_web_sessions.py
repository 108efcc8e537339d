"""sms consent, web sessions, message address, notification message link

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 23:59:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sms_consents',
        sa.Column('phone', sa.String(length=20), nullable=False),
        sa.Column('opted_out', sa.Boolean(), nullable=False),
        sa.Column('consent_at', sa.DateTime(), nullable=True),
        sa.Column('consent_source', sa.String(length=64), nullable=True),
        sa.Column('opted_out_at', sa.DateTime(), nullable=True),
        sa.Column('opt_out_source', sa.String(length=64), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('phone'),
    )
    op.create_table(
        'web_sessions',
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('client_id', sa.String(length=32), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ),
        sa.PrimaryKeyConstraint('id_hash'),
    )
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_sessions_client_id'), ['client_id'],
                              unique=False)
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=20), nullable=True))
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_notifications_message_id'), ['message_id'],
                              unique=False)
        batch_op.create_foreign_key('fk_notifications_message_id', 'messages',
                                    ['message_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint('fk_notifications_message_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_notifications_message_id'))
        batch_op.drop_column('message_id')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_column('address')
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_sessions_client_id'))
    op.drop_table('web_sessions')
    op.drop_table('sms_consents')
