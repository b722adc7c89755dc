"""The command line: a thin layer over the same-named library functions.

Commands that print JSON or JSONL print nothing else on standard output; progress bars, logs and
summaries for people go to standard error.
"""

from __future__ import annotations

import csv
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from sitrep.errors import EXIT_ERROR, EXIT_USAGE, SitrepError
from sitrep.jsonout import dumps

app = typer.Typer(
    name="sitrep",
    help="News reports in, a sourced record of what happened out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class TableFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


class ExportFormat(str, Enum):
    acled_csv = "acled-csv"
    jsonl = "jsonl"
    geojson = "geojson"
    parquet = "parquet"


DbOption = Annotated[Optional[str], typer.Option("--db", help="Database URL or SQLite file (default: ./sitrep.db, or $SITREP_DB).")]
PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or '-' for JSON Lines on stdin.")]
DctOption = Annotated[Optional[str], typer.Option("--dct", help="Publication date (YYYY-MM-DD) for inputs that lack one.")]


def _stderr():
    from rich.console import Console

    return Console(stderr=True)


def _check_day(value: str | None) -> str | None:
    if value is None:
        return None
    from sitrep.ingest.timeparse import iso_day

    day = iso_day(value)
    if not day or len(value.strip()) != 10:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint="--dct")
    return day


def emit(rows: list[dict[str, Any]], fmt: TableFormat, *, columns: list[str] | None = None) -> None:
    """Print ``rows`` to standard output in the chosen format."""
    out = sys.stdout
    if fmt is TableFormat.json:
        out.write(dumps(rows, indent=2) + "\n")
    elif fmt is TableFormat.jsonl:
        for row in rows:
            out.write(dumps(row) + "\n")
    else:
        columns = columns or (list(rows[0]) if rows else [])
        flat = [{c: (dumps(r.get(c)) if isinstance(r.get(c), (dict, list)) else r.get(c)) for c in columns} for r in rows]
        if fmt is TableFormat.csv:
            writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(flat)
        else:
            from rich.console import Console
            from rich.table import Table

            table = Table(*columns)
            for r in flat:
                table.add_row(*("" if r[c] is None else str(r[c]) for c in columns))
            Console().print(table)


@app.command()
def run(
    paths: PathsArg,
    db: DbOption = None,
    dct: DctOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    format: Annotated[TableFormat, typer.Option("--format", help="Summary format on stdout; 'table' is for people.")] = TableFormat.table,
) -> None:
    """The main job: read, clean, date, geocode and extract event mentions from every input into
    the store, then print a summary."""
    from sitrep.pipeline import run as run_pipeline

    summary = run_pipeline(paths, db=db, dct=_check_day(dct), progress=not quiet and sys.stderr.isatty()).as_dict()
    if format is TableFormat.table:
        console = _stderr() if not sys.stdout.isatty() else None
        from rich.console import Console

        console = console or Console()
        console.print(f"[bold]sitrep run[/bold] → {summary['store']}")
        console.print(f"  inputs read:        {summary['read']}")
        console.print(f"  articles:           {summary['documents']} ({summary['stored']} new or changed, {summary['unchanged']} unchanged)")
        rejected = summary["rejected"]
        console.print(f"  rejected:           {sum(rejected.values())}" + (f"  ({', '.join(f'{k}: {v}' for k, v in rejected.items())})" if rejected else ""))
        if summary["documents"]:
            dated = summary["published_from"]
            console.print(f"  outlets:            {len(summary['outlets'])} ({', '.join(f'{k} {v}' for k, v in list(summary['outlets'].items())[:6])}{', …' if len(summary['outlets']) > 6 else ''})")
            console.print("  publication date:   " + ", ".join(f"{k}: {v}" for k, v in dated.items()))
            found = summary["mentions"]
            console.print(f"  event mentions:     {sum(found.values())}" + (f" ({', '.join(f'{k} {v}' for k, v in list(found.items())[:5])})" if found else ""))
            removed = summary["removed"]
            console.print(f"  removed furniture:  {sum(removed.values())} spans" + (f" ({', '.join(f'{k} {v}' for k, v in list(removed.items())[:6])})" if removed else ""))
        t = summary["totals"]
        console.print(f"  in the store:       {t['documents']} documents, {t['rejected']} rejected inputs, {t['mentions']} event mentions, {t['events']} merged events")
        m = summary["merge"]
        console.print(f"  merged events:      {m['events']} ({m['reported_by_several_documents']} reported by several documents; "
                      f"{m['added']} new, {m['removed']} merged away, {m['redirected']} redirected)")
        changes = summary["control_changes"]
        console.print(f"  control changes:    {len(changes)}")
        for c in changes[:12]:
            console.print(f"    {c['place']}: {c['actor']} ({c['status']}) from {c['from']}" + (f" to {c['to']}" if c["to"] else "") + f"  [{c['events']} event(s)]")
        console.print("  look at them:       sitrep export --format jsonl | sitrep control PLACE | sitrep documents --format table")
    else:
        emit([summary], format)
    _fail_if_nothing_read(summary)


def _fail_if_nothing_read(summary: dict) -> None:
    """Exit with code 1 when a run found no input, or rejected every input it read: the summary
    is printed and the rejections are stored, but a script must not mistake it for success."""
    if summary["documents"]:
        return
    rejected = summary["rejected"]
    why = f"all {summary['read']} input(s) were rejected ({', '.join(f'{k}: {v}' for k, v in rejected.items())})" \
        if summary["read"] else "no input was found"
    _stderr().print(f"[red]error:[/red] {why}; see `sitrep documents --rejected` or the summary above")
    raise typer.Exit(EXIT_ERROR)


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def batch(
    paths: PathsArg,
    engine: Annotated[Engine, typer.Option("--engine", help="local processes, or a Dask cluster.")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://HOST:8786 (default: a local cluster).")] = None,
    workers: Annotated[int, typer.Option("--workers", help="Processes (local) or workers of the local Dask cluster.")] = 2,
    workdir: Annotated[Path, typer.Option("--workdir", help="Shard results and completion markers; a relaunch skips finished shards.")] = Path("sitrep-work"),
    shard_files: Annotated[int, typer.Option("--shard-files", help="Input files per shard.")] = 200,
    db: DbOption = None,
    dct: DctOption = None,
) -> None:
    """The main job as shards on local processes or a Dask cluster: the same records as `run`;
    prints a JSON summary with each shard's stats."""
    from sitrep.pipeline import batch as run_batch

    summary, stats = run_batch(paths, engine=engine.value, workers=workers, scheduler=scheduler, db=db,
                               workdir=str(workdir), dct=_check_day(dct), shard_files=shard_files)
    sys.stdout.write(dumps({"summary": summary.as_dict(), "shards": stats}, indent=2) + "\n")
    _fail_if_nothing_read(summary.as_dict())


@app.command()
def watch(
    target: Annotated[str, typer.Argument(help="A folder to watch for new files, or a feed file to re-read when it changes.")],
    db: DbOption = None,
    interval: Annotated[float, typer.Option("--interval", min=0.1, help="Seconds between polls.")] = 30.0,
    cycles: Annotated[Optional[int], typer.Option("--cycles", min=1, help="Stop after this many polls (default: run until interrupted).")] = None,
) -> None:
    """Process new inputs as they arrive, merging them into the events already stored; prints a
    JSON summary line (JSONL) for each poll that found something."""
    from sitrep.pipeline import watch as watch_target

    if not Path(target).exists():
        raise typer.BadParameter(f"{target} does not exist", param_hint="TARGET")
    _stderr().print(f"sitrep: watching {target} every {interval:g}s (Ctrl-C to stop)")
    try:
        watch_target(target, db=db, interval=interval, cycles=cycles,
                     on_summary=lambda s: (sys.stdout.write(dumps(s.as_dict()) + "\n"), sys.stdout.flush()))
    except KeyboardInterrupt:
        _stderr().print("sitrep: stopped")


@app.command()
def clean(
    paths: PathsArg,
    dct: DctOption = None,
) -> None:
    """Print each input's main text as JSONL: id, source, title, text, removed (or rejected)."""
    from sitrep.pipeline import clean as clean_inputs
    from sitrep.records import Rejected

    for result in clean_inputs(paths, dct=_check_day(dct)):
        if isinstance(result, Rejected):
            row = {"id": result.id, "source": result.source, "rejected": result.reason, "code": result.code}
        else:
            row = {"id": result.id, "source": result.source, "title": result.title, "text": result.text,
                   "removed": [r.as_dict() for r in result.removed]}
        sys.stdout.write(dumps(row) + "\n")


RawOption = Annotated[bool, typer.Option("--raw", help="Use the input text exactly as given (no cleaning); offsets index it.")]


@app.command()
def dates(paths: PathsArg, raw: RawOption = False, dct: DctOption = None) -> None:
    """Print each input's publication date (with its interval and basis) and its temporal
    expressions normalised to TimeML values, as JSONL."""
    from sitrep.pipeline import dates as find_dates

    for row in find_dates(paths, raw=raw, dct=_check_day(dct)):
        sys.stdout.write(dumps(row) + "\n")


@app.command()
def places(paths: PathsArg, raw: RawOption = False) -> None:
    """Print each input's place names resolved to GeoNames (id, coordinates, country, feature
    code, admin areas, precision, confidence; a reason when unresolved), as JSONL."""
    from sitrep.pipeline import places as find_places

    for row in find_places(paths, raw=raw):
        sys.stdout.write(dumps(row) + "\n")


@app.command()
def events(paths: PathsArg, raw: RawOption = False, dct: DctOption = None) -> None:
    """Print each input's event mentions before merging (ACLED type and sub-type, actors, place,
    date, fatalities and injured with each claimant, status, background), as JSONL."""
    from sitrep.pipeline import events as find_events

    for row in find_events(paths, raw=raw, dct=_check_day(dct)):
        sys.stdout.write(dumps(row) + "\n")


@app.command()
def control(
    place: Annotated[str, typer.Argument(help="A place name (e.g. Palmyra) or a GeoNames id.")],
    db: DbOption = None,
    format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.json,
) -> None:
    """Who held a place from when to when: a JSON list of {actor, status, from, to, events}."""
    from sitrep.pipeline import control as control_of

    emit(control_of(place, db=db), format, columns=["actor", "status", "from", "to", "events"])


@app.command()
def stories(db: DbOption = None, format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.json) -> None:
    """Articles grouped into stories: a JSON list of {id, title, documents, events, first, last}."""
    from sitrep.stories import stories as group
    from sitrep.store import open_store

    with open_store(db) as store:
        emit(group(list(store.texts()), list(store.events())), format,
             columns=["id", "title", "documents", "events", "first", "last"])


class TimelineFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"
    md = "md"


@app.command()
def timeline(
    place: Annotated[Optional[str], typer.Option("--place", help="A place name or GeoNames id.")] = None,
    actor: Annotated[Optional[str], typer.Option("--actor", help="An actor's normalised name.")] = None,
    story: Annotated[Optional[str], typer.Option("--story", help="A story id from `sitrep stories`.")] = None,
    db: DbOption = None,
    format: Annotated[TimelineFormat, typer.Option("--format", help="json, jsonl, csv, table, or md for reading.")] = TimelineFormat.json,
    text: Annotated[bool, typer.Option("--text", help="Build the entries from the dated sentences of the articles (those reporting the chosen events, or all) instead of from the merged events: for stories that are not wars (a spill, an epidemic, a trial).")] = False,
    days: Annotated[int, typer.Option("--days", min=1, help="With --text: how many days the timeline keeps (the most-named ones).")] = 20,
    per_day: Annotated[int, typer.Option("--per-day", min=1, help="With --text: sentences per day.")] = 1,
) -> None:
    """Dated, cited entries: a JSON list of {date, summary, events, sources}; with --text each entry
    also lists its sentences with document and offsets."""
    from sitrep.pipeline import timeline_entries
    from sitrep.stories import as_markdown
    from sitrep.store import open_store

    with open_store(db) as store:
        try:
            entries = timeline_entries(store, place=place, actor=actor, story=story, text=text, days=days, per_day=per_day)
        except LookupError:
            raise typer.BadParameter(f"no story {story!r}: see `sitrep stories`", param_hint="--story") from None
    if format is TimelineFormat.md:
        sys.stdout.write(as_markdown(entries))
    else:
        emit(entries, TableFormat(format.value), columns=["date", "summary", "events", "sources"])


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[Optional[str], typer.Option("--token", envvar="SITREP_TOKEN", help="Enables POST /api/ingest for clients sending this bearer token; without it the server is read-only.")] = None,
    tiles: Annotated[Optional[str], typer.Option("--tiles", envvar="SITREP_TILES", help="Map tiles under the offline outlines when online, as a URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (default: none; pages then load nothing from elsewhere).")] = None,
) -> None:
    """Serve the web UI and the JSON API (OpenAPI at /docs) over the store."""
    from sitrep.web.app import serve as run_server

    _stderr().print(f"sitrep: open http://{host}:{port}/ (API docs at /docs){'' if token else '; read-only'}")
    run_server(db, host, port, token, tiles)


@app.command()
def documents(
    db: DbOption = None,
    rejected: Annotated[bool, typer.Option("--rejected", help="List rejected inputs with their reasons instead.")] = False,
    format: Annotated[TableFormat, typer.Option("--format")] = TableFormat.json,
) -> None:
    """List stored documents (id, source, title, outlet, url, published), or the rejected inputs."""
    from sitrep.store import open_store

    with open_store(db) as store:
        if rejected:
            emit(list(store.rejected()), format, columns=["source", "id", "code", "reason"])
        else:
            emit(list(store.documents()), format, columns=["id", "source", "title", "outlet", "url", "published"])


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="acled-csv, jsonl, geojson or parquet.")],
    db: DbOption = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout; required for parquet).")] = None,
) -> None:
    """Export merged events in ACLED's CSV columns, JSONL, GeoJSON or Parquet."""
    from sitrep.export import export_events
    from sitrep.store import open_store

    if format is ExportFormat.parquet and output is None:
        raise typer.BadParameter("Parquet is binary: give --output FILE", param_hint="--output")
    with open_store(db) as store:
        events = store.events()
        if format is ExportFormat.parquet:
            n = export_events(events, format.value, str(output))
        elif output is None:
            n = export_events(events, format.value, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as fh:
                n = export_events(events, format.value, fh)
    _stderr().print(f"exported {n} events")


class EvalTask(str, Enum):
    clean = "clean"
    timex = "timex"
    pubdate = "pubdate"
    places = "places"
    events = "events"
    merge = "merge"
    language = "language"
    timeline = "timeline"
    arguments = "arguments"
    conflict = "conflict"


# Each task's evaluate(data, limit=, progress=) lives in sitrep.eval.<task>.


@app.command("eval")
def eval_(
    task: Annotated[EvalTask, typer.Argument(help="Benchmark task.")],
    data: Annotated[Path, typer.Option("--data", help="The benchmark's data folder (see ../shared/data/README.md).")],
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N items (quick checks).")] = None,
) -> None:
    """Print a JSON object of metrics for a benchmark task."""
    if not data.exists():
        raise typer.BadParameter(f"{data} does not exist", param_hint="--data")
    import importlib

    evaluate = importlib.import_module(f"sitrep.eval.{task.value}").evaluate
    result = evaluate(data, limit=limit, progress=sys.stderr.isatty())
    sys.stdout.write(dumps(result, indent=2) + "\n")


def main() -> None:
    try:
        app(prog_name="sitrep")
    except SitrepError as exc:
        _stderr().print(f"[red]error:[/red] {exc}")
        raise SystemExit(exc.exit_code) from None
    except BrokenPipeError:  # `sitrep clean … | head` is normal use
        sys.stderr.close()
        raise SystemExit(0) from None


__all__ = ["app", "main", "EXIT_USAGE"]
