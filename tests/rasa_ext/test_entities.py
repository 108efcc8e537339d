"""RecoveryEntityExtractor inside Rasa: registration, graph validation and message processing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine import validation
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.data import TrainingType
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_ext.entities import RecoveryEntityExtractor

EXAMPLE = "craving an 8 for alcohol after a fight with my sister"


def make_extractor(tmp_path: Path, **config: Any) -> RecoveryEntityExtractor:
    """Build the component the way Rasa's graph runner does (`create` with merged config)."""
    return RecoveryEntityExtractor.create(
        {**RecoveryEntityExtractor.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource("recovery_entities"),
        ExecutionContext(GraphSchema({}), "test-model"),
    )


def by_type(message: Message) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for entity in message.get(ENTITIES, []):
        out.setdefault(entity["entity"], []).append(entity)
    return out


def test_registered_as_untrained_entity_extractor() -> None:
    registered = DefaultV1Recipe._from_registry("RecoveryEntityExtractor")
    assert registered.clazz is RecoveryEntityExtractor
    assert DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR in registered.types
    assert registered.is_trainable is False


def test_pipeline_with_extractor_passes_rasa_graph_validation() -> None:
    config = {
        "recipe": "default.v1",
        "language": "en",
        "pipeline": [
            {"name": "WhitespaceTokenizer"},
            {"name": "CountVectorsFeaturizer"},
            {"name": "bot.rasa_ext.entities.RecoveryEntityExtractor"},
            {"name": "DIETClassifier", "epochs": 1, "entity_recognition": False},
        ],
    }
    model_config = DefaultV1Recipe().graph_config_for_recipe(
        config, {}, training_type=TrainingType.NLU
    )
    validation.validate(model_config)  # raises GraphSchemaValidationException when wrong
    uses = {node.uses for node in model_config.predict_schema.nodes.values()}
    assert RecoveryEntityExtractor in uses


def test_process_adds_entities_with_offsets_and_extractor_name(tmp_path: Path) -> None:
    message = Message({TEXT: EXAMPLE})
    make_extractor(tmp_path).process([message])
    found = by_type(message)
    assert {name: [e["value"] for e in ents] for name, ents in found.items()} == {
        "intensity": ["8"],
        "substance": ["alcohol"],
        "situation": ["after a fight with my sister"],
        "trigger_category": ["people"],
    }
    for entities in found.values():
        for e in entities:
            assert e["extractor"] == "RecoveryEntityExtractor"
            assert e["confidence_entity"] == 1.0
    sub = found["substance"][0]
    assert EXAMPLE[sub["start"]: sub["end"]] == "alcohol"
    assert ENTITIES in message.output_properties


def test_keeps_other_extractors_entities_and_skips_same_span_same_type(tmp_path: Path) -> None:
    start = EXAMPLE.index("alcohol")
    theirs = {"entity": "substance", "value": "alcohol", "start": start,
              "end": start + len("alcohol"), "extractor": "RegexEntityExtractor"}
    other_type = {"entity": "drink", "value": "alcohol", "start": start,
                  "end": start + len("alcohol"), "extractor": "DIETClassifier"}
    message = Message({TEXT: EXAMPLE, ENTITIES: [theirs, other_type]})
    make_extractor(tmp_path).process([message])
    found = by_type(message)
    assert found["substance"] == [theirs]
    assert found["drink"] == [other_type]
    assert [e["value"] for e in found["intensity"]] == ["8"]


def test_config_limits_entity_types(tmp_path: Path) -> None:
    message = Message({TEXT: EXAMPLE})
    make_extractor(tmp_path, entities=["intensity"]).process([message])
    assert [e["entity"] for e in message.get(ENTITIES)] == ["intensity"]


def test_unknown_entity_in_config_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="mood"):
        make_extractor(tmp_path, entities=["intensity", "mood"])


def test_message_without_entities_or_text(tmp_path: Path) -> None:
    plain = Message({TEXT: "hello there"})
    empty = Message({TEXT: ""})
    make_extractor(tmp_path).process([plain, empty])
    assert plain.get(ENTITIES) == []
    assert empty.get(ENTITIES) is None


def test_training_data_is_left_untouched(tmp_path: Path) -> None:
    example = Message({TEXT: EXAMPLE, "intent": "log_craving"})
    data = TrainingData([example])
    result = make_extractor(tmp_path).process_training_data(data)
    assert result is data
    assert example.get(ENTITIES) is None
