"""Publication dates: metadata kept when plausible, set aside with a reason when not, and
inferred from the URL, a dateline, the text, or similar dated articles of the batch."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings, strategies as st

from sitrep.dates.corpus import date_by_corpus
from sitrep.dates.pubdate import date_article, url_date
from sitrep.records import Article, PubDate

TODAY = dt.date(2026, 11, 21)


def art(text: str, *, title: str = "", url: str | None = None, published: PubDate | None = None, id: str = "a") -> Article:
    return Article(id=id, source=id, title=title, text=text, url=url, published=published)


def meta(day: str, basis: str = "html-meta") -> PubDate:
    return PubDate(date=day, earliest=day, latest=day, basis=basis, confidence=0.9)


def test_plausible_metadata_date_is_kept() -> None:
    a = date_article(art("Text.", published=meta("2016-03-27")), today=TODAY)
    assert a.published.date == "2016-03-27" and a.published.basis == "html-meta"


def test_bad_metadata_dates_fall_back_with_a_reason() -> None:
    text = "Fri 10 Mar 2017 Government forces entered the town, state media said."
    for bad in ("0000-01-01", "2099-05-01", "1970-01-01", "not a date"):
        pub = date_article(art(text, published=meta(bad)), today=TODAY).published
        assert pub.date == "2017-03-10" and pub.basis == "text-dateline"
        assert "set aside" in pub.note and bad in pub.note


def test_url_dates() -> None:
    assert url_date("https://www.example.com/news/2016/03/27/palmyra-retaken", upper=TODAY).date == "2016-03-27"
    assert url_date("https://example.com/a/20161211-strikes", upper=TODAY).date == "2016-12-11"
    month = url_date("https://example.com/2017/03/palmyra", upper=TODAY)
    assert month.date is None and (month.earliest, month.latest) == ("2017-03-01", "2017-03-31")
    assert url_date("https://example.com/story/2099/01/01/x", upper=TODAY) is None
    assert url_date("http://web.archive.org/web/20151030223013/http://example.com/story", upper=TODAY) is None


def test_dateline() -> None:
    pub = date_article(art("Monday 23 Oct 2017 Syrian activists are reporting that bodies were found."), today=TODAY).published
    assert (pub.date, pub.basis) == ("2017-10-23", "text-dateline")


def test_latest_mentioned_date_bounds_the_article() -> None:
    text = ("IS seized the ancient city on May 21, 2015. Government forces retook it on Sunday "
            "after a three-week offensive backed by Russian air strikes, the army said.")
    pub = date_article(art(text), today=TODAY).published
    # Written after 21 May 2015; the interval, not the day, carries the uncertainty.
    assert pub.basis == "text" and pub.earliest == "2015-05-21" and pub.date == "2015-05-21"
    assert pub.latest == "2015-06-21" and pub.confidence < 0.85


def test_a_bare_year_does_not_outrank_a_full_date() -> None:
    text = "Protesters filled the square on February 11, 2011. Elections are promised in 2013."
    pub = date_article(art(text), today=TODAY).published
    assert pub.date == "2011-02-11" and pub.earliest == "2011-02-11"
    only_year = date_article(art("The famine of 2011 killed thousands."), today=TODAY).published
    assert only_year.date is None and only_year.earliest == "2011-01-01"


def test_a_year_or_month_told_as_future_or_a_limit_bounds_nothing() -> None:
    for text in ("Romania plans to adopt the euro in 2014.", "His term ends in 2013, aides said.",
                 "The fund will not ask for more money until 2010.", "Repayments are due in March 2013."):
        pub = date_article(art(text), today=TODAY).published
        assert pub.earliest is None and pub.basis == "none", text
    past = date_article(art("The euro was adopted in March 2009, officials said."), today=TODAY).published
    assert past.earliest == "2009-03-01"


def test_clock_times_are_no_years() -> None:
    text = ("The quake struck at 1653 local time (2153 GMT) on Tuesday, the survey said.\n"
            "2057 Rescuers reached the hotel.\n2050 The airport reopened.\n2044 Aid flights landed.")
    assert date_article(art(text), today=TODAY).published.basis == "none"


def test_future_dates_bound_nothing() -> None:
    text = "Talks are scheduled for June 3, 2016. Fighting went on in the north."
    assert date_article(art(text), today=TODAY).published.date is None


def test_no_evidence_is_an_honest_blank() -> None:
    pub = date_article(art("Fighting went on in the north on Sunday, residents said."), today=TODAY).published
    assert pub.date is None and pub.basis == "none" and pub.confidence == 0.0


def test_dct_fills_only_what_is_missing() -> None:
    assert date_article(art("x"), dct="2017-03-02", today=TODAY).published.basis == "user"
    assert date_article(art("x", published=meta("2016-03-27")), dct="2017-03-02", today=TODAY).published.date == "2016-03-27"


def test_undated_rewrite_is_dated_by_the_dated_report() -> None:
    report = ("Syrian government forces backed by Russian air strikes recaptured the ancient city of Palmyra "
              "from Islamic State militants, the army said, after a three-week offensive in the desert. "
              "The Russian defence ministry said more than 100 militants were killed in strikes.")
    rewrite = ("Syrian forces backed by Russian air strikes recaptured Palmyra from Islamic State militants on Sunday "
               "after a three-week offensive, the army said. Russia's defence ministry said more than 100 militants died.")
    other = "Floods hit the coastal province after heavy rain, the ministry of agriculture said."
    a = art(report, id="r", published=meta("2016-03-27"))
    b = date_article(art(rewrite, id="u"), today=TODAY)
    c = date_article(art(other, id="o"), today=TODAY)
    out = {x.id: x.published for x in date_by_corpus([a, b, c])}
    assert out["r"].date == "2016-03-27"
    assert out["u"].basis == "corpus" and out["u"].earliest <= "2016-03-27" <= out["u"].latest
    assert out["o"].date is None  # nothing like it is dated: left blank, not guessed


def test_a_year_less_dateline_takes_its_year_from_loose_neighbours() -> None:
    dated = art("The World Health Organisation raised its swine flu pandemic alert as cases spread in Mexico "
                "and the United States, and pork imports were banned by several countries.",
                id="d", published=meta("2009-05-05"))
    undated = art("GENEVA, June 12 (Reuters) - Bans on pork imports after the swine flu outbreak will be "
                  "highlighted in a trade report, sources said on Friday.", id="u")
    out = {x.id: x.published for x in date_by_corpus([dated, date_article(undated, today=TODAY)])}
    pub = out["u"]
    assert (pub.date, pub.basis) == ("2009-06-12", "corpus") and pub.confidence < 0.5
    assert "dateline" in pub.note and pub.earliest <= pub.date <= pub.latest


def test_an_article_naming_no_day_is_guessed_from_its_story_with_low_confidence() -> None:
    story = [
        art("Investigators searched the offices of the mortgage company Freddie Mac after the death of its "
            "acting finance chief David Kellermann, police in Fairfax County said.", id=f"d{i}",
            published=meta(day))
        for i, day in enumerate(("2009-04-22", "2009-04-23", "2009-04-25"))
    ]
    undated = date_article(art("Neighbours of David Kellermann, the acting finance chief of Freddie Mac, "
                               "spoke of their shock as Fairfax County police investigated his death.", id="u"),
                           today=TODAY)
    assert undated.published.date is None  # it names no day, month or year
    pub = {x.id: x.published for x in date_by_corpus([*story, undated])}["u"]
    assert pub.basis == "corpus" and "no day of its own" in pub.note
    assert pub.earliest <= "2009-04-22" and "2009-04-25" <= pub.latest  # spans every neighbour
    assert pub.confidence <= 0.175  # a guess, below any dating by the article's own words


def test_a_day_named_with_its_weekday_fixes_the_year() -> None:
    dated = art("Boston police investigate a shooting in Dorchester that injured three people in a car.",
                id="d", published=meta("2016-01-15"))
    undated = art("A shooting in Dorchester on the night of Thursday, January 8, killed a 24-year-old man "
                  "and injured three others in a car, Boston police said.", id="u")
    pub = {x.id: x.published for x in date_by_corpus([dated, date_article(undated, today=TODAY)])}["u"]
    # January 8 was a Thursday in 2015, not in 2016 (the neighbour's year) nor any year within two of it.
    assert pub.date.startswith("2015-01-") and pub.earliest == "2015-01-08" and "weekday" in pub.note


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)))
def test_inferred_dates_are_well_formed(text: str, crawl: dt.date) -> None:
    published = PubDate(date=None, earliest=None, latest=crawl.isoformat(), basis="warc", confidence=0.0)
    pub = date_article(art(text, published=published), today=TODAY).published
    assert 0.0 <= pub.confidence <= 1.0
    if pub.date:
        assert pub.date <= crawl.isoformat()  # never after the crawl that found the page
        assert pub.earliest is None or pub.earliest <= pub.date
        assert pub.latest is None or pub.date <= pub.latest


def test_a_time_stamp_the_cleaner_removed_dates_the_article() -> None:
    from sitrep.records import Removed

    text = "Several people were shot at a wedding reception on Saturday, police said."
    posted = art(text, id="p")
    posted = replace(posted, removed=(Removed(text="Posted: Sunday, February 16, 2014 1:50 PM EST Updated: "
                                                   "Monday, February 17, 2014 9:02 AM EST", reason="boilerplate"),
                                      Removed(text="Related: Posted: Friday, January 3, 2014", reason="boilerplate")))
    pub = date_article(posted, today=TODAY).published
    assert (pub.date, pub.basis) == ("2014-02-16", "text-timestamp")  # the first stamp, the page's own
    updated = replace(art(text, id="u"), removed=(Removed(text="Last updated: 08/10/2014 4:26 PM", reason="date"),))
    pub = date_article(updated, today=TODAY).published
    assert pub.latest == "2014-08-10" and pub.earliest < "2014-08-10" and pub.confidence < 0.85
    # A furniture line without a stamp word or a date reason dates nothing.
    caption = replace(art(text, id="c"), removed=(Removed(text="Police at the scene on May 12, 2014.", reason="photo-credit"),))
    assert date_article(caption, today=TODAY).published.basis != "text-timestamp"


def test_an_event_told_on_sunday_is_dated_by_the_sentence_that_dates_it() -> None:
    # The Palmyra case: one report dates the recapture, another tells it "on Sunday".
    dated = art("Syrian government forces recaptured the ancient city of Palmyra from Islamic State "
                "militants on March 27, 2016, after a three-week offensive backed by Russian air strikes. "
                "Aid agencies said thousands of residents had fled the desert town.", id="d",
                published=meta("2016-04-05"))
    other = art("Islamic State fighters seized oil fields near the desert town of Palmyra, a monitoring "
                "group said, as Russian air strikes hit the area.", id="o", published=meta("2016-02-10"))
    undated = date_article(art("Syrian troops backed by Russian air strikes recaptured the ancient city "
                               "of Palmyra from Islamic State militants on Sunday after a three-week offensive.",
                               id="u"), today=TODAY)
    pub = {x.id: x.published for x in date_by_corpus([dated, other, undated])}["u"]
    assert pub.basis == "corpus" and pub.date == "2016-03-28"  # the Monday after the Sunday it names
    assert pub.earliest <= "2016-03-27" and pub.latest >= "2016-04-02"  # still the story's wide interval
    assert pub.confidence <= 0.35 and "2016-03-27" in pub.note


def test_a_bare_date_line_removed_from_the_header_yields_to_the_dateline() -> None:
    from sitrep.records import Removed

    # The site's clock in its header, removed as a date line, is not the article's day.
    header = replace(art("Tue May 3 2016 Syrian Army Killed 175 ISIS Terrorists in Oil Field East of Homs. "
                         "Military sources announced on Monday that 175 militants were killed.", id="h"),
                     removed=(Removed(text="Sat Jun 11 2016 19:30", reason="date"),))
    pub = date_article(header, today=TODAY).published
    assert (pub.date, pub.basis) == ("2016-05-03", "text-dateline")
    # Without a dateline the date line dates it, before the text's own latest date.
    plain = replace(art("Military sources said 175 militants were killed near the al-Hail oilfield on May 2, 2016.",
                        id="p"), removed=(Removed(text="Tue May 3 2016 19:30", reason="date"),))
    assert date_article(plain, today=TODAY).published.basis == "text-timestamp"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from("abcdefgh"), st.floats(0.01, 1.0), max_size=6), min_size=2, max_size=12))
def test_the_batch_steps_similarities_are_the_dot_products_of_term_vectors(vectors) -> None:
    from sitrep.dates.corpus import _ranked

    targets, anchors = list(range(0, len(vectors), 2)), list(range(1, len(vectors), 2))
    for i, ranked in zip(targets, _ranked(vectors, targets, anchors), strict=True):
        naive = {j: sum(w * vectors[j].get(t, 0.0) for t, w in vectors[i].items()) for j in anchors}
        assert all(abs(s - naive[j]) < 1e-9 for j, s in ranked)
        assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
        assert {j for j, _ in ranked} == {j for j in anchors if naive[j] > 1e-12}
