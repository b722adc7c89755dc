"""extract: the event mentions of one cleaned, dated article, every field traced to its sentence.

Per sentence, cheapest first: the type classifier looks at every sentence; only sentences that can
carry an event are parsed (spaCy), and from the parse come the actors and their roles (active and
passive voice, "from" phrases for territory), the place, the date, the casualty figures, the
status, the claimant, and whether the event is background to the article's news.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from sitrep.extract.actors import (
    Actor,
    catalog_actor,
    country_actor,
    country_iso3,
    country_name,
    demonym_country,
    generic_actor,
    normalise_actor,
)
from sitrep.extract.attribution import attribution_of
from sitrep.extract.casualties import figures, find_counts
from sitrep.geocode import dateline_span
from sitrep.ids import hash_id
from sitrep.nlp import lemma
from sitrep.records import Article, Claim, Mention, Place

# The classifier's confidence below which a sentence is not taken as an event report. On CASE 2021
# (`sitrep eval events`) most top predictions under 0.3 were wrong, but sentences such as "Twenty
# insurgents were killed." score 0.26: with 0.3 they were never events. Measured on the pipeline:
# 0.3 / 0.25 / 0.2 gave WikiEvents dev events aligned 112 / 123 / 128 and attacker F1 0.25 / 0.24 /
# 0.31, RAMS dev place F1 0.27 / 0.32 / 0.34 (`sitrep eval arguments`), GVA B-cubed F1 0.790 /
# 0.794 / 0.795 and incident date 0.63 / 0.71 / 0.72 with precision 0.952 / 0.951 / 0.950
# (`sitrep eval merge --limit 600`). Each mention keeps the classifier's confidence to filter on.
MIN_TYPE_CONFIDENCE = 0.2
# A sentence that gives a casualty toll but no event word is read as an event when its own best
# reading reaches this confidence ("Seven militants were killed in two accidental explosions"
# scores 0.19 as an explosion), or as the event of an event sentence at most this many sentences
# before it; its confidence is then discounted. Measured with `sitrep eval arguments` (aligned
# events) and `sitrep eval merge --limit 600` (killed, injured): see README.
MIN_TOLL_CONFIDENCE = 0.1
TOLL_CONTEXT_SENTENCES = 2
TOLL_DISCOUNT = 0.5
_CASUALTY_WORD = re.compile(r"\b(?:kill|dead|die|death|wound|injur|shot|shoot|gunshot|lives|life|bod(?:y|ies)|casualt|fatal)", re.IGNORECASE)
# An event dated more than this long before the article's publication is background, not news:
# news reports events of the past days; ACLED's own sourcing lag is about a week.
BACKGROUND_DAYS = 31
_OVERNIGHT = re.compile(r"\bovernight\b", re.I)
_STAYED_OVERNIGHT = re.compile(r"\b(?:stay|stayed|staying|kept|held|remain|remained|remains|hospitali[sz]ed|detained|jailed)\b"
                               r"(?:\s{1,3}[\w'-]{1,20}){0,4}?\s{1,3}overnight\b", re.I)
# A sentence whose news is an arrest or a charge "in connection with the shooting" also tells of
# the shooting: a second, violent event of the sentence, as one with a toll does.
# An article naming more people than this with an age is a list (a year's homicides), not a report:
# 3,179 of GVA's 3,184 articles name at most 10; the five above it carried 393 reports' worth of
# names and, left out, change no figure of `sitrep eval merge`.
MAX_PEOPLE = 10
# The type of that violence when nothing else in the sentence or just before it names one.
ABOUT_VIOLENCE_TYPE = "Attack"
# Words of gunfire: a toll told with them is of violence, whatever the vocabulary makes of the rest.
_GUNFIRE = re.compile(r"\b(?:shot|shoots?|shooting|gunshot|gunfire|gunman|gunmen|bullets?|pellets?|firearm|handgun|gun)\b", re.I)
_ABOUT_VIOLENCE = re.compile(
    r"\b(?:in\s{1,3}connection\s{1,3}(?:with|to)|charged\s{1,3}(?:with|in)|accused\s{1,3}of|suspected\s{1,3}(?:of|in)|"
    r"arrested\s{1,3}(?:for|in)|in\s{1,3}the\s{1,3}case\s{1,3}of|"
    # "charged … with reckless manslaughter in the shooting death of a 10-year-old"
    r"(?:manslaughter|murder|homicide)(?:\s{1,3}charges?)?\s{1,3}in)\s{1,3}(?:[\w'’-]{1,20}\s{1,3}){0,3}?"
    r"(?:shooting|killing|stabbing|homicide|murder|slaying|death|attack|bombing)s?\b", re.I)
# A match may start only at the beginning of a run of stops, and takes the run whole: a long run
# of "!!!!" with no space after is then tried once, not at every position (that was quadratic).
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s)|\n")
# Words whose full stop ends no sentence: initials ("U.S.", "U.N."), titles and ranks.
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Rev|St|Sen|Rep|Gov|Prof|No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|vs|etc|approx|Inc|Ltd|Co))\.$")
# A short capitalised word with a full stop, followed by a lower-case word or a dash, is an
# abbreviation inside the sentence: a state's ("PALM SPRINGS, Fla. - A night of fun …") or a
# street's ("Envy Nightclub on Forest Hill Rd. remained roped off"); before a capital it may end one.
_SHORT_ABBREV = re.compile(r"\b[A-Z][a-z]{1,4}\.$")
_GOES_ON = re.compile(r"[ \t]{1,3}(?:[a-z]|[-–—][ \t])")

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
        if m.group() == "." and _SHORT_ABBREV.search(text[max(0, m.start() - 6): m.start() + 1]) \
                and _GOES_ON.match(text, m.end()):
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
    """(start, end, precision) of a TimeML DATE value; a part of a day or a time of day counts as
    its day ("2015-01-09TMO", Friday morning), but a night runs into the next day: "last night"
    in a morning's news may be the small hours of the day it was published ("2015-01-09TNI" is
    9–10 January)."""
    night = value.endswith("TNI")
    value = re.sub(r"(?<=\d{4}-\d{2}-\d{2})T.*", "", value)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            after = (dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat() if night else value
            return value, after, "day"
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


def _year_before(date: tuple[str, str, str]) -> tuple[str, str, str]:
    """A (start, end, precision) date range moved back one year (29 February to the 28th)."""
    def back(day: str) -> str:
        d = dt.date.fromisoformat(day)
        return (d.replace(year=d.year - 1) if (d.month, d.day) != (2, 29) else d.replace(year=d.year - 1, day=28)).isoformat()
    return back(date[0]), back(date[1]), date[2]


# A publication date known to within this many days anchors relative dates ("on Sunday", "last
# week") as it stands; a wider one (an article dated only by its story's neighbours, whose interval
# spans months) widens them by its own uncertainty, so a guessed anchor never yields a precise day.
# A month: the widest interval of a publication date read from the article's own days
# (sitrep.dates.corpus.OWN_DAY_AFTER).
ANCHOR_SLACK_DAYS = 31


def _loosen(date: tuple[str, str, str], anchor: dt.date, pub) -> tuple[str, str, str]:
    """A (start, end, precision) resolved against ``anchor`` widened by the publication date's
    interval when that is wider than ANCHOR_SLACK_DAYS; precision follows the new width."""
    if not (pub and pub.earliest and pub.latest):
        return date
    early, late = dt.date.fromisoformat(pub.earliest), dt.date.fromisoformat(pub.latest)
    if (late - early).days <= ANCHOR_SLACK_DAYS:
        return date
    start = dt.date.fromisoformat(date[0]) - max(dt.timedelta(0), anchor - early)
    end = dt.date.fromisoformat(date[1]) + max(dt.timedelta(0), late - anchor)
    width = (end - start).days
    precision = "day" if width < 1 else "week" if width <= 7 else "month" if width <= 31 else "year"
    return start.isoformat(), end.isoformat(), precision


def _is_trigger(token, triggers: frozenset[str]) -> bool:
    words = {token.lower_, lemma(token).lower(), token.lower_.removesuffix("s"), token.lower_.removesuffix("ings")}
    return bool(words & triggers)


def _date_rank(span, start: int, triggers: frozenset[str], end: int | None = None) -> int:
    """How surely the time phrase at characters ``start``–``end`` of the sentence dates its event:
    0 when the event's word follows it ("the May 7, 2015, shooting", "Saturday's attack") or its
    chain of syntactic heads reaches the event's word first ("Saturday afternoon's shootings",
    "shot … Friday night"), 2 when it reaches a verb of saying or of what follows an event first
    ("police said Saturday", "released the names on Sunday"), 1 otherwise."""
    if end is not None:
        # Read from the words, not the parse: the small parser often takes "the May 7, 2015,
        # shooting" for "in the May 7, 2015" and a verb "shooting".
        after = next((t for t in span if t.idx >= end and t.text not in (",", "'s", "’s")), None)
        # Lower case: a page's "August 22, 2013 SHOOTING" heading dates the page, not the event.
        if after is not None and after.text.islower() and _is_trigger(after, triggers):
            return 0
    token = next((t for t in span if t.idx <= start < t.idx + len(t.text)), None)
    for _ in range(8):  # a time phrase sits a few steps below its verb; the bound stops cycles
        if token is None:
            return 1
        if _is_trigger(token, triggers):
            return 0
        if lemma(token) in _REPORTING or lemma(token) in _AFTERWARDS:
            return 2
        if token.head is token:
            return 1
        token = token.head
    return 1


def _event_verbs(span, triggers: frozenset[str], pos: tuple[str, ...] = ("VERB",)) -> list:
    """The sentence's verbs (of these parts of speech) that are words of its event type."""
    return [t for t in span if t.pos_ in pos and (lemma(t).lower() in triggers or t.lower_ in triggers)]


def _anterior(span, triggers: frozenset[str]) -> bool:
    """Whether every event verb of the sentence sits in a clause that places it before the time
    the sentence is about: "killed in the days after Palmyra fell to IS", "since the town was
    captured". Such an event happened earlier, on a day the sentence does not give."""
    def marked(token) -> bool:
        return any(c.dep_ == "mark" and c.lower_ in _BEFORE_MARKS for c in token.children) or \
            token.dep_ == "pcomp" and token.head.lower_ in _BEFORE_MARKS

    verbs = _event_verbs(span, triggers, ("VERB", "AUX"))
    # A clause marker sits on its verb or one step above it (a verb chained under the clause's).
    return bool(verbs) and all(marked(t) or marked(t.head) for t in verbs)


# What police and officials do after an event: a day on one of these dates that, not the event.
_AFTERWARDS = frozenset({"release", "identify", "arrest", "charge", "search", "investigate", "question",
                         "interview", "hold", "arraign", "sentence", "update", "indict", "book", "seek",
                         "plead", "appear", "convict", "testify", "mourn", "bury", "remember", "honor"})
# Words that open a clause about an earlier event.
_BEFORE_MARKS = frozenset({"after", "since"})


def _dates_a_day(t) -> bool:
    """A date, or a part of a named day ("last night", "this morning": TIME values such as
    2017-03-04TNI). A clock time ("around 2:30 a.m.") is not: the normaliser gives it the
    publication day, which is not where it tells the event happened. (Clock times too: GVA
    incident date accuracy fell from 0.798 to 0.779, `sitrep eval merge`.)"""
    return t.type == "DATE" or (t.type == "TIME" and bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}T(?:MO|AF|EV|NI|DT)", t.value)))


def _event_date(span, timexes, triggers: frozenset[str]) -> tuple[tuple[str, str, str], object] | None:
    """The sentence's event date: of its dates, the one that dates the event's word, else one that
    does not date a verb of saying, else the first (``_date_rank``; ties go to the first), with
    the time phrase it was read from."""
    ranges = [(_date_rank(span, t.start, triggers, t.end), i, r, t)
              for i, t in enumerate(timexes) if _dates_a_day(t) and (r := _range(t.value))]
    return min(ranges)[2:] if ranges else None


def _location(place: Place | None) -> dict | None:
    if place is None or place.geonameid is None:
        return None
    return {
        "name": place.name, "geonameid": place.geonameid, "lat": place.lat, "lon": place.lon,
        "country": country_name(place.country_code), "iso3": country_iso3(place.country_code),
        "admin1": place.admin1, "admin2": place.admin2, "precision": place.precision,
        # The city or town it is, or the one it lies in: a neighbourhood's city ("Rogers Park":
        # Chicago), for comparing places named at different grains.
        "city": place.city or (place.name if place.precision == "city" else None),
    }


_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december today yesterday tonight morning afternoon "
    "evening night week weekend month year".split()
)


# Verbs of saying: their subject tells of the event, it did not act ("US-Led Coalition Confirms
# Raqqa Liberated From Daesh").
_REPORTING = frozenset({"say", "report", "tell", "claim", "add", "announce", "state", "confirm", "deny", "warn",
                        "accuse", "allege", "insist", "note", "estimate", "reveal", "indicate", "believe", "suggest"})


def _subtree_span(child) -> tuple[int, int]:
    """Character offsets of a dependent's subtree in its doc, without a trailing time phrase the
    parser hangs under the last noun ("retook Palmyra on Sunday")."""
    doc = child.doc
    first, last = child.left_edge.i, child.right_edge.i
    cut = [t.i for t in child.rights if t.dep_ == "prep" and any(w.lower_ in _TIME_WORDS for w in t.subtree)]
    if cut:
        last = max(first, min(cut) - 1)
    return doc[first].idx, doc[last].idx + len(doc[last].text)


# Auxiliaries and governing verbs that make an event word a plan, a wish or a possibility rather
# than a report (ACLED codes what happened). "Tried to" / "sought to" are attempts, coded as such.
_MODALS = frozenset({"will", "would", "could", "should", "might", "may", "must", "shall"})
_PLANS = frozenset({"plan", "vow", "pledge", "threaten", "hope", "intend", "prepare", "want", "aim", "promise",
                    "expect", "urge", "call", "demand"})


def _only_planned(span, triggers: frozenset[str]) -> bool:
    """Whether every trigger verb of the sentence is only planned, wished or possible: under a
    modal ("would retake"), or an infinitive of a plan ("vowed to retake") or of a noun ("an
    operation to retake"). False when the sentence has no trigger verb (nothing to judge)."""
    verbs = _event_verbs(span, triggers)

    def planned(v) -> bool:
        aux = {c.lower_ for c in v.children if c.dep_ == "aux"}
        if aux & _MODALS:
            return True
        if (launcher := _launcher(v)) is not None:
            # The aim of an assault is as planned as the assault: "would launch an offensive to
            # retake" is a plan, "launched an offensive to retake" an attempt.
            launch_aux = {c.lower_ for c in launcher.children if c.dep_ == "aux"}
            return bool(launch_aux & _MODALS) or ("to" in launch_aux and launcher.dep_ == "xcomp")
        return "to" in aux and (v.dep_ == "acl" or (v.dep_ == "xcomp" and lemma(v.head).lower() in _PLANS))

    return bool(verbs) and all(planned(v) for v in verbs)


# "Launched a surprise attack to retake Palmyra": the attack happened, the taking was its aim.
_LAUNCH = frozenset({"launch", "begin", "start", "mount", "stage", "wage", "open"})
_ASSAULTS = frozenset({"attack", "offensive", "assault", "push", "bid", "operation", "campaign", "raid", "counterattack",
                       "counteroffensive", "drive"})


def _launcher(verb):
    """The verb launching the assault whose aim ``verb`` is ("launched an offensive to retake":
    the infinitive hangs on the noun or on the launching verb), else None."""
    if "to" not in {c.lower_ for c in verb.children if c.dep_ == "aux"}:
        return None
    head = verb.head
    if verb.dep_ == "acl" and lemma(head).lower() in _ASSAULTS and head.head.pos_ == "VERB" and \
            lemma(head.head).lower() in _LAUNCH:
        return head.head
    if verb.dep_ == "advcl" and head.pos_ == "VERB" and lemma(head).lower() in _LAUNCH and \
            any(c.dep_ == "dobj" and lemma(c).lower() in _ASSAULTS for c in head.children):
        return head
    return None


def _attempt_launched(span, triggers: frozenset[str]) -> bool:
    """Whether the sentence's event verb is the aim of a launched assault: an attempt, its outcome
    untold (status ``attempted``; a change of territory then leaves the place contested)."""
    return any(_launcher(t) is not None for t in _event_verbs(span, triggers))


def _taken_spans(span) -> list[tuple[int, int]]:
    """Character spans (in the span's doc) of what the sentence's verbs act on: their direct
    objects and passive subjects (not those of reporting verbs). Matched by dependency, not by
    trigger word, since the lemmatizer misses irregular forms ("retook")."""
    out = []
    for verb in span:
        if verb.pos_ == "VERB" and lemma(verb) not in _REPORTING:
            for child in verb.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    out.append(_subtree_span(child))
    return out


# ACLED's event types of political violence: civilians are never the actor who acts in them.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Verbs whose subject suffered the event rather than did it: "20 people died in the attack".
_PATIENT_SUBJECT = frozenset({"die", "perish", "succumb", "drown", "starve", "suffer", "sustain"})
# Verbs of harm, event words whatever the type: their arguments are who harmed whom.
_HARM = _PATIENT_SUBJECT | {"kill", "injure", "wound", "murder", "shoot", "attack"}
# A group's name outside the catalog is at most this many words ("Fethullah Gulen Terrorist
# Organization"); longer runs of capitalised words are headlines. In a sentence where more than
# this share of the longer words are capitalised (Title Case headlines), no name is read.
MAX_NAME_WORDS = 4
HEADLINE_SHARE = 0.6
# Subject pronouns that stand for an actor named before ("They killed 23 soldiers").
_PRONOUNS = frozenset({"they", "he", "she", "it"})
# "The group claimed the attack": a bare definite description of a party stands for it like a pronoun.
_ANAPHORIC_NOUNS = frozenset({"group", "organisation", "organization", "movement", "militia", "faction", "outfit"})
# A pronoun refers to the actor of an event mention at most this many sentences back: the news
# style names the actor, then goes on ("Taliban gunmen attacked the base. They killed 23
# soldiers."); further back the referent is as often someone else (WikiEvents dev, read by eye).
PRONOUN_REACH_SENTENCES = 2
# Words that put a sentence's event ahead of its article ("the trial is set for April 2").
_FUTURE_CUE = re.compile(r"\b(?:will|shall|scheduled|set\s+(?:for|to)|planned|plans?\s+to|expected\s+to|upcoming)\b", re.I)
# A town named in the title counts as this many mentions in the text when choosing the article's
# main place: more than a sidebar's stray town, less than a town the text names three times. With
# it GVA city and state accuracy rose about two points each (`sitrep eval merge`, all articles).
TITLE_WEIGHT = 2
# So does the town of the dateline ("KANSAS CITY, Mo. —"): GVA city accuracy 0.632 -> 0.643 at 2,
# 0.640 at 4 (`sitrep eval merge --limit 600`).
DATELINE_WEIGHT = 2
# The opening sentences (the lede) name where the story is; they are read with the statistical NER
# along with the event sentences when ``extract`` finds the places itself. Without the place check
# (``may_add_a_place``), GVA `sitrep eval merge --limit 600` city / state accuracy was 0.694 / 0.823
# at 2, 0.694 / 0.826 at 4 and 0.702 / 0.837 at 8 (whole-article NER: 0.705 / 0.840); with the check,
# 2 gives 0.702 / 0.837 while reading less of long articles than 8 would.
LEDE_SENTENCES = 2
# Relative pronouns: "the snipers who slaughtered protesters" — the actor is what they stand for.
_RELATIVE = frozenset({"who", "which", "that"})
# Prepositions under an actor word whose object may name the group: "fighters of IS", "militants from IS".
_GROUP_PREPS = frozenset({"of", "from"})
# Prepositions whose object, after an event noun, is who or what was hit: "airstrikes on Aleppo",
# "attacks against civilians".
_NOUN_TARGET_PREPS = frozenset({"on", "against", "targeting"})
# Event nouns whose "of" names who suffered ("the killing of three soldiers"); after the others it
# names who acted ("the airstrikes of the Russian warplanes", "operations of the army").
_PATIENT_NOUNS = frozenset({
    "killing", "murder", "massacre", "slaughter", "execution", "assassination", "shooting", "beheading",
    "abduction", "kidnapping", "torture", "arrest", "detention", "rape", "death", "injury", "wounding",
    "slaying", "lynching", "stabbing", "displacement", "expulsion", "evacuation", "release",
})
# Trigger words that name a party, not an event, yet no generic form: "the coalition".
_ACTOR_TRIGGERS = frozenset({"coalition", "bandit", "bandits"})
# Nouns of places: what follows their "of" is a place name ("the town of Qaryatain").
_PLACE_NOUNS = frozenset({
    "village", "town", "city", "area", "district", "province", "region", "neighbourhood", "neighborhood",
    "suburb", "countryside", "outskirts", "camp", "base", "airport", "port", "governorate", "county",
    "state", "municipality", "street", "road", "highway", "hill", "mountain", "valley", "island",
})
# "X claimed responsibility for the attack": X did it.
_RESPONSIBILITY = frozenset({"responsibility", "credit"})
# Modifiers of an event noun that name no one but look like actor words ("suicide attack", "mass
# shooting"): only a catalog group, a demonym, "government"/"regime" or one of these generic words
# make a modifier an actor.
_MODIFIER_ACTORS = re.compile(r"^(?:rebels?|insurgents?|militants?|jihadists?|police|army)$", re.I)


def _chunk(token) -> tuple[int, int]:
    """Character span of the noun phrase ``token`` heads, up to the token itself: its determiners,
    adjectives, numbers and compounds, none of what follows ("Azerbaijani troops in Karabakh" →
    "Azerbaijani troops"; "the Syrian Army and the NDF" → "the Syrian Army")."""
    doc = token.doc
    first = token.left_edge.i
    while first < token.i and (doc[first].is_punct or doc[first].dep_ in ("cc", "prep", "mark")):
        first += 1
    return doc[first].idx, token.idx + len(token.text)


def _actor_tokens(token) -> list:
    """The tokens whose phrases may name the actor an argument stands for, in order: the argument
    itself (for a relative pronoun, what it refers to), its apposition, the object of its "of" /
    "from" phrase ("dozens of civilians", "fighters of IS"), its possessor ("the IRA's brigade"),
    the words coordinated with it."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        token = token.head.head
    out = [token]
    out += [c for c in token.children if c.dep_ == "appos"]
    if lemma(token).lower() not in _PLACE_NOUNS:  # "the villages of Ein al-Jawzeh" name a place
        out += [p for c in token.children if c.dep_ == "prep" and c.lower_ in _GROUP_PREPS
                for p in c.children if p.dep_ == "pobj"]
    out += [c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    out += [c for c in token.children if c.dep_ == "conj"]  # "parts of Iraq and ISIL"
    return out


def _named_actor(token, a: int, b: int, places: tuple[tuple[int, int], ...]) -> Actor | None:
    """An actor the catalog does not know, named by a proper noun ("the Provisional IRA",
    "colectivos" is not): its words without the article, kind ``unknown``. Not a place the
    gazetteer or the entity recogniser found, not a nationality ("Russian"), not a date word."""
    if token.pos_ != "PROPN" or any(a < pe and ps < b for ps, pe in places):
        return None
    name = re.sub(r"^(?:the|a|an)\s+|['’]s?$", "", token.doc.text[a:b].strip(), flags=re.IGNORECASE).strip()
    words = name.split()
    if not name[:1].isupper() or name.lower() in _TIME_WORDS or name.lower() in _event_words() or \
            (name.isupper() and len(name) > 5) or demonym_country(name):
        return None  # "IED", "PHOTO", "Monday"
    if len(words) > MAX_NAME_WORDS or not words[-1][:1].isupper() or _headline(token.doc):
        return None  # a run of capitalised headline words, or a name cut short ("Adnan al")
    return Actor(name=name, kind="unknown")


def _headline(doc) -> bool:
    """Title Case Text (most words capitalised): proper nouns cannot be told from the rest."""
    if "sitrep_headline" not in doc.user_data:
        words = [w for w in doc.text.split() if len(w) > 3 and w.isalpha()]
        doc.user_data["sitrep_headline"] = len(words) >= 4 and \
            sum(w[:1].isupper() for w in words) > HEADLINE_SHARE * len(words)
    return doc.user_data["sitrep_headline"]


@lru_cache(maxsize=1)
def _event_words() -> frozenset[str]:
    """Every word of every type's trigger phrases ("ied", "uav", "bomb"): words that name no actor."""
    types = _taxonomy().sub_event_types.values()
    return frozenset(w.lower().lstrip("=") for sub in types for p in (*sub.triggers, *sub.strong) for w in p.split())


def _read_actor(token, default_country: str | None, places: tuple[tuple[int, int], ...] = (), *,
                named: bool = True, violent: bool = True, countries: bool = True) -> tuple[Actor, int, int] | None:
    """The actor an argument token names and the span of the words that name it: a catalog group
    in any of its phrases first ("fighters of the Free Syrian Army"), else the first generic form,
    else, with ``countries``, a country's name (its forces, ``violent``, or its government: who
    acted, not where it happened to: "invaded Libya" names a place), else, with ``named``, a
    proper name that is no place (``places``: character spans in the token's doc)."""
    text = token.doc.text
    tokens = _actor_tokens(token)
    spans = [_chunk(t) for t in tokens]
    for a, b in spans:
        if actor := catalog_actor(text[a:b]):
            return actor, a, b
    for a, b in spans:
        if actor := generic_actor(text[a:b], default_country=default_country):
            return actor, a, b
    for t, (a, b) in zip(tokens, spans):
        if countries and t.pos_ == "PROPN" and (actor := country_actor(text[a:b], violent=violent)):
            return actor, a, b
    for t, (a, b) in zip(tokens, spans):
        if named and (actor := _named_actor(t, a, b, places)):
            return actor, a, b
    return None


def _modifier_actor(token, default_country: str | None) -> tuple[Actor, int, int] | None:
    """The actor a modifier of an event noun names: a catalog group ("a Taliban attack", "US-led
    coalition airstrikes"), a country's forces ("Russian airstrikes", "government shelling"), a
    generic group ("rebel shelling", "a police raid"); None for the rest ("suicide attack")."""
    a, b = _chunk(token)
    phrase = token.doc.text[a:b]
    if actor := catalog_actor(phrase):
        return actor, a, b
    if token.lower_ in ("government", "regime") or (token.text[:1].isupper() and demonym_country(token.text)):
        actor = generic_actor(f"{phrase} forces", default_country=default_country)
    elif _MODIFIER_ACTORS.match(token.text):
        actor = generic_actor(phrase, default_country=default_country)
    else:
        actor = None
    return (actor, a, b) if actor else None


def _event_nouns(span, triggers: frozenset[str]) -> list:
    """The nouns of the sentence that are trigger words of its type and name an event: a trigger
    that names an actor ("warplanes", "gunmen", "coalition") is read as the actor it is; a proper
    noun ("the Syrian Coalition") is a name, not an event."""
    def named(t) -> bool:  # "bombing", "shelling": the verb's trigger ("bomb", "shell") as a noun
        w = t.lower_
        return bool({lemma(t).lower(), w, w.removesuffix("s"), w.removesuffix("ing"), w.removesuffix("ings")} & triggers)

    return [t for t in span if t.pos_ == "NOUN" and named(t) and t.lower_ not in _ACTOR_TRIGGERS
            and catalog_actor(t.text) is None and generic_actor(t.text, default_country=None) is None]


def _roles(span, default_country: str | None, triggers: frozenset[str] = frozenset(), *, violent: bool = False,
           places: tuple[tuple[int, int], ...] = ()) -> tuple[Actor | None, Actor | None, list[Actor], dict]:
    """actor1 (who acted), actor2 (on whom / who lost the place), others named in the sentence,
    and where actor1 and actor2 were read: ``{"actor1": (start, end), …}`` in the span's doc;
    ``"pronoun1"``: where a pronoun stands for actor1 ("They killed 23 soldiers"), when no actor was read.

    The event's words are read in turn until one gives an actor: verbs that are a trigger word of
    the sentence's event type first ("troops were killed after Palmyra fell to IS": "fall" tells
    who took Palmyra, "killed" does not), then trigger nouns ("airstrikes by the coalition", "a
    Taliban attack on police", "Russia's bombing of Aleppo", and the subject of the verb that
    carries the noun: "the army carried out airstrikes"), then the main verb, then the other verbs.
    With ``violent``, civilians never act: "a man opened fire" is an unidentified armed group, as
    ACLED codes lone attackers, and a civilian subject of a verb that is no event word is dropped."""
    root = next((t for t in span if t.dep_ == "ROOT"), None)
    verbs = [root] if root is not None and root.pos_ in ("VERB", "AUX") else []
    verbs += [t for t in span if t.pos_ == "VERB" and t not in verbs]
    is_trigger = lambda t: lemma(t).lower() in triggers or t.lower_ in triggers  # noqa: E731
    verbs.sort(key=lambda v: not is_trigger(v))
    n_trigger_verbs = sum(map(is_trigger, verbs))
    predicates = verbs[:n_trigger_verbs] + _event_nouns(span, triggers) + verbs[n_trigger_verbs:]
    found: dict[str, tuple[Actor, int, int]] = {}
    pronoun: dict[str, tuple[int, int]] = {}

    def take(role: str, token=None, event_word: bool = True, hit=None) -> None:
        if role in found:
            return
        if role == "actor1" and event_word and token is not None and (
                token.lower_ in _PRONOUNS or (lemma(token).lower() in _ANAPHORIC_NOUNS and any(
                    c.dep_ == "det" and c.lower_ == "the" for c in token.children) and len(list(token.children)) == 1)):
            pronoun.setdefault(role, _chunk(token))
            return
        if (hit is None and (token is None or (
                hit := _read_actor(token, default_country, places, named=event_word, violent=violent,
                                  countries=role == "actor1")) is None)):
            return
        actor, a, b = hit
        if violent and role == "actor1" and actor.kind == "civilians":
            if not event_word:
                return
            actor = generic_actor("gunmen", default_country=actor.country or default_country) or actor
        found[role] = (actor, a, b)

    pobj = lambda prep: next((c for c in prep.children if c.dep_ == "pobj"), None)  # noqa: E731

    def read_noun(word) -> None:
        """An event noun's actors: possessor and modifiers, "by", "of", "on"/"against", a
        participle's agent, and the subject of the verb that carries it."""
        for child in word.children:
            if child.dep_ == "poss":
                take("actor1", child)
            elif child.dep_ in ("compound", "amod", "nmod"):
                take("actor1", hit=_modifier_actor(child, default_country))
            elif child.dep_ == "prep" and child.lower_ == "by":
                take("actor1", pobj(child))
            elif child.dep_ == "prep" and child.lower_ == "of":
                # "the killing of three soldiers" names the victims, "airstrikes of the
                # Russian warplanes" the actor.
                patient = lemma(word).lower() in _PATIENT_NOUNS
                take("actor2" if patient else "actor1", obj := pobj(child))
                if patient and obj is not None:
                    # The parser hangs the agent on the victims: "the massacre of 40 villagers by IS".
                    for by in obj.children:
                        if by.dep_ == "prep" and by.lower_ == "by":
                            take("actor1", pobj(by))
            elif child.dep_ == "prep" and child.lower_ in _NOUN_TARGET_PREPS:
                take("actor2", pobj(child))
            elif child.dep_ == "acl":  # "the attack, claimed by IS"
                for c in child.children:
                    if c.dep_ == "agent":
                        take("actor1", pobj(c))
        carrier = word
        if word.dep_ == "pobj" and word.head.lower_ == "for" and lemma(word.head.head).lower() in _RESPONSIBILITY:
            carrier = word.head.head  # "IS claimed responsibility for the bombing"
        if carrier.dep_ == "dobj" and carrier.head.pos_ in ("VERB", "AUX"):
            # "the army carried out airstrikes", "IS launched an attack on ..."
            for child in carrier.head.children:
                if child.dep_ == "nsubj":
                    take("actor1", child)
                elif child.dep_ == "agent":
                    take("actor1", pobj(child))

    for word in predicates:
        if lemma(word) in _REPORTING:
            continue
        event_word = is_trigger(word) or lemma(word).lower() in _HARM
        if word.pos_ in ("NOUN", "PROPN"):
            read_noun(word)
            if "actor1" in found:
                break
            continue
        # A bare participle without an object is a passive: "Three civilians killed in rocket
        # attack" (headline style); so is a civilian subject of a violent verb without one.
        has_object = any(c.dep_ == "dobj" for w in (word, *(c for c in word.children if c.dep_ == "conj"))
                         for c in w.children)
        patient_subject = lemma(word).lower() in _PATIENT_SUBJECT or not has_object and (
            word.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in word.children))
        if word.dep_ == "acl" and word.tag_ == "VBN":
            take("actor2", word.head, event_word)  # "civilians killed in a rocket attack", "a soldier shot by IS"
        for child in word.children:
            if child.dep_ == "nsubj":
                if any(c.dep_ == "acl" and c.tag_ == "VBN" and lemma(c).lower() in _HARM for c in child.children):
                    take("actor2", child, event_word)  # "Three civilians killed in a rocket attack ..."
                    continue
                if violent and not has_object and not patient_subject and \
                        (hit := _read_actor(child, default_country, places, named=False)) and hit[0].kind == "civilians":
                    take("actor2", child, event_word, hit=hit)  # read once: civilians without an object are victims
                    continue
                take("actor2" if patient_subject else "actor1", child, event_word)
            elif child.dep_ in ("nsubjpass", "dobj"):
                take("actor2", child, event_word)
            elif child.dep_ == "agent":
                take("actor1", pobj(child), event_word)
            elif child.dep_ == "prep" and child.lower_ == "to" and lemma(word) == "fall":
                # "Palmyra fell to IS": IS took it.
                take("actor1", pobj(child), event_word)
            elif child.dep_ == "prep" and child.lower_ == "from":
                # "recaptured Palmyra from IS": IS lost it.
                take("actor2", pobj(child), event_word)
        if "actor1" not in found and word.dep_ in ("advcl", "xcomp", "conj") and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children):
            # "IS launched attacks across Paris, killing 130 people": the clause's subject is
            # its head verb's.
            for child in word.head.children:
                if child.dep_ == "nsubj":
                    take("actor1", child, event_word)
        if "actor1" in found:
            # Clauses that share the subject tell what the same actor did to whom: "the
            # government has taken back areas, bombarding and starving people".
            for clause in word.children:
                if clause.pos_ == "VERB" and clause.dep_ in ("advcl", "xcomp", "conj") and \
                        not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                    harm = is_trigger(clause) or lemma(clause).lower() in _HARM
                    for c in clause.children:
                        if c.dep_ == "dobj":
                            take("actor2", c, harm)
            break
    actor1 = found["actor1"][0] if "actor1" in found else None
    actor2 = found["actor2"][0] if "actor2" in found else None
    others = []
    for ent in span.ents:
        if ent.label_ in ("ORG", "NORP", "GPE") or ent.ent_id_.startswith("actor:"):
            a = normalise_actor(ent.text, default_country=default_country)
            if a and a not in (actor1, actor2) and a not in others and ent.ent_id_.startswith("actor:"):
                others.append(a)
    where = {role: (s, e) for role, (_, s, e) in found.items()}
    if "actor1" not in found and "actor1" in pronoun:
        where["pronoun1"] = pronoun["actor1"]
    return actor1, actor2, others, where


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
    return frozenset(w.split()[0].lower().lstrip("=") for w in (*sub.triggers, *sub.strong) if w.split())


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


# A street's name after a place's: "Baltimore Avenue", "South Orange Blossom Trail", the first of
# "Independence and Wabash avenues".
STREET_AFTER = re.compile(r"\s{1,3}(?:(?:Street|St\.|Avenue|Ave\.?|Boulevard|Blvd\.?|Road|Rd\.|Drive|Dr\.|Lane|Ln\.|"
                          r"Trail|Highway|Hwy\.?|Parkway|Pkwy\.?|Pike|Turnpike|Expressway|Freeway|streets|avenues|roads)"
                          r"|and\s{1,3}[A-Z][\w'.-]{0,30}(?:\s{1,3}[A-Z][\w'.-]{0,30})?\s{1,3}(?i:streets|avenues|roads))(?![\w-])")
# A house number's block names a street: "in the 8300 block of South Cottage Grove", "the 3000 block
# of Miami" (searched in the 40 characters before the place).
BLOCK_BEFORE = re.compile(r"\bblock\s{1,3}of\s{1,3}(?:(?:North|South|East|West|N\.|S\.|E\.|W\.)\s{1,3})?$", re.I)


_GRAIN = {"country": 0, "admin1": 1, "admin2": 2, "city": 3, "point": 4}


# "A Britain-based war monitor", "the Istanbul-based commission": where a body sits, not an event.
BASED_AFTER = re.compile(r"-based\b", re.I)
# Where the wounded were treated or a suspect is held, not where it happened: "taken to Grady
# Memorial Hospital in Atlanta", "an Atlanta area hospital", "the Detention Center in Brewton". 111
# of GVA's mentions took their place so; the article's other places remain (the look-behind bounds
# the words before the place to the 40 characters before it).
_CARE = r"(?:hospital|medical cent(?:er|re)|trauma cent(?:er|re)|clinic|detention cent(?:er|re)|jail|prison|morgue)"
CARE_BEFORE = re.compile(rf"\b{_CARE}\s{{1,3}}(?:in|at|of)\s{{1,3}}(?:the\s{{1,3}})?$", re.I)
CARE_AFTER = re.compile(rf"\s{{1,3}}(?:area\s{{1,3}})?{_CARE}s?\b", re.I)
CARE_WINDOW = 40


def _care_place(text: str, p: Place) -> bool:
    return bool(CARE_BEFORE.search(text[max(0, p.start - CARE_WINDOW):p.start]) or CARE_AFTER.match(text, p.end))


def _coarser_around(area: Place, town: Place) -> bool:
    """Whether ``area`` is a country, first- or second-level area that holds ``town``, a finer place."""
    if _GRAIN.get(area.precision or "", 9) >= _GRAIN.get(town.precision or "", 0) or area.precision not in (
            "country", "admin1", "admin2") or area.country_code != town.country_code:
        return False
    return area.precision == "country" or (area.admin1 == town.admin1 and (
        area.precision == "admin1" or town.admin2 is not None and town.admin2 in (area.name, area.admin2)))


def extract(article: Article, *, places: list[Place] | None = None, title_places: list[Place] = ()) -> list[Mention]:
    """The event mentions of ``article`` (offsets index ``article.text``). ``title_places``, the
    places of the article's title (offsets into the title), help choose the article's main place.
    Without ``places``, the places of the article and its title are found here, the statistical
    NER reading only the sentences that can carry an event, the lede and those where it may add a
    place the rulers miss.

    When the text reports no event, or no violence, or its violence without the toll the title
    gives, the title is read as the article's one sentence (only its violence kept when the text
    reports some other event; at the text's place when it names none of its own): its mentions have
    ``in_title`` set and offsets into the title. A headline is a report too, and scraped pages
    often keep little else ("4-month-old baby shot while in mother's arms in DeKalb County" above
    a sign-up form): on the GVA articles (`sitrep eval merge`, all 3,184) 100 more articles got a
    mention and the incidents' dates, towns and tolls came out right more often (see README)."""
    found = _extract_text(article, places=places, title_places=title_places)
    if not (article.title or "").strip():
        return found
    violent = [m for m in found if m.event_type in VIOLENT_TYPES]
    # A headline that gives a toll ("Envy Nightclub shooting: 4 shot in Palm Springs club") is read
    # too when the text tells its violence without one ("shots were fired inside the club").
    if violent and (any(m.fatalities or m.injured for m in violent) or not find_counts(article.title)):
        return found
    from sitrep.geocode import find_places_titled

    headline = replace(article, text=article.title, title=None)
    # The title's places, read as a title (in title case, its everyday words lower-cased first).
    site = _site_name(article)
    heading = list(title_places) if places is not None else find_places_titled("", article.title, site=site)[0]
    titled = [replace(m, id=hash_id(article.id, "title", m.start, m.end, m.sub_event_type), in_title=True)
              for m in _extract_text(headline, places=heading, title_places=())]
    if not found:
        return titled
    # The text tells only of what followed (an arrest, a court date) or of the page's furniture
    # ("Look up specific cases using Arrest Logs"), or its violence without the toll the headline
    # gives: the violence its headline reports is its news too.
    titled = [m for m in titled if m.event_type in VIOLENT_TYPES]
    if donor := next((m for m in violent if m.location), None):
        # The same violence as the text's, at the text's place when the headline names none or
        # names it alone, out of its context ("Palm Springs" read as California's over a text
        # from Palm Springs, Fla.).
        titled = [_placed_as(m, donor) for m in titled]
    return found + titled


def _placed_as(m: Mention, donor: Mention) -> Mention:
    """A headline's mention at the place of the text's mention ``donor``, when it has no place,
    one of the same name, or a coarser one ("US-led air strikes in Syria kill dozens" over a text
    about Manbij); otherwise unchanged."""
    if m.location and m.location.get("geonameid") == donor.location.get("geonameid"):
        return m
    if m.location and m.location.get("name") != donor.location.get("name") and \
            _GRAIN.get(m.location.get("precision"), 0) >= _GRAIN.get(donor.location.get("precision"), 0):
        return m
    evidence = dict(m.evidence or {})
    if where := (donor.evidence or {}).get("place"):
        evidence["place"] = {**where, "in": where.get("in", "text")}
    return replace(m, location=donor.location, evidence=evidence)


def _site_name(article: Article) -> str:
    """The outlet's name cut from the article's title (``sitrep.clean.title``), as one string."""
    return " - ".join(r.text for r in article.removed if r.reason == "site-name")


def _extract_text(article: Article, *, places: list[Place] | None, title_places: list[Place]) -> list[Mention]:
    """``extract`` over the article's text alone."""
    from sitrep.dates.timex import find_timexes
    from sitrep.extract.people import named_people
    from sitrep.geocode import find_places, find_places_titled, may_add_a_place
    from sitrep.nlp import spacy_safe
    from sitrep.nlp import get_nlp

    text = article.text
    taxonomy = _taxonomy()
    ranked_sentences = []
    spans = sentences(text)
    order = {s: i for i, (s, _) in enumerate(spans)}
    last: tuple[int, tuple[str, float]] | None = None  # the latest event sentence: (index, its reading)
    last_violent: tuple[int, tuple[str, float]] | None = None  # the same, of political violence
    embedded: set[tuple[int, int]] = set()  # sentences whose toll belongs to an embedded violent event
    tolls: dict[tuple[int, int], list] = {}  # ``find_counts`` of the sentences already read for one
    violent_reading = lambda r: taxonomy.sub_event_types.get(r[0]) is not None and \
        taxonomy.sub_event_types[r[0]].parent in VIOLENT_TYPES  # noqa: E731
    for i, (s, e) in enumerate(spans):
        # The title breaks ties between the sentence's own readings but makes no sentence an
        # event by itself: read alone it made "He did not elaborate." and a site's "Watch Live
        # TV" line chemical attacks in the demo corpus, and 2,121 of GVA's 19,507 mentions.
        scored = _classifier().classify(text[s:e], context=article.title, own_words=True)
        ranked = [r for r in scored if r[1] >= MIN_TYPE_CONFIDENCE]
        if ranked:
            ranked_sentences.append((s, e, ranked))
            last = (i, ranked[0])
            if violent_reading(ranked[0]):
                last_violent = last
            elif tolls.setdefault((s, e), find_counts(text[s:e])) or _ABOUT_VIOLENCE.search(text[s:e]):
                # "Police arrested a man suspected of shooting four men last week": the arrest is
                # the news, the shooting a second event of the sentence, and the toll is its. Its
                # type: the sentence's own violent reading, else that of the violent event just
                # reported, taken less surely, like a toll sentence's.
                # Words that name the violence the arrest is about ("in connection with a
                # shooting") are evidence of it whatever the reading's confidence.
                about = _ABOUT_VIOLENCE.search(text[s:e])
                own = next((r for r in scored if violent_reading(r) and (about or r[1] >= MIN_TOLL_CONFIDENCE)), None)
                near = last_violent if last_violent and i - last_violent[0] <= TOLL_CONTEXT_SENTENCES else None
                # Else the words alone: "arrested a man suspected of killing his girlfriend" tells
                # of a killing, ACLED's attack on a civilian, though no word of it is a trigger.
                told = _as_attack(taxonomy, ranked[0][1]) if about else None
                if own or near or told:
                    sub, conf = own or (near[1] if near else told)
                    ranked_sentences.append((s, e, [(sub, round(conf * TOLL_DISCOUNT, 3))]))
                    embedded.add((s, e))
        elif _CASUALTY_WORD.search(text[s:e]) and find_counts(text[s:e]):
            # A toll with no event word ("Six service members were killed."): the event its own
            # weak reading names, else the one the sentences just before report, less surely.
            own = scored[0] if scored and scored[0][1] >= MIN_TOLL_CONFIDENCE else None
            if own is not None and not violent_reading(own):
                # A toll is of violence: of readings as strong, the violent one ("… fired shots,
                # killing Selmon and injuring three" under a title "Arrests made …" read as both).
                own = next((r for r in scored if r[1] >= own[1] and violent_reading(r)), own)
            near = last if last and i - last[0] <= TOLL_CONTEXT_SENTENCES else None
            # Else, people hurt by gunfire with no event word the vocabulary knows ("A 2-year-old is
            # at Vanderbilt Medical Center after accidentally shooting herself"): an attack.
            told = _as_attack(taxonomy, MIN_TOLL_CONFIDENCE) if _GUNFIRE.search(text[s:e]) else None
            if own or near or told:
                sub, conf = own or (near[1] if near else told)
                ranked_sentences.append((s, e, [(sub, round(conf * TOLL_DISCOUNT, 3))]))
    if not ranked_sentences:
        return []
    if places is None:
        # spaCy's statistical NER (most of a run's time) reads only the sentences that can report
        # an event, the lede and those where it may find a place the rulers miss; the rulers find
        # the gazetteer's places in the rest, which count towards the article's main place and country.
        reported = {(s, e) for s, e, _ in ranked_sentences}
        ner_spans = [(s, e) for i, (s, e) in enumerate(spans) if i < LEDE_SENTENCES or (s, e) in reported
                     or may_add_a_place(text[s:e])]
        site = _site_name(article)
        title_places, places = find_places_titled(text, article.title, demonyms=False, ner_spans=ner_spans,
                                                  site=site)
    # A town's name that opens a street's ("West Manchester Avenue" in Los Angeles) refers to the
    # town, as gazetteers and GeoWebNews have it, but says nothing of where the event was.
    resolved = [p for p in places if p.geonameid and not STREET_AFTER.match(text, p.end)
                and not BLOCK_BEFORE.search(text, max(0, p.start - 40), p.start)
                and not BASED_AFTER.match(text, p.end) and not _care_place(text, p)]
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
    # The article's main place: the town or point it names most, a town in its title counting
    # TITLE_WEIGHT times (a headline names where its story happened: "Four men shot near
    # Kingsessing Park", while the text may name only streets and a sidebar's towns).
    heading = [p for p in title_places if p.geonameid and p.precision in ("city", "point")]
    votes = Counter(p.geonameid for p in resolved if p.precision in ("city", "point"))
    votes.update({p.geonameid: TITLE_WEIGHT for p in heading})
    if dateline := dateline_span(text):
        # "KANSAS CITY, Mo. —": local news opens with the town it reports from, counted as a title's.
        votes.update({p.geonameid: DATELINE_WEIGHT for p in resolved
                      if p.precision in ("city", "point") and p.start < dateline[1] and dateline[0] < p.end})
    if not votes:
        # No town: the county (or district) it names most ("NOBLE COUNTY, Ind. (WANE) – …"). GVA
        # city and state accuracy 0.643 -> 0.657 and 0.770 -> 0.787 (`sitrep eval merge --limit
        # 600`); going on to the state when no county is named changed nothing there.
        votes = Counter(p.geonameid for p in resolved if p.precision == "admin2")
    main_place = votes.most_common(1)
    main = next((p for p in (*resolved, *heading) if main_place and p.geonameid == main_place[0][0]), None)
    from_site = False
    if main is None and not resolved and not any(p.geonameid for p in title_places) and (site := _site_name(article)):
        # An article that names no place at all, from an outlet whose name gives its town ("Fight
        # ends with innocent child being shot - WMC Action News 5 - Memphis, Tennessee"): local news
        # reports its own town's events, so that town stands for the event's, as its evidence says.
        main = next((p for p in find_places(site, demonyms=False) if p.geonameid and p.precision == "city"), None)
        from_site = main is not None
    pub = article.published
    anchor = dt.date.fromisoformat(pub.date) if pub and pub.date else None
    nlp = get_nlp()
    out = []
    breaks = [m.start() for m in re.finditer("\n", text)]
    paragraph = lambda at: bisect.bisect(breaks, at)  # noqa: E731
    people: list | None = None  # ``named_people`` of the text, read at its first violent mention
    news_day = {}  # event type → the latest day-precise date of a news (not background) mention, with its evidence
    loose: set[int] = set()  # (indices in ``out`` of) mentions dated only by the publication date
    # Only event sentences are parsed, in one batch, without the statistical NER (places are
    # already found; the actor ruler still marks catalog actors) and the lemmatizer.
    # Lemmas are worked out for the few tokens whose lemma is read (``sitrep.nlp.lemma``).
    skip = [p for p in ("ner", "sitrep_gazetteer_ruler", "sitrep_ruler_guard", "lemmatizer") if p in nlp.pipe_names]
    docs = nlp.pipe((spacy_safe(text[s:e]) for s, e, _ in candidates), disable=skip)
    for (s, e, (sub_type, conf)), doc in zip(candidates, docs):
        sentence = text[s:e]
        span = doc[:]
        triggers = _trigger_verbs(sub_type)
        if _only_planned(span, triggers):
            continue  # "vowed to retake", "any operation to retake … should": nothing happened yet
        sub = taxonomy.sub_event_types.get(sub_type)
        violent = sub is not None and sub.parent in VIOLENT_TYPES
        named = tuple((p.start - s, p.end - s) for p in places if s <= p.start < e)
        actor1, actor2, others, where = _roles(span, default_country, triggers, violent=violent,
                                               places=named)
        pronoun = where.pop("pronoun1", None)
        if _consistent(sub_type, actor1, actor2) != (actor1, actor2):
            actor1, actor2 = actor2, actor1
            where = {{"actor1": "actor2", "actor2": "actor1"}[role]: at for role, at in where.items()}
        evidence = {role: {"start": s + a, "end": s + b, "text": sentence[a:b]} for role, (a, b) in where.items()}
        actor1_record = actor1.as_dict() if actor1 else None
        if actor1 is None and pronoun and out and out[-1].actor1 and \
                order.get(s, 0) - order.get(out[-1].start, 0) <= PRONOUN_REACH_SENTENCES:
            # "They" stands for the actor of the event just reported; the evidence shows both.
            a, b = pronoun
            actor1_record = out[-1].actor1
            evidence["actor1"] = {"start": s + a, "end": s + b, "text": sentence[a:b],
                                  "refers_to": (out[-1].evidence or {}).get("actor1")}
        # A place inside the actor's words names who acted, not where: "airstrikes by the United
        # States and France inside Syria", "Russia's military" (what was hit may be the place:
        # "invaded Libya").
        in_actor = [(v["start"], v["end"]) for role, v in evidence.items() if role == "actor1"]
        in_sentence = [p for p in resolved if s <= p.start < e and not any(a <= p.start < b for a, b in in_actor)]
        # The first town or point the sentence names, else its first place, else the article's
        # main place. Preferring a place after a locative word ("in", "near", "into") was tried:
        # RAMS dev place F1 0.274 → 0.305 but RAMS test 0.232 → 0.217 and GVA state 0.62 → 0.61
        # (`sitrep eval arguments`, `sitrep eval merge --limit 600`), so it is not used; so was the
        # town nearest the event's word: RAMS dev 0.35 → 0.37, test 0.30 → 0.30, GVA city 0.50 → 0.49.
        place = None
        if sub is not None and sub.territorial:
            # A change of territory happens to what was taken: the place named in the object of
            # the trigger verb ("retook Palmyra", "Palmyra was recaptured", "overrunning Ramadi"),
            # not a place named elsewhere in the sentence ("Washington said … retake Raqqa").
            taken = _taken_spans(span)
            place = next((p for p in in_sentence if any(s + a <= p.start < s + b for a, b in taken)), None)
        place = place or next((p for p in in_sentence if p.precision in ("point", "city")), None) or \
            (in_sentence[0] if in_sentence else main)
        if place is not None and place is not main and main is not None and _coarser_around(place, main) and \
                not (sub is not None and sub.territorial):
            # "Air raids in northern Syria killed 25", in an article about Manbij: the sentence
            # names only the country (or province) around the article's town; the town is finer.
            # Not for a change of territory: "the army regained ground in Hama province" says
            # nothing of who holds Hama city.
            place = main
        titled = any(place is p for p in heading)
        if place is not None and place.geonameid is not None and not titled and s <= place.start < e and \
                not (from_site and place is main):
            evidence["place"] = {"start": place.start, "end": place.end, "text": text[place.start:place.end]}
        elif place is not None and place is main and main.geonameid is not None:
            # The article's main place, named outside the sentence: in the title, or first in the text.
            evidence["place"] = {"start": place.start, "end": place.end, "text": place.text,
                                 "in": "site" if from_site else "title" if titled else "text"}
        parent = taxonomy.sub_event_types[sub_type].parent if sub_type in taxonomy.sub_event_types else ""
        date = None
        earlier = _anterior(span, triggers)
        found = _event_date(span, find_timexes(sentence, anchor), triggers)
        if earlier and found and _date_rank(span, found[1].start, triggers, found[1].end) > 0:
            # "Killed in the days after Palmyra fell", "arrested Monday after a man was shot": the
            # sentence's day, like its paragraph's, is of the later event. Left undated here, the
            # event was also made background: on GVA (`sitrep eval merge --limit 600`) that cost
            # killed accuracy 0.680 -> 0.657, as "police seek suspects after one person was
            # killed" is the news itself; so it takes the days before publication like any other.
            found = None
        if found:
            date, timex = found
            if date[2] == "day" and _date_rank(span, timex.start, triggers, timex.end) == 2:
                # The day dates the saying ("police said Saturday"): the event happened that day or
                # in the week before it, not surely on it. (A day on another verb, "opened fire on
                # April 2", is often the event's own: an event word the vocabulary lacks.)
                said = dt.date.fromisoformat(date[1])
                date = ((said - dt.timedelta(days=7)).isoformat(), date[1], "week")
            if anchor and date[0] > anchor.isoformat() and not re.search(r"\d{4}", timex.text) and \
                    any(t.tag_ == "VBD" for t in span) and not _FUTURE_CUE.search(sentence):
                # A day named without its year that the news reports as done is not yet to come:
                # "On April 2, Lopez opened fire" in a January article is last year's April 2.
                date = _year_before(date)
            if anchor and date[0] <= anchor.isoformat() < date[1] and not _FUTURE_CUE.search(sentence):
                date = (date[0], anchor.isoformat(), date[2])  # "tonight", told as done: not past publication
            if anchor and not re.search(r"\d{4}", timex.text):
                date = _loosen(date, anchor, pub)
            evidence["date"] = {"start": s + timex.start, "end": s + timex.end, "text": timex.text}
        elif parent in news_day and news_day[parent][2] == paragraph(s) and not earlier:
            # No date in the sentence: the day of the news its paragraph last dated ("… at about
            # 6 p.m. Monday. The shooting took place behind the church."), evidence and all; an
            # arrest's day is not the shooting's. (Reaching across the whole article rather than
            # the paragraph, GVA incident dates fell by about a point, `sitrep eval merge`, all
            # 3,184 articles; within the paragraph they rose by about as much.)
            date, evidence["date"], _ = news_day[parent]
        elif anchor:
            # Nothing dated yet: the news of the day, within the days before publication; "overnight"
            # with no day named, the night before it (TimeBank's "overnight": the night before the
            # document's date), unless someone only stayed somewhere overnight.
            if (night := _OVERNIGHT.search(sentence)) and not _STAYED_OVERNIGHT.search(sentence):
                date = _loosen(((anchor - dt.timedelta(days=1)).isoformat(), anchor.isoformat(), "day"), anchor, pub)
                evidence["date"] = {"start": s + night.start(), "end": s + night.end(), "text": night[0]}
            else:
                date = _loosen(((anchor - dt.timedelta(days=7)).isoformat(), anchor.isoformat(), "week"), anchor, pub)
                loose.add(len(out))
        attribution = attribution_of(sentence, span)
        counts = [] if (s, e) in embedded and not violent else \
            tolls[(s, e)] if (s, e) in tolls else find_counts(sentence)
        claims = lambda kind: tuple(  # noqa: E731
            Claim(value=c.value, qualifier=c.qualifier, source=attribution.claimant, document=article.id)
            for c in counts if c.kind == kind
        )
        for kind, field, dead in (("killed", "fatalities", ()), ("injured", "injured", claims("killed"))):
            # The words that give the mention's figure ("four people were killed"), as for every field.
            best = _figures(claims(kind), dead)["best"]
            if (words := next((c for c in counts if c.kind == kind and c.value == best), None)) is not None:
                evidence[field] = {"start": s + words.start, "end": s + words.end, "text": words.text}
        background = bool(
            date and anchor and _long_before(date[1], anchor)
        ) or bool(_PAST_PERFECT.search(sentence) and date and anchor and dt.date.fromisoformat(date[1]) < anchor)
        if found and date[2] == "day" and not background:
            news_day[parent] = (date, evidence["date"], paragraph(s))
        if violent and people is None:
            people = named_people(text)
            if len(people) > MAX_PEOPLE:
                people = []  # a list of victims (a city's homicides): its names tell of no one report
        if violent and people:
            # The people the article names with an age (its victims, its suspects): what tells
            # a follow-up of this violence from a new event when merging (``sitrep.merge``).
            evidence["people"] = [{"start": p.start, "end": p.end, "text": p.text} for p in people]
        out.append(Mention(
            id=hash_id(article.id, s, e, sub_type),
            document=article.id, start=s, end=e, sentence=sentence,
            event_type=parent, sub_event_type=sub_type,
            date_start=date[0] if date else None, date_end=date[1] if date else None,
            date_precision=date[2] if date else None,
            location=_location(place),
            actor1=actor1_record,
            actor2=actor2.as_dict() if actor2 else None,
            assoc_actors=tuple(a.as_dict() for a in others),
            fatalities=claims("killed"), injured=claims("injured"),
            status="attempted" if _attempt_launched(span, triggers) else _status(sentence),
            background=background,
            attributed_to=attribution.claimant,
            confidence=round(conf * (0.8 if attribution.unverified else 1.0), 3),
            evidence=dict(sorted(evidence.items())),
        ))
    return _dated_by_the_article(out, anchor, loose)


def _as_attack(taxonomy, confidence: float) -> tuple[str, float] | None:
    """The reading of violence that words alone tell of (``ABOUT_VIOLENCE_TYPE``), when the
    taxonomy in use has that type."""
    return (ABOUT_VIOLENCE_TYPE, confidence) if ABOUT_VIOLENCE_TYPE in taxonomy.sub_event_types else None


def _dated_by_the_article(out: list[Mention], anchor: dt.date | None, loose: set[int]) -> list[Mention]:
    """A report of violence that nothing in its sentence or paragraph dates ("Stover was shot";
    ``loose`` holds their indices) takes the date another sentence of the article gives the
    violence of that kind at that place, when that date lies before the days just before
    publication: "The double shooting in January outside of Lolo" dates it, so a follow-up (a
    charge, a trial, a police report) is not read as news of its own week. The first such date in
    the text is taken (an article tells when its event happened early on), the evidence pointing
    at it, and a date that old makes the report background as any other would. On all 3,184 GVA
    articles (`sitrep eval merge`) incident dates went 0.8105 -> 0.8188 and B-cubed F1 0.8444 ->
    0.8457; taking also the reports dated by the day of what followed them ("charged Wednesday in
    the shooting death"): dates 0.8217 -> 0.8200, injured 0.6553 -> 0.6517, so not those."""
    if anchor is None or not loose:
        return out
    dated = [m for i, m in enumerate(out) if i not in loose and m.event_type in VIOLENT_TYPES
             and m.date_precision in _INHERITED_PRECISIONS
             and (w := (m.evidence or {}).get("date")) and m.start <= w["start"] < m.end]
    if not dated:
        return out
    result = []
    for i, m in enumerate(out):
        if i in loose and m.event_type in VIOLENT_TYPES and m.date_start:
            source = next((x for x in dated if x.event_type == m.event_type and x.date_end < m.date_start
                           and _same_place(x.location, m.location)), None)
            if source is not None:
                m = replace(m, date_start=source.date_start, date_end=source.date_end,
                            date_precision=source.date_precision,
                            background=_long_before(source.date_end, anchor),
                            evidence=dict(sorted({**(m.evidence or {}), "date": source.evidence["date"]}.items())))
        result.append(m)
    return result


def _long_before(end: str, anchor: dt.date) -> bool:
    """A date range ending more than BACKGROUND_DAYS before publication: background, not news."""
    return dt.date.fromisoformat(end) < anchor - dt.timedelta(days=BACKGROUND_DAYS)


# The dates another sentence may lend a report (a year says too little of which event it was).
_INHERITED_PRECISIONS = frozenset({"day", "week", "month"})


def _same_place(a: dict | None, b: dict | None) -> bool:
    """Two reports' places are one, or one of them names none."""
    return not a or not b or a.get("geonameid") == b.get("geonameid")


def _figures(claims: tuple[Claim, ...], dead: tuple[Claim, ...] = ()) -> dict:
    as_dict = lambda c: {"value": c.value, "qualifier": c.qualifier, "source": c.source, "document": c.document}  # noqa: E731
    return figures([as_dict(c) for c in claims], [as_dict(c) for c in dead])


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
        "injured": _figures(m.injured, m.fatalities),
        "status": m.status,
        "background": m.background,
        "confidence": m.confidence,
        "mentions": [{"document": m.document, "start": m.start, "end": m.end, "sentence": m.sentence,
                      "attributed_to": m.attributed_to, "evidence": m.evidence or {}, **_in_title(m)}],
        "sources": [article.outlet] if article.outlet else [],
        "notes": m.sentence[:300],
        "start": m.start,
        "end": m.end,
        **_in_title(m),
    }


def _in_title(m: Mention) -> dict:
    """``{"in": "title"}`` for a mention read from the title (its offsets index the title)."""
    return {"in": "title"} if m.in_title else {}
