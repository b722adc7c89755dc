"""Stories and timelines: articles grouped into stories, and dated, cited entries per story,
place or actor.

A story is a connected group of articles: two articles belong together when they report the same
merged event, or when their words are close (TF-IDF cosine, the same measure the date step uses).
A timeline entry is one day: its summary is the note of that day's best-attested event (most
documents, then confidence), with every event and source of the day listed.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sitrep.dates.corpus import _vectors
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


def timeline(events: list[dict], *, places: list[str] | None = None, actor: str | None = None,
             story: dict | None = None, include_background: bool = True) -> list[dict]:
    """Dated entries ``[{date, summary, events, sources}]`` for the events that match: at one of
    ``places`` (GeoNames ids), involving ``actor``, in ``story``."""
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
    by_day: dict[str, list[dict]] = defaultdict(list)
    for e in chosen:
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
