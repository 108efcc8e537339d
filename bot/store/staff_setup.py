"""First-login links for staff accounts (AC-3): an admin never holds a usable password.

Creating or resetting an account sets a random password nobody sees and issues a one-time
link for the account holder (only its SHA-256 is stored, valid 72 hours). The holder opens
it, gets a session that can do nothing but choose a password, and every audit row of that
session names the admin who issued the link, so an admin who used it themselves is on
record. The holder is told on their recorded phone when a link is issued and when it is
used, so a link they never asked for does not go unnoticed.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.store.clients import hash_token, normalise_phone
from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import Notification, StaffUser
from bot.store.staff import generate_password, hash_password

LINK_LIFETIME = timedelta(hours=72)
ISSUED = ("Recovery Companion: a sign-in link for your staff account was issued by {admin}. "
          "If you did not ask for one, tell your supervisor.")
USED = ("Recovery Companion: your staff account's sign-in link (issued by {admin}) was just "
        "used to set a new password. If this was not you, call your supervisor now.")


def sms_configured() -> bool:
    from bot.channels.sms_api import SmsConfig

    return SmsConfig.from_env() is not None


def tell_holder(s: Session, user: StaffUser, text: str, key: str) -> bool:
    """Queue a text to the holder's recorded phone (no health details, TS-2)."""
    if not user.contact_phone or not sms_configured():
        return False
    s.add(Notification(kind="sms", target=user.contact_phone, body=text,
                       dedup_key=f"staff{user.id}:{key}"[:128]))
    return True


def issue_link(staff_id: int, issued_by: str, now: datetime,
               contact_phone: str | None = None) -> str:
    """A new one-time link for this account (any older one stops working); its password is
    replaced by one nobody knows and every session ends. Returns the token."""
    from bot.store.staff_sessions import revoke_all_in

    phone = normalise_phone(contact_phone) if contact_phone else None
    token = secrets.token_urlsafe(32)
    unusable = hash_password(generate_password() + generate_password())
    with session_scope() as s:
        user = s.get(StaffUser, staff_id, with_for_update=True)
        if user is None:
            raise StoreError("no such staff user")
        if phone:
            user.contact_phone = phone
        user.password_hash, user.must_change_password = unusable, True
        user.failed_logins, user.locked_until = 0, None
        user.setup_token_hash = hash_token(token)
        user.setup_expires_at = now + LINK_LIFETIME
        user.setup_issued_by = issued_by[:64]
        revoke_all_in(s, staff_id, now)
        tell_holder(s, user, ISSUED.format(admin=issued_by), f"link:{user.setup_token_hash}")
    return token


def redeem(token: str, now: datetime) -> tuple[int, str] | None:
    """Consume a link: (staff id, the admin who issued it), or None if unknown, used,
    expired or the account is inactive. A conditional UPDATE, so a link opens one session."""
    if not token or len(token) > 256:
        return None
    token_hash = hash_token(token)
    with session_scope() as s:
        user = s.query(StaffUser).filter(StaffUser.setup_token_hash == token_hash).first()
        if user is None or not user.active or user.setup_expires_at is None \
                or user.setup_expires_at <= now:
            return None
        issued_by = user.setup_issued_by or "unknown"
        taken = s.execute(update(StaffUser).where(StaffUser.id == user.id,
                                                  StaffUser.setup_token_hash == token_hash)
                          .values(setup_token_hash=None, setup_expires_at=None)
                          .execution_options(synchronize_session=False)).rowcount
        return (int(user.id), issued_by) if taken == 1 else None


def tell_link_used(staff_id: int, issued_by: str, now: datetime) -> bool:
    with session_scope() as s:
        user = s.get(StaffUser, staff_id)
        return user is not None and tell_holder(s, user, USED.format(admin=issued_by),
                                                f"used:{now.isoformat()}")
