"""AU-2 with real database errors: SQLAlchemy's errors quote their bound parameters, which are
the person's words. The store is broken for real (a renamed table, an engine error), the
failures are logged, and the canary is in no log line and no traceback."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from webchat_helpers import auth

from bot.store import messages
from bot.store.db import get_engine, session_scope

URL = "/api/chat/messages"
CANARY = "canary-5b21 my sponsor Philippa"


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    fmt = logging.Formatter("%(message)s")
    return "\n".join(fmt.format(r) for r in caplog.records)


def test_au2_engine_errors_carry_no_parameters(store_db):
    with pytest.raises(OperationalError) as caught, session_scope() as s:
        s.execute(text("INSERT INTO no_such_table (x) VALUES (:x)"), {"x": CANARY})
    assert "no_such_table" in str(caught.value)  # a real error, with its SQL...
    assert "canary-5b21" not in str(caught.value)  # ...but not the values


async def test_au2_intake_failure_logs_no_text(gateway, enrolled, caplog):
    caplog.set_level(logging.DEBUG)
    headers = auth(enrolled.chat_token)
    with get_engine().begin() as conn:  # every insert into the transcript now fails
        conn.execute(text("ALTER TABLE messages RENAME TO messages_gone"))
    resp = await gateway.post(URL, json={"text": CANARY}, headers=headers)
    assert resp.status == 503 and (await resp.json())["error"] == "store_unavailable"
    logged = everything_logged(caplog)
    assert "intake store failed" in logged and "OperationalError" in logged
    assert "canary-5b21" not in logged and "Philippa" not in logged


async def test_au2_reply_storage_failure_logs_no_text(gateway, enrolled, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)

    def failing(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        with session_scope() as s:  # a real OperationalError quoting the reply's text
            s.execute(text("INSERT INTO missing_replies (t) VALUES (:t)"), {"t": CANARY})

    monkeypatch.setattr(messages, "record_replies", failing)
    resp = await gateway.post(URL, json={"text": CANARY}, headers=auth(enrolled.chat_token))
    assert resp.status == 503
    logged = everything_logged(caplog)
    assert "storing replies failed" in logged
    assert "canary-5b21" not in logged


async def test_au2_unhandled_error_logs_no_text(gateway, enrolled, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)

    async def boom(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("INSERT INTO messages", {"text": CANARY}, Exception(CANARY))

    monkeypatch.setattr("bot.gateway.respond.run_turn", boom)
    resp = await gateway.post(URL, json={"text": CANARY}, headers=auth(enrolled.chat_token))
    assert resp.status == 500
    body = await resp.json()
    logged = everything_logged(caplog)
    assert f"error_id={body['error_id']}" in logged
    assert "canary-5b21" not in logged and "/api/chat/messages" in logged
