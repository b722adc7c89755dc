"""The record types that flow between stages.

One obvious type per stage, all frozen, slotted and keyword-only, so nothing free-form travels
between stages and every record can be hashed, compared and safely shared across processes.

    read_sources  -> RawDoc | Rejected
    clean_article -> Article | Rejected
    date_article  -> Article (with ``published`` filled in)
    extract       -> Mention ...

After extraction, records leave the per-document spine for the store, and the global steps
(merge, control, stories) work on their stored form: the contract's JSON shape of an Event and of
a control span. Incremental runs merge new mentions with everything stored before, and that
shape is the one thing old and new mentions share, so no second record type mirrors it here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "html"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PubDate:
    """A publication date with its uncertainty: the most likely day and the interval it lies in."""

    date: str | None  # ISO 8601 day, the best single guess
    earliest: str | None
    latest: str | None
    basis: str  # where it came from: "jsonl", "html-meta", "json-ld", "url", "warc", "feed", "text", ...
    confidence: float
    note: str | None = None  # why: the cue used, or why a metadata date was set aside

    def as_dict(self) -> dict:
        out = {
            "date": self.date,
            "earliest": self.earliest,
            "latest": self.latest,
            "basis": self.basis,
            "confidence": self.confidence,
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDoc:
    """One input document as read, before cleaning: decoded text or HTML plus the metadata its
    container carried (JSONL fields, HTML meta tags and JSON-LD, WARC headers, feed entries)."""

    id: str
    source: str  # the path or URI it was read from
    kind: Kind
    body: str  # decoded text (kind="text") or markup (kind="html")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: PubDate | None = None
    language: str | None = None
    encoding: str | None = None
    given: str | None = None  # the text exactly as given, when it differs from ``body`` (a .txt file's title line)

    @property
    def text_as_given(self) -> str:
        """The input text used with ``--raw``: the file's text as read, or a page's visible text."""
        if self.given is not None:
            return self.given
        if self.kind == "html":
            from sitrep.clean.flatten import flatten_html

            return flatten_html(self.body)
        return self.body


@dataclass(frozen=True, slots=True, kw_only=True)
class Removed:
    """A span the cleaner removed, kept with the reason, so no text disappears unexplained."""

    text: str
    reason: str

    def as_dict(self) -> dict:
        return {"text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A cleaned article: main text only, with what was removed and why."""

    id: str
    source: str
    title: str
    text: str
    removed: tuple[Removed, ...] = ()
    url: str | None = None
    outlet: str | None = None
    published: PubDate | None = None
    language: str | None = None
    kind: Kind = "text"
    content_hash: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejected:
    """An input that could not become an Article, with a stable error code and a readable reason."""

    source: str
    code: str  # stable code from sitrep.errors, e.g. "E_EMPTY"
    reason: str  # human-readable
    id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One source's figure for a quantity (fatalities, injured), never averaged with the others."""

    value: int
    # "exact", "at least", "more than", "about", "up to", "vague"; victims told one by one: "one" (one
    # named victim), "another" (one more: "a second man was wounded"), "part" (some of a toll)
    qualifier: str
    source: str | None  # who says so, e.g. "the Russian defence ministry"
    document: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One report of an event in one document, before merging."""

    id: str
    document: str
    start: int
    end: int
    sentence: str
    event_type: str
    sub_event_type: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    location: dict | None = None
    actor1: dict | None = None
    actor2: dict | None = None
    assoc_actors: tuple[dict, ...] = ()
    fatalities: tuple[Claim, ...] = ()
    injured: tuple[Claim, ...] = ()
    status: str = "reported"
    background: bool = False
    attributed_to: str | None = None
    confidence: float = 0.0
    # Where each field was read: {"actor1"|"actor2"|"place": {"start", "end", "text"}}, document
    # offsets; a field read from outside the sentence (the article's main place) has none.
    evidence: dict | None = None
    # Read from the article's title, not its text: ``start``, ``end`` and the evidence's offsets
    # index the title (an article whose text reports no event, such as a scrape that kept only
    # its headline and the page's furniture).
    in_title: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Timex:
    """A temporal expression: offsets into the text, its TimeML type and normalised value
    (``2016-03-27``, ``2015-05``, ``2016-W49``, ``P9M``, ``PAST_REF`` …)."""

    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value}


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A place name in the text and what it resolved to. ``geonameid`` is None when no candidate
    was good enough; ``reason`` then says why."""

    start: int
    end: int
    text: str
    name: str | None
    geonameid: str | None
    lat: float | None
    lon: float | None
    country_code: str | None
    feature_code: str | None
    admin1: str | None = None
    admin2: str | None = None
    precision: str | None = None  # point, city, admin2, admin1, country
    confidence: float = 0.0
    reason: str | None = None
    city: str | None = None  # the city a neighbourhood lies in ("Rogers Park": Chicago)

    def as_dict(self) -> dict:
        return {
            "start": self.start, "end": self.end, "text": self.text, "name": self.name,
            "geonameid": self.geonameid, "lat": self.lat, "lon": self.lon,
            "country_code": self.country_code, "feature_code": self.feature_code,
            "admin1": self.admin1, "admin2": self.admin2, "precision": self.precision,
            "confidence": self.confidence, "reason": self.reason, "city": self.city,
        }
