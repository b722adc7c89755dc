"""A page title's headline without the outlet's name (sitrep.clean.title)."""

from __future__ import annotations

import pytest

from sitrep.clean import clean_article
from sitrep.clean.title import headline
from sitrep.records import RawDoc


@pytest.mark.parametrize(("title", "want", "cut"), [
    ("Five people shot in apartment complex - WMC Action News 5 - Memphis, Tennessee",
     "Five people shot in apartment complex", ["WMC Action News 5 - Memphis, Tennessee"]),
    ("Victim identified in Flour Bluff murder - KRISTV.com | Continuous News Coverage | Corpus Christi",
     "Victim identified in Flour Bluff murder", ["KRISTV.com | Continuous News Coverage | Corpus Christi"]),
    ("CBS 58 - Friends of Mother who lost Daughter in Murder Suicide Speak",
     "Friends of Mother who lost Daughter in Murder Suicide Speak", ["CBS 58"]),
    ("Woman, boyfriend killed in brazen daytime East Oakland shooting - KTVU -",
     "Woman, boyfriend killed in brazen daytime East Oakland shooting", ["KTVU"]),
    ("Car bomb kills 34 in Hama - Region - World - Ahram Online", "Car bomb kills 34 in Hama - Region - World",
     ["Ahram Online"]),
])
def test_the_outlets_name_is_cut_from_the_title(title: str, want: str, cut: list[str]) -> None:
    got, removed = headline(title)
    assert got == want and [r.text for r in removed] == cut and {r.reason for r in removed} == {"site-name"}


@pytest.mark.parametrize("title", [
    "At least 70 killed in north of Syria's Aleppo - monitor",  # the claimant, not the outlet
    "Police: No 911 call from home where teen shot in head | Dayton",
    "The Investigators: Prosecutors introduce evidence",
    "Syrian army retakes Palmyra",
    "News - Weather - Sports",  # nothing but outlet words: left whole
    "",
])
def test_a_title_without_an_outlets_name_is_left_whole(title: str) -> None:
    assert headline(title) == (title, [])


def test_cleaning_keeps_what_it_cut_from_the_title() -> None:
    raw = RawDoc(id="a", source="a", kind="text", title="Teen shot in Toledo overnight - Toledo News Now, News, Weather",
                 body="A teenager was shot in Toledo overnight, police said.\n")
    article = clean_article(raw)
    assert article.title == "Teen shot in Toledo overnight"
    assert ("Toledo News Now, News, Weather", "site-name") in {(r.text, r.reason) for r in article.removed}


def test_an_article_naming_no_place_takes_its_outlets_town() -> None:
    from sitrep.extract.mentions import extract
    from sitrep.records import PubDate

    pub = PubDate(date="2014-06-02", earliest="2014-06-02", latest="2014-06-02", basis="user", confidence=1.0)
    body = ("Two men are in jail after a child was shot over the weekend at an apartment complex.\n"
            "Investigators said the men got into a fight and one of them fired into a crowd of people.\n")
    raw = RawDoc(id="a", source="a", kind="text", body=body,
                 title="Fight ends with innocent child being shot - WMC Action News 5 - Memphis, Tennessee")
    article = clean_article(raw)
    article = type(article)(**{**{f: getattr(article, f) for f in article.__dataclass_fields__}, "published": pub})
    [shot, *_] = [m for m in extract(article) if m.event_type == "Violence against civilians" or m.sub_event_type == "Attack"]
    assert (shot.location["name"], shot.location["admin1"]) == ("Memphis", "Tennessee")
    assert shot.evidence["place"]["in"] == "site" and shot.evidence["place"]["text"] == "Memphis"
    # A place the text names wins over the outlet's town.
    raw = RawDoc(id="b", source="b", kind="text", body=body.replace("an apartment complex", "an apartment complex in Frayser, Nashville"),
                 title=raw.title)
    article = clean_article(raw)
    article = type(article)(**{**{f: getattr(article, f) for f in article.__dataclass_fields__}, "published": pub})
    assert {m.location["name"] for m in extract(article) if m.location} == {"Nashville"}
