"""Geocoding: find the places an article names and resolve each to a gazetteer entry, offline.

    >>> from sitrep.geocode import find_places
    >>> [p.name for p in find_places("Russian jets struck Palmyra and the T4 airbase.")]
    ['Russia', 'Tadmur', 'T4 airbase']

``find_places(text)`` returns one :class:`sitrep.records.Place` per mention, in text order, with
offsets into ``text`` (``text[p.start:p.end] == p.text``). A mention with no good gazetteer
candidate keeps ``geonameid=None`` and a ``reason``; the others resolve regardless.

Keyword options:

``demonyms`` (default True)
    also report adjectival place names ("*Syrian* army", "*Russian* jets") and place words at the
    start of organisation names, as the GeoWebNews convention counts them. Pass False to keep only
    places named as places (what an event's location needs).
``approximate`` (default False)
    give a mention that is not in the gazetteer (a street, a small neighbourhood) the coordinates
    of the article's focus place, still with ``geonameid=None`` and a reason saying so.
``fast`` (default False)
    skip spaCy's statistical NER and keep only the gazetteer/actor rulers and demonyms: about ten
    times faster, at the cost of the places the gazetteer does not know (on GeoWebNews recognition
    F1 0.84 instead of 0.88: precision up, recall down).

The gazetteer is built on first use into ``$SITREP_CACHE`` or ``~/.cache/sitrep/`` (see
:mod:`sitrep.geocode.gazetteer`); the spaCy pipeline is loaded once by :func:`sitrep.nlp.get_nlp`.
"""

from __future__ import annotations

import re

from collections.abc import Iterable, Iterator
from dataclasses import replace

from sitrep.records import Place
from sitrep.nlp import spacy_safe, tokenised_pieces

__all__ = ["find_places", "find_places_many", "find_places_titled", "places_from_doc"]

def _restore_texts(text: str, places: list[Place]) -> list[Place]:
    """Mentions' texts as they are in ``text`` (not in its spaCy-safe copy)."""
    return [p if text[p.start : p.end] == p.text else replace(p, text=text[p.start : p.end]) for p in places]


def _places(text: str, docs_with_offsets, demonyms: bool, approximate: bool) -> list[Place]:
    from collections import Counter

    from sitrep.geocode.recognise import Mention, actor_countries, person_surnames, recognise
    from sitrep.geocode.resolve import resolve_mentions

    # Adjectival mentions ("Syrian army") are resolved in any case: they are country context for the
    # others. They are reported only when ``demonyms`` is on.
    mentions: list[Mention] = []
    actors: Counter = Counter()
    docs_with_offsets = list(docs_with_offsets)
    named = person_surnames(doc for doc, _ in docs_with_offsets)
    for doc, base in docs_with_offsets:
        for m in recognise(doc, demonyms=True, persons=named):
            mentions.append(Mention(m.start + base, m.end + base, m.text, m.label, m.kind, m.source) if base else m)
        actors += actor_countries(doc)
    mentions = _with_dateline(text, mentions)
    places = resolve_mentions(text, mentions, context=actors, approximate=approximate)
    if demonyms:
        return places
    return [p for p, m in zip(places, mentions) if m.kind == "name"]


# A dateline: a place name in capitals opening the text or one of its first lines, before a comma,
# a bracket or a dash ("ALTURAS, Modoc County (KPIX 5) —", "BEIRUT (Reuters) -"). The entity
# ruler knows the capitals of major places only; NER rarely tags a word in capitals.
_DATELINE = re.compile(r"(?m)^[ \t\u200b\ufeff]*([A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})(?=[ \t]*(?:,|\(|—|–|-{1,2}[ \t]))")
DATELINE_CHARS = 300  # datelines open an article: the first lines only


def dateline_span(text: str) -> tuple[int, int] | None:
    """Offsets of the place name in capitals that opens the text as its dateline, if any."""
    m = _DATELINE.search(text[:DATELINE_CHARS])
    return m.span(1) if m else None


def _with_dateline(text: str, mentions: list) -> list:
    """``mentions`` with the article's dateline place added when nothing found it."""
    from sitrep.geocode.gazetteer import get_gazetteer
    from sitrep.geocode.recognise import Mention

    m = _DATELINE.search(text[:DATELINE_CHARS])
    if m is None:
        return mentions
    inside = [x for x in mentions if x.start < m.end(1) and m.start(1) < x.end]
    if any(x.start <= m.start(1) and m.end(1) <= x.end for x in inside):
        return mentions  # something found the whole dateline place already
    name = m.group(1)
    if len(name) < 4 or not get_gazetteer().lookup(name.title()):
        return mentions
    # The whole dateline name, in place of the parts of it NER or the ruler found ("VINE" of
    # "VINE GROVE, KY", "IOWA" of "IOWA CITY", "CAZA" of "COTO DE CAZA").
    kept = [x for x in mentions if not any(x is y for y in inside)]
    return sorted([*kept, Mention(m.start(1), m.end(1), name, "GPE", "name", "dateline")], key=lambda x: x.start)


def places_from_doc(doc, *, demonyms: bool = True, approximate: bool = False) -> list[Place]:
    """Places in an already processed Doc (from :func:`sitrep.nlp.get_nlp`)."""
    return _places(doc.text, [(doc, 0)], demonyms, approximate)


# Texts longer than this go through spaCy in pieces cut at line breaks (spaCy refuses texts over
# ``nlp.max_length``, 10^6 characters, and its memory grows with the text). At 100,000 characters a
# 180,000-character Timeline17 page took the process's peak to 878 MB over 220 articles; at 10,000
# (four times the median GeoWebNews article) to 323 MB, with identical places found.
CHUNK_CHARS = 10_000


NER_BATCH = 8


def _chunks(text: str) -> list[tuple[str, int]]:
    out, start = [], 0
    while len(text) - start > CHUNK_CHARS:
        cut = text.rfind("\n", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
        if cut == -1:
            cut = text.rfind(" ", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
        cut = cut + 1 if cut != -1 else start + CHUNK_CHARS
        out.append((text[start:cut], start))
        start = cut
    out.append((text[start:], start))
    return out


def _disabled(nlp, fast: bool) -> list[str]:
    from sitrep.nlp import entity_only_disable

    return entity_only_disable(nlp) + (["ner"] if fast else [])


def _segments(length: int, ner_spans: Iterable[tuple[int, int]], text: str) -> list[tuple[int, int, bool]]:
    """``[(start, end, ner)]`` covering ``text[:length]`` in order: the ``ner_spans`` (merged where only
    whitespace parts them) with ``ner`` True, the stretches between them False."""
    out: list[tuple[int, int, bool]] = []
    at = 0
    for s, e in sorted(ner_spans):
        s, e = max(s, at), min(e, length)
        if e <= s:
            continue
        if s > at and not (out and out[-1][2] and not text[at:s].strip()):
            out.append((at, s, False))
        if out and out[-1][2] and not text[out[-1][1]:s].strip():
            out[-1] = (out[-1][0], e, True)
        else:
            out.append((s, e, True))
        at = e
    if at < length:
        out.append((at, length, False))
    return out


# A run of up to four capitalised words ("Bear River Valley Hospital", "Erie").
_CAPITALISED_RUN = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*(?:[ \t]{1,2}[A-Z][\w'’-]*){0,3}")


def may_add_a_place(sentence: str) -> bool:
    """Whether spaCy's statistical NER could add a place the rulers miss in ``sentence``: some run
    of its capitalised words is a gazetteer name the rulers do not force (a town of under 15,000
    people, a county, a name that is also a noun: "in Flint"). Not counted, as the NER seldom
    reads them as places: words in capitals (a dateline has its own rule), runs opening or closing
    with a function word ("The United States"), days and months, common first names and titles, and
    a noun inside a longer name ("City" of "City Council")."""
    from sitrep.dates.timex import _MONTHS, _WEEKDAYS
    from sitrep.geocode.gazetteer import get_gazetteer
    from sitrep.geocode.recognise import PLACE_FOLLOW
    from sitrep.nlp import HONORIFICS, PERSON_NAMES, ruled_names

    ruled, words, nouns = ruled_names()
    gaz = get_gazetteer()
    for m in _CAPITALISED_RUN.finditer(sentence):
        parts = m.group().split()
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                phrase = " ".join(parts[i:j])
                first, last = parts[i].lower(), parts[j - 1].lower()
                if phrase in ruled or phrase.isupper() or first in words or last in words:
                    continue
                calendar = first in _MONTHS or first in _WEEKDAYS or first in _DAY_ABBREVIATIONS
                # "the Jackson Police Department", "Austin police": a first name or a noun before
                # its police or its people is a town's name
                after = parts[j] if j < len(parts) else (n.group(1) if (n := _NEXT_WORD.match(sentence, m.end())) else "")
                if j == i + 1 and (calendar or first.rstrip(".") in HONORIFICS or (
                        (first in PERSON_NAMES or (first in nouns and len(parts) > 1)) and after.lower() not in PLACE_FOLLOW)):
                    continue
                if gaz.has_name(phrase):
                    return True
    return False


_NEXT_WORD = re.compile(r"\s{1,3}(\w{1,30})")


# Weekdays as abbreviated in news (the full names and the months are the date reader's own tables).
_DAY_ABBREVIATIONS = frozenset("mon tue tues wed thu thur thurs fri sat sun".split())


def find_places(text: str, *, demonyms: bool = True, approximate: bool = False, fast: bool = False,
                ner_spans: Iterable[tuple[int, int]] | None = None) -> list[Place]:
    """Recognise and resolve the place names in ``text``. With ``ner_spans`` (character ranges, such
    as the sentences that report events), spaCy's statistical NER reads only those ranges and the
    rulers alone the rest (as ``fast``), while every place found still resolves in the context of all
    the others."""
    from sitrep.nlp import get_nlp

    nlp = get_nlp()
    disable = _disabled(nlp, fast)
    safe = spacy_safe(text)
    if ner_spans is not None and not fast:
        rulers = _disabled(nlp, True)
        pieces = [(piece, start + base, ner) for start, end, ner in _segments(len(safe), ner_spans, safe)
                  for piece, base in _chunks(safe[start:end])]
        tokenised = tokenised_pieces(nlp, [t for t, _, _ in pieces])
        # Sentences batched 8 at a time: on 149 Timeline17 articles extraction took 30.5 s against
        # 36.5 s one at a time and 31.9 s at 32 (pieces are at most CHUNK_CHARS, so memory stays low).
        with_ner = nlp.pipe([d for d, (_, _, ner) in zip(tokenised, pieces) if ner], disable=disable,
                            batch_size=NER_BATCH)
        without = nlp.pipe([d for d, (_, _, ner) in zip(tokenised, pieces) if not ner], disable=rulers,
                           batch_size=NER_BATCH)
        docs = [(next(with_ner) if ner else next(without), base) for _, base, ner in pieces]
        places = _places(safe, docs, demonyms, approximate)
    elif len(safe) <= CHUNK_CHARS:
        places = places_from_doc(nlp(safe, disable=disable), demonyms=demonyms, approximate=approximate)
    else:
        pieces = _chunks(safe)
        # One piece at a time: batched, the pieces would cost what the whole text costs.
        docs = nlp.pipe(tokenised_pieces(nlp, [t for t, _ in pieces]), disable=disable, batch_size=1)
        places = _places(safe, [(d, base) for d, (_, base) in zip(docs, pieces)], demonyms, approximate)
    # A name's span never ends in white space (the NER may take in the "\n\n" after a title).
    places = [replace(p, end=p.start + len(name), text=name) if (name := p.text.rstrip()) != p.text else p
              for p in places]
    return places if safe == text else _restore_texts(text, places)


def find_places_titled(text: str, title: str | None, *, demonyms: bool = True,
                       ner_spans: Iterable[tuple[int, int]] | None = None,
                       site: str = "") -> tuple[list[Place], list[Place]]:
    """The places of an article's title and of its text, resolved together (the title's "Troy"
    read with the text's Michigan), each list with offsets into its own string. ``ner_spans``
    (offsets into ``text``) as for :func:`find_places`; the title is always read with the NER.
    ``site``: the outlet's name cut from the title ("WMC Action News 5 - Memphis, Tennessee"):
    its places are context for the others (a local station's state), never places of their own."""
    title = title or ""
    site = site.strip()
    if not title.strip() and not site:
        return [], find_places(text, demonyms=demonyms, ner_spans=ner_spans)
    from sitrep.nlp import truecase_title

    cased = truecase_title(title) if title.strip() else title  # "… Shot At Birthday Party In Compton"
    cut = len(title) + 2
    if ner_spans is not None:
        ner_spans = [(0, len(title)), *((s + cut, e + cut) for s, e in ner_spans)]
    whole = f"{cased}\n\n{text}"
    both = find_places(f"{whole}\n\n{site}" if site else whole, demonyms=demonyms, ner_spans=ner_spans)
    heading = [replace(p, text=title[p.start:p.end]) for p in both if p.end <= len(title)]
    body = [replace(p, start=p.start - cut, end=p.end - cut) for p in both if p.start >= cut and p.end <= len(whole)]
    return heading, body


def find_places_many(
    texts: Iterable[str],
    *,
    demonyms: bool = True,
    approximate: bool = False,
    fast: bool = False,
    batch_size: int = 16,
) -> Iterator[list[Place]]:
    """``find_places`` over many texts, batching them through spaCy (faster than one by one)."""
    from sitrep.nlp import get_nlp

    nlp = get_nlp()
    disable = _disabled(nlp, fast)
    short: list[str] = []

    def flush():
        safe = [spacy_safe(t) for t in short]
        for text, doc in zip(short, nlp.pipe(safe, disable=disable, batch_size=batch_size)):
            places = places_from_doc(doc, demonyms=demonyms, approximate=approximate)
            yield places if doc.text == text else _restore_texts(text, places)
        short.clear()

    for text in texts:
        if len(text) > CHUNK_CHARS:
            yield from flush()
            yield find_places(text, demonyms=demonyms, approximate=approximate, fast=fast)
        else:
            short.append(text)
            if len(short) >= batch_size * 4:
                yield from flush()
    yield from flush()
