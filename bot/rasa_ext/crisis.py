"""Second safety path inside Rasa: the same deterministic screen, as an NLU component.

When the screen finds high or imminent risk (other than a severe craving), the parsed intent
becomes `crisis` with full confidence, so the dialogue enters crisis handling (and leaves any
open form) whatever the trained classifier guessed. The message is screened once: the gateway
sends its result in the message metadata (`screen`), and this component screens the text
itself only when that is missing (rasa shell, tests).

The trained `crisis` intent alone no longer starts a crisis: when the screen finds less than
high, a `crisis` guess drops out of the ranking and the next intent wins. That was the cause of
"breathing exercises" (a coping step, answering "what will you do to ride it out?") getting the
suicide reply and a staff page: the classifier had learned "breathing" from "he's not
breathing". Ordinary check-in answers now reach their form; anything the screen flags still
becomes `crisis`, whatever the context (context never suppresses a finding), and an unclear
distressed message gets the gateway's direct question instead (bot.gateway.ask_flow).

A return to use the screen found (relapse, or opioids after time off) becomes `report_lapse`
the same way, so "had a few beers last night" opens the lapse questions (actions/lapse.py)
even when the trained classifier took it for a program question.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.safety import ScreenResult, screen

INTENT_RANKING = "intent_ranking"
METADATA = "metadata"
URGENT_LEVELS = frozenset({"high", "imminent"})


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class CrisisScreenClassifier(GraphComponent):
    """Overrides the intent with `crisis` when the risk screen fires at high or above."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # A severe craving keeps its own dialogue (the craving check-in): the gateway has
        # already shown coping steps and 988 and notified the care team. So does a return to
        # opioids after time off (the lapse questions): the gateway has shown the harm
        # reduction lines and raised the high flag, and the lapse record joins that flag.
        # A return to use the screen found ("I drank last night", "recaí") is a lapse report
        # whatever the trained classifier guessed: it opens the lapse questions.
        return {"intent": "crisis", "levels": sorted(URGENT_LEVELS),
                "skip_categories": ["severe_craving", "opioid_return"],
                "lapse_intent": "report_lapse",
                "lapse_categories": ["relapse", "opioid_return"]}

    def __init__(self, config: dict[str, Any]) -> None:
        self.intent = config["intent"]
        self.levels = frozenset(config["levels"])
        self.skip = frozenset(config.get("skip_categories") or ())
        self.lapse_intent = config.get("lapse_intent")
        self.lapse_categories = frozenset(config.get("lapse_categories") or ())

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> CrisisScreenClassifier:
        screen("warm up")  # compile the rules now, not on a person's first message
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            result = ScreenResult.from_metadata(message.get(METADATA))
            if result is None:
                text = message.get(TEXT)
                result = screen(text) if text else None
            if result is None:
                continue
            if self.lapse_intent and result.is_risk and result.category in self.lapse_categories:
                self._set_intent(message, self.lapse_intent)
                continue
            if result.level not in self.levels or result.category in self.skip:
                self._demote_trained_crisis(message)
                continue
            self._set_intent(message, self.intent)
        return messages

    @staticmethod
    def _set_intent(message: Message, name: str) -> None:
        """`name` with full confidence, whatever the classifier guessed."""
        top = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
        # The other guesses drop to 0: a confident second intent left at ~1.0 made the
        # FallbackClassifier's ambiguity check turn `crisis` into nlu_fallback.
        ranking = [{**r, PREDICTED_CONFIDENCE_KEY: 0.0} for r in message.get(INTENT_RANKING)
                   or [] if r.get(INTENT_NAME_KEY) != name]
        message.set(INTENT, top, add_to_output=True)
        message.set(INTENT_RANKING, [top, *ranking][:10], add_to_output=True)

    def _demote_trained_crisis(self, message: Message) -> None:
        """The classifier guessed `crisis` but the screen did not: the next intent wins."""
        intent = message.get(INTENT) or {}
        if intent.get(INTENT_NAME_KEY) != self.intent:
            return
        ranking = [r for r in message.get(INTENT_RANKING) or []
                   if r.get(INTENT_NAME_KEY) != self.intent]
        if not ranking:
            return
        message.set(INTENT, dict(ranking[0]), add_to_output=True)
        message.set(INTENT_RANKING, ranking, add_to_output=True)
