"""The trained model sends the questions from issue 12 to the right answer, not the nearest one.

Loads models/current.tar.gz (`make model`; `make test` trains it first) and parses messages
written for this test (not taken from training data or the conversation suites). A message
"gets the fallback" when the NLU says out_of_scope or nlu_fallback, or picks an FAQ answer
below action_answer_faq's confidence threshold (the action then sends the menu instead).
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from actions.faq import FAQ_MIN_CONFIDENCE, faq_pick
from bot import PROJECT_ROOT

MODEL = PROJECT_ROOT / "models" / "current.tar.gz"


@pytest.fixture(scope="module")
def parse():
    from rasa.core.agent import Agent

    assert MODEL.is_file(), "no trained model: run `make model` first"
    agent = Agent.load(str(MODEL))
    loop = asyncio.new_event_loop()

    def _parse(text: str) -> dict[str, Any]:
        return loop.run_until_complete(agent.parse_message(text))

    yield _parse
    loop.close()


def answer(parsed: dict[str, Any]) -> str:
    """What the person gets: an FAQ topic, 'fallback', or the intent's own behaviour."""
    intent = parsed["intent"]["name"]
    if intent in ("out_of_scope", "nlu_fallback"):
        return "fallback"
    if intent == "faq":
        topic, confidence = faq_pick(parsed)
        return "fallback" if confidence < FAQ_MIN_CONFIDENCE else f"faq/{topic}"
    return intent


@pytest.mark.parametrize(("text", "expected"), [
    ("does the program let me keep taking methadone", "faq/medication_management"),
    ("can i stay on my suboxone while i do this", "faq/medication_management"),
    ("if i tell my boss im in treatment can they fire me", "faq/job_protection"),
    ("where can i pick up narcan", "faq/naloxone"),
    ("are there any aa or na meetings you recommend", "faq/meetings"),
    ("do you guys drug test people", "faq/drug_testing"),
    ("can i do my sessions over video", "faq/telehealth"),
    ("who can see the messages i send you", "faq/confidentiality"),
    ("what happens with the program if i use again", "faq/slip_and_program"),
])
def test_a_question_gets_its_own_answer(parse, text, expected):
    assert answer(parse(text)) == expected


# Known miss (docs/nlu.md): "who gets to read the stuff i type in here" picks confidentiality
# at 0.24, below the 0.3 threshold, so it gets the fallback menu instead of the answer.


def test_the_methadone_question_never_gets_the_work_answer(parse):
    assert answer(parse("does the program let me keep taking methadone")) != "faq/work_or_school"


@pytest.mark.parametrize("text", [
    "whats the forecast for saturday",
    "who won the world cup",
    "help me pick a paint color for my kitchen",
    "how many calories are in a banana",
])
def test_out_of_scope_gets_the_fallback_not_the_nearest_faq(parse, text):
    assert answer(parse(text)) == "fallback"
