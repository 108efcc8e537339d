"""Checking a staff password, with lockout after repeated failures (PA-1).

Five wrong passwords in a row lock the account for 15 minutes; while locked even the right
password is refused, and the answer does not say which. Unknown usernames cost the same
argon2 work as known ones, so timing does not reveal who has an account. Re-entering the
password to confirm an export counts towards the same lockout.

Each attempt is counted BEFORE the slow argon2 check, in its own short transaction, and
settled after it: concurrent tries against one account (on SQLite there are no row locks)
are all counted, and no transaction stays open while a hash runs. Each attempt and each
lockout is audited in the same transaction as the settling counter change (AU-1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
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


@dataclass(frozen=True)
class _Counted:
    staff_id: int | None
    username: str | None
    password_hash: str | None  # None: unknown, inactive or locked (checked against a dummy)
    locked: bool


def _count(user: StaffUser | None, now: datetime) -> _Counted:
    """Count the attempt (inside the caller's transaction) before anything is verified."""
    if user is None or not user.active:
        return _Counted(None if user is None else int(user.id), None, None, False)
    if user.locked_until is not None and user.locked_until > now:
        return _Counted(int(user.id), user.username, None, True)
    # In SQL, not Python: concurrent attempts (no row locks on SQLite) must not overwrite
    # each other's count.
    user.failed_logins = func.coalesce(StaffUser.failed_logins, 0) + 1
    return _Counted(int(user.id), user.username, str(user.password_hash), False)


def _verify(counted: _Counted, password: str) -> str:
    """ok | bad | locked; the slow part, outside any transaction."""
    password = (password or "")[:MAX_PASSWORD]
    if counted.password_hash is None:
        password_matches(_DUMMY_HASH, password)
        return "locked" if counted.locked else "bad"
    return "ok" if password_matches(counted.password_hash, password) else "bad"


def _settle(s: Session, counted: _Counted, status: str, now: datetime,
            ip: str | None) -> tuple[str, StaffUser | None]:
    """Clear the count on success, lock on the fifth failure (audited)."""
    if counted.staff_id is None or counted.password_hash is None:
        return status, None
    user = s.get(StaffUser, counted.staff_id, with_for_update=True)
    if user is None:
        return "bad", None
    if status == "ok":
        user.failed_logins, user.locked_until = 0, None
        return "ok", user
    # One conditional UPDATE: of several attempts settling at once, exactly one locks.
    locked = s.execute(update(StaffUser).where(StaffUser.id == user.id,
                                               StaffUser.failed_logins >= MAX_FAILURES)
                       .values(failed_logins=0, locked_until=now + LOCK_FOR)
                       .execution_options(synchronize_session=False)).rowcount
    if not locked:
        return "bad", user
    audit.record(s, "lockout", actor=user.username, actor_id=user.id, outcome="denied", ip=ip,
                 target_type="staff", target_id=user.id, detail="account", now=now)
    return "locked", user


def attempt_login(username: str, password: str, now: datetime,
                  ip: str | None = None) -> LoginOutcome:
    """Verify a login (slow: argon2id, so async callers run it in the hash executor)."""
    username = (username or "")[:64]
    with session_scope() as s:
        counted = _count(s.scalar(select(StaffUser).where(StaffUser.username == username)
                                  .with_for_update()), now)
    status = _verify(counted, password)
    with session_scope() as s:
        status, user = _settle(s, counted, status, now, ip)
        if status == "ok" and user is not None:
            audit.record(s, "login", actor=username, actor_id=counted.staff_id, ip=ip, now=now)
            return LoginOutcome("ok", counted.staff_id, bool(user.must_change_password))
        audit.record(s, "login_failed", actor=username, actor_id=counted.staff_id,
                     outcome="denied" if status == "locked" else "failed", ip=ip,
                     detail=status, now=now)
        return LoginOutcome(status, counted.staff_id)


def confirm_password(staff_id: int, password: str, now: datetime, action: str,
                     ip: str | None = None) -> str:
    """Re-entry of the signed-in person's password before a sensitive step; ok|bad|locked.
    A refusal is audited under `action` (e.g. "export") with outcome denied."""
    with session_scope() as s:
        counted = _count(s.get(StaffUser, staff_id, with_for_update=True), now)
    status = _verify(counted, password)
    with session_scope() as s:
        status, _user = _settle(s, counted, status, now, ip)
        if status != "ok":
            audit.record(s, action, actor=counted.username, actor_id=staff_id,
                         outcome="denied", ip=ip, detail=f"password_{status}", now=now)
        return status
