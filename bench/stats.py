"""Summaries of repeated measurements."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def summary(values: Sequence[float], digits: int = 3) -> dict[str, float | int | list[float]]:
    """min / median / max (and the raw runs) of a measurement."""
    if not values:
        raise ValueError("no measurements")
    return {
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "max": round(max(values), digits),
        "runs": len(values),
        "values": [round(v, digits) for v in values],
    }


def p95(values: Sequence[float]) -> float:
    """95th percentile, nearest-rank: the value 95 % of samples do not exceed."""
    ordered = sorted(values)
    rank = max(1, -(-95 * len(ordered) // 100))
    return ordered[rank - 1]


def ratio_summary(numerators: Sequence[float], denominators: Sequence[float]) -> dict:
    """Per-run ratios (run i of each series is measured back to back, so
    drift on the machine cancels out)."""
    return summary([n / d for n, d in zip(numerators, denominators, strict=True)])
