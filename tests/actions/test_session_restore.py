"""A lost tracker (Rasa could not read it and started over) never swallows an open crisis."""

from __future__ import annotations

from action_helpers import slot_values, texts
from rasa_sdk import Tracker

from actions.session import NOTICE, STILL_HERE, ActionSessionStart
from bot.store import clients, messages
from bot.store.db import session_scope
from bot.store.models import Escalation


def empty_tracker(sender: str) -> Tracker:
    """What Rasa hands the session-start action for a conversation it has no events for."""
    return Tracker(sender, {}, {}, [], False, None, {}, "action_listen")


def talk(client_id: str, *lines: str) -> int:
    last = 0
    for line in lines:
        last = messages.record_inbound(client_id, "web", line).message_id
    return last


async def test_known_client_with_an_open_crisis_is_asked_again(run, store_db):
    client = clients.enroll_client("Lost tracker").client_id
    crisis_id = talk(client, "hi", "I want to kill myself")
    with session_scope() as s:
        s.add(Escalation(client_id=client, message_id=crisis_id, level="high",
                         category="suicidal_ideation"))
    talk(client, "yes")  # the message Rasa is handling now, stored by intake
    events, shown = await run(ActionSessionStart(), empty_tracker(client))
    assert texts(shown) == [STILL_HERE] and NOTICE not in texts(shown)
    slots = slot_values(events)
    assert slots["crisis_active"] is True and slots["cssrs_due"] is True
    assert slots["crisis_message_id"] == crisis_id
    actions = [e["name"] for e in events if e["event"] == "action"]
    assert actions == ["action_crisis_followup", "action_listen"]  # rules pick up the answer


async def test_known_client_without_a_crisis_gets_no_second_welcome(run, store_db):
    client = clients.enroll_client("Lost tracker, calm").client_id
    talk(client, "hi", "how am I doing?")
    events, shown = await run(ActionSessionStart(), empty_tracker(client))
    assert shown == [] and slot_values(events) == {"notice_shown": True}


async def test_acknowledged_crisis_is_not_reopened(run, store_db):
    client = clients.enroll_client("Handled").client_id
    crisis_id = talk(client, "I want to kill myself")
    with session_scope() as s:
        s.add(Escalation(client_id=client, message_id=crisis_id, level="high",
                         category="suicidal_ideation", status="acknowledged"))
    talk(client, "hello again")
    _events, shown = await run(ActionSessionStart(), empty_tracker(client))
    assert STILL_HERE not in texts(shown)


async def test_brand_new_client_gets_the_welcome(run, store_db):
    client = clients.enroll_client("New").client_id
    talk(client, "hi")
    _events, shown = await run(ActionSessionStart(), empty_tracker(client))
    assert texts(shown) == [NOTICE]
