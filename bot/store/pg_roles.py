"""Two PostgreSQL roles (AU-1): migrations run as the owner, the app as a role that cannot
change the audit log.

A role that owns `audit_log` can drop or disable the triggers that make it append-only. So,
when MIGRATION_DATABASE_URL names an owner role, `python -m bot migrate` (and `run`) migrate
as that owner and then grant the app's role (the user of DATABASE_URL) what it needs and no
more: read and write on our tables, only INSERT and SELECT on `audit_log`, nothing on the
migration table but SELECT, and its own schema for Rasa's tracker. The grants are re-applied
after every migration, so new tables are covered.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection, make_url

from bot.store.db import make_engine

AUDIT_TABLE = "audit_log"
MIGRATIONS_TABLE = "alembic_version"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def ensure_schema(conn: Connection, schema: str) -> None:
    """Create `schema` if it is missing. Checked first: PostgreSQL refuses even
    CREATE SCHEMA IF NOT EXISTS to a role without CREATE on the database."""
    if not conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :s"),
                        {"s": schema}).first():
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {_ident(schema)}"))


def app_role(database_url: str) -> str | None:
    """The role the app connects as (the user in DATABASE_URL)."""
    return make_url(database_url).username


def grant_app_role(owner_url: str, role: str, tracker_schema: str | None = None) -> None:
    """Give `role` the app's privileges in the owner's current schema (idempotent)."""
    r = _ident(role)
    engine = make_engine(owner_url)
    with engine.begin() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        s = _ident(schema)
        for statement in (
            f"GRANT USAGE ON SCHEMA {s} TO {r}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
            f"REVOKE ALL ON {s}.{AUDIT_TABLE} FROM {r}",
            f"GRANT SELECT, INSERT ON {s}.{AUDIT_TABLE} TO {r}",
            f"REVOKE ALL ON {s}.{MIGRATIONS_TABLE} FROM {r}",
            f"GRANT SELECT ON {s}.{MIGRATIONS_TABLE} TO {r}",
        ):
            conn.execute(text(statement))
        if tracker_schema:  # Rasa creates and owns its tracker tables there
            ensure_schema(conn, tracker_schema)
            conn.execute(text(f"GRANT USAGE, CREATE ON SCHEMA {_ident(tracker_schema)} TO {r}"))
    engine.dispose()
