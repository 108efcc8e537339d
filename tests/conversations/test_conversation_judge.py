"""The judge: expectation words from turn evidence (acts.yml), not_said, and stored rows."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from tests.conversations.harness.acts import ACTS_PATH, load_acts, parse_acts
from tests.conversations.harness.evidence import TurnEvidence, add_tracker_events
from tests.conversations.harness.judge import judge
from tests.conversations.harness.loader import VOCABULARY, parse_conversation
from tests.conversations.harness.report import figures, summarise
from tests.conversations.harness.stored import StoredRows

ACTS = load_acts()


def conv(turns, end=None):
    return parse_conversation({"id": "j-1", "capability": "craving", "channel": "web",
                               "turns": turns, "end": end or {}})


def turn(user="x", replies=(), actions=(), responses=()):
    return TurnEvidence(user, list(replies), list(actions), list(responses))


SAVED_CHECKIN = StoredRows(checkins=[{"intensity": 6.0, "substance": "alcohol",
                                      "situation": "after work at the bar",
                                      "coping": "call my sponsor"}])


def test_the_act_table_covers_the_whole_vocabulary():
    data = yaml.safe_load(ACTS_PATH.read_text())
    assert set(data) == VOCABULARY
    del data["greeting"]
    with pytest.raises(ValueError, match="missing \\['greeting'\\]"):
        parse_acts(data)


def test_a_word_holds_on_its_response_name_and_fails_without_it():
    c = conv([{"user": "hi", "expect": ["greeting"]}])
    assert judge(c, [turn(responses=["utter_greet"])], StoredRows(), ACTS).completed
    verdict = judge(c, [turn(responses=["utter_default"], replies=["Hi!"])], StoredRows(), ACTS)
    assert [(f.word, f.turn) for f in verdict.failures] == [("greeting", 1)]


def test_every_condition_of_an_alternative_must_hold():
    c = conv([{"user": "remind me at 11pm", "expect": ["quiet_hours_refused"]}])
    refused = "I don't send messages between 9pm and 8am, so that time won't work."
    assert judge(c, [turn(replies=[refused], actions=["action_schedule_checkin"])],
                 StoredRows(), ACTS).completed
    # The same words from another action are not the act.
    assert not judge(c, [turn(replies=[refused], actions=["utter_faq"])],
                     StoredRows(), ACTS).completed


def test_a_form_question_is_read_from_requested_slot():
    evidence = turn()
    add_tracker_events(evidence, [
        ("user", None, {"parse_data": {"intent": {"name": "log_craving"}}}),
        ("action", "craving_form", {}),
        ("slot", None, {"name": "requested_slot", "value": "craving_coping"}),
        ("bot", None, {"metadata": {"utter_action": "utter_faq/insurance"}}),
        ("action", "action_listen", {}),
    ])
    assert evidence.intent == "log_craving"
    assert evidence.actions == ["craving_form", "action_ask_craving_coping"]
    assert evidence.responses == ["utter_faq/insurance"]


def test_unmapped_words_always_fail():
    table = yaml.safe_load(ACTS_PATH.read_text(encoding="utf-8"))
    acts = parse_acts({**table, "acknowledges_correction": []})
    assert "acknowledges_correction" in acts.unmapped()
    c = conv([{"user": "I meant 5", "expect": ["acknowledges_correction"]}])
    everything = turn(replies=["Got it, I changed it to 5."], actions=["action_save_craving"])
    assert not judge(c, [everything], StoredRows(), acts).completed


def test_a_saved_recap_needs_the_save_and_a_restatement_of_the_row():
    c = conv([{"user": "call my sponsor", "expect": ["checkin_saved_recap"]}])
    plain = turn(replies=["Got it, your check-in is saved."], actions=["action_save_craving"])
    recap = turn(replies=["Got it, your check-in is saved: 6/10 for alcohol."],
                 actions=["action_save_craving"])
    assert not judge(c, [plain], SAVED_CHECKIN, ACTS).completed
    assert judge(c, [recap], SAVED_CHECKIN, ACTS).completed


def test_not_said_fails_at_the_first_turn_that_says_it():
    c = conv([{"user": "hi"}, {"user": "what?"}], {"not_said": ["fallback_menu"]})
    verdict = judge(c, [turn(), turn(responses=["utter_default"])], StoredRows(), ACTS)
    assert [(f.word, f.turn) for f in verdict.failures] == [("not_said:fallback_menu", 2)]


@pytest.mark.parametrize("stored, rows, ok", [
    ({"checkin": {"strength": 6, "substance": "alcohol", "situation_contains": "BAR",
                  "coping_contains": "sponsor"}}, SAVED_CHECKIN, True),
    ({"checkin": {"strength": 7}}, SAVED_CHECKIN, False),
    ({"checkin": {"substance": "opioids"}}, SAVED_CHECKIN, False),
    ({"nothing": True}, StoredRows(), True),
    ({"nothing": True}, StoredRows(contact_requests=1), False),
    ({"lapse": {"substance": "alcohol"}}, SAVED_CHECKIN, False),  # no lapse records yet
    ({"escalation": {"level": "high", "category": "overdose"}},
     StoredRows(escalations=[{"level": "imminent", "category": "overdose"}]), True),
    ({"escalation": {"level": "imminent", "category": "overdose"}},
     StoredRows(escalations=[{"level": "high", "category": "overdose"}]), False),
    ({"escalation": {"level": "high", "category": "self_harm"}},
     StoredRows(escalations=[{"level": "high", "category": "suicidal_ideation"}]), False),
    ({"schedule": {"daily_time": "20:00"}}, StoredRows(daily_times=["20:00"]), True),
    ({"schedule": {"daily_time": "08:00"}}, StoredRows(daily_times=["20:00"]), False),
    ({"trigger": {"what_contains": "boss", "response_contains": "walk"}},
     StoredRows(triggers=[{"description": "my boss yelled", "response": "went for a walk"}]),
     True),
    ({"contact_request": True}, StoredRows(), False),
])
def test_stored_expectations_are_checked_against_the_rows(stored, rows, ok):
    verdict = judge(conv([{"user": "x"}], {"stored": stored}), [turn()], rows, ACTS)
    assert verdict.completed is ok
    if not ok:
        assert verdict.failures[0].word == f"stored.{next(iter(stored))}"


def test_a_turn_error_or_a_run_cut_short_fails():
    c = conv([{"user": "a"}, {"user": "b"}])
    errored = turn()
    errored.error = "http_503"
    assert [f.word for f in judge(c, [errored, turn()], StoredRows(), ACTS).failures] == \
        ["turn_error"]
    assert [(f.word, f.turn) for f in judge(c, [turn()], StoredRows(), ACTS).failures] == \
        [("turn_error", 2)]


def test_figures_name_no_conversation_and_no_message():
    c = conv([{"user": "my secret words", "expect": ["greeting"]}])
    verdict = judge(c, [turn("my secret words", replies=["a reply"])], StoredRows(), ACTS)
    lines = "\n".join(figures(summarise([verdict], ["safety"]), ACTS.unmapped(), Counter()))
    assert "completion: 0/2" in lines and "greeting" in lines and "invalid" in lines
    assert "j-1" not in lines and "secret" not in lines and "a reply" not in lines


def test_every_high_or_imminent_crisis_reply_counts_as_crisis_resources():
    """The text pattern is checked against bot.safety's real replies, so it cannot drift."""
    from bot.safety.resources import _HIGH, _IMMINENT, crisis_reply

    for level, table in (("high", _HIGH), ("imminent", _IMMINENT)):
        for category in table:
            shown = turn(replies=crisis_reply(category, level))
            assert ACTS.holds("crisis_resources", shown, StoredRows()), (category, level)
    assert not ACTS.holds("crisis_resources", turn(replies=[
        "In an emergency call 911, or call or text 988."]), StoredRows())
