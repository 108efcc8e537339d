"""The web chat in a real browser: Debian's chromium driven by Playwright against the whole
stack (gateway, Rasa with the trained model, action server, dispatcher).

It walks what a client does: open the enrolment link, start chatting, ask a FAQ, do a craving
check-in with the quick-reply buttons, reload, and receive a message the server starts.
Screenshots land in var/screenshots/. Needs models/current.tar.gz and /usr/bin/chromium
(.ci/run installs it); it fails, never skips, without them.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from actions import checkin
from bot import PROJECT_ROOT
from bot.clinic import WEEKDAYS
from bot.stack import Stack
from bot.store.db import session_scope
from bot.store.models import CheckIn, Message

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SHOTS = PROJECT_ROOT / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
REPLY_TIMEOUT = 45_000  # ms; Rasa on a busy 2-core machine




def enrol(stack: Stack, name: str) -> dict:
    return json.loads(stack.cli("enroll", "--name", name, "--json"))


def bot_bubbles(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("#log .msg.bot:not(.intro) .bubble")


def say(page: Page, text: str) -> str:
    """Type a message like a person and return the text of the replies it got."""
    before = bot_bubbles(page).count()
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")
    return wait_for_replies(page, before)


def wait_for_replies(page: Page, before: int) -> str:
    expect(bot_bubbles(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    expect(page.locator("#typing")).to_be_hidden(timeout=REPLY_TIMEOUT)
    return "\n".join(bot_bubbles(page).all_inner_texts()[before:])


def click_quick_reply(page: Page, title: str) -> str:
    before = bot_bubbles(page).count()
    page.get_by_role("group", name="Quick replies").get_by_role("button", name=title).click()
    return wait_for_replies(page, before)


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), animations="disabled")


def contrast(page: Page, selector: str) -> float:
    """WCAG contrast of an element's text against the first opaque background behind it."""
    colours = page.eval_on_selector(selector, """el => {
        const fg = getComputedStyle(el).color;
        let node = el, bg = "rgba(0, 0, 0, 0)";
        while (node && node.nodeType === 1) {
            bg = getComputedStyle(node).backgroundColor;
            if (!/rgba\\(.*, 0\\)$/.test(bg) && bg !== "transparent") break;
            node = node.parentElement;
        }
        return [fg, bg];
    }""")

    def luminance(css: str) -> float:
        r, g, b = (int(v) / 255 for v in re.findall(r"\d+(?:\.\d+)?", css)[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(colours[0]), luminance(colours[1])), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_webchat_journey_in_a_real_browser(stack: Stack, browser: Browser) -> None:
    client = enrol(stack, "Browser client")
    link = client["chat_url"]
    assert "#t=" in link and client["chat_token"] in link

    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = context.new_page()
    page.goto(link)

    # The token leaves the address bar and the session history at once.
    expect(page.get_by_role("heading", name="Welcome")).to_be_visible()
    assert client["chat_token"] not in page.url and "#" not in page.url
    assert page.evaluate("location.hash") == ""
    entries = context.new_cdp_session(page).send("Page.getNavigationHistory")["entries"]
    assert entries and not [e for e in entries if client["chat_token"] in e["url"]], entries
    shot(page, "welcome-phone.png")

    page.get_by_role("button", name="Start chatting").click()
    expect(page.get_by_label("Your message")).to_be_visible()
    session = [c for c in context.cookies() if c["name"] == "rc_session"]
    assert len(session) == 1
    assert session[0]["httpOnly"] and session[0]["sameSite"] == "Strict"
    assert "rc_session" not in page.evaluate("document.cookie")  # HttpOnly: no script sees it

    # The crisis strip is always there, with working tel:/sms: links.
    strip = page.get_by_role("complementary", name="Crisis help")
    expect(strip).to_contain_text("In danger?")
    expect(strip.get_by_role("link", name="Call 911")).to_have_attribute("href", "tel:911")
    expect(strip.get_by_role("link", name="Call 988")).to_have_attribute("href", "tel:988")
    expect(strip.get_by_role("link", name="Text 988")).to_have_attribute("href", "sms:988")

    # A FAQ.
    answer = say(page, "what time is group?")
    assert any(day in answer for day in WEEKDAYS), answer

    # A craving check-in, answering the button questions with the buttons.
    replies = say(page, "I want to log a craving")
    for _ in range(8):
        if checkin.SAVED in replies:
            break
        if checkin.ASK_INTENSITY.text in replies:
            shot(page, "quick-replies-phone.png")
            replies = click_quick_reply(page, "3")
        elif checkin.ASK_SUBSTANCE.text in replies:
            replies = click_quick_reply(page, "Alcohol")
        elif checkin.ASK_SITUATION.text in replies:
            replies = say(page, "after work")
        elif checkin.ASK_COPING.text in replies:
            replies = say(page, "call my sponsor")
        else:
            raise AssertionError(f"unexpected reply: {replies!r}")
    assert checkin.SAVED in replies
    with session_scope() as s:
        saved = s.query(CheckIn).filter(CheckIn.client_id == client["client_id"]).one()
        assert (saved.intensity, saved.substance) == (3.0, "alcohol")

    # Accessible: labelled controls, a live region, AA contrast on what people read.
    assert page.locator("[aria-live=polite]").count() >= 1
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    for selector in ["#log .msg.bot .bubble", "#log .msg.me .bubble", ".crisis a",
                     "#log time", ".counter", ".sub"]:
        assert contrast(page, selector) >= 4.5, selector

    # XS-1: patient text is shown as text, never run as markup.
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    say(page, "<script>alert(1)</script><img src=x onerror=alert(2)>")
    expect(page.locator("#log .msg.me").last).to_contain_text("<img src=x onerror=alert(2)>")
    assert page.locator("#log img, #log script").count() == 0 and dialogs == []

    # Reload: the conversation comes back from the server's transcript.
    page.reload()
    expect(page.locator("#log")).to_contain_text("what time is group?")
    expect(page.locator("#log")).to_contain_text(checkin.SAVED)
    expect(strip).to_be_visible()

    # A message the server starts (a scheduled check-in from another process) arrives live.
    page.wait_for_timeout(1500)  # let the event stream connect
    with session_scope() as s:
        s.add(Message(client_id=client["client_id"], channel="web", direction="out",
                      text="Hi, it's your evening check-in. How are you doing tonight?",
                      status="sent"))
    expect(page.locator("#log")).to_contain_text("evening check-in", timeout=10_000)
    expect(page.locator("#announcer")).to_contain_text("evening check-in")
    shot(page, "chat-phone.png")

    desktop = context.new_page()
    desktop.set_viewport_size(DESKTOP)
    desktop.goto(f"{stack.gateway_url}/chat")
    expect(desktop.locator("#log")).to_contain_text("evening check-in")
    expect(desktop.locator("#log .msg").last).to_be_in_viewport()  # opened at the newest
    shot(desktop, "chat-desktop.png")

    # Forget this device: signed out here, on the server too.
    page.get_by_role("button", name="Chat options").click()
    page.get_by_role("button", name="Forget this device").click()
    expect(page.get_by_role("heading", name="This device is forgotten")).to_be_visible()
    desktop.reload()
    expect(desktop.get_by_role("heading", name="Open your chat link")).to_be_visible()
    context.close()


def test_a_used_link_shows_a_kind_page_with_the_crisis_strip(stack: Stack,
                                                             browser: Browser) -> None:
    client = enrol(stack, "Second device")
    first = browser.new_context(viewport=PHONE)
    page = first.new_page()
    page.goto(client["chat_url"])
    page.get_by_role("button", name="Start chatting").click()
    expect(page.get_by_label("Your message")).to_be_visible()
    first.close()

    second = browser.new_context(viewport=PHONE, device_scale_factor=2)
    page = second.new_page()
    page.goto(client["chat_url"])
    page.get_by_role("button", name="Start chatting").click()
    expect(page.get_by_role("heading", name="This link can’t be used")).to_be_visible()
    expect(page.locator("#nolink")).to_contain_text("new link")
    expect(page.get_by_role("complementary", name="Crisis help")).to_contain_text("911")
    assert page.get_by_label("Your message").is_hidden()
    shot(page, "link-used-phone.png")
    second.close()
