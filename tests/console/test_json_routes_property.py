"""Property: no JSON route answers 5xx, whatever the body nests or holds ("Bad input" in
security.md). Every POST route of the gateway that reads JSON gets hypothesis-generated
bodies: deep nesting, lone surrogates, NUL, bidi controls, emoji, huge numbers, the route's
own field names with odd values; as a signed-in supervisor or admin (CSRF and Origin sent)
or with a chat bearer token, and unsigned for the sign-in routes."""

from __future__ import annotations

import json
import os

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_openapi_fuzz import Live, live  # noqa: F401  (the live server fixture)

from bot.gateway.app import create_app

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12")) * 2  # per route
FORM_ROUTES = ("/sms/",)  # signed forms, covered by tests/sms
SKIPPED = {"/api/staff/logout"}  # would end the session the run uses
FIELDS = ["text", "id", "token", "username", "password", "name", "phone", "program",
          "note", "disposition", "follow_up_at", "due_at", "client_id", "escalation_id",
          "role", "programs", "active", "code", "current_password", "new_password",
          "primary_clinician_id", "clinician_id", "revoke_old", "sms_consent",
          "part2_acknowledged", "consent_source", "daily", "weekly", "timezone", "reminders"]
ODD = ["\ud800", "\udfff", "a\x00b", "\u202eevil", "\ufeff", "👩‍👩‍👧", "e\u0301", "\x7f",
       "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\n\r\t", "'; DROP TABLE clients;--", "<script>", "%s%n", "9" * 400]
PATH_VALUES = {"id": "c_fuzz0", "code": "iop"}


def json_post_routes() -> list[str]:
    paths = set()
    for route in create_app().router.routes():
        info = route.resource.canonical if route.resource else ""
        if route.method == "POST" and not info.startswith(FORM_ROUTES) and info not in SKIPPED:
            paths.add(info)
    return sorted(paths)


odd_text = st.one_of(st.sampled_from(ODD), st.text(max_size=40),
                     st.lists(st.sampled_from(ODD), max_size=4).map("".join))
scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                    st.floats(allow_nan=False), odd_text)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(odd_text, inner, max_size=3)), max_leaves=8)
objects = st.dictionaries(st.one_of(st.sampled_from(FIELDS), odd_text), values, max_size=6)
deep = st.integers(min_value=17, max_value=6000).flatmap(lambda n: st.sampled_from([
    b'{"text": ' + b"[" * n + b"]" * n + b"}",
    b'{"a":' * n + b"1" + b"}" * n]))
bodies = st.one_of(objects.map(lambda o: json.dumps(o).encode()), deep)


def _url(server: Live, path: str) -> str:
    for name, value in PATH_VALUES.items():
        path = path.replace("{" + name + "}", value if path.startswith("/api/staff/clients")
                            or name == "code" else "1")
    return server.url + path


def _session(server: Live, path: str) -> requests.Session:
    if path in ("/api/staff/login", "/api/chat/session"):
        http = requests.Session()
        http.headers["Origin"] = server.origin
        return http
    if path.startswith("/api/chat/"):
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {server.chat_session}"
        return http
    admin = path.startswith(("/api/staff/admin/", "/api/staff/programs"))
    return server.sessions["root" if admin else "sup"]


def test_every_json_route_is_covered():
    routes = json_post_routes()
    assert {"/api/staff/login", "/api/chat/session", "/api/chat/messages",
            "/api/staff/escalations/{id}/notes", "/api/staff/clients"} <= set(routes)


@pytest.mark.parametrize("path", json_post_routes())
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True, print_blob=True)
@given(body=bodies)
def test_no_json_route_answers_5xx(live, path, body):  # noqa: F811
    http = _session(live, path)
    resp = http.post(_url(live, path), data=body, timeout=30,
                     headers={"Content-Type": "application/json"})
    assert resp.status_code < 500, (path, body[:200], resp.status_code, resp.text[:300])
