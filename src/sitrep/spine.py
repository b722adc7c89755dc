"""The per-document spine, on one screen: plain calls in a fixed order.

What is pluggable is the implementation in each slot, chosen by a versioned name in the registry;
the order never changes. Batch-level context that a single document cannot see (lines repeated
across one outlet's articles) is computed per batch before the spine runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import logging

from sitrep.clean import clean_article, outlet_repeats
from sitrep.dates.corpus import date_by_corpus
from sitrep.dates.pubdate import date_article
from sitrep.clean.language import foreign_language
from sitrep.errors import E_INTERNAL, E_LANGUAGE
from sitrep.extract.mentions import extract
from sitrep.records import Article, Mention, RawDoc, Rejected
from sitrep.settings import Settings, load_settings

log = logging.getLogger(__name__)

# How many documents are held in memory at once for batch-level context; 2,000 FA-KES-sized
# articles are about 10 MB of text, and outlet furniture repeats well within that many.
BATCH_SIZE = 2000


def process_document(raw: RawDoc, *, repeated: frozenset[str] = frozenset(), dct: str | None = None) -> Article | Rejected:
    """One document through every per-document stage."""
    # 1. clean: main text only, every removed span kept with its reason
    article = clean_article(raw, repeated=repeated)
    if isinstance(article, Rejected):
        return article
    # Set aside an article in another language with the reason, rather than mis-code it.
    foreign = foreign_language(article.text or article.title or "")
    if foreign:
        lang, prob = foreign
        return Rejected(source=raw.source, id=raw.id, code=E_LANGUAGE,
                        reason=f"the text is in language {lang!r} (probability {prob:.3f}); sitrep reads English")
    # 2. date: the source's own date if plausible, else the user's --dct, else inferred from the text
    article = date_article(article, dct=dct)
    return article


def extract_document(article: Article) -> tuple[Mention, ...]:
    """The per-document stages that need the final publication date (after the batch's dating)."""
    # 3. extract: event mentions per sentence, with actors, place, date, casualties, claimant; the
    # places (geocoding) are found along the way, every one resolved against the whole article's
    # context, title included, the statistical NER reading the sentences that can carry an event
    return tuple(extract(article))


@dataclass(slots=True)
class Stats:
    """What a run found, per stage: counted as results come out of the spine."""

    documents: int = 0
    rejected: Counter = field(default_factory=Counter)  # by error code
    outlets: Counter = field(default_factory=Counter)
    dated_by: Counter = field(default_factory=Counter)  # publication-date basis, "none" when unknown
    removed: Counter = field(default_factory=Counter)  # removed spans by reason
    mentions: Counter = field(default_factory=Counter)  # news event mentions by sub-event type

    def count(self, result: Article | Rejected) -> None:
        if isinstance(result, Rejected):
            self.rejected[result.code] += 1
            return
        self.documents += 1
        self.outlets[result.outlet or "unknown"] += 1
        self.dated_by[result.published.basis if result.published and result.published.date else "none"] += 1
        self.removed.update(r.reason for r in result.removed)


def _batches(items: Iterable[RawDoc | Rejected], size: int) -> Iterator[list[RawDoc | Rejected]]:
    batch: list[RawDoc | Rejected] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process(
    items: Iterable[RawDoc | Rejected],
    *,
    settings: Settings | None = None,
    dct: str | None = None,
    on_result: Callable[[Article | Rejected], None] | None = None,
) -> Iterator[Article | Rejected]:
    """Run the spine over read inputs, batch by batch, yielding one result per input."""
    settings = settings or load_settings()
    for batch in _batches(items, BATCH_SIZE):
        raws = [x for x in batch if isinstance(x, RawDoc)]
        repeats = outlet_repeats(raws, min_docs=settings.repeated_line_min_docs)
        results: list[Article | Rejected] = []
        for item in batch:
            if isinstance(item, RawDoc):
                try:
                    results.append(process_document(item, repeated=repeats.get(item.outlet, frozenset()), dct=dct))
                except Exception as exc:  # one bad document must never stop the batch
                    log.exception("document %s failed", item.id)
                    results.append(Rejected(source=item.source, id=item.id, code=E_INTERNAL,
                                            reason=f"{type(exc).__name__}: {exc}"[:500]))
            else:
                results.append(item)
        # Batch step: articles that nothing dated are dated by similar dated articles of the batch.
        articles = [r for r in results if isinstance(r, Article)]
        dated = iter(date_by_corpus(articles))
        for result in results:
            if isinstance(result, Article):
                result = next(dated)
            if on_result:
                on_result(result)
            yield result
