"""Web chat API. The sender is always the client behind the bearer token (WC-1)."""

from __future__ import annotations

import asyncio
import logging
import secrets

from aiohttp import web

from bot.gateway.dialogue import DialogueUnavailable, run_turn
from bot.gateway.intake import intake
from bot.gateway.validation import BadRequest, bearer_token, read_chat_message
from bot.store import clients, messages

log = logging.getLogger(__name__)
CHANNEL = "web"


async def authenticate(request: web.Request) -> str:
    """Resolve the bearer token to a client id, or raise a 401."""
    token = bearer_token(request)
    client_id = await asyncio.to_thread(clients.client_for_token, token) if token else None
    if client_id is None:
        raise BadRequest(401, "unauthorized", "Your chat link is missing, expired or revoked.")
    return client_id


async def post_message(request: web.Request) -> web.Response:
    """Store, then converse. Identity in the body (sender, session_id, metadata) is ignored."""
    client_id = await authenticate(request)
    text, msg_id = await read_chat_message(request)
    external_id = f"{client_id}:{msg_id}" if msg_id else None
    try:
        stored = await intake(client_id, CHANNEL, text, external_id)
    except Exception:
        error_id = secrets.token_hex(4)
        log.exception("intake failed error_id=%s client_id=%s", error_id, client_id)
        return web.json_response(
            {"error": "store_unavailable", "error_id": error_id,
             "message": "Your message could not be saved. Please try again in a moment."},
            status=503,
        )
    try:
        turn = await run_turn(request.app["rasa"], client_id, CHANNEL, stored.message_id,
                              text, stored.duplicate)
    except DialogueUnavailable as exc:
        return web.json_response(
            {"error": exc.code, "message_id": stored.message_id,
             "message": "Your message was saved, but the assistant is not available right "
                        "now. Please try again in a moment. In danger? Call 911, or call or "
                        "text 988."},
            status=503,
        )
    return web.json_response({
        "message_id": stored.message_id,
        "messages": [{"text": r.text, "buttons": r.buttons} for r in turn.replies],
    })


async def get_history(request: web.Request) -> web.Response:
    """The client's own transcript, so a reloaded page can show the conversation."""
    client_id = await authenticate(request)
    rows = await asyncio.to_thread(messages.transcript, client_id, 200)
    return web.json_response({"messages": rows}, headers={"Cache-Control": "no-store"})


def setup(app: web.Application) -> None:
    app.router.add_post("/api/chat/messages", post_message)
    app.router.add_get("/api/chat/history", get_history)
