"""Who did it, to whom, where: sitrep's actors and places against gold event arguments.

    sitrep eval arguments --data ../shared/data/wikievents
    sitrep eval arguments --data ../shared/data/rams

Data (``SOURCE.txt`` in each folder describes it). ``data`` is either folder, or one file in it
(then only that split is scored); the dataset is told by its files.

* **WikiEvents** (``dev.jsonl``, ``test.jsonl``; KAIROS ontology ``event_role_KAIROS.json``; entity
  coreference ``coref/{dev,test}.jsonlines``): whole English news articles, each a list of
  sentences whose tokens carry character offsets into the sentence's text. Triggers and arguments
  (``entity_mentions``) are token spans over the document's tokens.
* **RAMS** 1.0 (``dev.jsonlines``, ``test.jsonlines``; role inventory ``meta.json``): five-sentence
  windows of English news, tokenised, one annotated event per window, arguments as inclusive token
  spans (often in another sentence than the trigger). Each window is scored as one document.

The text sitrep reads. WikiEvents gives the sentences' own text; RAMS only tokens, which are joined
back with ordinary English spacing (no space before ``, . : ; ) 's n't``, none after ``( $ “``,
hyphens joined: ``pro - regime`` → ``pro-regime``). Sentences are joined with a space when the
previous one ends in sentence punctuation and with a line break when it does not (headlines,
captions: a page shows them on their own line), so sitrep's own sentence splitter does the
splitting as on any article. Every gold token keeps its character span in that text.

Which events. A gold event is *attack-like* when its type is in the ``Conflict.Attack``,
``Life.Die`` or ``Life.Injure`` family **and** its type's roles in the dataset's ontology include
an agent (Attacker, Killer or Injurer): someone harmed someone. So, WikiEvents:
``Conflict.Attack.*``, ``Life.Die.Unspecified`` (has Killer), ``Life.Injure.Unspecified`` (has
Injurer); RAMS: every ``conflict.attack.*``, ``life.die.deathcausedbyviolentevents``,
``life.injure.injurycausedbyviolentevents`` and ``life.injure.n/a``, but not ``life.die.n/a``,
``life.die.nonviolentdeath`` nor the illness types, which have no agent role. Protests, arrests
and crimes (``GenericCrime``: Perpetrator) are not attacks. Roles (RAMS's ``evt005arg01attacker``
read as ``attacker``): Attacker, Killer, Injurer → ``attacker``; Target, Victim → ``target``;
Place → ``place``; the rest (Instrument, ExplosiveDevice, ...) are not scored.

How sitrep is run. Each document becomes an ``Article`` as ``sitrep events --raw --dct`` makes one
(the text as given, empty title), dated ``DCT`` (neither dataset has publication dates; dates are not
scored), then the spine's extraction (``spine.extract_document``: ``find_places`` then ``extract``).
Each mention records where its actor1, actor2 and place were read (``Mention.evidence``: document
offsets of the words ``extract`` normalised, the preposition of "by IS" / "from IS" left out);
those spans are the predictions. A location taken from outside the sentence (the article's main
place) has no evidence in the sentence: its first mention in the article stands for it.

Alignment. A gold event is aligned to the sitrep mention whose sentence contains the start of its
trigger (there is at most one mention per sentence; several gold events can share it). Then
actor1 ↔ attacker, actor2 ↔ target, location ↔ place.

Scoring, per role, micro-averaged over events. ``gold``: the distinct gold arguments of the role;
``predicted``: one per event where the system names the role; ``correct``: events where the
prediction matches one of the gold arguments (at most one per event, so ``correct ≤ predicted``).
A gold event with no aligned mention keeps its gold arguments (missed: recall) and predicts
nothing; predictions count against precision only on aligned events (sitrep mentions of sentences
without an attack-like gold event are not arguments of anything here). A match is:

* ``overlap``: the predicted and gold character spans share a character;
* ``head``: the gold span's head token lies (partly) inside the predicted span; the head is the last
  token before the span's first post-modifier (a preposition, relative pronoun, comma, dash or
  bracket after its first token): "a major general in the Russian army" → "general";
* ``head_to_head`` (stricter): the prediction's own head, found by the same rule, overlaps that
  gold head token, so a long phrase is not right merely for containing the gold word somewhere; a
  place name, and every entity of the baseline, is its own head;
* ``coref`` (WikiEvents only): the prediction overlaps any mention of the gold argument's entity
  in the dataset's coreference clusters ("he" for "Gladkikh").

Baseline, in the same run, on the same sentence (sitrep's splitter; the gold sentence when the
trigger falls in no sentence the splitter keeps) with the same spaCy pipeline's entities
(``sitrep.nlp.get_nlp()``): attacker = the nearest PERSON/ORG/NORP entity ending before the trigger,
target = the nearest such entity starting after it, place = the GPE/LOC/FAC entity nearest the
trigger on either side. It names something for every event, aligned or not; ``aligned_only``
gives both systems on the events sitrep aligned, the fair comparison of argument reading alone.

Splits: ``dev`` and ``test``, scored separately; ``test`` is held back (nothing in sitrep was tuned
on it, and this file's rules were written looking at ``dev`` only). ``limit`` takes that many
documents per split file, spread evenly over it (RAMS: over its windows with an attack-like event).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sitrep.eval import spread

__all__ = [
    "DCT",
    "ROLES",
    "GoldArg",
    "GoldDoc",
    "GoldEvent",
    "Pred",
    "Tally",
    "attack_like",
    "detokenize",
    "evaluate",
    "head_token",
    "layout",
    "load_rams",
    "load_wikievents",
    "matches",
    "nearest_entity",
    "scored_role",
]

# The publication date given to every document: neither dataset has one and the date resolver
# needs an anchor. Any day does, since dates are not scored; 2020-01-01 is after every article.
DCT = "2020-01-01"
ROLES = ("attacker", "target", "place")
# Gold role names (lower case, RAMS's "evtNNNargNN" prefix removed) → the role scored.
ROLE_MAP = {
    "attacker": "attacker", "killer": "attacker", "injurer": "attacker",
    "target": "target", "victim": "target",
    "place": "place",
}
FAMILIES = ("conflict.attack", "life.die", "life.injure")
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Tokens that end a noun phrase's head and start a post-modifier (for the ``head`` match).
_POSTMODIFIERS = frozenset({
    "of", "in", "at", "on", "near", "from", "with", "by", "for", "to", "into",
    "who", "whom", "whose", "which", "that", ",", "(", "[", "--", "–", "—", ":", ";",
})
# Tokens written without a space before / after them when RAMS's tokens are joined back into text.
_NO_SPACE_BEFORE = frozenset({
    ",", ".", ":", ";", "!", "?", "%", ")", "]", "}", "...", "…", "....", "”", "’", "''",
    "'s", "’s", "'S", "’S", "n't", "n’t", "N'T", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "#", "“", "‘", "``"})
_JOINERS = frozenset({"-", "/"})  # "pro - regime", "and / or": RAMS splits these off words
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
EXAMPLES_PER_ROLE = 3  # sitrep's errors shown per role and split, from different documents
MODES = ("overlap", "head", "head_to_head")


# ---------------------------------------------------------------------------------------------
# records


class Pred(NamedTuple):
    """A predicted argument: its character span and the span of its head word (for a named
    entity, the whole name)."""

    start: int
    end: int
    head_start: int
    head_end: int

    @classmethod
    def name(cls, start: int, end: int) -> Pred:
        return cls(start, end, start, end)


UNLOCATED = Pred(-1, -1, -1, -1)  # an argument predicted whose words could not be found: never matches


@dataclass(frozen=True, slots=True)
class GoldArg:
    role: str  # attacker | target | place
    start: int  # character offsets into the document text
    end: int
    head: tuple[int, int]  # the head token's character span
    text: str
    cluster: tuple[tuple[int, int], ...] = ()  # spans of every mention of the same entity (coref)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    type: str
    trigger: tuple[int, int]
    sentence: tuple[int, int]  # the gold sentence holding the trigger
    args: tuple[GoldArg, ...]


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    events: tuple[GoldEvent, ...]
    has_coref: bool = False


@dataclass(slots=True)
class Tally:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    def add(self, g: int, p: int, c: int) -> None:
        self.gold += g
        self.predicted += p
        self.correct += c

    def as_dict(self) -> dict:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"gold": self.gold, "predicted": self.predicted, "correct": self.correct,
                "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# ---------------------------------------------------------------------------------------------
# roles, text layout, matching


def gold_role(role: str) -> str | None:
    """The scored role of a gold role name, or None: ``Killer`` → attacker, ``evt090arg02victim`` → target."""
    return ROLE_MAP.get(re.sub(r"^evt\d+arg\d+", "", role.strip().lower()))


def attack_like(event_type: str, roles: Iterable[str]) -> bool:
    """True for a Conflict.Attack / Life.Die / Life.Injure type whose ontology roles include an agent."""
    family = ".".join(event_type.lower().split(".")[:2])
    return family in FAMILIES and any(gold_role(r) == "attacker" for r in roles)


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Tokens joined into text with English spacing, and each token's character span in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    quote_open = False
    glue_next = True  # no space before the first token
    for tok in tokens:
        glue = glue_next
        glue_next = False
        if tok == '"':
            if quote_open:
                glue = True  # closing quote
            else:
                glue_next = True  # opening quote
            quote_open = not quote_open
        elif tok in _NO_SPACE_BEFORE:
            glue = True
        elif tok in _JOINERS and spans:
            glue = glue_next = True
        if tok in _NO_SPACE_AFTER:
            glue_next = True
        if not glue:
            parts.append(" ")
            pos += 1
        parts.append(tok)
        spans.append((pos, pos + len(tok)))
        pos += len(tok)
    return "".join(parts), spans


def layout(sentences: list[tuple[str, list[tuple[int, int]]]]) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Sentences (text, token spans within it) joined into one text: a space after a sentence that
    ends in sentence punctuation, a line break after one that does not. Returns the text, every
    token's span in it (in order) and every sentence's span."""
    chunks: list[str] = []
    tokens: list[tuple[int, int]] = []
    sents: list[tuple[int, int]] = []
    pos = 0
    for i, (text, spans) in enumerate(sentences):
        if i:
            sep = " " if _SENTENCE_END.search(chunks[-1].rstrip()) else "\n"
            chunks.append(sep)
            pos += 1
        chunks.append(text)
        tokens.extend((pos + s, pos + e) for s, e in spans)
        sents.append((pos, pos + len(text)))
        pos += len(text)
    return "".join(chunks), tokens, sents


def head_token(words: list[str]) -> int:
    """Index of the head of a noun phrase: the last word before its first post-modifier."""
    for i, w in enumerate(words):
        if i and w.lower() in _POSTMODIFIERS:
            return max(i - 1, 0)
    return len(words) - 1


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def matches(pred: Pred, arg: GoldArg, mode: str) -> bool:
    """Whether a prediction matches a gold argument under ``mode`` (overlap, head, head_to_head, coref)."""
    if pred == UNLOCATED:
        return False
    span = (pred.start, pred.end)
    if mode == "head":
        return _overlap(span, arg.head)
    if mode == "head_to_head":
        return _overlap((pred.head_start, pred.head_end), arg.head)
    if mode == "coref":
        return _overlap(span, (arg.start, arg.end)) or any(_overlap(span, m) for m in arg.cluster)
    return _overlap(span, (arg.start, arg.end))


def scored_role(pred: Pred | None, gold: list[GoldArg], mode: str) -> tuple[int, int, int]:
    """(gold, predicted, correct) for one event and role."""
    p = 1 if pred is not None else 0
    c = 1 if pred is not None and any(matches(pred, a, mode) for a in gold) else 0
    return len(gold), p, c


# ---------------------------------------------------------------------------------------------
# loading


def _read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _ontology_wikievents(folder: Path) -> dict[str, list[str]]:
    path = folder / "event_role_KAIROS.json"
    if not path.is_file():
        return {}
    return {t: list(v.get("roles", [])) for t, v in json.loads(path.read_text(encoding="utf-8")).items()}


def _ontology_rams(folder: Path) -> dict[str, list[str]]:
    path = folder / "meta.json"
    if not path.is_file():
        return {}
    return {t: list(roles) for t, roles in json.loads(path.read_text(encoding="utf-8"))}


def _roles_seen(records: list[tuple[str, list[str]]]) -> dict[str, set[str]]:
    """Roles found in the data per type: the ontology's stand-in for types it does not list."""
    seen: dict[str, set[str]] = defaultdict(set)
    for t, roles in records:
        seen[t].update(roles)
    return seen


def _type_ok(t: str, ontology: dict[str, list[str]], seen: dict[str, set[str]]) -> bool:
    return attack_like(t, ontology.get(t) or seen.get(t, ()))


def _arg(role: str, tok: list[tuple[int, int]], words: list[str], start: int, end: int, text: str,
         cluster: tuple[tuple[int, int], ...] = ()) -> GoldArg:
    """A gold argument over tokens [start, end)."""
    h = start + head_token(words[start:end])
    return GoldArg(role=role, start=tok[start][0], end=tok[end - 1][1], head=tok[h], text=text, cluster=cluster)


def load_wikievents(path: Path, *, only_attacks: bool = True) -> list[GoldDoc]:
    """The documents of a WikiEvents file, with their attack-like events (or all, with the flag off)."""
    path = Path(path)
    folder = path.parent
    ontology = _ontology_wikievents(folder)
    coref_path = folder / "coref" / f"{path.stem}.jsonlines"
    clusters: dict[str, dict[str, list[str]]] = {}
    if coref_path.is_file():
        for row in _read_jsonl(coref_path):
            by_id: dict[str, list[str]] = {}
            for cl in row.get("clusters", []):
                for mid in cl:
                    by_id[mid] = cl
            clusters[row["doc_key"]] = by_id
    rows = list(_read_jsonl(path))
    seen = _roles_seen([(e["event_type"], [a["role"] for a in e.get("arguments", [])])
                        for r in rows for e in r.get("event_mentions", [])])
    docs = []
    for row in rows:
        sentences = []
        for sent_tokens, sent_text in row["sentences"]:
            base = sent_tokens[0][1] if sent_tokens else 0
            sentences.append((sent_text, [(s - base, e - base) for _, s, e in sent_tokens]))
        text, tok, sent_spans = layout(sentences)
        words = [w for sent_tokens, _ in row["sentences"] for w, _, _ in sent_tokens]
        sent_of = [i for i, (sent_tokens, _) in enumerate(row["sentences"]) for _ in sent_tokens]
        entities = {m["id"]: m for m in row.get("entity_mentions", [])}
        doc_clusters = clusters.get(row["doc_id"], {})
        events = []
        for ev in row.get("event_mentions", []):
            if only_attacks and not _type_ok(ev["event_type"], ontology, seen):
                continue
            trig = ev["trigger"]
            args = []
            got: set[tuple[str, int, int]] = set()
            for a in ev.get("arguments", []):
                role = gold_role(a["role"])
                ent = entities.get(a["entity_id"])
                if role is None or ent is None or (role, ent["start"], ent["end"]) in got:
                    continue
                got.add((role, ent["start"], ent["end"]))
                cluster = tuple(
                    (tok[m["start"]][0], tok[m["end"] - 1][1])
                    for mid in doc_clusters.get(a["entity_id"], ())
                    if (m := entities.get(mid)) is not None
                )
                args.append(_arg(role, tok, words, ent["start"], ent["end"], ent.get("text", a.get("text", "")), cluster))
            events.append(GoldEvent(
                id=ev["id"], type=ev["event_type"],
                trigger=(tok[trig["start"]][0], tok[trig["end"] - 1][1]),
                sentence=sent_spans[sent_of[trig["start"]]], args=tuple(args),
            ))
        docs.append(GoldDoc(id=row["doc_id"], text=text, events=tuple(events), has_coref=bool(doc_clusters)))
    return docs


def load_rams(path: Path, *, only_attacks: bool = True) -> list[GoldDoc]:
    """The windows of a RAMS file as documents (with ``only_attacks``, only those whose event is attack-like)."""
    path = Path(path)
    ontology = _ontology_rams(path.parent)
    rows = list(_read_jsonl(path))
    seen = _roles_seen([(r["evt_triggers"][0][2][0][0], [link[2] for link in r.get("gold_evt_links", [])])
                        for r in rows if r.get("evt_triggers")])
    docs = []
    for row in rows:
        if not row.get("evt_triggers"):
            continue
        t_start, t_end, types = row["evt_triggers"][0]
        etype = types[0][0]
        if only_attacks and not _type_ok(etype, ontology, seen):
            continue
        text, tok, sent_spans = layout([detokenize(s) for s in row["sentences"]])
        words = [w for s in row["sentences"] for w in s]
        sent_of = [i for i, s in enumerate(row["sentences"]) for _ in s]
        args = []
        got: set[tuple[str, int, int]] = set()
        for trig, (a_start, a_end), role_name in row.get("gold_evt_links", []):
            role = gold_role(role_name)
            if role is None or (role, a_start, a_end) in got:
                continue
            got.add((role, a_start, a_end))
            args.append(_arg(role, tok, words, a_start, a_end + 1, " ".join(words[a_start:a_end + 1])))
        event = GoldEvent(id=row["doc_key"], type=etype, trigger=(tok[t_start][0], tok[t_end][1]),
                          sentence=sent_spans[sent_of[t_start]], args=tuple(args))
        docs.append(GoldDoc(id=row["doc_key"], text=text, events=(event,)))
    return docs


def _dataset(data: Path) -> tuple[str, list[Path]]:
    """("wikievents" | "rams", the split files to score)."""
    data = Path(data)
    folder = data if data.is_dir() else data.parent
    if data.is_file():
        files = [data]
    else:
        files = [p for p in (folder / n for n in ("dev.jsonl", "test.jsonl", "dev.jsonlines", "test.jsonlines"))
                 if p.is_file()]
    if not files:
        raise FileNotFoundError(f"no dev/test file of WikiEvents (.jsonl) or RAMS (.jsonlines) in {data}")
    if (folder / "event_role_KAIROS.json").is_file() or files[0].suffix == ".jsonl":
        return "wikievents", files
    return "rams", files


# ---------------------------------------------------------------------------------------------
# the systems


def _article(doc: GoldDoc):
    from sitrep.dates.pubdate import date_article
    from sitrep.ids import content_hash
    from sitrep.records import Article

    # As ``sitrep events --raw --dct`` builds it (sitrep.pipeline._texts / _dated_texts).
    article = Article(id=doc.id, source=doc.id, title="", text=doc.text, content_hash=content_hash("", doc.text))
    return date_article(article, dct=DCT)


def _extract(article) -> tuple[list, list]:
    """``spine.extract_document``'s two calls, made here so the places (with offsets) are kept."""
    from sitrep.extract.mentions import extract
    from sitrep.geocode import find_places

    places = find_places(article.text, demonyms=False)
    return list(extract(article, places=places)), places


def _phrase(evidence: dict | None) -> Pred | None:
    """A recorded actor span as a prediction, with its head word (the rule gold heads follow)."""
    if not evidence:
        return None
    words = list(re.finditer(r"\S+", evidence["text"]))
    if not words:
        return Pred.name(evidence["start"], evidence["end"])
    head = words[head_token([w.group() for w in words])]
    return Pred(evidence["start"], evidence["end"], evidence["start"] + head.start(), evidence["start"] + head.end())


def _place_span(mention, places: list) -> Pred | None:
    loc = mention.location
    if not loc or not loc.get("geonameid"):
        return None
    if (at := (mention.evidence or {}).get("place")) and at.get("in") != "title":
        return Pred.name(at["start"], at["end"])
    same = [p for p in places if p.geonameid == loc["geonameid"]]
    inside = [p for p in same if mention.start <= p.start < mention.end]
    hit = (inside or same or [None])[0]
    return Pred.name(hit.start, hit.end) if hit else UNLOCATED


def nearest_entity(ents: list[tuple[int, int, str]], trigger: tuple[int, int]) -> dict[str, Pred | None]:
    """The baseline's three guesses from entities (start, end, label) of the trigger's sentence;
    a name is its own head."""
    actors = [(s, e) for s, e, lab in ents if lab in ACTOR_LABELS and not _overlap((s, e), trigger)]
    before = [x for x in actors if x[1] <= trigger[0]]
    after = [x for x in actors if x[0] >= trigger[1]]
    places = [(s, e) for s, e, lab in ents if lab in PLACE_LABELS and not _overlap((s, e), trigger)]
    dist = lambda x: x[0] - trigger[1] if x[0] >= trigger[1] else trigger[0] - x[1]
    pick = {
        "attacker": max(before, key=lambda x: x[1]) if before else None,
        "target": min(after, key=lambda x: x[0]) if after else None,
        "place": min(places, key=dist) if places else None,
    }
    return {role: Pred.name(*x) if x else None for role, x in pick.items()}


# ---------------------------------------------------------------------------------------------
# the run


@dataclass
class _Split:
    modes: tuple[str, ...]
    tallies: dict = field(default_factory=dict)  # (subset, system, mode, role) → Tally
    lengths: dict = field(default_factory=lambda: defaultdict(list))  # (system, role) → predicted span lengths
    examples: dict = field(default_factory=lambda: defaultdict(list))  # role → sitrep errors
    documents: int = 0
    events: int = 0
    aligned: int = 0
    unlocated: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    aligned_types: Counter = field(default_factory=Counter)

    def tally(self, subset: str, system: str, mode: str, role: str) -> Tally:
        return self.tallies.setdefault((subset, system, mode, role), Tally())

    def result(self, seconds: float) -> dict:
        def block(subset: str, system: str, modes: tuple[str, ...]) -> dict:
            out = {}
            for mode in modes:
                per = {r: self.tally(subset, system, mode, r) for r in ROLES}
                total = Tally()
                for t in per.values():
                    total.add(t.gold, t.predicted, t.correct)
                out[mode] = {**{r: t.as_dict() for r, t in per.items()}, "all": total.as_dict()}
            return out

        mean = lambda xs: round(sum(xs) / len(xs), 1) if xs else None
        return {
            "documents": self.documents,
            "events": self.events,
            "events_aligned": self.aligned,
            "event_types": dict(self.types.most_common()),
            "aligned_sub_event_types": dict(self.aligned_types.most_common()),
            "sitrep": block("all", "sitrep", self.modes),
            "nearest_entity": block("all", "nearest_entity", self.modes),
            "aligned_only": {
                "sitrep": block("aligned", "sitrep", MODES),
                "nearest_entity": block("aligned", "nearest_entity", MODES),
            },
            "unlocated": dict(self.unlocated),
            "mean_predicted_chars": {
                system: {r: mean(self.lengths[(system, r)]) for r in ROLES} for system in ("sitrep", "nearest_entity")
            },
            "examples": dict(self.examples),
            "seconds": round(seconds, 2),
        }


def _track(items: list, progress: bool, label: str) -> Iterator:
    if not progress:
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(items, description=f"arguments {label}", console=Console(stderr=True))


def _score_split(docs: list[GoldDoc], progress: bool, label: str) -> dict:
    from sitrep.extract.mentions import sentences
    from sitrep.nlp import entity_only_disable, get_nlp, spacy_safe

    nlp = get_nlp()
    ents_skip = entity_only_disable(nlp)
    coref = any(d.has_coref for d in docs)
    split = _Split(modes=(*MODES, "coref") if coref else MODES)
    t0 = time.perf_counter()
    for doc in _track(docs, progress, label):
        split.documents += 1
        if not doc.events:
            continue
        text = doc.text
        mentions, places = _extract(_article(doc))
        spans = sentences(text)
        parsed: dict[tuple[int, int], dict] = {}  # mention sentence → its argument spans
        entities: dict[tuple[int, int], list] = {}  # sentence → baseline entities
        for ev in doc.events:
            split.events += 1
            split.types[ev.type] += 1
            mention = next((m for m in mentions if m.start <= ev.trigger[0] < m.end), None)
            if mention is not None:
                split.aligned += 1
                split.aligned_types[mention.sub_event_type] += 1
                key = (mention.start, mention.end)
                if key not in parsed:
                    evidence = mention.evidence or {}
                    parsed[key] = {"attacker": _phrase(evidence.get("actor1")), "target": _phrase(evidence.get("actor2")),
                                   "place": _place_span(mention, places)}
                    for role, span in parsed[key].items():
                        split.unlocated[role] += span == UNLOCATED
                ours = parsed[key]
            else:
                ours = dict.fromkeys(ROLES)
            sent = next(((s, e) for s, e in spans if s <= ev.trigger[0] < e), ev.sentence)
            if sent not in entities:
                edoc = nlp(spacy_safe(text[sent[0]:sent[1]]), disable=ents_skip)
                entities[sent] = [(sent[0] + x.start_char, sent[0] + x.end_char, x.label_) for x in edoc.ents]
            theirs = nearest_entity(entities[sent], ev.trigger)
            for role in ROLES:
                gold = [a for a in ev.args if a.role == role]
                for system, pred in (("sitrep", ours[role]), ("nearest_entity", theirs[role])):
                    if pred is not None and pred != UNLOCATED:
                        split.lengths[(system, role)].append(pred.end - pred.start)
                    for mode in split.modes:
                        g, p, c = scored_role(pred, gold, mode)
                        split.tally("all", system, mode, role).add(g, p, c)
                        if mention is not None and mode in MODES:
                            split.tally("aligned", system, mode, role).add(g, p, c)
                # A few of sitrep's errors, for whoever improves the rules.
                if mention is not None and (gold or ours[role] is not None) \
                        and not scored_role(ours[role], gold, "overlap")[2] \
                        and len(split.examples[role]) < EXAMPLES_PER_ROLE \
                        and all(x["document"] != doc.id for x in split.examples[role]):
                    pred = ours[role]
                    split.examples[role].append({
                        "document": doc.id, "event": ev.id, "type": ev.type,
                        "sentence": mention.sentence[:300],
                        "gold": [a.text for a in gold],
                        "predicted": None if pred is None else "?" if pred == UNLOCATED else text[pred.start:pred.end],
                    })
    return split.result(time.perf_counter() - t0)


def evaluate(data: Path, *, limit: int | None = None, progress: bool = False) -> dict:
    """Score sitrep's attackers, targets and places on WikiEvents or RAMS (see the module doc)."""
    data = Path(data)
    t0 = time.perf_counter()
    name, files = _dataset(data)
    out: dict = {
        "task": "arguments",
        "dataset": name,
        "data": str(data),
        "limit": limit,
        "dct": DCT,
        "roles": {"attacker": ["Attacker", "Killer", "Injurer"], "target": ["Target", "Victim"], "place": ["Place"]},
        "event_families": list(FAMILIES),
        "match": {
            "overlap": "predicted and gold character spans share a character",
            "head": "the gold span's head token (last token before its first post-modifier) overlaps the prediction",
            "head_to_head": "the prediction's head word (a phrase's syntactic head; a name is its own head) overlaps the gold head token",
            "coref": "the prediction overlaps any mention of the gold argument's entity (WikiEvents clusters)",
        },
        "baseline": "nearest_entity: PERSON/ORG/NORP before (attacker) and after (target) the trigger, nearest GPE/LOC/FAC (place), same sentence",
        "splits": {},
    }
    load = load_wikievents if name == "wikievents" else load_rams
    for path in files:
        split = path.stem
        docs = spread(load(path), limit)
        out["splits"][split] = {"file": path.name, **_score_split(docs, progress, split)}
        if split == "test":
            out["splits"][split]["held_back"] = True
    out["seconds"] = round(time.perf_counter() - t0, 2)
    return out
