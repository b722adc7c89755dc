"""Main text from a web page, through trafilatura.

trafilatura is the best-measured open extractor for HTML, so sitrep uses it as it is and only adds
what it lacks for our purposes: the list of what was removed (every visible text block of the page
that did not make it into the main text), so nothing disappears unexplained.
"""

from __future__ import annotations

import trafilatura

from sitrep.clean.flatten import flatten_html
from sitrep.records import Removed

# trafilatura refuses very deep or very large trees; sitrep bounds them too (hostile input).
MAX_TREE_SIZE = 200_000  # elements; well above any real article page in the article-extraction set


def extract_html(html: str, *, url: str | None = None) -> tuple[str, list[Removed]]:
    """Return the main text of ``html`` (paragraphs separated by newlines) and what was left out.

    The main text is trafilatura's, without comments. The removed list holds every visible text
    block of the page (as ``flatten_html`` sees it) that is not part of the main text.
    """
    text = (
        trafilatura.extract(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            output_format="txt",
            max_tree_size=MAX_TREE_SIZE,
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
