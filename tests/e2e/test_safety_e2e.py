"""End to end, the safety loop on the real stack: resources, escalation, page, ladder, faults.

The stack's own dispatcher process delivers the first page to a local webhook receiver. The
ladder's timer is then run with an injected clock by a second, in-process dispatcher on the
same database (the running one keeps real time, so it never sees those rows as due). The
fault test stops the action server, then Rasa, as processes, and checks the ES-6 invariants.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from chat_client import Chat, Receiver, clinic_config_paging, webhook_receiver
from invariants import check_invariants
from sqlalchemy import select, text

from bot.dispatch.config import load_escalation_config
from bot.dispatch.worker import Dispatcher
from bot.runner import stop
from bot.stack import Stack, running_stack
from bot.store.db import make_engine, session_scope
from bot.store.models import Escalation, Notification, utcnow
from bot.training import MODEL_PATH

pytestmark = pytest.mark.e2e

OVERDOSE = "my brother collapsed and his lips are blue after we used"
HEALTH_WORDS = ("collapsed", "lips", "blue", "overdose", "brother", "used")


@pytest.fixture(scope="module")
def paged_stack(tmp_path_factory) -> tuple[Stack, Receiver, Path]:
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    var_dir = tmp_path_factory.mktemp("safety_e2e")
    with webhook_receiver() as receiver:
        clinic = clinic_config_paging(receiver, var_dir)
        with running_stack(var_dir, extra_env={"CLINIC_CONFIG": str(clinic)}) as stack:
            yield stack, receiver, clinic


def escalation_for(client_id: str) -> Escalation:
    with session_scope() as s:
        esc = s.scalar(select(Escalation).where(Escalation.client_id == client_id))
        assert esc is not None, "no escalation row"
        s.expunge(esc)
        return esc


def run_dispatcher_at(clinic: Path, minutes_ahead: float) -> int:
    """One dispatcher pass with the clock `minutes_ahead` of now (the ladder timer test)."""
    later = utcnow() + timedelta(minutes=minutes_ahead)

    async def once() -> int:
        async with Dispatcher(config=load_escalation_config(clinic), clock=lambda: later,
                              worker_id="test-clock") as dispatcher:
            return await dispatcher.run_once()

    return asyncio.run(once())


def test_es3_overdose_gets_911_naloxone_page_and_repage(paged_stack):
    stack, receiver, clinic = paged_stack
    chat = Chat(stack, "Ladder client")
    shown = chat.joined(chat.say(OVERDOSE))
    assert "911" in shown and "naloxone" in shown.lower()
    esc = escalation_for(chat.client_id)
    assert esc.level == "imminent" and esc.status == "open"

    # The stack's dispatcher pages the primary on-call at once ...
    receiver.wait_for(lambda posts: [p["rung"] for p in posts] == ["primary"])
    page = receiver.posts[0]["text"]
    assert f"#{esc.id}" in page and "IMMINENT" in page
    assert not any(word in page.lower() for word in HEALTH_WORDS), page  # TS-2

    # ... nobody acknowledges; past the imminent timer (15 min) the backup is paged.
    timer = load_escalation_config(clinic).timer_minutes("imminent")
    assert run_dispatcher_at(clinic, timer - 1) == 0
    assert run_dispatcher_at(clinic, timer + 1) == 1
    assert receiver.rungs() == ["primary", "backup"]

    # A named acknowledgement stops the ladder: no page for the lead, however late it gets.
    stack.cli("staff", "add", "--username", "oncall1", "--role", "clinician")
    stack.cli("escalations", "ack", str(esc.id), "--by", "oncall1")
    assert run_dispatcher_at(clinic, 3 * timer + 1) == 0
    assert receiver.rungs() == ["primary", "backup"]
    assert escalation_for(chat.client_id).acknowledged_by == "oncall1"


def test_es6_action_server_then_rasa_stopped(tmp_path):
    """Stop the action server, then Rasa, mid-conversation; crisis help never stops."""
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    with webhook_receiver() as receiver:
        clinic = clinic_config_paging(receiver, tmp_path)
        with running_stack(tmp_path, extra_env={"CLINIC_CONFIG": str(clinic)}) as stack:
            chat = Chat(stack, "Fault client")
            told: list[tuple[str, int, str]] = []

            def say(text: str) -> int:
                status, messages = chat.send(text)
                told.append((text, status, Chat.joined(messages)))
                return status

            assert say("hi") == 200
            stop([stack.child("action server")])
            # Rasa runs, but every action fails: said honestly, never an empty "success".
            assert say("craving a 3 for beer") == 503
            # Rasa may still answer the crisis with a plain response; resources come first.
            assert say("I've been thinking about ending it all") in (200, 503)
            assert "988" in told[-1][2]
            stop([stack.child("rasa")])
            assert say("when is group on thursday?") == 503
            assert say(OVERDOSE) == 503

            overdose_shown = told[-1][2]
            assert "911" in overdose_shown and "naloxone" in overdose_shown.lower()
            receiver.wait_for(lambda posts: len(posts) >= 2)  # both risks paged
            check_invariants(told)
            for text, status, shown in told:
                if status != 200:
                    assert shown, f"{text!r} got {status} with nothing to show the person"
            with session_scope() as s:
                levels = sorted(e.level for e in s.scalars(select(Escalation)))
                pending = s.scalars(select(Notification).where(
                    Notification.status != "sent")).all()
            # The overdose joined the client's open flag and raised it to imminent (paged at
            # both levels): one flag per person in trouble, not one per message.
            assert levels == ["imminent"]
            assert pending == []  # every page reached the receiver


def test_lost_tracker_does_not_swallow_an_open_crisis(paged_stack):
    """Rasa starts over when it cannot read a tracker; our transcript brings the crisis back."""
    stack, _receiver, _clinic = paged_stack
    chat = Chat(stack, "Lost tracker client")
    assert "safe right now" in chat.joined(chat.say("I want to kill myself")).lower()
    tracker = make_engine(stack.env["TRACKER_DATABASE_URL"])
    with tracker.begin() as conn:  # what a failed read looks like to Rasa: no events at all
        conn.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": chat.client_id})
    tracker.dispose()
    shown = chat.joined(chat.say("yes"))
    assert "still here with you" in shown.lower(), shown
    assert "not a person" not in shown  # no first-contact welcome: a known client
    assert "safe" in shown.lower() and shown.count("?") >= 2  # and the answer is taken up
