"""Dates in articles: temporal expressions (TIMEX3) found and normalised against the publication date.

``find_timexes(text, dct)`` is the rule-based tagger (see ``sitrep.dates.timex``).
"""

from sitrep.dates.timex import find_timexes

__all__ = ["find_timexes"]
