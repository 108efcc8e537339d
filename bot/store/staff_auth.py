"""Checking a staff password, with lockout after repeated failures (PA-1).

Five wrong passwords in a row lock the account for 15 minutes; while locked even the right
password is refused, and the answer does not say which. Unknown usernames cost the same
argon2 work as known ones, so timing does not reveal who has an account. Re-entering the
password to confirm an export counts towards the same lockout. Each attempt and each lockout
is audited in the same transaction as the counter change (AU-1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store import audit
from bot.store.db import session_scope
from bot.store.models import StaffUser
from bot.store.staff import MAX_PASSWORD, _hasher, password_matches

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
_DUMMY_HASH = _hasher.hash("not a real password, only for equal timing")


@dataclass(frozen=True)
class LoginOutcome:
    status: str  # ok | bad | locked
    staff_id: int | None = None
    must_change_password: bool = False


def _check(s: Session, user: StaffUser | None, password: str, now: datetime,
           ip: str | None) -> str:
    """ok | bad | locked, counting a failure and auditing a new lockout."""
    password = (password or "")[:MAX_PASSWORD]
    if user is None or not user.active:
        password_matches(_DUMMY_HASH, password)
        return "bad"
    if user.locked_until is not None and user.locked_until > now:
        password_matches(_DUMMY_HASH, password)
        return "locked"
    if password_matches(user.password_hash, password):
        user.failed_logins, user.locked_until = 0, None
        return "ok"
    user.failed_logins = (user.failed_logins or 0) + 1
    if user.failed_logins < MAX_FAILURES:
        return "bad"
    user.failed_logins, user.locked_until = 0, now + LOCK_FOR
    audit.record(s, "lockout", actor=user.username, actor_id=user.id, outcome="denied", ip=ip,
                 target_type="staff", target_id=user.id, detail="account", now=now)
    return "locked"


def attempt_login(username: str, password: str, now: datetime,
                  ip: str | None = None) -> LoginOutcome:
    """Verify a login (slow: argon2id, so async callers run it in a thread)."""
    username = (username or "")[:64]
    with session_scope() as s:
        user = s.scalar(select(StaffUser).where(StaffUser.username == username)
                        .with_for_update())
        status = _check(s, user, password, now, ip)
        staff_id = None if user is None else int(user.id)
        if status == "ok":
            audit.record(s, "login", actor=username, actor_id=staff_id, ip=ip, now=now)
            return LoginOutcome("ok", staff_id, bool(user.must_change_password))
        audit.record(s, "login_failed", actor=username, actor_id=staff_id,
                     outcome="denied" if status == "locked" else "failed", ip=ip,
                     detail=status, now=now)
        return LoginOutcome(status, staff_id)


def confirm_password(staff_id: int, password: str, now: datetime, action: str,
                     ip: str | None = None) -> str:
    """Re-entry of the signed-in person's password before a sensitive step; ok|bad|locked.
    A refusal is audited under `action` (e.g. "export") with outcome denied."""
    with session_scope() as s:
        user = s.get(StaffUser, staff_id, with_for_update=True)
        status = _check(s, user, password, now, ip)
        if status != "ok":
            audit.record(s, action, actor=None if user is None else user.username,
                         actor_id=staff_id, outcome="denied", ip=ip,
                         detail=f"password_{status}", now=now)
        return status
