"""Staff accounts with argon2id password hashes (PA-1), roles and program assignments (AC-2).

Roles: clinician (their caseload in their programs), supervisor (their whole programs),
admin (staff and programs, no clinical records). Accounts are personal, never shared (AC-3).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import StaffProgram, StaffUser
from bot.store.programs import DEFAULT_PROGRAM, check_codes

# Usernames show up in pages, pages to staff, audit rows and CSV exports: a plain set keeps
# markup, quotes, spaces and control characters out of all of them.
USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

ROLES = ("admin", "supervisor", "clinician")
CLINICAL_ROLES = ("supervisor", "clinician")
MIN_PASSWORD = 12
MAX_PASSWORD = 1024  # argon2 copes with more; a cap keeps a login request cheap
_hasher = PasswordHasher()  # argon2id with argon2-cffi's defaults


@dataclass(frozen=True)
class StaffView:
    id: int
    username: str
    role: str
    programs: tuple[str, ...]
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    created_at: datetime


def generate_password() -> str:
    """A random one-time password for first login."""
    return secrets.token_urlsafe(12)


def check_password_rules(password: str) -> None:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise StoreError(f"password must be {MIN_PASSWORD} to {MAX_PASSWORD} characters")


def hash_password(password: str) -> str:
    """argon2id hash; slow on purpose, so async callers run it in a thread (PA-1)."""
    check_password_rules(password)
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _programs_of(s: Session, staff_id: int) -> tuple[str, ...]:
    return tuple(s.scalars(select(StaffProgram.program).where(StaffProgram.staff_id == staff_id)
                           .order_by(StaffProgram.program)))


def _view(s: Session, user: StaffUser) -> StaffView:
    return StaffView(int(user.id), user.username, user.role, _programs_of(s, user.id),
                     bool(user.active), bool(user.must_change_password), user.locked_until,
                     user.created_at)


def _set_programs(s: Session, user: StaffUser, programs: Sequence[str]) -> None:
    codes = [] if user.role == "admin" else check_codes(s, list(programs))
    s.execute(delete(StaffProgram).where(StaffProgram.staff_id == user.id))
    for code in codes:
        s.add(StaffProgram(staff_id=user.id, program=code))


def add_staff(username: str, role: str, password: str, must_change: bool = False,
              programs: Sequence[str] | None = None) -> int:
    """Create a staff account; usernames are unique and never shared (AC-3).

    Clinicians and supervisors get `programs` (default: the default program).
    """
    username = (username or "").strip()
    if not USERNAME.fullmatch(username):
        raise StoreError("username must be 1 to 64 characters: letters, digits, and . _ - "
                         "(not first)")
    if role not in ROLES:
        raise StoreError(f"role must be one of: {', '.join(ROLES)}")
    password_hash = hash_password(password)
    with session_scope() as s:
        if s.scalar(select(StaffUser.id).where(StaffUser.username == username)):
            raise StoreError(f"staff user {username!r} already exists")
        user = StaffUser(username=username, role=role, password_hash=password_hash,
                         must_change_password=must_change, failed_logins=0)
        s.add(user)
        s.flush()
        _set_programs(s, user, programs if programs is not None else [DEFAULT_PROGRAM])
        return int(user.id)


def verify_staff_password(username: str, password: str) -> bool:
    """True when the account exists, is active and the password matches."""
    with session_scope() as s:
        user = s.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None or not user.active:
            return False
        return password_matches(user.password_hash, password)


def count_staff() -> int:
    with session_scope() as s:
        return int(s.scalar(select(func.count(StaffUser.id))) or 0)


def list_staff() -> list[StaffView]:
    with session_scope() as s:
        return [_view(s, u) for u in s.scalars(select(StaffUser).order_by(StaffUser.username))]


def get_staff(staff_id: int) -> StaffView | None:
    with session_scope() as s:
        user = s.get(StaffUser, staff_id)
        return None if user is None else _view(s, user)


def clinicians_in(programs: Sequence[str]) -> list[StaffView]:
    """Active clinicians assigned to any of `programs` (for choosing a primary clinician)."""
    with session_scope() as s:
        users = s.scalars(
            select(StaffUser).join(StaffProgram, StaffProgram.staff_id == StaffUser.id)
            .where(StaffUser.role == "clinician", StaffUser.active.is_(True),
                   StaffProgram.program.in_(list(programs)))
            .distinct().order_by(StaffUser.username))
        return [_view(s, u) for u in users]


def update_staff(staff_id: int, *, role: str | None = None,
                 programs: Sequence[str] | None = None,
                 active: bool | None = None) -> tuple[StaffView, StaffView]:
    """Change role, programs or active; returns (before, after). A role change or
    deactivation signs the person out everywhere."""
    from bot.store.staff_sessions import revoke_all_in

    if role is not None and role not in ROLES:
        raise StoreError(f"role must be one of: {', '.join(ROLES)}")
    with session_scope() as s:
        user = s.get(StaffUser, staff_id, with_for_update=True)
        if user is None:
            raise StoreError("no such staff user")
        before = _view(s, user)
        if role is not None:
            user.role = role
        if active is not None:
            user.active = active
        if programs is not None or role is not None:
            _set_programs(s, user, programs if programs is not None else before.programs)
        if (role is not None and role != before.role) or active is False:
            revoke_all_in(s, staff_id)
        s.flush()
        return before, _view(s, user)


def set_password(staff_id: int, password: str, must_change: bool) -> None:
    """Store a new password hash, clear any lockout and end every session of the account."""
    from bot.store.staff_sessions import revoke_all_in

    password_hash = hash_password(password)
    with session_scope() as s:
        user = s.get(StaffUser, staff_id, with_for_update=True)
        if user is None:
            raise StoreError("no such staff user")
        user.password_hash = password_hash
        user.must_change_password = must_change
        user.failed_logins = 0
        user.locked_until = None
        revoke_all_in(s, staff_id)


def reset_password(staff_id: int) -> str:
    """An admin reset: a one-time password the person must change at next login."""
    password = generate_password()
    set_password(staff_id, password, must_change=True)
    return password


def password_hash_of(staff_id: int) -> str | None:
    with session_scope() as s:
        user = s.get(StaffUser, staff_id)
        return None if user is None or not user.active else str(user.password_hash)
