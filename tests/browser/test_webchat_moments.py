"""Issue 16, the client's side: the moments that matter, on a phone, in a real browser.

A new client whose first message is a crisis; the keyboard and screen-reader pass through
that reply; small screens; a re-tapped link; everyday turns (the first question, a
counselor request, a lapse). axe-core runs on every chat page in light and dark mode.
The whole stack (Rasa with the trained model) and Debian's chromium, like
test_webchat_browser.py; screenshots go to var/screenshots/.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from bot import PROJECT_ROOT
from bot.clinic import load_clinic
from bot.first_contact import SHORT
from bot.gateway.arrange import faq_texts
from bot.safety.card import ARE_YOU_SAFE
from bot.stack import Stack
from tests.browser.axe_helpers import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SHOTS = PROJECT_ROOT / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
SMALL = {"width": 320, "height": 568}
KEYBOARD_OPEN = {"width": 390, "height": 480}  # a 390x844 phone with its keyboard up
DESKTOP = {"width": 1280, "height": 800}
REPLY_TIMEOUT = 45_000
CRISIS = "I want to kill myself"
EMPATHY = "I'm really glad you told me"

# Every node added to a live region, with the region's politeness, in order.
RECORD_LIVE = """() => {
  window.__said = [];
  for (const region of document.querySelectorAll('[aria-live]')) {
    new MutationObserver(records => {
      for (const r of records) for (const n of r.addedNodes)
        window.__said.push([region.getAttribute('aria-live'), n.textContent]);
    }).observe(region, {childList: true});
  }
}"""


def enrol(stack: Stack, name: str) -> dict:
    return json.loads(stack.cli("enroll", "--name", name, "--json"))


def open_chat(browser: Browser, stack: Stack, name: str, viewport: dict,
              scheme: str = "light") -> tuple[BrowserContext, Page, dict]:
    client = enrol(stack, name)
    context = browser.new_context(viewport=viewport, device_scale_factor=2, bypass_csp=True,
                                  color_scheme=scheme, has_touch=viewport["width"] < 500,
                                  is_mobile=viewport["width"] < 500)
    page = context.new_page()
    page.goto(client["chat_url"])
    page.get_by_role("button", name="Start chatting").click()
    expect(page.get_by_label("Your message")).to_be_visible()
    return context, page, client


def bot_items(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("#log .msg.bot:not(.intro)")


def say(page: Page, text: str) -> list[str]:
    before = bot_items(page).count()
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()
    expect(bot_items(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    expect(page.locator("#typing")).to_be_hidden(timeout=REPLY_TIMEOUT)
    page.wait_for_timeout(300)
    return bot_items(page).all_inner_texts()[before:]


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), animations="disabled")


def no_blocking_axe(page: Page, where: str) -> None:
    found = axe_violations(page)
    assert found == [], f"{where}: {found}"


def box(page: Page, locator) -> dict:  # type: ignore[no-untyped-def]
    found = locator.bounding_box()
    assert found is not None
    return found


def test_crisis_first_message_on_a_phone(stack: Stack, browser: Browser) -> None:
    context, page, _ = open_chat(browser, stack, "Crisis on a phone", PHONE)
    page.evaluate(RECORD_LIVE)
    replies = say(page, CRISIS)

    # One distinct card first, then the notice in one short line: two items, not six.
    assert len(replies) == 2, replies
    card = page.locator("#log .msg.crisis-msg")
    expect(card).to_have_count(1)
    assert bot_items(page).nth(0).evaluate("el => el.classList.contains('crisis-msg')")
    assert SHORT in replies[1]
    expect(card.locator(".card-lead")).to_contain_text(EMPATHY)
    expect(card.locator(".card-ask")).to_have_text(ARE_YOU_SAFE)

    # Full-width buttons at least 44 px tall, pre-filled where it matters.
    buttons = card.locator(".card-btn")
    labels = buttons.all_inner_texts()
    assert labels == ["Call 988", "Text 988", "Text HOME to 741741"], labels
    expect(buttons.nth(0)).to_have_attribute("href", "tel:988")
    expect(buttons.nth(1)).to_have_attribute("href", "sms:988")
    expect(buttons.nth(2)).to_have_attribute("href", "sms:741741?&body=HOME")
    card_width = box(page, card.locator(".card"))["width"]
    for i in range(buttons.count()):
        b = box(page, buttons.nth(i))
        assert b["height"] >= 44 and b["width"] >= 0.95 * card_width, (labels[i], b)

    # The person's words, the empathy line and the question are all on screen at once.
    expect(page.locator("#log .msg.me").last).to_be_in_viewport()
    expect(card.locator(".card-lead")).to_be_in_viewport()
    expect(card.locator(".card-ask")).to_be_in_viewport()
    quick = page.get_by_role("group", name="Quick replies")
    expect(quick.get_by_role("button", name="Yes, I'm safe")).to_be_visible()

    # The strip: 44 px targets that say what they do.
    strip = page.get_by_role("complementary", name="Crisis help")
    for name, href in (("Call 911", "tel:911"), ("Call 988", "tel:988"),
                       ("Text 988", "sms:988")):
        link = strip.get_by_role("link", name=name, exact=True)
        expect(link).to_have_attribute("href", href)
        assert box(page, link)["height"] >= 44
    assert "Call" not in [t.strip() for t in strip.get_by_role("link").all_inner_texts()]

    # Screen reader: the burst is ONE assertive announcement, nothing dropped.
    said = page.evaluate("window.__said")
    assertive = [text for live, text in said if live == "assertive"]
    assert len(assertive) == 1, said
    assert EMPATHY in assertive[0] and "Text HOME to 741741" in assertive[0]
    assert assertive[0].rstrip().endswith(ARE_YOU_SAFE) is False  # the notice comes after
    assert ARE_YOU_SAFE in assertive[0] and SHORT in assertive[0]
    assert not [t for live, t in said if live == "polite" and EMPATHY in t]
    shot(page, "crisis-phone-after.png")

    # Only the newest reply's links are tab stops (the greeting's 911/988 are not).
    intro_stops = page.locator("#log .intro a:not([tabindex='-1'])")
    expect(intro_stops).to_have_count(0)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        no_blocking_axe(page, f"crisis reply, {scheme}")

    # Reloaded, the transcript shows the same card, still the current reply (tab stops kept).
    page.reload()
    expect(card).to_have_count(1)
    expect(card.locator(".card-btn")).to_have_count(3)
    expect(card.locator(".card-ask")).to_have_text(ARE_YOU_SAFE)
    expect(card.locator(".card-btn[tabindex='-1']")).to_have_count(0)
    expect(page.locator("#log .msg.me a:not([tabindex='-1'])")).to_have_count(0)
    context.close()


def test_crisis_reply_with_the_keyboard_open(stack: Stack, browser: Browser) -> None:
    context, page, _ = open_chat(browser, stack, "Keyboard open", KEYBOARD_OPEN)
    say(page, CRISIS)
    card = page.locator("#log .msg.crisis-msg")
    expect(card.locator(".card-lead")).to_be_in_viewport()  # the start, not the notice
    expect(page.locator("#log .msg.bot").last).not_to_be_in_viewport()
    context.close()


def test_keyboard_and_screen_reader_pass_through_the_crisis_reply(stack: Stack,
                                                                  browser: Browser) -> None:
    client = enrol(stack, "Keyboard only")
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    page = context.new_page()
    page.goto(client["chat_url"])
    # Tab to "Start chatting" like a keyboard user; focus then lands in the message box.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "start":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your message")).to_be_focused()
    page.evaluate(RECORD_LIVE)
    page.keyboard.type(CRISIS)
    page.keyboard.press("Enter")
    expect(page.locator("#log .msg.crisis-msg")).to_have_count(1, timeout=REPLY_TIMEOUT)
    expect(page.locator("#typing")).to_be_hidden(timeout=REPLY_TIMEOUT)
    expect(page.get_by_label("Your message")).to_be_focused()

    # Backwards from the message box: the quick replies, then the card's buttons, and no
    # stop in the older history before the strip.
    stops = []
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        stops.append(page.evaluate("[document.activeElement.textContent.trim(), "
                                   "document.activeElement.closest('.crisis') !== null]"))
        if stops[-1][1]:
            break
    names = [name for name, _ in stops]
    assert names[:2] == ["No", "Yes, I'm safe"], names
    assert names[2:5] == ["Text HOME to 741741", "Text 988", "Call 988"], names
    assert stops[5][1], names  # straight on to the strip: no tab stops in the greeting

    said = page.evaluate("window.__said")
    assert [live for live, _ in said] == ["assertive"], said
    assert EMPATHY in said[0][1] and ARE_YOU_SAFE in said[0][1]

    # Forwards from the strip: the card's buttons, then the answers; "No" with the keyboard.
    forward = []
    for _ in range(5):
        page.keyboard.press("Tab")
        forward.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert forward == ["Call 988", "Text 988", "Text HOME to 741741", "Yes, I'm safe", "No"]
    page.keyboard.press("Enter")
    expect(page.locator("#log .msg.me").last).to_have_text(re.compile("No"))
    page.wait_for_function("window.__said.length > 1", timeout=REPLY_TIMEOUT)
    said = page.evaluate("window.__said")
    assert len(said) == 2 and "911" in said[1][1], said
    context.close()


def test_small_phone_keeps_the_conversation_in_view(stack: Stack, browser: Browser) -> None:
    context, page, _ = open_chat(browser, stack, "Small phone", SMALL)
    chrome = sum(box(page, page.locator(sel))["height"]
                 for sel in (".top", ".crisis", "#composer"))
    assert chrome <= 0.3 * SMALL["height"], chrome
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL["width"]
    for link in page.get_by_role("complementary", name="Crisis help").get_by_role("link").all():
        b = box(page, link)
        assert b["height"] >= 44 and b["x"] + b["width"] <= SMALL["width"], b
    for width in (340, 360, 375, 390, 414):  # common phones: the strip never scrolls sideways
        page.set_viewport_size({"width": width, "height": 700})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width
    page.set_viewport_size(SMALL)
    say(page, CRISIS)
    expect(page.locator("#log .msg.crisis-msg .card-lead")).to_be_in_viewport()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        no_blocking_axe(page, f"320 px chat, {scheme}")
    shot(page, "crisis-small-phone.png")
    context.close()


def test_a_retapped_link_on_a_signed_in_phone_is_not_a_lockout(stack: Stack,
                                                              browser: Browser) -> None:
    context, first, client = open_chat(browser, stack, "Re-tap", PHONE)
    page = context.new_page()  # the link tapped again opens in a new tab
    page.goto(client["chat_url"])
    page.get_by_role("button", name="Start chatting").click()
    expect(page.get_by_role("heading", name="You’re already signed in")).to_be_focused()
    expect(page.get_by_role("complementary", name="Crisis help")).to_be_visible()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        no_blocking_axe(page, f"already signed in, {scheme}")
    shot(page, "already-signed-in-phone.png")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_label("Your message")).to_be_visible()

    # On another device the used link still explains itself kindly (no session there).
    other = browser.new_context(viewport=PHONE, bypass_csp=True)
    page2 = other.new_page()
    page2.goto(client["chat_url"])
    page2.get_by_role("button", name="Start chatting").click()
    expect(page2.get_by_role("heading", name="This link can’t be used")).to_be_visible()
    for scheme in ("light", "dark"):
        page2.emulate_media(color_scheme=scheme)
        no_blocking_axe(page2, f"link used, {scheme}")
    # The welcome page too.
    page2 = other.new_page()
    page2.goto(enrol(stack, "Welcome page")["chat_url"])
    expect(page2.get_by_role("heading", name="Welcome")).to_be_visible()
    no_blocking_axe(page2, "welcome")
    other.close()
    context.close()


def test_everyday_turns(stack: Stack, browser: Browser) -> None:
    context, page, _ = open_chat(browser, stack, "Everyday", DESKTOP)
    # The greeting is the notice: the first question brings no second "automated assistant".
    expect(page.locator("#log .intro")).to_contain_text("automated assistant")
    replies = say(page, "what time is group?")
    assert not [r for r in replies if "automated assistant" in r], replies
    expect(page.get_by_role("form", name="Send a message")).to_be_visible()  # a landmark
    assert [v for v in axe_violations(page, ("minor", "moderate", "serious", "critical"))
            if v["id"] == "region"] == []

    # The counselor request says how to reach the clinic, and when.
    clinic = load_clinic()
    replies = say(page, "I want to talk to my counselor")
    joined = " ".join(replies)
    assert clinic.phone in joined and clinic.hours in joined, replies

    # A lapse gets kind lines, not a relapse-prevention FAQ paragraph.
    replies = say(page, "I drank again last night")
    assert any("slip" in r.lower() for r in replies), replies
    assert not [r for r in replies for faq in faq_texts() if faq in r], replies
    context.close()
