"""The fake provider's web app: the REST API, plus a phone page to text the bot by hand.

The page is static HTML, CSS and JS (no CDN, no inline script, the project's CSP), so a person
can pick a phone number, type, and watch the replies arrive. Its JSON endpoints also serve
tests and the benchmark:

- `POST /phone/api/send` `{"from": "+1...", "text": "...", "media": 0}`: text the bot;
- `GET /phone/api/thread?number=+1...`: that phone's conversation;
- `POST /phone/api/opt-out` `{"number": "+1...", "on": true}`: answer sends with error 21610;
- `GET /phone/api/sent`: every text the bot sent.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.fake_sms.provider import FakeProvider

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
MAX_TEXT = 1600


def _bad(message: str) -> web.Response:
    return web.json_response({"error": message}, status=400)


async def _json(request: web.Request) -> dict | None:
    """A JSON object body, or None (a JSON content type also stops cross-site form posts)."""
    if request.content_type != "application/json":
        return None
    try:
        body = await request.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def create_app(provider: FakeProvider) -> web.Application:
    """The whole fake: provider API, phone page and its JSON endpoints."""
    app = web.Application(client_max_size=64 * 1024)

    async def page(_request: web.Request) -> web.StreamResponse:
        return web.FileResponse(STATIC / "phone.html", headers={"Content-Security-Policy": CSP})

    async def send(request: web.Request) -> web.Response:
        body = await _json(request)
        if body is None:
            return _bad("send JSON: {\"from\": \"+1...\", \"text\": \"...\"}")
        number, text = str(body.get("from", "")).strip(), str(body.get("text", ""))
        media = body.get("media", 0)
        if not number.startswith("+") or not isinstance(media, int) or len(text) > MAX_TEXT:
            return _bad("from must be +E.164, media a count, text at most 1600 characters")
        sid, status = await provider.text_bot(number, text, media)
        return web.json_response({"sid": sid, "gateway_status": status})

    async def thread(request: web.Request) -> web.Response:
        number = request.query.get("number", "").strip()
        return web.json_response({"number": number, "messages": provider.thread(number)},
                                 headers={"Cache-Control": "no-store"})

    async def opt_out(request: web.Request) -> web.Response:
        body = await _json(request)
        if body is None or not str(body.get("number", "")).startswith("+"):
            return _bad("send JSON: {\"number\": \"+1...\", \"on\": true}")
        number = str(body["number"])
        if body.get("on", True):
            provider.opted_out.add(number)
        else:
            provider.opted_out.discard(number)
        return web.json_response({"opted_out": sorted(provider.opted_out)})

    async def sent(_request: web.Request) -> web.Response:
        return web.json_response({"messages": provider.sent})

    app.router.add_post("/2010-04-01/Accounts/{account}/Messages.json",
                        provider.create_message)
    app.router.add_get("/", page)
    app.router.add_static("/static/", STATIC)
    app.router.add_post("/phone/api/send", send)
    app.router.add_get("/phone/api/thread", thread)
    app.router.add_post("/phone/api/opt-out", opt_out)
    app.router.add_get("/phone/api/sent", sent)
    app.on_cleanup.append(provider.close)
    return app
