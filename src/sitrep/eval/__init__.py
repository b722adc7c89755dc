"""Benchmarks behind ``sitrep eval TASK``: each task's ``evaluate(data, limit=, progress=)`` lives in
``sitrep.eval.<task>`` and returns a JSON-ready dict of metrics, baselines measured in the same run."""

from __future__ import annotations


def spread(items: list, limit: int | None) -> list:
    """``limit`` items taken evenly over ``items`` (all of them when ``limit`` is None or larger), so
    a small run still covers the whole file: both splits, most types."""
    if limit is None or limit >= len(items):
        return items
    if limit <= 0:
        return []
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]
