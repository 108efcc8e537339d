"""Staff accounts with argon2id password hashes (PA-1)."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import StaffUser

ROLES = ("admin", "supervisor", "clinician")
MIN_PASSWORD = 12
_hasher = PasswordHasher()  # argon2id with argon2-cffi's defaults


def generate_password() -> str:
    """A random one-time password for first login."""
    return secrets.token_urlsafe(12)


def add_staff(username: str, role: str, password: str, must_change: bool = False) -> int:
    """Create a staff account; usernames are unique and never shared (AC-3)."""
    username = (username or "").strip()
    if not username or len(username) > 64:
        raise StoreError("username must be 1 to 64 characters")
    if role not in ROLES:
        raise StoreError(f"role must be one of: {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"password must be at least {MIN_PASSWORD} characters")
    with session_scope() as s:
        if s.scalar(select(StaffUser.id).where(StaffUser.username == username)):
            raise StoreError(f"staff user {username!r} already exists")
        user = StaffUser(
            username=username,
            role=role,
            password_hash=_hasher.hash(password),
            must_change_password=must_change,
        )
        s.add(user)
        s.flush()
        return int(user.id)


def verify_staff_password(username: str, password: str) -> bool:
    """True when the account exists, is active and the password matches."""
    with session_scope() as s:
        user = s.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None or not user.active:
            return False
        try:
            return _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def count_staff() -> int:
    with session_scope() as s:
        return int(s.scalar(select(func.count(StaffUser.id))) or 0)
