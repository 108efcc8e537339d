"""Web chat API. The sender is always the client behind the bearer token (WC-1)."""

from __future__ import annotations

import asyncio
import logging
import secrets

from aiohttp import web

from bot.gateway.intake import IntakeResult, intake
from bot.gateway.respond import Outcome, respond
from bot.gateway.validation import BadRequest, bearer_token, read_chat_message
from bot.safety import screen
from bot.store import clients, messages

log = logging.getLogger(__name__)
CHANNEL = "web"


class AuthUnavailable(Exception):
    """The token could not be checked because the store is down."""


async def authenticate(request: web.Request) -> str:
    """Resolve the bearer token to a client id, or raise a 401."""
    token = bearer_token(request)
    try:
        client_id = await asyncio.to_thread(clients.client_for_token, token) if token else None
    except Exception as exc:
        raise AuthUnavailable from exc
    if client_id is None:
        raise BadRequest(401, "unauthorized", "Your chat link is missing, expired or revoked.")
    return client_id


ERROR_TEXT = {
    "store_unavailable": "Your message could not be saved. Please try again in a moment.",
    "assistant_unavailable": "Your message was saved, but the assistant is not available right "
                             "now. Please try again in a moment.",
    "still_processing": "Your message is still being processed. Please try again in a moment.",
}
SAFETY_NOTE = " In danger? Call 911, or call or text 988."


async def post_message(request: web.Request) -> web.Response:
    """Screen and store, then converse. Identity in the body is ignored (WC-1)."""
    try:
        client_id = await authenticate(request)
    except AuthUnavailable:
        # The store is down: nobody can be identified, but a crisis still gets its resources.
        text, _ = await read_chat_message(request)
        error_id = secrets.token_hex(4)
        log.exception("chat auth lookup failed error_id=%s", error_id)
        outcome = await respond(request.app["rasa"], "", CHANNEL, text,
                                IntakeResult(screen=screen(text), error_id=error_id))
        return _error_response(outcome)
    text, msg_id = await read_chat_message(request)
    external_id = f"{client_id}:{msg_id}" if msg_id else None
    stored = await intake(client_id, CHANNEL, text, external_id)
    outcome = await respond(request.app["rasa"], client_id, CHANNEL, text, stored)
    if outcome.ok:
        return web.json_response({**outcome.detail, "messages": _shown(outcome)})
    return _error_response(outcome)


def _shown(outcome: Outcome) -> list[dict]:
    return [{"text": r.text, "buttons": r.buttons} for r in outcome.replies]


def _error_response(outcome: Outcome) -> web.Response:
    """Never passed off as success: the error is explicit, and any crisis resources show."""
    shown = _shown(outcome)
    return web.json_response(
        {"error": outcome.error, "message": ERROR_TEXT.get(outcome.error, "") + SAFETY_NOTE,
         **outcome.detail, "messages": shown},
        status=503,
    )


async def get_history(request: web.Request) -> web.Response:
    """The client's own transcript, so a reloaded page can show the conversation."""
    client_id = await authenticate(request)
    rows = await asyncio.to_thread(messages.transcript, client_id, 200)
    return web.json_response({"messages": rows}, headers={"Cache-Control": "no-store"})


def setup(app: web.Application) -> None:
    app.router.add_post("/api/chat/messages", post_message)
    app.router.add_get("/api/chat/history", get_history)
