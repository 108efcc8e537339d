"""A shift's worth of console data for browser tests and screenshots: two clinicians and a
supervisor in "iop", clients with repeat flags, a flag the crisis dialogue raised to imminent
on a message the screen called high, an urgent call-back request, the conversation around
it, check-ins and a follow-up. Times are relative to the injected clock."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "console"))

from console_helpers import Staffer, add_client, add_flag, make_staff  # noqa: E402

from bot.store.db import session_scope  # noqa: E402
from bot.store.metrics import DISPATCHER  # noqa: E402
from bot.store.models import (  # noqa: E402
    CheckIn,
    ContactRequest,
    Escalation,
    FollowUp,
    Heartbeat,
    Message,
)

URGENT_REASON = "urgent: call back requested after a crisis safety check"
CRISIS_TEXT = "I can't do this anymore, I have the pills here and I want to end it tonight"


@dataclass
class Shift:
    cara: Staffer
    dan: Staffer
    sup: Staffer
    admin: Staffer
    jordan: str
    alex: str
    riley: str
    flag: int  # Jordan's imminent flag (the dialogue raised it from high)
    repeat: int  # Jordan's earlier moderate flag
    alex_flag: int
    request: int  # Jordan's urgent call-back request


def _message(s, client_id: str, direction: str, text: str, at: datetime,  # type: ignore[no-untyped-def]
             level: str | None = None) -> None:
    s.add(Message(client_id=client_id, channel="web", direction=direction, text=text,
                  risk_level=level, created_at=at))


def seed_shift(now: datetime) -> Shift:
    cara, dan = make_staff("cara", "clinician"), make_staff("dan", "clinician")
    sup, admin = make_staff("sam", "supervisor"), make_staff("root", "admin", ())
    jordan = add_client("Jordan Lee", cara, phone="+15551230001")
    alex = add_client("Alex Kim", cara)
    riley = add_client("Riley Park", dan)
    start = now - timedelta(minutes=50)
    with session_scope() as s:
        for i, (direction, text) in enumerate([
                ("in", "hi, rough day again"),
                ("out", "I'm sorry it's been rough. Do you want to do a quick check-in?"),
                ("in", "not really. my sister and I had a huge fight"),
                ("out", "That sounds hard. What's on your mind right now?")]):
            _message(s, jordan, direction, text, start + timedelta(minutes=i * 3))
    repeat = add_flag(jordan, "moderate", "I slipped last night and used again",
                      now - timedelta(hours=3), category="relapse")
    flag = add_flag(jordan, "high", CRISIS_TEXT, now - timedelta(minutes=8))
    alex_flag = add_flag(alex, "high", "everything is pointless lately, I keep thinking about "
                         "not being around anymore", now - timedelta(minutes=30))
    with session_scope() as s:
        s.get(Escalation, flag).level = "imminent"  # "no, I'm not safe" raised it
        for i, (direction, text) in enumerate([
                ("out", "I'm really glad you told me. Are you safe right now?"),
                ("in", "no"),
                ("out", "Please call 911 now. Would you like your care team to call you?"),
                ("in", "yes please call me")]):
            _message(s, jordan, direction, text, now - timedelta(minutes=7 - i))
        request = ContactRequest(client_id=jordan, reason=URGENT_REASON,
                                 created_at=now - timedelta(minutes=4))
        s.add(request)
        s.add(CheckIn(client_id=riley, intensity=8, substance="alcohol",
                      created_at=now - timedelta(hours=5)))
        for day, level in enumerate([3, 5, 4, 7, 6, 8, 4, 2, 5, 3]):
            s.add(CheckIn(client_id=jordan, intensity=level, substance="alcohol",
                          created_at=now - timedelta(days=day * 2, hours=3)))
        s.add(FollowUp(client_id=alex, due_at=now + timedelta(hours=20),
                       note="Check in after group", created_by="cara",
                       created_at=now - timedelta(days=1)))
        # The dispatcher is alive for the whole test (its beat is ahead of the clock).
        s.merge(Heartbeat(name=DISPATCHER, beat_at=now + timedelta(hours=2)))
        s.flush()
        request_id = request.id
    return Shift(cara, dan, sup, admin, jordan, alex, riley, flag, repeat, alex_flag,
                 request_id)

