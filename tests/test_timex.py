"""The temporal-expression tagger: extents, values relative to the DCT, no invented dates without
one, robustness (arbitrary and hostile input) and speed."""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.dates import find_timexes
from sitrep.records import Timex

DCT = date(2016, 3, 28)  # a Monday


def tag(text: str, dct: date | None = DCT) -> list[Timex]:
    found = find_timexes(text, dct)
    for t in found:
        assert text[t.start : t.end] == t.text
    return found


def one(text: str, expression: str, dct: date | None = DCT) -> Timex:
    """The timex whose text is exactly ``expression`` (offsets checked against the text)."""
    hits = [t for t in tag(text, dct) if t.text == expression]
    assert hits, f"{expression!r} not tagged in {text!r}: {tag(text, dct)}"
    t = hits[0]
    assert t.start == text.index(expression) and t.end == t.start + len(expression)
    return t


# ---- the Palmyra story -------------------------------------------------------------------------------


def test_palmyra_on_sunday_is_the_day_before_a_monday_dct():
    t = one("Syrian troops recaptured Palmyra on Sunday, state media said.", "Sunday")
    assert (t.type, t.value) == ("DATE", "2016-03-27")


def test_palmyra_late_march_of_2016():
    t = one("The town fell back in late March of 2016 after weeks of fighting.", "late March of 2016")
    assert (t.type, t.value) == ("DATE", "2016-03")


def test_palmyra_nine_months_after_is_a_duration():
    text = "Government forces retook Palmyra nine months after they were chased out by Islamic State."
    t = one(text, "nine months")
    assert (t.type, t.value) == ("DURATION", "P9M")
    assert not any("after" in x.text for x in tag(text))


def test_earlier_this_month():
    t = one("Earlier this month, the army began its advance on the city.", "Earlier this month")
    assert (t.type, t.value) == ("DATE", "2016-03")


def test_last_week_is_the_iso_week_before_the_dct():
    t = one("Rebels shelled the airport last week.", "last week")
    assert t.value == "2016-W12"  # the DCT (2016-03-28) is in W13


def test_in_may_before_and_after_the_dct():
    assert one("The militants seized the town in May.", "May").value == "2015-05"
    assert one("Elections will be held in May.", "May").value == "2016-05"
    assert one("The militants seized the town in May.", "May", date(2016, 6, 2)).value == "2016-05"


def test_future_tense_sunday_is_the_next_one():
    t = one("The two sides will meet on Sunday in Geneva.", "Sunday")
    assert t.value == "2016-04-03"


def test_nearly_two_years_ago_keeps_the_modifier():
    t = one("The group captured Palmyra nearly two years ago.", "nearly two years ago")
    assert (t.type, t.value) == ("DATE", "2014")


def test_combined_palmyra_paragraph_offsets():
    text = (
        "DAMASCUS, March 28 - Syrian troops recaptured Palmyra on Sunday, nine months after they were "
        "chased out. Back in late March of 2016 the road was cut; earlier this month and last week the "
        "army advanced."
    )
    found = tag(text)
    got = {(t.text, t.value) for t in found}
    assert {("March 28", "2016-03-28"), ("Sunday", "2016-03-27"), ("nine months", "P9M"),
            ("late March of 2016", "2016-03"), ("earlier this month", "2016-03"), ("last week", "2016-W12")} <= got
    assert [t.start for t in found] == sorted(t.start for t in found)


# ---- absolute dates in news forms --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("It happened on March 27, 2016, officials said.", "March 27, 2016", "2016-03-27"),
        ("It happened on 27 March 2016.", "27 March 2016", "2016-03-27"),
        ("It happened on Mar. 27.", "Mar. 27", "2016-03-27"),
        ("The log is dated 2016-03-27.", "2016-03-27", "2016-03-27"),
        ("The log is dated 3/27/2016.", "3/27/2016", "2016-03-27"),
        ("In March 2016 the siege ended.", "March 2016", "2016-03"),
        ("The war began in 1998.", "1998", "1998"),
        ("Violence peaked in the 1990s.", "the 1990s", "199"),
        ("The plan dates from mid-2015.", "mid-2015", "2015"),
        ("Aid arrived on Friday, March 25.", "Friday, March 25", "2016-03-25"),
        ("The ceasefire starts at 10:30 a.m. on Tuesday.", "10:30 a.m. on Tuesday", "2016-03-29T10:30"),
        ("Results for the first quarter were weak.", "the first quarter", "2016-Q1"),
        ("He visited last summer.", "last summer", "2015-SU"),
        ("The convoy left Sunday morning.", "Sunday morning", "2016-03-27TMO"),
        ("Officials met this morning.", "this morning", "2016-03-28TMO"),
        ("Fighting resumed today; it had paused yesterday.", "yesterday", "2016-03-27"),
        ("Talks resume tomorrow.", "tomorrow", "2016-03-29"),
        ("The group has been active since the 20th century.", "the 20th century", "19"),
        ("Christmas Day 2015 was quiet.", "Christmas Day 2015", "2015-12-25"),
    ],
)
def test_absolute_and_relative_dates(text, expression, value):
    assert one(text, expression).value == value


@pytest.mark.parametrize(
    ("text", "expression", "type_", "value"),
    [
        ("The siege lasted three hours.", "three hours", "DURATION", "PT3H"),
        ("The conflict has gone on for a decade.", "a decade", "DURATION", "P10Y"),
        ("Talks could take several weeks.", "several weeks", "DURATION", "PXW"),
        ("He served twenty-five years in prison.", "twenty-five years", "DURATION", "P25Y"),
        ("It was a two-year campaign.", "two-year", "DURATION", "P2Y"),
        ("Inspectors visit every week.", "every week", "SET", "P1W"),
        ("Shelling is reported daily.", "daily", "SET", "P1D"),
        ("The group recently moved east.", "recently", "DATE", "PAST_REF"),
        ("The town is now under army control.", "now", "DATE", "PRESENT_REF"),
        ("They currently hold the airport.", "currently", "DATE", "PRESENT_REF"),
        ("The pact was signed two years ago.", "two years ago", "DATE", "2014"),
        ("The city fell three days earlier.", "three days", "DURATION", "P3D"),
        ("Output grew this year and last year.", "last year", "DATE", "2015"),
        ("A vote is due next month.", "next month", "DATE", "2016-04"),
    ],
)
def test_types_and_values(text, expression, type_, value):
    t = one(text, expression)
    assert (t.type, t.value) == (type_, value)


def test_a_datetime_dct_is_accepted():
    assert one("Rebels attacked on Sunday.", "Sunday", datetime(2016, 3, 28, 9, 30)).value == "2016-03-27"


# ---- no DCT: absolute values resolved, relative ones underspecified ---------------------------------------


def test_without_dct_nothing_is_invented():
    text = (
        "Troops recaptured Palmyra on Sunday, two years ago, last week and yesterday; in May the town was "
        "quiet. The siege lasted nine months. The treaty was signed on March 27, 2016 and in 1998."
    )
    found = {t.text: t.value for t in tag(text, None)}
    assert found["March 27, 2016"] == "2016-03-27"
    assert found["1998"] == "1998"
    assert found["nine months"] == "P9M"
    for expression in ("Sunday", "two years ago", "last week", "yesterday", "May"):
        value = found[expression]
        assert "X" in value or value.endswith("_REF"), (expression, value)
        assert not re.match(r"\d{4}", value), (expression, value)


def test_no_dct_month_day_keeps_month_and_day_only():
    assert one("It happened on Mar. 27.", "Mar. 27", None).value == "XXXX-03-27"


# ---- robustness ------------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))))
def test_never_raises_and_offsets_are_consistent(text, dct):
    for t in find_timexes(text, dct):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.value


_NEWSY = st.lists(
    st.sampled_from(
        ["on", "Sunday", "last", "week", "March", "27", ",", "2016", "three", "days", "ago", "the", "1990s",
         "nine", "months", "after", "10:30", "a.m.", "every", "year", "early", "next", "quarter", "first",
         "May", "-", "/", "12/3/2016", "twenty-five", "hours", "now", "recently", "the past", "2 1/2", "'80s",
         "mid-", "Q3", "fiscal", "a", "few", "until", "by", "will", "said", ".", "\n", "'s"]
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_NEWSY, st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31))))
def test_newsy_word_salad_is_consistent(text, dct):
    for t in find_timexes(text, dct):
        assert text[t.start : t.end] == t.text
        assert t.start < t.end


_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NUMBERS = ["two", "three", "five", "nine", "twelve", "twenty-one", "2", "3", "14"]


def _earliest_day(value: str) -> date | None:
    """The first day a DATE value covers (days, ISO weeks, months, years), None for other values."""
    m = re.match(r"^(\d{4})-W(\d\d)", value)
    if m:
        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
    if m:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    return None


@settings(max_examples=400, deadline=None)
@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31)),
    st.sampled_from(["last {wd}", "on {wd}", "{n} weeks ago", "{n} days ago", "yesterday", "{wd}", "last {wd} night"]),
    st.sampled_from(_WEEKDAYS),
    st.sampled_from(_NUMBERS),
    st.sampled_from(["Rebels attacked the town", "The army said it captured the base", "Officials met",
                     "The convoy was ambushed", "Police arrested two men"]),
)
def test_past_tense_relative_expressions_never_after_the_dct(dct, template, wd, n, clause):
    expression = template.format(wd=wd, n=n)
    text = f"{clause} {expression}, witnesses said."
    found = [t for t in find_timexes(text, dct) if t.text in expression or expression.endswith(t.text)]
    assert found, (text, find_timexes(text, dct))
    for t in found:
        day = _earliest_day(t.value)
        assert day is not None, (text, t)
        assert day <= dct, (text, dct, t)
        if re.fullmatch(r"\d{4}-\d\d-\d\d.*", t.value):
            assert day >= dct - timedelta(days=7 * 25), (text, dct, t)  # and not absurdly far back


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31)), st.sampled_from(_WEEKDAYS))
def test_future_tense_weekday_never_before_the_dct(dct, wd):
    text = f"The two delegations will meet on {wd} in Geneva."
    (t,) = [t for t in find_timexes(text, dct) if t.text == wd]
    assert dct <= date.fromisoformat(t.value) < dct + timedelta(days=7)


@pytest.mark.parametrize(
    "payload",
    [
        ("12/34/5678/" * 100_000)[:1_000_000],
        ("March " * 200_000)[:1_000_000],
        "1" * 1_000_000,
        ("/1/" * 400_000)[:1_000_000],
        ("March 3, " * 12_000)[:100_000],  # 11,111 real dates: linear, ~55 microseconds each
        ("a " * 500_000),
        " " * 1_000_000,
    ],
    ids=["digits-slashes", "march-march", "digits", "slash-digit", "march-3", "a-a-a", "spaces"],
)
def test_hostile_input_finishes_quickly(payload):
    t0 = time.perf_counter()
    find_timexes(payload, DCT)
    # ~0.2 s measured for each on one shared core; the bound leaves room for a loaded CI machine
    assert time.perf_counter() - t0 < 5.0


def test_dispatch_finds_what_a_full_scan_finds():
    """The first-word dispatcher must not lose any rule match a scan of the whole text would find."""
    from sitrep.dates.timex import find_timexes as fx

    text = (
        "In the weeks before the vote, which is scheduled for Nov. 6, the campaign spent $2 million a week. "
        "For the first nine months of 2012 and the year-earlier period, sales rose; the third-quarter loss "
        "narrowed. Over the past decade, post-1959 politics and the 1998-2002 crisis mattered; it lasted "
        "2 1/2 years, about three weeks, a couple of days and twenty-five hours. At 5 p.m. EST, Nov. 6, "
        "and at noon Thursday the deadline passes; earlier this week and late last year, every Monday."
    )
    assert fx(text, DCT) == fx(text, DCT, _full_scan=True)


def test_a_day_run_into_its_year_is_a_date() -> None:
    # Scrapes that drop the space between page elements: "Last updated at Jul 172015".
    found = [(t.text, t.value) for t in find_timexes("Last updated at Jul 172015 Barrel bombs fell.", None)]
    assert found == [("Jul 172015", "2015-07-17")]
    assert [t.value for t in find_timexes("on Jul 012016", None)] == ["2016-07-01"]


def test_a_dated_dateline_with_dashes_is_day_month_year() -> None:
    # Al-Manar opens its pages "21-02-2016 Three Terrorist Attacks …"; US "12-25-2015" still reads.
    assert [t.value for t in find_timexes("21-02-2016 Three blasts hit Damascus.", None)] == ["2016-02-21"]
    assert [t.value for t in find_timexes("06-01-2016 Mortars hit Damascus.", None)] == ["2016-01-06"]
    assert [t.value for t in find_timexes("Filed 12-25-2015 by staff.", None)] == ["2015-12-25"]
    assert find_timexes("The score was 10-12 and 3-4.", None) == []


def test_a_clock_time_is_no_year() -> None:
    values = lambda s: [t.value for t in find_timexes(s, None)]
    assert "2022" not in values("It struck at 1422 local time (2022 GMT) on Saturday.")
    live = "Rescue goes on.\n2057 In a moving report, a doctor spoke.\n2050 Aid arrived.\n2044 A company offered help.\n"
    assert not {"2057", "2050", "2044"} & set(values(live))
    # One line opening with a four-digit number is a year, as it is anywhere else.
    assert values("Storms hit.\n2008 Was the worst year for crops.") == ["2008"]
