"""Shared fixtures: a fresh store on SQLite (default) or on the running PostgreSQL."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from pgtools import PG_ADMIN_URL  # noqa: E402
from sqlalchemy import text

from bot.store import db


def _point_store_at(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    db.reset_engine()


@pytest.fixture
def store_db(tmp_path, monkeypatch) -> Iterator[str]:
    """bot.store on a new SQLite file with the migrated schema."""
    from bot.store.migrate import upgrade

    url = f"sqlite:///{tmp_path / 'test.db'}"
    _point_store_at(monkeypatch, url)
    upgrade(url)
    yield url
    db.reset_engine()


def make_pg_schema() -> tuple[str, str]:
    """Create a throwaway schema on the test PostgreSQL; returns (schema, url using it)."""
    schema = "t_" + secrets.token_hex(6)
    engine = db.make_engine(PG_ADMIN_URL)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return schema, f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"


def drop_pg_schema(schema: str) -> None:
    engine = db.make_engine(PG_ADMIN_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture
def pg_db(monkeypatch) -> Iterator[str]:
    """bot.store on a throwaway schema of the running PostgreSQL (CI starts it; never skipped)."""
    from bot.store.migrate import upgrade

    schema, url = make_pg_schema()
    _point_store_at(monkeypatch, url)
    upgrade(url)
    yield url
    db.reset_engine()
    drop_pg_schema(schema)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request) -> str:
    """Run a store test on both backends."""
    return request.getfixturevalue("store_db" if request.param == "sqlite" else "pg_db")


@pytest.fixture(scope="session")
def pg_schemas():
    """make/drop throwaway PostgreSQL schemas, for fixtures wider than one test."""
    return make_pg_schema, drop_pg_schema
