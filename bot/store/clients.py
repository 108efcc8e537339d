"""Clients and their web-chat tokens. Tokens are random, stored hashed, expiring and revocable."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update

from bot.store import consent
from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import ChatCredential, Client, utcnow

E164 = re.compile(r"^\+[1-9]\d{7,14}$")
# The same answer whoever holds the number: naming "already enrolled" would tell a clinician
# that a stranger's phone belongs to a client of some program (AC-2).
PHONE_UNUSABLE = "that phone number can't be used; check it, or enrol without one"
CLI_CONSENT = "command line enrolment"


@dataclass(frozen=True)
class Enrolment:
    client_id: str
    chat_token: str


def hash_token(token: str) -> str:
    """SHA-256 of a token: tokens are long random strings, so no salt or slow hash is needed."""
    # surrogatepass: a header or cookie with stray bytes hashes to no match (a 401), not an
    # encoding error that looks like a database outage.
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_phone(phone: str | None) -> str | None:
    """Accept +1XXXXXXXXXX style numbers (E.164); reject anything else clearly."""
    if phone is None or not phone.strip():
        return None
    cleaned = re.sub(r"[\s().-]", "", phone.strip())
    if not E164.match(cleaned):
        raise StoreError("phone must be in E.164 form, like +15551234567")
    return cleaned


def enroll_client(name: str, phone: str | None = None, program: str = "iop",
                  token_days: int = 30, sms_consent: str | None = CLI_CONSENT) -> Enrolment:
    """Create a client and a first chat token.

    With a phone, SMS consent is recorded with its time and `sms_consent` as its source;
    `sms_consent=None` records that there was none (the number is then never texted).
    """
    name = (name or "").strip()
    if not name:
        raise StoreError("a name or alias is required")
    phone = normalise_phone(phone)
    with session_scope() as s:
        if phone and s.scalar(select(Client.id).where(Client.phone == phone)):
            raise StoreError(PHONE_UNUSABLE)
        client = Client(display_name=name[:120], phone=phone, program=program)
        s.add(client)
        s.flush()
        if phone:
            consent.record_enrolment(s, phone, sms_consent is not None, sms_consent or "",
                                     utcnow())
        client_id = str(client.id)
    return Enrolment(client_id=client_id, chat_token=issue_chat_token(client_id, token_days))


def issue_chat_token(client_id: str, days: int = 30) -> str:
    """Create a new chat token for a client; the clear token is returned once, never stored."""
    token = secrets.token_urlsafe(32)
    with session_scope() as s:
        if s.get(Client, client_id) is None:
            raise StoreError("no such client")
        s.add(
            ChatCredential(
                client_id=client_id,
                token_hash=hash_token(token),
                expires_at=utcnow() + timedelta(days=days),
            )
        )
    return token


def client_for_token(token: str) -> str | None:
    """The client id behind a live link token, or None if unknown, expired, revoked or inactive.

    Whether a link is still live, for support and tests. Never a credential: a link only
    opens a session, once (`web_sessions.exchange_link`).
    """
    if not token or len(token) > 256:
        return None
    now = utcnow()
    with session_scope() as s:
        row = s.execute(
            select(ChatCredential, Client.active)
            .join(Client, Client.id == ChatCredential.client_id)
            .where(ChatCredential.token_hash == hash_token(token))
        ).first()
        if row is None:
            return None
        cred, active = row
        if not active or cred.revoked_at is not None or cred.expires_at <= now:
            return None
        # Read-only on purpose: authenticating must not depend on a write succeeding.
        return str(cred.client_id)


def revoke_tokens(client_id: str) -> int:
    """Revoke every live token of a client, and sign out its web chat devices (a lost phone
    must not stay signed in); returns how many tokens were revoked."""
    from bot.store.web_sessions import revoke_client_sessions

    with session_scope() as s:
        result = s.execute(
            update(ChatCredential)
            .where(ChatCredential.client_id == client_id, ChatCredential.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        revoked = int(result.rowcount or 0)
    revoke_client_sessions(client_id)
    return revoked


def get_client(client_id: str) -> Client | None:
    """Load one client (detached, read-only use)."""
    with session_scope() as s:
        return s.get(Client, client_id)


def count_clients() -> int:
    with session_scope() as s:
        return int(s.scalar(select(func.count(Client.id))) or 0)
