"""The library functions behind the CLI's commands, same names, usable from a notebook."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sitrep.ingest import read_sources
from sitrep.records import Article, Mention, RawDoc, Rejected
from sitrep.settings import Settings, load_settings
from sitrep.control import track_control
from sitrep.extract.mentions import mention_record
from sitrep.merge import merge
from sitrep.spine import Stats, extract_document, process
from sitrep.store import Store, open_store

log = logging.getLogger(__name__)

# Rows written per transaction: large enough that SQLite's per-commit fsync is not the bottleneck,
# small enough that an interrupted run loses little work.
WRITE_BATCH = 200


@dataclass(slots=True)
class Summary:
    store: str
    read: int = 0
    stored: int = 0  # new or changed documents
    unchanged: int = 0
    stats: Stats = field(default_factory=Stats)
    totals: dict[str, int] = field(default_factory=dict)
    merged: dict[str, int] = field(default_factory=dict)
    multi_source: int = 0
    control: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "store": self.store,
            "read": self.read,
            "documents": self.stats.documents,
            "stored": self.stored,
            "unchanged": self.unchanged,
            "rejected": dict(sorted(self.stats.rejected.items())),
            "outlets": dict(self.stats.outlets.most_common()),
            "published_from": dict(self.stats.dated_by.most_common()),
            "removed": dict(self.stats.removed.most_common()),
            "mentions": dict(self.stats.mentions.most_common()),
            "merge": self.merged | {"reported_by_several_documents": self.multi_source},
            "control_changes": self.control,
            "totals": self.totals,
        }


def _rejected_row(r: Rejected) -> dict:
    return {"id": r.id, "source": r.source, "rejected": r.reason, "code": r.code}


def _failed_row(article: Article, exc: Exception) -> dict:
    log.exception("document %s failed", article.id)
    return {"id": article.id, "source": article.source, "rejected": f"{type(exc).__name__}: {exc}"[:500], "code": "E_INTERNAL"}


def clean(paths: Iterable[str | os.PathLike], *, settings: Settings | None = None, dct: str | None = None) -> Iterator[Article | Rejected]:
    """Read and clean every input; one result per input document, in input order."""
    settings = settings or load_settings()
    yield from process(read_sources(paths, settings=settings), settings=settings, dct=dct)


def dates(paths: Iterable[str | os.PathLike], *, raw: bool = False, dct: str | None = None,
          settings: Settings | None = None) -> Iterator[dict]:
    """Per input document: its publication date and its temporal expressions, resolved against it.

    Offsets index the cleaned text, or with ``raw`` the input text exactly as given."""
    import datetime as dt

    from sitrep.dates.timex import find_timexes

    for result in _dated_texts(paths, raw=raw, dct=dct, settings=settings or load_settings()):
        if isinstance(result, Rejected):
            yield _rejected_row(result)
            continue
        try:
            pub = result.published
            anchor = dt.date.fromisoformat(pub.date) if pub and pub.date else None
            yield {
                "id": result.id,
                "source": result.source,
                "published": pub.as_dict() if pub else None,
                "timexes": [t.as_dict() for t in find_timexes(result.text, anchor)],
            }
        except Exception as exc:  # one document's failure is reported, and the stream goes on
            yield _failed_row(result, exc)

def _texts(paths: Iterable[str | os.PathLike], *, raw: bool, settings: Settings,
           dct: str | None = None) -> Iterator[Article | Rejected]:
    """Cleaned articles, or with ``raw`` the input text exactly as given, one per input."""
    from sitrep.ids import content_hash

    items = read_sources(paths, settings=settings)
    if not raw:
        yield from process(items, settings=settings, dct=dct)
        return
    for item in items:
        if isinstance(item, Rejected):
            yield item
        else:
            text = item.text_as_given
            yield Article(id=item.id, source=item.source, title="", text=text, url=item.url, outlet=item.outlet,
                          published=item.published, kind=item.kind, content_hash=content_hash("", text))


def _dated_texts(paths: Iterable[str | os.PathLike], *, raw: bool, dct: str | None,
                 settings: Settings) -> Iterator[Article | Rejected]:
    """``_texts`` with publication dates: the spine dates cleaned articles; text as given is dated
    here (its title, part of a .txt file's text as given, is not prepended again)."""
    from sitrep.dates.pubdate import date_article

    for result in _texts(paths, raw=raw, settings=settings, dct=dct):
        if raw and isinstance(result, Article):
            try:
                result = date_article(result, dct=dct)
            except Exception as exc:  # reported as this document's failure; the stream goes on
                log.exception("dating failed on %s", result.id)
                result = Rejected(source=result.source, id=result.id, code="E_INTERNAL",
                                  reason=f"{type(exc).__name__}: {exc}"[:500])
        yield result


def places(paths: Iterable[str | os.PathLike], *, raw: bool = False, settings: Settings | None = None) -> Iterator[dict]:
    """Per input document: its place names, resolved to GeoNames. Offsets index the cleaned text,
    or with ``raw`` the input text exactly as given."""
    from sitrep.geocode import find_places

    for result in _texts(paths, raw=raw, settings=settings or load_settings()):
        if isinstance(result, Rejected):
            yield _rejected_row(result)
            continue
        try:
            yield {"id": result.id, "source": result.source,
                   "places": [p.as_dict() for p in find_places(result.text, demonyms=False)]}
        except Exception as exc:
            yield _failed_row(result, exc)


def events(paths: Iterable[str | os.PathLike], *, raw: bool = False, dct: str | None = None,
           settings: Settings | None = None) -> Iterator[dict]:
    """Per input document: its event mentions before merging, in the contract's Event shape plus
    ``start``, ``end`` and ``confidence``. Offsets index the cleaned text (or, with ``raw``, the
    input text as given)."""
    for result in _dated_texts(paths, raw=raw, dct=dct, settings=settings or load_settings()):
        if isinstance(result, Rejected):
            yield _rejected_row(result)
            continue
        try:
            yield {"id": result.id, "source": result.source,
                   "published": result.published.as_dict() if result.published else None,
                   "mentions": [mention_record(m, result) for m in extract_document(result)]}
        except Exception as exc:
            yield _failed_row(result, exc)

def process_with_events(items: Iterable[RawDoc | Rejected], *, settings: Settings, dct: str | None = None
                        ) -> Iterator[tuple[Article | Rejected, tuple[Mention, ...]]]:
    """The per-document spine and the extraction after it: ``(article, mentions)`` per input, or
    ``(rejected, ())``. An extraction that fails rejects the document with E_INTERNAL."""
    for result in process(items, settings=settings, dct=dct):
        if isinstance(result, Rejected):
            yield result, ()
            continue
        try:
            yield result, extract_document(result)
        except Exception as exc:  # one bad document must never stop the batch
            log.exception("extraction failed on %s", result.id)
            yield Rejected(source=result.source, id=result.id, code="E_INTERNAL",
                           reason=f"event extraction failed: {type(exc).__name__}: {exc}"[:500]), ()


def load(store: Store, results: Iterable[tuple[Article | Rejected, tuple[Mention, ...]]], summary: Summary,
         *, progress: bool = False) -> None:
    """Write processed documents, their mentions and the rejected inputs, in batches."""
    pending: list[tuple[Article | Rejected, tuple[Mention, ...]]] = []

    def flush() -> None:
        # One transaction per batch: a process killed while writing leaves no article without its
        # mentions, and a rerun finds each batch either wholly stored or not at all.
        articles = [(a, [(m, mention_record(m, a)) for m in ms]) for a, ms in pending if isinstance(a, Article)]
        changed = store.add_batch(articles, [r for r, _ in pending if isinstance(r, Rejected)])
        summary.stored += changed
        summary.unchanged += len(articles) - changed
        pending.clear()

    bar = _progress_bar() if progress else None
    task = bar.add_task("reading", total=None) if bar else None
    try:
        if bar:
            bar.start()
        for result, found in results:
            summary.read += 1
            summary.stats.count(result)
            summary.stats.mentions.update(m.sub_event_type for m in found if not m.background)
            pending.append((result, found))
            if len(pending) >= WRITE_BATCH:
                flush()
            if bar:
                bar.update(task, advance=1, description=f"{summary.stats.documents} articles, {sum(summary.stats.rejected.values())} rejected")
        flush()
    finally:
        if bar:
            bar.stop()


def finish(store: Store, summary: Summary) -> Summary:
    """Global steps over everything stored: one event per real event, then who held each place.
    Both read the mentions and write their results in one write transaction (``Store.remerge``),
    so a loader finishing at the same time can never have its events overwritten by stale ones."""
    events, spans, summary.merged = store.remerge(_merged)
    names = {(e.get("location") or {}).get("geonameid"): e["location"]["name"] for e in events if e.get("location")}
    summary.control = [
        {"place": names.get(s["place"], s["place"]), "actor": s["actor"], "status": s["status"],
         "from": s["start"], "to": s["end"], "events": len(s["events"])}
        for s in sorted(spans, key=lambda s: (s["place"], s["start"]))
    ]
    summary.multi_source = sum(1 for e in events if len({m["document"] for m in e["mentions"]}) > 1)
    summary.totals = store.counts()
    return summary


def _merged(mentions: list[dict]) -> tuple[list[dict], list[dict]]:
    events = merge(mentions)
    return events, track_control(events)


def run(
    paths: Iterable[str | os.PathLike],
    *,
    db: str | Store | None = None,
    settings: Settings | None = None,
    dct: str | None = None,
    progress: bool = False,
) -> Summary:
    """The main job: ingest, clean, date, geocode and extract every input into the store, then
    merge and track control; returns a summary."""
    settings = settings or load_settings()
    store = db if isinstance(db, Store) else open_store(db or settings.db)
    summary = Summary(store=store.url)
    try:
        load(store, process_with_events(read_sources(paths, settings=settings), settings=settings, dct=dct),
             summary, progress=progress)
        return finish(store, summary)
    finally:
        if not isinstance(db, Store):
            store.close()


def _progress_bar():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(stderr=True), transient=False,
    )


def place_ids(place: str, events: Iterable[dict] = ()) -> list[str]:
    """GeoNames ids a place argument may mean: the id itself, or every gazetteer entry the name
    matches in any spelling (Palmyra, Tadmur, Tadmor), then events' place names."""
    if place.isdigit():
        return [place]
    from sitrep.geocode.gazetteer import get_gazetteer

    ids = [str(h.entry.id) for h in get_gazetteer().lookup(place)]
    ids += [str(e["location"]["geonameid"]) for e in events
            if (e.get("location") or {}).get("name", "").lower() == place.lower()]
    return list(dict.fromkeys(ids))


def timeline_entries(store: Store, *, place: str | None = None, actor: str | None = None, story: str | None = None,
                     text: bool = False, days: int = 20, per_day: int = 1) -> list[dict]:
    """The entries of ``sitrep timeline`` and ``/api/timeline``: from the merged events (at
    ``place``, involving ``actor``, in ``story``), or with ``text`` from the dated sentences of the
    articles that report those events (every stored article when nothing is chosen). Raises
    ``LookupError`` for an unknown story."""
    from sitrep.stories import select_events, stories, text_timeline, timeline

    events = list(store.events())
    texts = list(store.texts()) if (story or text) else []
    chosen = None
    if story:
        chosen = next((s for s in stories(texts, events) if s["id"] == story), None)
        if chosen is None:
            raise LookupError(f"no story {story!r}")
    places = place_ids(place, events) if place else None
    if not text:
        return timeline(events, places=places, actor=actor, story=chosen)
    members: set[str] | None = set(chosen["documents"]) if chosen else None
    if place or actor:
        reporting = {m["document"] for e in select_events(events, places=places, actor=actor) for m in e["mentions"]}
        members = reporting if members is None else members & reporting
    docs = [d for d in texts if members is None or d["id"] in members]
    return text_timeline(docs, days=days, per_day=per_day, sources={d["id"]: d.get("outlet") or d["id"] for d in docs})


def control(place: str, *, db: str | None = None) -> list[dict]:
    """Control spans of a place given by GeoNames id or by name."""
    with open_store(db or load_settings().db) as store:
        for pid in place_ids(place, store.events()):
            spans = store.control(pid)
            if spans:
                return spans
        return []


def batch(paths: Iterable[str | os.PathLike], *, engine: str = "local", workers: int | None = None,
          scheduler: str | None = None, db: str | None = None, workdir: str | None = None,
          dct: str | None = None, settings: Settings | None = None, shard_files: int | None = None
          ) -> tuple[Summary, list[dict]]:
    """The main job as shards on processes or a Dask cluster; the same records as ``run`` when
    the shards hold what one ``run`` batch would. Returns the summary and each shard's stats."""
    from sitrep.batch import SHARD_FILES, execute, plan, read_shard

    settings = settings or load_settings()
    shards = plan(paths, shard_files=shard_files or SHARD_FILES, dct=dct)
    workdir = workdir or "sitrep-work"
    stats = execute(shards, workdir, engine=engine, workers=workers, scheduler=scheduler, dct=dct)
    with open_store(db or settings.db) as store:
        summary = Summary(store=store.url)
        for shard in shards:  # load in shard order, so the store's content never depends on timing
            load(store, read_shard(shard, workdir), summary)
        return finish(store, summary), stats


def watch(target: str | os.PathLike, *, db: str | None = None, interval: float = 30.0, cycles: int | None = None,
          settings: Settings | None = None, on_summary=None) -> None:
    """Process new inputs as they arrive: a folder's new or changed files, or a feed file each time
    it changes, merging incrementally into the events already stored. Runs until interrupted, or
    for ``cycles`` polls. Each poll that finds something calls ``on_summary(summary)``."""
    import time

    from sitrep.ingest import iter_files, read_file

    settings = settings or load_settings()
    seen: dict[str, tuple[int, int]] = {}
    n = 0
    with open_store(db or settings.db) as store:
        while cycles is None or n < cycles:
            n += 1
            fresh = []
            for path, _ in iter_files([target]):
                if path is None:
                    continue
                st = path.stat()
                stamp = (st.st_size, int(st.st_mtime_ns))
                if seen.get(str(path)) != stamp:
                    seen[str(path)] = stamp
                    fresh.append(path)
            if fresh:
                # Ids stay those a folder run gives: paths relative to the watched folder.
                root = Path(target)
                summary = Summary(store=store.url)
                items = (item for path in fresh for item in
                         read_file(path, path.relative_to(root).as_posix() if root.is_dir() else path.name, settings))
                load(store, process_with_events(items, settings=settings), summary)
                finish(store, summary)
                if on_summary:
                    on_summary(summary)
            if cycles is None or n < cycles:
                time.sleep(interval)
