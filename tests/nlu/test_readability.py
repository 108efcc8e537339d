"""Program answers read at grade 7 or below, fit two SMS segments, and come in few messages.

The standard is shared/reference/client-content.md: Flesch-Kincaid grade <= 7 for program
answers (measured with textstat), at most 320 characters per message, at most three messages
for an ordinary reply. It covers the FAQ answers, this clinic's own policies and week, the
clinic facts action_clinic_info composes, and the fallback and out-of-scope replies.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import textstat
import yaml

from actions.faq import clinic_addition
from bot import PROJECT_ROOT
from bot.clinic import answer_clinic_question, load_clinic

MAX_GRADE = 7.0
MAX_CHARS = 320
SHIPPED_CLINIC = load_clinic(PROJECT_ROOT / "bot" / "clinic.yml")
# Questions whose answers action_clinic_info builds from the config (one per topic).
CLINIC_QUESTIONS = [
    "when is group on thursday?", "where are you located", "what's your phone number",
    "what are your hours", "do you take medicaid", "which insurance do you take",
    "do you have payment plans", "can you help me get a ride", "when is my individual session",
    "what is the group schedule", "",
]


def _responses(path: Path) -> dict[str, list[str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["responses"]
    return {name: [v["text"] for v in variants] for name, variants in raw.items()}


def program_texts() -> dict[str, str]:
    """Every client-facing program answer, by a name a failure can point to."""
    texts: dict[str, str] = {}
    for name, variants in _responses(PROJECT_ROOT / "data" / "responses" / "faq.yml").items():
        texts.update({f"{name}#{i}": t for i, t in enumerate(variants)})
    domain = _responses(PROJECT_ROOT / "domain.yml")
    for name in ("utter_default", "utter_out_of_scope"):
        texts.update({f"{name}#{i}": t for i, t in enumerate(domain[name])})
    topics = {n.split("/", 1)[1].split("#")[0] for n in texts if n.startswith("utter_faq/")}
    for topic in sorted(topics):
        extra = clinic_addition(topic, SHIPPED_CLINIC)
        if extra:
            texts[f"clinic:{topic}"] = extra
    for question in CLINIC_QUESTIONS:
        texts[f"clinic answer to {question!r}"] = answer_clinic_question(question, SHIPPED_CLINIC)
    return texts


PROGRAM_TEXTS = program_texts()


def test_the_check_covers_every_faq_topic_and_the_clinic_policies():
    assert sum(1 for n in PROGRAM_TEXTS if n.startswith("utter_faq/")) >= 35
    assert sum(1 for n in PROGRAM_TEXTS if n.startswith("clinic:")) >= 5


@pytest.mark.parametrize("name", sorted(PROGRAM_TEXTS))
def test_answer_reads_at_grade_7_or_below(name):
    grade = textstat.flesch_kincaid_grade(PROGRAM_TEXTS[name])
    assert grade <= MAX_GRADE, f"{name}: grade {grade}"


@pytest.mark.parametrize("name", sorted(PROGRAM_TEXTS))
def test_each_message_fits_two_sms_segments(name):
    assert len(PROGRAM_TEXTS[name]) <= MAX_CHARS, name


def test_the_grade_check_can_fail():
    dense = ("Comprehensive multidisciplinary interventions necessitate individualized "
             "pharmacological considerations throughout outpatient rehabilitation.")
    assert textstat.flesch_kincaid_grade(dense) > MAX_GRADE
