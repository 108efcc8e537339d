"""Cross-cutting HTTP behaviour: JSON errors, security headers, no PHI in logs (AU-2)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.gateway.validation import BadRequest, json_error
from bot.logsafe import log_failure

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Bodies are never decompressed by the server (aiohttp 3.9 inflates before any size cap:
# CVE-2025-69223, CVE-2025-69229), and a refused body is not drained: the connection closes.
SERVER_ARGS = {"auto_decompress": False, "lingering_time": 0.0}
# The largest body any route accepts (the SMS webhook's form); routes cap lower as they read.
MAX_ANY_BODY = 64 * 1024

CSP = (
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def _wants_json(request: web.Request) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", "")


def _route_name(request: web.Request) -> str:
    """The route's pattern, not the path: a path can carry a token or a name."""
    info = request.match_info.route.resource
    return info.canonical if info is not None else "unmatched"


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn every failure into a clear status; never leak a traceback or message text."""
    try:
        return await handler(request)
    except BadRequest as exc:
        return exc.response
    except web.HTTPRequestEntityTooLarge:
        return json_error(413, "body_too_large", "The request body is too large.")
    except web.HTTPException as exc:
        if exc.status >= 400 and _wants_json(request):
            return json_error(exc.status, exc.reason.lower().replace(" ", "_"), exc.reason)
        raise
    except Exception as exc:
        error_id = log_failure(log, "unhandled error", exc, route=_route_name(request))
        return web.json_response(
            {"error": "internal_error", "error_id": error_id,
             "message": "Something went wrong on our side."}, status=500)


def _refuse(status: int, code: str, message: str) -> web.Response:
    response = json_error(status, code, message)
    response.force_close()  # do not read (or inflate) the rest of the body
    return response


@web.middleware
async def body_guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Before anything reads a body: no Content-Encoding (415), nothing oversized (413).

    A chunked body has no length to check here; every reader caps it as it reads
    (`client_max_size`, or the SMS form's own cap).
    """
    encoding = request.headers.get("Content-Encoding", "").strip().lower()
    if encoding and encoding != "identity":
        return _refuse(415, "unsupported_content_encoding", "Send the body uncompressed.")
    if (request.content_length or 0) > MAX_ANY_BODY:
        return _refuse(413, "body_too_large", "The request body is too large.")
    return await handler(request)


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """CSP on every response (XS-1) and no caching of anything personal."""
    response = await handler(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.path.startswith("/api/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response
