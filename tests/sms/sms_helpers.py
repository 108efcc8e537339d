"""Signed provider requests for the SMS tests (signatures from RequestValidator, TW-1)."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from bot.store.db import session_scope
from bot.store.models import Escalation, Message, Notification

ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "test-auth-token"
BOT_NUMBER = "+15550006000"
CLIENT_PHONE = "+15551230001"
STRANGER = "+15559870000"
PUBLIC_URL = "https://sms.example.test/sms/twilio"
STATUS_URL = PUBLIC_URL + "/status"
TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
_sids = itertools.count(1)


def sign(params: dict[str, str], url: str = PUBLIC_URL, token: str = AUTH_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


def inbound(body: str, from_: str = CLIENT_PHONE, sid: str | None = None,
            media: int = 0) -> dict[str, str]:
    sid = sid or f"SM{next(_sids):032d}"
    params = {"MessageSid": sid, "SmsMessageSid": sid, "AccountSid": ACCOUNT_SID,
              "From": from_, "To": BOT_NUMBER, "Body": body, "NumMedia": str(media),
              "NumSegments": "1", "ApiVersion": "2010-04-01", "SmsStatus": "received"}
    for i in range(media):
        params[f"MediaUrl{i}"] = f"https://media.invalid/{sid}/{i}"
        params[f"MediaContentType{i}"] = "image/jpeg"
    return params


class Sms:
    """Post signed provider requests to the test gateway and wait for background answers."""

    def __init__(self, client) -> None:  # type: ignore[no-untyped-def]
        self.client = client

    @property
    def worker(self):  # type: ignore[no-untyped-def]
        return self.client.server.app["sms_worker"]

    async def post(self, params: dict[str, str], signature: str | None = None,
                   path: str = "/sms/twilio", url: str = PUBLIC_URL):  # type: ignore[no-untyped-def]
        headers = {"X-Twilio-Signature": signature if signature is not None
                   else sign(params, url)}
        return await self.client.post(path, data=params, headers=headers)

    async def text(self, body: str, from_: str = CLIENT_PHONE, media: int = 0,
                   sid: str | None = None) -> dict[str, str]:
        """Text the bot, check the instant empty-TwiML 200, and let the answer finish."""
        params = inbound(body, from_, sid, media)
        resp = await self.post(params)
        assert resp.status == 200, await resp.text()
        assert resp.content_type == "text/xml"
        assert await resp.text() == TWIML_EMPTY
        await self.worker.drain()
        return params


def count(model) -> int:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def counts() -> dict[str, int]:
    return {"messages": count(Message), "escalations": count(Escalation),
            "notifications": count(Notification)}


def batches(kind: str | None = None) -> list[Notification]:
    """Client SMS outbox rows (staff pages excluded)."""
    with session_scope() as s:
        query = select(Notification).where(Notification.kind.in_(("sms_reply", "sms_notice")))
        if kind:
            query = query.where(Notification.kind == kind)
        return list(s.scalars(query.order_by(Notification.id)))


def replies_to(params: dict[str, str]) -> list[str]:
    """The texts stored as replies to the inbound text with this MessageSid."""
    with session_scope() as s:
        inbound_id = s.scalar(select(Message.id).where(
            Message.channel == "sms", Message.external_id == params["MessageSid"]))
        return list(s.scalars(select(Message.text).where(Message.reply_to_id == inbound_id)
                              .order_by(Message.id)))


def inbound_row(params: dict[str, str]) -> Message:
    with session_scope() as s:
        return s.scalars(select(Message).where(
            Message.channel == "sms", Message.external_id == params["MessageSid"])).one()


# Run a test on SQLite and PostgreSQL (the `backend` fixture in conftest.py reads the param).
# Here, not in conftest.py: `from conftest import` is ambiguous across test directories.
both_backends = pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
