"""Precision round 2 (issue 11): resolved past events, news and hotline questions, idioms.

Each class of look-alike is paired with real present risk written the same way, so a frame
that swallowed the risk would fail here too. Rules only (`screen_rules`): the classes are
the rules' job, and the learned detector has tests of its own.
"""

from __future__ import annotations

import pytest

from bot.safety.levels import level_rank
from bot.safety.screen import screen, screen_rules

LOOK_ALIKES = [
    # resolved past events, told the way people in recovery tell them
    "overdosed back in 2017, been in recovery four years now",
    "i relapsed last spring, learned a lot from it and i'm back on track",
    "my cousin overdosed last year but the medics saved him and he is doing ok",
    "tuve una sobredosis hace año y medio, desde entonces voy bien",
    "i had a seizure in detox years ago, this time i tapered with my doctor",
    # news, statistics and questions asked as information
    "the paper says overdoses are down in the county this year",
    "vi en las noticias que bajaron las sobredosis",
    "does the good samaritan law cover me if i call 911 for someone",
    "what number do i call for poison control, i want it on the fridge",
    # idioms
    "took a shot at the job interview today, fingers crossed",
    "got my covid shot and my arm is sore",
    "i'm so high maintenance about my coffee",
    "no i took my normal dose this morning like always",
    "nearly had a heart attack when the smoke alarm went off",
    "my lips were purple from the grape popsicle lol",
    "my cat scratched my hand up when i gave her a bath",
    "me quiero morir de la vergüenza jaja",
    "no me quiero morir ni nada, solo estoy cansada jaja",
    "my brother is going to kill me, i forgot his birthday",
    "will they kick me out of group if i have a slip?",
    "had an urge at the party but i went home and called my sponsor",
]

STILL_RISK = [
    ("i overdosed on purpose last night", "high"),
    ("gonna od on purpose tonight", "high"),
    ("he's gonna kill me when he gets home", "high"),
    ("i relapsed yesterday", "moderate"),
    ("my friend is overdosing right now", "imminent"),
    ("his lips are blue and he wont wake up", "imminent"),
    ("i took 40 pills and now i feel sleepy", "imminent"),
    ("i am going to hurt myself", "high"),
    ("me quiero morir de tristeza", "high"),
    ("i relapsed last spring and i'm using again", "moderate"),
]

# Recall round 2: concealment asked sideways, use about to happen (high), with look-alikes.
SIDEWAYS = [
    ("how long does klonopin show up on the ua", "moderate", "concealment"),
    ("my sponsor doesnt need to know about friday right?", "moderate", "concealment"),
    ("been lying to my therapist about how much i drink", "moderate", "concealment"),
    ("what gets the smell of vodka off you before group", "moderate", "concealment"),
    ("cómo paso la prueba del lunes si fumé", "moderate", "concealment"),
    ("my plug is pulling up", "high", "severe_craving"),
    ("a guy at the show just offered me a bump", "high", "severe_craving"),
    ("ando en la cantina y ya pedí", "high", "severe_craving"),
]
SIDEWAYS_LOOK_ALIKES = [
    "a guy at work offered me a pill but i said no and walked away",
    "i passed my ua today!",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_raise_no_rule_alarm(text: str) -> None:
    result = screen_rules(text)
    assert result.level == "none", (text, result)


@pytest.mark.parametrize(("text", "level"), STILL_RISK)
def test_the_same_frames_never_hide_present_risk(text: str, level: str) -> None:
    result = screen_rules(text)
    assert level_rank(result.level) >= level_rank(level), (text, result)


@pytest.mark.parametrize(("text", "level", "category"), SIDEWAYS)
def test_sideways_concealment_and_use_about_to_happen(text: str, level: str,
                                                       category: str) -> None:
    result = screen_rules(text)
    assert (result.level, result.category) == (level, category), (text, result)


@pytest.mark.parametrize("text", SIDEWAYS_LOOK_ALIKES)
def test_declined_offers_and_passed_tests_are_not_risk(text: str) -> None:
    assert screen_rules(text).level == "none", text


@pytest.mark.parametrize("text", ["tell me everything", "ok tell me everything you know about it"])
def test_asking_to_be_told_everything_pages_nobody(text: str) -> None:
    """The v2 detector read 'tell me everything' as high low mood (a false page)."""
    assert screen(text).level == "none", text
