"""The people an article names with an age (``sitrep.extract.people``)."""

from __future__ import annotations

import pytest

from sitrep.extract.people import named_people, person_key


@pytest.mark.parametrize(("text", "names"), [
    ("Tyshawn Lee, 9, was shot in an alley.", ["Tyshawn Lee"]),
    ("Police say an arrest was made in the murder of 9-year-old Tyshawn Lee.", ["Tyshawn Lee"]),
    ("20-year-old Neely Gardner of Galliano is charged in the fatal shooting of 15-year-old Braxton Bourda.",
     ["Neely Gardner", "Braxton Bourda"]),
    ("Vincent Holt Jr., 27, was shot eight times.", ["Vincent Holt Jr."]),
    ("The coroner identified the victim as John A. Smith.", ["John A. Smith"]),
    # Spokespeople are named without an age; dates and places are no people.
    ("Officer Anthony Guglielmi said the man was shot.", []),
    ("On Saturday March 15, 2016 police were called.", []),
    ("A man from West Allis, 23, was hurt.", []),
])
def test_names_with_an_age(text: str, names: list[str]) -> None:
    assert [p.text for p in named_people(text)] == names
    for p in named_people(text):
        assert text[p.start:p.end] == p.text


def test_a_person_is_one_key_however_written() -> None:
    assert person_key("John A. Smith Jr.") == person_key("John Smith") == ("john", "smith")
    assert person_key("Saturday March") is None
    # Named twice, a person is listed once, at the first naming.
    [p] = named_people("Tyshawn Lee, 9, died. Friends of 9-year-old Tyshawn Lee gathered.")
    assert p.start == 0
