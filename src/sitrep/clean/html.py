"""Main text from a web page, through trafilatura.

trafilatura is the best-measured open extractor for HTML, so sitrep uses it as it is and only adds
what it lacks for our purposes: the list of what was removed (every visible text block of the page
that did not make it into the main text), so nothing disappears unexplained.
"""

from __future__ import annotations

import re
from functools import lru_cache

import trafilatura
from trafilatura.settings import use_config

from sitrep.clean.flatten import flatten_html
from sitrep.records import Removed
from sitrep.unicode import no_surrogates

# trafilatura discards trees with more elements than this (hostile input: deeply nested or giant
# pages). 200,000 elements is well above any real page in the article-extraction set.
MAX_TREE_SIZE = 200_000


@lru_cache(maxsize=1)
def _config():
    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    return config


def extract_html(html: str, *, url: str | None = None) -> tuple[str, list[Removed]]:
    """Return the main text of ``html`` (paragraphs separated by newlines) and what was left out.

    The main text is trafilatura's, without comments. The removed list holds every visible text
    block of the page (as ``flatten_html`` sees it) that is not part of the main text.
    """
    # Lone surrogates (markup decoded with errors="surrogateescape") cannot be encoded for the
    # parser or stored later: they become U+FFFD, like any other undecodable byte.
    html = no_surrogates(html)
    text = (
        trafilatura.extract(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            output_format="txt",
            config=_config(),
        )
        or ""
    )
    kept = {line.strip() for line in text.splitlines() if line.strip()}
    removed: list[Removed] = []
    for line in flatten_html(html).splitlines():
        line = line.strip()
        if line and line not in kept and line not in text:
            removed.append(Removed(text=line, reason="html-boilerplate"))
    return text, removed
