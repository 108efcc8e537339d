"""Forms that never lose an answer (issue 12): guards, corrections, stops and drafts.

The message sent to a waiting question is the answer unless it is an explicit stop, an
unmistakable question or a correction; these tests run the generated validate_<form>
actions with what the NLU might have guessed, and check what ends up in the slots, the draft
and the database.
"""

from __future__ import annotations

from typing import Any

import pytest
from action_helpers import build_tracker, slot_values, texts
from sqlalchemy import select

from actions.checkin import CRAVING_FORM, ActionSaveCraving, ValidateCravingForm
from actions.coping import suggestion
from actions.forms import guards
from actions.forms.engine import CORRECTED, RESUMED
from actions.forms.finish import (
    ASK_SAVE_SO_FAR,
    DISCARDED,
    OFFER_DRAFT,
    STOPPED_KEPT,
    STOPPED_NOTHING,
    AskFormKeepPartial,
)
from actions.forms.offer import ActionGreet
from actions.triggers import ValidateTriggerForm
from actions.weekly_checkin import ValidateWeeklyForm
from bot.store import form_drafts
from bot.store.db import session_scope
from bot.store.models import CheckIn

FORM = "craving_form"


def answer(text: str, requested: str, slots: dict[str, Any] | None = None,
           intent: str = "inform", confidence: float = 0.9, sender: str = "c_test",
           **latest: Any):
    """A reply to `requested` in the craving form, mapped by from_text as Rasa would."""
    tracker = build_tracker(text, intent=intent, candidates={requested: text}, slots=slots,
                            requested=requested, active_loop=FORM, sender=sender)
    tracker.latest_message["intent"]["confidence"] = confidence
    tracker.latest_message["intent_ranking"] = [{"name": intent, "confidence": confidence}]
    tracker.latest_message.update(latest)
    return tracker


FOUR_ANSWERS = {"craving_intensity": 4.0, "craving_substance": "alcohol",
                "craving_situation": "family dinner at my aunt's house"}


# ---------------------------------------------------------------- the guards on their own
@pytest.mark.parametrize("text", ["stop", "Cancel", "never mind", "nvm", "quit", "not now",
                                  "forget it", "ok forget it", "Stop!", "no more questions",
                                  "i'm done"])
def test_explicit_stops(text):
    assert guards.is_stop(text)


@pytest.mark.parametrize("text", ["leave early", "stop at the store on the way home",
                                  "toasted w my water and left early", "no", "done with work",
                                  "quit drinking for good this time", "breathing exercises"])
def test_answers_that_are_not_stops(text):
    assert not guards.is_stop(text)


@pytest.mark.parametrize(("text", "leaving"), [("ok gotta go bye", True),
                                               ("gtg boss is here", True), ("bye", True),
                                               ("my boss said bye and left me alone at the "
                                                "bar all night", False), ("leave early", False)])
def test_leaving_mid_form(text, leaving):
    assert guards.is_leaving(text) is leaving


@pytest.mark.parametrize(("text", "coping"), [("what should I do right now?", True),
                                              ("what do i do", True),
                                              ("what time is group tmrw?", False),
                                              ("call my sponsor and do what helps", False)])
def test_own_craving_questions(text, coping):
    assert guards.asks_for_coping(text) is coping


def test_a_question_needs_its_shape_and_a_question_intent_ranked_high():
    faq = {"intent": {"name": "faq", "confidence": 0.8},
           "intent_ranking": [{"name": "faq", "confidence": 0.8}]}
    assert guards.unmistakable_question("is this confidential? my PO", faq) == "faq"
    assert guards.unmistakable_question("my boss yelled at me at work", faq) is None
    inform = {"intent": {"name": "inform", "confidence": 0.7},
              "intent_ranking": [{"name": "inform", "confidence": 0.7},
                                 {"name": "faq", "confidence": 0.2}]}
    assert guards.unmistakable_question("how about a walk?", inform) is None


# ---------------------------------------------------------------- answers stay answers
async def test_leave_early_read_as_stop_is_saved_as_the_coping_plan(run, drafts):
    tracker = answer("leave early", "craving_coping", FOUR_ANSWERS, intent="stop")
    events, messages = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["craving_coping"] == "leave early"
    assert slots["requested_slot"] is None and "form_stop" not in slots
    assert drafts[("c_test", FORM)]["craving_coping"] == "leave early"


async def test_work_or_family_in_a_free_text_answer_gets_no_faq(run):
    said = "fight with my family about work again"
    tracker = answer(said, "craving_situation", {"craving_intensity": 6.0,
                                                 "craving_substance": "alcohol"},
                     intent="faq", response_selector={"faq": {"response": {
                         "utter_action": "utter_faq/work_school"}}})
    events, messages = await run(ValidateCravingForm(), tracker)
    assert slot_values(events)["craving_situation"] == said
    assert messages == []


async def test_what_should_i_do_at_a_9_gets_coping_help_then_the_same_question(run):
    tracker = answer("what should I do right now?", "craving_substance",
                     {"craving_intensity": 9.0}, intent="faq")
    events, messages = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert texts(messages) == [suggestion(9.0, None)]
    assert "988" in texts(messages)[0]
    assert slots["craving_substance"] is None and "invalid_tries" not in slots
    assert slots.get("requested_slot") in (None, "craving_substance")


async def test_a_program_question_is_answered_and_not_counted_as_a_miss(run):
    tracker = answer("how many hours a week is IOP?", "craving_substance",
                     {"craving_intensity": 4.0}, intent="faq",
                     response_selector={"faq": {"response": {
                         "utter_action": "utter_faq/hours_per_week"}}})
    events, messages = await run(ValidateCravingForm(), tracker)
    assert [m.get("response") for m in messages] == ["utter_faq/hours_per_week"]
    slots = slot_values(events)
    assert slots["craving_substance"] is None and "invalid_tries" not in slots


async def test_thanks_mid_form_is_answered_and_not_a_miss(run):
    events, messages = await run(ValidateCravingForm(), answer("thanks", "craving_coping",
                                                                FOUR_ANSWERS, intent="thank"))
    assert [m.get("response") for m in messages] == ["utter_youre_welcome"]
    slots = slot_values(events)
    assert slots["craving_coping"] is None and "invalid_tries" not in slots


# ---------------------------------------------------------------- corrections
async def test_no_wait_its_a_6_corrects_the_strength_and_keeps_the_question(run, drafts):
    tracker = answer("no wait it's a 6, the 8 was earlier this afternoon", "craving_substance",
                     {"craving_intensity": 8.0})
    events, messages = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["craving_intensity"] == 6.0 and slots["craving_substance"] is None
    assert texts(messages) == [CORRECTED.format(value="6")]
    assert drafts[("c_test", FORM)] == {"craving_intensity": 6.0}


async def test_actually_it_was_weed_corrects_the_substance(run):
    tracker = answer("actually it was weed not alcohol, sorry", "craving_situation",
                     {"craving_intensity": 5.0, "craving_substance": "alcohol"})
    events, messages = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["craving_substance"] == "cannabis" and slots["craving_situation"] is None
    assert texts(messages) == [CORRECTED.format(value="cannabis")]


async def test_actually_answering_the_current_question_is_an_answer(run):
    tracker = answer("actually it was weed", "craving_substance", {"craving_intensity": 5.0})
    events, messages = await run(ValidateCravingForm(), tracker)
    assert slot_values(events)["craving_substance"] == "cannabis" and messages == []


async def test_a_free_text_answer_is_corrected_when_the_correction_says_so(run):
    tracker = answer("actually im at my moms not home", "craving_coping",
                     {"craving_intensity": 4.0, "craving_substance": "alcohol",
                      "craving_situation": "at home"})
    events, messages = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["craving_situation"] == "im at my moms not home"
    assert slots["craving_coping"] is None
    assert texts(messages) == [CORRECTED.format(value="im at my moms not home")]
    plain = answer("actually I will call my sponsor", "craving_coping",
                   {"craving_intensity": 4.0, "craving_situation": "at home"})
    events, messages = await run(ValidateCravingForm(), plain)
    assert slot_values(events)["craving_coping"] == "actually I will call my sponsor"


async def test_a_question_about_the_scale_gets_the_anchors(run):
    tracker = answer("what does the scale even mean", "craving_intensity", intent="faq",
                     response_selector={"faq": {"response": {
                         "utter_action": "utter_faq/what_is_iop"}}})
    events, messages = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert messages == [] and "0 is none, 5 is hard to ignore" in slots["form_hint"]
    assert slots["craving_intensity"] is None and "invalid_tries" not in slots


@pytest.mark.parametrize(("text", "value"), [("ocho", 8.0), ("como un siete", 7.0)])
async def test_spanish_number_words(run, text, value):
    events, _ = await run(ValidateCravingForm(), answer(text, "craving_intensity"))
    assert slot_values(events)["craving_intensity"] == value


# ---------------------------------------------------------------- stops and drafts
async def test_stop_after_one_answer_keeps_a_draft_and_says_so(run, drafts):
    drafts[("c_test", FORM)] = {"craving_intensity": 4.0}
    tracker = answer("stop", "craving_substance", {"craving_intensity": 4.0}, intent="stop")
    events, _ = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["form_stop"] == "draft" and slots["requested_slot"] is None
    done = build_tracker(slots={"craving_intensity": 4.0, "form_stop": "draft"},
                         active_loop=None)
    events, messages = await run(ActionSaveCraving(), done)
    assert texts(messages) == [STOPPED_KEPT.format(noun="check-in")]
    assert drafts[("c_test", FORM)] == {"craving_intensity": 4.0}  # still there
    assert all(v is None for v in slot_values(events).values())


async def test_stop_before_any_answer_says_nothing_was_saved(run):
    done = build_tracker(slots={"form_stop": "draft"})
    _, messages = await run(ActionSaveCraving(), done)
    assert texts(messages) == [STOPPED_NOTHING]


async def test_stop_after_two_answers_asks_to_save_so_far(run):
    tracker = answer("cancel", "craving_situation",
                     {"craving_intensity": 5.0, "craving_substance": "stimulants"})
    events, _ = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["form_stop"] == "ask" and slots["requested_slot"] == "form_keep_partial"
    _, messages = await run(AskFormKeepPartial(), build_tracker(active_loop=FORM))
    assert texts(messages) == [ASK_SAVE_SO_FAR]


async def test_yes_saves_what_was_said_so_far(run, client_id):
    keep = answer("yes", "form_keep_partial", {"craving_intensity": 5.0,
                                               "craving_substance": "stimulants",
                                               "form_stop": "ask"}, sender=client_id)
    events, _ = await run(ValidateCravingForm(), keep)
    slots = slot_values(events)
    assert slots["form_stop"] == "partial" and slots["requested_slot"] is None
    form_drafts.save_draft(client_id, FORM, {"craving_intensity": 5.0})
    done = build_tracker(sender=client_id, slots={"craving_intensity": 5.0,
                                                  "craving_substance": "stimulants",
                                                  "form_stop": "partial"})
    _, messages = await run(ActionSaveCraving(), done)
    assert texts(messages)[0].startswith("Got it, your check-in is saved.")
    with session_scope() as s:
        rows = s.scalars(select(CheckIn)).all()
        assert [(r.intensity, r.substance, r.coping) for r in rows] == [(5.0, "stimulants",
                                                                          None)]
    assert form_drafts.load_draft(client_id, FORM) is None


async def test_no_discards_the_draft_and_saves_nothing(run, client_id):
    form_drafts.save_draft(client_id, FORM, FOUR_ANSWERS)
    keep = answer("no dont save it", "form_keep_partial", {**FOUR_ANSWERS, "form_stop": "ask"},
                  sender=client_id)
    events, _ = await run(ValidateCravingForm(), keep)
    assert slot_values(events)["form_stop"] == "discard"
    done = build_tracker(sender=client_id, slots={**FOUR_ANSWERS, "form_stop": "discard"})
    _, messages = await run(ActionSaveCraving(), done)
    assert texts(messages) == [DISCARDED]
    with session_scope() as s:
        assert s.scalars(select(CheckIn)).all() == []
    assert form_drafts.load_draft(client_id, FORM) is None


async def test_leaving_keeps_the_draft_without_asking(run):
    tracker = answer("gtg boss is here", "craving_situation",
                     {"craving_intensity": 7.0, "craving_substance": "stimulants"})
    events, _ = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["form_stop"] == "draft" and slots["craving_situation"] is None


async def test_a_new_run_offers_the_draft_back_and_yes_restores_it(run, drafts):
    drafts[("c_test", FORM)] = {"craving_intensity": 5.0, "craving_substance": "alcohol"}
    # Left by a run a crisis interrupted; Rasa hands it over again as "prefilled".
    opening = build_tracker("log a craving", intent="log_craving", active_loop=FORM,
                            candidates={"craving_intensity": 9.0})
    opening.events.insert(0, {"event": "slot", "name": "craving_intensity", "value": 9.0})
    events, _ = await run(ValidateCravingForm(), opening)
    slots = slot_values(events)
    assert slots["craving_intensity"] is None  # the stale value is cleared...
    assert slots["form_draft"] == drafts[("c_test", FORM)]  # ...and the draft offered
    assert slots["requested_slot"] == "form_resume"
    yes = answer("yes", "form_resume", {"form_draft": drafts[("c_test", FORM)]},
                 intent="affirm")
    events, messages = await run(ValidateCravingForm(), yes)
    slots = slot_values(events)
    assert (slots["craving_intensity"], slots["craving_substance"]) == (5.0, "alcohol")
    assert slots["requested_slot"] == "craving_situation"
    assert texts(messages) == [RESUMED]


async def test_hi_offers_the_unfinished_check_in(run, drafts):
    _, messages = await run(ActionGreet(), build_tracker("hi", intent="greet"))
    assert [m.get("response") for m in messages] == ["utter_greet"]
    drafts[("c_test", FORM)] = {"craving_intensity": 7.0}
    events, messages = await run(ActionGreet(), build_tracker("hey", intent="greet"))
    assert texts(messages) == [OFFER_DRAFT.format(noun="check-in")]
    assert slot_values(events) == {"draft_offered": FORM}
    accepted = build_tracker("yeah lets finish it", intent="nlu_fallback", active_loop=FORM,
                             slots={"draft_offered": FORM})
    events, messages = await run(ValidateCravingForm(), accepted)
    slots = slot_values(events)
    assert slots["craving_intensity"] == 7.0 and slots["requested_slot"] == "craving_substance"
    assert texts(messages) == [RESUMED]


# ---------------------------------------------------------------- every form at once
@pytest.mark.parametrize(("validator", "form", "slot"), [
    (ValidateTriggerForm, "trigger_form", "trigger_response"),
    (ValidateWeeklyForm, "weekly_form", "bam_sleep"),
])
async def test_the_same_guards_hold_in_the_other_forms(run, validator, form, slot):
    stop = build_tracker("never mind", intent="stop", candidates={slot: "never mind"},
                         requested=slot, active_loop=form)
    events, _ = await run(validator(), stop)
    assert slot_values(events)["form_stop"] == "draft"
    asked = build_tracker("what should i do?", intent="faq", candidates={slot: "x"},
                          requested=slot, active_loop=form)
    events, messages = await run(validator(), asked)
    assert slot_values(events)[slot] is None and len(messages) == 1


def test_every_form_is_declared_once_with_its_questions():
    assert CRAVING_FORM.asked_slots == ("craving_intensity", "craving_substance",
                                        "craving_situation", "craving_coping")
    assert {ValidateCravingForm().name(), ValidateTriggerForm().name(),
            ValidateWeeklyForm().name()} == {"validate_craving_form", "validate_trigger_form",
                                             "validate_weekly_form"}


@pytest.mark.parametrize("text", ["cancel", "not now", "forget it", "skip"])
def test_the_screener_knows_every_explicit_stop(text):
    from actions.cssrs import is_stop_answer

    assert is_stop_answer(text)
    assert not is_stop_answer("no") and not is_stop_answer("not sure")
