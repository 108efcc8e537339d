"""form drafts: the answers of an unfinished check-in, trigger log or weekly check-in

Revision ID: 0008_form_drafts
Revises: 0007_staff_first_login
Create Date: 2026-12-05 01:00:00

One row per client and form, rewritten after every accepted answer, so a stop, a crisis or a
session that ends does not lose what the person said; the form offers it back next time.
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_form_drafts'
down_revision = '0007_staff_first_login'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'form_drafts',
        sa.Column('client_id', sa.String(length=32), nullable=False),
        sa.Column('form', sa.String(length=32), nullable=False),
        sa.Column('answers', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ),
        sa.PrimaryKeyConstraint('client_id', 'form'),
    )


def downgrade() -> None:
    op.drop_table('form_drafts')
