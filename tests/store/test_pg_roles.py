"""AU-1 on PostgreSQL: migrations run as an owner role, the app as a role that can only add
and read audit rows. The app role cannot update, delete or truncate them, nor drop or disable
the append-only triggers (only an owner may), yet works normally on every other table."""

from __future__ import annotations

import secrets

import pytest
from pgtools import PG_ADMIN_URL
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.store import audit, clients, db
from bot.store.migrate import upgrade

pytestmark = pytest.mark.postgres


def _url(role: str, schema: str) -> str:
    base = PG_ADMIN_URL.replace("postgres@", f"{role}@", 1)
    return f"{base}?options=-csearch_path%3D{schema}"


@pytest.fixture
def two_roles(monkeypatch):  # type: ignore[no-untyped-def]
    tag = secrets.token_hex(4)
    owner, app, schema = f"rc_owner_{tag}", f"rc_app_{tag}", f"t_roles_{tag}"
    admin = db.make_engine(PG_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{owner}" LOGIN'))
        conn.execute(text(f'CREATE ROLE "{app}" LOGIN'))
        conn.execute(text(f'CREATE SCHEMA "{schema}" AUTHORIZATION "{owner}"'))
        conn.execute(text(f'CREATE SCHEMA "rasa_tracker_{tag}" AUTHORIZATION "{owner}"'))
    monkeypatch.setenv("DATABASE_URL", _url(app, schema))
    monkeypatch.setenv("MIGRATION_DATABASE_URL", _url(owner, schema))
    monkeypatch.setenv("POSTGRESQL_SCHEMA", f"rasa_tracker_{tag}")
    db.reset_engine()
    yield app
    db.reset_engine()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        conn.execute(text(f'DROP SCHEMA "rasa_tracker_{tag}" CASCADE'))
        for role in (app, owner):
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
    admin.dispose()


@pytest.mark.parametrize("attack", [
    "UPDATE audit_log SET actor = 'someone else'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "DROP TRIGGER audit_log_no_change ON audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "DROP TABLE audit_log",
])
def test_au1_the_app_role_cannot_change_the_audit_log(two_roles, attack):
    upgrade()  # as the owner, then the grants
    clients.enroll_client("Sam")  # the app role works on the other tables
    audit.append("view_client", actor="cara", client_id="c_1")
    with pytest.raises(DBAPIError) as refused, db.get_engine().begin() as conn:
        conn.execute(text(attack))
    assert "permission denied" in str(refused.value) or "must be owner" in str(refused.value)
    with db.session_scope() as s:
        rows = s.execute(text("SELECT actor, current_user FROM audit_log")).all()
    assert [r[0] for r in rows] == ["cara"] and rows[0][1] == two_roles
