"""WC-2: Rasa and the action server answer only their one caller, holding the shared secret.

A real stack (SQLite, the trained model). Each refused call is tried as an attacker on the
host would: a real client's id, a craving check-in, a crisis message. Afterwards the client's
record and Rasa's tracker are unchanged. The same calls with the secret are accepted, so the
refusals are the secret's doing, not a malformed request.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from chat_client import Chat
from sqlalchemy import func, select

from bot.loopback.secrets import ACTION_HEADER, ACTION_TOKEN_VAR, GATEWAY_HEADER, RASA_TOKEN_VAR
from bot.store.db import session_scope
from bot.store.models import AuditEvent, CheckIn, Escalation, Message

pytestmark = pytest.mark.e2e
CRAVING = "craving an 8 for alcohol after a fight with my sister"


def post(url: str, body: dict, headers: dict[str, str] | None = None) -> tuple[int, object]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",  # noqa: S310
                                 headers={"Content-Type": "application/json",
                                          **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310 (loopback)
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(errors="replace")


def get(url: str, headers: dict[str, str] | None = None) -> int:
    req = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (loopback)
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


def footprint(stack, client_id: str) -> tuple[int, ...]:
    """What an accepted call would change: check-ins, transcript, escalations, audit rows,
    and the tracker's events for this client."""
    with session_scope() as s:
        ours = tuple(int(s.scalar(select(func.count()).select_from(model)
                                  .where(model.client_id == client_id)) or 0)
                     for model in (CheckIn, Message, Escalation))
        audit = int(s.scalar(select(func.count(AuditEvent.id))) or 0)
    tracker = Path(stack.env["TRACKER_DATABASE_URL"].removeprefix("sqlite:///"))
    with sqlite3.connect(tracker) as conn:
        try:
            events = conn.execute("SELECT count(*) FROM events WHERE sender_id = ?",
                                  (client_id,)).fetchone()[0]
        except sqlite3.OperationalError:  # no conversation yet: no table
            events = 0
    return (*ours, audit, events)


def action_call(client_id: str) -> dict:
    """What Rasa posts to run action_save_craving for this client."""
    slots = {"craving_intensity": 8, "craving_substance": "alcohol",
             "craving_situation": "a fight", "craving_coping": "a walk"}
    return {"next_action": "action_save_craving", "sender_id": client_id, "version": "3.6.21",
            "tracker": {"sender_id": client_id, "slots": slots, "latest_message": {},
                        "events": [], "paused": False, "followup_action": None,
                        "active_loop": {}, "latest_action_name": None},
            "domain": {}}


def test_wc2_rasa_refuses_callers_without_the_gateway_secret(stack):
    chat = Chat(stack, "WC2 rasa")
    before = footprint(stack, chat.client_id)
    hook = f"{stack.rasa_url}/webhooks/gateway/webhook"
    for text in (CRAVING, "how am I doing?", "I want to kill myself tonight"):
        body = {"sender": chat.client_id, "message": text}
        assert post(hook, body)[0] == 401
        assert post(hook, body, {GATEWAY_HEADER: "x" * 43})[0] == 401
        # Rasa's stock REST channel is not enabled at all.
        assert post(f"{stack.rasa_url}/webhooks/rest/webhook", body)[0] == 404
    assert footprint(stack, chat.client_id) == before

    # The gateway's own secret is accepted: the refusals above were the secret's doing.
    status, replies = post(hook, {"sender": "wc2-probe", "message": "hi"},
                           {GATEWAY_HEADER: stack.env[RASA_TOKEN_VAR]})
    assert status == 200 and replies


def test_wc2_action_server_refuses_callers_without_the_rasa_secret(stack):
    chat = Chat(stack, "WC2 actions")
    before = footprint(stack, chat.client_id)
    hook = f"{stack.action_url}/webhook"
    assert post(hook, action_call(chat.client_id))[0] == 401
    assert post(hook, action_call(chat.client_id), {ACTION_HEADER: "y" * 43})[0] == 401
    assert get(f"{stack.action_url}/actions") == 401
    assert get(f"{stack.action_url}/health") == 200  # holds nothing; the gateway polls it
    assert footprint(stack, chat.client_id) == before

    status, _ = post(hook, action_call(chat.client_id),
                     {ACTION_HEADER: stack.env[ACTION_TOKEN_VAR]})
    assert status == 200
    with session_scope() as s:
        assert s.scalar(select(func.count(CheckIn.id))
                        .where(CheckIn.client_id == chat.client_id)) == 1


def test_wc2_the_gateway_still_converses_through_both_hops(stack):
    chat = Chat(stack, "WC2 gateway")
    replies = chat.joined(chat.say("how many hours a week is IOP?"))
    assert "9" in replies and "20" in replies
