"""FAQ wiring: action_clinic_info answers from the clinic config; FAQ data stays SMS-safe.

The data checks live here because the FAQ feature is the action plus its training data:
every faq/<topic> needs a response, answers must fit two GSM-7 SMS segments, clinic facts
must not leak into general answers, and the held-out NLU file must never be trained on.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from action_helpers import build_tracker, texts

from actions.faq import FAQ_MIN_CONFIDENCE, ActionAnswerFaq, ActionClinicInfo
from bot import PROJECT_ROOT
from bot.clinic import clear_clinic_cache, load_clinic
from bot.settings import get_settings

DATA = PROJECT_ROOT / "data"
GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)


@pytest.fixture
def clinic_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "clinic.yml"
    path.write_text(
        "program_name: Lakeside IOP\nphone: '(555) 222-3333'\naddress: 9 Lake Lane\n"
        "groups:\n  - {day: Thursday, time: 7pm-9pm, name: Evening group}\n"
        "insurers: [Cigna]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CLINIC_CONFIG", str(path))
    get_settings.cache_clear()
    clear_clinic_cache()
    yield path
    get_settings.cache_clear()
    clear_clinic_cache()


def _nlu_examples(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        if "intent" not in item:  # a regex or lookup feature, not examples of an intent
            continue
        lines = [ln.strip()[2:].strip() for ln in item["examples"].splitlines() if ln.strip()]
        found.setdefault(item["intent"], []).extend(lines)
    return found


def _training_examples() -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for path in sorted((DATA / "nlu").rglob("*.yml")):
        for intent, lines in _nlu_examples(path).items():
            merged.setdefault(intent, []).extend(lines)
    return merged


def _faq_responses() -> dict[str, str]:
    raw = yaml.safe_load((DATA / "responses" / "faq.yml").read_text(encoding="utf-8"))
    return {name: variants[0]["text"] for name, variants in raw["responses"].items()}


# ---------------------------------------------------------------- the action


def test_action_name():
    assert ActionClinicInfo().name() == "action_clinic_info"


async def test_answers_from_the_configured_clinic(run, clinic_config):
    tracker = build_tracker("when is group on thursday?", intent="ask_clinic")
    events, messages = await run(ActionClinicInfo(), tracker)
    assert texts(messages) == ["Thursday: 7pm-9pm, Evening group."]
    assert events == []


async def test_insurance_question(run, clinic_config):
    _, messages = await run(ActionClinicInfo(), build_tracker("do y'all take cigna?"))
    assert texts(messages)[0].startswith("Yes, we take Cigna.")


async def test_empty_message_gets_the_overview(run, clinic_config):
    _, messages = await run(ActionClinicInfo(), build_tracker(""))
    assert "Lakeside IOP" in texts(messages)[0] and "(555) 222-3333" in texts(messages)[0]


async def test_message_text_is_never_logged(run, clinic_config, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "where are you, i relapsed on heroin last night"
    await run(ActionClinicInfo(), build_tracker(secret, intent="ask_clinic"))
    assert "heroin" not in caplog.text


def _faq_tracker(topic: str, confidence: float, text: str = "a question"):
    tracker = build_tracker(text, intent="faq")
    tracker.latest_message["response_selector"] = {"faq": {"response": {
        "intent_response_key": f"faq/{topic}", "utter_action": f"utter_faq/{topic}",
        "confidence": confidence}}}
    return tracker


async def test_a_confident_pick_gets_its_answer_and_the_clinic_policy(run):
    clear_clinic_cache()
    _, messages = await run(ActionAnswerFaq(), _faq_tracker("medication_management", 0.9))
    assert messages[0]["response"] == "utter_faq/medication_management"
    shipped = load_clinic().policy("medication_management")
    assert shipped and texts(messages)[1] == shipped
    assert len(messages) <= 3


async def test_a_topic_without_a_policy_gets_only_the_answer(run, clinic_config):
    _, messages = await run(ActionAnswerFaq(), _faq_tracker("naloxone", 0.9))
    assert [m["response"] for m in messages] == ["utter_faq/naloxone"]


async def test_the_typical_week_adds_the_clinics_own_week(run, clinic_config):
    _, messages = await run(ActionAnswerFaq(), _faq_tracker("typical_week", 0.9))
    assert "Thursday 7pm to 9pm" in texts(messages)[1]


@pytest.mark.parametrize("confidence", [0.0, FAQ_MIN_CONFIDENCE - 0.01])
async def test_an_unsure_pick_gets_the_fallback_menu_not_the_nearest_answer(run, confidence):
    _, messages = await run(ActionAnswerFaq(), _faq_tracker("work_or_school", confidence))
    assert [m["response"] for m in messages] == ["utter_default"]


async def test_no_pick_at_all_gets_the_fallback(run):
    _, messages = await run(ActionAnswerFaq(), build_tracker("hmm", intent="faq"))
    assert [m["response"] for m in messages] == ["utter_default"]


# ---------------------------------------------------------------- the FAQ data


def test_every_faq_topic_has_exactly_one_response():
    topics = {i.split("/", 1)[1] for i in _training_examples() if i.startswith("faq/")}
    responses = {name.split("/", 1)[1] for name in _faq_responses()}
    assert len(topics) == 35
    assert topics == responses


@pytest.mark.parametrize("name", sorted(_faq_responses()))
def test_faq_answers_are_sms_safe(name):
    answer = _faq_responses()[name]
    assert len(answer) <= 300
    assert set(answer) <= GSM7, set(answer) - GSM7


def test_faq_answers_hold_no_clinic_facts():
    shipped = load_clinic(PROJECT_ROOT / "bot" / "clinic.yml")
    facts = [shipped.phone, shipped.address, shipped.program_name, *shipped.insurers]
    facts += [g.time for g in shipped.groups]
    for name, answer in _faq_responses().items():
        assert not [f for f in facts if f and f.lower() in answer.lower()], name


def test_rules_route_faq_and_clinic_questions():
    rules = yaml.safe_load((DATA / "rules" / "faq.yml").read_text(encoding="utf-8"))["rules"]
    routes = {r["steps"][0]["intent"]: r["steps"][1]["action"] for r in rules}
    assert routes == {"faq": "action_answer_faq", "ask_clinic": "action_clinic_info"}


def test_holdout_is_never_trained_on():
    holdout = _nlu_examples(PROJECT_ROOT / "tests" / "nlu" / "holdout_faq.yml")
    trained = {line.lower() for lines in _training_examples().values() for line in lines}
    leaked = [line for lines in holdout.values() for line in lines if line.lower() in trained]
    assert leaked == []
    assert all(len(holdout[f"faq/{name.split('/', 1)[1]}"]) >= 3 for name in _faq_responses())
    assert len(holdout["ask_clinic"]) >= 10
