"""Dev-split figures for the learned detector, alone and combined with the rules.

Recall counts a risk message as caught when flagged at or above its level (`ask` is below
every risk level, so it never counts as caught); a false alarm is a benign message flagged or
asked. Figures only: no message text is printed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from bot.safety.learned import ASK, Detector, combine
from bot.safety.levels import level_rank

_RANK = {ASK: 0.5}


def _rank(level: str) -> float:
    return _RANK.get(level) or float(level_rank(level))


def _tally(rows: Iterable, decide: Callable[[str], str]) -> dict[tuple[str, ...], list[int]]:
    """[hits, total] per (figure, group): recall by level/kind/category, alarms by kind."""
    counts: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        level = decide(row.text)
        if row.is_risk:
            caught = int(level != ASK and _rank(level) >= level_rank(row.level))
            keys = [("recall", row.level, row.kind), ("recall", row.level, "all"),
                    ("category", row.category, "all"), ("lang", row.lang, "risk")]
        else:
            caught = int(level != "none")
            asked = int(level == ASK)
            keys = [("false alarm", row.negative_group, row.kind),
                    ("false alarm", row.negative_group, "all")]
            counts[("asked", row.negative_group, "all")][0] += asked
            counts[("asked", row.negative_group, "all")][1] += 1
        for key in keys:
            counts[key][0] += caught
            counts[key][1] += 1
    return counts


def dev_report(detector: Detector, dev: list) -> list[str]:
    """Lines of figures: detector alone, rules alone, and the two combined."""
    from bot.safety.screen import screen_rules

    rules = {row.text: screen_rules(row.text) for row in dev}
    deciders = {
        "detector": lambda text: detector.predict(text).level,
        "rules": lambda text: rules[text].level,
        "combined": lambda text: combine(text, rules[text], detector).level,
    }
    tallies = {name: _tally(dev, decide) for name, decide in deciders.items()}
    lines = [f"dev N={len(dev)}  thresholds: flag={detector.thresholds['flag']:.3f} "
             f"ask={detector.thresholds['ask']:.3f} (logit)",
             f"{'figure':<12}{'group':<18}{'kind':<15}" + "".join(f"{n:>16}" for n in deciders)]
    for key in sorted(tallies["combined"]):
        cells = []
        for name in deciders:
            hit, total = tallies[name][key]
            cells.append(f"{hit / total:7.1%} {hit:>3}/{total:<4}")
        lines.append(f"{key[0]:<12}{key[1]:<18}{key[2]:<15}" + "".join(f"{c:>16}" for c in cells))
    return lines
