"""CrisisScreenClassifier: the risk screen as a second path inside Rasa's NLU."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_ext.crisis import CrisisScreenClassifier


@pytest.fixture
def component(tmp_path: Path) -> CrisisScreenClassifier:
    return CrisisScreenClassifier.create(
        CrisisScreenClassifier.get_default_config(), LocalModelStorage(tmp_path),
        Resource("crisis"), ExecutionContext(GraphSchema({}), "test"))


def parsed(text: str, intent: str = "log_craving") -> Message:
    message = Message({TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": 0.41})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.41}])
    return message


def test_registered_as_untrained_intent_classifier():
    registered = DefaultV1Recipe._from_registry("CrisisScreenClassifier")
    assert DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER in registered.types
    assert registered.is_trainable is False


@pytest.mark.parametrize("text", [
    "my brother isn't waking up, we were using",
    "I've been thinking about ending it all",
    "he choked me and I'm scared to go home",
])
def test_urgent_risk_becomes_crisis_intent(component, text):
    (message,) = component.process([parsed(text)])
    assert message.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    ranking = message.get("intent_ranking")
    assert ranking[0]["name"] == "crisis" and ranking[1]["name"] == "log_craving"


@pytest.mark.parametrize("text", [
    "I'd kill for a coffee", "craving a 3 for beer", "when is group on Tuesday?",
    "I feel so hopeless lately",  # moderate low mood: normal dialogue continues
    "craving is through the roof and I'm outside the bar",  # severe craving: the check-in
    "relapsed a year ago, sober since",  # past and resolved: not a lapse report
])
def test_other_messages_keep_their_intent(component, text):
    (message,) = component.process([parsed(text)])
    assert message.get(INTENT)["name"] == "log_craving"


@pytest.mark.parametrize("text", [
    "had a few beers last night, feel like I blew it",  # moderate relapse
    "i used heroin last night after 3 months clean",  # high opioid return: no crisis flow
    "recaí",
])
def test_a_return_to_use_opens_the_lapse_questions(component, text):
    (message,) = component.process([parsed(text, intent="faq")])
    assert message.get(INTENT) == {"name": "report_lapse", "confidence": 1.0}
    assert [r["confidence"] for r in message.get("intent_ranking")] == [1.0, 0.0]


def test_crisis_survives_the_fallback_ambiguity_check(component):
    """A confident other guess must not turn a screened crisis into nlu_fallback."""
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier

    message = parsed("I just want it all to stop, I'm going to kill myself", intent="faq")
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.99},
                                   {"name": "greet", "confidence": 0.01}])
    (message,) = component.process([message])
    fallback = FallbackClassifier({**FallbackClassifier.get_default_config(),
                                   "threshold": 0.65, "ambiguity_threshold": 0.1})
    (message,) = fallback.process([message])
    assert message.get(INTENT)["name"] == "crisis"


def with_ranking(text: str, ranking: list[tuple[str, float]], metadata: dict | None = None
                 ) -> Message:
    message = Message({TEXT: text, "metadata": metadata or {}})
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    return message


def test_trained_crisis_guess_alone_falls_to_the_next_intent(component):
    """The "breathing exercises" false alarm: the classifier said crisis, the screen did not."""
    message = with_ranking("breathing exercises", [("crisis", 0.8), ("inform", 0.15)],
                           {"screen": {"level": "none", "category": None}})
    (message,) = component.process([message])
    assert message.get(INTENT)["name"] == "inform"
    assert all(r["name"] != "crisis" for r in message.get("intent_ranking"))


def test_gateway_result_is_read_from_metadata_not_screened_again(component):
    # the text alone is benign; the gateway's result (an answer "yes" to its question) wins
    message = with_ranking("yes", [("affirm", 0.9)],
                           {"screen": {"level": "high", "category": "suicidal_ideation"}})
    (message,) = component.process([message])
    assert message.get(INTENT) == {"name": "crisis", "confidence": 1.0}


def test_context_never_suppresses_what_the_screen_flags(component):
    message = with_ranking("he's not breathing", [("inform", 0.9)], {"message_id": 3})
    (message,) = component.process([message])  # no gateway result: screened here
    assert message.get(INTENT)["name"] == "crisis"
