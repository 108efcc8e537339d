"""Issue 16, the staff half, in a real browser (Debian chromium, Playwright) at tablet
(820x1180) and desktop (1280x800) sizes, against the console served in-process with a fake
Rasa (tests/browser/console_site.py) and a seeded shift (console_seed.py).

Covers: the queue refreshing without dropping focus (keyboard-only, with announcements read
from the status region), pausing while focus or the pointer is in the lists, filters and
grouping, the call-back on the flag page and closed with it, the conversation around the
flag, confirmations and focus after every step, the follow-up time in clinic hours, search
by part of an id, the timeline's transcript and chart, the tablet layout, deactivation as a
handover, and axe-core (no serious or critical violation) on every console page in light
and dark mode. Screenshots: var/screenshots/queue-after*.png and flag-after*.png.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parent))

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "console"))

from axe_helpers import axe_violations  # noqa: E402
from console_helpers import PASSWORD, add_flag  # noqa: E402
from console_seed import CRISIS_TEXT, URGENT_REASON, Shift, seed_shift  # noqa: E402
from console_site import Site, console_site  # noqa: E402

from bot import PROJECT_ROOT  # noqa: E402
from bot.store.db import session_scope  # noqa: E402
from bot.store.models import Client, ContactRequest, Escalation, utcnow  # noqa: E402

pytestmark = [pytest.mark.browser]

SHOTS = PROJECT_ROOT / "var" / "screenshots"
TABLET = {"width": 820, "height": 1180}
DESKTOP = {"width": 1280, "height": 800}
SIZES = [pytest.param(TABLET, id="tablet"), pytest.param(DESKTOP, id="desktop")]
REFRESH = 15_000  # ms: the queue polls every 5 s; a busy 2-core machine is slow
# Every text the status region (#announcer) is given, in order.
LISTEN = """
window.__said = [];
document.addEventListener('DOMContentLoaded', () => {
  const el = document.getElementById('announcer');
  if (!el) return;
  new MutationObserver(() => { if (el.textContent) window.__said.push(el.textContent); })
    .observe(el, { childList: true, characterData: true, subtree: true });
});
"""


class MovingClock:
    """Real time passing, from a chosen start (sessions and clocks keep working)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.offset = (start - utcnow()) if start else timedelta(0)

    def __call__(self) -> datetime:
        return utcnow() + self.offset


@pytest.fixture
def clock() -> MovingClock:
    return MovingClock()


@pytest.fixture
def site(tmp_path, clock) -> Iterator[Site]:
    with console_site(tmp_path, clock) as running:
        yield running


@pytest.fixture
def shift(site, clock) -> Shift:
    return seed_shift(clock())


def open_page(browser: Browser, size: dict, scheme: str = "light", **kw) -> Page:
    context = browser.new_context(viewport=size, bypass_csp=True, color_scheme=scheme, **kw)
    context.add_init_script(LISTEN)
    return context.new_page()


def sign_in(page: Page, site: Site, username: str, landing: str = "Escalation queue") -> None:
    page.goto(f"{site.url}/staff/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", name=landing)).to_be_visible()


def said(page: Page) -> list[str]:
    return page.evaluate("window.__said")


def heard(page: Page, text: str) -> str:
    """Wait until the status region has said something starting with `text`; return it."""
    page.wait_for_function("t => window.__said.some(s => s.startsWith(t))", arg=text)
    return [s for s in said(page) if s.startswith(text)][-1]


def focused(page: Page, what: str = "name") -> str:
    """The focused element's text (its accessible name here) or its id."""
    if what == "id":
        return page.evaluate("document.activeElement.id")
    return page.evaluate("document.activeElement.textContent")


def tab_to(page: Page, predicate: str, limit: int = 150) -> None:
    """Press Tab until `predicate` (JS, given `el`) holds for the focused element."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached: {predicate}")


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, animations="disabled")


def flag_row(page: Page, flag_id: int):  # type: ignore[no-untyped-def]
    return page.locator(f"tr[data-escalation-id='{flag_id}']")


@pytest.mark.parametrize("size", SIZES)
def test_keyboard_and_screen_reader_through_a_refreshing_queue(browser, site, shift, clock,
                                                               size):
    """Focus survives refreshes, new flags are announced while the lists hold still, and
    Acknowledge is confirmed in the status region with focus on the acknowledged flag."""
    page = open_page(browser, size)
    sign_in(page, site, "cara")
    alex = flag_row(page, shift.alex_flag)
    expect(alex).to_be_visible()
    page.evaluate(f"document.querySelector(\"tr[data-escalation-id='{shift.flag}']\")"
                  ".dataset.mark = 'same'")
    tab_to(page, f"el.textContent === 'Acknowledge flag #{shift.alex_flag} for Alex Kim'")
    # A new flag arrives while the keyboard is in the list: announced, not inserted.
    late = add_flag(shift.alex, "moderate", "quiet lately", clock(), category="relapse")
    page.wait_for_function("window.__said.some(t => t.startsWith('New Moderate flag'))",
                           timeout=REFRESH)
    assert heard(page, "New Moderate flag") == "New Moderate flag: relapse, Alex Kim."
    assert focused(page) == f"Acknowledge flag #{shift.alex_flag} for Alex Kim"
    expect(flag_row(page, late)).to_have_count(0)
    expect(page.locator("#updated")).to_contain_text("Paused")
    # Acknowledge by keyboard: confirmed, and focus lands on the same flag, now in progress.
    page.keyboard.press("Enter")
    assert heard(page, "Acknowledged").startswith(
        f"Acknowledged flag #{shift.alex_flag} for Alex Kim.")
    expect(page.locator("#queue-progress").locator(
        f"tr[data-escalation-id='{shift.alex_flag}']")).to_be_visible()
    assert focused(page) == f"Resolve… flag #{shift.alex_flag} for Alex Kim"
    expect(flag_row(page, late)).to_be_visible()  # the forced update brought it in
    # Rows that did not change are the same elements after a refresh (updated in place).
    page.locator("#filter-client").focus()
    page.mouse.move(0, 0)
    page.wait_for_timeout(6000)  # at least one more refresh, applied (nothing paused it)
    expect(page.locator("#updated")).to_contain_text("Live")
    assert page.locator(f"tr[data-escalation-id='{shift.flag}'][data-mark='same']"
                        ).count() == 1
    page.context.close()


def test_the_pointer_in_the_list_pauses_it_too(browser, site, shift, clock):
    page = open_page(browser, DESKTOP)
    sign_in(page, site, "cara")
    box = flag_row(page, shift.flag).bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 10)
    late = add_flag(shift.alex, "imminent", "now", clock(), category="overdose")
    page.wait_for_function("window.__said.some(t => t.startsWith('New Imminent flag'))",
                           timeout=REFRESH)
    expect(flag_row(page, late)).to_have_count(0)
    page.mouse.move(5, 5)
    expect(flag_row(page, late)).to_be_visible()
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_filters_and_a_clients_flags_grouped(browser, site, shift, size):
    page = open_page(browser, size)
    sign_in(page, site, "cara")
    rows = page.locator("#queue-open tbody tr[data-escalation-id]")
    expect(rows).to_have_count(3)
    ids = [int(r.get_attribute("data-escalation-id") or 0) for r in rows.all()]
    assert ids == [shift.flag, shift.repeat, shift.alex_flag]  # Jordan's together
    expect(flag_row(page, shift.flag)).to_contain_text("2 flags")
    expect(flag_row(page, shift.repeat)).to_have_class("level-moderate repeat")
    expect(flag_row(page, shift.repeat)).to_contain_text("same client (Jordan Lee)")
    page.get_by_label("Level").select_option("moderate")
    expect(rows).to_have_count(1)
    expect(rows).to_have_attribute("data-escalation-id", str(shift.repeat))
    page.get_by_label("Level").select_option("")
    expect(rows).to_have_count(3)
    page.get_by_label("Client", exact=True).fill("alex")
    expect(rows).to_have_count(1)
    expect(rows).to_have_attribute("data-escalation-id", str(shift.alex_flag))
    page.get_by_label("Client", exact=True).fill(shift.jordan[2:9])  # part of an id
    expect(rows).to_have_count(2)
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_flag_page_callback_on_top_conversation_and_confirmed_steps(browser, site, shift,
                                                                    size):
    """Keyboard-only with the status region captured: acknowledge, note and resolve."""
    page = open_page(browser, size)
    sign_in(page, site, "cara")
    tab_to(page, f"el.textContent === 'Open flag #{shift.flag} for Jordan Lee'")
    page.keyboard.press("Enter")
    callback = page.locator("#callback")
    expect(callback).to_contain_text("Asked for a call back")
    expect(callback.get_by_role("link", name="+15551230001")).to_have_attribute(
        "href", "tel:+15551230001")
    expect(callback).to_contain_text("Closes when you resolve this flag.")
    # The call-back is the first thing on the page after the heading.
    assert page.evaluate("document.querySelector('#callback').getBoundingClientRect().top < "
                         "document.querySelector('#flag-text').getBoundingClientRect().top")
    talk = page.get_by_role("region", name="Conversation around the flag")
    expect(talk).to_contain_text("my sister and I had a huge fight")
    expect(talk).to_contain_text("yes please call me")
    flagged = talk.locator("li.flagged")
    expect(flagged).to_contain_text(CRISIS_TEXT)
    expect(flagged.locator(".badge")).to_have_text("Imminent")
    shot(page, f"flag-after{'-tablet' if size == TABLET else ''}")

    tab_to(page, "el.id === 'ack'")
    page.keyboard.press("Enter")
    expect(page.locator("#step-done")).to_have_text(
        f"Acknowledged flag #{shift.flag}. The paging ladder has stopped.")
    assert focused(page, "id") == "step-done"
    assert heard(page, "Acknowledged") == (
        f"Acknowledged flag #{shift.flag}. The paging ladder has stopped.")

    tab_to(page, "el.getAttribute('aria-label') === 'New note'")
    page.keyboard.type("Called, no answer; left a voicemail.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("ol.notes")).to_contain_text("left a voicemail")
    assert heard(page, "Note added") == f"Note added to flag #{shift.flag}."
    assert focused(page, "id") == "step-done"

    tab_to(page, "el.type === 'radio' && el.value === 'reached_safe'")
    page.keyboard.press("Space")
    tab_to(page, "el.type === 'submit' && el.textContent === 'Resolve'")
    page.keyboard.press("Enter")
    expect(page.locator("#step-done")).to_contain_text("The call-back request is closed too.")
    assert heard(page, "Resolved").startswith(
        f"Resolved flag #{shift.flag}: Reached client – safe. The call-back request is closed")
    expect(callback).to_contain_text("Handled.")
    with session_scope() as s:
        assert s.get(ContactRequest, shift.request).status == "done"
        assert s.get(Escalation, shift.flag).status == "resolved"
    page.context.close()


def test_no_phone_says_reply_in_chat(browser, site, shift, clock):
    with session_scope() as s:
        s.add(ContactRequest(client_id=shift.alex, reason=URGENT_REASON, created_at=clock()))
    page = open_page(browser, DESKTOP)
    sign_in(page, site, "cara")
    expect(flag_row(page, shift.alex_flag)).to_contain_text("no phone - reply in chat")
    page.goto(f"{site.url}/staff/escalations/{shift.alex_flag}")
    expect(page.locator("#callback")).to_contain_text("No phone - reply in chat")
    page.context.close()


def test_follow_up_defaults_to_the_next_clinic_hour(browser, tmp_path):
    friday_night = MovingClock(datetime(2026, 12, 5, 3, 0))  # 22:00 Friday in New York
    with console_site(tmp_path, friday_night) as running:
        shift = seed_shift(friday_night())
        page = open_page(browser, DESKTOP, timezone_id="America/New_York")
        sign_in(page, running, "cara")
        page.goto(f"{running.url}/staff/escalations/{shift.flag}")
        expect(page.locator("#follow-up-at")).to_have_value("2026-12-07T08:00")
        expect(page.locator("#resolve")).to_contain_text("next clinic hour")
        # The timeline's follow-up form too; adding one is confirmed and focus moves.
        page.goto(f"{running.url}/staff/clients/{shift.alex}")
        due = page.get_by_label("Due", exact=True)
        expect(due).to_have_value("2026-12-07T08:00")
        page.get_by_label("Note", exact=True).fill("Call after the weekend")
        page.get_by_role("button", name="Add follow-up").click()
        assert heard(page, "Follow-up added").startswith("Follow-up added, due ")
        assert focused(page, "id") == "h-follow-ups"
        # Marking one done on the queue is confirmed too, with focus on its list.
        page.get_by_role("link", name="Queue").click()
        tasks = page.locator("#follow-ups tbody tr[data-follow-up-id]")
        expect(tasks).to_have_count(2)
        tasks.first.get_by_role("button", name="Mark done").click()
        assert heard(page, "Follow-up for Alex Kim marked done.")
        expect(tasks).to_have_count(1)
        assert focused(page, "id") == "h-tasks"
        page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_timeline_transcript_chart_and_search(browser, site, shift, size):
    page = open_page(browser, size)
    sign_in(page, site, "cara")
    page.get_by_role("link", name="Clients").click()
    page.get_by_label("Search clients").fill(shift.jordan[3:10])  # part of an id
    rows = page.locator("#clients tbody tr[data-client-id]")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name="Jordan Lee").click()
    talk = page.get_by_role("region", name=re.compile(r"^Conversation \(\d+ most recent"))
    expect(talk).to_be_visible()
    page.wait_for_function("(() => { const b = document.querySelector('.scrollbox');"
                           " return b.scrollTop + b.clientHeight >= b.scrollHeight - 2; })()")
    tab_to(page, "el.classList.contains('scrollbox')")  # axe: scrollable-region-focusable
    flagged = talk.locator("li", has_text=CRISIS_TEXT)
    expect(flagged.locator(".badge")).to_have_text("Imminent")  # the flag's, not the screen's
    page.wait_for_function("document.querySelector('#craving-chart').naturalWidth > 0")
    svg = page.request.get(f"{site.url}/api/staff/clients/{shift.jordan}/cravings.svg").text()
    assert 'font-size="14"' in svg and "strong craving (7+)" in svg
    assert svg.count("(strong)</title>") == 2  # the 7 and the 8, as diamonds
    page.context.close()


def test_tablet_queue_keeps_what_was_flagged_readable(browser, site, shift):
    page = open_page(browser, TABLET)
    sign_in(page, site, "cara")
    what = flag_row(page, shift.flag).locator("td.what")
    expect(what).to_be_visible()
    assert what.bounding_box()["width"] > 500
    assert page.evaluate("[...document.querySelectorAll('.tablewrap')]"
                         ".every(w => w.scrollWidth <= w.clientWidth + 1)")
    shot(page, "queue-after-tablet")
    page.context.close()


def test_desktop_queue_screenshot(browser, site, shift):
    page = open_page(browser, DESKTOP)
    sign_in(page, site, "cara")
    expect(flag_row(page, shift.flag)).to_contain_text("+15551230001")
    shot(page, "queue-after")
    page.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_deactivation_lists_what_they_hold_and_hands_it_over(browser, site, shift, size):
    page = open_page(browser, size)
    sign_in(page, site, "root", landing="Staff and programs")
    page.get_by_role("button", name="Deactivate cara").click()
    dialog = page.locator("dialog")
    expect(dialog.locator("#holdings")).to_have_text(
        "cara is primary clinician for 2 active clients, with 3 open flags and 1 open "
        "follow-up.")
    dialog.get_by_role("button", name="Deactivate").click()
    expect(dialog.get_by_role("alert")).to_have_text("Choose who takes their clients.")
    dialog.get_by_label("Hand their clients to").select_option(label="dan (iop)")
    dialog.get_by_role("button", name="Deactivate").click()
    expect(page.locator("dialog")).to_contain_text("cara is deactivated. 2 clients moved to dan.")
    page.get_by_role("button", name="Done").click()
    expect(page.locator(f"tr[data-staff-id='{shift.cara.id}']")).to_contain_text("Deactivated")
    expect(page.get_by_role("button", name="Reactivate cara")).to_be_visible()
    with session_scope() as s:
        owners = {c.primary_clinician_id for c in s.query(Client).filter(
            Client.id.in_([shift.jordan, shift.alex]))}
    assert owners == {shift.dan.id}
    page.context.close()


PAGES = ["/staff", "/staff/escalations/{flag}", "/staff/clients", "/staff/clients/{jordan}",
         "/staff/clients/new", "/staff/groups", "/staff/password", "/staff/nowhere"]
ADMIN_PAGES = ["/staff/admin", "/staff/audit"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_nothing_serious_on_any_console_page(browser, site, shift, size, scheme):
    page = open_page(browser, size, scheme)
    found = {}
    page.goto(f"{site.url}/staff/login")
    found["/staff/login"] = axe_violations(page)
    for who, paths in (("cara", PAGES), ("root", ADMIN_PAGES)):
        sign_in(page, site, who, landing="Staff and programs" if who == "root"
                else "Escalation queue")
        for path in paths:
            page.goto(site.url + path.format(flag=shift.flag, jordan=shift.jordan))
            page.wait_for_selector("#view > .page, #view > section", timeout=10_000)
            page.wait_for_load_state("networkidle")
            found[path] = axe_violations(page)
        page.get_by_role("button", name="Sign out").click()
        expect(page).to_have_url(f"{site.url}/staff/login?why=out")
    page.goto(f"{site.url}/staff/login")
    sign_in(page, site, "root", landing="Staff and programs")
    page.get_by_role("button", name="Deactivate cara").click()  # the handover dialog
    found["deactivate dialog"] = axe_violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    page.context.close()
