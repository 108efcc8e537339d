"""Shared fixtures: a fresh store on SQLite (default) or on the running PostgreSQL."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

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


CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; .ci/run installs it


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator:
    """The whole stack on SQLite with the trained model (browser journeys share this one)."""
    from bot.stack import running_stack
    from bot.training import MODEL_PATH

    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Headless Debian Chromium driven by Playwright (its own browser download fails here)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), "install Debian's chromium: apt-get install -y chromium"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM),
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()
