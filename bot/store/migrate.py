"""Apply Alembic migrations programmatically, so `python -m bot migrate` needs no alembic.ini."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from bot import PROJECT_ROOT
from bot.settings import get_settings
from bot.store.db import make_engine


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    # ConfigParser interpolates "%", which URL-encoded options contain.
    cfg.set_main_option("sqlalchemy.url", (url or get_settings().database_url).replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None) -> None:
    """Bring the database to the newest schema (creates the SQLite file if needed)."""
    url = url or get_settings().database_url
    make_engine(url).dispose()  # creates the var/ directory for SQLite
    command.upgrade(alembic_config(url), "head")


def revision(message: str) -> None:
    """Autogenerate a new migration against the current database (developer tool)."""
    command.revision(alembic_config(), message=message, autogenerate=True)
