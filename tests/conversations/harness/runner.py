"""Run conversations through the real stack: each one as a fresh enrolled client.

Web conversations trade the client's link for a session and post to the chat API with it;
SMS conversations text the gateway through the fake provider (as tests/fake_phone.py does)
and wait until the stored inbound text is answered. All conversations share one stack and
run concurrently.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bot.stack import Stack, chat_session
from tests.conversations.harness.acts import ActTable
from tests.conversations.harness.evidence import TrackerReader, TurnEvidence, add_tracker_events
from tests.conversations.harness.judge import Failure, Verdict, judge
from tests.conversations.harness.loader import Conversation
from tests.conversations.harness.stored import snapshot
from tests.fake_phone import call, sms_stack

TURN_TIMEOUT = 90.0
# Many clients share 127.0.0.1 here; the chat rate limits are tested elsewhere.
HARNESS_ENV = {"CHAT_RATE_CLIENT": "0", "LINK_RATE_IP": "0"}


@dataclass
class Target:
    stack: Stack
    fake_sms: str
    tracker: TrackerReader


@contextmanager
def harness_stack(var_dir: Path) -> Iterator[Target]:
    """One stack (web chat and the fake SMS provider) on SQLite files under `var_dir`."""
    with sms_stack(var_dir, extra_env=HARNESS_ENV) as (stack, fake):
        reader = TrackerReader(stack.env["TRACKER_DATABASE_URL"])
        try:
            yield Target(stack, fake, reader)
        finally:
            reader.dispose()


def _enrol(conv: Conversation, number: int) -> tuple[str, str, str | None]:
    """A fresh client for one conversation: (client id, chat token, phone or None)."""
    from bot.store.clients import enroll_client

    phone = f"+1555{7000000 + number:07d}" if conv.phone else None
    enrolment = enroll_client(f"Harness {number}", phone=phone)
    return enrolment.client_id, enrolment.chat_token, phone


def _web_turn(target: Target, session: str, text: str) -> tuple[list[str], str | None]:
    """One chat API turn with the session's bearer; a 202 ("still thinking") waits for the
    late reply in the history, as the page waits for it on its push stream."""
    req = urllib.request.Request(  # noqa: S310 (loopback)
        f"{target.stack.gateway_url}/api/chat/messages",
        data=json.dumps({"text": text}).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {session}"})
    try:
        with urllib.request.urlopen(req, timeout=TURN_TIMEOUT) as resp:  # noqa: S310
            body = json.loads(resp.read())
            shown = [m.get("text", "") for m in body["messages"]]
            if resp.status == 202:
                return _late_replies(target, session, body["message_id"], shown)
            return shown, None
    except urllib.error.HTTPError as err:
        body = json.loads(err.read() or b"{}")
        return [m.get("text", "") for m in body.get("messages", [])], f"http_{err.code}"
    except OSError as err:
        return [], type(err).__name__


def _late_replies(target: Target, session: str, message_id: int,
                  shown: list[str]) -> tuple[list[str], str | None]:
    """The stored replies to `message_id` once the background turn has answered it."""
    deadline = time.monotonic() + TURN_TIMEOUT
    req = urllib.request.Request(  # noqa: S310 (loopback)
        f"{target.stack.gateway_url}/api/chat/history",
        headers={"Authorization": f"Bearer {session}"})
    while time.monotonic() < deadline:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
            rows = json.loads(resp.read())["messages"]
        late = [r["text"] for r in rows if r.get("reply_to_id") == message_id
                and r.get("direction") == "out"]
        if late:
            return shown + [t for t in late if t not in shown], None
        time.sleep(0.5)
    return shown, "no_reply"


def _last_inbound(client_id: str) -> int:
    from bot.store.db import session_scope
    from bot.store.models import Message

    with session_scope() as s:
        found = s.scalar(select(Message.id).where(Message.client_id == client_id,
                                                  Message.direction == "in")
                         .order_by(Message.id.desc()).limit(1))
    return int(found or 0)


def _answered(client_id: str, after: int) -> list[str] | None:
    """The stored replies to the client's first inbound text after `after`, once answered."""
    from bot.store.db import session_scope
    from bot.store.models import Message

    with session_scope() as s:
        inbound = s.scalars(select(Message).where(
            Message.client_id == client_id, Message.direction == "in", Message.id > after)
            .order_by(Message.id).limit(1)).first()
        if inbound is None or inbound.status != "answered":
            return None
        return list(s.scalars(select(Message.text).where(Message.reply_to_id == inbound.id)
                              .order_by(Message.id)))


def _sms_turn(target: Target, client_id: str, phone: str,
              text: str) -> tuple[list[str], str | None]:
    after = _last_inbound(client_id)
    sent = call(f"{target.fake_sms}/phone/api/send", {"from": phone, "text": text})
    if sent.get("gateway_status") != 200:
        return [], f"gateway_{sent.get('gateway_status')}"
    deadline = time.monotonic() + TURN_TIMEOUT
    while time.monotonic() < deadline:
        replies = _answered(client_id, after)
        if replies is not None:
            return replies, None
        time.sleep(0.25)
    return [], "no_reply"


def run_conversation(target: Target, conv: Conversation, number: int,
                     acts: ActTable) -> Verdict:
    """Play every turn as a fresh client, collect the evidence, judge it."""
    client_id, token, phone = _enrol(conv, number)
    session = chat_session(target.stack.gateway_url, token) if conv.channel != "sms" else ""
    seen = target.tracker.last_id(client_id)
    turns: list[TurnEvidence] = []
    for turn in conv.turns:
        if conv.channel == "sms":
            assert phone is not None
            replies, error = _sms_turn(target, client_id, phone, turn.user)
        else:
            replies, error = _web_turn(target, session, turn.user)
        evidence = TurnEvidence(turn.user, replies, error=error)
        seen, events = target.tracker.since(client_id, seen)
        add_tracker_events(evidence, events)
        turns.append(evidence)
    return judge(conv, turns, snapshot(client_id), acts)


def run_all(target: Target, conversations: list[Conversation], acts: ActTable, jobs: int,
            progress: Callable[[int, int], None] | None = None) -> list[Verdict]:
    """Run conversations `jobs` at a time; verdicts come back in the input order."""
    done = 0

    def one(item: tuple[int, Conversation]) -> Verdict:
        nonlocal done
        try:
            verdict = run_conversation(target, item[1], item[0], acts)
        except Exception as exc:  # one broken run must not hide the other results
            verdict = Verdict(item[1], [Failure(f"harness_error:{type(exc).__name__}", None)])
        done += 1
        if progress:
            progress(done, len(conversations))
        return verdict

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, enumerate(conversations)))
