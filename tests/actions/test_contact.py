"""Counselor contact requests: stored before confirming, failures told, no text logged."""

from __future__ import annotations

import logging

from action_helpers import build_tracker, texts
from sqlalchemy import select

from actions import contact
from actions.contact import ActionRequestCounselor, clinic_line, confirmed, not_sent
from bot.clinic import Clinic, load_clinic
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
    assert texts(messages) == [confirmed(load_clinic())]
    assert events == []


def test_the_confirmation_names_the_clinic_number_and_hours():
    """Issue 16: "call the clinic" at 8:50 pm needs the number and the hours with it."""
    clinic = Clinic(program_name="Riverside", phone="(555) 010-4400",
                    hours="Monday to Friday, 8am to 6pm")
    for text in (confirmed(clinic), not_sent(clinic)):
        assert "(555) 010-4400 (Monday to Friday, 8am to 6pm)" in text
        assert "911" in text and "988" in text and len(text) <= 320
    assert clinic_line(Clinic()) == "the clinic"  # no number configured: nothing invented


async def test_failure_never_confirms_and_logs_no_text(run, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("could not insert 'about my meds'")

    monkeypatch.setattr(contact.contacts, "save_contact_request", broken)
    caplog.set_level(logging.DEBUG)
    tracker = build_tracker("i need to talk to my counselor about my meds")
    _, messages = await run(ActionRequestCounselor(), tracker)
    assert texts(messages) == [not_sent(load_clinic())]
    assert "988" in texts(messages)[0] and "911" in texts(messages)[0]
    assert "error_id=" in caplog.text and "meds" not in caplog.text
