"""Faults on the scaled PostgreSQL + Redis stack (2 of every process), one after another.

Each test records what every client was told and checks the ES-6 invariants. Each fault must
show as a clear error or a retry, never a silent loss. Order matters and is deliberate: Redis
and PostgreSQL recover; then a dispatcher dies, Rasa replica 1 dies (its clients fail over to
replica 2, which talks to action server 2), and last action server 2 dies.
"""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.error
import urllib.request

import pytest
from chat_client import Chat, clinic_config_paging, webhook_receiver
from invariants import Told, check_invariants
from services import private_postgres, private_redis
from sqlalchemy import select, text

from bot.gateway.rasa_pool import replica_for
from bot.runner import stop
from bot.stack import Stack, running_stack
from bot.store.db import make_engine, session_scope
from bot.store.models import CheckIn, Escalation, Notification
from bot.training import MODEL_PATH

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

CRISIS = "I want to kill myself"
CHECK_IN = "craving a 4 for alcohol after a fight with my sister"


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    var_dir = tmp_path_factory.mktemp("faults")
    with webhook_receiver() as receiver, private_postgres() as pg, private_redis() as redis:
        env = {"RASA_REPLICAS": "2", "ACTION_SERVERS": "2", "GATEWAY_WORKERS": "2",
               "DISPATCHERS": "2", "REDIS_URL": redis.url,
               "DISPATCH_LEASE_SECONDS": "3",
               "CLINIC_CONFIG": str(clinic_config_paging(receiver, var_dir))}
        with running_stack(var_dir, database_url=pg.url, extra_env=env) as stack:
            yield stack, pg, redis, receiver


class Recorder:
    """Talk as one client and remember what it was told, for the invariants."""

    def __init__(self, stack: Stack, told: Told, name: str = "Fault client") -> None:
        self.chat = Chat(stack, name)
        self.told = told

    def say(self, text_: str) -> tuple[int, str]:
        status, messages = self.chat.send(text_)
        shown = Chat.joined(messages)
        self.told.append((text_, status, shown))
        assert status in (200, 503), (status, shown)
        assert shown, f"{text_!r} got {status} and nothing to show"
        return status, shown


def tracker_events(pg_url: str, sender: str) -> list[tuple[str, str | None]]:
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type_name, data FROM rasa_tracker.events "
                                 "WHERE sender_id = :s ORDER BY id"), {"s": sender}).all()
    engine.dispose()
    return [(kind, json.loads(data).get("text") if kind == "user" else None)
            for kind, data in rows]


def wait_until_gateway_sees(stack: Stack, action_servers: list[bool]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{stack.gateway_url}/readyz", timeout=2) as resp:  # noqa: S310
                body = json.loads(resp.read())
        except urllib.error.HTTPError as err:
            body = json.loads(err.read())
        if body["checks"]["action_servers"] == action_servers:
            return
        time.sleep(0.2)
    raise AssertionError(f"gateway still sees action servers as {body['checks']}")


def test_redis_stopped_gives_clear_errors_then_recovers(faulty):
    stack, _pg, redis, receiver = faulty
    told: Told = []
    client = Recorder(stack, told)
    assert client.say("hi")[0] == 200
    redis.stop()
    try:
        assert client.say("when is group on thursday?")[0] == 503
        status, shown = client.say("my friend isn't breathing after we used")
        assert status == 503 and "911" in shown
    finally:
        redis.start()
    assert client.say("thanks")[0] == 200
    receiver.wait_for(lambda posts: len(posts) >= 1)
    check_invariants(told)


def test_postgres_restart_keeps_an_open_crisis_conversation(faulty):
    stack, pg, _redis, _receiver = faulty
    told: Told = []
    client = Recorder(stack, told)
    status, shown = client.say(CRISIS)
    assert status == 200 and "safe right now" in shown.lower()
    pg.ctl("restart")
    status, shown = client.say("yes")
    assert status == 200
    assert "not a person" not in shown  # no first-contact notice: not a fresh conversation
    events = tracker_events(pg.url, client.chat.client_id)
    since_start = events[max(i for i, (k, _) in enumerate(events) if k == "session_started"):]
    assert [t for k, t in since_start if k == "user"] == [CRISIS, "yes"]
    check_invariants(told)


def test_dispatcher_killed_mid_send_is_delivered_by_the_other(faulty):
    stack, _pg, _redis, receiver = faulty
    told: Told = []
    client = Recorder(stack, told)
    receiver.delay = 5.0  # the on-call system is slow: the page is in flight when we kill
    before = len(receiver.posts)
    try:
        client.say("my brother collapsed and his lips are blue after we used")
        receiver.wait_for(lambda posts: len(posts) > before)
        with session_scope() as s:
            esc = s.scalar(select(Escalation).where(
                Escalation.client_id == client.chat.client_id))
            leased_by = s.scalar(select(Notification.leased_by).where(
                Notification.escalation_id == esc.id))
        pid = int(leased_by.rsplit(":", 1)[1])
        victim = next(c for c in stack.children if c.proc and c.proc.pid == pid)
        os.killpg(pid, signal.SIGKILL)
        victim.proc.wait()
    finally:
        receiver.delay = 0.0
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with session_scope() as s:
            statuses = s.scalars(select(Notification.status).where(
                Notification.escalation_id == esc.id)).all()
        if statuses and all(st == "sent" for st in statuses):
            break
        time.sleep(0.5)
    assert statuses and all(st == "sent" for st in statuses), statuses
    assert sum(f"#{esc.id}" in p["text"] for p in receiver.posts) >= 2  # resent, not lost
    check_invariants(told)


def test_rasa_replica_killed_mid_conversation_fails_over(faulty):
    stack, _pg, _redis, _receiver = faulty
    told: Told = []
    client = next(c for c in (Recorder(stack, told, f"Failover {i}") for i in range(20))
                  if replica_for(c.chat.client_id, 2) == 0)  # lives on replica 1 ...
    assert client.say("hi")[0] == 200
    status, shown = client.say(CHECK_IN)
    assert status == 200 and "?" in shown  # the form asks what helped
    stop([stack.child("rasa-1")])  # ... which now dies mid-form
    status, shown = client.say("call my sponsor")  # replica 2 reads the tracker and goes on
    assert status == 200 and "check-in is saved" in shown, shown
    with session_scope() as s:
        assert s.scalar(select(CheckIn).where(CheckIn.client_id == client.chat.client_id))
    check_invariants(told)


def test_action_server_killed_gives_clear_errors(faulty):
    """Only replica 2 is left, and now its action server dies: every answer says so."""
    stack, _pg, _redis, _receiver = faulty
    stop([stack.child("action server-2")])
    wait_until_gateway_sees(stack, [True, False])  # its health watch polls each second
    told: Told = []
    for i in range(3):
        client = Recorder(stack, told, f"Action fault {i}")
        status, shown = client.say(CHECK_IN)
        assert status == 503, shown
    status, shown = client.say("my friend isn't breathing after we used")
    assert "911" in shown and "naloxone" in shown.lower()
    check_invariants(told)
