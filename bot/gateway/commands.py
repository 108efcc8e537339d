"""Typed text never drives Rasa's intent parser directly.

Rasa reads a message that starts with "/" as `/intent{"slot": "value"}`: the intent and the
entities are taken as given, skipping NLU. Quick-reply buttons use that on purpose, but a
person could type it to force any intent or fill any slot (a check-in score, a contact
request). So text starting with "/" reaches Rasa only when it is exactly a payload we just
offered; anything else has its leading slashes removed and is understood as words.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import select

from bot.store.db import session_scope
from bot.store.models import Message

PREFIX = "/"


def as_user_text(text: str, offered: Iterable[str] = ()) -> str:
    """`text` as Rasa should see it: a payload we offered, or plain words."""
    if text in set(offered):
        return text
    cleaned = text.lstrip()
    while cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX):].lstrip()
    return cleaned or "?"


def offered_payloads(client_id: str) -> list[str]:
    """The button payloads of the latest message sent to this client (the page shows only
    those quick replies)."""
    with session_scope() as s:
        raw = s.scalar(select(Message.buttons)
                       .where(Message.client_id == client_id, Message.direction == "out")
                       .order_by(Message.id.desc()).limit(1))
    buttons = json.loads(raw) if raw else []
    return [str(b.get("payload", "")) for b in buttons if isinstance(b, dict)]


def dialogue_text(client_id: str, text: str) -> str:
    """What a web chat message says to Rasa (blocking: run it in a thread)."""
    if not text.lstrip().startswith(PREFIX):
        return text
    return as_user_text(text, offered_payloads(client_id))
