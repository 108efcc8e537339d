"""Counselor contact requests: stored before confirming, failures told, no text logged."""

from __future__ import annotations

import logging

from action_helpers import build_tracker, texts
from sqlalchemy import select

from actions import contact
from actions.contact import CONFIRMED, NOT_SENT, ActionRequestCounselor
from bot.store.db import session_scope
from bot.store.models import ContactRequest


async def test_request_is_recorded_for_the_sender_then_confirmed(run, client_id):
    tracker = build_tracker("i need to talk to my counselor about my meds",
                            intent="request_counselor", sender=client_id,
                            metadata={"client_id": "c_forged"})
    events, messages = await run(ActionRequestCounselor(), tracker)
    with session_scope() as s:
        rows = s.scalars(select(ContactRequest)).all()
    assert [(r.client_id, r.status) for r in rows] == [(client_id, "open")]
    assert texts(messages) == [CONFIRMED]
    assert events == []


async def test_failure_never_confirms_and_logs_no_text(run, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("could not insert 'about my meds'")

    monkeypatch.setattr(contact.contacts, "save_contact_request", broken)
    caplog.set_level(logging.DEBUG)
    tracker = build_tracker("i need to talk to my counselor about my meds")
    _, messages = await run(ActionRequestCounselor(), tracker)
    assert texts(messages) == [NOT_SENT]
    assert "988" in NOT_SENT and "911" in NOT_SENT
    assert "error_id=" in caplog.text and "meds" not in caplog.text
