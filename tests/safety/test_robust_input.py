"""Pathological input (runs of "!" or emoji, symbol soup) is shrunk before tokenising, evidence
stays an exact substring of the raw text, and the gateway screens off the event loop.

Speed itself is measured by scripts/bench_screen.py, not asserted here.
"""

from __future__ import annotations

import asyncio
import sys
import time

import pytest

from bot.safety import screen, screen_async
from bot.safety.engine import get_engine
from bot.safety.prepare import prepare

SYMBOLS = "!?.,;:*#@$%^&()[]{}<>/|~-_+="
PATHOLOGICAL = [
    "!" * 2000,
    "\U0001f62d" * 1000,
    "?!" * 1000,
    "\u2764\ufe0f" * 600,
    "".join(SYMBOLS[i * 7 % len(SYMBOLS)] for i in range(2000)),
]


@pytest.mark.parametrize("text", PATHOLOGICAL)
def test_pathological_input_is_shrunk_to_few_tokens(text: str) -> None:
    prepared = prepare(text)
    doc = get_engine().analyse(prepared.text).doc
    assert len(doc) < 400, len(doc)
    assert len(prepared.index or ()) == len(prepared.text)


def test_words_and_digits_are_never_changed() -> None:
    text = "I want to die 10/10 craving, nooooo waaaay 2000000"
    assert prepare(text).text == text


def test_evidence_is_exact_raw_substring_after_a_collapsed_run() -> None:
    raw = "!" * 31 + " " + "\U0001f62d" * 50 + " i want to kill myself " + "!" * 40
    result = screen(raw)
    assert result.level == "high"
    assert result.evidence == "want to kill myself"
    assert result.evidence in raw


def test_risk_after_a_long_symbol_run_is_still_found() -> None:
    raw = "#" * 1500 + " he isn't breathing"
    assert screen(raw).level == "imminent"


def test_screen_async_keeps_the_event_loop_free(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow screen (simulated) must not block other coroutines such as health checks."""

    def slow_screen(text: str):
        time.sleep(0.3)
        return screen(text)

    # the submodule (bot.safety.screen is also the name of the function)
    monkeypatch.setattr(sys.modules["bot.safety.screen"], "screen", slow_screen)

    async def scenario() -> int:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        task = asyncio.create_task(ticker())
        result = await screen_async("he isn't breathing")
        task.cancel()
        assert result.level == "imminent"
        return ticks

    assert asyncio.run(scenario()) >= 5
