"""staff first-login links: a one-time link instead of a password an admin could read

Revision ID: 0007_staff_first_login
Revises: 0006_fold_repeat_flags
Create Date: 2026-12-04 22:00:00

An admin never sees a usable password: creating or resetting an account issues a one-time
first-login link (only its SHA-256 is stored), naming the admin who issued it. A session
opened with the link carries that admin's name until the password is changed, and the
account holder is told on their recorded contact.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_staff_first_login'
down_revision = '0006_fold_repeat_flags'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff_users') as batch:
        batch.add_column(sa.Column('contact_phone', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('setup_token_hash', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('setup_expires_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('setup_issued_by', sa.String(length=64), nullable=True))
    with op.batch_alter_table('staff_sessions') as batch:
        batch.add_column(sa.Column('issued_by', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('staff_sessions') as batch:
        batch.drop_column('issued_by')
    with op.batch_alter_table('staff_users') as batch:
        for name in ('setup_issued_by', 'setup_expires_at', 'setup_token_hash',
                     'contact_phone'):
            batch.drop_column(name)
