"""Engine and sessions: one engine per process, SQLite hardened for durability.

SQLite runs in WAL mode with `synchronous=FULL` so a committed escalation survives a crash;
PostgreSQL is used as-is when DATABASE_URL says so. Every engine hides bound parameters in its
errors: they are the person's own words, and errors end up in logs (AU-2).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.settings import get_settings

_lock = threading.Lock()
_engine: Engine | None = None
_session_factory: sessionmaker | None = None


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str) -> Engine:
    """Create an engine for `url`, creating the SQLite directory and pragmas when needed."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # SQLAlchemy 1.4 gives file SQLite a NullPool: a new connection (and its PRAGMAs) per
        # session, and a WAL checkpoint whenever the last one closes. Profiling the gateway
        # showed a third of its database time there, so keep connections open.
        pooled = {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 10}
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10},
                               hide_parameters=True,
                               **(pooled if parsed.database not in (None, "", ":memory:") else {}))
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10,
                         hide_parameters=True)


def get_engine() -> Engine:
    """The process-wide engine for settings.database_url."""
    global _engine, _session_factory
    with _lock:
        if _engine is None:
            _engine = make_engine(get_settings().database_url)
            _session_factory = sessionmaker(bind=_engine, future=True, expire_on_commit=False)
        return _engine


def reset_engine() -> None:
    """Forget the engine (tests that switch DATABASE_URL call this after clearing settings)."""
    global _engine, _session_factory
    with _lock:
        if _engine is not None:
            _engine.dispose()
        _engine = None
        _session_factory = None
    get_settings.cache_clear()


@contextmanager
def session_scope() -> Iterator[Session]:
    """A transaction: commit on success, roll back and re-raise on any error."""
    get_engine()
    assert _session_factory is not None  # noqa: S101 (type narrowing, not a check)
    session: Session = _session_factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def create_all() -> None:
    """Create tables directly (tests); real databases use `python -m bot migrate`."""
    from bot.store.models import Base

    Base.metadata.create_all(get_engine())
