"""A page title's headline, without the site's name around it.

Scraped titles carry the outlet: "Five people shot in apartment complex - WMC Action News 5 -
Memphis, Tennessee", "CBS 58 - Friends of mother speak", "… | Continuous News Coverage | Corpus
Christi". The station's city is where the outlet is, not where the news happened ("Juvenile shot at
Mobile school - WBRC FOX6 News - Birmingham, AL"), so the parts that name the outlet, and any part
after them, are furniture: removed from the title and kept with the reason ``site-name``.
"""

from __future__ import annotations

import re

from sitrep.records import Removed

# The separators a site name hangs on: a dash or bar with spaces around it. (A match starts only
# where a run of spaces starts, so a long run of spaces is walked once.)
_SEPARATOR = re.compile(r"(?<![ \t])[ \t]{1,8}(?:[-|–—:]{1,2}|::)(?:[ \t]{1,8}|[ \t]{0,8}$)")
# Words that make a part of a title the outlet's name (general knowledge of how news sites sign
# their pages: broadcasters, papers, their web addresses and their slogans).
_OUTLET_WORDS = re.compile(
    r"\b(?:news|newschannel|weather|sports|tv|television|radio|channel|broadcasting|newspaper|"
    r"breaking|online|headlines|coverage|local\s+\d+)\b"
    r"|\.(?:com|net|org|co\.uk|tv|us)\b",
    re.IGNORECASE,
)
# Broadcasters' call letters and networks, in capitals as they sign ("KSLA", "WICU", "KXXV-TV",
# "FOX6", "CBS 58"), and the papers' own words, capitalised.
_OUTLET_NAMES = re.compile(
    r"\b(?:[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT|CD))?|FOX|Fox|CBS|NBC|ABC|CNN|NPR|PBS|BBC|MSNBC|AP|AFP|Reuters|Xinhua|"
    r"Times|Post|Herald|Tribune|Gazette|Journal|Chronicle|Examiner|Courier|Register|Bulletin|Observer|"
    r"Dispatch|Inquirer|Enquirer|Star-Telegram|Daily|Press|Patch)(?:\d+)?\b"
)
# A part longer than this many words is a headline, whatever words it has: site names are short
# ("KXXV-TV News Channel 25 - Central Texas News and Weather for Waco, Temple, Killeen" has 12 in
# its longest part; headlines run 6-15, so the outlet words decide below that).
OUTLET_MAX_WORDS = 12


def _outlet(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= OUTLET_MAX_WORDS and bool(_OUTLET_WORDS.search(part) or _OUTLET_NAMES.search(part))


def headline(title: str) -> tuple[str, list[Removed]]:
    """``title`` without the outlet's name: parts (between dashes or bars) that name the outlet
    are removed, with everything after the first such part that follows the headline; the
    headline is the first part that does not name an outlet. A title with no such part, or with
    nothing else, is returned whole."""
    title = title.strip()
    if len(title) > 1000:  # a title this long is no title to split; bounded work on hostile input
        return title, []
    bounds, start = [], 0
    for m in _SEPARATOR.finditer(title):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(title)))
    parts = [(s, e) for s, e in bounds if title[s:e].strip()]
    if len(parts) < 2:
        return title, []
    outlet = [_outlet(title[s:e]) for s, e in parts]
    first = next((i for i, o in enumerate(outlet) if not o), None)
    if first is None:
        return title, []
    last = next((i for i in range(first + 1, len(parts)) if outlet[i]), len(parts)) - 1
    kept_start, kept_end = parts[first][0], parts[last][1]
    if kept_start == 0 and kept_end == len(title):
        return title, []
    removed = [Removed(text=t, reason="site-name")
               for t in (title[:kept_start].strip(" -|–—:"), title[kept_end:].strip(" -|–—:")) if t.strip()]
    return title[kept_start:kept_end].strip(), removed
