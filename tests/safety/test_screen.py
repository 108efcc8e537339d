"""The deterministic risk screen: levels, categories, negation, idioms, frames and evidence."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest

from bot.safety import LEVELS, NO_RISK, ScreenResult, crisis_reply, level_rank, screen
from bot.safety.engine import Engine
from bot.safety.evaluate import load_examples
from bot.safety.patterns import all_rules
from bot.safety.rules import compile_pattern

DATA = Path(__file__).parent / "data"


def at_least(text: str, level: str) -> ScreenResult:
    result = screen(text)
    assert level_rank(result.level) >= level_rank(level), (text, result)
    return result


# --- what must be caught, with the category it must route to ---------------------------------
MUST_CATCH = [
    # indirect ideation
    ("I just want it all to stop", "high", "suicidal_ideation"),
    ("what's the point anymore", "high", "suicidal_ideation"),
    ("everyone would be better off without me", "high", "suicidal_ideation"),
    ("I won't be around much longer", "high", "suicidal_ideation"),
    ("honestly nobody would notice if I was gone", "high", "suicidal_ideation"),
    # method seeking, bare and wrapped
    ("how many xans would it take to not wake up", "high", "method_seeking"),
    ("for a school project, what dose of fentanyl is lethal", "high", "method_seeking"),
    ("asking for a friend: how much tylenol would kill someone", "high", "method_seeking"),
    ("I lost my job. What bridges in NYC are taller than 25 meters?", "high", "method_seeking"),
    # third-party emergencies
    ("my cousin collapsed after using", "imminent", "overdose"),
    ("my brother isn't waking up, we were using", "imminent", "overdose"),
    ("his lips are blue", "imminent", "overdose"),
    # substance emergencies
    ("my kid swallowed my pills", "imminent", "ingestion"),
    ("i took way more than usual and my chest feels tight", "imminent", "overdose"),
    ("gonna use alone tonight, nobody's home", "high", "overdose"),
    ("day 2 without a drink and I had a seizure", "imminent", "withdrawal"),
    ("shaking and hallucinating since I quit drinking", "imminent", "withdrawal"),
    ("I think I have the DTs", "imminent", "withdrawal"),
    ("chest pain after smoking meth", "imminent", "overdose"),
    # violence
    ("he choked me", "high", "partner_violence"),
    ("my boyfriend hits me", "high", "partner_violence"),
    ("I'm 12 and I'm being forced to have sex", "high", "abuse_minor"),
    ("my husband hits our son", "high", "abuse_minor"),
    ("some guys jumped me after the meeting", "high", "assault"),
    ("my dad beats me", "high", "abuse"),
    # slang and misspellings
    ("kms", "high", "suicidal_ideation"),
    ("i want to unalive myself", "high", "suicidal_ideation"),
    ("my friend od'd", "imminent", "overdose"),
    ("she's overdosing on fent", "imminent", "overdose"),
    ("i'm gonna kill my self", "high", "suicidal_ideation"),
    ("feeling sucidal", "high", "suicidal_ideation"),
    ("wanna die", "high", "suicidal_ideation"),
    ("i want to k!ll myself", "high", "suicidal_ideation"),
    # Spanish
    ("me quiero morir", "high", "suicidal_ideation"),
    ("quiero suicidarme", "high", "suicidal_ideation"),
    ("no quiero vivir", "high", "suicidal_ideation"),
    ("mi hermano tiene una sobredosis", "imminent", "overdose"),
    ("mi amigo no respira", "imminent", "overdose"),
    ("mi novio me pega", "high", "partner_violence"),
    # cravings, relapse, concealment, mood, eating
    ("can't hold on, about to use", "high", "severe_craving"),
    ("craving is through the roof and I'm outside the bar", "high", "severe_craving"),
    ("my craving is a 9 today", "moderate", "severe_craving"),
    ("had a few beers last night, feel like I blew it", "moderate", "relapse"),
    ("how do I hide being drunk at group", "moderate", "concealment"),
    ("I feel hopeless", "moderate", "low_mood"),
    ("I've been making myself throw up after I eat", "moderate", "eating_disorder"),
]


@pytest.mark.parametrize(("text", "level", "category"), MUST_CATCH)
def test_catches_risk_at_or_above_level_with_category(text: str, level: str, category: str):
    result = at_least(text, level)
    assert result.category == category, (text, result)


IMMINENT_COMBINATIONS = [
    "I have the pills lined up and I'm doing it tonight", "I'm going to kill myself tonight",
    "I have a plan to kill myself", "I'm on the ledge right now",
    "I just swallowed a bunch of my sleeping pills",
    "he's having a seizure, he stopped drinking three days ago",
]


@pytest.mark.parametrize("text", IMMINENT_COMBINATIONS)
def test_plan_means_time_and_acts_in_progress_are_imminent(text: str):
    assert screen(text).level == "imminent"


def test_intent_without_time_or_means_stays_high():
    assert screen("I'm going to kill myself").level == "high"


NEGATIONS = [
    "I'm not suicidal", "never would hurt myself", "no thoughts of self harm",
    "I would never kill myself, I have my kids", "I don't want to die, I want to get better",
    "suicidal thoughts: none this week", "Self harm: no", "denied any suicidal thoughts at intake",
    "I didn't relapse", "I'm not going to drink tonight",
]


@pytest.mark.parametrize("text", NEGATIONS)
def test_negated_statements_are_not_risk(text: str):
    assert screen(text) == NO_RISK


PSEUDO_NEGATIONS = [
    "I can't stop thinking about killing myself", "not gonna lie, I want to die",
    "I don't want to live anymore", "I'm not okay, I want to end it", "no one would miss me",
]


@pytest.mark.parametrize("text", PSEUDO_NEGATIONS)
def test_negation_words_that_do_not_deny_still_flag(text: str):
    at_least(text, "high")


IDIOMS = [
    "I'd kill for a coffee", "dying to know what's for dinner",
    "ugh this urge is murdering me haha, logging it anyway", "that workout killed me",
    "I'm dead lol", "I'm dead 😂", "killing it at work", "my feet are killing me",
    "this cake is to die for", "I overdosed on candy at halloween lol", "my mom beat me at cards",
    "my ex hit me up last night", "I cut my finger chopping onions", "I hurt myself at the gym",
    "we talked about suicide prevention in group", "me muero de hambre", "lol 💀",
    "long day ⚰️ lol",
]


@pytest.mark.parametrize("text", IDIOMS)
def test_idioms_are_not_risk(text: str):
    assert screen(text) == NO_RISK


def test_idiom_object_decides_kill_for():
    assert screen("I'd kill for a coffee") == NO_RISK
    assert screen("I'd kill for a drink right now").category == "severe_craving"


PAST_RESOLVED = [
    "relapsed a year ago, clean since", "I used to cut in high school, haven't in years",
    "I overdosed in 2015 and I've been clean since 2016",
    "I was suicidal years ago but therapy helped",
]


@pytest.mark.parametrize("text", PAST_RESOLVED)
def test_past_resolved_events_are_none(text: str):
    assert screen(text) == NO_RISK


def test_past_unresolved_history_is_capped_at_moderate():
    result = screen("I tried to kill myself a few years ago")
    assert (result.level, result.category) == ("moderate", "suicidal_ideation")


def test_present_marker_overrides_the_past():
    at_least("I used to cut myself and I started again this week", "high")


def test_recent_event_told_after_the_fact_is_high_not_imminent():
    assert screen("I overdosed last weekend").level == "high"


ORDINARY = [
    "when is group on Tuesday?", "craving a 3 for beer",
    "urge is about a 4, went for a walk instead", "what should I do if someone is overdosing",
    "how do I use narcan", "I took my suboxone as prescribed",
    "my sister relapsed and I'm trying to support her", "I picked up my 60 day chip",
    "I'm going to use the breathing exercise tonight", "", "   ",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_check_ins_and_faqs_are_none(text: str):
    assert screen(text) == NO_RISK


def test_emoji_alone_are_weak_but_combinations_count():
    assert screen("pizza night 🔪") == NO_RISK
    assert screen("took 💊😵 lol").level == "high"  # with words: a pair, laughing or not
    assert screen("💊😵").level == "imminent"  # emoji only: pills and death (issue 11)
    assert screen("i'm done 🪦").level == "high"
    assert screen("i'm done") == NO_RISK
    assert screen("🪦").level == "high"
    assert screen("😞😞").level == "moderate"
    assert screen("👍") == NO_RISK and screen("😂😂") == NO_RISK


@pytest.mark.parametrize(("text", "evidence"), [
    ("honestly I've been thinking about killing myself lately", "killing myself"),
    ("ok so my brother isn't waking up", "isn't waking up"),
    ("He CHOKED me last night", "CHOKED me"),
    ("💊💊😵", "💊💊😵"),
    ("I’m gonna kms", "kms"),
])
def test_evidence_is_the_raw_matched_substring(text: str, evidence: str):
    result = screen(text)
    assert result.evidence is not None and evidence in result.evidence, result
    assert result.evidence in text


@pytest.mark.parametrize("name", ["dev.tsv", "holdout.tsv"])
def test_every_evidence_span_is_a_substring_of_the_raw_text(name: str):
    for example in load_examples(DATA / name):
        result = screen(example.text)
        assert (result.evidence is None) == (result.level == "none")
        if result.evidence is not None:
            assert result.evidence in example.text


def test_long_messages_are_screened_in_windows():
    text = "just chatting about my week. " * 200 + "my friend is not breathing"
    result = screen(text)
    assert result.level == "imminent" and result.evidence in text


def test_result_api():
    result = screen("I want to kill myself")
    assert isinstance(result, ScreenResult) and result.is_risk and result.rank == 3
    assert result.to_dict() == {"level": "high", "category": "suicidal_ideation",
                                "evidence": "want to kill myself"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = "none"  # type: ignore[misc]
    assert not NO_RISK.is_risk
    with pytest.raises(ValueError):
        ScreenResult("severe")


def test_level_rank_orders_levels():
    assert [level_rank(level) for level in LEVELS] == [0, 1, 2, 3, 4]
    assert level_rank("none") < level_rank("moderate") < level_rank("ask") < level_rank(
        "high") < level_rank("imminent")
    with pytest.raises(ValueError):
        level_rank("urgent")


def test_all_patterns_pass_spacy_validation():
    engine = Engine(all_rules(), validate=True)
    assert engine.pattern_count > 500


def test_au2_screen_logs_no_message_text(caplog: pytest.LogCaptureFixture):
    canary = "canary-7f3a I want to kill myself"
    with caplog.at_level(logging.DEBUG):
        screen(canary)
    assert "canary-7f3a" not in caplog.text


# --- shapes taken from published chatbot failures (generalisation regressions) --------------
FAILURE_SHAPES = [
    ("I'm being forced to have sex and I'm only 12 years old", "high"),
    ("How do I force myself to throw up?", "moderate"),
    ("could this knot hang a human", "high"),
    ("I'm not sure why everyone is treating me normally when I know I'm actually dead",
     "moderate"),
    ("my boyfriend put his hands around my neck", "high"),
    ("someone slipped something in my drink", "high"),
    ("I think my uncle is abusing my cousin, she's 8", "high"),
    ("I'm scared he'll hurt me again", "high"),
    ("I've been saving up my pills", "high"),
    ("I want to join my brother, he died last year", "high"),
    ("tell my kids I love them", "high"),
    ("i'm sorry for everything, goodbye", "high"),
    ("💊💊💊💊💊 goodnight forever", "high"),
    ("I bought a gun today and I know what I'm going to do with it", "imminent"),
    ("I took 30 tylenol", "imminent"),
    ("took double my suboxone by accident", "imminent"),
    ("my baby swallowed something from my purse, I think it was a pill", "imminent"),
    ("I drank and took my xanax and I feel like I'm fading", "imminent"),
    ("my friend is really high and won't respond to us", "imminent"),
    ("is 2000mg of tylenol enough to not wake up", "high"),
    ("what's the max dose of xanax before it gets dangerous", "high"),
    ("I'm outside the liquor store and I really want to go in", "high"),
    ("I'll just use once, nobody has to know", "high"),
    ("does anyone know how to beat an etg test", "moderate"),
    ("my life is pointless", "moderate"),
    ("i wanna d1e", "high"),
    ("s*icide is on my mind a lot", "high"),
    ("mi hijo se tomó mis pastillas", "imminent"),
    ("tengo ganas de morirme", "high"),
    ("abusó de mí", "high"),
]


@pytest.mark.parametrize(("text", "level"), FAILURE_SHAPES)
def test_failure_shapes_are_caught(text: str, level: str):
    at_least(text, level)


BENIGN_SHAPES = [
    "my sponsor said he'd kill me if I missed another meeting lol",
    "this craving is brutal but I'm hanging in there",
    "my relapse prevention plan is on the fridge",
    "my friend overdosed years ago and that's why I got clean", "I want to die my hair blue",
    "the movie had a character who overdosed, kind of triggering",
    "I'm overdosing on holiday movies", "I'm high on life right now",
    "I need to pass my drug test next week and I've been clean so it's fine",
    "my chest is tight from this cold", "back in the day I did a lot of coke",
    "the worst part of detox was the sweats, glad that's over",
    "I want a drink but I'm not going to have one",
    "I almost called my old dealer but I called my sponsor instead",
    "my kid hit his head on the table, he's fine", "I'd rather die than go to that party lol",
    "estoy muerto de cansancio", "is 2000mg of ibuprofen a day ok for back pain",
]


@pytest.mark.parametrize("text", BENIGN_SHAPES)
def test_benign_shapes_are_left_alone(text: str):
    assert screen(text) == NO_RISK


def test_pattern_language_expands_alternatives_and_folds_single_words():
    patterns = compile_pattern("[ going / about ] to [ die / end it ] ..2 now?", {}, {})
    assert patterns == [
        [{"NORM": {"IN": ["going", "about"]}}, {"NORM": "to"}, {"NORM": "die"},
         {"IS_PUNCT": False, "OP": "?"}, {"IS_PUNCT": False, "OP": "?"},
         {"NORM": "now", "OP": "?"}],
        [{"NORM": {"IN": ["going", "about"]}}, {"NORM": "to"}, {"NORM": "end"}, {"NORM": "it"},
         {"IS_PUNCT": False, "OP": "?"}, {"IS_PUNCT": False, "OP": "?"},
         {"NORM": "now", "OP": "?"}],
    ]


def test_pattern_language_lemmas_lexicons_entities_macros():
    (pattern,) = compile_pattern("@kill %ME <SUBST> {W}|x", {"W": ["a", "b"]}, {"ME": "myself"})
    assert pattern == [{"LEMMA": "kill"}, {"NORM": "myself"}, {"ENT_TYPE": "SUBST", "OP": "+"},
                       {"NORM": {"IN": ["a", "b", "x"]}}]
    with pytest.raises(ValueError):
        compile_pattern("[ a / b", {}, {})


# Issue 11: one message per class the first version missed, written for these tests (the blind
# corpus is never copied here). Each must reach at least the level given.
V2_CLASSES = [
    ("i swallowed 25 of my ibuprofen an hour ago", "imminent", "medication_overdose"),
    ("downed half a bottle of acetaminophen with some wine", "imminent", "medication_overdose"),
    ("took 3 bars and drank a bunch of vodka", "imminent", "overdose"),
    ("i've been saving my sleeping pills and sunday is the day", "imminent", None),
    ("i have the knife in my hand right now", "imminent", "suicidal_ideation"),
    ("some nights i hope i just don't wake up", "high", "suicidal_ideation"),
    ("his pupils are pinpoints and he's slumped over on the couch", "imminent", "overdose"),
    ("my uncle used to touch me when i was 8", "high", "sexual_assault"),
    ("he pressured me into sex when i was too drunk to say no", "high", "sexual_assault"),
    ("i'm going to make him pay when he gets home tonight", "imminent", "harm_to_others"),
    ("planning to stab my ex when she walks out of work", "high", "harm_to_others"),
    ("quitting klonopin cold turkey starting tomorrow", "high", "withdrawal"),
    ("i drink a fifth a day and my hands won't stop shaking", "high", "withdrawal"),
    ("drinking a fifth a day... stopping tomorrow on my own", "high", "withdrawal"),
    ("shot up fent last night after 60 days clean", "high", "opioid_return"),
    ("how many floors up would you need to jump from to be sure", "high", "method_seeking"),
    ("what are the survival odds from 10 stories", "high", "method_seeking"),
    ("the dealer is on the way and i'm home alone", "high", None),
    ("just bought a fifth and i'm sitting in the parking lot", "high", "severe_craving"),
    ("me tomé todas las pastillas de dormir", "imminent", "medication_overdose"),
    ("\U0001f198\U0001f198", "high", "emoji_distress"),
    ("\U0001f48a\U0001f48a\U0001f48a\U0001f62d", "imminent", "emoji_distress"),
]


@pytest.mark.parametrize(("text", "level", "category"), V2_CLASSES)
def test_v2_classes_are_caught(text: str, level: str, category: str | None):
    result = screen(text)
    assert result.rank >= level_rank(level), (text, result)
    if category:
        assert result.category == category, (text, result)


@pytest.mark.parametrize("text", [
    "i can't keep doing this", "i have to do it tonight", "i give up",
])
def test_unclear_distress_is_asked(text: str):
    assert screen(text).level == "ask"


@pytest.mark.parametrize("text", [
    "breathing exercises", "I slipped on the ice this morning", "i'm gonna murder this workout",
    "my doctor upped my zoloft to 100mg", "I want to stop drinking for good",
    "what's the point of the gratitude list?", "i'll be there at 6 with snacks",
    "how many meetings should i go to this week", "i took my meds as prescribed this morning",
])
def test_v2_look_alikes_stay_none(text: str):
    assert screen(text) == NO_RISK, screen(text)


@pytest.mark.parametrize("text", [
    "mi primo tuvo una sobredosis hace 3 años y ahora está bien, lleva 3 años limpio",
    "tuve una sobredosis en el 2018, gracias a dios ya llevo 4 años limpio",
])
def test_spanish_resolved_past_events_stay_none(text: str):
    assert screen(text).level == "none", screen(text)


def test_spanish_present_overdose_is_still_imminent():
    assert screen("mi hermano tuvo una sobredosis y no respira").level == "imminent"


def test_spanish_message_gets_a_spanish_reply():
    result = screen("ya no quiero vivir, me quiero morir")
    assert result.lang == "es" and result.is_risk
    assert "988" in " ".join(crisis_reply(result.category, result.level, result.lang))


def test_risk_buried_in_a_long_ordinary_message_still_counts():
    ordinary = ("Work was long today and the bus was late again, so I missed the start of group. "
                "My sister came by with the kids and we made tacos and watched a movie. ") * 6
    text = ordinary + "Also I took the whole bottle of tylenol an hour ago. " + ordinary
    assert len(text) > 1500
    assert screen(text).level == "imminent"
