"""Logging a failure without health data (AU-2): an error id and the exception's type only.

Exception messages are where PHI leaks: SQLAlchemy's errors quote the bound parameters (the
client's own words, a phone number), a driver error may quote a row. So a failure is logged
as `<what> error_id=<hex> error=<Type>` plus the call stack (file, line, function: code, not
data) and the types of chained causes, never their messages. The error id goes back to the
person or the API caller, so support can find the line.
"""

from __future__ import annotations

import logging
import secrets
import traceback
from types import TracebackType

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def error_id() -> str:
    return secrets.token_hex(4)


def _type_name(exc: BaseException) -> str:
    kind = type(exc)
    module = kind.__module__
    return kind.__qualname__ if module in ("builtins", "__main__") else \
        f"{module}.{kind.__qualname__}"


def describe(exc: BaseException) -> str:
    """`Type <- CauseType <- ...`: the exception chain by type only."""
    names, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(names) < 8:
        seen.add(id(current))
        names.append(_type_name(current))
        current = current.__cause__ or current.__context__
    return " <- ".join(names)


def stack_only(exc: BaseException) -> str:
    """The traceback's frames (file, line, function; not the source lines, which can quote
    literals) and the exception types, no messages."""
    frames = "".join(f'  File "{f.filename}", line {f.lineno}, in {f.name}\n'
                     for f in traceback.extract_tb(exc.__traceback__))
    return f"Traceback (message withheld, AU-2):\n{frames}{describe(exc)}"


def log_failure(logger: logging.Logger, what: str, exc: BaseException | None = None,
                level: int = logging.ERROR, ref: str | None = None, **ids: object) -> str:
    """Log one failure as ids and a type; returns the error id (pass `ref` to reuse one).

    `ids` must be identifiers (message_id=, channel=, path=), never text or names.
    """
    ref = ref or error_id()
    fields = " ".join(f"{k}={v}" for k, v in ids.items())
    kind = describe(exc) if exc is not None else "-"
    logger.log(level, "%s error_id=%s error=%s%s", what, ref, kind,
               f" {fields}" if fields else "")
    if exc is not None and logger.isEnabledFor(logging.DEBUG):
        logger.debug("%s error_id=%s\n%s", what, ref, stack_only(exc))
    return ref
