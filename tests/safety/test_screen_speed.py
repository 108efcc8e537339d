"""Any 2,000-character input is screened (rules and detector) in <= 20 ms at p99 (issue 11).

CPU time of this process, not wall time: on the shared 2-core box wall time mostly measures
the neighbours. Numbers and spaces once took 26 ms (every rule's gate walked the message's
whole token index); symbol soup with "_" in it and a crisis phrase pasted 150 times took 19-22.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

import pytest

from bot.safety import screen

P99_MS = 20.0
SAMPLES = 40
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
def test_any_2000_char_input_is_screened_within_20_ms_at_p99(name: str) -> None:
    rng = random.Random(11)
    make = _inputs(rng)[name]
    texts = [make() for _ in range(SAMPLES)]
    assert all(len(text) == 2000 for text in texts)
    screen(texts[0])  # warm: the engine and the detector load once per process
    times = []
    for text in texts:
        start = time.process_time()
        screen(text)
        times.append((time.process_time() - start) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
    assert p99 <= P99_MS, f"{name}: p99 {p99:.1f} ms"


def test_a_repeated_phrase_keeps_its_risk_and_its_evidence() -> None:
    raw = "hey " + "I want to die " * 150
    result = screen(raw)
    assert result.level == "high"
    assert result.evidence in raw
