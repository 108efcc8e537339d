"""Outreach in real browsers (Debian's chromium via Playwright) against the whole stack.

A clinician sets a web chat client's daily check-in in the console (a time in quiet hours is
refused in the dialog); the client has the chat open; `outreach run-due --now` reaches 8pm;
the prompt appears on the open page without a reload, with its buttons; "Let's go" starts
the craving check-in. Screenshots land in var/screenshots/outreach-*.png. Needs
models/current.tar.gz and /usr/bin/chromium; it fails, never skips, without them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect

from bot import PROJECT_ROOT
from bot.bootstrap import chat_url
from bot.settings import load_settings
from bot.stack import Stack
from bot.store import clients, staff
from bot.store.db import session_scope
from bot.store.models import Client

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SHOTS = PROJECT_ROOT / "var" / "screenshots"
PASSWORD = "clinician passphrase two"
LIVE = 45_000  # ms: Rasa is slow on a busy 2-core machine




def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"outreach-{name}.png"), full_page=True,
                    animations="disabled")


def test_staff_set_a_check_in_and_the_open_chat_gets_the_prompt_live(stack: Stack,
                                                                     browser: Browser):
    cara = staff.add_staff("cara", "clinician", PASSWORD)
    enrolment = clients.enroll_client("Robin Web")
    with session_scope() as s:
        s.get(Client, enrolment.client_id).primary_clinician_id = cara
    base = stack.gateway_url

    # The clinician sets 8pm; 11pm is refused in the dialog (quiet hours).
    console = browser.new_context(viewport={"width": 1360, "height": 900}).new_page()
    console.goto(f"{base}/staff/clients/{enrolment.client_id}")
    console.get_by_label("Username").fill("cara")
    console.get_by_label("Password").fill(PASSWORD)
    console.get_by_role("button", name="Sign in").click()
    card = console.locator("section", has_text="Outreach schedule")
    expect(card).to_contain_text("Daily check-in: Off")
    card.get_by_role("button", name="Change").click()
    console.get_by_label("Daily check-in").fill("23:00")
    console.get_by_role("button", name="Save").click()
    expect(console.locator("#dialog .banner")).to_contain_text("9:00 PM and 8:00 AM")
    console.get_by_label("Daily check-in").fill("20:00")
    console.get_by_role("button", name="Save").click()
    expect(card).to_contain_text("Daily check-in: every day at 8:00 PM")
    shot(console, "console")

    # The client has the chat open when the clock reaches 8pm.
    chat = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    chat.goto(chat_url(load_settings(), enrolment.chat_token).replace(
        load_settings().public_url, base))
    chat.get_by_role("button", name="Start chatting").click()
    expect(chat.get_by_label("Your message")).to_be_visible()
    chat.wait_for_timeout(1500)  # the event stream connects
    day = (datetime.now(ZoneInfo("America/New_York")) + timedelta(days=2)).date()
    assert "sent 1" in stack.cli("outreach", "run-due", "--now", f"{day}T20:00")
    prompt = chat.locator("#log .msg.bot", has_text="time for your daily check-in")
    expect(prompt).to_be_visible(timeout=LIVE)
    shot(chat, "prompt")
    prompt.get_by_role("button", name="Let's go").click()
    expect(chat.locator("#log .msg.bot", has_text="How strong is the craving")).to_be_visible(
        timeout=LIVE)
    shot(chat, "started")
