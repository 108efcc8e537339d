"""Dev-split figures for the learned detector: alone, the rules alone, and the two combined.

Scored with `bot.safety.evaluate` (the same rules as `python -m bot screen --eval`: caught at or
above the level, `ask` caught only for indirect messages, any flag or ask on a benign message a
false alarm). Figures only: no message text is printed.
"""

from __future__ import annotations

from bot.safety.evaluate import Example, evaluate
from bot.safety.learned import Detector, combine
from bot.safety.levels import ScreenResult


def dev_report(detector: Detector, dev: list[Example]) -> list[str]:
    """Lines of figures for each of the three screeners, side by side in blocks."""
    from bot.safety.screen import rules_cleared, screen_rules

    rules = {ex.text: screen_rules(ex.text) for ex in dev}

    def alone(text: str) -> ScreenResult:
        return combine(text, ScreenResult("none"), detector)

    screeners = {"detector alone": alone, "rules alone": rules.__getitem__,
                 "rules + detector": lambda text: combine(text, rules[text], detector,
                                                          rules_cleared)}
    lines = [f"dev split: N={len(dev)}; thresholds (logit) flag="
             f"{detector.thresholds['flag']:.3f} ask={detector.thresholds['ask']:.3f}"]
    for title, screener in screeners.items():
        lines.append(f"== {title}")
        lines.extend(evaluate(dev, screener).figures())
    return lines
