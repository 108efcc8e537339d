"""Read and verify a signed SMS provider request (TW-1), before anything is written.

The signature covers the URL the provider called and every form field, so it is checked
against the CONFIGURED public URL (behind a proxy, request.url is not what was signed) with
the twilio package's RequestValidator. Anything unverifiable is a 403.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from aiohttp import web
from multidict import MultiDict
from twilio.request_validator import RequestValidator

from bot.gateway.validation import BadRequest

SIGNATURE_HEADER = "X-Twilio-Signature"
FORM_TYPE = "application/x-www-form-urlencoded"
# A 1,600-character text of emoji is ~19 KB form-encoded; the app-wide cap is for web chat.
MAX_FORM_BYTES = 64 * 1024


# The provider's signature joins names and values with no separator, so one captured signed
# request can be re-split into other fields (MessageSid=<sid>NumMedia0... with NumMedia
# dropped) and still verify. So the shape is checked too: a real message id, the fields the
# provider always sends, and no field it never sends.
MESSAGE_SID = re.compile(r"^(SM|MM)[0-9a-f]{32}$")
ALWAYS_SENT = frozenset({"MessageSid", "AccountSid", "From", "To", "Body", "NumMedia"})
MAY_SEND = ALWAYS_SENT | frozenset({
    "SmsSid", "SmsMessageSid", "MessagingServiceSid", "NumSegments", "SmsStatus",
    "ApiVersion", "FromCity", "FromState", "FromZip", "FromCountry", "ToCity", "ToState",
    "ToZip", "ToCountry", "OptOutType", "ReferralNumMedia", "ProfileName", "WaId",
    "Forwarded", "FrequentlyForwarded", "ButtonText", "ButtonPayload", "Latitude",
    "Longitude", "Address", "Label", "ChannelMetadata", "AddOns"})
NUMBERED = re.compile(r"^(MediaUrl|MediaContentType)\d{1,2}$")


def check_inbound_shape(form: MultiDict[str], account_sid: str) -> None:
    """A signed inbound form the provider could really have sent, or a 400 (TW-1)."""
    names = set(form.keys())
    unknown = [n for n in names - MAY_SEND if not NUMBERED.match(n)]
    if not ALWAYS_SENT <= names or unknown:
        raise BadRequest(400, "unexpected_fields", "The form is not an inbound message.")
    sids = form.getall("MessageSid")
    if len(sids) != 1 or not MESSAGE_SID.match(sids[0]):
        raise BadRequest(400, "invalid_message_sid", "MessageSid is not a message id.")
    for alias in ("SmsSid", "SmsMessageSid"):
        if form.get(alias, sids[0]) != sids[0]:
            raise BadRequest(400, "invalid_message_sid", "The message ids disagree.")
    if form.get("AccountSid") != account_sid:
        raise BadRequest(400, "wrong_account", "The message is for another account.")


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
