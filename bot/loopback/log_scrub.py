"""Keep message text out of Rasa's and the action server's logs (AU-2).

Rasa logs the user's text in several places (its REST channel at ERROR on any failure, and
exceptions from its tracker store quote the SQL parameters, i.e. the events' text). Those
processes are started through `bot.loopback.rasa_server` / `action_server`, which call
`install()` first:

- every log record, from any logger, is built by a record factory that withholds exception
  messages (the traceback keeps its frames and types), cuts SQLAlchemy's `[parameters: ...]`
  blocks, and replaces the text of the turn in progress (a context variable set by our input
  channel) wherever it appears;
- Rasa's structlog events pass a processor that withholds the fields Rasa itself lists as
  user content (`text`, `user_text`, `message`, slot values, ...) and exception messages.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from contextvars import ContextVar
from typing import Any

from bot.logsafe import describe, stack_only

WITHHELD = "[withheld]"
CURRENT_TEXT: ContextVar[str | None] = ContextVar("current_turn_text", default=None)
_SQL_PARAMS = re.compile(r"\[parameters: .*?\](?=\s*(\n|\(Background|$))", re.DOTALL)
_installed = False


def scrub(message: str) -> str:
    """The message without SQL parameters and without the current turn's text."""
    message = _SQL_PARAMS.sub("[parameters: withheld]", message)
    text = CURRENT_TEXT.get()
    if text and len(text) >= 3:
        for form in {text, repr(text)[1:-1], json.dumps(text)[1:-1]}:
            message = message.replace(form, WITHHELD)
    return message


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """Rewrite a record in place: formatted message scrubbed, exception by type only."""
    try:
        message = record.getMessage()
    except Exception:  # a malformed format string: keep only its template
        message = str(record.msg)
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = stack_only(record.exc_info[1])
        record.exc_info = None
    elif record.exc_text:
        record.exc_text = scrub(record.exc_text)
    record.msg, record.args = scrub(message), ()
    return record


# Rasa's own list of structlog keys that carry user content (rasa.utils.log_utils), plus a
# few it leaves out.
USER_CONTENT_KEYS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text",
    "parse_data_entities", "prediction_events", "tracker_latest_message", "prefilled_slots",
    "message", "response", "slot_candidates", "rasa_event", "rasa_events", "tracker_states",
    "current_states", "old_states", "successes", "current_entity", "next_entity", "states",
    "entity", "token_text", "user_message", "json_message", "event_info_text", "metadata",
    "value", "slots", "tracker", "events", "entities", "utterance",
})


def withhold_user_content(_logger: Any, method: str, event_dict: dict) -> dict:
    """A structlog processor: user content and exception messages never reach the output."""
    for key in USER_CONTENT_KEYS & event_dict.keys():
        event_dict[key] = WITHHELD
    exc_info = event_dict.get("exc_info")
    if method == "exception" or exc_info:
        exc = exc_info if isinstance(exc_info, BaseException) else sys.exc_info()[1]
        if isinstance(exc_info, tuple) and len(exc_info) == 3:
            exc = exc_info[1]
        if exc is not None:
            event_dict["error"] = describe(exc)
        event_dict["exc_info"] = False
    for key, value in list(event_dict.items()):
        if isinstance(value, str):
            event_dict[key] = scrub(value)
    return event_dict


def install() -> None:
    """Scrub every record this process logs; idempotent."""
    global _installed
    if _installed:
        return
    _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return scrub_record(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    try:
        from rasa.utils import log_utils
    except ImportError:  # the action server has no Rasa
        return
    # configure_structlog() looks `_anonymizer` up when it runs, so this puts our processor
    # first in Rasa's chain.
    log_utils._anonymizer = withhold_user_content  # type: ignore[assignment]
