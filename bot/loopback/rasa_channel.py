"""Our Rasa input channel: the stock REST webhook, but only for the gateway (WC-2, AU-2).

Rasa's REST channel answers anyone who can reach its port, takes the sender id from the body,
and logs the user's raw text at ERROR when a turn fails or times out. This channel:

- refuses any request without the shared secret in `X-Gateway-Token` (401, before anything is
  read or written); the secret comes from `RASA_CHANNEL_TOKEN` (bot.loopback.secrets);
- ignores `input_channel` and keeps only the gateway's `message_id` and its screen result
  (`screen`: level and category codes, never evidence text) in the metadata (WC-3);
- logs a failed turn by error id and exception type only, and marks the turn's text for the
  log scrubber (bot.loopback.log_scrub) while Rasa works on it.

credentials.yml enables it as `bot.loopback.rasa_channel.GatewayInput`; the webhook is
`POST /webhooks/gateway/webhook`.
"""

from __future__ import annotations

import logging
import os
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.logsafe import log_failure
from bot.loopback.log_scrub import CURRENT_TEXT
from bot.loopback.secrets import GATEWAY_HEADER, RASA_TOKEN_VAR, token_ok

log = logging.getLogger(__name__)
CHANNEL_NAME = "gateway"
MAX_TEXT_CHARS = 8000


def _turn(body: Any) -> tuple[str, str, dict] | None:
    """(sender, text, metadata) from the gateway's body, or None when it is malformed."""
    if not isinstance(body, dict):
        return None
    sender, text = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not sender or len(sender) > 128:
        return None
    if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
        return None
    meta = body.get("metadata") if isinstance(body.get("metadata"), dict) else {}
    kept: dict = {}
    if isinstance(meta.get("message_id"), int):
        kept["message_id"] = meta["message_id"]
    screen = meta.get("screen")
    if isinstance(screen, dict):  # codes only (bot.safety.levels.ScreenResult.to_metadata)
        kept["screen"] = {k: screen.get(k) for k in ("level", "category")
                          if isinstance(screen.get(k), str)}
    return sender, text, kept


class GatewayInput(InputChannel):
    """POST /webhooks/gateway/webhook, for the gateway only."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError(f"{RASA_TOKEN_VAR} is not set: refusing to open the channel")
        self.token = token

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(os.environ.get(RASA_TOKEN_VAR, "").strip())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        hook = Blueprint("gateway_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not token_ok(request.headers.get(GATEWAY_HEADER), self.token):
                return response.json({"error": "unauthorized"}, status=401)
            try:
                turn = _turn(request.json)
            except Exception:  # sanic raises on a body that is not JSON
                turn = None
            if turn is None:
                return response.json({"error": "bad_request"}, status=400)
            sender, text, metadata = turn
            CURRENT_TEXT.set(text)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(UserMessage(text, collector, sender,
                                                 input_channel=CHANNEL_NAME,
                                                 metadata=metadata))
            except CancelledError:
                log_failure(log, "gateway turn timed out", message_id=metadata.get("message_id"))
                return response.json({"error": "timeout"}, status=503)
            except Exception as exc:
                log_failure(log, "gateway turn failed", exc,
                            message_id=metadata.get("message_id"))
                return response.json({"error": "turn_failed"}, status=503)
            return response.json(collector.messages)

        return hook
