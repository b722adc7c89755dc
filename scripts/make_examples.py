#!/usr/bin/env python3
"""Build the bundled demo corpus in ``examples/`` from the FA-KES dataset.

    .venv/bin/python scripts/make_examples.py

Reads ``../shared/data/fa-kes/FA-KES-Dataset.csv`` (relative to the repository root; ISO-8859-1
CSV with columns unit_id, article_title, article_content, source, date (M/D/YYYY), location,
labels) and writes about 60 of its articles as the input formats users actually have:

    examples/txt/<outlet>-<unit_id>.txt     plain text: title, blank line, body
    examples/html/<outlet>-<unit_id>.html   web pages with per-outlet site furniture
    examples/articles.jsonl                 JSON Lines records (id "fakes-<unit_id>")
    examples/archive.warc.gz                WARC with HTTP response records
    examples/feed.rss                       RSS 2.0 feed, full text in <description>
    examples/MANIFEST.csv                   ground truth per document (dates, Palmyra, format)
    examples/NOTICE                         attribution and what the generator added

Every article that mentions Palmyra (or Tadmur/Tadmor) is included; the rest is a seeded sample
spread over outlets and years. About a third of the publication dates are dropped on purpose:
for those the date appears nowhere in the file's metadata (the article's own text is left as it
is and may still state a date). The article texts are never altered; the generator only splits
FA-KES's single-paragraph bodies into paragraphs at sentence boundaries and adds furniture
(site chrome, comments, share widgets, ...) around them.

The output is deterministic: a fixed seed, no wall-clock time, fixed WARC record ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import html
import io
import json
import random
import re
import sys
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

SEED = 20190604  # fixed: the corpus must be reproducible
ROOT = Path(__file__).resolve().parents[1]
CSV_PATH = ROOT.parent / "shared" / "data" / "fa-kes" / "FA-KES-Dataset.csv"
OUT = ROOT / "examples"

N_TOTAL = 60
FORMAT_SIZES = {"txt": 15, "html": 15, "jsonl": 12, "warc": 10, "rss": 8}
N_NOISY_TXT = 8
N_NOISY_JSONL = 4
PALMYRA_RE = re.compile(r"palmyr|tadmu?r|tadmor", re.I)
YEAR_RE = re.compile(r"(?:19|20)\d\d")

# --------------------------------------------------------------------------------------------
# Outlets: real domains, invented (but plausible) URL shapes, slogans, nav menus and templates.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    home: str
    style: str  # html template: wp, portal, modern, agency
    tz: str  # UTC offset used for the (invented) time of day
    date_meta: tuple[str, ...]  # where a kept date goes: "meta" (article:published_time), "jsonld", "time"
    slogan: str
    nav: tuple[str, ...]
    crumbs: tuple[str, ...]
    authors: tuple[str, ...]
    prefs: tuple[str, ...]  # preferred formats, most likely first
    color: str
    dateline: str = "Published: {d:%d %B %Y}"  # how a scraped .txt shows a kept date
    follow: str = "Follow us on Twitter"
    trailer: str | None = None  # a "Source: ..." line some sites append


OUTLETS: dict[str, Outlet] = {o.key: o for o in [
    Outlet("ahram", "Ahram Online", "https://english.ahram.org.eg/", "portal", "+02:00", ("meta",),
           "Ahram Online - Egypt's news in English", ("Egypt", "World", "Business", "Opinion", "Sports", "Arts & Culture", "Multimedia"),
           ("Home", "World", "Region"), ("Ahram Online", "AFP", "Reuters"), ("html", "warc"), "#1d4f91", dateline="{d:%A %d %b %Y}"),
    Outlet("manar", "Al-Manar TV", "https://english.almanar.com.lb/", "wp", "+03:00", ("meta",),
           "Al-Manar TV Lebanon - English Website", ("Home", "Lebanon", "Middle East", "World", "Programs", "Videos", "Live"),
           ("Home", "Middle East", "Syria"), ("Al-Manar Website Editor", "Staff"), ("txt", "rss"), "#b3001b", dateline="Posted on {d:%B} {d.day}, {d:%Y} by {author}",
           trailer="Source: News Agencies"),
    Outlet("alalam", "Alalam News Network", "https://en.alalamtv.net/", "wp", "+03:30", ("meta", "time"),
           "Alalam - News Network", ("News", "Middle East", "Iran", "World", "Interviews", "Videos"),
           ("Home", "News", "Middle East"), ("Alalam News", "Editorial desk"), ("txt", "rss"), "#0b6e4f", dateline="{d:%a %b} {d.day} {d:%Y} {d:%H:%M}",
           trailer="Source: Alalam"),
    Outlet("alaraby", "The New Arab", "https://english.alaraby.co.uk/", "modern", "+00:00", ("meta", "jsonld"),
           "The New Arab - News and analysis from the Middle East", ("News", "Analysis", "Opinion", "Features", "In Depth", "Society"),
           ("Home", "News", "Syria"), ("The New Arab Staff", "The New Arab & agencies"), ("warc", "html"), "#c8102e"),
    Outlet("dailysabah", "Daily Sabah", "https://www.dailysabah.com/", "modern", "+03:00", ("meta", "jsonld", "time"),
           "Daily Sabah - Turkish News", ("Turkey", "Politics", "Business", "Mideast", "World", "Opinion", "Sports"),
           ("Home", "Mideast", "Syrian Crisis"), ("Daily Sabah with Agencies", "Anadolu Agency"), ("html", "jsonl"), "#0c2340"),
    Outlet("sana", "Syrian Arab News Agency", "https://sana.sy/en/", "wp", "+03:00", ("meta",),
           "SANA - Syrian Arab News Agency", ("Home", "Syria", "Politics", "Local", "Economy", "Culture", "Sports"),
           ("Home", "Syria"), ("SANA", "Mazen Eyon", "Manar Salameh"), ("txt", "rss"), "#b8860b", dateline="{d.day} {d:%B %Y}"),
    Outlet("sputnik", "Sputnik International", "https://sputniknews.com/", "agency", "+03:00", ("meta", "jsonld"),
           "Sputnik International - Breaking News & Analysis", ("World", "Russia", "Middle East", "Military", "Politics", "Analysis"),
           ("Home", "Middle East"), ("Sputnik", "Sputnik News"), ("warc", "jsonl"), "#f60"),
    Outlet("etilaf", "National Coalition of Syrian Revolution and Opposition Forces", "https://en.etilaf.org/", "wp", "+03:00", ("meta",),
           "Syrian Coalition - Media Office", ("Home", "All News", "Press Releases", "Statements", "Reports", "About Us"),
           ("Home", "All News", "News"), ("Syrian Coalition Media Office",), ("txt", "jsonl"), "#006233", dateline="{d:%A %d %B %Y}",
           trailer="Source: Syrian Coalition's Media Office"),
    Outlet("trt", "TRT World", "https://www.trtworld.com/", "modern", "+03:00", ("jsonld",),
           "TRT World - Putting the human back into the story", ("Turkey", "Middle East", "Europe", "Americas", "Asia", "Africa", "Video"),
           ("Home", "Middle East"), ("TRT World and agencies", "TRT World"), ("html", "warc"), "#e20a17",
           trailer="Source: TRT World and agencies"),
    Outlet("jordantimes", "The Jordan Times", "https://www.jordantimes.com/", "wp", "+03:00", ("meta", "time"),
           "Jordan Times - Jordan's English-language daily", ("Home", "Local", "Region", "World", "Business", "Opinion", "Sports"),
           ("Home", "News", "Region"), ("AFP", "Reuters", "Jordan Times"), ("html", "jsonl"), "#8b0000"),
    Outlet("reuters", "Reuters", "https://www.reuters.com/", "modern", "+00:00", ("jsonld",),
           "Reuters - Business & Financial News, World News", ("World", "Business", "Markets", "Politics", "Technology", "Breakingviews"),
           ("Home", "World", "Middle East"), ("Reuters Staff",), ("jsonl", "rss"), "#ff8000"),
    Outlet("arabiya", "Al Arabiya English", "https://english.alarabiya.net/", "agency", "+03:00", ("meta", "jsonld"),
           "Al Arabiya English - The leading source for news in the Middle East", ("News", "Gulf", "Middle East", "World", "Business", "Features", "Views"),
           ("Home", "News", "Middle East"), ("Al Arabiya English", "AFP, Beirut"), ("jsonl", "html"), "#00447c"),
    Outlet("nna", "National News Agency", "https://nna-leb.gov.lb/en/", "portal", "+03:00", ("meta",),
           "NNA - National News Agency - Lebanon", ("Home", "Politics", "Security", "Economy", "Regional & International", "Culture"),
           ("Home", "Regional & International"), ("NNA",), ("jsonl", "txt"), "#7a1f2b", dateline="{d:%a %d %b %Y} at {d:%H:%M}",
           trailer="Source: News Agencies"),
    Outlet("asharqalawsat", "Asharq Al-Awsat", "https://english.aawsat.com/", "portal", "+03:00", ("meta", "jsonld"),
           "Asharq Al-Awsat - English edition", ("Home", "News", "Arab World", "World", "Opinion", "Business", "Features"),
           ("Home", "News", "Arab World"), ("Asharq Al-Awsat", "Beirut- Asharq Al-Awsat"), ("html", "warc"), "#1a7f64"),
    Outlet("tass", "TASS", "https://tass.com/", "agency", "+03:00", ("jsonld",),
           "TASS Russian News Agency", ("Russia", "World", "Politics", "Economy", "Military & Defense", "Science & Space"),
           ("Home", "World"), ("TASS",), ("jsonl", "warc"), "#1c3f94"),
]}

# Invented furniture: reader comments, commenter names, captions, author bios. Nothing here
# names a place of the corpus or a date, so it cannot be mistaken for article content.
COMMENTS = (
    "May God have mercy on the innocent victims. When will this end?",
    "Every side claims victory while ordinary people pay the price.",
    "Where is the UN in all of this? Statements are not enough.",
    "I would like to see independent confirmation of these numbers before anyone draws conclusions.",
    "Thank you for reporting this, most channels have moved on to other stories.",
    "Propaganda as usual. Read several sources before you believe anything.",
    "My family is from this area. Please pray for them.",
    "The people deserve peace. Enough is enough.",
    "Who benefits from this? Follow the money and the weapons.",
    "Sad news again. The world has simply stopped paying attention.",
    "Excellent coverage, keep up the good work.",
    "The headline says one thing and the article says another. Which is it?",
)
COMMENTERS = ("Abu Omar", "Sarah K.", "Truthseeker", "Layla M.", "Karim", "Nour", "Observer",
              "Mike R.", "Rami H.", "Ahmad", "J. Peterson", "Hala", "Concerned reader", "Yusuf")
AGO = ("12 minutes ago", "1 hour ago", "2 hours ago", "5 hours ago", "9 hours ago", "1 day ago", "2 days ago")
CAPTIONS = (
    "Smoke rises after an air strike on a residential district. (AFP)",
    "Civil defence members search for survivors under the rubble. (Reuters)",
    "A damaged street after the shelling. (File photo)",
    "Residents inspect the site of the attack. (AP)",
    "Displaced families gather near a checkpoint. (AFP)",
    "Fighters stand guard at a position on the front line. (Reuters)",
)
PERSONS = {"Mazen Eyon", "Manar Salameh"}
BIO_NAMES = ("Sami Haddad", "Rana Khoury", "Omar Fayad", "Lina Saleh", "Karim Nassar", "Dana Haidar")


# --------------------------------------------------------------------------------------------
# Reading FA-KES and choosing the articles
# --------------------------------------------------------------------------------------------


@dataclass
class Item:
    unit_id: str
    title: str
    text: str
    outlet: str
    date: dt.date
    location: str
    label: str
    palmyra: bool
    fmt: str = ""
    dated: bool = True
    noisy: bool = False
    paras: list[str] = field(default_factory=list)
    url: str = ""
    published: dt.datetime | None = None  # date + an invented time of day, in the outlet's offset
    crawled: dt.datetime | None = None  # for WARC records: a crawl after publication (UTC)
    path: str = ""
    doc_id: str = ""


def read_fakes() -> list[dict]:
    with open(CSV_PATH, encoding="iso-8859-1", newline="") as f:
        rows = list(csv.DictReader(f))
    if len(rows) != 804:
        sys.exit(f"expected 804 rows in {CSV_PATH}, found {len(rows)}")
    return rows


def parse_mdy(value: str) -> dt.date:
    m, d, y = (int(x) for x in value.strip().split("/"))
    return dt.date(y, m, d)


def to_item(row: dict) -> Item:
    title, text = row["article_title"].strip(), row["article_content"].strip()
    return Item(unit_id=row["unit_id"].strip(), title=title, text=text, outlet=row["source"].strip(),
                date=parse_mdy(row["date"]), location=row["location"].strip(), label=row["labels"].strip(),
                palmyra=bool(PALMYRA_RE.search(title + " " + text)))


_MONTHS = {m[:3]: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_TEXT_DATES = (
    (re.compile(r"\b(\d{1,2}) ([A-Z][a-z]{2,8})\.? (\d{4})\b"), lambda g: (g[2], g[1], g[0])),  # 5 April 2017
    (re.compile(r"\b([A-Z][a-z]{2,8})\.? (\d{1,2}),? ?(\d{4})\b"), lambda g: (g[2], g[0], g[1])),  # April 5 2017, Apr 232017
    (re.compile(r"\b(\d{2})[-.](\d{2})[-.](\d{4})\b"), lambda g: (g[2], g[1], g[0])),  # 05-04-2017, 05.04.2017
)


def text_date(text: str) -> dt.date | None:
    """The dateline an article's own text opens with (first date in its first 250 characters), if
    any. Only used to flag disagreement with FA-KES's date column; a heuristic, not ground truth."""
    head = text[:250]
    found = []
    for rx, order in _TEXT_DATES:
        for m in rx.finditer(head):
            y, mo, d = order(m.groups())
            month = int(mo) if mo.isdigit() else _MONTHS.get(mo[:3].lower())
            try:
                found.append((m.start(), dt.date(int(y), month, int(d))))
            except (TypeError, ValueError):
                continue
    return min(found)[1] if found else None


def choose(rows: list[dict], rng: random.Random) -> tuple[list[Item], list[Item]]:
    """All Palmyra articles plus a seeded sample spread over outlets and years; also returns the
    unused, non-Palmyra articles (their headlines fill "related" and "read more" furniture)."""
    ids = Counter(r["unit_id"] for r in rows)
    seen: set[str] = set()
    items = []
    for r in rows:  # repeated unit_ids: keep the first row only
        if r["unit_id"] in seen:
            continue
        seen.add(r["unit_id"])
        items.append(to_item(r))
    palmyra = [it for it in items if it.palmyra]
    # The random part avoids unit_ids that FA-KES lists more than once (they would clash in names)
    # and articles whose own dateline contradicts FA-KES's date column (a label error, most likely:
    # the manifest's true date would be wrong). The Palmyra articles are all kept regardless.
    pool = [it for it in items if not it.palmyra and ids[it.unit_id] == 1
            and text_date(it.text) in (None, it.date)]
    # outlet -> year -> candidates (seeded order)
    cands: dict[str, dict[int, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for it in sorted(pool, key=lambda it: it.unit_id):
        cands[it.outlet][it.date.year].append(it)
    for outlet in sorted(cands):
        for y in sorted(cands[outlet]):
            rng.shuffle(cands[outlet][y])
    # Round-robin over outlets (one pick each per round); within an outlet take the year least
    # represented so far, so the sample spreads over time and not only over outlets.
    years = Counter(it.date.year for it in palmyra)
    sample: list[Item] = []
    need = N_TOTAL - len(palmyra)
    order = sorted(cands)
    rng.shuffle(order)
    while len(sample) < need:
        for outlet in order:
            avail = sorted(y for y in cands[outlet] if cands[outlet][y])
            if not avail or len(sample) >= need:
                continue
            low = min(years[y] for y in avail)
            y = rng.choice([y for y in avail if years[y] == low])
            sample.append(cands[outlet][y].pop())
            years[y] += 1
    chosen = palmyra + sample
    chosen_ids = {it.unit_id for it in chosen}
    spare = [it for it in items if it.unit_id not in chosen_ids and not it.palmyra]
    return chosen, spare


def assign_formats(items: list[Item], rng: random.Random) -> None:
    """Each outlet mostly arrives in one or two formats (one scraper per site), within the sizes."""
    left = dict(FORMAT_SIZES)
    order = items[:]
    rng.shuffle(order)
    order.sort(key=lambda it: not it.palmyra)  # Palmyra first, so they spread across formats too
    for it in order:
        prefs = [f for f in OUTLETS[it.outlet].prefs if left[f] > 0]
        if it.palmyra:
            # no format should hold more than its share of Palmyra articles
            n_pal = sum(x.palmyra for x in items)
            share = {f: round(FORMAT_SIZES[f] * n_pal / N_TOTAL) + 1 for f in FORMAT_SIZES}
            have = Counter(x.fmt for x in items if x.palmyra and x.fmt)
            prefs = [f for f in prefs if have[f] < share[f]]
        if prefs:
            it.fmt = prefs[0]
        else:
            free = sorted((f for f in left if left[f] > 0), key=lambda f: (-left[f], f))
            it.fmt = free[0]
        left[it.fmt] -= 1


def allocate(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Largest-remainder allocation of ``total`` over keys, proportional to weights, capped."""
    s = sum(weights.values())
    raw = {k: total * w / s if s else 0 for k, w in weights.items()}
    out = {k: min(int(v), weights[k]) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: (-(raw[k] - int(raw[k])), k)):
        if sum(out.values()) >= total:
            break
        if out[k] < weights[k]:
            out[k] += 1
    return out


def drop_dates(items: list[Item], rng: random.Random) -> None:
    """Drop a third of the dates, spread over formats, and at least a third of the Palmyra ones."""
    n_pal = sum(it.palmyra for it in items)
    undated_pal = -(-n_pal // 3)  # ceil
    undated_rest = round(len(items) / 3) - undated_pal
    for palm, total in ((True, undated_pal), (False, undated_rest)):
        groups: dict[str, list[Item]] = defaultdict(list)
        for it in items:
            if it.palmyra == palm:
                groups[it.fmt].append(it)
        quota = allocate(total, {f: len(groups[f]) for f in sorted(groups)})
        for f in sorted(groups):
            g = sorted(groups[f], key=lambda it: it.unit_id)
            rng.shuffle(g)
            # spread over outlets too: each outlet's first candidate, then each one's second, ...
            rank: Counter[str] = Counter()
            keyed = []
            for it in g:
                keyed.append((rank[it.outlet], it))
                rank[it.outlet] += 1
            keyed.sort(key=lambda pair: pair[0])
            for _, it in keyed[: quota[f]]:
                it.dated = False


# --------------------------------------------------------------------------------------------
# Text: paragraphs at sentence boundaries (without touching a character of the sentences)
# --------------------------------------------------------------------------------------------

ABBREV = {
    "mr.", "mrs.", "ms.", "dr.", "gen.", "lt.", "col.", "maj.", "capt.", "sgt.", "st.", "no.", "vs.",
    "jan.", "feb.", "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", "jr.", "sr.",
    "inc.", "co.", "corp.", "rep.", "sen.", "gov.", "prof.", "brig.", "adm.", "al.", "approx.", "est.",
}
_END = re.compile(r"[.!?][\"')\]]*$")


def sentence_breaks(text: str) -> list[int]:
    """Indexes of single spaces that end a sentence."""
    out = []
    for m in re.finditer(r"(?<=\S) (?=\S)", text):
        i = m.start()
        before = text[:i].rsplit(None, 1)[-1]
        after = text[i + 1 :]
        if not _END.search(before):
            continue
        word = before.rstrip("\"')]")
        if word.lower() in ABBREV:
            continue
        if re.fullmatch(r"(?:[A-Za-z]\.)+", word):  # initials and acronyms: U.S. / U.N. / A.
            continue
        if re.fullmatch(r"\.\.\.|…", word[-3:]) and len(word) <= 3:
            continue
        if not re.match(r"[\"'(\[]?[A-Z0-9]", after):
            continue
        out.append(i)
    return out


def paragraphs(text: str, rng: random.Random) -> list[str]:
    breaks = sentence_breaks(text)
    sentences, start = [], 0
    for i in breaks:
        sentences.append(text[start:i])
        start = i + 1
    sentences.append(text[start:])
    paras, k = [], 0
    while k < len(sentences):
        n = rng.randint(2, 4)
        if len(sentences) - (k + n) == 1:  # no lone sentence at the end
            n += 1
        paras.append(" ".join(sentences[k : k + n]))
        k += n
    assert " ".join(paras) == text, "paragraph split altered the text"
    return paras


# --------------------------------------------------------------------------------------------
# Names, URLs, times
# --------------------------------------------------------------------------------------------


def slugify(title: str, words: int = 9) -> str:
    s = title.lower().replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return "-".join(s.split("-")[:words]) or "article"


def number(rng: random.Random, digits: int) -> str:
    """A random id of ``digits`` digits that does not look like it contains a year."""
    while True:
        n = str(rng.randint(10 ** (digits - 1), 10**digits - 1))
        if not YEAR_RE.search(n):
            return n


def token(rng: random.Random, n: int) -> str:
    while True:
        t = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(n))
        if not YEAR_RE.search(t):
            return t


def make_url(o: Outlet, title: str, d: dt.date | None, rng: random.Random) -> str:
    """A plausible article URL on the outlet's real domain; a date in it only when ``d`` is given."""
    slug = slugify(title)
    k = o.key
    if k == "ahram":
        return f"https://english.ahram.org.eg/NewsContent/2/8/{number(rng, 6)}/World/Region/{slug}.aspx"
    if k == "manar":
        return f"https://english.almanar.com.lb/{number(rng, 6)}"
    if k == "alalam":
        return f"https://en.alalamtv.net/news/{number(rng, 7)}/{slug}"
    if k == "alaraby":
        if d:
            return f"https://english.alaraby.co.uk/english/news/{d.year}/{d.month}/{d.day}/{slug}"
        return f"https://www.newarab.com/news/{slug}"
    if k == "dailysabah":
        if d:
            return f"https://www.dailysabah.com/mideast/{d:%Y/%m/%d}/{slug}"
        return f"https://www.dailysabah.com/mideast/syrian-crisis/{slug}"
    if k == "sana":
        return f"https://sana.sy/en/?p={number(rng, 5)}"
    if k == "sputnik":
        if d:
            return f"https://sputniknews.com/middleeast/{d:%Y%m%d}{number(rng, 10)}-{slugify(title, 5)}/"
        return f"https://sputniknews.com/middleeast/{slugify(title, 6)}-{number(rng, 10)}.html"
    if k == "etilaf":
        return f"https://en.etilaf.org/all-news/news/{slug}.html"
    if k == "trt":
        return f"https://www.trtworld.com/mea/{slug}-{number(rng, 5)}"
    if k == "jordantimes":
        return f"https://www.jordantimes.com/news/region/{slug}"
    if k == "reuters":
        return f"https://www.reuters.com/article/us-mideast-crisis-syria-{slugify(title, 2)}/{slug}-idUSKBN{token(rng, 6)}"
    if k == "arabiya":
        if d:
            camel = "-".join(w.capitalize() for w in slugify(title).split("-"))
            return f"https://english.alarabiya.net/en/News/middle-east/{d:%Y/%m/%d}/{camel}.html"
        return f"https://english.alarabiya.net/News/middle-east/{slug}"
    if k == "nna":
        return f"https://nna-leb.gov.lb/en/regional-international/{number(rng, 6)}/{slug}"
    if k == "asharqalawsat":
        return f"https://english.aawsat.com/home/article/{number(rng, 6)}/{slug}"
    if k == "tass":
        return f"https://tass.com/world/{number(rng, 6)}"
    raise KeyError(k)


def tzinfo(offset: str) -> dt.timezone:
    sign = -1 if offset[0] == "-" else 1
    h, m = offset[1:].split(":")
    return dt.timezone(sign * dt.timedelta(hours=int(h), minutes=int(m)))


def publish_time(it: Item, rng: random.Random) -> dt.datetime:
    """The day FA-KES gives plus an invented time of day, chosen so the day is the same in UTC."""
    o = OUTLETS[it.outlet]
    return dt.datetime(it.date.year, it.date.month, it.date.day, rng.randint(8, 19), rng.randint(0, 59),
                       rng.choice((0, 0, 12, 37)), tzinfo=tzinfo(o.tz))


def crawl_time(it: Item, rng: random.Random) -> dt.datetime:
    """A crawl a few days to a few weeks after publication, in UTC."""
    day = it.date + dt.timedelta(days=rng.randint(3, 40))
    return dt.datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                       tzinfo=dt.timezone.utc)


# --------------------------------------------------------------------------------------------
# Furniture shared by the formats
# --------------------------------------------------------------------------------------------


@dataclass
class Furniture:
    author: str
    caption: str
    related: list[tuple[str, str]]  # (headline, url)
    comments: list[tuple[str, str, str]]  # (name, when, text)
    read_more: str
    bio_name: str
    bio_posts: list[str]
    video_id: str


def furniture(it: Item, spare_by_outlet: dict[str, list[Item]], spare_all: list[Item], rng: random.Random) -> Furniture:
    o = OUTLETS[it.outlet]
    def near(xs: list[Item]) -> list[Item]:
        # related items are the site's stories from around the same time, older ones first
        return sorted(xs, key=lambda x: (abs((x.date - it.date).days) + (45 if x.date > it.date else 0), x.unit_id))

    own = near(spare_by_outlet.get(it.outlet, []))[:14]
    # the outlet's own other headlines; a small outlet borrows some from the rest of FA-KES
    pool = own if len(own) >= 9 else own + near([x for x in spare_all if x.outlet != it.outlet])[: 14 - len(own)]
    picks = rng.sample(pool, 9)
    related = [(x.title, make_url(o, x.title, None, rng)) for x in picks[:4]]
    names = rng.sample(COMMENTERS, 3)
    texts = rng.sample(COMMENTS, 3)
    whens = sorted(rng.sample(AGO, 3), key=AGO.index, reverse=True)
    ncom = rng.choice((2, 3))
    return Furniture(
        author=rng.choice(o.authors),
        caption=rng.choice(CAPTIONS),
        related=related,
        comments=list(zip(names, whens, texts))[:ncom],
        read_more=picks[4].title,
        bio_name=rng.choice(BIO_NAMES),
        bio_posts=[x.title for x in rng.sample(pool, 5)],
        video_id=str(rng.randint(11, 480)),
    )


def dateline(it: Item, o: Outlet, fu: Furniture) -> str | None:
    """The line a scraped page's byline leaves in flattened text: the only place a .txt file can
    state its publication date. None when the date was dropped."""
    return o.dateline.format(d=it.published, author=fu.author) if it.dated else None


def noisy_text(it: Item, o: Outlet, fu: Furniture, rng: random.Random, light: bool = False,
               date_line: str | None = None) -> str:
    """Already-flattened scraped text: the article's paragraphs with the site's furniture as lines."""
    blocks: list[str] = []
    top = ["Skip to content", o.slogan]
    if not light:
        top.append(" ".join(o.nav))
        top.append(o.follow)
    blocks.append("\n".join(top))
    if date_line:
        blocks.append(date_line)
    use_caption = rng.random() < 0.7
    use_video = rng.random() < 0.35
    for i, p in enumerate(it.paras):
        blocks.append(p)
        if i == 0 and use_caption:
            blocks.append(f"{fu.caption}\n{fu.caption}")
        if i == 0 and use_video:
            blocks.append(f'[fvplayer id="{fu.video_id}"]')
        if i == min(1, len(it.paras) - 1) and len(it.paras) > 2:
            blocks.append(f"READ MORE: {fu.read_more}")
    blocks.append("Share this: Facebook Twitter WhatsApp Email")
    if o.trailer or rng.random() < 0.5:
        blocks.append(o.trailer or "Source: News Agencies")
    if not light:
        if rng.random() < 0.6:
            blocks.append("\n".join([f"About {fu.bio_name}", f"{fu.bio_name} covers the region for {o.name}.",
                                     f"Last 5 posts by {fu.bio_name}"] + [f"- {t}" for t in fu.bio_posts]))
        lines = [f"{len(fu.comments)} thoughts on \u201c{it.title}\u201d"]
        for name, when, text in fu.comments:
            lines += [f"{name} says:", when, text, "Reply"]
        blocks.append("\n".join(lines))
        blocks.append("\n".join(["Leave a Reply", "Your email address will not be published. Required fields are marked *",
                                 "Comment", "Name *", "Email *", "Website", "Post Comment"]))
    blocks.append(o.follow)
    return "\n\n".join(blocks)


def plain_text(it: Item) -> str:
    return "\n\n".join(it.paras)


# --------------------------------------------------------------------------------------------
# HTML pages
# --------------------------------------------------------------------------------------------

e = html.escape


def iso_ts(t: dt.datetime) -> str:
    return t.isoformat()


def jsonld(it: Item, o: Outlet, fu: Furniture, image: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": it.url},
        "headline": it.title[:110],
        "image": [image],
        "author": {"@type": "Person" if fu.author in PERSONS else "Organization", "name": fu.author},
        "publisher": {"@type": "Organization", "name": o.name, "logo": {"@type": "ImageObject", "url": o.home + "static/logo.png"}},
        "articleSection": o.crumbs[-1],
        "inLanguage": "en",
    }
    if it.dated and "jsonld" in o.date_meta:
        data["datePublished"] = iso_ts(it.published)
    blob = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{blob}\n</script>'


def head(it: Item, o: Outlet, fu: Furniture, image: str, extra_css: str) -> str:
    meta = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(it.title)} - {e(o.name)}</title>",
        f'<link rel="canonical" href="{e(it.url)}">',
        f'<meta name="description" content="{e(it.title)}">',
        f'<meta property="og:site_name" content="{e(o.name)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{e(it.title)}">',
        f'<meta property="og:url" content="{e(it.url)}">',
        f'<meta property="og:image" content="{e(image)}">',
        '<meta property="og:locale" content="en_US">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta property="article:section" content="{e(o.crumbs[-1])}">',
    ]
    if it.dated and "meta" in o.date_meta:
        meta.append(f'<meta property="article:published_time" content="{iso_ts(it.published)}">')
    meta.append(f'<link rel="stylesheet" href="{o.home}static/css/main.min.css">')
    meta.append(f"<style>{extra_css}</style>")
    meta.append(jsonld(it, o, fu, image))
    meta.append("<script async src=\"https://www.googletagmanager.com/gtag/js?id=UA-0000000-1\"></script>\n"
                "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
                "gtag('js',new Date());gtag('config','UA-0000000-1');</script>")
    return "<head>\n" + "\n".join(meta) + "\n</head>"


def visible_date(it: Item, o: Outlet) -> str:
    if not (it.dated and "time" in o.date_meta):
        return ""
    t = it.published
    return f' <time class="published" datetime="{iso_ts(t)}" itemprop="datePublished">{t:%d %B %Y}</time>'


def share_buttons(url: str, cls: str) -> str:
    u = quote(url, safe="")
    return (f'<div class="{cls}"><span>Share</span><ul>'
            f'<li><a href="https://www.facebook.com/sharer/sharer.php?u={u}" rel="nofollow">Facebook</a></li>'
            f'<li><a href="https://twitter.com/intent/tweet?url={u}" rel="nofollow">Twitter</a></li>'
            f'<li><a href="https://api.whatsapp.com/send?text={u}" rel="nofollow">WhatsApp</a></li>'
            f'<li><a href="mailto:?body={u}">Email</a></li>'
            f'<li><button type="button" class="print">Print</button></li></ul></div>')


def nav_html(o: Outlet, cls: str) -> str:
    items = "".join(f'<li><a href="{o.home}{slugify(n)}">{e(n)}</a></li>' for n in o.nav)
    return f'<nav class="{cls}" aria-label="Main menu"><ul>{items}</ul></nav>'


def crumbs_html(o: Outlet, it: Item, cls: str) -> str:
    parts = [f'<a href="{o.home}">{e(o.crumbs[0])}</a>']
    parts += [f'<a href="{o.home}{slugify(c)}">{e(c)}</a>' for c in o.crumbs[1:]]
    return f'<div class="{cls}">' + " &raquo; ".join(parts) + "</div>"


def related_html(fu: Furniture, cls: str, heading: str) -> str:
    items = "".join(f'<li><a href="{e(u)}">{e(t)}</a></li>' for t, u in fu.related)
    return f'<aside class="{cls}"><h3>{heading}</h3><ul>{items}</ul></aside>'


def newsletter_html(o: Outlet, cls: str) -> str:
    return (f'<div class="{cls}"><h3>Newsletter</h3><p>Get the top stories from {e(o.name)} in your inbox every morning.</p>'
            f'<form action="{o.home}newsletter/subscribe" method="post"><input type="email" name="email" placeholder="Your email address">'
            '<button type="submit">Subscribe</button></form></div>')


def comments_html(it: Item, fu: Furniture, style: str) -> str:
    li = []
    for n, (name, when, text) in enumerate(fu.comments, start=1):
        li.append(f'<li class="comment" id="comment-{n}"><div class="comment-author vcard"><b class="fn">{e(name)}</b> <span class="says">says:</span></div>'
                  f'<div class="comment-metadata">{when}</div><div class="comment-content"><p>{e(text)}</p></div>'
                  '<div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div></li>')
    heading = (f"{len(fu.comments)} thoughts on &ldquo;{e(it.title)}&rdquo;" if style == "wp"
               else f"Comments ({len(fu.comments)})")
    return (f'<section id="comments" class="comments-area"><h2 class="comments-title">{heading}</h2>'
            f'<ol class="comment-list">{"".join(li)}</ol>'
            '<div id="respond" class="comment-respond"><h3 class="comment-reply-title">Leave a Reply</h3>'
            '<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">'
            '<p class="comment-notes">Your email address will not be published. Required fields are marked *</p>'
            '<p><label for="comment">Comment</label><textarea id="comment" name="comment" rows="6"></textarea></p>'
            '<p><label for="author">Name *</label><input id="author" name="author" type="text"></p>'
            '<p><label for="email">Email *</label><input id="email" name="email" type="email"></p>'
            '<p><label for="url">Website</label><input id="url" name="url" type="url"></p>'
            '<p class="form-submit"><input name="submit" type="submit" value="Post Comment"></p></form></div></section>')


def footer_html(o: Outlet, cls: str) -> str:
    links = "".join(f'<li><a href="{o.home}{slugify(x)}">{x}</a></li>' for x in ("About Us", "Contact Us", "Advertise", "Privacy Policy", "Terms of Use"))
    return (f'<footer class="{cls}"><ul class="footer-links">{links}</ul>'
            f'<p class="social">Follow us: <a href="https://twitter.com/">Twitter</a> <a href="https://www.facebook.com/">Facebook</a> <a href="https://www.youtube.com/">YouTube</a></p>'
            f"<p class=\"copyright\">&copy; {e(o.name)}. All rights reserved.</p></footer>")


def body_paras(it: Item, p_cls: str = "") -> str:
    attr = f' class="{p_cls}"' if p_cls else ""
    return "\n".join(f"<p{attr}>{e(p)}</p>" for p in it.paras)


def figure(fu: Furniture, image: str) -> str:
    return (f'<figure class="lead-image"><img src="{e(image)}" alt="{e(fu.caption)}" width="800" height="450">'
            f"<figcaption>{e(fu.caption)}</figcaption></figure>")


def page_wp(it: Item, o: Outlet, fu: Furniture, image: str) -> str:
    css = f".site-header{{background:{o.color}}}.entry-content p{{line-height:1.6}}"
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en-US">', head(it, o, fu, image, css),
        '<body class="post-template-default single single-post">',
        '<a class="skip-link screen-reader-text" href="#content">Skip to content</a>',
        '<div id="page" class="site">',
        f'<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="{o.home}" rel="home">{e(o.name)}</a></p>'
        f'<p class="site-description">{e(o.slogan)}</p></div>{nav_html(o, "main-navigation")}'
        '<form role="search" class="search-form"><input type="search" name="s" placeholder="Search &hellip;"></form></header>',
        '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">',
        crumbs_html(o, it, "breadcrumbs"),
        f'<article class="post type-post status-publish format-standard hentry"><header class="entry-header"><h1 class="entry-title">{e(it.title)}</h1>'
        f'<div class="entry-meta"><span class="byline">By <span class="author vcard">{e(fu.author)}</span></span>{visible_date(it, o)}</div></header>',
        figure(fu, image),
        f'<div class="entry-content">\n{body_paras(it)}\n</div>',
        share_buttons(it.url, "sharedaddy sd-sharing-enabled"),
        '<div class="ad-slot">Advertisement</div>',
        "</article>",
        related_html(fu, "jp-relatedposts", "Related"),
        comments_html(it, fu, "wp"),
        "</main></div>",
        f'<aside id="secondary" class="widget-area">{newsletter_html(o, "widget widget_newsletter")}'
        f'<section class="widget"><h2 class="widget-title">{e(o.follow)}</h2></section></aside></div>',
        footer_html(o, "site-footer"),
        "</div></body></html>",
    ])


def page_portal(it: Item, o: Outlet, fu: Furniture, image: str) -> str:
    css = f"#header{{border-bottom:4px solid {o.color}}}#divContent p{{font-size:15px}}"
    return "\n".join([
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="en">', head(it, o, fu, image, css),
        "<body>", '<form method="post" action="./" id="form1"><div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRk"></div>',
        '<a href="#maincontent" class="skip">Skip to content</a>',
        f'<div id="header"><div class="logo"><a href="{o.home}"><img src="{o.home}images/logo.png" alt="{e(o.name)}"></a></div>'
        f'<div class="topbar">{e(o.slogan)} | <a href="{o.home}rss">RSS</a> | <a href="{o.home}archive">Archive</a></div>'
        f'{nav_html(o, "menu")}</div>',
        '<div id="wrapper"><table class="layout" width="100%"><tr><td class="main" valign="top">',
        crumbs_html(o, it, "breadcrumb"),
        f'<div id="maincontent" class="news-article"><h1 id="ContentPlaceHolder1_hd">{e(it.title)}</h1>'
        f'<div class="byline" id="ContentPlaceHolder1_divByline">{e(fu.author)}{visible_date(it, o)}</div>',
        share_buttons(it.url, "share-bar"),
        figure(fu, image),
        f'<div id="ContentPlaceHolder1_divContent" class="article-text">\n{body_paras(it)}\n</div></div>',
        '<div class="tags">Short link: <input type="text" readonly value="' + e(o.home) + "News/" + number(random.Random(it.unit_id), 6) + '.aspx"></div>',
        comments_html(it, fu, "portal"),
        '</td><td class="side" valign="top" width="300">',
        related_html(fu, "related-news", "Related"),
        newsletter_html(o, "box newsletter"),
        '<div class="box most-read"><h3>Most Read</h3><ol><li><a href="#">Markets close higher</a></li><li><a href="#">Weather: mild temperatures expected</a></li></ol></div>',
        "</td></tr></table></div>",
        footer_html(o, "footer"),
        "</form></body></html>",
    ])


def page_modern(it: Item, o: Outlet, fu: Furniture, image: str) -> str:
    css = f".header__bar{{background:{o.color}}}.article-body__paragraph{{margin:0 0 1em}}"
    return "\n".join([
        "<!doctype html>", '<html lang="en" dir="ltr">', head(it, o, fu, image, css),
        '<body><div id="__next" data-reactroot="">',
        '<a class="skip-link__link" href="#main-content">Skip to main content</a>',
        '<div class="cookie-banner" role="dialog"><p>We use cookies to improve your experience. By using our site you accept our cookie policy.</p><button>Accept</button></div>',
        f'<header class="header"><div class="header__bar"><a class="header__logo" href="{o.home}" aria-label="{e(o.name)}">{e(o.name)}</a>'
        f'{nav_html(o, "header__nav")}<a class="header__subscribe" href="{o.home}newsletters">Newsletters</a></div></header>',
        '<main id="main-content" class="article-page">',
        f'<nav class="breadcrumbs" aria-label="Breadcrumb">{crumbs_html(o, it, "breadcrumbs__list")}</nav>',
        '<article class="article">',
        f'<header class="article-header"><h1 class="article-header__title" data-testid="Heading">{e(it.title)}</h1>'
        f'<div class="article-header__meta"><span class="author-name">{e(fu.author)}</span>{visible_date(it, o)}</div>'
        f'<div class="article-header__readtime">{max(1, len(it.text) // 1200)} min read</div></header>',
        share_buttons(it.url, "article__share share-bar--top"),
        figure(fu, image),
        f'<div class="article-body" data-testid="ArticleBody">\n{body_paras(it, "article-body__paragraph")}\n</div>',
        '<div class="ad-container" data-ad-slot="mid-article"><span>Advertisement &middot; Scroll to continue reading</span></div>',
        share_buttons(it.url, "article__share share-bar--bottom"),
        newsletter_html(o, "newsletter-signup"),
        "</article>",
        related_html(fu, "related-articles", "Read more"),
        comments_html(it, fu, "modern"),
        "</main>",
        footer_html(o, "site-footer"),
        "</div></body></html>",
    ])


def page_agency(it: Item, o: Outlet, fu: Furniture, image: str) -> str:
    css = f".region-header{{background:{o.color}}}.field-name-body p{{margin-bottom:12px}}"
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en" xml:lang="en">', head(it, o, fu, image, css),
        '<body class="html not-front page-node node-type-article">',
        '<div id="skip-link"><a href="#main-content" class="element-invisible element-focusable">Skip to content</a></div>',
        f'<div class="region region-header"><div class="block-logo"><a href="{o.home}" title="{e(o.name)}">{e(o.name)}</a></div>'
        f'<div class="block-tagline">{e(o.slogan)}</div>{nav_html(o, "block block-menu")}'
        '<div class="block-lang"><a href="#">EN</a> <a href="#">AR</a></div></div>',
        f'<div class="breaking-ticker"><span>Latest</span> {e(fu.related[0][0])}</div>',
        '<div id="main"><a id="main-content"></a>',
        crumbs_html(o, it, "breadcrumb"),
        f'<div class="node node-article"><h1 class="page-title">{e(it.title)}</h1>'
        f'<div class="submitted">{e(fu.author)}{visible_date(it, o)}</div>',
        figure(fu, image),
        f'<div class="field field-name-body"><div class="field-items"><div class="field-item even" property="content:encoded">\n{body_paras(it)}\n</div></div></div>',
        f'<div class="field field-name-field-tags"><span>Tags:</span> <a href="{o.home}tags/syria">Syria</a>, <a href="{o.home}tags/{slugify(it.location)}">{e(it.location.title())}</a></div>',
        share_buttons(it.url, "social-share"),
        "</div>",
        related_html(fu, "block-related", "Related articles"),
        newsletter_html(o, "block-newsletter"),
        comments_html(it, fu, "agency"),
        "</div>",
        footer_html(o, "region-footer"),
        "</body></html>",
    ])


PAGES = {"wp": page_wp, "portal": page_portal, "modern": page_modern, "agency": page_agency}


def render_page(it: Item, fu: Furniture) -> str:
    o = OUTLETS[it.outlet]
    image = f"{o.home}media/images/{number(random.Random('img' + it.unit_id), 6)}.jpg"
    return PAGES[o.style](it, o, fu, image) + "\n"


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------


def rfc822(t: dt.datetime) -> str:
    return email.utils.format_datetime(t)


def write_warc(items: list[Item], pages: dict[str, str], rng: random.Random) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def wid() -> str:
        return f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}>"

    def wdate(t: dt.datetime) -> str:
        return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    ordered = sorted(items, key=lambda it: it.crawled)
    info = (b"software: sitrep scripts/make_examples.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: Demo archive built from FA-KES articles; WARC-Date is the crawl date, not the publication date.\r\n"
            b"robots: classic\r\n")
    rec = writer.create_warc_record("", "warcinfo", payload=io.BytesIO(info), length=len(info),
                                    warc_content_type="application/warc-fields",
                                    warc_headers_dict={"WARC-Record-ID": wid(), "WARC-Date": wdate(ordered[0].crawled),
                                                       "WARC-Filename": "archive.warc.gz"})
    writer.write_record(rec)
    for it in ordered:
        body = pages[it.unit_id].encode("utf-8")
        http = StatusAndHeaders("200 OK", [
            ("Date", rfc822(it.crawled).replace("+0000", "GMT")),
            ("Server", "nginx"),
            ("Content-Type", "text/html; charset=UTF-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "max-age=300"),
            ("Vary", "Accept-Encoding"),
        ], protocol="HTTP/1.1")
        rec = writer.create_warc_record(it.url, "response", payload=io.BytesIO(body), length=len(body),
                                        http_headers=http,
                                        warc_headers_dict={"WARC-Record-ID": wid(), "WARC-Date": wdate(it.crawled),
                                                           "WARC-IP-Address": f"{rng.randint(23, 199)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"})
        writer.write_record(rec)
    return buf.getvalue()


def write_rss(items: list[Item]) -> str:
    x = xml_escape
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">', "<channel>",
           "<title>Syria Conflict Digest</title>",
           "<link>https://news-digest.example/syria</link>",
           '<atom:link href="https://news-digest.example/syria/feed.rss" rel="self" type="application/rss+xml"/>',
           "<description>Full-text news about the war in Syria, aggregated from regional and international outlets.</description>",
           "<language>en</language>",
           "<generator>sitrep make_examples.py</generator>"]
    for it in items:
        o = OUTLETS[it.outlet]
        out.append("<item>")
        out.append(f"<title>{x(it.title)}</title>")
        out.append(f"<link>{x(it.url)}</link>")
        out.append(f'<guid isPermaLink="true">{x(it.url)}</guid>')
        if it.dated:
            out.append(f"<pubDate>{rfc822(it.published)}</pubDate>")
        out.append(f'<source url="{x(o.home)}">{x(o.name)}</source>')
        out.append(f"<category>{x(o.crumbs[-1])}</category>")
        out.append(f"<description>{x(plain_text(it))}</description>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


NOTICE = """\
sitrep demo corpus (examples/)
==============================

The article titles and texts in this folder come from the FA-KES dataset:

  FA-KES: A Fake News Dataset around the Syrian War.
  Fatima K. Abu Salem, Roaa Al Feel, Shady Elbassuoni, Mohamad Jaber, May Farah.
  Proceedings of the International AAAI Conference on Web and Social Media (ICWSM 2019).
  Zenodo, doi:10.5281/zenodo.2607278, licensed under Creative Commons Attribution 4.0 (CC BY 4.0),
  https://creativecommons.org/licenses/by/4.0/

{n} of its 804 articles are used here: every article that mentions Palmyra or Tadmur/Tadmor in
its title or text ({n_pal}: {n_palmyra} name Palmyra, one names only Tadmor) and a seeded sample of
the rest, spread over outlets and years. The outlet names are FA-KES's "source" column; the
outlets themselves had no part in this corpus.

Changes made by scripts/make_examples.py (this is a derived, partly synthetic corpus):

- The titles and sentences of the articles are FA-KES's, unaltered (decoded as ISO-8859-1, as the
  CSV is; some texts carry mojibake from before the dataset was published, left as it is).
- FA-KES bodies are single paragraphs; the generator split them into paragraphs of 2-4 sentences
  at sentence boundaries.
- Everything around the texts was invented by the generator: the HTML pages and their site
  furniture (headers, menus, breadcrumbs, share buttons, related articles, newsletter boxes,
  footers, images, bylines and author names), the reader comments and comment forms, author bios,
  photo captions, the scraped-text noise lines in some .txt and JSONL texts, the URLs (plausible
  shapes on each outlet's real domain, not the articles' real addresses), the WARC and HTTP
  headers, the RSS feed, and the times of day attached to the dates.
- About a third of the publication dates were removed on purpose, to test date inference: for
  those documents no date is given in any metadata (the article's own text may still mention
  dates, as it does in FA-KES). MANIFEST.csv has the true date (FA-KES's date column) of every
  document and whether it was kept. Where a kept date is:
    html/*.html and the WARC pages: <meta property="article:published_time"> and/or JSON-LD
      NewsArticle datePublished (some templates also show a <time> element), with an invented
      time of day; some URLs contain the date too, as the outlet's URLs do;
    articles.jsonl: the "published" field (null when dropped);
    feed.rss: <pubDate> (absent when dropped);
    txt/*.txt: plain text has no metadata, so a kept date appears as a dateline/byline line that
      the generator added just above the article text (in the outlet's style), as flattened
      scraped pages have; a dropped date has no such line.
  In archive.warc.gz, WARC-Date (and the HTTP Date header) is the invented crawl date, a few days
  to weeks after publication, for every record, never the publication date.
- FA-KES's date column does not always agree with the dateline inside an article's own text;
  MANIFEST.csv gives the date column as it is.
- feed.rss is an invented aggregator feed on the reserved .example domain; each item's <source>
  names the outlet.

MANIFEST.csv columns: path (file, or file#id for records inside a file), id (how sitrep
identifies the document: the path relative to examples/, the JSONL "id", the WARC-Target-URI, or
the RSS guid), unit_id (FA-KES), outlet (FA-KES source), true_date, date_kept, mentions_palmyra,
format; then crawl_date (WARC only), location and fakes_label (FA-KES's location and label
columns; label 1 = credible, 0 = fake per the dataset's description), and text_date: the date
the article's own text opens with, found by a simple pattern match (empty if none). Where
text_date and true_date differ, FA-KES's date column and the article's dateline disagree; the
sample outside the Palmyra articles was drawn only from articles where they do not.

Regenerate with:  .venv/bin/python scripts/make_examples.py
"""


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------


def date_strings(d: dt.date) -> list[str]:
    """Ways a day can be written in metadata, to check that dropped dates left no trace."""
    return [d.isoformat(), f"{d:%Y/%m/%d}", f"{d:%Y%m%d}", f"{d.year}/{d.month}/{d.day}", f"{d:%d %b %Y}",
            f"{d:%d %B %Y}", f"{d:%B} {d.day}, {d.year}", f"{d:%b} {d.day}, {d.year}", f"{d.month}/{d.day}/{d.year}"]


def paras_intact(text: str, paras: list[str]) -> bool:
    """The article's paragraphs are all there, whole and in order, as blocks of ``text``."""
    blocks = text.split("\n\n")
    k = 0
    for b in blocks:
        if k < len(paras) and b == paras[k]:
            k += 1
    return k == len(paras)


def check(items: list[Item]) -> list[str]:
    import feedparser
    import lxml.html
    from warcio.archiveiterator import ArchiveIterator

    problems: list[str] = []
    by = {it.unit_id: it for it in items}

    def page_leaks(where: str, tree, it: Item) -> None:
        """An undated page: no date metadata, and no trace of the date outside the article text."""
        if (tree.xpath('//meta[@property="article:published_time"]') or tree.xpath("//time")
                or "datePublished" in lxml.html.tostring(tree, encoding="unicode")):
            problems.append(f"{where}: undated but carries date metadata")
        # everything but the article's own paragraphs and title
        for el in tree.xpath("//article//p | //div[contains(@class,'article-text') or contains(@class,'field-name-body')]//p"):
            if el.text_content() in it.paras:
                el.getparent().remove(el)
        rest = lxml.html.tostring(tree, encoding="unicode")
        rest = rest.replace(e(it.title), "").replace(e(it.title, quote=False), "").replace(it.title, "")
        no_date_in(where, rest, it)

    def no_date_in(where: str, meta: str, it: Item) -> None:
        for s in date_strings(it.date):
            if s in meta:
                problems.append(f"{where}: dropped date {it.date} appears as {s!r} in metadata")
        if str(it.date.year) in meta:
            problems.append(f"{where}: the year {it.date.year} of a dropped date appears outside the article text")

    # HTML pages: parse, check the text is all there, and that undated pages hold no date.
    for it in items:
        if it.fmt != "html":
            continue
        markup = (OUT / it.path).read_text("utf-8")
        tree = lxml.html.document_fromstring(markup)
        paras = [p.text_content() for p in tree.xpath("//article//p | //div[contains(@class,'article-text') or contains(@class,'field-name-body')]//p")]
        if " ".join(it.paras) not in " ".join(paras):
            problems.append(f"{it.path}: article text not found intact")
        if not tree.xpath('//link[@rel="canonical"]') or not tree.xpath('//meta[@property="og:site_name"]'):
            problems.append(f"{it.path}: canonical or og:site_name missing")
        has_meta = bool(tree.xpath('//meta[@property="article:published_time"]'))
        has_ld = '"datePublished"' in markup
        if it.dated and not (has_meta or has_ld):
            problems.append(f"{it.path}: dated but no date metadata")
        if not it.dated:
            page_leaks(it.path, tree, it)

    # RSS
    feed = feedparser.parse((OUT / "feed.rss").read_bytes())
    rss = [it for it in items if it.fmt == "rss"]
    if feed.bozo or len(feed.entries) != len(rss):
        problems.append(f"feed.rss: {len(feed.entries)} entries (want {len(rss)}), bozo={feed.bozo}")
    for entry, it in zip(feed.entries, rss):
        if entry.get("id") != it.doc_id:
            problems.append(f"feed.rss: entry id {entry.get('id')} != {it.doc_id}")
        if bool(entry.get("published_parsed")) != it.dated:
            problems.append(f"feed.rss: {it.doc_id}: pubDate present={bool(entry.get('published_parsed'))}, kept={it.dated}")
        if it.dated and tuple(entry.published_parsed[:3]) != (it.date.year, it.date.month, it.date.day):
            problems.append(f"feed.rss: {it.doc_id}: pubDate day differs")
        if not paras_intact(entry.get("summary", ""), it.paras):
            problems.append(f"feed.rss: {it.doc_id}: description is not the full text")
        if not it.dated:
            no_date_in(f"feed.rss#{it.doc_id}", it.url, it)

    # WARC
    warc = [it for it in items if it.fmt == "warc"]
    uris, n_resp = [], 0
    with open(OUT / "archive.warc.gz", "rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type != "response":
                continue
            n_resp += 1
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            uris.append(uri)
            it = next((x for x in warc if x.url == uri), None)
            if it is None:
                problems.append(f"archive.warc.gz: unknown target {uri}")
                continue
            wdate = rec.rec_headers.get_header("WARC-Date")[:10]
            if wdate <= it.date.isoformat():
                problems.append(f"archive.warc.gz: {uri}: WARC-Date {wdate} is not after publication")
            markup = rec.content_stream().read().decode("utf-8")
            tree = lxml.html.document_fromstring(markup)
            if " ".join(it.paras) not in " ".join(p.text_content() for p in tree.xpath("//p")):
                problems.append(f"archive.warc.gz: {uri}: article text not found intact")
            if not it.dated:
                page_leaks(f"archive.warc.gz#{uri}", tree, it)
    if n_resp != len(warc) or sorted(uris) != sorted(it.url for it in warc):
        problems.append(f"archive.warc.gz: {n_resp} responses, want {len(warc)}")

    # JSONL
    recs = [json.loads(line) for line in (OUT / "articles.jsonl").read_text("utf-8").splitlines() if line.strip()]
    jl = [it for it in items if it.fmt == "jsonl"]
    if [r["id"] for r in recs] != [it.doc_id for it in jl]:
        problems.append("articles.jsonl: ids differ from the manifest")
    for r, it in zip(recs, jl):
        if set(r) != {"id", "url", "title", "text", "published", "outlet", "language"}:
            problems.append(f"articles.jsonl: {r['id']}: fields {sorted(r)}")
        if (r["published"] is not None) != it.dated or (it.dated and r["published"] != it.date.isoformat()):
            problems.append(f"articles.jsonl: {r['id']}: published={r['published']} kept={it.dated}")
        if not paras_intact(r["text"], it.paras):
            problems.append(f"articles.jsonl: {r['id']}: text not intact")
        if not it.dated:
            extra = "\n\n".join(b for b in r["text"].split("\n\n") if b not in it.paras)
            no_date_in(f"articles.jsonl#{r['id']}", r["url"] + "\n" + extra, it)

    # TXT
    for it in items:
        if it.fmt != "txt":
            continue
        raw = (OUT / it.path).read_text("utf-8")
        first, blank, *_ = raw.split("\n")
        if first != it.title or blank != "":
            problems.append(f"{it.path}: first line is not the title, or no blank line after it")
        body = raw.split("\n", 2)[2].rstrip("\n")
        if not paras_intact(body, it.paras):
            problems.append(f"{it.path}: text not intact")
        extra = "\n\n".join(b for b in body.split("\n\n") if b not in it.paras)
        if it.dated and str(it.date.year) not in extra:
            problems.append(f"{it.path}: kept date has no dateline")
        if not it.dated:
            no_date_in(it.path, extra, it)

    # URLs of undated articles, and the manifest
    for it in items:
        if not it.dated and (it.date.isoformat() in it.url or str(it.date.year) in it.url):
            problems.append(f"{it.doc_id}: undated article's URL holds its date")
    with open(OUT / "MANIFEST.csv", newline="", encoding="utf-8") as f:
        man = list(csv.DictReader(f))
    if len(man) != len(items) or {m["unit_id"] for m in man} != set(by):
        problems.append("MANIFEST.csv: rows do not match the items")
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    if size > 1_000_000:
        problems.append(f"examples/ is {size} bytes, over 1 MB")
    return problems


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main() -> int:
    rng = random.Random(SEED)
    rows = read_fakes()
    items, spare = choose(rows, rng)
    assign_formats(items, rng)
    drop_dates(items, rng)

    spare.sort(key=lambda it: it.unit_id)
    spare_by_outlet: dict[str, list[Item]] = defaultdict(list)
    for it in spare:
        spare_by_outlet[it.outlet].append(it)

    fmt_order = list(FORMAT_SIZES)
    items.sort(key=lambda it: (fmt_order.index(it.fmt), it.outlet, it.unit_id))
    for it in items:
        it.paras = paragraphs(it.text, rng)
        it.published = publish_time(it, rng)
        it.crawled = crawl_time(it, rng) if it.fmt == "warc" else None
        it.url = make_url(OUTLETS[it.outlet], it.title, it.date if it.dated else None, rng)

    # Noise: about half the .txt files and a few JSONL texts, preferring outlets with several files.
    for fmt, n in (("txt", N_NOISY_TXT), ("jsonl", N_NOISY_JSONL)):
        group = [it for it in items if it.fmt == fmt]
        counts = Counter(it.outlet for it in group)
        group.sort(key=lambda it: (-counts[it.outlet], rng.random()))
        for it in group[:n]:
            it.noisy = True

    # Clear what an earlier run wrote, then write.
    for sub in ("txt", "html"):
        (OUT / sub).mkdir(parents=True, exist_ok=True)
        for old in (OUT / sub).glob(f"*.{sub}"):
            old.unlink()

    furn = {it.unit_id: furniture(it, spare_by_outlet, spare, rng) for it in items}
    pages: dict[str, str] = {}
    jsonl_lines: list[str] = []
    for it in items:
        o, fu = OUTLETS[it.outlet], furn[it.unit_id]
        if it.fmt == "txt":
            it.path = it.doc_id = f"txt/{it.outlet}-{it.unit_id}.txt"
            line = dateline(it, o, fu)
            if it.noisy:
                body = noisy_text(it, o, fu, rng, date_line=line)
            else:
                body = (f"{line}\n\n" if line else "") + plain_text(it)
            (OUT / it.path).write_text(f"{it.title}\n\n{body}\n", encoding="utf-8")
        elif it.fmt == "html":
            it.path = it.doc_id = f"html/{it.outlet}-{it.unit_id}.html"
            (OUT / it.path).write_text(render_page(it, fu), encoding="utf-8")
        elif it.fmt == "jsonl":
            it.doc_id = f"fakes-{it.unit_id}"
            it.path = f"articles.jsonl#{it.doc_id}"
            text = noisy_text(it, o, fu, rng, light=True) if it.noisy else plain_text(it)
            rec = {"id": it.doc_id, "url": it.url, "title": it.title, "text": text,
                   "published": it.date.isoformat() if it.dated else None, "outlet": o.name, "language": "en"}
            jsonl_lines.append(json.dumps(rec, ensure_ascii=False))
        elif it.fmt == "warc":
            it.doc_id = it.url
            it.path = f"archive.warc.gz#{it.url}"
            pages[it.unit_id] = render_page(it, fu)
        elif it.fmt == "rss":
            it.doc_id = it.url
            it.path = f"feed.rss#{it.url}"

    (OUT / "articles.jsonl").write_text("\n".join(jsonl_lines) + "\n", encoding="utf-8")
    (OUT / "archive.warc.gz").write_bytes(write_warc([it for it in items if it.fmt == "warc"], pages, rng))
    (OUT / "feed.rss").write_text(write_rss([it for it in items if it.fmt == "rss"]), encoding="utf-8")
    n_palmyra = sum(bool(re.search("palmyra", it.title + " " + it.text, re.I)) for it in items)
    (OUT / "NOTICE").write_text(NOTICE.format(n=len(items), n_pal=sum(it.palmyra for it in items), n_palmyra=n_palmyra),
                                encoding="utf-8")
    with open(OUT / "MANIFEST.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["path", "id", "unit_id", "outlet", "true_date", "date_kept", "mentions_palmyra", "format",
                    "crawl_date", "location", "fakes_label", "text_date"])
        for it in items:
            w.writerow([it.path, it.doc_id, it.unit_id, it.outlet, it.date.isoformat(), str(it.dated).lower(),
                        str(it.palmyra).lower(), it.fmt,
                        it.crawled.strftime("%Y-%m-%dT%H:%M:%SZ") if it.crawled else "", it.location, it.label,
                        (td.isoformat() if (td := text_date(it.text)) else "")])

    problems = check(items)
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)

    # Summary
    size = sum(p.stat().st_size for p in OUT.rglob("*") if p.is_file())
    print(f"wrote {len(items)} documents to {OUT} ({size / 1024:.0f} KiB)")
    for fmt in FORMAT_SIZES:
        g = [it for it in items if it.fmt == fmt]
        print(f"  {fmt:5s} {len(g):2d}  dated {sum(it.dated for it in g):2d}  undated {sum(not it.dated for it in g):2d}"
              f"  palmyra {sum(it.palmyra for it in g):2d} (undated {sum(it.palmyra and not it.dated for it in g)})"
              f"  noisy {sum(it.noisy for it in g)}")
    pal = [it for it in items if it.palmyra]
    print(f"  total dated {sum(it.dated for it in items)}, undated {sum(not it.dated for it in items)}; "
          f"Palmyra {len(pal)} (undated {sum(not it.dated for it in pal)})")
    print(f"  outlets: {dict(sorted(Counter(it.outlet for it in items).items()))}")
    print(f"  years: {dict(sorted(Counter(it.date.year for it in items).items()))}")
    print("checks:", "all passed" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
