"""action_crisis_followup: stays with the person; escalates itself when only NLU saw risk."""

from __future__ import annotations

from action_helpers import build_tracker
from sqlalchemy import select

from actions.safety import ARE_YOU_SAFE, ActionCrisisFollowup
from bot.safety import CARE_TEAM_NOTIFIED
from bot.store import messages
from bot.store.db import session_scope
from bot.store.models import Escalation


async def test_after_gateway_screen_it_only_checks_safety(run, client_id):
    text = "I've been thinking about ending it all"
    events, said = await run(ActionCrisisFollowup(),
                             build_tracker(text, intent="crisis", sender=client_id))
    assert [m["text"] for m in said] == [ARE_YOU_SAFE]
    assert {"event": "slot", "name": "crisis_active", "value": True,
            "timestamp": None} in events
    with session_scope() as s:
        assert s.scalar(select(Escalation)) is None  # intake owns that escalation


async def test_nlu_only_crisis_shows_resources_and_escalates_once(run, client_id, monkeypatch):
    monkeypatch.setenv("STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    text = "everything is grey and I am done with it"
    inbound = messages.record_inbound(client_id, "web", text, None)
    tracker = build_tracker(text, intent="crisis", sender=client_id,
                            metadata={"message_id": inbound.message_id})
    _, said = await run(ActionCrisisFollowup(), tracker)
    shown = "\n".join(m["text"] for m in said)
    assert "988" in shown and CARE_TEAM_NOTIFIED in shown and shown.endswith(ARE_YOU_SAFE)
    await run(ActionCrisisFollowup(), tracker)
    with session_scope() as s:
        rows = s.scalars(select(Escalation)).all()
    assert len(rows) == 1
    assert (rows[0].source, rows[0].message_id, rows[0].client_id) == (
        "dialogue", inbound.message_id, client_id)
