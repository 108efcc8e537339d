"""The staff API against its OpenAPI document: a bounded schemathesis run finds no 5xx and
no response that breaks the document (status, content type or schema).

The real gateway app runs on a loopback port with a seeded store; requests carry a
supervisor's (or, for /admin/ and program creation, an admin's) session cookie, CSRF token
and Origin. Logout is left out: it would end the session the rest of the run uses.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
import requests
import schemathesis
from aiohttp import web
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bot.console.openapi import document
from bot.stack import free_port

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
ADMIN_PATHS = ("/api/staff/admin/", "/api/staff/programs")

schema = schemathesis.openapi.from_dict(document()).exclude(path="/api/staff/logout")
schema.config.generation.update(max_examples=EXAMPLES, with_security_parameters=False,
                                deterministic=True)


@dataclass
class Live:
    url: str
    origin: str
    sessions: dict[str, requests.Session]
    chat_session: str = ""  # a seeded client's web session id (test_json_routes_property)


def _seed() -> None:
    """Two programs, staff of each role, clients with flags, check-ins and triggers."""
    from bot.dispatch.config import EscalationConfig
    from bot.dispatch.ladder import raise_escalation
    from bot.store import staff
    from bot.store.db import session_scope
    from bot.store.models import CheckIn, Client, Heartbeat, Message, TriggerLog, utcnow
    from bot.store.programs import add_program

    add_program("north", "North clinic")
    cara = staff.add_staff("cara", "clinician", "fuzz password one")
    staff.add_staff("sup", "supervisor", "fuzz password one", programs=["iop", "north"])
    staff.add_staff("root", "admin", "fuzz password one", programs=[])
    now = utcnow()
    with session_scope() as s:
        s.add(Heartbeat(name="dispatcher", beat_at=now))
        for n in range(3):
            client = Client(id=f"c_fuzz{n}", display_name=f"Client {n}", program="iop",
                            primary_clinician_id=cara, phone=f"+1555000000{n}")
            s.add(client)
            s.flush()
            for day in range(5):
                s.add(CheckIn(client_id=client.id, intensity=day + n,
                              created_at=now - timedelta(days=day)))
                s.add(TriggerLog(client_id=client.id, category="stress",
                                 created_at=now - timedelta(days=day)))
            msg = Message(client_id=client.id, channel="web", direction="in",
                          text="I want to end it", created_at=now)
            s.add(msg)
            s.flush()
            raise_escalation(s, EscalationConfig(), level=("imminent", "high", "moderate")[n],
                             category="suicidal_ideation", client_id=client.id,
                             message_id=msg.id, now=now - timedelta(minutes=n))


def _serve(app: web.Application, port: int):  # type: ignore[no-untyped-def]
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def stop() -> None:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.run_until_complete(runner.cleanup())
        loop.close()

    return stop


def _session(url: str, origin: str, username: str) -> requests.Session:
    http = requests.Session()
    resp = http.post(f"{url}/api/staff/login", timeout=30, headers={"Origin": origin},
                     json={"username": username, "password": "fuzz password one"})
    assert resp.status_code == 200, resp.text
    http.headers.update({"Origin": origin, "X-CSRF-Token": resp.json()["csrf_token"]})
    return http


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Iterator[Live]:
    from fakes import FakeRasa

    from bot.gateway.app import create_app
    from bot.store.db import reset_engine
    from bot.store.migrate import upgrade

    port = free_port()
    saved = {k: os.environ.get(k) for k in ("DATABASE_URL", "BOT_PORT")}
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}"
    os.environ["BOT_PORT"] = str(port)
    reset_engine()
    upgrade()
    _seed()
    stop = _serve(create_app(rasa=FakeRasa()), port)
    url = origin = f"http://127.0.0.1:{port}"
    try:
        from bot.store.clients import issue_chat_token
        from bot.store.web_sessions import exchange_link

        opened = exchange_link(issue_chat_token("c_fuzz1"), timedelta(days=1))
        assert opened is not None  # a bearer is a web session id, not the chat link
        yield Live(url, origin, {who: _session(url, origin, who) for who in ("sup", "root")},
                   opened.session_id)
    finally:
        stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        reset_engine()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=list(HealthCheck), print_blob=True)
def test_staff_api_conforms_to_its_openapi_document(case, live):
    who = "root" if case.path.startswith(ADMIN_PATHS) and case.method != "GET" \
        or case.path.startswith("/api/staff/admin/") else "sup"
    if case.path == "/api/staff/login":
        http = requests.Session()
        http.headers["Origin"] = live.origin
    else:
        http = live.sessions[who]
    case.call_and_validate(base_url=live.url, session=http, checks=CHECKS, timeout=30)


def test_the_document_describes_the_required_operations():
    doc = document()
    paths = doc["paths"]
    login = paths["/api/staff/login"]["post"]
    assert set(login["requestBody"]["content"]["application/json"]["schema"]["required"]) == {
        "username", "password"}
    assert "csrf_token" in doc["components"]["schemas"]["SignedIn"]["required"]
    assert "post" in paths["/api/staff/logout"]
    listing = paths["/api/staff/escalations"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"state", "level"}
    item = doc["components"]["schemas"]["Escalation"]["required"]
    assert set(item) >= {"id", "level", "category", "state", "created_at", "client_id"}
    for path, operations in paths.items():
        post = operations.get("post")
        if post and path not in ("/api/staff/login", "/api/staff/welcome"):
            assert post["security"] == [{"staffSession": [], "csrfToken": []}], path
    json.dumps(doc)  # serialisable as served
