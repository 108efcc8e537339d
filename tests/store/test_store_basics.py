"""bot.store on SQLite and PostgreSQL: enrolment, tokens, transcript, logs, staff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from bot.store import clients, messages, staff
from bot.store.db import get_engine, session_scope
from bot.store.errors import StoreError
from bot.store.logs import save_checkin, save_contact_request, save_trigger
from bot.store.models import ChatCredential, CheckIn, ContactRequest, TriggerLog, utcnow


def test_enrolment_token_roundtrip(any_db):
    e = clients.enroll_client("Sam", phone="+1 (555) 010-2000")
    assert e.client_id.startswith("c_")
    assert clients.client_for_token(e.chat_token) == e.client_id
    assert clients.client_for_token(e.chat_token + "x") is None
    assert clients.get_client(e.client_id).phone == "+15550102000"


def test_token_is_stored_hashed_only(any_db):
    e = clients.enroll_client("Sam")
    with session_scope() as s:
        hashes = s.scalars(select(ChatCredential.token_hash)).all()
    assert e.chat_token not in hashes
    assert clients.hash_token(e.chat_token) in hashes


def test_expired_and_revoked_tokens_are_refused(any_db):
    e = clients.enroll_client("Sam")
    with session_scope() as s:
        s.execute(update(ChatCredential).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert clients.client_for_token(e.chat_token) is None
    fresh = clients.issue_chat_token(e.client_id)
    assert clients.client_for_token(fresh) == e.client_id
    assert clients.revoke_tokens(e.client_id) >= 1
    assert clients.client_for_token(fresh) is None


def test_duplicate_phone_and_bad_phone_are_clear_errors(any_db):
    clients.enroll_client("A", phone="+15550102001")
    with pytest.raises(StoreError, match="can.t be used"):
        clients.enroll_client("B", phone="+15550102001")
    with pytest.raises(StoreError, match="E.164"):
        clients.enroll_client("C", phone="555-0102")


def test_inbound_is_idempotent_on_external_id(any_db):
    cid = clients.enroll_client("Sam").client_id
    first = messages.record_inbound(cid, "web", "hello", f"{cid}:m1")
    again = messages.record_inbound(cid, "web", "hello", f"{cid}:m1")
    assert not first.duplicate and again.duplicate
    assert again.message_id == first.message_id
    other = messages.record_inbound(cid, "web", "hello", None)
    assert other.message_id != first.message_id


def test_replies_are_linked_and_returned_in_order(any_db):
    cid = clients.enroll_client("Sam").client_id
    inbound = messages.record_inbound(cid, "web", "hi", None)
    messages.record_replies(cid, "web", inbound.message_id, [
        messages.StoredReply("one"), messages.StoredReply("two", [{"title": "A", "payload": "a"}])
    ])
    got = messages.replies_for(inbound.message_id)
    assert [r.text for r in got] == ["one", "two"]
    assert got[1].buttons == [{"title": "A", "payload": "a"}]
    assert [m["direction"] for m in messages.transcript(cid)] == ["in", "out", "out"]


def test_logs_are_persisted(any_db):
    cid = clients.enroll_client("Sam").client_id
    save_checkin(cid, 8, "alcohol", "after a fight with my sister", "go for a walk")
    save_trigger(cid, "people", "my ex texted", 6, "called my sponsor")
    save_contact_request(cid, "wants a call")
    with session_scope() as s:
        c = s.scalar(select(CheckIn))
        assert (c.intensity, c.substance, c.situation) == (8.0, "alcohol",
                                                           "after a fight with my sister")
        assert s.scalar(select(TriggerLog.category)) == "people"
        assert s.scalar(select(ContactRequest.status)) == "open"
    with pytest.raises(ValueError):
        save_checkin(cid, 11, None, None, None)


def test_staff_passwords_are_argon2id(any_db):
    staff.add_staff("admin1", "admin", "correct horse battery")
    assert staff.verify_staff_password("admin1", "correct horse battery")
    assert not staff.verify_staff_password("admin1", "wrong password!!")
    with session_scope() as s:
        stored = s.execute(text("SELECT password_hash FROM staff_users")).scalar()
    assert stored.startswith("$argon2id$")
    with pytest.raises(StoreError):
        staff.add_staff("admin1", "admin", "another long password")
    with pytest.raises(StoreError):
        staff.add_staff("x", "root", "another long password")


def test_sqlite_is_wal_with_full_sync(store_db):
    with get_engine().connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
