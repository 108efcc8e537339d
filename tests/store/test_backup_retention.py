"""Backup and restore into a fresh database (SQLite and PostgreSQL), and the retention purge."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from pgtools import PG_ADMIN_URL
from sqlalchemy import func, select, text

from bot.store import audit, clients, db, messages
from bot.store.backup import BackupError, backup, restore
from bot.store.db import make_engine, session_scope
from bot.store.migrate import upgrade
from bot.store.models import (
    AuditEvent,
    CheckIn,
    Escalation,
    Message,
    TriggerLog,
    utcnow,
)
from bot.store.retention import _events_table, purge


def seed() -> str:
    """One client's timeline and an open escalation; returns the client id."""
    client = clients.enroll_client("Backup client").client_id
    msg_id = messages.record_inbound(client, "web",
                                     "I've been thinking about ending it all").message_id
    with session_scope() as s:
        s.add(CheckIn(client_id=client, intensity=6, substance="alcohol", situation="after work"))
        s.add(TriggerLog(client_id=client, category="stress", description="deadline"))
        s.add(Escalation(client_id=client, message_id=msg_id, level="high",
                         category="suicidal_ideation"))
    return client


def snapshot(client: str) -> dict:
    with session_scope() as s:
        return {
            "messages": s.scalars(select(Message.text).where(Message.client_id == client)
                                  .order_by(Message.id)).all(),
            "checkins": s.execute(select(CheckIn.intensity, CheckIn.substance)
                                  .where(CheckIn.client_id == client)).all(),
            "triggers": s.scalars(select(TriggerLog.category)
                                  .where(TriggerLog.client_id == client)).all(),
            "open escalations": s.execute(select(Escalation.id, Escalation.level).where(
                Escalation.status == "open", Escalation.client_id == client)).all(),
        }


def point_at(monkeypatch, url: str, tracker_url: str | None = None) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("TRACKER_DATABASE_URL", tracker_url or url)
    db.reset_engine()


def test_sqlite_backup_restores_into_a_fresh_database(store_db, tmp_path, monkeypatch):
    point_at(monkeypatch, store_db, f"sqlite:///{tmp_path / 'tracker.db'}")
    client = seed()
    before = snapshot(client)
    path = backup(tmp_path / "backups")

    point_at(monkeypatch, f"sqlite:///{tmp_path / 'fresh' / 'bot.db'}",
             f"sqlite:///{tmp_path / 'fresh' / 'tracker.db'}")
    assert restore(path) == ["bot"]  # Rasa never ran: no tracker file to back up
    assert snapshot(client) == before and before["open escalations"]


def test_restore_refuses_a_database_with_data(store_db, tmp_path, monkeypatch):
    point_at(monkeypatch, store_db, f"sqlite:///{tmp_path / 'tracker.db'}")
    seed()
    path = backup(tmp_path / "backups")
    with pytest.raises(BackupError, match="already holds tables"):
        restore(path)
    assert restore(path, force=True) == ["bot"]


@pytest.mark.postgres
def test_postgres_backup_restores_into_a_fresh_database(pg_db, tmp_path, monkeypatch):
    client = seed()
    before = snapshot(client)
    path = backup(tmp_path / "backups")
    schema = pg_db.rsplit("%3D", 1)[1]
    fresh_db = "restore_" + secrets.token_hex(4)
    admin = make_engine(PG_ADMIN_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{fresh_db}"'))
    try:
        fresh = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{fresh_db}?options=-csearch_path%3D{schema}"
        point_at(monkeypatch, fresh)
        assert restore(path) == ["bot"]
        assert snapshot(client) == before and before["open escalations"]
        upgrade(fresh)  # a restored database is at the right schema version already
    finally:
        db.reset_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{fresh_db}" WITH (FORCE)'))
        admin.dispose()


def test_purge_deletes_old_health_data_and_keeps_the_audit_log(any_db, tmp_path, monkeypatch):
    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    monkeypatch.setenv("TRACKER_DATABASE_URL", tracker_url)
    db.reset_engine()
    old_client = seed()
    long_ago = utcnow() - timedelta(days=400)
    with session_scope() as s:
        for model in (Message, CheckIn, TriggerLog, Escalation):
            for row in s.scalars(select(model)):
                row.created_at = long_ago
        old_done = Message(client_id=old_client, channel="web", direction="in",
                           text="old and done", created_at=long_ago)
        s.add(old_done)
    audit.append("login", actor="alice")
    recent = seed()

    report = purge(365)
    counts = report.counts
    assert counts["check-ins"] == 1 and counts["triggers"] == 1
    assert counts["escalations"] == 0  # the old one is still open: kept, with its message
    with session_scope() as s:
        texts = s.scalars(select(Message.text).where(Message.client_id == old_client)).all()
        assert texts == ["I've been thinking about ending it all"]
        assert s.scalar(select(func.count()).select_from(CheckIn)) == 1
        actions = s.scalars(select(AuditEvent.action)).all()
    assert "login" in actions and "retention_purge" in actions
    assert snapshot(recent)["checkins"]


def test_purge_of_tracker_events_spares_the_live_session(store_db, tmp_path, monkeypatch):
    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    monkeypatch.setenv("TRACKER_DATABASE_URL", tracker_url)
    db.reset_engine()
    events = _events_table(None)
    engine = make_engine(tracker_url)
    events.metadata.create_all(engine)
    old = (utcnow() - timedelta(days=400)).timestamp()
    rows = [("a", "session_started", old), ("a", "user", old), ("a", "session_started", old + 5),
            ("a", "user", old + 6), ("b", "session_started", old), ("b", "user", old)]
    with engine.begin() as conn:
        conn.execute(events.insert(), [{"sender_id": s, "type_name": t, "timestamp": ts}
                                       for s, t, ts in rows])
    assert purge(365).counts["tracker events"] == 2  # a's first session only
    with engine.connect() as conn:
        left = conn.execute(select(events.c.sender_id, events.c.type_name)
                            .order_by(events.c.id)).all()
    engine.dispose()
    assert left == [("a", "session_started"), ("a", "user"), ("b", "session_started"),
                    ("b", "user")]
