"""Reading console requests and writing JSON answers: every bad input is a clear 4xx."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any

from aiohttp import web

from bot.gateway.validation import BadRequest, json_error, read_json_object

__all__ = ["BadRequest", "json_error", "read_json_object"]
MAX_INT = 2**31 - 1
ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def bad(field: str, message: str) -> BadRequest:
    return BadRequest(400, "invalid_" + field, message)


def not_found(what: str = "record") -> BadRequest:
    return BadRequest(404, "not_found", f"No such {what}, or it is not in your programs.")


def forbidden(message: str = "Your role cannot do this.") -> BadRequest:
    return BadRequest(403, "forbidden", message)


def text(body: dict, name: str, max_len: int, required: bool = True) -> str | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise bad(name, f'"{name}" must be a non-empty string.')
    if len(value) > max_len or "\x00" in value:
        raise bad(name, f'"{name}" can be up to {max_len} characters of text.')
    return value.strip()


def boolean(body: dict, name: str, default: bool | None = None) -> bool:
    value = body.get(name, default)
    if not isinstance(value, bool):
        raise bad(name, f'"{name}" must be true or false.')
    return value


def integer(body: dict, name: str, required: bool = True) -> int | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_INT:
        raise bad(name, f'"{name}" must be a positive whole number.')
    return value


def choice(body: dict, name: str, choices: Iterable[str]) -> str:
    options = tuple(choices)
    value = body.get(name)
    if value not in options:
        raise bad(name, f'"{name}" must be one of: {", ".join(options)}.')
    return str(value)


def string_list(body: dict, name: str, max_items: int = 50) -> list[str] | None:
    value = body.get(name)
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) > max_items
            or not all(isinstance(v, str) and 0 < len(v) <= 64 for v in value)):
        raise bad(name, f'"{name}" must be a list of short strings.')
    return list(value)


def parse_time(raw: object, name: str) -> datetime:
    """ISO 8601 with a zone (Z or +hh:mm), returned as naive UTC like the store."""
    if not isinstance(raw, str) or len(raw) > 40:
        raise bad(name, f'"{name}" must be an ISO 8601 time with a zone, like '
                        '2026-01-31T15:00:00Z.')
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as exc:
        raise bad(name, f'"{name}" is not a valid ISO 8601 time.') from exc
    if parsed.tzinfo is None:
        raise bad(name, f'"{name}" needs a zone, like Z or +00:00.')
    try:
        return parsed.astimezone(timezone.utc).replace(tzinfo=None)
    except OverflowError as exc:
        raise bad(name, f'"{name}" is out of range.') from exc


def time_field(body: dict, name: str, required: bool = True) -> datetime | None:
    if body.get(name) is None and not required:
        return None
    return parse_time(body.get(name), name)


def query_choice(request: web.Request, name: str, choices: Iterable[str]) -> str | None:
    options = tuple(choices)
    value = request.query.get(name)
    if value in (None, ""):
        return None
    if value not in options:
        raise bad(name, f'"{name}" must be one of: {", ".join(options)}.')
    return value


def query_int(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query.get(name)
    if raw in (None, ""):
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise bad(name, f'"{name}" must be a whole number from {low} to {high}.')
    return int(raw)


def query_text(request: web.Request, name: str, max_len: int = 120) -> str | None:
    value = request.query.get(name)
    if value in (None, ""):
        return None
    if len(value) > max_len or "\x00" in value:
        raise bad(name, f'"{name}" can be up to {max_len} characters.')
    return value


def path_int(request: web.Request, name: str, what: str) -> int:
    raw = request.match_info.get(name, "")
    if not raw.isdigit() or not 0 < int(raw) <= MAX_INT:
        raise not_found(what)
    return int(raw)


def path_id(request: web.Request, name: str, what: str) -> str:
    raw = request.match_info.get(name, "")
    if not ID.match(raw):
        raise not_found(what)
    return raw


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat() + "Z"
    return value.isoformat()


def plain(value: Any) -> Any:
    """Dataclasses, tuples and times as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return [plain(v) for v in sorted(value)]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime | date):
        return iso(value)
    return value


def ok(data: Any, status: int = 200) -> web.Response:
    return web.json_response(plain(data), status=status)
