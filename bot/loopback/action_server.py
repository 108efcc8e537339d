"""`python -m bot.loopback.action_server --actions actions -p PORT`: rasa_sdk's action server,
answering only callers that present `X-Action-Token` (WC-2), with the log scrubber (AU-2).

Rasa sends the header on every action call (endpoints.yml `action_endpoint.headers`).
`/health` stays open: it holds nothing and the gateway polls it to route around a dead server.
"""

from __future__ import annotations

import logging
import os

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app, create_argument_parser
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.loopback.log_scrub import install
from bot.loopback.secrets import ACTION_HEADER, ACTION_TOKEN_VAR, token_ok

OPEN_PATHS = frozenset({"/health"})


def require_token(app: Sanic, token: str) -> None:
    """Refuse (401) every request but /health that lacks the token, before any handler."""
    if not token:
        raise SystemExit(f"{ACTION_TOKEN_VAR} is not set: refusing to start the action server")

    @app.middleware("request")
    async def check_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if not token_ok(request.headers.get(ACTION_HEADER), token):
            return response.json({"error": "unauthorized"}, status=401)
        return None


def main() -> None:
    install()
    args = create_argument_parser().parse_args()
    logging.getLogger("matplotlib").setLevel(logging.WARN)
    utils.configure_colored_logging(args.loglevel)
    utils.update_sanic_log_level()
    app = create_app(args.actions, cors_origins=None, auto_reload=False)
    require_token(app, os.environ.get(ACTION_TOKEN_VAR, "").strip())
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    app.run(host, args.port, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main()
