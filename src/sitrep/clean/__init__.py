"""clean_article: main text only, with every removed span kept with its reason.

Web pages go through trafilatura (``clean.html``); already-flattened text, which is what most
scraped corpora hold and where trafilatura does nothing useful, goes through sitrep's own line
cleaner (``clean.flat``). Across one outlet's articles, lines that recur in several of them are
site furniture (slogans, menus, follow-us lines) and are removed from all of them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sitrep.clean.flat import clean_text, normalise_line
from sitrep.clean.flatten import flatten_html
from sitrep.clean.html import extract_html
from sitrep.clean.title import headline as split_headline
from sitrep.errors import E_NO_CONTENT
from sitrep.ids import content_hash
from sitrep.records import Article, RawDoc, Rejected, Removed
from sitrep.unicode import no_surrogates

# Only short lines count as outlet furniture when they repeat: 160 characters is about two
# sentences; in the FA-KES corpus every furniture line is shorter, while the long lines that
# recur verbatim across an outlet's articles are background paragraphs that belong to the text.
REPEATED_LINE_MAX_CHARS = 160


def _lines(raw: RawDoc) -> list[str]:
    body = flatten_html(raw.body) if raw.kind == "html" else raw.body
    return [line for line in body.splitlines() if line.strip()]


def outlet_repeats(raws: Iterable[RawDoc], *, min_docs: int = 3) -> dict[str | None, frozenset[str]]:
    """For each outlet, the keys (``normalise_line``) of short lines found in ``min_docs`` or more
    of its documents. Documents without an outlet are pooled under ``None``."""
    seen: dict[str | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for raw in raws:
        keys = {normalise_line(line) for line in _lines(raw) if len(line.strip()) <= REPEATED_LINE_MAX_CHARS}
        for key in keys:
            if key:
                seen[raw.outlet][key] += 1
    return {outlet: frozenset(k for k, n in counts.items() if n >= min_docs) for outlet, counts in seen.items()}


def _drop_repeated(text: str, repeated: frozenset[str]) -> tuple[str, list[Removed]]:
    kept, removed = [], []
    for line in text.split("\n"):
        if line.strip() and len(line.strip()) <= REPEATED_LINE_MAX_CHARS and normalise_line(line) in repeated:
            removed.append(Removed(text=line.strip(), reason="repeated-in-outlet"))
        else:
            kept.append(line)
    return "\n".join(kept).strip("\n"), removed


# Words a title needs to stand for an article whose text cleaning emptied: "Shooting" or "Home |
# News" say nothing; "4 people shot in southeast Atlanta" does (a general floor, not tuned).
HEADLINE_MIN_WORDS = 4
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def clean_article(raw: RawDoc, *, repeated: frozenset[str] = frozenset()) -> Article | Rejected:
    """The main text of one document, or a Rejected with E_NO_CONTENT when none is left."""
    if raw.kind == "html":
        text, removed = extract_html(raw.body, url=raw.url)
        text, more = _drop_repeated(text, repeated)
        removed = [*removed, *more]
    else:
        text, removed = clean_text(raw.body, title=raw.title, repeated=repeated)
    headline, site = split_headline(no_surrogates((raw.title or "").strip()))
    removed = [*removed, *site]
    if not text.strip():
        if len(_LETTERS.findall(headline)) < HEADLINE_MIN_WORDS:
            return Rejected(source=raw.source, id=raw.id, code=E_NO_CONTENT,
                            reason=f"no main text left after cleaning ({len(removed)} spans removed as furniture)")
        # A headline over nothing but furniture (a sign-up form, a cookie notice) is still a
        # report: the article is kept with an empty text, and extraction reads its title.
        text = ""
    title = headline or text.strip().split("\n", 1)[0][:200]
    return Article(
        id=raw.id, source=raw.source, title=title, text=text, removed=tuple(removed), url=raw.url,
        outlet=raw.outlet, published=raw.published, language=raw.language, kind=raw.kind,
        content_hash=content_hash(title, text),
    )


def clean_articles(raws: Sequence[RawDoc], *, min_docs: int = 3) -> list[Article | Rejected]:
    """Clean a batch, removing lines that repeat across each outlet's articles in the batch."""
    repeats = outlet_repeats(raws, min_docs=min_docs)
    return [clean_article(raw, repeated=repeats.get(raw.outlet, frozenset())) for raw in raws]
