"""Evaluate the temporal-expression tagger (``sitrep.dates.find_timexes``) on TempEval-3 TimeML data.

The data directory is ``shared/data/tempeval3``; the annotated training corpora are read from
``Training/TBAQ-cleaned/{TimeBank,AQUAINT}/*.tml`` (and ``Evaluation/te3-platinum/*.tml`` when it is
present, reported as the corpus ``platinum``). Each file is TimeML: the ``<TEXT>`` element holds the
article with inline ``<TIMEX3 tid type value>`` (and ``<EVENT>``, ``<SIGNAL>``) tags, and the document
creation time (DCT) is the ``<DCT><TIMEX3 functionInDocument="CREATION_TIME" value=...>``. All tags are
stripped to get the plain text; the gold timexes are the TIMEX3 elements inside ``<TEXT>`` with their
offsets in that plain text (the DCT timex lives outside ``<TEXT>`` and is therefore not gold).

Scoring follows the TempEval-3 task A scorer:

- ``strict``: a system timex matches a gold one when both offsets are equal;
- ``relaxed``: it matches when the two spans overlap at all (each system timex is matched to at most
  one gold timex and vice versa);
- ``value_f1`` / ``type_f1``: attribute F1 over the relaxed matches, P = relaxed-matched timexes
  whose attribute equals gold / system timexes, R = the same count / gold timexes.

``split`` reports the development and held-back parts used while writing the rules: in each corpus
every 4th file (sorted by name, index % 4 == 3) was held back, the rest was used for development.

``limit`` picks that many documents spread evenly over the whole list (so a small gate still sees
both corpora). ``seconds`` / ``docs_per_second`` time ``find_timexes`` alone (no parsing, scoring).
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = ["GoldDoc", "GoldTimex", "evaluate", "load_corpus", "parse_tml", "score"]

CORPORA = (
    ("TimeBank", Path("Training/TBAQ-cleaned/TimeBank")),
    ("AQUAINT", Path("Training/TBAQ-cleaned/AQUAINT")),
    ("platinum", Path("Evaluation/te3-platinum")),
)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    corpus: str
    text: str
    dct: date | None
    dct_value: str | None
    timexes: tuple[GoldTimex, ...]
    index: int = 0  # position among its corpus's files sorted by name (the dev / held-back split)


def _parse_dct(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_tml(path: Path, corpus: str = "", index: int = 0) -> GoldDoc:
    """Read one TimeML file into its plain text, DCT and gold timexes (offsets into the text)."""
    root = ET.parse(path).getroot()
    dct_value = None
    for dct_el in root.iter("DCT"):
        for tx in dct_el.iter("TIMEX3"):
            dct_value = tx.get("value")
            break
        break
    if dct_value is None:  # some TimeML files only mark it by functionInDocument
        for tx in root.iter("TIMEX3"):
            if tx.get("functionInDocument") == "CREATION_TIME":
                dct_value = tx.get("value")
                break
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and pos > start and el.get("functionInDocument") != "CREATION_TIME":
            gold.append(GoldTimex(start, pos, "".join(parts)[start:pos], el.get("type", ""), el.get("value", "")))

    if text_el is not None:
        # the TEXT element's own text and children, not its tail
        if text_el.text:
            parts.append(text_el.text)
            pos += len(text_el.text)
        for child in text_el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
    text = "".join(parts)
    gold.sort(key=lambda g: (g.start, g.end))
    return GoldDoc(path.stem, corpus, text, _parse_dct(dct_value), dct_value, tuple(gold), index)


def load_corpus(data: Path, *, limit: int | None = None) -> list[GoldDoc]:
    """All annotated documents under ``data`` (a ``tempeval3`` folder), TimeBank first."""
    docs: list[GoldDoc] = []
    for corpus, sub in CORPORA:
        folder = data / sub
        if not folder.is_dir():
            continue
        for i, path in enumerate(sorted(folder.glob("*.tml"))):
            docs.append(parse_tml(path, corpus, i))
    if not docs and data.is_dir():  # a folder of .tml files given directly
        for i, path in enumerate(sorted(data.glob("*.tml"))):
            docs.append(parse_tml(path, data.name, i))
    if limit is not None:
        docs = _spread(docs, limit)
    return docs


def _spread(docs: list[GoldDoc], limit: int) -> list[GoldDoc]:
    """``limit`` documents spread evenly over the list, so a small gate sees every corpus."""
    if limit >= len(docs):
        return docs
    if limit <= 0:
        return []
    step = len(docs) / limit
    return [docs[int(i * step)] for i in range(limit)]


class _Counts:
    __slots__ = ("docs", "gold", "system", "strict", "relaxed_sys", "relaxed_gold", "value", "type")

    def __init__(self) -> None:
        self.docs = self.gold = self.system = self.strict = 0
        self.relaxed_sys = self.relaxed_gold = self.value = self.type = 0

    def add(self, other: _Counts) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def report(self) -> dict:
        def prf(tp_p: int, tp_r: int) -> dict:
            p = tp_p / self.system if self.system else 0.0
            r = tp_r / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}

        return {
            "documents": self.docs,
            "gold": self.gold,
            "system": self.system,
            "strict": prf(self.strict, self.strict),
            "relaxed": prf(self.relaxed_sys, self.relaxed_gold),
            "value_f1": prf(self.value, self.value)["f1"],
            "type_f1": prf(self.type, self.type)["f1"],
            "value": prf(self.value, self.value),
            "type": prf(self.type, self.type),
        }


def score(gold: list, system: list) -> tuple[_Counts, list[tuple]]:
    """Score one document; returns the counts and the alignment [(gold or None, system or None)]."""
    c = _Counts()
    c.docs = 1
    c.gold = len(gold)
    c.system = len(system)
    gold_s = sorted(gold, key=lambda g: (g.start, g.end))
    sys_s = sorted(system, key=lambda s: (s.start, s.end))
    used: set[int] = set()
    pairs: list[tuple] = []
    matched_gold: set[int] = set()
    for s in sys_s:
        best = None
        for gi, g in enumerate(gold_s):
            if gi in used or g.end <= s.start or g.start >= s.end:
                continue
            # prefer the exact match, then the largest overlap
            ov = min(g.end, s.end) - max(g.start, s.start)
            key = (g.start == s.start and g.end == s.end, ov)
            if best is None or key > best[0]:
                best = (key, gi)
        if best is None:
            pairs.append((None, s))
            continue
        gi = best[1]
        used.add(gi)
        matched_gold.add(gi)
        g = gold_s[gi]
        pairs.append((g, s))
        c.relaxed_sys += 1
        c.relaxed_gold += 1
        if g.start == s.start and g.end == s.end:
            c.strict += 1
        if g.value == s.value:
            c.value += 1
        if g.type == s.type:
            c.type += 1
    for gi, g in enumerate(gold_s):
        if gi not in matched_gold:
            pairs.append((g, None))
    pairs.sort(key=lambda p: (p[0] or p[1]).start)
    return c, pairs


def _track(items: list, progress: bool) -> Iterator:
    if not progress:
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(items, description="timex eval", console=Console(stderr=True))


def evaluate(data: Path, *, limit: int | None = None, progress: bool = True) -> dict:
    """Run ``find_timexes`` over every TimeML document under ``data`` and score it (see module doc)."""
    from sitrep.dates import find_timexes

    data = Path(data)
    docs = load_corpus(data, limit=limit)
    total = _Counts()
    by_corpus: dict[str, _Counts] = {}
    split = {"dev": _Counts(), "heldout": _Counts()}
    elapsed = 0.0
    for doc in _track(docs, progress):
        t0 = time.perf_counter()
        system = find_timexes(doc.text, doc.dct)
        elapsed += time.perf_counter() - t0
        counts, _ = score(list(doc.timexes), list(system))
        total.add(counts)
        by_corpus.setdefault(doc.corpus, _Counts()).add(counts)
        split["heldout" if doc.index % 4 == 3 else "dev"].add(counts)
    out = {"task": "timex", "data": str(data)}
    out.update(total.report())
    out["by_corpus"] = {name: c.report() for name, c in by_corpus.items()}
    out["split"] = {name: c.report() for name, c in split.items()}
    out["seconds"] = round(elapsed, 3)
    out["docs_per_second"] = round(len(docs) / elapsed, 1) if elapsed > 0 else None
    return out
