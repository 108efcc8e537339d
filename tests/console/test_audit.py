"""AU-1: logins, logouts, record views, acknowledgements, notes, resolutions, exports and role
changes each leave an audit row naming the person, and nobody can change or delete one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from console_helpers import PASSWORD, add_client, add_flag, origin
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from bot.store import audit
from bot.store.audit import AuditImmutable
from bot.store.db import get_engine, session_scope
from bot.store.models import AuditEvent


def actions(**filters) -> list[tuple[str | None, str, str]]:  # type: ignore[no-untyped-def]
    return [(r.actor, r.action, r.outcome) for r in reversed(audit.search(**filters))]


async def test_au1_every_audited_action_writes_a_named_row(sign_in, people, anon, clock):
    client_id = add_client("Robin", people["cara"])
    flag = add_flag(client_id, "high", "h", clock.now)
    await anon.post("/api/staff/login", json={"username": "sup", "password": "nope nope nope"},
                    headers={"Origin": origin(anon)})
    sup = await sign_in(people["sup"])
    await sup.get(f"/api/staff/clients/{client_id}")
    await sup.post(f"/api/staff/escalations/{flag}/acknowledge")
    await sup.post(f"/api/staff/escalations/{flag}/notes", {"text": "called"})
    due = (clock.now + timedelta(hours=1)).isoformat() + "Z"
    await sup.post(f"/api/staff/escalations/{flag}/resolve",
                   {"disposition": "not_reached_follow_up", "follow_up_at": due})
    await sup.post(f"/api/staff/clients/{client_id}/export", {"password": PASSWORD})
    await sup.post(f"/api/staff/clients/{client_id}/chat-link", {"revoke_old": True})
    await sup.post("/api/staff/logout")
    admin = await sign_in(people["admin"])
    await admin.post(f"/api/staff/admin/staff/{people['dan'].id}", {"role": "supervisor"})
    assert actions(actor="sup") == [
        ("sup", "login_failed", "failed"), ("sup", "login", "ok"), ("sup", "view_client", "ok"),
        ("sup", "acknowledge", "ok"), ("sup", "note", "ok"), ("sup", "resolve", "ok"),
        ("sup", "follow_up_created", "ok"), ("sup", "export", "ok"),
        ("sup", "chat_link_revoked", "ok"), ("sup", "chat_link_issued", "ok"),
        ("sup", "logout", "ok")]
    role_change = audit.search(action="staff_updated")[0]
    assert role_change.actor == "root"
    assert role_change.target_id == str(people["dan"].id)
    assert role_change.detail == "role clinician->supervisor"
    for row in audit.search(client_id=client_id):
        assert "called" not in (row.detail or "")  # ids and codes, never what was written


async def test_au1_admins_read_and_filter_the_log(sign_in, people):
    await sign_in(people["sup"])
    admin = await sign_in(people["admin"])
    resp = await admin.get("/api/staff/admin/audit?action=login&actor=sup")
    items = (await resp.json())["items"]
    assert [(i["actor"], i["action"]) for i in items] == [("sup", "login")]
    assert (await admin.get("/api/staff/admin/audit?action=drop_table")).status == 400
    assert (await admin.get("/api/staff/admin/audit?since=yesterday")).status == 400
    paged = await (await admin.get("/api/staff/admin/audit?limit=1")).json()
    older = await (await admin.get(
        f"/api/staff/admin/audit?limit=1&before_id={paged['next_before_id']}")).json()
    assert older["items"][0]["id"] < paged["items"][0]["id"]


def _one_row() -> int:
    audit.append("login", actor="someone", detail="test")
    with session_scope() as s:
        return int(s.query(AuditEvent.id).scalar())


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET actor = 'mallory'",
    "UPDATE audit_log SET detail = NULL WHERE id > 0",
    "DELETE FROM audit_log",
])
def test_au1_database_refuses_update_and_delete_on_both_backends(any_db, statement):
    row_id = _one_row()
    with pytest.raises(DBAPIError, match="append-only"):
        with get_engine().begin() as conn:
            conn.execute(text(statement))
    with session_scope() as s:
        row = s.get(AuditEvent, row_id)
        assert row.actor == "someone" and row.detail == "test"


def test_au1_the_orm_refuses_changes_and_bulk_statements(any_db):
    row_id = _one_row()
    with pytest.raises(AuditImmutable):
        with session_scope() as s:
            s.get(AuditEvent, row_id).actor = "mallory"
    with pytest.raises(AuditImmutable):
        with session_scope() as s:
            s.delete(s.get(AuditEvent, row_id))
    with pytest.raises(AuditImmutable):
        with session_scope() as s:
            s.execute(update(AuditEvent).values(actor="mallory"))
    with pytest.raises(AuditImmutable):
        with session_scope() as s:
            s.execute(delete(AuditEvent))
    with session_scope() as s:
        assert s.get(AuditEvent, row_id).actor == "someone"


@pytest.mark.postgres
def test_au1_truncate_is_refused_on_postgres(pg_db):
    _one_row()
    with pytest.raises(DBAPIError, match="append-only"):
        with get_engine().begin() as conn:
            conn.execute(text("TRUNCATE audit_log"))


async def test_au2_no_patient_text_in_logs(sign_in, people, clock, caplog):
    import logging

    canary = "purple elephant canary 4471"
    caplog.set_level(logging.DEBUG)
    sup = await sign_in(people["sup"])
    made = await (await sup.post("/api/staff/clients", {
        "name": canary, "program": "iop", "primary_clinician_id": people["cara"].id,
        "part2_acknowledged": True})).json()
    client_id = made["client"]["id"]
    flag = add_flag(client_id, "high", canary, clock.now)
    await sup.post(f"/api/staff/escalations/{flag}/notes", {"text": canary})
    await sup.post(f"/api/staff/escalations/{flag}/resolve",
                   {"disposition": "false_alarm", "note": canary})
    await sup.get(f"/api/staff/clients/{client_id}")
    await sup.get("/api/staff/queue")
    await sup.post(f"/api/staff/clients/{client_id}/export", {"password": PASSWORD})
    assert caplog.records  # something was logged
    assert not [r for r in caplog.records if canary in r.getMessage()]
    with session_scope() as s:
        assert not [a for a in s.query(AuditEvent) if canary in (a.detail or "")]
