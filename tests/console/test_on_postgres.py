"""The console's queries on PostgreSQL too: the queue, client, scope and CSRF tests run again
here with the store on a throwaway PostgreSQL schema (row locks with outer joins, CASE
ordering, correlated subqueries, ILIKE with an escape character and naive UTC times all
behave differently there)."""

from __future__ import annotations

import pytest
from test_clients import *  # noqa: F403
from test_csrf import *  # noqa: F403
from test_moments import *  # noqa: F403
from test_queue import *  # noqa: F403
from test_scope import *  # noqa: F403

pytestmark = pytest.mark.postgres


@pytest.fixture
def store_db(pg_db):  # type: ignore[no-untyped-def]
    """Every fixture in this module that asks for the store gets PostgreSQL."""
    return pg_db


def test_this_module_really_runs_on_postgres(app, people):
    from bot.store.db import get_engine

    assert get_engine().dialect.name == "postgresql"
