"""The event taxonomy as data: ACLED's names, the schema, user files and their errors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sitrep.extract import classify
from sitrep.extract.taxonomy import BUILTIN, TaxonomyError, load_taxonomy

ACLED = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": [
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ],
    "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ],
}
TERRITORIAL = {
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
}
CASE_TYPES = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "eval" / "case2021_types.toml"


def test_builtin_has_acled_types_and_sub_types_by_exact_name():
    tax = load_taxonomy()
    assert list(tax.event_types) == list(ACLED)
    assert len(tax.event_types) == 6
    assert len(tax) == 25
    for parent, children in ACLED.items():
        assert tax.children(parent) == children
    assert all(sub.builtin for sub in tax)
    assert tax.user_types() == []


def test_builtin_entries_are_complete():
    tax = load_taxonomy()
    for sub in tax:
        assert sub.description and len(sub.description) > 30, sub.name
        assert sub.triggers, sub.name
        assert len(sub.examples) >= 3, sub.name
        assert sub.parent in tax.event_types
        assert sub.territorial == (sub.name in TERRITORIAL), sub.name
    lethal = {sub.name for sub in tax if sub.lethal}
    assert {"Armed clash", "Attack", "Air/drone strike", "Suicide bomb"} <= lethal
    assert not lethal & {"Peaceful protest", "Arrests", "Agreement", "Headquarters or base established"}


def test_builtin_file_is_plain_tomllib_toml():
    with BUILTIN.open("rb") as fh:
        doc = tomllib.load(fh)
    assert len(doc["event_type"]) == 6
    assert len(doc["sub_event_type"]) == 25


def _write(tmp_path: Path, text: str, name: str = "user.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


USER = """
[[event_type]]
name = "Cyber"
description = "Attacks on computer systems."

[[sub_event_type]]
name = "Cyber attack"
parent = "Cyber"
description = "Hackers break into or disable computer systems of a government or company."
triggers = ["hacker", "ransomware", "cyberattack", "cyber attack", "malware"]
strong = ["ransomware attack", "cyber attack"]
examples = ["Hackers shut down the ministry's website with a cyber attack."]

[[sub_event_type]]
name = "Election violence"
parent = "Violence against civilians"
description = "Violence against voters, candidates or polling staff around an election."
triggers = ["polling station", "ballot box", "voter"]
examples = ["Thugs attacked voters queueing at a polling station."]

[[extend]]
name = "Arrests"
triggers = ["collar"]
strong = ["frogmarch"]
"""


def test_user_file_adds_types_and_triggers(tmp_path: Path):
    tax = load_taxonomy([_write(tmp_path, USER)])
    assert len(tax) == 27
    assert tax.user_types() == ["Cyber attack", "Election violence"]
    assert tax.parent_of("Cyber attack") == "Cyber"
    assert tax.parent_of("Election violence") == "Violence against civilians"
    assert "collar" in tax["Arrests"].triggers and "frogmarch" in tax["Arrests"].strong
    assert tax.files[-1].endswith("user.toml")
    ranked = classify("Hackers crippled the port authority's systems in a ransomware attack.", taxonomy=tax)
    assert ranked[0][0] == "Cyber attack"
    ranked = classify("Police frogmarched the opposition leader out of his office.", taxonomy=tax)
    assert ranked[0][0] == "Arrests"
    # the built-in taxonomy is not changed by a user file
    assert "collar" not in load_taxonomy()["Arrests"].triggers


def test_case2021_types_load_as_a_user_file():
    tax = load_taxonomy([CASE_TYPES])
    assert len(tax) == 30
    assert set(tax.user_types()) == {
        "Organised crime",
        "Natural disaster",
        "Man-made disaster",
        "Diplomatic event",
        "Attribution",
    }


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (
            '[[sub_event_type]]\nname = "X"\nparent = "Wars"\ndescription = "d"\ntriggers = ["x"]\n',
            "unknown parent 'Wars'",
        ),
        (
            '[[sub_event_type]]\nname = "X"\nparent = "Battles"\ntriggers = ["x"]\n',
            "missing required field 'description'",
        ),
        (
            '[[sub_event_type]]\nname = "X"\nparent = "Battles"\ndescription = "d"\n',
            "missing required field 'triggers'",
        ),
        (
            '[[sub_event_type]]\nname = "Armed clash"\nparent = "Battles"\ndescription = "d"\ntriggers = ["x"]\n',
            "duplicate sub-event type name",
        ),
        ('[[event_type]]\nname = "Battles"\ndescription = "again"\n', "duplicate event type name"),
        (
            '[[sub_event_type]]\nname = "X"\nparent = "Battles"\ndescription = "d"\ntriggers = ["x"]\ncolour = "red"\n',
            "unknown key(s) 'colour'",
        ),
        ('[[sub_event_type]]\nname = "X"\nparent = "Battles"\ndescription = "d"\ntriggers = []\n', "at least one"),
        ('[[sub_event_type]]\nname = "X"\nparent = "Battles"\ndescription = "d"\ntriggers = "x"\n', "list of strings"),
        (
            '[[sub_event_type]]\nname = "X"\nparent = "Battles"\ndescription = "d"\ntriggers = ["x"]\nlethal = "yes"\n',
            "'lethal' must be true or false",
        ),
        ('[[extend]]\nname = "Battle royale"\ntriggers = ["x"]\n', "no such sub-event type to extend"),
        ('[[extend]]\nname = "Arrests"\n', "nothing to add"),
        ('[[extend]]\nname = "Arrests"\noutranks = ["Nothing"]\n', "outranks unknown sub-event type 'Nothing'"),
        (
            '[[sub_event_type]]\nname = "X"\nparent = "Battles"\ndescription = "d"\ntriggers = ["... x"]\n',
            "may not start or end with a wildcard",
        ),
        ('sub_event_type = "oops"\n', "array of tables"),
        ("[[sub_event_type]\nname = 1\n", "not valid TOML"),
    ],
)
def test_bad_user_files_fail_with_clear_errors(tmp_path: Path, text: str, needle: str):
    path = _write(tmp_path, text, "bad.toml")
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy([path])
    message = str(info.value)
    assert needle in message
    assert "bad.toml" in message


def test_missing_user_file_is_a_taxonomy_error(tmp_path: Path):
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy([tmp_path / "nope.toml"])


def test_non_utf8_user_file(tmp_path: Path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('[[event_type]]\nname = "Caf\xe9"\ndescription = "x"\n'.encode("latin-1"))
    with pytest.raises(TaxonomyError, match="not UTF-8"):
        load_taxonomy([path])
