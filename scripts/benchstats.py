"""Small statistics shared by the benchmark scripts."""

from __future__ import annotations


def pct(values: list[float], p: float) -> float:
    """The p-th percentile by nearest rank (values need not be sorted)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))]
