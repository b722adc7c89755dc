#!/usr/bin/env python3
"""Hostile and broken input, at scale: does any stage crash or hang, and is every rejection
explained?

    .venv/bin/python scripts/fuzz_report.py [--examples N] [--seed S] [--family NAME ...] [--json]

Each family feeds one stage many generated inputs (random bytes, broken containers, decompression
and entity-expansion bombs, pathological text for the regexes, mixed scripts, lone surrogates) and
counts, without stopping at the first failure:

* tried     inputs fed to the stage
* crashes   exceptions that escaped the stage, or results that break its contract (a rejection
            without a known code or without a reason)
* internal  E_INTERNAL rejections: an exception the document boundary caught (still a bug)
* hangs     inputs that ran past the family's time bound
* rejected  rejections by code
* slowest   the slowest input's seconds, and what it was

and prints one table (Markdown, or JSON with --json). The ``regex-audit`` family runs every
compiled regular expression of ``src/sitrep`` over adversarial strings (see ``collect_patterns``).

tests/test_fuzz.py imports the builders and checks below and runs the same families, smaller, in
CI. The stages are called for real; nothing is mocked.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import datetime as dt
import gzip
import importlib
import json
import logging
import math
import pkgutil
import random
import re
import signal
import struct
import sys
import tempfile
import time
import traceback
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from sitrep.errors import CODES, E_INTERNAL  # noqa: E402
from sitrep.records import Article, PubDate, RawDoc, Rejected  # noqa: E402
from sitrep.settings import Settings  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------------------------


class Hang(BaseException):
    """Raised by ``deadline`` when a call overruns. A BaseException, so that the stages' own
    ``except Exception`` (the spine turns those into E_INTERNAL rejections) cannot swallow it."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise Hang in the block once ``seconds`` have passed (SIGALRM through setitimer, so only in
    the main thread). Python code and the ``re`` engine are interrupted on time; C code that never
    returns to the interpreter (lxml's parser, a spaCy component) only when it returns, so callers
    also check the elapsed time afterwards (``bounded``)."""

    def on_alarm(signum, frame):
        raise Hang(f"over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def bounded(fn: Callable[[], object], seconds: float) -> tuple[object, float]:
    """``(fn(), elapsed seconds)``; raises Hang if the call ran past ``seconds`` (interrupted, or
    back too late from C code)."""
    start = time.perf_counter()
    with deadline(seconds):
        result = fn()
    elapsed = time.perf_counter() - start
    if elapsed > seconds:
        raise Hang(f"took {elapsed:.1f} s, over {seconds:g} s")
    return result, elapsed


# ---------------------------------------------------------------------------------------------
# Hostile text
# ---------------------------------------------------------------------------------------------

# Characters that break naive text handling: bidi overrides, isolates and marks; joiners,
# zero-width space and BOM; combining marks; NUL, C0/C1 controls and odd line breaks; lone
# surrogates (what bytes decoded with errors="surrogateescape" leave behind); emoji with a flag
# sequence; U+FFFD. SCRIPTS adds words in Arabic, Hebrew, CJK, Cyrillic, Greek and Thai.
HOSTILE_CHARS = (
    "\u202e\u202d\u202b\u202a\u200f\u200e\u2066\u2067\u2069"
    "\u200d\u200c\u200b\ufeff\u2060"
    "\u0301\u0308\u0327\u20dd"
    "\x00\x01\x07\x0b\x0c\x1b\x7f\x85\u2028\u2029"
    "\udc80\udcff\ud800\udfff"
    "\U0001f600\U0001f1f8\U0001f1fe\ufffd"
)
SCRIPTS = ["مرحبا", "حلب", "دمشق", "שלום", "ירושלים", "東京", "北京市", "Москва", "Ελλάδα", "ประเทศไทย"]

# Words and marks the stages' rules react to: dates, numbers, casualty and event words, places,
# abbreviations, furniture cues, brackets and quotes.
VOCAB = [
    "March", "May", "Monday", "Sunday", "2016", "1999", "'80s", "12:30", "a.m.", "p.m.", "GMT",
    "today", "yesterday", "last", "next", "week", "month", "year", "years", "ago", "earlier", "later",
    "the", "of", "in", "on", "at", "least", "more", "than", "about", "some", "dozens", "hundreds",
    "one", "two", "twenty", "hundred", "thousand", "million", "first", "second", "1,000", "3.5", "12",
    "killed", "wounded", "died", "dead", "injured", "shelled", "attacked", "captured", "retook",
    "protesters", "army", "troops", "rebels", "police", "militants", "said", "according", "to",
    "Aleppo", "Homs", "Palmyra", "Damascus", "Syria", "Syrian", "Russian", "Idlib", "New", "York",
    "Mr.", "Dr.", "U.S.", "U.N.", "St.", "No.", "etc.", "vs.", "Inc.",
    "Share", "Facebook", "Twitter", "Read", "more:", "Comments", "By", "Photo:", "©", "Advertisement",
    "(", ")", "[", "]", "\"", "'", "“", "”", "«", "»", "-", "–", "—", "/", ":", ";", ",", ".", "!", "?",
    "...", "…", "%", "$", "€", "#", "@", "&", "*", "_", "=", "+", "<", ">", "|", "\\", "~", "^",
    "<p>", "</p>", "<div>", "[caption]", "[/caption]", "&amp;", "&#xd800;", "http://x.example/a?b=c",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n\n", ", ", ". ", "-", "/", "", "\t", "\r\n", "\u00a0"]

# Units that, repeated, make regexes backtrack: runs of one character class, alternations of
# classes, repeated capitalised words, nested brackets, numbers in lists, and so on. Each is
# repeated to the size asked for by ``repeated``.
UNITS = {
    "a": "a", "A": "A", "digits": "1", "spaces": " ", "tabs": "\t", "newlines": "\n", "nbsp": "\u00a0",
    "dots": ".", "bangs": "!", "dashes": "-", "slashes": "/", "colons": ":", "commas": ",", "quotes": "'",
    "dquotes": '"', "underscores": "_", "equals": "=", "pipes": "|", "hashes": "#", "percents": "%",
    "open-parens": "(", "open-brackets": "[", "lt": "<", "copyright": "©", "bullets": "•", "ellipses": "…",
    "zwsp": "\u200b", "rtl-override": "\u202e", "combining": "\u0301", "emoji": "\U0001f600", "nul": "\x00",
    "surrogate": "\udcff", "1,": "1,", "1.": "1.", "1 ": "1 ", "1-": "1-", "1/": "1/", "'1": "'1",
    "ab": "ab", "a ": "a ", "a-": "a-", "a:": "a:", "a=b ": "a=b ", "[a ": "[a ", "[a=": "[a=",
    "$1 ": "$1 ", "x@": "x@", ". ": ". ", "1. ": "1. ", "A. ": "A. ", "Aa ": "Aa ", "U.S.": "U.S.",
    "Mr. ": "Mr. ", "St. ": "St. ", "caps": "Abcdef Ghijk ", "March ": "March ", "March 3, ": "March 3, ",
    "12:00 ": "12:00 ", "1998-": "1998-", "1st ": "1st ", "www.": "www.", "http://": "http://",
    "the ": "the ", "and ": "and ", "By ": "By ", "of the ": "of the ", "in the ": "in the ",
    "killed at least ": "killed at least ", "twenty one hundred ": "twenty one hundred ",
    "two years ago ": "two years ago ", "Aleppo ": "Aleppo ", "well-": "well-", "<div>": "<div>",
    "arabic": "مرحبا بالعالم ", "rtl-mix": "\u202eabc\u200d", "mixed-scripts": "Damascus دمشق ירושלים 東京 Москва ",
}  # fmt: skip


def repeated(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters (cut to exactly ``size``)."""
    return (unit * (size // max(len(unit), 1) + 1))[:size]


def nested_parens(size: int) -> str:
    return "(" * (size // 2) + ")" * (size // 2)


# Ends every adversarial string: a character no rule expects, so that a pattern that matched the
# repeats so far must fail at the end and backtrack (the case that makes backtracking explode).
END = "\u2603"


def adversarial_texts(size: int, names: Iterable[str] | None = None) -> dict[str, str]:
    """Every unit of UNITS repeated to ``size`` characters, plus balanced nested parentheses and
    a seeded mix of punctuation and of letters, digits and spaces; each ends with END."""
    rng = random.Random(size)
    n = size - 1
    out = {name: repeated(unit, n) for name, unit in UNITS.items()}
    out["nested-parens"] = nested_parens(n)
    out["mix-punct"] = "".join(rng.choice(".,;:!?-()[]\"' ") for _ in range(n))
    out["mix-alnum"] = "".join(rng.choice("aA1 .,") for _ in range(n))
    if names is not None:
        out = {k: out[k] for k in names}
    return {k: v + END for k, v in out.items()}


def random_text(rng: random.Random, size: int) -> str:
    """A hostile text of about ``size`` characters, in one of four shapes: random characters
    (ASCII, hostile characters, other scripts), a soup of rule-triggering words and marks, one
    unit repeated, or news prose with hostile characters strewn through it."""
    shape = rng.randrange(4)
    if shape == 0:
        pool = [chr(c) for c in range(32, 127)] + list(HOSTILE_CHARS) + list("".join(SCRIPTS)) + list(" \n\n")
        return "".join(rng.choice(pool) for _ in range(size))
    if shape == 1:
        parts: list[str] = []
        n = 0
        while n < size:
            word = rng.choice(VOCAB) if rng.random() < 0.9 else rng.choice(SCRIPTS + list(HOSTILE_CHARS))
            sep = rng.choice(SEPARATORS)
            parts += [word, sep]
            n += len(word) + len(sep)
        return "".join(parts)[: max(size, 1)]
    if shape == 2:
        return repeated(UNITS[rng.choice(sorted(UNITS))], size)
    prose = ("Government forces retook the town of Palmyra on Sunday, March 27, 2016, after three weeks of "
             "fighting, state media said. At least 12 people were killed, the Syrian Observatory said.\n")
    chars = list(repeated(prose, size))
    for _ in range(max(1, size // 20)):
        if chars:
            chars[rng.randrange(len(chars))] = rng.choice(HOSTILE_CHARS + "".join(SCRIPTS))
    return "".join(chars)


def random_size(rng: random.Random, most: int) -> int:
    """0, 1, or a size spread log-uniformly up to ``most``."""
    r = rng.random()
    if r < 0.05:
        return 0
    if r < 0.1:
        return 1
    return int(10 ** rng.uniform(1, max(1.0, math.log10(most))))


# ---------------------------------------------------------------------------------------------
# Hostile files and containers
# ---------------------------------------------------------------------------------------------


def nested_html(depth: int, tag: str = "div", text: str = "Troops shelled the town on Monday, activists said.") -> str:
    return f"<html><body>{f'<{tag}>' * depth}{text}{f'</{tag}>' * depth}</body></html>"


def _laughs() -> str:
    """The "billion laughs" DTD: &lol9; expands to 10^9 "lol"s if a parser lets it."""
    lines = ['<!DOCTYPE bomb [', ' <!ENTITY lol0 "lol">']
    for i in range(1, 10):
        lines.append(f' <!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    return "\n".join(lines) + "\n]>\n"


ENTITY_BOMB_DTD = _laughs()


def entity_bomb_feed(kind: str = "rss") -> bytes:
    """A feed whose every text is &lol9; (billion laughs) or &xxe; (an external entity naming
    /etc/passwd, which must never be read)."""
    body = "Air strikes hit &lol9; Idlib on Sunday. &xxe;"
    dtd = ENTITY_BOMB_DTD.replace("]>", ' <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>')
    if kind == "atom":
        doc = (f'<feed xmlns="http://www.w3.org/2005/Atom"><title>&lol9;</title><entry><id>e1</id><title>&lol9;</title>'
               f"<summary>{body}</summary></entry></feed>")
    else:
        doc = (f'<rss version="2.0"><channel><title>&lol9;</title><item><guid>e1</guid><title>&lol9;</title>'
               f"<description>{body}</description></item></channel></rss>")
    return ('<?xml version="1.0"?>\n' + dtd + doc).encode()


def entity_bomb_html() -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + ENTITY_BOMB_DTD
            + "<html><head><title>&lol9;</title></head><body><p>Air strikes hit &lol9; Idlib on Sunday, "
              "activists said.</p></body></html>").encode()


def warc_record(uri: str, body: bytes, *, content_type: bytes = b"text/html; charset=utf-8",
                http_extra: bytes = b"", declared: int | None = None, date: str = "2016-04-01T00:00:00Z") -> bytes:
    """One uncompressed WARC response record. ``declared`` overrides the Content-Length (to lie)."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type + b"\r\n" + http_extra + b"\r\n"
    length = len(http) + len(body) if declared is None else declared
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{zlib.crc32(uri.encode()):032x}>\r\n"
            f"WARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n").encode()
    return head + http + body + b"\r\n\r\n"


def gzip_members(*chunks: bytes) -> bytes:
    """Each chunk as its own gzip member (the per-record compression WARC files use)."""
    return b"".join(gzip.compress(c, 6, mtime=0) for c in chunks)


_MB = 1 << 20


def gzip_bomb(inflated: int, head: bytes = b"", fill: bytes = b"\0") -> bytes:
    """One gzip member that inflates to ``head`` and then about ``inflated`` bytes of ``fill``,
    built without compressing them all: a megabyte of fill is deflated once, closed with a full
    flush (which makes it a block that stands alone), and the block repeated. 10 GB take 10 MB.
    The trailer's checksum is left wrong: a bomb is not meant to be read to its end."""
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = z.compress(head) + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(fill * _MB) + z.flush(zlib.Z_FULL_FLUSH)
    end = z.flush(zlib.Z_FINISH)
    n = max(1, inflated // _MB)
    size = (len(head) + n * _MB) & 0xFFFFFFFF
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + start + block * n + end + struct.pack("<II", 0, size)


def warc_bombs(inflated: int) -> dict[str, bytes]:
    """``.warc.gz`` decompression bombs: about 1 MB of file per inflated GB (repeated markup, which
    deflate packs less tightly, 12 MB)."""
    header = warc_record("https://bomb.example/", b"", declared=inflated + 60)[:-4]  # head, no body
    good = gzip_members(warc_record("https://ok.example/", b"<html><body><p>Troops shelled Homs on Monday, "
                                    b"activists said.</p></body></html>"))
    http_bomb = gzip_bomb(inflated, head=b"<html><body>", fill=b" ")  # HTTP Content-Encoding, inflated by warcio
    return {
        "zeros-only": gzip_bomb(inflated),  # no WARC at all, just zeros
        "newlines-only": gzip_bomb(inflated, fill=b"\n"),  # blank lines, which warcio skips one by one
        "one-huge-record": gzip_bomb(inflated, head=header, fill=b"a"),  # a record declaring its huge body
        "after-a-good-record": good + gzip_bomb(inflated, head=header, fill=b" "),
        "repeated-markup": gzip_bomb(inflated, head=header, fill=b"<p>x</p>"),  # inflates only ~85 fold
        "no-newline-after-record": good + gzip_bomb(inflated, fill=b"x"),  # a "header line" that never ends
        "http-content-encoding": gzip_members(warc_record("https://enc.example/", http_bomb,
                                                          http_extra=b"Content-Encoding: gzip\r\n")),
    }


def truncated(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _valid_warc(rng: random.Random, gz: bool) -> bytes:
    records = [warc_record(f"https://w.example/{i}", random_text(rng, rng.randrange(1, 400)).encode("utf-8", "replace"))
               for i in range(rng.randrange(1, 4))]
    return gzip_members(*records) if gz else b"".join(records)


def _rss(rng: random.Random) -> bytes:
    """An RSS feed of up to three items with hostile titles, texts and dates (often not XML)."""
    dates = ["Sun, 11 Dec 2016 09:00:00 GMT", "yesterday", "", "99 Foo 0000"]
    items = "".join(
        f"<item><title>{random_text(rng, 30)}</title><guid>g{i}</guid><pubDate>{rng.choice(dates)}</pubDate>"
        f"<description>{random_text(rng, rng.randrange(0, 300))}</description></item>"
        for i in range(rng.randrange(0, 4))
    )
    feed = f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>W</title>{items}</channel></rss>'
    return feed.encode("utf-8", "surrogatepass")


def _json_value(rng: random.Random, depth: int = 0):
    r = rng.random()
    if depth > 3 or r < 0.4:
        return rng.choice([None, True, 0, -1, 1e308, 10**40, "", "x", random_text(rng, rng.randrange(0, 80))])
    if r < 0.7:
        return [_json_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(["id", "text", "html", "title", "url", "published", "outlet", "language", "k"]):
            _json_value(rng, depth + 1) for _ in range(rng.randrange(5))}


def jsonl_line(rng: random.Random) -> bytes:
    """One JSON Lines line: a plausible record, a random JSON value, or broken JSON."""
    r = rng.random()
    if r < 0.35:
        rec = {"id": rng.choice([None, "", "a", 7, "x\ud800"]),
               rng.choice(["text", "html"]): random_text(rng, rng.randrange(0, 500)),
               "published": rng.choice([None, "2016-03-27", "2016-02-30", "not a date", "9" * 200, 12])}
        return json.dumps(rec).encode()
    if r < 0.55:
        return json.dumps(_json_value(rng)).encode()
    if r < 0.7:
        depth = rng.choice([10, 1000, 100_000])
        return b"[" * depth + b"]" * rng.choice([0, depth])  # nesting past the JSON parser's recursion limit
    if r < 0.85:
        good = json.dumps({"id": "t", "text": random_text(rng, 50)}).encode()
        return truncated(good, rng)
    return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200))).replace(b"\n", b" ")


def random_bytes(rng: random.Random, size: int) -> bytes:
    shape = rng.randrange(5)
    if shape == 0:
        return rng.randbytes(size)
    if shape == 1:  # text in some encoding, maybe with invalid bytes (surrogateescape)
        enc = rng.choice(["utf-8", "utf-16", "utf-16-le", "latin-1", "cp1252", "shift_jis", "koi8-r", "utf-8-sig"])
        return random_text(rng, size).encode(enc, "surrogatepass" if enc.startswith("utf") else "replace")
    if shape == 2:
        return gzip.compress(random_text(rng, size).encode("utf-8", "replace"))
    if shape == 3:  # printable with a few control bytes
        data = bytearray(random_text(rng, size).encode("utf-8", "replace"))
        for _ in range(rng.randrange(0, 5)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(32)
        return bytes(data)
    return rng.choice([b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b""]) + rng.randbytes(size)


EXTENSIONS = [".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".warc", ".warc.gz", ".xml", ".rss", ".atom",
              ".gz", ".jsonl.gz", ".bin"]


def hostile_file(rng: random.Random) -> tuple[str, bytes]:
    """(file name, bytes): random bytes under any extension, or a broken container of its type."""
    r = rng.random()
    if r < 0.4:
        return "f" + rng.choice(EXTENSIONS), random_bytes(rng, random_size(rng, 20_000))
    if r < 0.55:
        return "f.jsonl", b"\n".join(jsonl_line(rng) for _ in range(rng.randrange(1, 6)))
    if r < 0.7:
        gz = rng.random() < 0.5
        data = _valid_warc(rng, gz)
        return ("f.warc.gz" if gz else "f.warc"), truncated(data, rng) if rng.random() < 0.8 else data
    if r < 0.85:
        data = _rss(rng)
        if rng.random() < 0.3:
            data = data.replace(b"<rss", ENTITY_BOMB_DTD.encode() + b"<rss", 1).replace(b"<title>W", b"<title>&lol9;")
        return rng.choice(["f.rss", "f.xml", "f.atom"]), truncated(data, rng) if rng.random() < 0.5 else data
    charset = rng.choice(["utf-8", "bogus", "utf-16", "x" * 60])
    markup = rng.choice([
        nested_html(rng.choice([10, 300, 5000])),
        (f"<html><head><meta charset='{charset}'><script type='application/ld+json'>{json.dumps(_json_value(rng))}"
         f"</script></head><body><p>{random_text(rng, 300)}</p>"),
        "<html><head><script type='application/ld+json'>" + "[" * 100_000 + "</script></head><body>x</body></html>",
        random_text(rng, 2000),
    ])
    return rng.choice(["f.html", "f.htm", "f.xhtml"]), markup.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------------------------------
# Contracts
# ---------------------------------------------------------------------------------------------


class BadResult(AssertionError):
    """A stage returned something its contract does not allow (counted as a crash)."""


def check_rejected(r: Rejected) -> str:
    """A rejection's code, after checking it is one of sitrep.errors' codes and has a reason."""
    if r.code not in CODES:
        raise BadResult(f"unknown rejection code {r.code!r}")
    if not (isinstance(r.reason, str) and r.reason.strip()):
        raise BadResult(f"{r.code} without a reason")
    return r.code


INTERNAL_REASONS: list[str] = []  # the reasons of the E_INTERNAL rejections ``outcome`` saw, for the report


def outcome(item) -> str:
    """'ok' for a record that went through, else the checked rejection code."""
    if isinstance(item, Rejected):
        code = check_rejected(item)
        if code == E_INTERNAL:
            INTERNAL_REASONS.append(item.reason)
        return code
    return "ok"


# ---------------------------------------------------------------------------------------------
# Stage runners: each takes one input and returns the outcomes (one per document)
# ---------------------------------------------------------------------------------------------

SMALL = Settings(max_input_bytes=1_000_000)  # keeps the fuzzed files' limits reachable
_SURROGATE = re.compile("[\ud800-\udfff]")


def ingest_bytes(name: str, data: bytes, settings: Settings = SMALL, folder: Path | None = None,
                 *, unexpanded: bool = False) -> list[str]:
    """Write ``data`` as ``name`` and read it with read_sources; RawDocs are checked for lone
    surrogates (the store cannot encode them), and with ``unexpanded`` for entities that were
    expanded (ENTITY_BOMB_DTD's laughs, or the /etc/passwd of an external entity)."""
    from sitrep.ingest import read_sources

    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        out = []
        for item in read_sources([path], settings=settings):
            if isinstance(item, RawDoc):
                for value in (item.id, item.body, item.title, item.url, item.outlet, item.language):
                    if isinstance(value, str) and _SURROGATE.search(value):
                        raise BadResult("a RawDoc field holds a lone surrogate")
                    if unexpanded and isinstance(value, str) and (
                            len(value) > 10_000 or "lollollol" in value or "root:" in value):
                        raise BadResult("an entity was expanded")
            out.append(outcome(item))
        return out


def clean_one(raw: RawDoc) -> list[str]:
    from sitrep.clean import clean_article

    result = clean_article(raw, repeated=frozenset({"share this", "advertisement"}))
    if isinstance(result, Article) and not result.text.strip():
        raise BadResult("an Article with no text")
    return [outcome(result)]


_DCT = dt.date(2016, 3, 28)
_PUB = PubDate(date="2016-03-28", earliest="2016-03-28", latest="2016-03-28", basis="user", confidence=1.0)


def dates_one(text: str) -> list[str]:
    from sitrep.dates.pubdate import date_article
    from sitrep.dates.timex import find_timexes

    for t in find_timexes(text, _DCT):
        if text[t.start : t.end] != t.text:
            raise BadResult("a timex whose offsets do not point at its text")
    dated = date_article(Article(id="f", source="f", title="", text=text))
    if dated.published is None:
        raise BadResult("date_article left no PubDate")
    return ["ok"]


def places_one(text: str) -> list[str]:
    from sitrep.geocode import find_places

    for p in find_places(text, demonyms=False):
        if text[p.start : p.end] != p.text:
            raise BadResult("a place whose offsets do not point at its text")
    return ["ok"]


def events_one(text: str) -> list[str]:
    from sitrep.extract.mentions import extract

    for m in extract(Article(id="f", source="f", title="", text=text, published=_PUB)):
        if text[m.start : m.end] != m.sentence:
            raise BadResult("a mention whose offsets do not point at its sentence")
    return ["ok"]


def spine_one(raw: RawDoc) -> list[str]:
    """process_with_events: clean, date, geocode and extract, as `sitrep run` does per document."""
    from sitrep.pipeline import process_with_events

    out = []
    for result, _mentions in process_with_events([raw], settings=Settings()):
        out.append(outcome(result))
    return out


def as_raw(text: str, *, title: str | None = None, html: bool = False) -> RawDoc:
    """``text`` as a document: plain text, or wrapped in a paragraph of a web page."""
    if html:
        return RawDoc(id="f", source="f", kind="html", body=f"<html><body><p>{text}</p></body></html>", title=title)
    return RawDoc(id="f", source="f", kind="text", body=text, title=title)


def raw_doc(rng: random.Random, size: int) -> RawDoc:
    text = random_text(rng, size)
    if rng.random() < 0.5:
        return RawDoc(id="f", source="f", kind="text", body=text, title=rng.choice([None, "", random_text(rng, 40)]))
    body = rng.choice([f"<html><body><p>{text}</p></body></html>", text,
                       nested_html(rng.choice([5, 300, 3000]), text=text)])
    return RawDoc(id="f", source="f", kind="html", body=body, outlet=rng.choice([None, "x"]))


# ---------------------------------------------------------------------------------------------
# Regex audit
# ---------------------------------------------------------------------------------------------

_RE_FUNCS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
_FLAGS_ARG = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "finditer": 2, "findall": 2}  # flags' position
_SKIP_MODULES = ("__main__", ".migrations")  # importing these runs a program


def _walk(obj, where: str, out: dict, depth: int = 0, seen: set | None = None) -> None:
    seen = set() if seen is None else seen
    if id(obj) in seen or depth > 4:
        return
    seen.add(id(obj))
    if isinstance(obj, re.Pattern):
        out.setdefault((obj.pattern, obj.flags), (where, obj))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _walk(v, f"{where}[{k!r}]"[:160], out, depth + 1, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for i, v in enumerate(obj):
            _walk(v, f"{where}[{i}]", out, depth + 1, seen)


def collect_patterns(package_dir: Path | None = None) -> list[tuple[str, re.Pattern]]:
    """Every compiled regular expression of the sitrep package, deduplicated, with where it was
    found: module globals and class attributes (also inside lists, tuples, sets and dicts, such as
    the timex rule table), patterns that modules compile lazily (triggered first), and every
    ``re.<function>("literal", ...)`` call in the source, compiled with its literal flags."""
    import sitrep

    package_dir = package_dir or Path(sitrep.__file__).parent
    # Patterns built on first use.
    from sitrep.dates.timex import find_timexes
    from sitrep.extract.actors import _alias_patterns

    find_timexes("In March 2016, two weeks ago", _DCT)
    _alias_patterns()

    found: dict = {}
    for info in pkgutil.walk_packages([str(package_dir)], "sitrep."):
        if info.name.endswith(_SKIP_MODULES[0]) or _SKIP_MODULES[1] in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attr, v in vars(value).items():
                    _walk(v, f"{info.name}.{name}.{attr}", found)
            else:
                _walk(value, f"{info.name}.{name}", found)
    for path in sorted(package_dir.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _RE_FUNCS
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, (str, bytes))):
                continue
            flag_nodes = [k.value for k in node.keywords if k.arg == "flags"]
            position = _FLAGS_ARG.get(node.func.attr)
            if not flag_nodes and position is not None and len(node.args) > position:
                flag_nodes = [node.args[position]]
            flags = eval(compile(ast.Expression(flag_nodes[0]), "<flags>", "eval"), {"re": re}) if flag_nodes else 0
            pattern = re.compile(node.args[0].value, flags)
            where = f"{path.relative_to(package_dir.parent).as_posix()}:{node.lineno}"
            found.setdefault((pattern.pattern, pattern.flags), (where, pattern))
    return sorted(((where, p) for where, p in found.values()), key=lambda x: x[0])


# A scan that takes longer than this on one 20 kB adversarial string hangs. The slowest linear
# pattern of the package scans 20 kB in about 0.15 s on a 2-core CI machine (flat.py's combined
# furniture patterns, tried at every position); the quadratic ones this audit found took 2-5 s,
# and an exponential one never ends.
PATTERN_SECONDS = 2.0
# Scans slower than this are also timed on a quarter of the string: a linear pattern then takes
# about a quarter of the time, a quadratic one a sixteenth. A ratio over SUPERLINEAR flags it
# (10 sits between 4 and 16, clear of timing noise, which the best of three runs damps further).
# A quadratic pattern spends 0.4-1.6 s on 20 kB (\s+x$, \d[\d,]*-$, \w+s\s$ measured), so
# scans under 0.1 s, which is where all linear ones lie, are not worth timing again.
TIMING_FLOOR = 0.1
SUPERLINEAR = 10.0


def _scan(pattern: re.Pattern, s) -> None:
    for _ in pattern.finditer(s):
        pass


def _best(pattern: re.Pattern, s, seconds: float, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        with deadline(seconds):
            _scan(pattern, s)
        best = min(best, time.perf_counter() - start)
    return best


@dataclass
class PatternVerdict:
    where: str
    pattern: str
    seconds: float = 0.0  # slowest scan
    slowest: str = ""  # on which string
    problems: list[str] = field(default_factory=list)  # "hang on X", "superlinear on X"


def audit_pattern(where: str, pattern: re.Pattern, strings: dict[str, str],
                  seconds: float = PATTERN_SECONDS) -> PatternVerdict:
    """Scan every string with ``pattern.finditer`` (the costliest way a pattern is used: every
    start position tried) under a deadline of ``seconds``, and check slow scans for growth."""
    verdict = PatternVerdict(where, str(pattern.pattern)[:120])
    for name, s in strings.items():
        if isinstance(pattern.pattern, bytes):
            s = s.encode("utf-8", "surrogateescape")
        start = time.perf_counter()
        try:
            with deadline(seconds):
                _scan(pattern, s)
        except Hang:
            verdict.problems.append(f"hang on {name!r} ({len(s)} chars)")
            verdict.seconds, verdict.slowest = seconds, name
            continue
        elapsed = time.perf_counter() - start
        if elapsed > verdict.seconds:
            verdict.seconds, verdict.slowest = elapsed, name
        if elapsed > TIMING_FLOOR:
            try:
                big, small = _best(pattern, s, seconds), _best(pattern, s[: len(s) // 4], seconds)
            except Hang:
                big, small = seconds, 0.0
            if big > SUPERLINEAR * max(small, 1e-6):
                verdict.problems.append(f"superlinear on {name!r}: {small:.3f} s for a quarter, {big:.3f} s whole")
    return verdict


# ---------------------------------------------------------------------------------------------
# Families
# ---------------------------------------------------------------------------------------------


@dataclass
class Family:
    name: str
    stage: str  # what is called
    inputs: Callable[[random.Random, int], Iterator[tuple[str, Callable[[], list[str]]]]]  # (label, call)
    seconds: float  # per-input time bound, and why (in the definitions below)
    warm: Callable[[], object] | None = None  # loads what the stage loads once (models, parsers), untimed


def _ingest_inputs(rng: random.Random, n: int):
    for _ in range(n):
        name, data = hostile_file(rng)
        yield f"{name} ({len(data)} bytes)", lambda name=name, data=data: ingest_bytes(name, data)


def _bomb_inputs(rng: random.Random, n: int):
    """The fixed hostile constructs, at growing sizes: decompression bombs (inflating to 1 GB and
    up), entity-expansion payloads, deep nesting, huge lines, truncated and lying WARCs. ``n``
    scales how many sizes of each are tried."""
    sizes = [2 * _MB, 20 * _MB, 200 * _MB]
    gb = 1 << 30
    cases: list[tuple[str, str, bytes, Settings]] = []
    for label, data in warc_bombs(gb).items():
        cases.append((f"warc.gz bomb {label} (1 GB)", "b.warc.gz", data, Settings()))
    if n >= 10:
        for label, data in warc_bombs(10 * gb).items():
            cases.append((f"warc.gz bomb {label} (10 GB)", "b.warc.gz", data, Settings()))
    bomb = gzip_bomb(gb, fill=b"\n")
    cases += [("jsonl.gz bomb (1 GB)", "b.jsonl.gz", bomb, Settings()), (".gz bomb (1 GB)", "b.gz", bomb, Settings()),
              ("gzip bomb named .jsonl (1 GB)", "b.jsonl", gzip_bomb(gb), Settings()),
              ("gzip bomb named .txt (1 GB)", "b.txt", gzip_bomb(gb), Settings())]
    for size in sizes[: max(1, min(3, n // 3))]:
        cases += [(f"one {size >> 20} MB line .txt", "l.txt", b"a" * size, Settings()),
                  (f"one {size >> 20} MB line .html", "l.html", b"<p>" + b"a" * size, Settings()),
                  (f"one {size >> 20} MB line .jsonl", "l.jsonl", b'{"text": "' + b"a" * size, Settings()),
                  (f"one {size >> 20} MB line .warc", "l.warc", b"x" * size, Settings()),
                  (f"one {size >> 20} MB line .rss", "l.rss", b"<rss>" + b"a" * size, Settings())]
    for label, name, data in [("billion laughs + XXE .rss", "b.rss", entity_bomb_feed("rss")),
                              ("billion laughs + XXE .atom", "b.atom", entity_bomb_feed("atom")),
                              ("billion laughs .xhtml", "b.xhtml", entity_bomb_html()),
                              ("billion laughs .html", "b.html", entity_bomb_html())]:
        yield label, lambda name=name, data=data: ingest_bytes(name, data, Settings(), unexpanded=True)
    cases += [("50,000 nested <div> .html", "n.html", nested_html(50_000).encode(), Settings()),
              ("50,000 nested <div> in JSONL", "n.jsonl", json.dumps({"html": nested_html(50_000)}).encode(),
               Settings()),
              ("100,000 nested [ in JSON-LD", "j.html", b"<html><head><script type='application/ld+json'>"
               + b"[" * 100_000 + b"</script></head><body><p>x</p></body></html>", Settings())]
    for i in range(max(1, n // 3)):
        data = _valid_warc(rng, gz=i % 2 == 0)
        name = "t.warc.gz" if i % 2 == 0 else "t.warc"
        cases.append((f"truncated WARC #{i}", name, truncated(data, rng), Settings()))
    for label, name, data, settings in cases:
        yield label, lambda name=name, data=data, settings=settings: ingest_bytes(name, data, settings)


def _adversarial_order(rng: random.Random, most: int) -> list[tuple[str, str]]:
    """The adversarial texts at ``most`` characters, in a seeded order (so that runs with few
    examples do not always try the same ones)."""
    items = sorted(adversarial_texts(most).items())
    rng.shuffle(items)
    return items


def _text_inputs(make: Callable[[str], list[str]], most: int):
    def inputs(rng: random.Random, n: int):
        adversarial = _adversarial_order(rng, most)
        for i in range(n):
            if i % 3 == 2:  # every third input: one of the adversarial repeats, at full size
                label, text = adversarial[(i // 3) % len(adversarial)]
            else:
                text = random_text(rng, random_size(rng, most))
                label = f"random {len(text)} chars"
            yield f"{label} ({len(text)} chars)", lambda text=text: make(text)
    return inputs


def _raw_inputs(make: Callable[[RawDoc], list[str]], most: int):
    def inputs(rng: random.Random, n: int):
        adversarial = _adversarial_order(rng, most)
        for i in range(n):
            if i % 3 == 2:
                label, text = adversarial[(i // 3) % len(adversarial)]
                raw = RawDoc(id="f", source="f", kind="text", body=text, title="t")
            else:
                raw = raw_doc(rng, random_size(rng, most))
                label = f"random {raw.kind}"
            yield f"{label} ({len(raw.body)} chars)", lambda raw=raw: make(raw)
    return inputs


# Time bounds per input. Each is several times the slowest input seen on a 2-core machine, so a
# slow machine passes and a quadratic or exponential blow-up still fails:
# - ingest: a 20 kB file or a bomb is read (or refused) in well under a second; the 1 GB bombs
#   are refused after inflating one max_input_bytes (20 MB), about 0.1 s.
# - clean and dates: 50 kB of the worst text take 1-3 s (flat cleaner, trafilatura, timex rules).
# - places and events: spaCy runs at a few thousand tokens a second on hostile text, so 20 kB of
#   one-character tokens take up to ~5 s.
# - spine: clean + date + places + extract on 20 kB, up to ~10 s.
_PAGE = ("<html><head><title>T</title></head><body><p>Government forces retook Palmyra on Sunday, state media "
         "said.</p></body></html>")
_WARM_RAW = RawDoc(id="w", source="w", kind="html", body=_PAGE, title="T")

FAMILIES = {
    "ingest": Family("ingest", "read_sources on random bytes and broken JSONL/WARC/RSS/HTML", _ingest_inputs, 10.0,
                     lambda: ingest_bytes("w.html", _PAGE.encode())),
    "bombs": Family("bombs", "read_sources on decompression/entity bombs, deep nesting, huge lines", _bomb_inputs, 30.0,
                    lambda: ingest_bytes("w.html", _PAGE.encode())),
    "clean": Family("clean", "clean_article on hostile text and HTML", _raw_inputs(clean_one, 50_000), 15.0,
                    lambda: clean_one(_WARM_RAW)),
    "dates": Family("dates", "find_timexes + date_article on hostile text", _text_inputs(dates_one, 50_000), 15.0,
                    lambda: dates_one("On Sunday, March 27, 2016")),
    "places": Family("places", "find_places on hostile text", _text_inputs(places_one, 20_000), 30.0,
                     lambda: places_one("Russian jets struck Palmyra.")),
    "events": Family("events", "extract (with find_places) on hostile text", _text_inputs(events_one, 20_000), 30.0,
                     lambda: events_one("Russian jets struck Palmyra on Sunday, killing 12 people.")),
    "spine": Family("spine", "process_with_events: clean, date, geocode, extract", _raw_inputs(spine_one, 20_000), 60.0,
                    lambda: spine_one(_WARM_RAW)),
}


@dataclass
class Tally:
    family: str
    stage: str
    tried: int = 0
    crashes: int = 0
    internal: int = 0
    hangs: int = 0
    outcomes: Counter = field(default_factory=Counter)  # "ok" and rejection codes
    slowest: float = 0.0
    slowest_input: str = ""
    examples: list[str] = field(default_factory=list)  # the first few crashes and hangs

    def note(self, text: str) -> None:
        if len(self.examples) < 5:
            self.examples.append(text[:300])

    def as_dict(self) -> dict:
        rejected = {k: v for k, v in sorted(self.outcomes.items()) if k != "ok"}
        return {"family": self.family, "stage": self.stage, "tried": self.tried, "crashes": self.crashes,
                "internal": self.internal, "hangs": self.hangs, "accepted": self.outcomes.get("ok", 0),
                "rejected": rejected, "slowest_s": round(self.slowest, 3), "slowest_input": self.slowest_input,
                "examples": self.examples}


def run_family(family: Family, n: int, seed: int) -> Tally:
    tally = Tally(family.name, family.stage)
    rng = random.Random(f"{seed}-{family.name}")
    if family.warm is not None:
        family.warm()
    for label, call in family.inputs(rng, n):
        tally.tried += 1
        INTERNAL_REASONS.clear()
        start = time.perf_counter()
        try:
            outcomes, _ = bounded(call, family.seconds)
            for o in outcomes:
                tally.outcomes[o] += 1
                if o == E_INTERNAL:
                    tally.internal += 1
            for reason in INTERNAL_REASONS:
                tally.note(f"E_INTERNAL on {label}: {reason}")
        except Hang as exc:
            tally.hangs += 1
            tally.note(f"hang on {label}: {exc}")
        except Exception as exc:  # noqa: BLE001 - counted, never fatal: the report goes on
            tally.crashes += 1
            where = traceback.format_exc(limit=-1).splitlines()[-3].strip()  # the innermost frame
            tally.note(f"{type(exc).__name__} on {label}: {exc} @ {where}")
        elapsed = time.perf_counter() - start
        if elapsed > tally.slowest:
            tally.slowest, tally.slowest_input = elapsed, label
    return tally


def run_regex_audit(n: int) -> Tally:
    """Every pattern over the adversarial strings at 20 kB (``n`` >= 100: also at 50 kB)."""
    tally = Tally("regex-audit", "every compiled regex in src/sitrep, finditer over adversarial strings")
    patterns = collect_patterns()
    sets = [adversarial_texts(20_000)] + ([adversarial_texts(50_000)] if n >= 100 else [])
    for strings in sets:
        for where, pattern in patterns:
            tally.tried += len(strings)
            try:
                verdict = audit_pattern(where, pattern, strings)
            except Exception as exc:  # noqa: BLE001
                tally.crashes += 1
                tally.note(f"{where}: {type(exc).__name__}: {exc}")
                continue
            tally.hangs += len(verdict.problems)
            for p in verdict.problems:
                tally.note(f"{where}: {p}")
            tally.outcomes["ok"] += len(strings) - len(verdict.problems)
            if verdict.seconds > tally.slowest:
                tally.slowest = verdict.seconds
                tally.slowest_input = f"{where} on {verdict.slowest!r} ({len(next(iter(strings.values())))} chars)"
    return tally


def markdown(tallies: list[Tally]) -> str:
    rows = ["| family | tried | crashes | E_INTERNAL | hangs | accepted | rejected by code | slowest (s) "
            "| slowest input |",
            "|---|---:|---:|---:|---:|---:|---|---:|---|"]
    for t in tallies:
        d = t.as_dict()
        codes = ", ".join(f"{k} {v}" for k, v in d["rejected"].items()) or "-"
        rows.append(f"| {t.family} | {t.tried} | {t.crashes} | {t.internal} | {t.hangs} | {d['accepted']} | {codes} "
                    f"| {d['slowest_s']:.2f} | {t.slowest_input} |")
    notes = [f"- {t.family}: {e}" for t in tallies for e in t.examples]
    return "\n".join(rows + ([""] + notes if notes else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=60, help="inputs per family (default 60: a few minutes)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--family", action="append", choices=[*FAMILIES, "regex-audit"],
                        help="run only these families (repeatable)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    args = parser.parse_args(argv)
    # The spine logs each E_INTERNAL with its traceback; the table counts them, the first few
    # are quoted under it.
    logging.getLogger("sitrep").setLevel(logging.CRITICAL)
    chosen = args.family or [*FAMILIES, "regex-audit"]
    tallies = []
    started = time.perf_counter()
    for name in chosen:
        t0 = time.perf_counter()
        if name == "regex-audit":
            tally = run_regex_audit(args.examples)
        else:
            tally = run_family(FAMILIES[name], args.examples, args.seed)
        tallies.append(tally)
        print(f"[{name}: {tally.tried} inputs in {time.perf_counter() - t0:.0f} s]", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps({"examples": args.examples, "seed": args.seed, "seconds": round(time.perf_counter() - started),
                          "families": [t.as_dict() for t in tallies]}, indent=2, ensure_ascii=False))
    else:
        print(f"fuzz_report --examples {args.examples} --seed {args.seed}: {time.perf_counter() - started:.0f} s\n")
        print(markdown(tallies))
    return 1 if any(t.crashes or t.hangs or t.internal for t in tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
