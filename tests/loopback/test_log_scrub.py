"""AU-2: the scrubber Rasa and the action server run with drops message text from records."""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from bot.loopback.log_scrub import CURRENT_TEXT, scrub_record, withhold_user_content

CANARY = "canary-0d7e my daughter Henrietta"


def record(msg: str, args: tuple = (), exc: BaseException | None = None) -> logging.LogRecord:
    info = (type(exc), exc, exc.__traceback__) if exc else None
    return logging.LogRecord("rasa.core", logging.ERROR, __file__, 1, msg, args, info)


def formatted(rec: logging.LogRecord) -> str:
    return logging.Formatter("%(message)s").format(scrub_record(rec))


def test_au2_sql_parameters_and_exception_messages_are_withheld():
    try:
        raise IntegrityError("INSERT INTO events", {"data": CANARY}, Exception("refused"))
    except IntegrityError as exc:
        out = formatted(record("save failed: %s", (exc,), exc))
    assert "INSERT INTO events" in out and "IntegrityError" in out
    assert "canary-0d7e" not in out and "Henrietta" not in out


def test_au2_the_current_turns_text_is_withheld_anywhere():
    token = CURRENT_TEXT.set(CANARY)
    try:
        out = formatted(record("Received user message '%s' with intent", (CANARY,)))
        quoted = formatted(record('{"text": "%s"}', (CANARY,)))
    finally:
        CURRENT_TEXT.reset(token)
    assert "canary-0d7e" not in out + quoted and "Received user message" in out


def test_au2_structlog_user_content_keys_are_withheld():
    try:
        raise ValueError(CANARY)
    except ValueError as exc:
        event = withhold_user_content(None, "exception",
                                      {"event": "rest.message.received.failure",
                                       "text": CANARY, "exc_info": exc})
    assert event["text"] == "[withheld]" and event["exc_info"] is False
    assert event["error"] == "ValueError" and CANARY not in repr(event)
