"""Rate limits throttle replies, never intake (RL-1); message size caps (RL-2)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from webchat_helpers import MESSAGES_URL, SESSION_URL, bearer, page_headers, say, sign_in

from bot.gateway.app import create_app
from bot.gateway.ratelimit import ChatLimiter, Limits, Rate, TokenBuckets
from bot.gateway.web_session import LIMITER
from bot.safety.resources import CARE_TEAM_NOTIFIED
from bot.store import clients
from bot.store.db import session_scope
from bot.store.models import Escalation, Message, Notification

OVERDOSE = "my brother collapsed and his lips are blue after we used"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def staff_webhook(monkeypatch):
    monkeypatch.setenv("STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def limited(aiohttp_client, store_db, fake_rasa, clock):
    """The gateway with tiny limits: 2 turns per client, 2 link tries per IP."""
    app = create_app(rasa=fake_rasa)
    app[LIMITER] = ChatLimiter(Limits(chat_client=Rate(2, 6), link_ip=Rate(2, 6)), clock=clock)
    return await aiohttp_client(app)


def test_token_bucket_allows_a_burst_then_refills(clock):
    bucket = TokenBuckets(Rate(3, 30), clock=clock)  # 3 at once, then one every 2 s
    assert [bucket.hit("a").allowed for _ in range(4)] == [True, True, True, False]
    denied = bucket.hit("a")
    assert not denied.allowed and denied.retry_after == 2
    assert bucket.hit("b").allowed  # keys are independent
    clock.now += 2.0
    assert bucket.hit("a").allowed
    assert not bucket.hit("a").allowed
    clock.now += 3600
    assert [bucket.hit("a").allowed for _ in range(4)] == [True, True, True, False]  # capped


def test_token_bucket_forgets_least_recent_keys_and_zero_means_unlimited(clock):
    bucket = TokenBuckets(Rate(1, 1), max_keys=2, clock=clock)
    for key in ("a", "b", "c"):
        assert bucket.hit(key).allowed
    assert len(bucket._buckets) == 2 and "a" not in bucket._buckets
    off = TokenBuckets(Rate(0, 0), clock=clock)
    assert all(off.hit("x").allowed for _ in range(1000))


def test_limits_from_env(monkeypatch):
    monkeypatch.setenv("CHAT_RATE_CLIENT", "5/10")
    monkeypatch.setenv("LINK_RATE_IP", "3")
    limits = Limits.from_env()
    assert limits.chat_client == Rate(5, 10.0)
    assert limits.link_ip == Rate(3, 3.0)
    monkeypatch.setenv("CHAT_RATE_CLIENT", "lots")
    with pytest.raises(SystemExit):
        Limits.from_env()


async def test_rl1_throttled_message_is_still_stored_and_answered_later(limited, enrolled,
                                                                        fake_rasa, clock):
    await sign_in(limited, enrolled.chat_token)
    for i in range(2):
        assert (await say(limited, f"hello {i}", id=f"m{i}")).status == 200
    resp = await say(limited, "one more thing", id="m2")
    assert resp.status == 429
    assert resp.headers["Retry-After"] == "10"
    body = await resp.json()
    assert body["error"] == "rate_limited" and "saved" in body["message"]
    assert body["messages"] == []
    with session_scope() as s:
        row = s.get(Message, body["message_id"])
        assert (row.text, row.client_id, row.risk_level) == (
            "one more thing", enrolled.client_id, "none")
    assert [text for _, text in fake_rasa.calls] == ["hello 0", "hello 1"]
    # After Retry-After the page resends the same id: one turn, no second row.
    clock.now += 10
    again = await say(limited, "one more thing", id="m2")
    assert again.status == 200
    assert (await again.json())["message_id"] == body["message_id"]
    assert [text for _, text in fake_rasa.calls][-1] == "one more thing"


async def test_rl1_throttled_crisis_is_stored_escalated_and_shown_resources(limited, enrolled,
                                                                            fake_rasa):
    await sign_in(limited, enrolled.chat_token)
    for i in range(2):
        await say(limited, f"hello {i}")
    resp = await say(limited, OVERDOSE)
    assert resp.status == 429
    shown = "\n".join(m["text"] for m in (await resp.json())["messages"])
    assert "911" in shown and "naloxone" in shown.lower()
    assert CARE_TEAM_NOTIFIED in shown  # said only because the escalation committed
    with session_scope() as s:
        msg = s.scalar(select(Message).where(Message.text == OVERDOSE))
        esc = s.scalar(select(Escalation).where(Escalation.message_id == msg.id))
        assert msg.risk_level == "imminent" and esc is not None
        assert esc.client_id == enrolled.client_id
        assert s.scalars(select(Notification).where(Notification.escalation_id == esc.id)).all()
    assert OVERDOSE not in [text for _, text in fake_rasa.calls]


async def test_rl1_signed_in_clients_are_limited_per_client_not_per_ip(limited, enrolled,
                                                                      store_db):
    """A group session on the clinic's Wi-Fi is one address for everyone: ten clients on one
    IP each get their own turns; only the client over its own limit waits."""
    others = [clients.enroll_client(f"Member {i}") for i in range(9)]
    by_client = [bearer(e.chat_token) for e in [enrolled, *others]]
    statuses = []
    for round_ in range(2):
        for headers in by_client:
            resp = await limited.post(MESSAGES_URL, json={"text": f"hi {round_}"},
                                      headers=headers)
            statuses.append(resp.status)
    assert statuses == [200] * 20
    third = await limited.post(MESSAGES_URL, json={"text": "again"}, headers=by_client[0])
    assert third.status == 429


async def test_rl1_link_exchange_is_limited_per_ip_and_consumes_nothing(limited, enrolled):
    for _ in range(2):
        resp = await limited.post(SESSION_URL, json={"token": "guess"},
                                  headers=page_headers(limited))
        assert resp.status == 401
    resp = await limited.post(SESSION_URL, json={"token": enrolled.chat_token},
                              headers=page_headers(limited))
    assert resp.status == 429
    assert int(resp.headers["Retry-After"]) >= 1
    assert (await resp.json())["error"] == "rate_limited"
    # The real link was not used up by the refused try.
    assert clients.client_for_token(enrolled.chat_token) == enrolled.client_id


async def test_rl2_message_size_is_capped_at_2000_characters(gateway, enrolled, fake_rasa):
    await sign_in(gateway, enrolled.chat_token)
    assert (await say(gateway, "x" * 2000)).status == 200
    too_long = await say(gateway, "x" * 2001)
    assert too_long.status == 400
    assert (await too_long.json())["error"] == "text_too_long"
    huge = await gateway.post(MESSAGES_URL, data=b'{"text": "' + b"x" * 40_000 + b'"}',
                              headers={**page_headers(gateway),
                                       "Content-Type": "application/json"})
    assert huge.status == 413
    assert len(fake_rasa.calls) == 1
