"""Request validation for the chat API: every bad input becomes a clear 4xx, never a 500."""

from __future__ import annotations

import json
import re

from aiohttp import web

MAX_TEXT_CHARS = 2000
MAX_ID_CHARS = 128
MAX_DEPTH = 16  # no request of ours nests deeper than 3
TOKEN_CHARS = re.compile(r"^[\x21-\x7e]{1,512}$")  # printable ASCII: every token we issue


def json_error(status: int, code: str, message: str) -> web.Response:
    """A JSON error body that clients and tests can rely on."""
    return web.json_response({"error": code, "message": message}, status=status)


class BadRequest(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.response = json_error(status, code, message)


async def read_json_object(request: web.Request) -> dict:
    """The request body as a JSON object, or a clear 4xx (415, 413, 400)."""
    if request.content_type != "application/json":
        raise BadRequest(415, "unsupported_media_type",
                         "Send JSON with Content-Type: application/json.")
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge as exc:
        raise BadRequest(413, "body_too_large", "The request body is too large.") from exc
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadRequest(400, "invalid_encoding", "The body must be UTF-8 text.") from exc
    except (ValueError, RecursionError) as exc:
        raise BadRequest(400, "invalid_json", "The body is not valid JSON.") from exc
    if not isinstance(body, dict):
        raise BadRequest(400, "invalid_body", "The body must be a JSON object.")
    check_shape(body)
    return body


def check_shape(body: object) -> None:
    """At most MAX_DEPTH levels, and every string (keys too) encodable as UTF-8: JSON's
    "\\ud800" escape yields a lone surrogate that no database or hash accepts."""
    pending: list[tuple[object, int]] = [(body, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise BadRequest(400, "too_deep", "The body is nested too deeply.")
        if isinstance(value, dict):
            pending.extend((k, depth) for k in value)
            pending.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            pending.extend((v, depth + 1) for v in value)
        elif isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise BadRequest(400, "invalid_text",
                                 "The body holds text that is not valid Unicode.") from exc


async def read_chat_message(request: web.Request) -> tuple[str, str | None]:
    """Parse and check `{"text": ..., "id": ...}`; identity fields in the body are ignored."""
    body = await read_json_object(request)
    text = body.get("text")
    if not isinstance(text, str):
        raise BadRequest(400, "missing_text", "Include the message as a string in \"text\".")
    text = text.strip()
    if not text:
        raise BadRequest(400, "empty_text", "The message is empty.")
    if len(text) > MAX_TEXT_CHARS:
        raise BadRequest(400, "text_too_long",
                         f"Messages can be up to {MAX_TEXT_CHARS} characters.")
    if "\x00" in text:
        raise BadRequest(400, "invalid_text", "The message contains a NUL character.")
    msg_id = body.get("id")
    if msg_id is not None:
        if not isinstance(msg_id, str | int) or isinstance(msg_id, bool):
            raise BadRequest(400, "invalid_id", "\"id\" must be a string.")
        msg_id = str(msg_id).strip()
        if not msg_id or len(msg_id) > MAX_ID_CHARS:
            raise BadRequest(400, "invalid_id", f"\"id\" must be 1 to {MAX_ID_CHARS} characters.")
    return text, msg_id


def bearer_token(request: web.Request) -> str | None:
    """The token from `Authorization: Bearer <token>`, or None."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    if not TOKEN_CHARS.match(token.strip()):
        raise BadRequest(401, "unauthorized", "Your chat link is missing, expired or revoked.")
    return token.strip()
