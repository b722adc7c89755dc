"""Dating articles by the other articles of the same batch.

An undated article usually reports what other, dated articles report too: wire copy rewritten by
several outlets, follow-ups of the same story. When an article's own text cannot date it, the
dated articles that say most nearly the same thing can: the article was published when they were.
This is the cross-document step of date inference (the Palmyra case: one article dates the
recapture "in late March of 2016", another reports it "on Sunday").

Similarity is TF-IDF cosine over content words, computed through an inverted index of each dated
article's strongest terms, so a batch of n articles costs about n × (postings per term), not n².
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import replace

from sitrep.records import Article, PubDate

_WORD = re.compile(r"[^\W\d_]{3,}", re.U)
# Function words that carry no topic; a short list suffices because IDF discounts the rest.
_STOP = frozenset(
    "the and for that with this from have has had was were are but not its his her their they them "
    "said says will would could should been being which who whom what when where while also after "
    "before than then there these those into about over under more most some such only other can "
    "may might one two three new year years last first week day days monday tuesday wednesday "
    "thursday friday saturday sunday january february march april may june july august september "
    "october november december".split()
)

# Terms kept per article. With 40, articles of one Timeline17 topic shared almost nothing (median
# best similarity 0.03); 100 raises it to 0.04 at 2.5x the index size, 400 to 0.07 at 10x.
TOP_TERMS = 100
# Neighbours whose dates are pooled, and the least similarity that counts as "the same story".
# On Timeline17 (`sitrep eval pubdate --limit 1000`), 0.03 dated 150 more articles but most of
# them wrongly (within 7 days: +1.6 points). On GVA (`--limit 1500`), 0.2 dated 107 articles
# with the interval holding the truth for 0.62 of all dated ones; 0.35 dated 23, holding it for
# 0.74. On the 60-article demo corpus 0.1 matched unrelated articles of one outlet. A wrong
# confident day is worse than none, so only close rewrites of one report count.
NEIGHBOURS = 5
MIN_SIMILARITY = 0.35
# Articles on the same story appear around the same days; the interval is widened by this much on
# each side of the neighbours' dates, as they too may be a few days apart from this one.
PAD_DAYS = 3


def terms(text: str) -> Counter:
    """Topic words of a text (lower-case, letters only, function words dropped), counted."""
    return Counter(w for w in _WORD.findall(text.lower()[:20000]) if w not in _STOP)


def _terms(article: Article) -> Counter:
    return terms(f"{article.title} {article.text}")


def _vectors(articles: list[Article]) -> list[dict[str, float]]:
    counts = [_terms(a) for a in articles]
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(articles)
    vectors = []
    for c in counts:
        weights = {t: (1 + math.log(f)) * math.log((n + 1) / (df[t] + 0.5)) for t, f in c.items()}
        top = sorted(weights.items(), key=lambda kv: -kv[1])[:TOP_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({t: w / norm for t, w in top})
    return vectors


def _is_anchor(pub: PubDate | None) -> bool:
    # Anchors are articles dated to the day by metadata, URL, dateline or their own full dates.
    return bool(pub and pub.date and pub.basis not in ("corpus",))


def _needs_date(pub: PubDate | None) -> bool:
    return not (pub and pub.date)


def _weighted_median(dates: list[tuple[dt.date, float]]) -> dt.date:
    dates = sorted(dates)
    half = sum(w for _, w in dates) / 2
    acc = 0.0
    for d, w in dates:
        acc += w
        if acc >= half:
            return d
    return dates[-1][0]


def date_by_corpus(articles: list[Article]) -> list[Article]:
    """Date each undated article by its most similar dated articles in ``articles``.

    Invariants: an article that has a date keeps it; a corpus date never falls outside the bounds
    the article's own evidence set (``earliest``/``latest``); with no similar dated article the
    article is returned unchanged.
    """
    targets = [i for i, a in enumerate(articles) if _needs_date(a.published)]
    anchors = [i for i, a in enumerate(articles) if _is_anchor(a.published)]
    if not targets or not anchors:
        return articles
    vectors = _vectors(articles)
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i in anchors:
        for term, w in vectors[i].items():
            index[term].append((i, w))
    out = list(articles)
    for i in targets:
        scores: dict[int, float] = defaultdict(float)
        for term, w in vectors[i].items():
            for j, wj in index.get(term, ()):
                scores[j] += w * wj
        pub = articles[i].published
        lo = dt.date.fromisoformat(pub.earliest) if pub and pub.earliest else None
        hi = dt.date.fromisoformat(pub.latest) if pub and pub.latest else None
        best = []
        for j, s in sorted(scores.items(), key=lambda kv: -kv[1]):
            if s < MIN_SIMILARITY or len(best) >= NEIGHBOURS:
                break
            d = dt.date.fromisoformat(articles[j].published.date)
            if (lo and d < lo) or (hi and d > hi):
                continue
            best.append((d, s, j))
        if not best:
            continue
        centre = _weighted_median([(d, s) for d, s, _ in best])
        early = min(d for d, _, _ in best) - dt.timedelta(days=PAD_DAYS)
        late = max(d for d, _, _ in best) + dt.timedelta(days=PAD_DAYS)
        top = best[0]
        note = f"dated by {len(best)} similar dated article(s), closest {articles[top[2]].id} (similarity {top[1]:.2f})"
        # The neighbours fix the year; the article's own month-and-day mentions ("on February 10")
        # and weekday cues then fix the day, as they would with a known publication year.
        own = _own_days(articles[i], centre)
        guess = centre
        if own:
            guess = max(own)
            guess = _after_weekday(articles[i], guess)
            early, late = min(early, guess), max(late, guess)
            note += f"; its own latest date read with the neighbours' year: {max(own).isoformat()}"
        if lo:
            early, guess = max(early, lo), max(guess, lo)
        if hi:
            late, guess = min(late, hi), min(guess, hi)
        out[i] = replace(articles[i], published=PubDate(
            date=guess.isoformat(), earliest=min(early, guess).isoformat(), latest=max(late, guess).isoformat(),
            basis="corpus", confidence=round(min(0.7, top[1]), 3), note=note,
        ))
    return out


# How far from the neighbours' date an article's own month-and-day mention may resolve: half a
# year either way picks the nearest year, which is how a reader resolves "February 10".
_PARTIAL_WINDOW = dt.timedelta(days=183)
# An article's own dates are of events up to its publication; those more than a month after its
# neighbours' date are plans or deadlines, not news.
_FUTURE_SLACK = dt.timedelta(days=31)


def _own_days(article: Article, centre: dt.date) -> list[dt.date]:
    """The article's full and month-and-day dates, years taken nearest to ``centre``."""
    from sitrep.dates.timex import find_timexes

    days = []
    for t in find_timexes(f"{article.title}\n{article.text}", None):
        if t.type != "DATE" or len(t.value) != 10:
            continue
        y, m, d = t.value[:4], t.value[5:7], t.value[8:10]
        if not (m.isdigit() and d.isdigit()):
            continue
        years = [int(y)] if y.isdigit() else [centre.year - 1, centre.year, centre.year + 1]
        for year in years:
            try:
                day = dt.date(year, int(m), int(d))
            except ValueError:
                continue
            if abs(day - centre) <= _PARTIAL_WINDOW and day <= centre + _FUTURE_SLACK:
                days.append(day)
    return days


def _after_weekday(article: Article, day: dt.date) -> dt.date:
    from sitrep.dates.pubdate import weekday_cues

    weekdays = weekday_cues(f"{article.title}\n{article.text}")
    if weekdays and day.weekday() not in weekdays:
        step = min((w - day.weekday()) % 7 for w in weekdays)
        return day + dt.timedelta(days=step)
    return day
