"""SMS webhooks of a Twilio-compatible provider: inbound texts and delivery status.

`POST /sms/twilio`: verify the signature (TW-1, 403 before any write), store and screen and
escalate in one transaction (intake, ES-1), answer 200 with empty TwiML at once, and answer the
text in the background (TW-2). A resend of the same MessageSid is the same stored row, so it
gets no second turn. The provider never sees a 429 or a 500 (RL-1):

- a signed request without MessageSid or a usable From number is a 400 (nothing to store);
- an empty text with no media is a 200 and nothing is stored;
- if the store is down, the 200 carries a TwiML <Message> asking to resend, with the crisis
  resources first when the screen fired (ES-4), since nothing could be queued.

`POST /sms/twilio/status`: signed the same way; updates the reply's delivery status.
"""

from __future__ import annotations

import asyncio
import logging
from xml.sax.saxutils import escape

from aiohttp import web
from multidict import MultiDict

from bot.channels import sms_store
from bot.channels.sms_api import SmsConfig, status_callback_url
from bot.channels.sms_texts import MEDIA_ONLY_TEXT, NOT_SAVED
from bot.gateway.intake import IntakeResult, escalation_config_for, intake
from bot.gateway.respond import safety_replies
from bot.gateway.sms_form import MESSAGE_SID, check_inbound_shape, signed_form
from bot.gateway.sms_tasks import SmsWorker
from bot.gateway.validation import BadRequest
from bot.logsafe import log_failure
from bot.safety import screen_async
from bot.store import consent
from bot.store.clients import normalise_phone
from bot.store.errors import StoreError

log = logging.getLogger(__name__)
MAX_TEXT_CHARS = 4000  # providers cap texts at 1,600; anything longer is not a real text
TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def twiml(message: str | None = None) -> web.Response:
    body = TWIML_EMPTY if message is None else (
        '<?xml version="1.0" encoding="UTF-8"?><Response><Message>'
        f"{escape(message)}</Message></Response>")
    return web.Response(text=body, content_type="text/xml")


def _auth_token(app: web.Application) -> str:
    sms: SmsConfig | None = app["sms"]
    return sms.auth_token if sms else ""


def _sender_fields(form: MultiDict[str],
                   account_sid: str) -> tuple[str, str, str, bool]:
    """(MessageSid, E.164 From, text, has media) or a 400 for a signed but unusable request."""
    check_inbound_shape(form, account_sid)
    sid = form["MessageSid"]
    try:
        phone = normalise_phone(form.get("From"))
    except StoreError:
        phone = None
    if phone is None:
        raise BadRequest(400, "invalid_from", "From must be a phone number in E.164 form.")
    text = (form.get("Body") or "").replace("\x00", "").strip()
    if len(text) > MAX_TEXT_CHARS:
        raise BadRequest(400, "text_too_long", "The text is longer than any SMS can be.")
    try:
        media = int(form.get("NumMedia") or 0) > 0
    except ValueError:
        media = False
    return sid, phone, text, media


def _sender_label(client_id: str | None, opted_out: bool) -> str:
    """What staff see on an escalation: who sent it, and whether SMS can reach them (SMS-2)."""
    label = "client" if client_id else "unknown sender"
    return f"{label} (SMS opted out)" if opted_out else label


def _who(phone: str) -> tuple[str | None, bool]:
    return sms_store.sender(phone), consent.is_opted_out(phone)


async def inbound(request: web.Request) -> web.Response:
    app = request.app
    form = await signed_form(request, app["settings"].sms_public_url, _auth_token(app))
    sid, phone, text, media = _sender_fields(form, app["sms"].account_sid)
    if not text:
        if not media:
            return twiml()
        text = MEDIA_ONLY_TEXT
    try:
        client_id, opted_out = await asyncio.to_thread(_who, phone)
    except Exception as exc:
        error_id = log_failure(log, "sms sender lookup failed", exc)
        return _not_saved(IntakeResult(screen=await screen_async(text), error_id=error_id))
    try:
        config = escalation_config_for(app)
    except Exception:
        config = None  # intake loads it, or reports the failure with the crisis resources
    stored = await intake(client_id, sms_store.CHANNEL, text, sid,
                          sender_label=_sender_label(client_id, opted_out), config=config,
                          address=None if client_id else phone)
    if not stored.stored:
        return _not_saved(stored)
    if not stored.duplicate:
        assert stored.message_id is not None  # noqa: S101 (type narrowing, not a check)
        app["sms_worker"].spawn(stored.message_id, media)
    return twiml()


def _not_saved(result: IntakeResult) -> web.Response:
    """Nothing could be stored, so nothing can be queued: answer in the TwiML itself."""
    lines = [r.text for r in safety_replies(result)] + [NOT_SAVED]
    return twiml("\n".join(lines))


async def status(request: web.Request) -> web.Response:
    """Delivery status of a reply; unknown ids and other statuses are accepted and ignored."""
    app = request.app
    url = status_callback_url(app["settings"].sms_public_url)
    form = await signed_form(request, url, _auth_token(app))
    sid = (form.get("MessageSid") or "").strip()
    sid = sid if MESSAGE_SID.match(sid) else ""
    state = (form.get("MessageStatus") or form.get("SmsStatus") or "").strip().lower()
    if sid and state:
        try:
            await asyncio.to_thread(sms_store.apply_status, sid, state)
        except Exception as exc:
            log_failure(log, "sms status update failed", exc)
    return twiml()


def setup(app: web.Application) -> None:
    """Routes, plus the background worker and sweep (only when SMS is configured)."""
    app["sms"] = SmsConfig.from_env()
    app["sms_worker"] = SmsWorker(app["rasa"])
    app.router.add_post("/sms/twilio", inbound)
    app.router.add_post("/sms/twilio/status", status)

    async def start(app: web.Application) -> None:
        if app["sms"] is not None:
            app["sms_worker"].start_sweeping()

    async def stop(app: web.Application) -> None:
        await app["sms_worker"].close()

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
