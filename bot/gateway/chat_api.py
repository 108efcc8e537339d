"""Web chat API. The sender is always the client behind the bearer token or the session
cookie (WC-1); identity fields in the body are ignored."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.gateway.commands import dialogue_text
from bot.gateway.intake import IntakeResult, escalation_config_for, intake
from bot.gateway.rasa_client import BotReply
from bot.gateway.respond import Outcome, respond, safety_replies
from bot.gateway.slow_turns import SLOW_TURNS, STILL_THINKING, PendingTurn
from bot.gateway.validation import read_chat_message
from bot.gateway.web_session import LIMITER, AuthUnavailable, identify, too_many
from bot.logsafe import log_failure
from bot.safety import ScreenResult, screen_async
from bot.safety.card import find_card
from bot.store import messages

log = logging.getLogger(__name__)
CHANNEL = "web"
THROTTLED = ("You're sending messages quickly, so I'm taking a short pause. Your message is "
             "saved, and I'll answer in a moment.")


async def authenticate(request: web.Request, changes_state: bool = False) -> str:
    """The client id behind the request, or a 401 (a 403 for a cookie from another origin)."""
    return (await identify(request, changes_state)).client_id


ERROR_TEXT = {
    "store_unavailable": "Your message could not be saved. Please try again in a moment.",
    "assistant_unavailable": "Your message was saved, but the assistant is not available right "
                             "now. Please try again in a moment.",
    "still_processing": "Your message is still being processed. Please try again in a moment.",
}
SAFETY_NOTE = " In danger? Call 911, or call or text 988."


async def post_message(request: web.Request) -> web.Response:
    """Screen and store, then converse. Identity in the body is ignored (WC-1).

    Rate limits throttle only the dialogue turn (RL-1): a throttled message is still stored,
    screened and escalated, and its crisis resources are shown.
    """
    try:
        client_id = await authenticate(request, changes_state=True)
    except AuthUnavailable as exc:
        # The store is down: nobody can be identified, but a crisis still gets its resources.
        text, _ = await read_chat_message(request)
        error_id = log_failure(log, "chat auth lookup failed", exc)
        result = await screen_async(text)
        outcome = await respond(request.app["rasa"], "", CHANNEL, text,
                                IntakeResult(screen=result, error_id=error_id))
        return _error_response(outcome, result)
    text, msg_id = await read_chat_message(request)
    decision = await request.app[LIMITER].chat_turn(client_id)
    external_id = f"{client_id}:{msg_id}" if msg_id else None
    stored = await intake(client_id, CHANNEL, text, external_id,
                          config=escalation_config_for(request.app),
                          claim=decision.allowed)  # a throttled message keeps its turn open
    if not decision.allowed and stored.stored:
        log.info("chat turn throttled message_id=%s", stored.message_id)
        return too_many(decision, THROTTLED, message_id=stored.message_id,
                        messages=_shown(safety_replies(stored), stored.screen))
    if not stored.stored:
        return _error_response(await respond(request.app["rasa"], client_id, CHANNEL, text,
                                             stored), stored.screen)
    assert stored.message_id is not None  # noqa: S101 (type narrowing, not a check)
    prefix = _shown(safety_replies(stored), stored.screen)
    pending = PendingTurn(client_id, CHANNEL, stored.message_id, len(prefix))
    said = await asyncio.to_thread(dialogue_text, client_id, text)  # no typed /intent{...}
    outcome = await request.app[SLOW_TURNS].run(
        pending, respond(request.app["rasa"], client_id, CHANNEL, said, stored))
    if outcome is None:
        # Busy, not broken: the message is saved and the answer comes over the push channel.
        return web.json_response({"status": "pending", "message_id": stored.message_id,
                                  "message": STILL_THINKING, "messages": prefix}, status=202)
    if outcome.ok:
        return web.json_response({**outcome.detail,
                                  "messages": _shown(outcome.replies, stored.screen)})
    return _error_response(outcome, stored.screen)


def _shown(replies: list[BotReply], result: ScreenResult) -> list[dict]:
    """Replies as JSON; a crisis card also as structure (a resend's stored replies are
    matched back to their card by text)."""
    shown = []
    for r in replies:
        card = r.card or find_card(result.category, result.level, r.text)
        shown.append({"text": r.text, "buttons": r.buttons,
                      **({"card": card.as_dict()} if card else {})})
    return shown


def _error_response(outcome: Outcome, result: ScreenResult) -> web.Response:
    """Never passed off as success: the error is explicit, and any crisis resources show."""
    shown = _shown(outcome.replies, result)
    return web.json_response(
        {"error": outcome.error, "message": ERROR_TEXT.get(outcome.error, "") + SAFETY_NOTE,
         **outcome.detail, "messages": shown},
        status=503,
    )


async def get_history(request: web.Request) -> web.Response:
    """The client's own transcript, so a reloaded page can show the conversation."""
    client_id = await authenticate(request)
    rows = await asyncio.to_thread(messages.transcript, client_id, 200)
    for row in rows:
        level, category = row.pop("reply_to_risk", (None, None))
        card = find_card(category, level, row["text"]) if level else None
        if card is not None:
            row["card"] = card.as_dict()
    return web.json_response({"messages": rows}, headers={"Cache-Control": "no-store"})


def setup(app: web.Application) -> None:
    app.router.add_post("/api/chat/messages", post_message)
    app.router.add_get("/api/chat/history", get_history)
