"""Build the gateway application; `python -m bot gateway` serves it."""

from __future__ import annotations

from aiohttp import web

from bot import console
from bot.gateway import (
    chat_api,
    client_addr,
    health,
    middleware,
    pages,
    push,
    shared_limits,
    slow_turns,
    sms_webhook,
    web_session,
)
from bot.gateway.intake import CONFIG_CACHE_KEY
from bot.gateway.rasa_client import RasaClient
from bot.gateway.rasa_pool import RasaPool
from bot.loopback.secrets import RASA_TOKEN_VAR, peer_token
from bot.safety import screen_async
from bot.settings import Settings, get_settings

# Small enough to stop abuse, large enough for a 2,000-character message in JSON (RL-2).
MAX_BODY_BYTES = 16 * 1024


def create_app(settings: Settings | None = None,
               rasa: RasaClient | RasaPool | None = None) -> web.Application:
    """Wire routes and middleware; peers are created here, never at import time."""
    settings = settings or get_settings()
    app = web.Application(
        client_max_size=MAX_BODY_BYTES,
        middlewares=[middleware.security_headers, middleware.body_guard, middleware.errors],
        handler_args=middleware.SERVER_ARGS,
    )
    app["settings"] = settings
    client_addr.setup(app)
    redis = shared_limits.connect(settings.redis_url)
    if redis is not None:  # rate limits and lockouts shared by every gateway worker
        app[shared_limits.REDIS] = redis
    app[CONFIG_CACHE_KEY] = {}  # see intake.escalation_config_for
    app["rasa"] = rasa or RasaPool(settings.rasa_urls, settings.rasa_timeout,
                                    settings.action_urls,
                                    peer_token(RASA_TOKEN_VAR, settings.var_dir))

    async def close_peers(app: web.Application) -> None:
        await app["rasa"].close()
        if shared_limits.REDIS in app:
            await app[shared_limits.REDIS].close()

    async def warm_screen(_app: web.Application) -> None:
        # Compile the risk rules before the first real message, not during it.
        await screen_async("warm up")

    async def watch_actions(app: web.Application) -> None:
        start = getattr(app["rasa"], "start_watch", None)
        if start is not None:
            await start()

    app.on_startup.append(warm_screen)
    app.on_startup.append(watch_actions)
    app.on_cleanup.append(close_peers)
    health.setup(app)
    web_session.setup(app, settings)
    slow_turns.setup(app)
    chat_api.setup(app)
    sms_webhook.setup(app)
    push.setup(app)
    pages.setup(app)
    # Staff console, and the deny-by-default guard for every route above (AC-1).
    console.setup(app, settings)
    return app


def serve(settings: Settings | None = None) -> None:
    """Run the gateway until interrupted."""
    settings = settings or get_settings()
    # Several gateway workers share the port; the kernel spreads connections (SO_REUSEPORT).
    web.run_app(create_app(settings), host=settings.host, port=settings.port,
                access_log=None, print=None, reuse_port=settings.gateway_workers > 1)
