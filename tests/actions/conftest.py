"""Fixtures for action tests: the real domain, an action runner and an enrolled client.

Trackers come from `action_helpers.build_tracker` (plain dicts, as the Rasa server sends
them), so the tests exercise the code paths of `rasa run actions` without a server.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import PROJECT_ROOT

RunResult = tuple[list[dict[str, Any]], list[dict[str, Any]]]


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """domain.yml as the dict the action server receives."""
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def run(domain: dict[str, Any]) -> Callable[[Action, Tracker], Awaitable[RunResult]]:
    """Run an action; returns (events, dispatched messages)."""

    async def _run(action: Action, tracker: Tracker) -> RunResult:
        dispatcher = CollectingDispatcher()
        events = await action.run(dispatcher, tracker, domain)
        return list(events), dispatcher.messages

    return _run


@pytest.fixture
def client_id(store_db: str) -> str:
    """An enrolled client on a fresh store (rows reference clients.id)."""
    from bot.store.clients import enroll_client

    return enroll_client("Test Client").client_id
