"""The Alembic migrations build exactly the schema the models describe, on both backends.

Helpers add tables in parallel; a model change without its migration would only show up as a
failure in production, so compare the migrated database with the metadata here.
"""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.store.db import get_engine
from bot.store.models import Base


def _ignorable(diff: object) -> bool:
    # SQLite cannot name or reflect some constraints the same way; types are compared loosely.
    kind = diff[0] if isinstance(diff, tuple) else None
    return kind in {"add_fk", "remove_fk"}


def test_migrated_schema_matches_models(any_db):
    with get_engine().connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False})
        diffs = [d for d in compare_metadata(ctx, Base.metadata) if not _ignorable(d)]
    assert diffs == []


def test_downgrade_then_upgrade_round_trips(store_db):
    from alembic import command

    from bot.store.migrate import alembic_config, upgrade

    command.downgrade(alembic_config(store_db), "base")
    upgrade(store_db)
    with get_engine().connect() as conn:
        ctx = MigrationContext.configure(conn)
        assert ctx.get_current_revision() is not None
