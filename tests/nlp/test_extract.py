"""Rule-based entity extraction: positives, look-alikes that must not match, and offsets."""

from __future__ import annotations

import pytest

from bot.nlp import lexicon
from bot.nlp.extract import (
    extract_entities,
    extract_intensity,
    extract_situation,
    extract_substance,
    extract_trigger_category,
)

INTENSITY = [
    ("8", 8.0),
    ("an 8", 8.0),
    ("8/10", 8.0),
    ("10/10", 10.0),
    ("11/10", 10.0),
    ("8 out of 10", 8.0),
    ("it was like 5 out of ten", 5.0),
    ("Craving: 9/10", 9.0),
    ("eight", 8.0),
    ("EIGHT.", 8.0),
    ("like a 7", 7.0),
    ("7.5", 7.5),
    ("6ish", 6.0),
    ("maybe 6 or 7", 6.5),
    ("its like a 6-7 rn", 6.5),
    ("a 7 or 8", 7.5),
    ("i'm at a 9 rn", 9.0),
    ("craving an 8 for alcohol after a fight with my sister", 8.0),
    ("on a scale of 1-10 its an 8", 8.0),
    ("not a 10 but like a 7", 7.0),
    ("like a one", 1.0),
    ("zero", 0.0),
    ("none", 0.0),
    ("no cravings today", 0.0),
    ("mild", 3.0),
    ("just a little", 3.0),
    ("isn't that bad", 3.0),
    ("moderate", 5.0),
    ("its ok-ish", 5.0),
    ("pretty strong", 7.0),
    ("really bad", 8.0),
    ("really bad craving for fent rn", 8.0),
    ("very strong", 9.0),
    ("terrible", 9.0),
    ("the worst", 10.0),
    ("unbearable", 10.0),
    ("through the roof", 10.0),
    ("really bad, like a 6", 6.0),
]
NO_INTENSITY = [
    "at 8pm",
    "at 8",
    "at around 8 tonight",
    "I'll be there at 7:30",
    "$20",
    "20 bucks",
    "2 days ago",
    "after 3 beers",
    "2 or 3 beers",
    "i had 2 drinks at 8 pm",
    "I have 2 kids",
    "12",
    "day 5",
    "been 10 days clean",
    "in 10 minutes",
    "call me at 555-123-4567",
    "9/11",
    "24/7",
    "on 8/10 i relapsed",
    "I go to group 3 times a week",
    "delta 8 gummies",
    "no one called",
    "I want one",
    "had a bad day",
    "hi",
    "",
]
SUBSTANCE = [
    ("booze", "alcohol"),
    ("had 4 beers last night", "alcohol"),
    ("drinking again", "alcohol"),
    ("I want a drink", "alcohol"),
    ("alchohol", "alcohol"),
    ("bud light", "alcohol"),
    ("CRAVING A 9 FOR VODKA", "alcohol"),
    ("percs", "opioids"),
    ("fent", "opioids"),
    ("craving dope bad", "opioids"),
    ("need some h", "opioids"),
    ("bupe", "opioids"),
    ("my subs ran out", "opioids"),
    ("methadone", "opioids"),
    ("pills", "opioids"),
    ("meth", "stimulants"),
    ("crystal", "stimulants"),
    ("want to smoke crack", "stimulants"),
    ("coke", "stimulants"),
    ("adderall", "stimulants"),
    ("weed", "cannabis"),
    ("smoked some pot", "cannabis"),
    ("dabs", "cannabis"),
    ("delta 8 gummies", "cannabis"),
    ("xans", "benzodiazepines"),
    ("popped 2 bars", "benzodiazepines"),
    ("klonopin", "benzodiazepines"),
    ("cigs", "nicotine"),
    ("my juul", "nicotine"),
    ("craving a smoke", "nicotine"),
    ("kratom", "other"),
    ("shrooms", "other"),
]
NO_SUBSTANCE = [
    "pot of coffee",
    "my bud came over",
    "hit the bars",
    "can i get a drink of water",
    "ice cream",
    "speed up please",
    "that's dope",
    "had a rough day",
]
SITUATION = [
    ("craving an 8 for alcohol after a fight with my sister", "after a fight with my sister"),
    ("at a party", "at a party"),
    ("at home alone", "at home alone"),
    ("walking past the bar", "walking past the bar"),
    ("drove past my old dealer's place", "drove past my old dealer's place"),
    ("because of payday", "because of payday"),
    ("after 3 beers", "after 3 beers"),
    ("had a fight with my sister", "a fight with my sister"),
    ("craving is a 9 after my boss yelled at me", "after my boss yelled at me"),
    ("im at like a 7 bc my bf is drinking", "bc my bf is drinking"),
    ("stressed out at work, craving a smoke", "at work"),
    ("when i saw my old friends lol", "when i saw my old friends"),
    ("on payday", "on payday"),
    ("Craving Alcohol At The Bar", "At The Bar"),
]
NO_SITUATION = [
    "payday always gets me",
    "my ex texted me",
    "feeling lonely tonight",
    "at 8pm",
    "at least it's over",
    "im at a 7",
    "so mad at my sister",
    "on my way",
    "8",
]
TRIGGER = [
    ("payday always gets me", "times_events"),
    ("my birthday is coming up", "times_events"),
    ("over the holidays", "times_events"),
    ("my ex texted me", "people"),
    ("my dealer called me", "people"),
    ("after a fight with my sister at the bar", "people"),
    ("drove past my old dealer's place", "places"),
    ("mom's house", "places"),
    ("walking past the liquor store", "places"),
    ("feeling lonely tonight", "halt"),
    ("so tired", "halt"),
    ("stressed out", "emotions"),
    ("i'm bored", "emotions"),
    ("seeing a beer commercial", "things"),
    ("found an old needle", "things"),
    ("places", "places"),
    ("a person", "people"),
]
NO_TRIGGER = [
    "it doesnt work",
    "popped 2 bars",
    "just kidding",
    "hi",
    "8/10",
    "there are a number of them",
]


@pytest.mark.parametrize(("text", "expected"), INTENSITY)
def test_intensity(text: str, expected: float) -> None:
    assert extract_intensity(text) == expected


@pytest.mark.parametrize("text", NO_INTENSITY)
def test_no_intensity_from_times_counts_money(text: str) -> None:
    assert extract_intensity(text) is None


@pytest.mark.parametrize(("text", "expected"), SUBSTANCE)
def test_substance(text: str, expected: str) -> None:
    assert extract_substance(text) == expected


@pytest.mark.parametrize("text", NO_SUBSTANCE)
def test_no_substance_from_everyday_words(text: str) -> None:
    assert extract_substance(text) is None


@pytest.mark.parametrize(("text", "expected"), SITUATION)
def test_situation(text: str, expected: str) -> None:
    assert extract_situation(text) == expected


@pytest.mark.parametrize("text", NO_SITUATION)
def test_no_situation(text: str) -> None:
    assert extract_situation(text) is None


@pytest.mark.parametrize(("text", "expected"), TRIGGER)
def test_trigger_category(text: str, expected: str) -> None:
    assert extract_trigger_category(text) == expected


@pytest.mark.parametrize("text", NO_TRIGGER)
def test_no_trigger_category(text: str) -> None:
    assert extract_trigger_category(text) is None


def test_example_sentence_entities_with_offsets() -> None:
    text = "craving an 8 for alcohol after a fight with my sister"
    entities = extract_entities(text)
    got = {e["entity"]: e["value"] for e in entities}
    assert got == {
        "intensity": "8",
        "substance": "alcohol",
        "situation": "after a fight with my sister",
        "trigger_category": "people",
    }
    for e in entities:
        assert e["confidence_entity"] == 1.0
        assert text[e["start"]: e["end"]]
    by_name = {e["entity"]: e for e in entities}
    assert text[by_name["intensity"]["start"]: by_name["intensity"]["end"]] == "8"
    assert text[by_name["substance"]["start"]: by_name["substance"]["end"]] == "alcohol"


def test_offsets_index_raw_text_with_curly_quotes_and_capitals() -> None:
    text = "Drove past my old DEALER\u2019S place, Craving BOOZE like a 9"
    by_name = {e["entity"]: e for e in extract_entities(text)}
    assert text[by_name["substance"]["start"]: by_name["substance"]["end"]] == "BOOZE"
    assert by_name["intensity"]["value"] == "9"
    assert by_name["situation"]["value"] == "Drove past my old DEALER\u2019S place"


def test_intensity_value_is_plain_number_string() -> None:
    values = [e["value"] for e in extract_entities("maybe 6 or 7") if e["entity"] == "intensity"]
    assert values == ["6.5"]


def test_each_substance_reported_once_in_order() -> None:
    entities = extract_entities("beer, then weed, then more beer")
    assert [e["value"] for e in entities if e["entity"] == "substance"] == ["alcohol", "cannabis"]


def test_every_lexicon_value_is_a_contract_value() -> None:
    assert set(lexicon.SUBSTANCES) == set(lexicon.SUBSTANCE_VALUES)
    assert set(lexicon.AMBIGUOUS_SUBSTANCES) <= set(lexicon.SUBSTANCE_VALUES)
    expected = {"people", "places", "things", "emotions", "halt", "times_events"}
    assert set(lexicon.TRIGGER_CATEGORIES) == expected
    assert set(lexicon.CATEGORY_NAMES) == expected
    assert all(0 <= v <= 10 for v in lexicon.INTENSITY_WORDS.values())
