"""AC-1: one middleware denies every route by default; only an explicit allow-list is public."""

from __future__ import annotations

import re

import pytest

from bot.console.guard import PUBLIC_PATHS, PUBLIC_PREFIXES, is_public
from bot.gateway.middleware import CSP

DENIED = {401, 302, 303}


def _concrete(path: str) -> str:
    """A request path for a route pattern: fill each {placeholder} with a plausible value."""
    path = re.sub(r"\{tail:[^}]*\}", "anything", path)
    return re.sub(r"\{[^}]+\}", "1", path)


def _routes(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = []
    for route in app.router.routes():
        info = route.get_info()
        path = info.get("path") or info.get("formatter")
        if path is None and "prefix" in info:  # static: a file under the prefix
            path = info["prefix"].rstrip("/") + "/missing.css"
        found.append((route.method, _concrete(path)))
    return sorted(set(found))


async def test_ac1_every_route_denied_without_a_session_except_the_allow_list(anon, app):
    routes = _routes(app)
    assert len(routes) > 30  # the console's and the chat's routes are all there
    checked = 0
    for method, path in routes:
        if is_public(path):
            continue
        call = "GET" if method in ("*", "HEAD") else method
        resp = await anon.request(call, path, allow_redirects=False, json={})
        assert resp.status in DENIED, (method, path, resp.status)
        if resp.status == 302:
            assert resp.headers["Location"].startswith("/staff/login")
        checked += 1
    assert checked > 25


async def test_ac1_allow_list_is_explicit_and_small():
    assert PUBLIC_PATHS == {"/", "/healthz", "/readyz", "/chat", "/staff/login",
                            "/api/staff/login", "/api/staff/welcome", "/api/openapi.json"}
    assert PUBLIC_PREFIXES == ("/chat/", "/api/chat/", "/static/", "/staff/static/", "/sms/")
    assert not is_public("/chatty")
    assert not is_public("/staff")
    assert not is_public("/api/staff/queue")


@pytest.mark.parametrize("path", [
    "/api/staff/escalations", "/api/staff/admin/audit", "/api/staff/clients/c_1",
    "/api/anything-new",
])
async def test_ac1_unknown_and_api_paths_answer_401_json(anon, path):
    resp = await anon.get(path)
    assert resp.status == 401
    assert (await resp.json())["error"] == "unauthorized"


async def test_ac1_unknown_page_redirects_and_unknown_post_is_401(anon):
    resp = await anon.get("/nothing/here", allow_redirects=False)
    assert resp.status == 302 and resp.headers["Location"] == "/staff/login"
    assert (await anon.post("/nothing/here", data=b"x")).status == 401


async def test_ac1_pages_redirect_to_sign_in_with_the_page_to_return_to(anon):
    resp = await anon.get("/staff/clients/c_123", allow_redirects=False)
    assert resp.status == 302
    assert resp.headers["Location"] == "/staff/login?next=/staff/clients/c_123"


@pytest.mark.parametrize("path", [
    "/static/../api/staff/escalations", "/api/chat/../staff/escalations",
    "/staff/static/../../api/staff/queue", "/static/%2e%2e/api/staff/queue",
])
async def test_ac1_dot_segments_cannot_borrow_a_public_prefix(anon, path):
    resp = await anon.get(path, allow_redirects=False)
    assert resp.status in DENIED | {404}
    if resp.status == 404:  # the router found no route: nothing was served
        assert "escalations" not in await resp.text()


async def test_public_routes_still_work(anon):
    assert (await anon.get("/healthz")).status == 200
    assert (await anon.get("/staff/login")).status == 200
    assert (await anon.get("/staff/static/console.css")).status == 200
    doc = await anon.get("/api/openapi.json")
    assert doc.status == 200 and (await doc.json())["openapi"].startswith("3.")


async def test_xs1_csp_on_every_html_response(anon, sign_in, people):
    supervisor = await sign_in(people["sup"])
    for http, path in [(anon, "/staff/login"), (supervisor.http, "/staff"),
                       (supervisor.http, "/staff/clients/c_x")]:
        resp = await http.get(path)
        assert resp.status == 200
        assert resp.content_type == "text/html"
        assert resp.headers["Content-Security-Policy"] == CSP
        assert resp.headers["Cache-Control"] == "no-store"
