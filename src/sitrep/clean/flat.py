"""Placeholder while the line cleaner is written (replaced shortly)."""

from __future__ import annotations

from sitrep.records import Removed


def normalise_line(line: str) -> str:
    return " ".join(line.lower().split())


def clean_text(text: str, *, title: str | None = None, repeated: frozenset[str] = frozenset()) -> tuple[str, list[Removed]]:
    lines = [" ".join(x.split()) for x in text.splitlines()]
    return "\n".join(x for x in lines if x), []
