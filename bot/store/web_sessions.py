"""Web chat sessions: a one-time chat link is traded for a server-side session (WC-1).

The cookie holds a random session id; only its SHA-256 is stored, so a copy of the database
cannot be replayed as a cookie. A session ends at its absolute expiry, after an idle gap, when
the person chooses "forget this device", or when staff revoke the client's links.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update

from bot.logsafe import log_failure
from bot.store.clients import hash_token
from bot.store.db import session_scope
from bot.store.models import ChatCredential, Client, WebSession, utcnow

log = logging.getLogger(__name__)

MAX_SECRET_CHARS = 256
# Refreshing last_seen_at on every request would make each read a write; minutes are enough
# precision for an idle timeout measured in days.
TOUCH_EVERY = timedelta(minutes=5)
# Expired and revoked rows are kept this long (for support questions), then purged.
KEEP_ENDED = timedelta(days=7)


@dataclass(frozen=True)
class NewSession:
    session_id: str  # the cookie value: returned once, never stored
    client_id: str
    expires_at: datetime


def _usable(secret: str) -> bool:
    return bool(secret) and len(secret) <= MAX_SECRET_CHARS


def exchange_link(token: str, lifetime: timedelta, replaces: str | None = None
                  ) -> NewSession | None:
    """Consume a live chat-link token and open a session for its client, in one transaction.

    Returns None for an unknown, used, expired or revoked token, or an inactive client. Two
    concurrent exchanges of one token open at most one session: the conditional UPDATE lets
    only one of them consume it. `replaces` (this device's previous session) is revoked, so a
    link opened on a shared device never leaves the earlier person signed in.
    """
    if not _usable(token):
        return None
    now = utcnow()
    with session_scope() as s:
        row = s.execute(
            select(ChatCredential.id, ChatCredential.client_id)
            .join(Client, Client.id == ChatCredential.client_id)
            .where(ChatCredential.token_hash == hash_token(token),
                   ChatCredential.revoked_at.is_(None),
                   ChatCredential.expires_at > now,
                   Client.active.is_(True))
        ).first()
        if row is None:
            return None
        consumed = s.execute(
            update(ChatCredential)
            .where(ChatCredential.id == row.id, ChatCredential.revoked_at.is_(None))
            .values(revoked_at=now, last_used_at=now)
        )
        if consumed.rowcount != 1:
            return None
        if replaces and _usable(replaces):
            _revoke(s, WebSession.id_hash == hash_token(replaces), now)
        session_id = secrets.token_urlsafe(32)
        s.add(WebSession(id_hash=hash_token(session_id), client_id=row.client_id,
                         created_at=now, last_seen_at=now, expires_at=now + lifetime))
        s.execute(delete(WebSession).where(
            or_(WebSession.expires_at < now - KEEP_ENDED,
                WebSession.revoked_at < now - KEEP_ENDED)))
    return NewSession(session_id, str(row.client_id), now + lifetime)


def client_for_session(session_id: str, idle: timedelta) -> str | None:
    """The client behind a live session, or None if unknown, ended, idle too long or inactive."""
    if not _usable(session_id):
        return None
    now = utcnow()
    id_hash = hash_token(session_id)
    with session_scope() as s:
        row = s.execute(
            select(WebSession, Client.active)
            .join(Client, Client.id == WebSession.client_id)
            .where(WebSession.id_hash == id_hash)
        ).first()
    if row is None:
        return None
    ws, active = row
    if (not active or ws.revoked_at is not None or ws.expires_at <= now
            or ws.last_seen_at <= now - idle):
        return None
    if ws.last_seen_at < now - TOUCH_EVERY:
        _touch(id_hash, now)
    return str(ws.client_id)


def _touch(id_hash: str, now: datetime) -> None:
    """Best effort: signing in must not depend on this write succeeding."""
    try:
        with session_scope() as s:
            s.execute(update(WebSession).where(WebSession.id_hash == id_hash)
                      .values(last_seen_at=now))
    except Exception as exc:
        log_failure(log, "web session touch failed", exc, level=logging.WARNING)


def _revoke(s, condition, now: datetime) -> int:  # type: ignore[no-untyped-def]
    result = s.execute(update(WebSession).where(condition, WebSession.revoked_at.is_(None))
                       .values(revoked_at=now))
    return int(result.rowcount or 0)


def revoke_session(session_id: str) -> bool:
    """End one session on the server ("forget this device"); True if it was live."""
    if not _usable(session_id):
        return False
    with session_scope() as s:
        return _revoke(s, WebSession.id_hash == hash_token(session_id), utcnow()) == 1


def revoke_client_sessions(client_id: str) -> int:
    """End every session of a client (a lost phone, or staff replacing the links)."""
    with session_scope() as s:
        return _revoke(s, WebSession.client_id == client_id, utcnow())
