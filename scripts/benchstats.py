"""Small statistics shared by the benchmark scripts (the one percentile the console uses too)."""

from __future__ import annotations

from bot.store.metrics import percentile


def pct(values: list[float], p: float) -> float:
    """The p-th percentile by nearest rank (values need not be sorted; at least one value)."""
    value = percentile(values, p)
    if value is None:
        raise ValueError("no values to take a percentile of")
    return value
