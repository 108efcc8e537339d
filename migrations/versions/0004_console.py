"""staff console: programs, staff sessions, append-only audit log, notes, follow-ups

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 00:30:00

The audit log is append-only in the database itself (AU-1): triggers refuse UPDATE and
DELETE on SQLite and PostgreSQL (and TRUNCATE on PostgreSQL), whatever the application does.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
]
PG_TRIGGERS = [
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
]


def upgrade() -> None:
    op.create_table(
        'programs',
        sa.Column('code', sa.String(length=64), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('code'),
    )
    op.create_table(
        'staff_programs',
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('program', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['program'], ['programs.code'], ),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], ),
        sa.PrimaryKeyConstraint('staff_id', 'program'),
    )
    op.create_table(
        'staff_sessions',
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('csrf_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], ),
        sa.PrimaryKeyConstraint('id_hash'),
    )
    op.create_index('ix_staff_sessions_staff_id', 'staff_sessions', ['staff_id'])
    op.create_table(
        'audit_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor', sa.String(length=64), nullable=True),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=48), nullable=False),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.Column('target_type', sa.String(length=32), nullable=True),
        sa.Column('target_id', sa.String(length=64), nullable=True),
        sa.Column('client_id', sa.String(length=32), nullable=True),
        sa.Column('ip', sa.String(length=64), nullable=True),
        sa.Column('detail', sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_audit_log_at', 'audit_log', ['at'])
    op.create_index('ix_audit_log_client', 'audit_log', ['client_id', 'at'])
    op.create_table(
        'escalation_notes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('escalation_id', sa.Integer(), nullable=False),
        sa.Column('author', sa.String(length=64), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_escalation_notes_escalation_id', 'escalation_notes', ['escalation_id'])
    op.create_table(
        'follow_ups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=32), nullable=True),
        sa.Column('escalation_id', sa.Integer(), nullable=True),
        sa.Column('due_at', sa.DateTime(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('created_by', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('done_at', sa.DateTime(), nullable=True),
        sa.Column('done_by', sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], ),
        sa.ForeignKeyConstraint(['escalation_id'], ['escalations.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_follow_ups_client_id', 'follow_ups', ['client_id'])
    op.create_index('ix_follow_ups_escalation_id', 'follow_ups', ['escalation_id'])
    op.create_index('ix_follow_ups_status_due', 'follow_ups', ['status', 'due_at'])

    dialect = op.get_bind().dialect.name
    # Plain ADD COLUMN (no table rebuild on SQLite: clients is referenced by many tables).
    if dialect == 'sqlite':
        op.execute("ALTER TABLE clients ADD COLUMN primary_clinician_id INTEGER "
                   "REFERENCES staff_users (id)")
    else:
        op.add_column('clients', sa.Column('primary_clinician_id', sa.Integer(),
                                           sa.ForeignKey('staff_users.id'), nullable=True))
    op.add_column('clients', sa.Column('enrolled_by', sa.String(length=64), nullable=True))
    op.add_column('clients', sa.Column('part2_notice_at', sa.DateTime(), nullable=True))
    op.add_column('clients', sa.Column('deactivated_at', sa.DateTime(), nullable=True))
    op.add_column('clients', sa.Column('deactivated_by', sa.String(length=64), nullable=True))
    op.create_index('ix_clients_primary_clinician_id', 'clients', ['primary_clinician_id'])
    op.add_column('staff_users', sa.Column('failed_logins', sa.Integer(), nullable=False,
                                           server_default='0'))
    op.add_column('staff_users', sa.Column('locked_until', sa.DateTime(), nullable=True))
    op.add_column('escalations', sa.Column('resolved_at', sa.DateTime(), nullable=True))
    op.add_column('escalations', sa.Column('resolved_by', sa.String(length=64), nullable=True))
    op.add_column('escalations', sa.Column('disposition', sa.String(length=32), nullable=True))

    # Every existing client is in "iop" (the column's default); staff who see clinical
    # records keep seeing them.
    op.execute("INSERT INTO programs (code, name, active, created_at) "
               "VALUES ('iop', 'Intensive Outpatient Program', true, CURRENT_TIMESTAMP)")
    op.execute("INSERT INTO staff_programs (staff_id, program) "
               "SELECT id, 'iop' FROM staff_users WHERE role <> 'admin'")

    for statement in PG_TRIGGERS if dialect == 'postgresql' else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TABLE audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        op.drop_table('audit_log')
    for column in ('disposition', 'resolved_by', 'resolved_at'):
        with op.batch_alter_table('escalations') as batch_op:
            batch_op.drop_column(column)
    with op.batch_alter_table('staff_users') as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')
    op.drop_index('ix_clients_primary_clinician_id', table_name='clients')
    with op.batch_alter_table('clients') as batch_op:
        for column in ('deactivated_by', 'deactivated_at', 'part2_notice_at', 'enrolled_by',
                       'primary_clinician_id'):
            batch_op.drop_column(column)
    op.drop_table('follow_ups')
    op.drop_table('escalation_notes')
    op.drop_table('staff_sessions')
    op.drop_table('staff_programs')
    op.drop_table('programs')
