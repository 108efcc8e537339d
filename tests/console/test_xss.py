"""XS-1: a script payload sent as a chat message stays text everywhere staff see it.

The server never renders patient text into HTML: pages are static shells, the API answers
JSON (nosniff), and the console's scripts only ever set textContent. The browser test
(tests/browser/test_console_browser.py) shows the same payload inert in a real Chromium.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

from console_helpers import PASSWORD

from bot.console.pages import STATIC
from bot.store import web_sessions
from bot.store.db import session_scope
from bot.store.models import TriggerLog

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"
MESSAGE = f"{PAYLOAD} I want to kill myself"


async def send_chat(http, chat_url: str, text: str):  # type: ignore[no-untyped-def]
    token = chat_url.split("#t=", 1)[1]
    opened = web_sessions.exchange_link(token, timedelta(hours=1))
    assert opened is not None
    return await http.post("/api/chat/messages", json={"text": text},
                           headers={"Authorization": f"Bearer {opened.session_id}"})


async def test_xs1_chat_payload_is_inert_in_queue_timeline_and_csv(sign_in, people, anon):
    sup = await sign_in(people["sup"])
    made = await (await sup.post("/api/staff/clients", {
        "name": PAYLOAD, "program": "iop", "primary_clinician_id": people["cara"].id,
        "part2_acknowledged": True})).json()
    client_id = made["client"]["id"]
    sent = await send_chat(anon, made["chat_url"], MESSAGE)
    assert sent.status == 200, await sent.text()
    with session_scope() as s:  # what the trigger action would store from the same words
        s.add(TriggerLog(client_id=client_id, category="people", description=MESSAGE))

    queue = await sup.get("/api/staff/queue")
    assert queue.content_type == "application/json"
    assert queue.headers["X-Content-Type-Options"] == "nosniff"
    flag = (await queue.json())["escalations"][0]
    assert flag["excerpt"] == MESSAGE and flag["client_name"] == PAYLOAD  # data, not markup

    timeline = await sup.get(f"/api/staff/clients/{client_id}")
    assert timeline.content_type == "application/json"
    assert MESSAGE in [m["text"] for m in (await timeline.json())["messages"]]

    for page in ("/staff", f"/staff/clients/{client_id}", f"/staff/escalations/{flag['id']}"):
        html = await (await sup.get(page)).text()
        assert "alert(" not in html and "onerror" not in html  # no patient text in pages

    export = await sup.post(f"/api/staff/clients/{client_id}/export", {"password": PASSWORD})
    assert export.content_type == "text/csv"
    assert export.headers["Content-Disposition"].startswith("attachment")
    assert export.headers["X-Content-Type-Options"] == "nosniff"
    rows = list(csv.reader(io.StringIO(await export.text())))
    assert [MESSAGE] == [c for row in rows for c in row if PAYLOAD in c]  # one intact cell


def test_xs1_console_scripts_never_build_markup_from_strings():
    sinks = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|"
                       r"\beval\(|new Function|srcdoc|createContextualFragment")
    scripts = sorted(Path(STATIC, "js").glob("*.js"))
    assert len(scripts) >= 8
    for script in scripts:
        assert not sinks.search(script.read_text(encoding="utf-8")), script.name


def test_xs1_pages_load_only_local_scripts_and_no_inline_code():
    for page in ("console.html", "login.html"):
        html = (STATIC / page).read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
        assert scripts and all('src="/staff/static/' in attrs and not body.strip()
                               for attrs, body in scripts)
        assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
        assert "http://" not in html and "https://" not in html  # no CDN
