"""The event taxonomy as data: ACLED's 6 event types and 25 sub-event types, plus user types.

The built-in taxonomy is ``sitrep/data/taxonomy.toml``. A user file uses the same schema and is merged
on top of it by ``load_taxonomy(extra=[path, ...])``; nothing in the code has to change to add a type.

Schema (every list is optional unless marked *required*)::

    [[event_type]]                  # a parent (top-level) type
    name = "Battles"                # required, unique
    description = "..."             # required

    [[sub_event_type]]              # a type the classifier can return
    name = "Armed clash"            # required, unique over all sub-event types
    parent = "Battles"              # required: an event_type of this file or of a file loaded before
    description = "..."             # required: one or two sentences in plain words
    triggers = ["clash", ...]       # required, non-empty: words/phrases that suggest the type (weight 1)
    strong = ["gun battle", ...]    # phrases that all but decide the type on their own (weight 3)
    negative = ["protester", ...]   # cues that make the type unlikely (its score is damped)
    examples = ["...", ...]         # short sentences of the type (documentation, tests, embeddings)
    outranks = ["Attack", ...]      # when this type has a strong match, these types are damped
                                    # (a grenade attack on villagers is a Grenade event, not an Attack);
                                    # names defined in this file or in one loaded before it
    territorial = false             # does the event change who controls a place
    lethal = true                   # does the event usually involve deaths or injuries

    [[extend]]                      # user files only: add vocabulary to a type loaded before
    name = "Arrests"                # required: an existing sub-event type
    triggers = ["nab"]              # any of triggers / strong / negative / examples / outranks
    strong = [...]

Trigger syntax: lower-case words separated by spaces, each matched against the word, its lemma and a
light stem (so "seize" matches "seized", "seizing", "seizes"); ``*`` stands for exactly one word and
``...`` for up to four words (``"intercept ... missile"``); a word written ``=word`` matches only that
exact (lower-cased) word, unstemmed. Hyphens and other punctuation are word breaks ("sit-in" is the
phrase "sit in").

Errors are raised as ``TaxonomyError`` with the file and the entry named.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "BUILTIN",
    "EventType",
    "SubEventType",
    "Taxonomy",
    "TaxonomyError",
    "load_taxonomy",
]

BUILTIN = Path(__file__).resolve().parents[1] / "data" / "taxonomy.toml"

_EVENT_KEYS = {"name", "description"}
_SUB_REQUIRED = ("name", "parent", "description", "triggers")
_SUB_LISTS = ("triggers", "strong", "negative", "examples", "outranks")
_SUB_KEYS = {"name", "parent", "description", "territorial", "lethal", *_SUB_LISTS}
_EXTEND_KEYS = {"name", *_SUB_LISTS}
_TOP_KEYS = {"schema", "event_type", "sub_event_type", "extend"}


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used: the message names the file, the entry and the problem."""


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    description: str
    source: str = ""


@dataclass(slots=True)
class SubEventType:
    name: str
    parent: str
    description: str
    triggers: list[str]
    strong: list[str] = field(default_factory=list)
    negative: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    outranks: list[str] = field(default_factory=list)
    territorial: bool = False
    lethal: bool = False
    source: str = ""  # the file that defined it
    builtin: bool = False  # one of ACLED's 25


@dataclass(slots=True)
class Taxonomy:
    event_types: dict[str, EventType]
    sub_event_types: dict[str, SubEventType]
    files: list[str] = field(default_factory=list)

    def __contains__(self, name: object) -> bool:
        return name in self.sub_event_types

    def __getitem__(self, name: str) -> SubEventType:
        return self.sub_event_types[name]

    def __iter__(self):
        return iter(self.sub_event_types.values())

    def __len__(self) -> int:
        return len(self.sub_event_types)

    def names(self) -> list[str]:
        return list(self.sub_event_types)

    def parent_of(self, name: str) -> str:
        return self.sub_event_types[name].parent

    def children(self, parent: str) -> list[str]:
        return [s.name for s in self.sub_event_types.values() if s.parent == parent]

    def user_types(self) -> list[str]:
        return [s.name for s in self.sub_event_types.values() if not s.builtin]

    def fingerprint(self) -> tuple:
        """A hashable summary of everything the classifier compiles (to cache compiled matchers)."""
        return tuple(
            (s.name, s.parent, tuple(s.triggers), tuple(s.strong), tuple(s.negative), tuple(s.outranks)) for s in self
        )


def _fail(source: str, where: str, problem: str) -> TaxonomyError:
    return TaxonomyError(f"{source}: {where}: {problem}")


def _text(entry: dict, key: str, source: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, where, f"'{key}' must be a non-empty string")
    return value.strip()


def _str_list(entry: dict, key: str, source: str, where: str, *, required: bool = False) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(source, where, f"'{key}' must be a list of strings")
    out = [v.strip() for v in value if v.strip()]
    if required and not out:
        raise _fail(source, where, f"'{key}' must list at least one entry")
    return out


def _flag(entry: dict, key: str, source: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise _fail(source, where, f"'{key}' must be true or false")
    return value


def _tables(doc: dict, key: str, source: str) -> list[dict]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _fail(source, key, f"use [[{key}]] tables (an array of tables)")
    return value


def _unknown_keys(entry: dict, allowed: set[str], source: str, where: str) -> None:
    extra = sorted(set(entry) - allowed)
    if extra:
        raise _fail(
            source, where, f"unknown key(s) {', '.join(map(repr, extra))}; allowed: {', '.join(sorted(allowed))}"
        )


def _read(path: Path) -> dict:
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TaxonomyError(f"{source}: cannot read taxonomy file ({exc.strerror or exc})") from exc
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise TaxonomyError(f"{source}: not UTF-8 text ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{source}: not valid TOML ({exc})") from exc


def _check_outranks(tax: Taxonomy, names: Iterable[str], source: str) -> None:
    """``outranks`` must name known types (defined in this file or loaded before it)."""
    for name in names:
        for other in tax.sub_event_types[name].outranks:
            if other not in tax.sub_event_types:
                raise TaxonomyError(f"{source}: sub_event_type {name!r}: outranks unknown sub-event type {other!r}")
            if other == name:
                raise TaxonomyError(f"{source}: sub_event_type {name!r}: a type cannot outrank itself")


def _merge(tax: Taxonomy, doc: dict, source: str, *, builtin: bool) -> None:
    _unknown_keys(doc, _TOP_KEYS, source, "top level")
    if builtin and doc.get("extend"):
        raise _fail(source, "extend", "the built-in taxonomy cannot extend itself")
    for i, entry in enumerate(_tables(doc, "event_type", source)):
        where = f"[[event_type]] #{i + 1}"
        _unknown_keys(entry, _EVENT_KEYS, source, where)
        name = _text(entry, "name", source, where)
        where = f"event_type {name!r}"
        if name in tax.event_types:
            raise _fail(source, where, f"duplicate event type name (already defined in {tax.event_types[name].source})")
        tax.event_types[name] = EventType(name, _text(entry, "description", source, where), source)
    touched: list[str] = []
    for i, entry in enumerate(_tables(doc, "sub_event_type", source)):
        where = f"[[sub_event_type]] #{i + 1}"
        _unknown_keys(entry, _SUB_KEYS, source, where)
        for key in _SUB_REQUIRED:
            if key not in entry:
                label = f"{where} ({entry['name']!r})" if isinstance(entry.get("name"), str) else where
                raise _fail(source, label, f"missing required field '{key}' (required: {', '.join(_SUB_REQUIRED)})")
        name = _text(entry, "name", source, where)
        where = f"sub_event_type {name!r}"
        if name in tax.sub_event_types:
            hint = " (use [[extend]] to add triggers to it)" if not builtin else ""
            raise _fail(
                source,
                where,
                f"duplicate sub-event type name (already defined in {tax.sub_event_types[name].source}){hint}",
            )
        parent = _text(entry, "parent", source, where)
        if parent not in tax.event_types:
            raise _fail(
                source, where, f"unknown parent {parent!r}; known event types: {', '.join(sorted(tax.event_types))}"
            )
        tax.sub_event_types[name] = SubEventType(
            name=name,
            parent=parent,
            description=_text(entry, "description", source, where),
            triggers=_str_list(entry, "triggers", source, where, required=True),
            strong=_str_list(entry, "strong", source, where),
            negative=_str_list(entry, "negative", source, where),
            examples=_str_list(entry, "examples", source, where),
            outranks=_str_list(entry, "outranks", source, where),
            territorial=_flag(entry, "territorial", source, where),
            lethal=_flag(entry, "lethal", source, where),
            source=source,
            builtin=builtin,
        )
        touched.append(name)
    for i, entry in enumerate(_tables(doc, "extend", source)):
        where = f"[[extend]] #{i + 1}"
        _unknown_keys(entry, _EXTEND_KEYS, source, where)
        name = _text(entry, "name", source, where)
        where = f"extend {name!r}"
        if name not in tax.sub_event_types:
            raise _fail(source, where, "no such sub-event type to extend (define it with [[sub_event_type]])")
        target = tax.sub_event_types[name]
        touched.append(name)
        added = False
        for key in _SUB_LISTS:
            values = _str_list(entry, key, source, where)
            if values:
                added = True
                current = getattr(target, key)
                current.extend(v for v in values if v not in current)
        if not added:
            raise _fail(source, where, f"nothing to add: give at least one of {', '.join(_SUB_LISTS)}")
    _check_outranks(tax, touched, source)


def _check_triggers(tax: Taxonomy) -> None:
    for sub in tax:
        for key in ("triggers", "strong", "negative"):
            for phrase in getattr(sub, key):
                words = phrase.split()
                if all(w in ("*", "...") for w in words):
                    raise TaxonomyError(
                        f"{sub.source}: sub_event_type {sub.name!r}: {key} entry {phrase!r} has no word to match"
                    )
                if words[0] in ("*", "...") or words[-1] in ("*", "..."):
                    raise TaxonomyError(
                        f"{sub.source}: sub_event_type {sub.name!r}: {key} entry {phrase!r} "
                        "may not start or end with a wildcard"
                    )


def load_taxonomy(extra: Sequence[Path] | Iterable[Path] = (), *, builtin: Path | None = None) -> Taxonomy:
    """The built-in ACLED taxonomy merged with the user files in ``extra`` (in order).

    A user file may define new event types and sub-event types (same schema as the built-in file) and
    add vocabulary to existing sub-event types with ``[[extend]]``. Raises ``TaxonomyError`` for a file
    that cannot be read or parsed, an unknown key or parent, a missing field or a duplicate name.
    """
    tax = Taxonomy({}, {})
    base = Path(builtin) if builtin is not None else BUILTIN
    _merge(tax, _read(base), str(base), builtin=True)
    tax.files.append(str(base))
    for path in extra:
        path = Path(path)
        _merge(tax, _read(path), str(path), builtin=False)
        tax.files.append(str(path))
    for name, event in tax.event_types.items():
        if not tax.children(name) and event.source == str(base):
            raise TaxonomyError(f"{base}: event_type {name!r} has no sub-event type")
    _check_triggers(tax)
    return tax
