"""Intake screens every message and commits the escalation before Rasa (ES-1, ES-4, AU-2)."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select
from webchat_helpers import bearer

from bot.gateway import intake as intake_module
from bot.safety.resources import CARE_TEAM_NOTIFIED
from bot.store.db import session_scope
from bot.store.models import Escalation, Message, Notification

URL = "/api/chat/messages"
OVERDOSE = "my brother collapsed and his lips are blue after we used"


@pytest.fixture(autouse=True)
def staff_webhook(monkeypatch):
    monkeypatch.setenv("STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")


def auth(token: str) -> dict[str, str]:
    return bearer(token)


def texts(body: dict) -> str:
    return "\n".join(m["text"] for m in body["messages"])


async def test_es1_overdose_gets_911_naloxone_and_a_committed_escalation(
        gateway, enrolled, fake_rasa):
    resp = await gateway.post(URL, json={"text": OVERDOSE}, headers=auth(enrolled.chat_token))
    assert resp.status == 200
    shown = texts(await resp.json())
    assert "911" in shown and "naloxone" in shown.lower()
    assert CARE_TEAM_NOTIFIED in shown
    with session_scope() as s:
        esc = s.scalar(select(Escalation))
        msg = s.get(Message, esc.message_id)
        assert (esc.level, esc.client_id, msg.text) == ("imminent", enrolled.client_id, OVERDOSE)
        assert msg.risk_level == "imminent"
        notes = s.scalars(select(Notification)).all()
        assert notes and all(n.escalation_id == esc.id for n in notes)
    # Rasa still had its turn after the crisis resources.
    assert fake_rasa.calls == [(enrolled.client_id, OVERDOSE)]


async def test_benign_message_raises_nothing(gateway, enrolled):
    resp = await gateway.post(URL, json={"text": "I'd kill for a coffee before group"},
                              headers=auth(enrolled.chat_token))
    assert resp.status == 200
    with session_scope() as s:
        assert s.scalar(select(Escalation)) is None
        assert s.scalar(select(Message.risk_level)) == "none"


async def test_es4_rasa_down_still_gives_resources_and_escalates(gateway, enrolled, fake_rasa):
    fake_rasa.down = True
    resp = await gateway.post(URL, json={"text": OVERDOSE, "id": "x1"},
                              headers=auth(enrolled.chat_token))
    assert resp.status == 503  # the assistant's part failed, and the client is told so
    body = await resp.json()
    assert body["error"] == "assistant_unavailable"
    shown = texts(body)
    assert "911" in shown and CARE_TEAM_NOTIFIED in shown
    with session_scope() as s:
        assert s.scalar(select(Escalation.level)) == "imminent"
    fake_rasa.down = False
    again = await gateway.post(URL, json={"text": OVERDOSE, "id": "x1"},
                               headers=auth(enrolled.chat_token))
    assert again.status == 200
    assert texts(await again.json()).startswith(shown)
    assert fake_rasa.calls == [(enrolled.client_id, OVERDOSE)]
    with session_scope() as s:
        assert len(s.scalars(select(Escalation)).all()) == 1


async def test_es4_store_down_still_gives_resources_but_reports_the_error(
        gateway, enrolled, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(intake_module, "_store", broken)
    resp = await gateway.post(URL, json={"text": OVERDOSE}, headers=auth(enrolled.chat_token))
    assert resp.status == 503
    body = await resp.json()
    assert body["error"] == "store_unavailable"
    shown = texts(body)
    assert "911" in shown
    assert CARE_TEAM_NOTIFIED not in shown  # nothing was committed, so nobody was told


async def test_au2_message_text_never_reaches_logs(gateway, enrolled, fake_rasa, caplog,
                                                    monkeypatch):
    canary = "canary-4417 i want to kill myself tonight"
    caplog.set_level(logging.DEBUG)
    await gateway.post(URL, json={"text": canary}, headers=auth(enrolled.chat_token))
    fake_rasa.down = True
    await gateway.post(URL, json={"text": canary + " again"}, headers=auth(enrolled.chat_token))
    monkeypatch.setattr(intake_module, "_store", lambda *a, **k: 1 / 0)
    await gateway.post(URL, json={"text": canary + " 3"}, headers=auth(enrolled.chat_token))
    logged = "\n".join(r.getMessage() + str(r.exc_info or "") for r in caplog.records)
    assert "canary-4417" not in logged
    assert "error_id=" in logged  # the failure itself was logged, by id
