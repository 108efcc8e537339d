"""SMS-3: GSM-7 160/153, UCS-2 70/67, never more than 1,600 characters in one send, split on
part boundaries and preferably between words. Pure functions."""

from __future__ import annotations

import pytest

from bot.channels.sms_segments import encoding, segment_count, split_for_sms, units


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0),
    ("a" * 160, 1),
    ("a" * 161, 2),
    ("a" * 306, 2),
    ("a" * 307, 3),
    ("\u00e9" * 160, 1),       # é is in the GSM-7 alphabet
    ("\u20ac" * 80, 1),        # the euro sign takes two septets: 160
    ("\u20ac" * 81, 2),
    ("\u00ea" * 70, 1),        # ê is not GSM-7: UCS-2
    ("\u00ea" * 71, 2),
    ("\u00ea" * 134, 2),
    ("\u00ea" * 135, 3),
    ("\U0001F600" * 35, 1),    # emoji: a surrogate pair, 2 UTF-16 units each
    ("\U0001F600" * 36, 2),
])
def test_sms3_segment_counts(text, expected):
    assert segment_count(text) == expected


def test_sms3_an_extension_character_is_never_split_across_parts():
    # 152 septets, then a 2-septet euro sign: it cannot straddle the part boundary.
    text = "a" * 152 + "\u20ac" + "a" * 152
    assert units(text) == 306
    assert segment_count(text) == 3


def test_sms3_one_non_gsm_character_makes_the_whole_text_ucs2():
    assert encoding("Plain text, GSM-7: @\u00a3$") == "GSM-7"
    assert encoding("curly \u2019quote") == "UCS-2"


def test_sms3_short_text_is_one_send():
    assert split_for_sms("  Hello there.  ") == ["Hello there."]
    assert split_for_sms("   ") == []


def _words(n: int) -> str:
    return " ".join(f"word{i:04d}" for i in range(n))


@pytest.mark.parametrize("text", [
    _words(400),                                  # GSM-7, ~3,600 characters
    " ".join(["\u00eatre"] * 900),                # UCS-2
    "x" * 5000,                                   # no spaces at all: hard cuts
    "\U0001F600" * 2000,                          # surrogate pairs only
    "[" * 2000,                                   # extension characters only
])
def test_sms3_long_text_splits_within_limits_and_loses_nothing(text):
    sends = split_for_sms(text)
    assert len(sends) > 1
    for send in sends:
        assert len(send) <= 1600
        assert segment_count(send) <= 10
    assert "".join(sends).replace(" ", "") == text.replace(" ", "")


def test_sms3_splits_between_words_and_fills_parts():
    text = _words(400)
    sends = split_for_sms(text)
    assert " ".join(sends) == text  # cut only at spaces: no word is broken
    assert all(not s.startswith(" ") and not s.endswith(" ") for s in sends)
    # Each send but the last uses nearly all of its 10 parts (1,530 septets).
    assert all(len(s) > 1500 for s in sends[:-1])


def test_sms3_max_segments_can_be_lowered():
    sends = split_for_sms(_words(100), max_segments=2)
    assert all(segment_count(s) <= 2 for s in sends)
    assert " ".join(sends) == _words(100)
