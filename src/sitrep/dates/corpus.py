"""Dating articles by the other articles of the same batch.

An undated article usually reports what other, dated articles report too: wire copy rewritten by
several outlets, follow-ups of the same story. When an article's own text cannot date it, the
dated articles that say most nearly the same thing can: the article was published when they were.
An article that names no day at all is at last given the weighted median date of its story's
closest dated articles: a guess, with an interval spanning them all and a low confidence; when
one of its sentences tells, relative to its publication ("on Sunday", "yesterday"), an event a
sentence of one of those articles dates, that day moves the guess.
This is the cross-document step of date inference (the Palmyra case: one article dates the
recapture "in late March of 2016", another reports it "on Sunday"). An article that names days
without their year ("GENEVA, June 12 (Reuters) -", "on April 20") needs less: looser neighbours
tell the year, and a day written with its weekday ("Thursday, January 8") settles it.

Similarity is TF-IDF cosine over content words, computed as one sparse product of the undated and
the dated articles' term vectors, in rows of ``_ROWS`` undated articles: the work is the shared
postings, the memory one block of rows × dated articles; a batch is at most the spine's
``BATCH_SIZE`` articles.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
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
# best similarity 0.03); 100 raises it to 0.04 at 2.5x the index size, 400 to 0.07 at 10x. Dates
# (`sitrep eval pubdate`, Timeline17, within 1 / 7 / 31 days): 100 terms 0.431 / 0.546 / 0.698,
# 200 0.430 / 0.550 / 0.717, 400 0.432 / 0.553 / 0.725, 1,000 (all of nearly every article)
# 0.432 / 0.566 / 0.732; GVA within 0.1 point either way. At 1,000 the batch step took 16.6 s
# on GVA's 3,184 articles against 10.4 s at 100; the thresholds below kept their best values.
TOP_TERMS = 1000
# Neighbours whose dates are pooled, and the least similarity that counts as "the same story".
# On Timeline17 (`sitrep eval pubdate --limit 1000`), 0.03 dated 150 more articles but most of
# them wrongly (within 7 days: +1.6 points). On GVA (`--limit 1500`), 0.2 dated 107 articles
# with the interval holding the truth for 0.62 of all dated ones; 0.35 dated 23, holding it for
# 0.74. On the 60-article demo corpus 0.1 matched unrelated articles of one outlet. A wrong
# confident day is worse than none, so only close rewrites of one report count.
NEIGHBOURS = 5
MIN_SIMILARITY = 0.35
# Neighbours that only tell the year of an article's own year-less days ("GENEVA, June 12",
# "on April 20"): far looser than a rewrite, as a year is far coarser than a day. On Timeline17
# (`sitrep eval pubdate`, all 3,996) within 7 days: 0.367 without this step, 0.402 at 0.05,
# 0.429 at 0.02, 0.433 at 0; the interval held the truth for 0.81 / 0.75 / 0.70 / 0.70 of dated
# articles. Dating only when the closest neighbour reached 0.1 kept that at 0.77 but gave 0.405.
# Datelines so dated were right within a week for 129 of 164; other days for 134 of 610 (their
# latest day is often old news), which the low confidence and the note say.
YEAR_SIMILARITY = 0.02
# How long after its own latest day an article dated that way may have appeared: as
# AFTER_LATEST_MENTION_DAYS for articles that carry their year.
OWN_DAY_AFTER = 31
# Articles on the same story appear around the same days; the interval is widened by this much on
# each side of the neighbours' dates, as they too may be a few days apart from this one.
PAD_DAYS = 3
# Confidence factor for an article dated only by its story's neighbours (it names no day itself):
# a quarter of the similarity, so never above 0.175 — below every dating from the article's own words.
STORY_DISCOUNT = 0.25


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


# Targets whose similarities to every anchor are worked out at once: 256 rows of a 2,000-article
# batch are 4 MB.
_ROWS = 256


def _ranked(vectors: list[dict[str, float]], targets: list[int], anchors: list[int]) -> Iterator[list[tuple[int, float]]]:
    """For each target in turn, the anchors it shares a term with as (index, cosine), most
    similar first: one sparse product of the targets' and anchors' term vectors."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, vec in enumerate(vectors):
        for term, w in vec.items():
            rows.append(r)
            cols.append(vocab.setdefault(term, len(vocab)))
            vals.append(w)
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(vectors), len(vocab)))
    anchor_ids = np.asarray(anchors)
    against = matrix[anchors].T.tocsc()
    for k in range(0, len(targets), _ROWS):
        scores = (matrix[targets[k:k + _ROWS]] @ against).toarray()
        for row in scores:
            order = np.argsort(-row, kind="stable")
            order = order[row[order] > 0]
            yield list(zip(anchor_ids[order].tolist(), row[order].tolist()))


def _is_anchor(pub: PubDate | None) -> bool:
    # Anchors are articles dated to the day by metadata, URL, dateline or their own full dates.
    return bool(pub and pub.date and pub.basis not in ("corpus",))


def _needs_date(pub: PubDate | None) -> bool:
    return not (pub and pub.date)


def _neighbours(ranked: list[tuple[int, float]], articles: list[Article], least: float,
                lo: dt.date | None, hi: dt.date | None) -> list[tuple[dt.date, float, int]]:
    """Up to NEIGHBOURS (date, similarity, index) of the best-scoring dated articles at least
    ``least`` similar, skipping those whose date falls outside the article's own bounds."""
    best = []
    for j, s in ranked:
        if s < least or len(best) >= NEIGHBOURS:
            break
        d = dt.date.fromisoformat(articles[j].published.date)
        if (lo and d < lo) or (hi and d > hi):
            continue
        best.append((d, s, j))
    return best


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
    out = list(articles)
    story: dict[int, list[int]] = {}  # articles dated only by their story: their closest dated articles
    for i, ranked in zip(targets, _ranked(_vectors(articles), targets, anchors)):
        pub = articles[i].published
        lo = dt.date.fromisoformat(pub.earliest) if pub and pub.earliest else None
        hi = dt.date.fromisoformat(pub.latest) if pub and pub.latest else None
        best = _neighbours(ranked, articles, MIN_SIMILARITY, lo, hi)
        own_only = story_only = False
        if not best:
            # No close rewrite, but the article names days without their year ("TUNIS, Aug 10",
            # "on April 20"): looser neighbours of the same story still tell the year.
            best = _neighbours(ranked, articles, YEAR_SIMILARITY, lo, hi)
            own_only = True
        if not best:
            continue
        centre = _weighted_median([(d, s) for d, s, _ in best])
        early = min(d for d, _, _ in best) - dt.timedelta(days=PAD_DAYS)
        late = max(d for d, _, _ in best) + dt.timedelta(days=PAD_DAYS)
        top = best[0]
        note = f"dated by {len(best)} similar dated article(s), closest {articles[top[2]].id} (similarity {top[1]:.2f})"
        # The neighbours fix the year; the article's own month-and-day mentions ("on February 10")
        # and weekday cues then fix the day, as they would with a known publication year.
        found = _timexes(articles[i])
        if pinned := _weekday_day(found, centre):
            centre = pinned  # "Thursday, January 8": the one year near the neighbours' that fits
            note += f"; its weekday-named day {pinned.isoformat()} fixes the year"
        own, dateline = _own_days(articles[i], found, centre)
        guess = centre
        if dateline and own_only:
            # "GENEVA, June 12 (Reuters) -": the dateline is the day; only its year was missing.
            guess, early, late = dateline, dateline, dateline + dt.timedelta(days=1)
            note = (f"its dateline {dateline.isoformat()}, the year from {len(best)} loosely similar dated "
                    f"article(s), closest {articles[top[2]].id} (similarity {top[1]:.2f})")
        elif own and not (own_only and centre - max(own) > dt.timedelta(days=OWN_DAY_AFTER)):
            # (An article whose latest own day is more than a month older than its story's
            # neighbours is dated by them, below, after that day: on Timeline17 within 7 days
            # 0.529 -> 0.533, the interval holding the truth 0.705 -> 0.742, `sitrep eval pubdate`.)
            guess = max(own)
            guess = _after_weekday(articles[i], guess)
            if own_only:
                # Only the year came from the neighbours: the interval is the article's own.
                early, late = max(own), max(own) + dt.timedelta(days=OWN_DAY_AFTER)
                note = (f"its own latest date {max(own).isoformat()}, the year from {len(best)} loosely similar "
                        f"dated article(s), closest {articles[top[2]].id} (similarity {top[1]:.2f})"
                        + (f"; its weekday-named day {pinned.isoformat()} fixes the year" if pinned else ""))
            else:
                note += f"; its own latest date read with the neighbours' year: {max(own).isoformat()}"
            early, late = min(early, guess), max(late, guess)
        elif own_only:
            # No day of its own (or only days long before its story's): the best that can be said
            # is when its story's closest dated articles appeared. A guess, so the interval spans
            # all of them and the confidence is low; on Timeline17 such guesses fall within a week
            # of the truth for about a third.
            lead = "no day of its own"
            if own:
                early = max(own)
                lead = f"its own latest day {max(own).isoformat()} is long before its story's"
            note = (f"{lead}; the weighted median date of {len(best)} loosely similar dated "
                    f"article(s) of its story, closest {articles[top[2]].id} (similarity {top[1]:.2f})")
            story_only = True
            story[i] = [j for j, _ in ranked[:SENTENCE_NEIGHBOURS]]
        if lo:
            early, guess = max(early, lo), max(guess, lo)
        if hi:
            late, guess = min(late, hi), min(guess, hi)
        out[i] = replace(articles[i], published=PubDate(
            date=guess.isoformat(), earliest=min(early, guess).isoformat(), latest=max(late, guess).isoformat(),
            basis="corpus", confidence=round(min(0.7, top[1]) * (STORY_DISCOUNT if story_only else 0.5 if own_only else 1.0), 3),
            note=note,
        ))
    return date_by_sentences(out, story)


# How far from the neighbours' date an article's own month-and-day mention may resolve: half a
# year either way picks the nearest year, which is how a reader resolves "February 10".
_PARTIAL_WINDOW = dt.timedelta(days=183)
# An article's own dates are of events up to its publication; those more than a month after its
# neighbours' date are plans or deadlines, not news.
_FUTURE_SLACK = dt.timedelta(days=31)


def _timexes(article: Article) -> list:
    """The article's temporal expressions read without a publication date, title first."""
    from sitrep.dates.timex import find_timexes

    return find_timexes(f"{article.title}\n{article.text}", None)


def _own_days(article: Article, timexes: list, centre: dt.date) -> tuple[list[dt.date], dt.date | None]:
    """The article's full and month-and-day dates (``timexes``: ``_timexes(article)``), years taken
    nearest to ``centre``, and its dateline's day if it opens with a month and day ("GENEVA, June
    12 (Reuters) -")."""
    from sitrep.dates.pubdate import DATELINE_CHARS, dateline_position

    head = f"{article.title}\n"
    full = head + article.text
    days, dateline = [], None
    for t in timexes:
        if t.type != "DATE" or len(t.value) != 10:
            continue
        y, m, d = t.value[:4], t.value[5:7], t.value[8:10]
        if not (m.isdigit() and d.isdigit()):
            continue
        opening = not days and not y.isdigit() and t.start < len(head) + DATELINE_CHARS and dateline_position(full, t)
        years = [int(y)] if y.isdigit() else [centre.year - 1, centre.year, centre.year + 1]
        near = []
        for year in years:
            try:
                day = dt.date(year, int(m), int(d))
            except ValueError:
                continue
            if abs(day - centre) <= _PARTIAL_WINDOW:
                near.append(day)
        if opening and near:
            dateline = min(near, key=lambda day: abs(day - centre))
        days.extend(day for day in near if day <= centre + _FUTURE_SLACK)
    return days, dateline


# How many years either side of the neighbours' year a day named with its weekday may lie in: a
# month-day falls on a given weekday every 5, 6 or 11 years, so within 2 years there is at most one.
WEEKDAY_YEARS = 2


def _weekday_day(timexes: list, centre: dt.date) -> dt.date | None:
    """The latest of an article's year-less days written with their weekday ("Thursday,
    January 8"; ``timexes``: ``_timexes(article)``), each in the year nearest ``centre`` where it
    falls on that weekday."""
    from sitrep.dates.pubdate import weekday_cues

    found = []
    for t in timexes:
        m = re.fullmatch(r"XXXX-(\d\d)-(\d\d)", t.value)
        wd = weekday_cues(t.text)
        if t.type != "DATE" or not m or len(wd) != 1:
            continue
        fits = []
        for year in range(centre.year - WEEKDAY_YEARS, centre.year + WEEKDAY_YEARS + 1):
            try:
                day = dt.date(year, int(m[1]), int(m[2]))
            except ValueError:
                continue
            if day.weekday() in wd:
                fits.append(day)
        if len(fits) == 1:
            found.append(fits[0])
    return max(found, default=None)


def _after_weekday(article: Article, day: dt.date) -> dt.date:
    from sitrep.dates.pubdate import weekday_cues

    weekdays = weekday_cues(f"{article.title}\n{article.text}")
    if weekdays and day.weekday() not in weekdays:
        step = min((w - day.weekday()) % 7 for w in weekdays)
        return day + dt.timedelta(days=step)
    return day


# The same event told as news in one article ("fighters re-entered the city on Sunday") and dated in
# another ("IS fighters re-entered Palmyra on December 11"): the first was published the day after
# (yesterday, last night), on the day (today, this morning) or within the week after (a weekday)
# of the second's day. The least IDF-weighted cosine between the two sentences: on Timeline17
# (`sitrep eval pubdate`, articles dated only by their story, among each one's 20 closest dated
# articles), 0.25 re-dated 312 with 75 right within a day and 149 within a week, against 52 and
# 136 of them by the story's median; 0.15 re-dated 702 (110 and 228 against 81 and 215), 0.1 889.
# Over the whole set within a day 0.424 -> 0.429, within a week 0.541 -> 0.542; GVA and
# TempEval-3 rose as little. The interval stays the story's, so a wrong match misleads little.
SENTENCE_SIMILARITY = 0.25
# Dated articles searched for such a sentence: the story's closest by TF-IDF, which also bounds the
# work to (articles dated only by their story) x this many.
SENTENCE_NEIGHBOURS = 20
_SENTENCE = re.compile(r"[^\n.!?]{20,600}[.!?]?")
_RELATIVE = (
    (re.compile(r"\b(?:yesterday|last\s{1,3}night)\b", re.I), "day", 1),
    (re.compile(r"\b(?:today|this\s{1,3}(?:morning|afternoon|evening)|tonight)\b", re.I), "day", 0),
    (re.compile(r"\b(?:on\s{1,3})?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I), "weekday", 1),
)


def date_by_sentences(articles: list[Article], story: dict[int, list[int]]) -> list[Article]:
    """Date each article its story only guessed (``story``: its index → its closest dated
    articles) by a sentence of one of those that tells the same event with its day, when the
    article tells it relative to its own publication ("on Sunday", "yesterday")."""
    from sitrep.dates.pubdate import weekday_cues
    from sitrep.dates.timex import find_timexes

    if not story:
        return articles
    anchors = sorted({j for near in story.values() for j in near})
    dated: list[tuple[dt.date, Counter, int, str]] = []  # (the event's day, its words, article, sentence)
    for j in anchors:
        a = articles[j]
        day0 = dt.date.fromisoformat(a.published.date)
        for m in _SENTENCE.finditer(a.text[:20000]):
            days = [t for t in find_timexes(m[0], day0) if t.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t.value)]
            if len(days) == 1:
                dated.append((dt.date.fromisoformat(days[0].value), terms(m[0]), j, m[0].strip()))
    if not dated:
        return articles
    df: Counter = Counter()
    for _, words, _, _ in dated:
        df.update(words.keys())
    n = len(dated)
    idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
    index: dict[str, list[int]] = defaultdict(list)
    norms = []
    for k, (_, words, _, _) in enumerate(dated):
        for w in words:
            index[w].append(k)
        norms.append(math.sqrt(sum(idf[w] ** 2 for w in words)) or 1.0)
    out = list(articles)
    for i, near in story.items():
        a, near = articles[i], set(near)
        best = None
        for m in _SENTENCE.finditer(a.text[:20000]):
            cue = next(((kind, shift, c) for rx, kind, shift in _RELATIVE if (c := rx.search(m[0]))), None)
            if cue is None:
                continue
            words = terms(m[0])
            scores: dict[int, float] = defaultdict(float)
            for w in words:
                for k in index.get(w, ()):
                    scores[k] += idf[w] ** 2
            own_norm = math.sqrt(sum(idf.get(w, 0.0) ** 2 for w in words)) or 1.0
            for k, sc in scores.items():
                sim = sc / (own_norm * norms[k])
                day, _, j, line = dated[k]
                kind, shift, c = cue
                if sim < SENTENCE_SIMILARITY or j not in near or (kind == "weekday" and day.weekday() not in weekday_cues(c[1])):
                    continue
                if best is None or sim > best[0]:
                    best = (sim, day, shift, kind, c[0], j, line)
        if best is None:
            continue
        sim, day, shift, kind, said, j, line = best
        guess = day + dt.timedelta(days=shift)
        late = guess if kind == "day" else day + dt.timedelta(days=6)
        # The day is better than the story's median, but a sentence can match another event of the
        # story: the interval stays the story's (widened to hold the day), the confidence low.
        pub = a.published
        early = min(day, dt.date.fromisoformat(pub.earliest)) if pub.earliest else day
        late = max(late, dt.date.fromisoformat(pub.latest)) if pub.latest else late
        out[i] = replace(a, published=PubDate(
            date=guess.isoformat(), earliest=early.isoformat(), latest=late.isoformat(), basis="corpus",
            confidence=round(min(0.35, sim), 3),
            note=(f"its {said!r} is {day.isoformat()}, the day {articles[j].id} gives the same event "
                  f"({line[:80]!r}, sentence similarity {sim:.2f})"),
        ))
    return out
