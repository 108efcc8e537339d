"""Staff console sessions, held on the server (AC-5).

The cookie carries a random id; only its SHA-256 is stored, with the SHA-256 of the session's
CSRF token (CS-1). A session ends at its absolute expiry, after an idle gap, at logout, or
when the account is deactivated, changes role or gets a new password. Every function takes
`now`, so tests drive the timeouts with an injected clock.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from bot.store.clients import hash_token
from bot.store.db import session_scope
from bot.store.models import StaffProgram, StaffSession, StaffUser, utcnow

MAX_ID_CHARS = 256
# Activity is recorded at most this often: idle timeouts are minutes, so seconds of slack are
# harmless, and most requests then need no write.
TOUCH_EVERY = timedelta(seconds=20)
# Ended rows are kept a day (for "you were signed out" answers), then purged at login.
KEEP_ENDED = timedelta(days=1)


@dataclass(frozen=True)
class NewSession:
    session_id: str  # the cookie value; returned once, never stored
    csrf_token: str  # for the page; only its hash is stored
    expires_at: datetime


@dataclass(frozen=True)
class StaffContext:
    """Who is asking: what every console handler and access check works from."""

    staff_id: int
    username: str
    role: str
    programs: frozenset[str]
    must_change_password: bool
    csrf_hash: str
    session_hash: str
    issued_by: str | None = None  # opened with a first-login link this admin issued

    @property
    def via_link(self) -> str | None:
        """For audit rows: which admin's link opened this session, if one did."""
        return f"first-login link issued by {self.issued_by}" if self.issued_by else None

    def csrf_ok(self, token: str | None) -> bool:
        return bool(token) and len(token or "") <= MAX_ID_CHARS and hmac.compare_digest(
            hash_token(token or ""), self.csrf_hash)


def csrf_for(session_id: str) -> str:
    """The session's CSRF token, derived from the cookie value: a page can ask for it again
    after a reload, and nobody without the cookie can compute it (CS-1)."""
    return hash_token("csrf:" + session_id)


def open_session(staff_id: int, now: datetime, lifetime: timedelta,
                 replaces: str | None = None, issued_by: str | None = None) -> NewSession:
    """A brand-new session id at every login; the browser's previous one is ended."""
    session_id = secrets.token_urlsafe(32)
    csrf = csrf_for(session_id)
    with session_scope() as s:
        if replaces and len(replaces) <= MAX_ID_CHARS:
            _revoke(s, StaffSession.id_hash == hash_token(replaces), now)
        s.add(StaffSession(id_hash=hash_token(session_id), staff_id=staff_id,
                           csrf_hash=hash_token(csrf), created_at=now, last_seen_at=now,
                           expires_at=now + lifetime, issued_by=issued_by))
        s.execute(delete(StaffSession).where(or_(StaffSession.expires_at < now - KEEP_ENDED,
                                                 StaffSession.revoked_at < now - KEEP_ENDED)))
    return NewSession(session_id, csrf, now + lifetime)


def load_session(session_id: str | None, now: datetime, idle: timedelta,
                 touch: bool = True) -> StaffContext | None:
    """The live session behind a cookie, or None if unknown, ended, idle or deactivated.

    `touch` records activity; background polling passes False so an unattended screen still
    signs out after the idle timeout.
    """
    if not session_id or len(session_id) > MAX_ID_CHARS:
        return None
    id_hash = hash_token(session_id)
    with session_scope() as s:
        row = s.execute(
            select(StaffSession, StaffUser)
            .join(StaffUser, StaffUser.id == StaffSession.staff_id)
            .where(StaffSession.id_hash == id_hash)
        ).first()
        if row is None:
            return None
        sess, user = row
        if (sess.revoked_at is not None or sess.expires_at <= now or not user.active
                or sess.last_seen_at <= now - idle):
            return None
        if touch and sess.last_seen_at < now - TOUCH_EVERY:
            sess.last_seen_at = now
        programs = frozenset(s.scalars(select(StaffProgram.program)
                                       .where(StaffProgram.staff_id == user.id)))
        return StaffContext(int(user.id), user.username, user.role, programs,
                            bool(user.must_change_password), sess.csrf_hash, id_hash,
                            sess.issued_by)


def _revoke(s: Session, condition, now: datetime) -> int:  # type: ignore[no-untyped-def]
    result = s.execute(update(StaffSession).where(condition, StaffSession.revoked_at.is_(None))
                       .values(revoked_at=now))
    return int(result.rowcount or 0)


def revoke(session_hash: str, now: datetime) -> bool:
    """Logout: the session is dead on the server, whatever the browser keeps."""
    with session_scope() as s:
        return _revoke(s, StaffSession.id_hash == session_hash, now) == 1


def revoke_all_in(s: Session, staff_id: int, now: datetime | None = None) -> int:
    """End every session of an account inside the caller's transaction."""
    return _revoke(s, StaffSession.staff_id == staff_id, now or utcnow())
