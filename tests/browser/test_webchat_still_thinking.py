"""Overload in a real browser (issue 13): a reply slower than the client waits is shown as
"still thinking", then arrives over the page's push stream; no error, nothing to retry.

The stack here waits only 10 ms (CHAT_REPLY_WAIT), so every turn is late, as on a box too
busy to answer within 8 s.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect
from test_webchat_browser import PHONE, REPLY_TIMEOUT, bot_bubbles, enrol, shot

from bot.clinic import WEEKDAYS
from bot.stack import Stack

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    from bot.stack import running_stack

    with running_stack(tmp_path_factory.mktemp("slow"),
                       extra_env={"CHAT_REPLY_WAIT": "0.01"}) as running:
        yield running


def test_a_late_reply_shows_still_thinking_then_arrives(stack: Stack, browser: Browser) -> None:
    client = enrol(stack, "Busy day client")
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(client["chat_url"])
    page.get_by_role("button", name="Start chatting").click()
    box = page.get_by_label("Your message")
    expect(box).to_be_visible()
    before = bot_bubbles(page).count()
    box.fill("what time is group?")
    box.press("Enter")
    expect(page.locator("#typing")).to_contain_text("still thinking", timeout=REPLY_TIMEOUT)
    shot(page, "still-thinking-phone.png")
    expect(bot_bubbles(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    expect(page.locator("#typing")).to_be_hidden(timeout=REPLY_TIMEOUT)
    answer = "\n".join(bot_bubbles(page).all_inner_texts()[before:])
    assert any(day in answer for day in WEEKDAYS), answer
    expect(page.locator("#banner")).to_be_hidden()  # no error, nothing to retry
    expect(page.locator("#log .msg.me.failed")).to_have_count(0)
