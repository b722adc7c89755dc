"""extract: the event mentions of one cleaned, dated article, every field traced to its sentence.

Per sentence, cheapest first: the type classifier looks at every sentence; only sentences that can
carry an event are parsed (spaCy), and from the parse come the actors and their roles (active and
passive voice, "from" phrases for territory), the place, the date, the casualty figures, the
status, the claimant, and whether the event is background to the article's news.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache

from sitrep.extract.actors import Actor, country_iso3, country_name, normalise_actor
from sitrep.extract.attribution import attribution_of
from sitrep.extract.casualties import find_counts
from sitrep.ids import hash_id
from sitrep.records import Article, Claim, Mention, Place

# The classifier's confidence below which a sentence is not taken as an event report. On CASE 2021
# (`sitrep eval events`) most top predictions under 0.3 were wrong, but sentences such as "Twenty
# insurgents were killed." score 0.26: with 0.3 they were never events. Measured on the pipeline:
# 0.3 / 0.25 / 0.2 gave WikiEvents dev events aligned 112 / 123 / 128 and attacker F1 0.25 / 0.24 /
# 0.31, RAMS dev place F1 0.27 / 0.32 / 0.34 (`sitrep eval arguments`), GVA B-cubed F1 0.790 /
# 0.794 / 0.795 and incident date 0.63 / 0.71 / 0.72 with precision 0.952 / 0.951 / 0.950
# (`sitrep eval merge --limit 600`). Each mention keeps the classifier's confidence to filter on.
MIN_TYPE_CONFIDENCE = 0.2
# An event dated more than this long before the article's publication is background, not news:
# news reports events of the past days; ACLED's own sourcing lag is about a week.
BACKGROUND_DAYS = 31
# A match may start only at the beginning of a run of stops, and takes the run whole: a long run
# of "!!!!" with no space after is then tried once, not at every position (that was quadratic).
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s)|\n")
# Words whose full stop ends no sentence: initials ("U.S.", "U.N."), titles and ranks.
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Rev|St|Sen|Rep|Gov|Prof|No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|vs|etc|approx|Inc|Ltd|Co))\.$")

_ATTEMPTED = re.compile(r"\b(?:tried|trying|attempt(?:ed|ing|s)?|failed|foiled|thwarted|repelled|repulsed|fended off|sought)\s+to\b|\b(?:repelled|repulsed|thwarted|foiled)\b", re.I)
_ONGOING = re.compile(r"\b(?:close to|closing in on|advanc(?:ed|ing) (?:on|towards?)|push(?:ed|ing)? (?:into|towards?)|battle for|fight(?:ing)? for|offensive (?:to|on|against)|besieg(?:ed|ing)|on the outskirts of|on the verge of|poised to|encircl(?:ed|ing))\b", re.I)
_DENIED = re.compile(r"\b(?:denied|denies|deny|rejected (?:claims|reports)|dismissed (?:claims|reports)|false reports?)\b", re.I)
_CLAIMED = re.compile(r"\b(?:claimed responsibility|claims? (?:to have|that)|claimed)\b", re.I)
_PAST_PERFECT = re.compile(r"\bhad\s+(?:been\s+)?\w+(?:ed|en|ized|ised|zed)\b", re.I)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a light splitter, so only event sentences pay for parsing."""
    out = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group() != "\n" and _ABBREV.search(text[max(0, m.start() - 6): m.start() + 1]):
            continue
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    spans = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 15:
            spans.append((s, e))
    return spans


def _status(sentence: str) -> str:
    if _DENIED.search(sentence):
        return "denied"
    if _ATTEMPTED.search(sentence):
        return "attempted"
    if _ONGOING.search(sentence):
        return "ongoing"
    if _CLAIMED.search(sentence):
        return "claimed"
    return "reported"


def _range(value: str) -> tuple[str, str, str] | None:
    """(start, end, precision) of a TimeML DATE value."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return value, value, "day"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start.isoformat(), (start + dt.timedelta(days=6)).isoformat(), "week"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            return first.isoformat(), last.isoformat(), "month"
        if re.fullmatch(r"\d{4}", value):
            return f"{value}-01-01", f"{value}-12-31", "year"
    except ValueError:
        return None
    return None


def _location(place: Place | None) -> dict | None:
    if place is None or place.geonameid is None:
        return None
    return {
        "name": place.name, "geonameid": place.geonameid, "lat": place.lat, "lon": place.lon,
        "country": country_name(place.country_code), "iso3": country_iso3(place.country_code),
        "admin1": place.admin1, "admin2": place.admin2, "precision": place.precision,
    }


_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december today yesterday tonight morning afternoon "
    "evening night week weekend month year".split()
)


_REPORTING = frozenset({"say", "report", "tell", "claim", "add", "announce", "state"})


def _phrase(child, *, after_preposition: bool = False) -> tuple[str, int, int]:
    """The words of a dependent's subtree and their character offsets in its doc; with
    ``after_preposition``, without a leading preposition ("by IS" → "IS")."""
    doc = child.doc
    first, last = child.left_edge.i, child.right_edge.i
    if after_preposition and first == child.i and last > first:
        first += 1
    # The parser often hangs "on Sunday" under the last noun ("from IS on Sunday"): the time is
    # not part of who it is.
    head = next((t for t in child.children if t.dep_ == "pobj"), child) if after_preposition else child
    cut = [t.i for t in head.rights if t.dep_ == "prep" and any(w.lower_ in _TIME_WORDS for w in t.subtree)]
    if cut:
        last = max(first, min(cut) - 1)
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return doc.text[start:end], start, end


# Auxiliaries and governing verbs that make an event word a plan, a wish or a possibility rather
# than a report (ACLED codes what happened). "Tried to" / "sought to" are attempts, coded as such.
_MODALS = frozenset({"will", "would", "could", "should", "might", "may", "must", "shall"})
_PLANS = frozenset({"plan", "vow", "pledge", "threaten", "hope", "intend", "prepare", "want", "aim", "promise",
                    "expect", "urge", "call", "demand"})


def _only_planned(span, triggers: frozenset[str]) -> bool:
    """Whether every trigger verb of the sentence is only planned, wished or possible: under a
    modal ("would retake"), or an infinitive of a plan ("vowed to retake") or of a noun ("an
    operation to retake"). False when the sentence has no trigger verb (nothing to judge)."""
    verbs = [t for t in span if t.pos_ == "VERB" and (t.lemma_.lower() in triggers or t.lower_ in triggers)]

    def planned(v) -> bool:
        aux = {c.lower_ for c in v.children if c.dep_ == "aux"}
        if aux & _MODALS:
            return True
        return "to" in aux and (v.dep_ == "acl" or (v.dep_ == "xcomp" and v.head.lemma_.lower() in _PLANS))

    return bool(verbs) and all(planned(v) for v in verbs)


def _taken_spans(span) -> list[tuple[int, int]]:
    """Character spans (in the span's doc) of what the sentence's verbs act on: their direct
    objects and passive subjects (not those of reporting verbs). Matched by dependency, not by
    trigger word, since the lemmatizer misses irregular forms ("retook")."""
    out = []
    for verb in span:
        if verb.pos_ == "VERB" and verb.lemma_ not in _REPORTING:
            for child in verb.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    _, a, b = _phrase(child)
                    out.append((a, b))
    return out


def _roles(span, default_country: str | None, triggers: frozenset[str] = frozenset()
           ) -> tuple[Actor | None, Actor | None, list[Actor], dict]:
    """actor1 (who acted), actor2 (on whom / who lost the place), others named in the sentence,
    and where actor1 and actor2 were read: ``{"actor1": (start, end), …}`` in the span's doc.

    The verbs are read in turn until one has an actor: those that are a trigger word of the
    sentence's event type first ("troops were killed after Palmyra fell to IS": "fall" tells who
    took Palmyra, "killed" does not), then the main verb, then the others in order."""
    root = next((t for t in span if t.dep_ == "ROOT"), None)
    verbs = [root] if root is not None and root.pos_ in ("VERB", "AUX") else []
    verbs += [t for t in span if t.pos_ == "VERB" and t not in verbs]
    verbs.sort(key=lambda v: v.lemma_.lower() not in triggers and v.lower_ not in triggers)
    found: dict[str, tuple[Actor, int, int]] = {}

    def take(role: str, phrase: tuple[str, int, int]) -> None:
        if role not in found and (actor := normalise_actor(phrase[0], default_country=default_country)):
            found[role] = (actor, phrase[1], phrase[2])

    for verb in verbs:
        if verb.lemma_ in _REPORTING:
            continue
        for child in verb.children:
            if child.dep_ == "nsubj":
                take("actor1", _phrase(child))
            elif child.dep_ in ("nsubjpass", "dobj"):
                take("actor2", _phrase(child))
            elif child.dep_ == "agent":
                take("actor1", _phrase(child, after_preposition=True))
            elif child.dep_ == "prep" and child.lower_ == "to" and verb.lemma_ == "fall":
                # "Palmyra fell to IS": IS took it.
                take("actor1", _phrase(child, after_preposition=True))
            elif child.dep_ == "prep" and child.lower_ == "from":
                # "recaptured Palmyra from IS": IS lost it.
                take("actor2", _phrase(child, after_preposition=True))
        if "actor1" not in found and verb.dep_ in ("advcl", "xcomp", "conj") and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "IS launched attacks across Paris, killing 130 people": the clause's subject is
            # its head verb's.
            for child in verb.head.children:
                if child.dep_ == "nsubj":
                    take("actor1", _phrase(child))
        if found:
            break
    actor1 = found["actor1"][0] if "actor1" in found else None
    actor2 = found["actor2"][0] if "actor2" in found else None
    others = []
    for ent in span.ents:
        if ent.label_ in ("ORG", "NORP", "GPE") or ent.ent_id_.startswith("actor:"):
            a = normalise_actor(ent.text, default_country=default_country)
            if a and a not in (actor1, actor2) and a not in others and ent.ent_id_.startswith("actor:"):
                others.append(a)
    return actor1, actor2, others, {role: (s, e) for role, (_, s, e) in found.items()}


@lru_cache(maxsize=1)
def _taxonomy():
    """The built-in taxonomy, read once per process (reading it took ~9 % of extraction time)."""
    from sitrep.extract.taxonomy import load_taxonomy

    return load_taxonomy()


@lru_cache(maxsize=256)
def _trigger_verbs(sub_type: str) -> frozenset[str]:
    """The first words of a type's trigger and strong phrases ("take back" → "take")."""
    sub = _taxonomy().sub_event_types.get(sub_type)
    if sub is None:
        return frozenset()
    return frozenset(w.split()[0].lower() for w in (*sub.triggers, *sub.strong) if w.split())


@lru_cache(maxsize=1)
def _classifier():
    """The rule classifier with its built-in word normaliser rather than spaCy's lemmatizer: the
    same figures on CASE 2021 (`sitrep eval events`), without a tagger pass over every sentence."""
    from sitrep.extract.classify import Classifier

    return Classifier(use_lemmas=False)


def _consistent(sub_type: str, actor1: Actor | None, actor2: Actor | None) -> tuple[Actor | None, Actor | None]:
    """Roles that contradict the type's definition come from a misread parse ("After trading
    hands, the army retook Palmyra" parsed with the army as object): the type says who won."""
    state = lambda a: a is not None and a.kind == "state forces"  # noqa: E731
    if sub_type == "Government regains territory" and not state(actor1) and state(actor2):
        return actor2, actor1
    if sub_type == "Non-state actor overtakes territory" and state(actor1) and actor2 is not None and not state(actor2):
        return actor2, actor1
    return actor1, actor2


def extract(article: Article, *, places: list[Place] | None = None) -> list[Mention]:
    """The event mentions of ``article`` (offsets index ``article.text``)."""
    from sitrep.dates.timex import find_timexes
    from sitrep.geocode import find_places
    from sitrep.nlp import spacy_safe
    from sitrep.nlp import get_nlp

    text = article.text
    taxonomy = _taxonomy()
    ranked_sentences = []
    for s, e in sentences(text):
        ranked = [r for r in _classifier().classify(text[s:e], context=article.title) if r[1] >= MIN_TYPE_CONFIDENCE]
        if ranked:
            ranked_sentences.append((s, e, ranked))
    if not ranked_sentences:
        return []
    if places is None:
        places = find_places(text, demonyms=False)
    resolved = [p for p in places if p.geonameid]
    candidates = []
    for s, e, ranked in ranked_sentences:
        # A change of territory needs a territory: without a place named in the sentence ("Russian
        # forces entered the conflict"), the next reading of the sentence is taken, if any.
        has_place = any(s <= p.start < e for p in places)
        choice = next((r for r in ranked if has_place or not taxonomy.sub_event_types.get(r[0]) or
                       not taxonomy.sub_event_types[r[0]].territorial), None)
        if choice:
            candidates.append((s, e, choice))
    countries = Counter(p.country_code for p in resolved if p.country_code)
    default_country = countries.most_common(1)[0][0] if countries else None
    main_place = Counter(p.geonameid for p in resolved if p.precision in ("city", "point")).most_common(1)
    main = next((p for p in resolved if main_place and p.geonameid == main_place[0][0]), None)
    pub = article.published
    anchor = dt.date.fromisoformat(pub.date) if pub and pub.date else None
    nlp = get_nlp()
    out = []
    # Only event sentences are parsed, in one batch, without the statistical NER (places are
    # already found; the actor ruler still marks catalog actors).
    skip = [p for p in ("ner", "sitrep_gazetteer_ruler", "sitrep_ruler_guard") if p in nlp.pipe_names]
    docs = nlp.pipe((spacy_safe(text[s:e]) for s, e, _ in candidates), disable=skip)
    for (s, e, (sub_type, conf)), doc in zip(candidates, docs):
        sentence = text[s:e]
        span = doc[:]
        if _only_planned(span, _trigger_verbs(sub_type)):
            continue  # "vowed to retake", "any operation to retake … should": nothing happened yet
        actor1, actor2, others, where = _roles(span, default_country, _trigger_verbs(sub_type))
        if _consistent(sub_type, actor1, actor2) != (actor1, actor2):
            actor1, actor2 = actor2, actor1
            where = {{"actor1": "actor2", "actor2": "actor1"}[role]: at for role, at in where.items()}
        evidence = {role: {"start": s + a, "end": s + b, "text": sentence[a:b]} for role, (a, b) in where.items()}
        in_sentence = [p for p in resolved if s <= p.start < e]
        # The first town or point the sentence names, else its first place, else the article's
        # main place. Preferring a place after a locative word ("in", "near", "into") was tried:
        # RAMS dev place F1 0.274 → 0.305 but RAMS test 0.232 → 0.217 and GVA state 0.62 → 0.61
        # (`sitrep eval arguments`, `sitrep eval merge --limit 600`), so it is not used.
        place = None
        sub = taxonomy.sub_event_types.get(sub_type)
        if sub is not None and sub.territorial:
            # A change of territory happens to what was taken: the place named in the object of
            # the trigger verb ("retook Palmyra", "Palmyra was recaptured", "overrunning Ramadi"),
            # not a place named elsewhere in the sentence ("Washington said … retake Raqqa").
            taken = _taken_spans(span)
            place = next((p for p in in_sentence if any(s + a <= p.start < s + b for a, b in taken)), None)
        place = place or next((p for p in in_sentence if p.precision in ("point", "city")), None) or \
            (in_sentence[0] if in_sentence else main)
        if place is not None and place.geonameid is not None and s <= place.start < e:
            evidence["place"] = {"start": place.start, "end": place.end, "text": text[place.start:place.end]}
        date = None
        for t in find_timexes(sentence, anchor):
            if t.type == "DATE" and (r := _range(t.value)):
                date = r
                break
        if date is None and anchor:
            # No date in the sentence: the news of the day, within the days before publication.
            date = ((anchor - dt.timedelta(days=7)).isoformat(), anchor.isoformat(), "week")
        attribution = attribution_of(sentence, span)
        counts = find_counts(sentence)
        claims = lambda kind: tuple(  # noqa: E731
            Claim(value=c.value, qualifier=c.qualifier, source=attribution.claimant, document=article.id)
            for c in counts if c.kind == kind
        )
        background = bool(
            date and anchor and dt.date.fromisoformat(date[1]) < anchor - dt.timedelta(days=BACKGROUND_DAYS)
        ) or bool(_PAST_PERFECT.search(sentence) and date and anchor and dt.date.fromisoformat(date[1]) < anchor)
        parent = taxonomy.sub_event_types[sub_type].parent if sub_type in taxonomy.sub_event_types else ""
        out.append(Mention(
            id=hash_id(article.id, s, e, sub_type),
            document=article.id, start=s, end=e, sentence=sentence,
            event_type=parent, sub_event_type=sub_type,
            date_start=date[0] if date else None, date_end=date[1] if date else None,
            date_precision=date[2] if date else None,
            location=_location(place),
            actor1=actor1.as_dict() if actor1 else None,
            actor2=actor2.as_dict() if actor2 else None,
            assoc_actors=tuple(a.as_dict() for a in others),
            fatalities=claims("killed"), injured=claims("injured"),
            status=_status(sentence), background=background,
            attributed_to=attribution.claimant,
            confidence=round(conf * (0.8 if attribution.unverified else 1.0), 3),
            evidence=dict(sorted(evidence.items())),
        ))
    return out


def _figures(claims: tuple[Claim, ...]) -> dict:
    values = [c.value for c in claims]
    return {
        "best": min(values) if values else None, "low": min(values) if values else None,
        "high": max(values) if values else None,
        "claims": [{"value": c.value, "qualifier": c.qualifier, "source": c.source, "document": c.document} for c in claims],
    }


def mention_record(m: Mention, article: Article) -> dict:
    """A mention in the contract's Event shape, plus its own offsets and confidence."""
    return {
        "id": m.id,
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "date": {"start": m.date_start, "end": m.date_end, "precision": m.date_precision},
        "location": m.location,
        "actor1": m.actor1,
        "actor2": m.actor2,
        "assoc_actors": list(m.assoc_actors),
        "fatalities": _figures(m.fatalities),
        "injured": _figures(m.injured),
        "status": m.status,
        "background": m.background,
        "confidence": m.confidence,
        "mentions": [{"document": m.document, "start": m.start, "end": m.end, "sentence": m.sentence,
                      "attributed_to": m.attributed_to, "evidence": m.evidence or {}}],
        "sources": [article.outlet] if article.outlet else [],
        "notes": m.sentence[:300],
        "start": m.start,
        "end": m.end,
    }
