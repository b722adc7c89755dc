"""The whole spine on conflict news: ``sitrep eval conflict --data ../shared/data/fa-kes``.

FA-KES gives 804 news articles on the Syrian war (15 outlets, 2011–2018), each with the date and
the governorate of the event it reports (``date``, ``location``: "aleppo", "deir ezzor", …).
sitrep reads each article's title and text only (publication dates hidden), runs its whole
per-document spine and merges the mentions, then is scored per article on:

- ``governorate``: the first-level area of the article's main event (the event of its main news
  mention, chosen as in ``sitrep eval merge``) is the article's governorate. FA-KES's "damascus"
  covers the city and the countryside around it, so Dimashq and Rif-Dimashq both count for it;
- ``event_date``: the main event's date range holds the article's date, give or take a day;
- ``published``: the inferred publication date lies within 1 and within 7 days of it.

Baseline in the same run, for the governorate: the governorate whose names (its own and its
capital's, every spelling the gazetteer holds) the text mentions most often.

Documents are split as the other benchmarks are: every 5th one (index % 5 == 4) is held back,
scored apart, so that rules written while looking at the rest can be checked on unseen ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

# FA-KES's "damascus" is the capital and the Ghouta around it.
_ALSO = {"damascus": {"Rif-dimashq"}}
# How far the main event's date may be from FA-KES's date (the article's day): a day, as reports
# of a night's events carry the next morning's date.
DAY_SLACK = 1


def _rows(data: Path) -> list[dict]:
    path = data / "FA-KES-Dataset.csv" if data.is_dir() else data
    with path.open(encoding="iso-8859-1", newline="") as fh:
        return list(csv.DictReader(fh))


def _day(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text.strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def governorates() -> dict[str, set[str]]:
    """Every FA-KES location label → the names of the first-level areas it stands for, found
    through the gazetteer (the label's Syrian places and their areas)."""
    from sitrep.geocode.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    out = {}
    for label in ("aleppo", "damascus", "idlib", "deir ezzor", "raqqa", "homs", "hasakeh", "hama", "daraa",
                  "lattakia", "quneitra", "tartous"):
        areas = {h.entry.admin1 for h in gaz.lookup(label.title()) if h.entry.cc == "SY" and h.entry.admin1}
        out[label] = areas | _ALSO.get(label, set())
    return out


def _spellings(label_areas: dict[str, set[str]]) -> dict[str, re.Pattern]:
    """For the baseline: each label's governorate and capital names, every spelling the gazetteer
    holds, as one case-insensitive pattern."""
    from sitrep.geocode.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    out = {}
    for label, areas in label_areas.items():
        names = set()
        for area in areas:
            for pid in gaz.places_named(area, cc="SY", fcodes=("ADM1", "PPLA", "PPLC")):
                names |= gaz.names_of(pid)
        words = sorted((n for n in names if len(n) >= 4), key=len, reverse=True)
        out[label] = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]{1,2}") for w in words) + r")\b", re.I)
    return out


def evaluate(data: Path, *, limit: int | None = None, progress: bool = True) -> dict:
    from rich.console import Console
    from rich.progress import track

    from sitrep.eval.merge import main_events
    from sitrep.extract.mentions import mention_record
    from sitrep.merge import merge
    from sitrep.records import Article, RawDoc
    from sitrep.spine import extract_document, process

    rows = [r for r in _rows(Path(data)) if (r.get("article_content") or "").strip() and _day(r.get("date", ""))]
    if limit:
        rows = rows[:limit]
    raws = [RawDoc(id=r["unit_id"], source=r["unit_id"], kind="text", body=r["article_content"], title=r["article_title"])
            for r in rows]
    records: list[dict] = []
    published: dict[str, object] = {}
    iterator = process(raws)
    if progress:
        iterator = track(iterator, total=len(raws), description="conflict fa-kes", console=Console(stderr=True))
    for result in iterator:
        if isinstance(result, Article):
            published[result.id] = result.published
            records.extend(mention_record(m, result) for m in extract_document(result))
    main = main_events(records, merge(records))
    areas = governorates()
    spellings = _spellings(areas)
    tallies: dict[str, Counter] = {"dev": Counter(), "held": Counter()}
    for index, r in enumerate(rows):
        t = tallies["held" if index % 5 == 4 else "dev"]
        label, day = r["location"].strip().lower(), _day(r["date"])
        t["articles"] += 1
        event = main.get(r["unit_id"])
        if event is not None:
            t["with_event"] += 1
            admin1 = (event.get("location") or {}).get("admin1")
            t["governorate"] += admin1 in areas.get(label, ())
            start, end = event["date"]["start"], event["date"]["end"] or event["date"]["start"]
            if start:
                slack = dt.timedelta(days=DAY_SLACK)
                t["event_date"] += dt.date.fromisoformat(start) - slack <= day <= dt.date.fromisoformat(end) + slack
        pub = published.get(r["unit_id"])
        if pub is not None and pub.date:
            gap = abs((dt.date.fromisoformat(pub.date) - day).days)
            t["published_1"] += gap <= 1
            t["published_7"] += gap <= 7
        text = f"{r['article_title']}\n{r['article_content']}"
        counts = {lab: len(p.findall(text)) for lab, p in spellings.items()}
        best = max(counts, key=lambda lab: counts[lab])
        t["baseline_governorate"] += counts[best] > 0 and best == label

    def score(t: Counter) -> dict:
        n = t["articles"] or 1
        return {"articles": t["articles"], "with_a_main_event": t["with_event"],
                "governorate": round(t["governorate"] / n, 4), "event_date": round(t["event_date"] / n, 4),
                "published_within_1": round(t["published_1"] / n, 4), "published_within_7": round(t["published_7"] / n, 4),
                "baseline_most_named_governorate": round(t["baseline_governorate"] / n, 4)}

    both = tallies["dev"] + tallies["held"]
    return {"task": "conflict", "data": str(data), "split": "held = every 5th article (index % 5 == 4)",
            "all": score(both), "dev": score(tallies["dev"]), "held": score(tallies["held"]),
            "labels": {k: sorted(v) for k, v in areas.items()}}


__all__ = ["evaluate", "governorates"]
