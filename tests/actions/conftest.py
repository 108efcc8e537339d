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


@pytest.fixture(autouse=True)
def drafts(request, monkeypatch) -> dict[tuple[str, str], dict[str, Any]]:
    """Form drafts in memory (client, form) -> answers, unless the test uses the real store
    (`store_db`), where bot.store.form_drafts runs as in production."""
    saved: dict[tuple[str, str], dict[str, Any]] = {}
    if "store_db" in request.fixturenames:
        return saved
    from bot.store import form_drafts

    def save(client: str, form: str, answers: dict[str, Any], now: Any = None) -> None:
        kept = {k: v for k, v in answers.items() if v is not None}
        if kept:
            saved[(client, form)] = kept
        else:
            saved.pop((client, form), None)

    def latest(client: str) -> tuple[str, dict[str, Any]] | None:
        mine = [(form, answers) for (c, form), answers in saved.items() if c == client]
        return mine[-1] if mine else None

    monkeypatch.setattr(form_drafts, "save_draft", save)
    monkeypatch.setattr(form_drafts, "load_draft", lambda c, f: saved.get((c, f)))
    monkeypatch.setattr(form_drafts, "delete_draft", lambda c, f: saved.pop((c, f), None))
    monkeypatch.setattr(form_drafts, "latest_draft", latest)
    return saved
