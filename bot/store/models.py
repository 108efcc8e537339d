"""Tables. Times are naive UTC everywhere so SQLite and PostgreSQL behave the same."""

from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base

Base = declarative_base()


def utcnow() -> datetime:
    """Naive UTC now; the one clock the store uses."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def new_client_id() -> str:
    """Opaque client id: reveals nothing and cannot be guessed (WC-1)."""
    return "c_" + secrets.token_hex(8)


class Client(Base):
    __tablename__ = "clients"

    id = Column(String(32), primary_key=True, default=new_client_id)
    display_name = Column(String(120), nullable=False)
    phone = Column(String(20), unique=True, nullable=True)
    program = Column(String(64), nullable=False, default="iop")
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class ChatCredential(Base):
    """A web-chat bearer token; only its SHA-256 is stored."""

    __tablename__ = "chat_credentials"

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False, index=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)
    revoked_at = Column(DateTime, nullable=True)
    last_used_at = Column(DateTime, nullable=True)


class Message(Base):
    """The transcript: every inbound and outbound message on every channel."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_messages_channel_external_id"),
        Index("ix_messages_client_created", "client_id", "created_at"),
    )

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=True)
    channel = Column(String(16), nullable=False)
    direction = Column(String(3), nullable=False)  # "in" or "out"
    text = Column(Text, nullable=False)
    buttons = Column(Text, nullable=True)  # JSON list of {title, payload}
    external_id = Column(String(128), nullable=True)
    reply_to_id = Column(Integer, ForeignKey("messages.id"), nullable=True, index=True)
    status = Column(String(16), nullable=False, default="received")
    status_at = Column(DateTime, nullable=False, default=utcnow)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class CheckIn(Base):
    __tablename__ = "checkins"
    __table_args__ = (Index("ix_checkins_client_created", "client_id", "created_at"),)

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False)
    intensity = Column(Float, nullable=True)
    substance = Column(String(32), nullable=True)
    situation = Column(Text, nullable=True)
    coping = Column(Text, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class TriggerLog(Base):
    __tablename__ = "trigger_logs"
    __table_args__ = (Index("ix_trigger_logs_client_created", "client_id", "created_at"),)

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False)
    category = Column(String(32), nullable=False)
    description = Column(Text, nullable=True)
    intensity = Column(Float, nullable=True)
    response = Column(Text, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class ContactRequest(Base):
    __tablename__ = "contact_requests"

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False, index=True)
    reason = Column(Text, nullable=True)
    status = Column(String(16), nullable=False, default="open")
    created_at = Column(DateTime, nullable=False, default=utcnow)


class StaffUser(Base):
    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    role = Column(String(16), nullable=False)
    password_hash = Column(String(255), nullable=False)
    must_change_password = Column(Boolean, nullable=False, default=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
