"""Apply Alembic migrations programmatically, so `python -m bot migrate` needs no alembic.ini."""

from __future__ import annotations

import os

from alembic import command
from alembic.config import Config

from bot import PROJECT_ROOT
from bot.settings import get_settings
from bot.store.db import make_engine
from bot.store.pg_roles import app_role, grant_app_role


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    # ConfigParser interpolates "%", which URL-encoded options contain.
    cfg.set_main_option("sqlalchemy.url", (url or get_settings().database_url).replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None) -> None:
    """Bring the database to the newest schema (creates the SQLite file if needed).

    Without `url`, and with MIGRATION_DATABASE_URL set on PostgreSQL, migrate as that owner
    role and grant the app's role (DATABASE_URL's user) only what it needs (bot.store.pg_roles:
    INSERT and SELECT on the audit log, AU-1).
    """
    settings = get_settings()
    owner = os.environ.get("MIGRATION_DATABASE_URL", "").strip()
    if url is None and owner and not settings.is_sqlite:
        command.upgrade(alembic_config(owner), "head")
        role = app_role(settings.database_url)
        if role and role != app_role(owner):
            tracker = (os.environ.get("POSTGRESQL_SCHEMA", "rasa_tracker")
                       if settings.tracker_database_url == settings.database_url else None)
            grant_app_role(owner, role, tracker)
        return
    url = url or settings.database_url
    make_engine(url).dispose()  # creates the var/ directory for SQLite
    command.upgrade(alembic_config(url), "head")


def revision(message: str) -> None:
    """Autogenerate a new migration against the current database (developer tool)."""
    command.revision(alembic_config(), message=message, autogenerate=True)
