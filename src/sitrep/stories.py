"""Stories and timelines: articles grouped into stories, and dated, cited entries per story,
place or actor.

A story is a connected group of articles: two articles belong together when they report the same
merged event, or when their words are close (TF-IDF cosine, the same measure the date step uses).
A timeline entry is one day: its summary is the note of that day's best-attested event (most
documents, then confidence), with every event and source of the day listed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sitrep.dates.corpus import _vectors, terms
from sitrep.ids import hash_id
from sitrep.records import Article

# Articles whose TF-IDF cosine reaches this are one story even without a shared event. Set above
# the date step's 0.35 (near-rewrites): a story is looser than one report, but on the demo corpus
# 0.25 joined unrelated Syria articles through common war vocabulary.
STORY_SIMILARITY = 0.35


class _Union:
    def __init__(self, items):
        self.parent = {i: i for i in items}

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def stories(documents: list[dict], events: list[dict]) -> list[dict]:
    """``documents``: stored documents (id, title, text, published); ``events``: merged events.
    Returns ``[{id, title, documents, events, first, last}]``, largest story first."""
    ids = [d["id"] for d in documents]
    union = _Union(ids)
    known = set(ids)
    for e in events:
        docs = sorted({m["document"] for m in e["mentions"]} & known)
        for other in docs[1:]:
            union.join(docs[0], other)
    articles = [Article(id=d["id"], source=d["id"], title=d.get("title") or "", text=d.get("text") or "") for d in documents]
    vectors = _vectors(articles) if articles else []
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        scores: dict[int, float] = defaultdict(float)
        for term, w in vec.items():
            for j, wj in index[term]:
                scores[j] += w * wj
            index[term].append((i, w))
        for j, s in scores.items():
            if s >= STORY_SIMILARITY:
                union.join(ids[i], ids[j])
    groups: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        groups[union.find(i)].append(i)
    by_doc_events: dict[str, set[str]] = defaultdict(set)
    for e in events:
        for m in e["mentions"]:
            by_doc_events[m["document"]].add(e["id"])
    titles = {d["id"]: d.get("title") or d["id"] for d in documents}
    published = {d["id"]: (d.get("published") or {}).get("date") for d in documents}
    out = []
    for members in groups.values():
        members.sort()
        evs = sorted({e for d in members for e in by_doc_events[d]})
        days = sorted(p for d in members if (p := published[d]))
        # The story's title: the title of its article linked to the most events.
        lead = max(members, key=lambda d: (len(by_doc_events[d]), -members.index(d)))
        out.append({"id": hash_id("story", members[0]), "title": titles[lead], "documents": members,
                    "events": evs, "first": days[0] if days else None, "last": days[-1] if days else None})
    out.sort(key=lambda s: (-len(s["documents"]), s["first"] or "", s["id"]))
    return out


def select_events(events: list[dict], *, places: list[str] | None = None, actor: str | None = None,
                  story: dict | None = None, include_background: bool = True) -> list[dict]:
    """The dated events at one of ``places`` (GeoNames ids), involving ``actor``, in ``story``."""
    chosen = []
    for e in events:
        loc = e.get("location") or {}
        if places is not None and str(loc.get("geonameid")) not in places:
            continue
        names = {(e.get(k) or {}).get("name", "").lower() for k in ("actor1", "actor2")} | {a.get("name", "").lower() for a in e.get("assoc_actors") or []}
        if actor and actor.lower() not in names:
            continue
        if story and e["id"] not in set(story["events"]):
            continue
        if not include_background and e.get("background"):
            continue
        if e["date"]["start"]:
            chosen.append(e)
    return chosen


def timeline(events: list[dict], *, places: list[str] | None = None, actor: str | None = None,
             story: dict | None = None, include_background: bool = True) -> list[dict]:
    """Dated entries ``[{date, summary, events, sources}]`` for the events that match: at one of
    ``places`` (GeoNames ids), involving ``actor``, in ``story``."""
    by_day: dict[str, list[dict]] = defaultdict(list)
    for e in select_events(events, places=places, actor=actor, story=story, include_background=include_background):
        by_day[e["date"]["start"]].append(e)
    entries = []
    for day in sorted(by_day):
        evs = by_day[day]
        best = max(evs, key=lambda e: (len({m["document"] for m in e["mentions"]}), e["confidence"], e["id"]))
        sources = Counter(s for e in evs for s in e.get("sources") or [])
        entries.append({"date": day, "summary": best["notes"], "events": sorted(e["id"] for e in evs),
                        "sources": sorted(sources)})
    return entries


def as_markdown(entries: list[dict]) -> str:
    lines = []
    for e in entries:
        src = f" — {', '.join(e['sources'])}" if e["sources"] else ""
        lines.append(f"- **{e['date']}** {e['summary']}{src}")
    return "\n".join(lines) + ("\n" if lines else "")


# --- Timelines from the articles' own sentences -------------------------------------------------
#
# Stories that are not wars (a spill, an epidemic, a trial) have few or no ACLED events, and even a
# war story has days whose news is not an event. `text_timeline` builds a story's timeline from what
# its articles say happened on which day: every sentence is dated by the temporal expressions in it
# (resolved against its article's publication date); a day's weight is how many sentences, across
# articles, name it; a day's entry is taken from the sentences that name it and the leads of the
# articles published that day: those closest to their common centroid and to the whole story,
# without repeats.

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Sentences shorter than this (words) are captions, datelines and fragments, longer ones run-ons
# of scraped text with no stops; neither reads as a timeline entry. Journalist-written Timeline17
# entries (the `sitrep eval timeline` data) run 8-45 words, median 22.
MIN_WORDS, MAX_WORDS = 6, 60
# A candidate sentence this similar (cosine of TF-IDF) to one already chosen repeats it.
# On the Timeline17 development timelines (`sitrep eval timeline`), 0.3 / 0.5 / 0.7 gave ROUGE-1
# 0.110 / 0.107 / 0.106: repeats are rare either way; 0.5 keeps close paraphrases of new facts.
REPEAT_SIMILARITY = 0.5
# A candidate's score: closeness to its day's candidates plus this much closeness to the whole
# story. Timeline entries are about the story, not any news of the day; on the development
# timelines 0 / 0.5 / 1 / 2 gave ROUGE-1 0.107 / 0.112 / 0.115 / 0.116 and ROUGE-2 0.039 / 0.040 /
# 0.040 / 0.037, so 1.
TOPIC_WEIGHT = 1.0


@dataclass(frozen=True)
class DatedSentence:
    """A sentence of a stored document, with the days it names (and its article's day)."""

    document: str
    start: int
    end: int
    text: str
    published: dt.date
    days: frozenset[dt.date]
    lead: bool  # among the first sentences of its article


def dated_sentences(documents: Iterable[dict], *, start: dt.date | None = None,
                    end: dt.date | None = None, lead: int = 3) -> list[DatedSentence]:
    """Every sentence of ``documents`` (dicts with ``id``, ``text``, ``published``) published between
    ``start`` and ``end``, with the days (day-precision DATE values) its temporal expressions name
    within those bounds. Documents without a publication day are skipped: nothing could be dated."""
    from sitrep.dates.timex import find_timexes
    from sitrep.extract.mentions import sentences

    out = []
    for d in documents:
        day = (d.get("published") or {}).get("date")
        text = d.get("text") or ""
        if not day or not text:
            continue
        pub = dt.date.fromisoformat(day[:10])
        if (start and pub < start) or (end and pub > end):
            continue
        spans = sentences(text)
        starts = [s for s, _ in spans]
        named: dict[int, set[dt.date]] = defaultdict(set)
        for t in find_timexes(text, pub):
            if t.type != "DATE" or not _DAY.match(t.value):
                continue
            try:
                when = dt.date.fromisoformat(t.value)
            except ValueError:
                continue
            if (start and when < start) or (end and when > end):
                continue
            i = bisect.bisect_right(starts, t.start) - 1
            if i >= 0 and t.start < spans[i][1]:
                named[i].add(when)
        for i, (s, e) in enumerate(spans):
            out.append(DatedSentence(d["id"], s, e, text[s:e], pub, frozenset(named.get(i, ())), i < lead))
    return out


def _idf(sents: list[DatedSentence]) -> tuple[list[Counter], dict[str, float]]:
    bags = [terms(s.text) for s in sents]
    df: Counter = Counter()
    for b in bags:
        df.update(b.keys())
    n = len(bags)
    return bags, {t: math.log((n + 1) / (f + 0.5)) for t, f in df.items()}


def _unit(bag: Counter, idf: dict[str, float]) -> dict[str, float]:
    vec = {t: (1 + math.log(f)) * idf[t] for t, f in bag.items()}
    norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
    return {t: w / norm for t, w in vec.items()}


def _centre(vectors: list[dict[str, float]]) -> dict[str, float]:
    total: Counter = Counter()
    for v in vectors:
        total.update(v)
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    return {t: w / norm for t, w in total.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def rank_days(sents: list[DatedSentence]) -> list[tuple[dt.date, int]]:
    """Days by the number of articles with a sentence naming the day; ties go to the earlier day.

    Articles, not sentences, are counted: one long article retelling one day sentence by sentence
    is one voice. On the Timeline17 development timelines (`sitrep eval timeline`) counting
    articles raised date F1 from 0.578 to 0.633 and ROUGE-1 from 0.093 to 0.107; adding 0.5-4 per
    article published on the day changed date F1 by under 0.02 and ROUGE not at all, so it is not."""
    score: Counter = Counter(day for _, day in {(s.document, day) for s in sents for day in s.days})
    return sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))


def text_timeline(documents: Iterable[dict], *, days: int = 10, per_day: int = 1,
                  start: dt.date | None = None, end: dt.date | None = None,
                  sources: dict[str, str] | None = None) -> list[dict]:
    """A dated, cited timeline of ``documents`` from their own sentences: the ``days`` most-named
    days between ``start`` and ``end``, each with ``per_day`` sentences. Entries are
    ``{date, summary, sentences: [{document, start, end, text}], sources, events: []}`` in date
    order; every summary sentence is quoted verbatim from the document and offsets it names.
    ``sources`` maps a document id to the name shown for it (its outlet); by default the id."""
    sents = [s for s in dated_sentences(documents, start=start, end=end)
             if MIN_WORDS <= len(s.text.split()) <= MAX_WORDS]
    if not sents:
        return []
    bags, idf = _idf(sents)
    vectors = [_unit(b, idf) for b in bags]
    naming: dict[dt.date, list[int]] = defaultdict(list)
    leads: dict[dt.date, list[int]] = defaultdict(list)
    for i, s in enumerate(sents):
        for day in s.days:
            naming[day].append(i)
        if s.lead and not s.days:
            leads[s.published].append(i)
    topic = _centre(vectors)
    entries = []
    for day, _ in rank_days(sents)[:days]:
        # The day's leads are always candidates: a report's first sentences say what happened
        # most plainly, and often name the day only as "on Tuesday" one sentence later. With the
        # leads ROUGE-1 on the development timelines went from 0.115 to 0.121.
        pool = naming[day] + leads[day]
        centre = _centre([vectors[i] for i in pool])
        score = {i: _cos(vectors[i], centre) + TOPIC_WEIGHT * _cos(vectors[i], topic) for i in pool}
        chosen: list[int] = []
        for i in sorted(pool, key=lambda i: (-score[i], sents[i].document, sents[i].start)):
            if len(chosen) == per_day:
                break
            if all(_cos(vectors[i], vectors[j]) < REPEAT_SIMILARITY for j in chosen):
                chosen.append(i)
        picked = [sents[i] for i in chosen]
        entries.append({
            "date": day.isoformat(),
            "summary": " ".join(s.text for s in picked),
            "sentences": [{"document": s.document, "start": s.start, "end": s.end, "text": s.text} for s in picked],
            "sources": sorted({(sources or {}).get(s.document, s.document) for s in picked}),
            "events": [],
        })
    entries.sort(key=lambda e: e["date"])
    return entries
