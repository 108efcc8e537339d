"""Rasa NLU component that adds the rule-based recovery entities to every parsed message.

A thin adapter over `bot.nlp.extract`: the same rules serve the NLU pipeline and the form
validators, so a bare answer and a full sentence are read alike. Never logs message text.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp.extract import extract_entities

logger = logging.getLogger(__name__)

ENTITY_NAMES = ("intensity", "substance", "situation", "trigger_category")


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a[ENTITY_ATTRIBUTE_START] < b[ENTITY_ATTRIBUTE_END] and (
        b[ENTITY_ATTRIBUTE_START] < a[ENTITY_ATTRIBUTE_END]
    )


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class RecoveryEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds intensity, substance, situation and trigger_category entities by rule.

    Config `entities` limits which of the four are emitted (default: all).
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """All four entity types on by default."""
        return {"entities": list(ENTITY_NAMES)}

    def __init__(self, config: dict[str, Any]) -> None:
        unknown = set(config["entities"]) - set(ENTITY_NAMES)
        if unknown:
            raise ValueError(f"Unknown entities in config: {sorted(unknown)}")
        self._wanted = frozenset(config["entities"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RecoveryEntityExtractor:
        """Build the component; compile the matchers now so the first message is not slow."""
        extract_entities("warm up")
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """No-op: training examples keep only their annotated entities."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Append our entities, skipping spans another extractor already gave the same type."""
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            existing = message.get(ENTITIES, [])
            new = [
                entity
                for entity in extract_entities(text)
                if entity[ENTITY_ATTRIBUTE_TYPE] in self._wanted
                and not any(
                    other.get(ENTITY_ATTRIBUTE_TYPE) == entity[ENTITY_ATTRIBUTE_TYPE]
                    and _overlaps(other, entity)
                    for other in existing
                    if ENTITY_ATTRIBUTE_START in other and ENTITY_ATTRIBUTE_END in other
                )
            ]
            if new:
                logger.debug("recovery entities added: %d", len(new))
            message.set(ENTITIES, existing + self.add_extractor_name(new), add_to_output=True)
        return messages
