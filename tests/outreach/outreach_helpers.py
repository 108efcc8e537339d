"""Shared helpers for the outreach tests: a movable clock, enrolment, and store reads."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.outreach.config import OutreachConfig, SessionSlot
from bot.outreach.times import QuietHours
from bot.store import clients
from bot.store.db import session_scope
from bot.store.models import Message, Notification, OutreachPrompt, WebSession

NY = "America/New_York"
ACCOUNT_SID = "AC" + "7" * 32
AUTH_TOKEN = "outreach-test-token"
BOT_NUMBER = "+15550006000"
PUBLIC_URL = "https://sms.example.test/sms/twilio"


class Clock:
    """The dispatcher's injected clock (naive UTC), moved by the tests."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set_local(self, text: str, tz: str = NY) -> datetime:
        """Move to a local wall-clock time, e.g. "2026-03-08 20:00"."""
        aware = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(tz))
        self.now = aware.astimezone(timezone.utc).replace(tzinfo=None)
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def utc(text: str, tz: str = NY) -> datetime:
    """A local time as naive UTC."""
    aware = datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(tz))
    return aware.astimezone(timezone.utc).replace(tzinfo=None)


def fixed_config(**overrides: object) -> OutreachConfig:
    """Fixed settings, independent of whatever bot/clinic.yml says today."""
    base = dict(timezone=NY, quiet=QuietHours(time(21, 0), time(8, 0)), weekly_enabled=False,
                reminders_enabled=True, reminders_for_everyone=False, reminder_minutes=120,
                sessions=(SessionSlot(1, time(18, 0)), SessionSlot(5, time(9, 0))),
                answer_window_hours=12.0, missed_in_row=3, max_late_minutes=120)
    base.update(overrides)
    return OutreachConfig(**base)  # type: ignore[arg-type]


def enrol(name: str = "Sam Rivera", phone: str | None = None, web: bool = False) -> str:
    client_id = clients.enroll_client(name, phone=phone).client_id
    if web:
        with session_scope() as s:
            s.add(WebSession(id_hash=client_id.ljust(64, "0"), client_id=client_id,
                             expires_at=datetime(2099, 1, 1)))
    return client_id


def prompts(client_id: str | None = None) -> list[OutreachPrompt]:
    with session_scope() as s:
        query = select(OutreachPrompt).order_by(OutreachPrompt.id)
        if client_id:
            query = query.where(OutreachPrompt.client_id == client_id)
        rows = list(s.scalars(query))
        for row in rows:
            s.expunge(row)
        return rows


def outbox(kind: str = "sms_reply") -> list[Notification]:
    with session_scope() as s:
        rows = list(s.scalars(select(Notification).where(Notification.kind == kind)
                              .order_by(Notification.id)))
        for row in rows:
            s.expunge(row)
        return rows


def outbound(client_id: str) -> list[Message]:
    with session_scope() as s:
        rows = list(s.scalars(select(Message).where(Message.client_id == client_id,
                                                    Message.direction == "out")
                              .order_by(Message.id)))
        for row in rows:
            s.expunge(row)
        return rows


def say(client_id: str, text: str, channel: str = "sms") -> int:
    """An inbound message from the client, as intake stores it."""
    with session_scope() as s:
        row = Message(client_id=client_id, channel=channel, direction="in", text=text,
                      status="answered")
        s.add(row)
        s.flush()
        return int(row.id)


def sent_to(provider, phone: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Texts the fake provider accepted for `phone`, in order."""
    return [m["body"] for m in provider.sent if m["to"] == phone]
