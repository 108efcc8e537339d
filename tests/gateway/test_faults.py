"""ES-6 fault tests at the gateway: the Nth commit fails, Rasa stops mid-run.

Each run records what every client was told, then checks the invariants: every acknowledged
message is stored, every screened risk has an escalation, every "care team notified" was
backed by a committed escalation, and every escalation is still in delivery.
"""

from __future__ import annotations

import pytest
from invariants import check_invariants
from sqlalchemy import select
from sqlalchemy.orm import Session
from webchat_helpers import bearer

from bot.store.db import session_scope
from bot.store.models import Message

URL = "/api/chat/messages"
SCRIPT = [
    "hi",
    "my friend od'd and isn't breathing",
    "when is group on thursday?",
    "I've been thinking about ending it all",
    "craving a 3 for beer",
    "relapsed last night, feel like I blew it",
    "thanks",
]


@pytest.fixture(autouse=True)
def staff_webhook(monkeypatch):
    monkeypatch.setenv("STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")


def fail_nth_commit(monkeypatch, n: int) -> None:
    real_commit = Session.commit
    count = {"n": 0}

    def commit(self):  # type: ignore[no-untyped-def]
        count["n"] += 1
        if count["n"] == n:
            raise RuntimeError(f"injected failure of commit {n}")
        return real_commit(self)

    monkeypatch.setattr(Session, "commit", commit)


async def play(gateway, token: str) -> list[tuple[str, int, str]]:
    told = []
    for i, text in enumerate(SCRIPT):
        resp = await gateway.post(URL, json={"text": text, "id": f"m{i}"},
                                  headers=bearer(token))
        assert resp.status in (200, 503), await resp.text()
        body = await resp.json()
        told.append((text, resp.status, "\n".join(m["text"] for m in body["messages"])))
    return told


@pytest.mark.parametrize("n", range(1, 16))
async def test_es6_nth_commit_fails(gateway, enrolled, monkeypatch, n):
    bearer(enrolled.chat_token)  # sign in before the faults start
    fail_nth_commit(monkeypatch, n)
    told = await play(gateway, enrolled.chat_token)
    monkeypatch.undo()
    # The client retries every message once the fault is gone; nothing is lost or doubled.
    monkeypatch.setenv("STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    retried = await play(gateway, enrolled.chat_token)
    check_invariants(told)
    check_invariants(retried)
    with session_scope() as s:
        assert len(s.scalars(select(Message).where(Message.direction == "in")).all()) == len(SCRIPT)


async def test_es6_rasa_stops_mid_conversation(gateway, enrolled, fake_rasa):
    told = []
    for i, text in enumerate(SCRIPT):
        fake_rasa.down = i >= 3
        resp = await gateway.post(URL, json={"text": text, "id": f"r{i}"},
                                  headers=bearer(enrolled.chat_token))
        body = await resp.json()
        told.append((text, resp.status, "\n".join(m["text"] for m in body["messages"])))
    assert [status for _, status, _ in told] == [200, 200, 200, 503, 503, 503, 503]
    check_invariants(told)
