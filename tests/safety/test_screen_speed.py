"""Any 2,000-character input is screened (rules and detector); its p99 (<= 20 ms, issue 11) is
measured by scripts/bench_screen.py, not asserted here.

CPU time of this process, not wall time: on the shared 2-core box wall time mostly measures
the neighbours. Numbers and spaces once took 26 ms (every rule's gate walked the message's
whole token index); symbol soup with "_" in it and a crisis phrase pasted 150 times took 19-22.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from bot.safety import screen

SYMBOLS = "!?.,;:*#@$%^&()[]{}<>/|~-_+="
EMOJI = "\U0001f62d\U0001f602\U0001f480\U0001f64f\u2764\ufe0f\U0001f525\u2728\U0001f97a"
ORDINARY = ("ok check in. craving 3, slept about six hours, went to my meeting tuesday and "
            "my sponsor called after work. kids are good, my daughter has a game saturday. ")


def _inputs(rng: random.Random) -> dict[str, Callable[[], str]]:
    return {
        "numbers and spaces": lambda: " ".join(str(rng.randint(0, 99))
                                               for _ in range(800))[:2000],
        "random symbols": lambda: "".join(rng.choice(SYMBOLS) for _ in range(2000)),
        "random emoji": lambda: "".join(rng.choice(EMOJI) for _ in range(2000))[:2000],
        "repeated crisis phrase": lambda: ("I want to die " * 150)[:2000],
        "ordinary": lambda: (ORDINARY * 15)[rng.randrange(20):][:2000],
        "risk mid-way": lambda: (ORDINARY * 6 + "i have the pills saved and tonight is the "
                                 "night " + ORDINARY * 8)[:2000],
    }


@pytest.mark.parametrize("name", list(_inputs(random.Random(0))))
def test_any_2000_char_input_is_screened_and_keeps_its_risk(name: str) -> None:
    """Timing lives in scripts/bench_screen.py (p50/p99 beside a baseline), never in a test:
    a timed assertion fails on a loaded CI box. Here: every pathological input gets a result,
    and the risky one keeps its level."""
    make = _inputs(random.Random(11))[name]
    text = make()
    assert len(text) == 2000
    result = screen(text)
    if name in ("risk mid-way", "repeated crisis phrase"):
        assert result.level in ("high", "imminent"), (name, result.level)
    else:
        assert result.level in ("none", "ask", "moderate", "high", "imminent")


def test_a_repeated_phrase_keeps_its_risk_and_its_evidence() -> None:
    raw = "hey " + "I want to die " * 150
    result = screen(raw)
    assert result.level == "high"
    assert result.evidence in raw
