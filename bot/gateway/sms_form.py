"""Read and verify a signed SMS provider request (TW-1), before anything is written.

The signature covers the URL the provider called and every form field, so it is checked
against the CONFIGURED public URL (behind a proxy, request.url is not what was signed) with
the twilio package's RequestValidator. Anything unverifiable is a 403.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from aiohttp import web
from multidict import MultiDict
from twilio.request_validator import RequestValidator

from bot.gateway.validation import BadRequest

SIGNATURE_HEADER = "X-Twilio-Signature"
FORM_TYPE = "application/x-www-form-urlencoded"
# A 1,600-character text of emoji is ~19 KB form-encoded; the app-wide cap is for web chat.
MAX_FORM_BYTES = 64 * 1024


def forbidden() -> BadRequest:
    return BadRequest(403, "invalid_signature", "The request signature is missing or wrong.")


async def _read_capped(request: web.Request) -> bytes:
    if (request.content_length or 0) > MAX_FORM_BYTES:
        raise BadRequest(413, "body_too_large", "The request body is too large.")
    chunks, size = [], 0
    while chunk := await request.content.read(16 * 1024):
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            raise BadRequest(413, "body_too_large", "The request body is too large.")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_form(raw: bytes) -> MultiDict[str] | None:
    """Decode a form body; None when it is not valid UTF-8 form encoding."""
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                          errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    return MultiDict(pairs)


async def signed_form(request: web.Request, url: str, auth_token: str) -> MultiDict[str]:
    """The form fields of a request the provider signed for `url`, or a 403 BadRequest."""
    signature = request.headers.get(SIGNATURE_HEADER, "")
    if not signature or not auth_token or not url:
        raise forbidden()
    if request.content_type != FORM_TYPE:
        raise forbidden()
    form = parse_form(await _read_capped(request))
    if form is None or not RequestValidator(auth_token).validate(url, form, signature):
        raise forbidden()
    return form
