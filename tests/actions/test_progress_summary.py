"""Progress summary: friendly when empty, 7 and 30 day figures, trends, store failure."""

from __future__ import annotations

from action_helpers import build_tracker, texts

from actions import progress
from actions.progress import NO_DATA, NOT_LOADED, ActionProgressSummary, summary_messages
from bot.store.logs import save_checkin, save_trigger
from bot.store.progress import ProgressSummary, Window


def _window(days: int, checkins: int, avg: float | None, trend: str,
            top: list[tuple[str, int]] | None = None) -> Window:
    return Window(days=days, checkins=checkins, avg_intensity=avg, trend=trend,
                  top_triggers=top or [])


async def test_no_data_is_friendly_and_offers_a_check_in(run, client_id):
    _, messages = await run(ActionProgressSummary(), build_tracker(sender=client_id))
    assert texts(messages) == [NO_DATA]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["log a craving", "log a trigger"]


async def test_summary_counts_this_clients_rows_only(run, client_id):
    from bot.store.clients import enroll_client

    other = enroll_client("Someone Else").client_id
    for value in (6, 4):
        save_checkin(client_id, value, "alcohol", "at home", None)
    save_checkin(other, 10, "alcohol", None, None)
    save_trigger(client_id, "emotions", "sad", 5, None)
    save_trigger(client_id, "emotions", "lonely", 5, None)
    save_trigger(client_id, "people", "ex", 7, None)
    _, messages = await run(ActionProgressSummary(), build_tracker(sender=client_id))
    first, second = texts(messages)
    assert first == ("Your cravings have been about 5 out of 10 this month; a few more "
                     "check-ins will show a trend. You checked in twice this week and twice "
                     "this month.")
    assert "feelings (2), people (1)" in second


def test_trend_words_and_closers():
    rising = ProgressSummary(_window(7, 4, 6.5, "rising"), _window(30, 9, 5.0, "steady"))
    first, second = summary_messages(rising)
    assert first.startswith("Your cravings have been getting stronger this week (about 6.5 "
                            "out of 10 on average).")
    assert "4 times this week and 9 times this month" in first and "counselor" in second
    falling = ProgressSummary(_window(7, 1, 3.0, "not enough data"),
                              _window(30, 6, 4.2, "falling", [("halt", 3)]))
    first, second = summary_messages(falling)
    assert first.startswith("Your cravings have been easing this month (about 4.2 out of 10")
    assert "once this week" in first and "not enough data" not in first
    assert second.startswith("Most common triggers in 30 days: HALT (3).")
    assert "progress" in second
    assert len(first) <= 300 and len(second) <= 300


async def test_store_failure_is_told(run, monkeypatch):
    def broken(*args):
        raise RuntimeError("db down")

    monkeypatch.setattr(progress.progress, "progress_summary", broken)
    _, messages = await run(ActionProgressSummary(), build_tracker())
    assert texts(messages) == [NOT_LOADED]


def test_lapses_are_named_without_shame():
    quiet = ProgressSummary(_window(7, 0, None, "not enough data"),
                            _window(30, 0, None, "not enough data"), lapses30=1)
    [only] = summary_messages(quiet)
    assert only.startswith("You told me about a slip this month.") and "counselor" in only
    busy = ProgressSummary(_window(7, 2, 4.0, "steady"), _window(30, 5, 4.0, "steady"),
                           lapses30=2)
    messages = summary_messages(busy)
    assert len(messages) == 3 and "2 slips" in messages[2]
    assert all(len(m) <= 320 for m in messages)
    assert not any(w in " ".join(messages).lower() for w in ("relapse", "failure", "clean"))


async def test_a_reported_lapse_shows_in_how_am_i_doing(run, client_id):
    from bot.store import lapses

    lapses.open_lapse(client_id, None, substance="alcohol")
    _, messages = await run(ActionProgressSummary(), build_tracker(sender=client_id))
    assert texts(messages) == [progress.lapse_line(1)]
