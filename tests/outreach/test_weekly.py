"""The weekly check-in: answers, scoring, worsening against the client's own weeks, and the
flag staff see in the console queue."""

from __future__ import annotations

from datetime import timedelta

from console_fixtures import add_client, console_server, staffer  # noqa: F401
from sqlalchemy import select

from bot.dispatch.config import EscalationConfig
from bot.outreach.config import Worsening
from bot.outreach.weekly import BY_SLOT, ITEMS, Scores, answer_index, save_weekly, score, worsened
from bot.store.db import session_scope
from bot.store.models import Escalation, WeeklyCheckin

RULE = Worsening(risk_rise=4, protective_drop=4, weeks=4)
STEADY = {"bam_craving": 1, "bam_use": 0, "bam_sleep": 1, "bam_mood": 1, "bam_risky": 0,
          "bam_confidence": 3, "bam_meetings": 2, "bam_support": 3}


def test_numbered_and_worded_answers_become_option_indexes():
    craving, use = BY_SLOT["bam_craving"], BY_SLOT["bam_use"]
    assert answer_index(craving, "3") == 2
    assert answer_index(craving, "#5") == 4
    assert answer_index(craving, 1.0) == 0
    assert answer_index(craving, "Quite a bit") == 3
    assert answer_index(use, "no") == 0 and answer_index(use, "Yes, both") == 3
    for bad in ("6", "0", "yes", "", None, True, 2.5):
        assert answer_index(craving, bad) is None, bad
    assert answer_index(use, "yes") is None  # which one? asked again


def test_scores_and_skipped_items_are_scaled_not_dropped():
    assert score(STEADY) == Scores(risk=3, protective=8, any_use=False)
    worst = {i.slot: len(i.options) - 1 for i in ITEMS}
    assert score(worst) == Scores(risk=16, protective=11, any_use=True)
    half = {**STEADY, "bam_sleep": None, "bam_mood": None, "bam_craving": 4, "bam_risky": 4}
    assert score(half).risk == 16  # two skipped, the two answered at the top: 16 of 16


def test_worsening_is_against_the_clients_own_recent_average():
    before = [Scores(3, 8, False), Scores(4, 8, False), Scores(2, 9, False)]
    assert not worsened(Scores(6, 7, False), before, RULE)  # +3 risk, -1.3 protective
    assert worsened(Scores(7, 8, False), before, RULE)  # +4 risk
    assert worsened(Scores(3, 4, False), before, RULE)  # -4.3 protective
    assert not worsened(Scores(16, 0, False), [], RULE)  # no weeks to compare with


def _escalations(client_id: str) -> list[Escalation]:
    with session_scope() as s:
        rows = list(s.scalars(select(Escalation).where(Escalation.client_id == client_id)))
        for row in rows:
            s.expunge(row)
        return rows


def test_any_reported_use_raises_a_moderate_flag_with_the_answers(store_db, clock):
    from outreach_helpers import enrol

    client = enrol()
    saved = save_weekly(client, {**STEADY, "bam_use": 1}, clock.now, RULE, EscalationConfig())
    assert saved.flag == "relapse"
    [flag] = _escalations(client)
    assert (flag.level, flag.category, flag.source) == ("moderate", "relapse", "outreach")
    with session_scope() as s:
        row = s.get(WeeklyCheckin, saved.checkin_id)
        assert (row.substance_use, row.escalation_id, row.risk_score) == (1, flag.id, 3)


async def test_a_worsening_week_raises_a_flag_that_shows_in_the_console_queue(
        staffer, clock):  # noqa: F811
    cara = await staffer("cara", "clinician")
    client = add_client("Jordan", cara.id)
    for weeks_ago in (3, 2, 1):
        steady = save_weekly(client, STEADY, clock.now - timedelta(weeks=weeks_ago), RULE,
                             EscalationConfig())
        assert steady.flag is None
    worse = {**STEADY, "bam_craving": 3, "bam_mood": 3, "bam_sleep": 3}
    saved = save_weekly(client, worse, clock.now, RULE, EscalationConfig())
    assert saved.flag == "weekly_worsening" and saved.scores.risk == 9
    resp = await cara.get("/api/staff/queue")
    assert resp.status == 200
    items = [e for e in (await resp.json())["escalations"] if e["client_id"] == client]
    assert [(e["level"], e["category"], e["source"], e["state"]) for e in items] == \
        [("moderate", "weekly_worsening", "outreach", "open")]
    assert items[0]["client_name"] == "Jordan" and items[0]["excerpt"] is None
