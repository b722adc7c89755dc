"""read_sources: every input a user has, as RawDoc records (or Rejected ones, never a crash).

Files, folders (recursive), ``.txt``, ``.html``/``.htm``, ``.jsonl``, ``.warc``/``.warc.gz``,
RSS/Atom (``.xml``, ``.rss``, ``.atom``), and ``-`` for JSON Lines on standard input.

Identity (binding contract): a JSONL line's ``id`` field when it has one; a file's path relative to
the folder argument it was found under, or its name when the file itself was the argument; a WARC
record's target URI; a feed entry's id or link.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.errors import E_EMPTY, E_INTERNAL, E_NOT_FOUND, E_TOO_LARGE, E_UNSUPPORTED, InputError
from sitrep.ingest.decode import storable
from sitrep.ingest.formats import bounded_lines, read_feed, read_html, read_jsonl_lines, read_txt, read_warc
from sitrep.records import RawDoc, Rejected
from sitrep.settings import Settings, load_settings

TEXT_EXT = (".txt", ".text")
HTML_EXT = (".html", ".htm", ".xhtml")
JSONL_EXT = (".jsonl", ".ndjson")
WARC_EXT = (".warc", ".warc.gz")
FEED_EXT = (".xml", ".rss", ".atom")
SUPPORTED = TEXT_EXT + HTML_EXT + JSONL_EXT + WARC_EXT + FEED_EXT


def _ext(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path | None, str]]:
    """(path, id-prefix) for every input file, folders walked recursively in a stable order.

    Yields ``(None, arg)`` for a missing path and for ``-``; hidden files and files of types
    sitrep does not read are skipped inside folders (they are not articles: READMEs, images).
    """
    for arg in paths:
        if str(arg) == "-":
            yield None, "-"
            continue
        p = Path(arg)
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    f = Path(dirpath) / name
                    if name.startswith(".") or _ext(f) not in SUPPORTED:
                        continue
                    yield f, f.relative_to(p).as_posix()
        elif p.exists():
            yield p, p.name
        else:
            yield None, str(arg)


def read_file(path: Path, doc_id: str, settings: Settings) -> Iterator[RawDoc | Rejected]:
    """Every document in one file."""
    # Ids and sources are stored and hashed: a file name that is not UTF-8 is spelt storably.
    source, doc_id = storable(str(path)), storable(doc_id)
    ext = _ext(path)
    if ext not in SUPPORTED:
        yield Rejected(source=source, id=doc_id, code=E_UNSUPPORTED,
                       reason=f"'{storable(path.suffix)}' files are not read by sitrep")
        return
    size = path.stat().st_size
    container = ext in JSONL_EXT + WARC_EXT
    limit = settings.max_container_bytes if container else settings.max_input_bytes
    if size > limit:
        yield Rejected(source=source, id=doc_id, code=E_TOO_LARGE, reason=f"{size} bytes, over the {limit} byte limit")
        return
    if size == 0:
        yield Rejected(source=source, id=doc_id, code=E_EMPTY, reason="the file is empty")
        return
    if ext in JSONL_EXT:
        read_any = False
        with path.open("rb") as fh:
            for item in read_jsonl_lines(bounded_lines(fh, settings.max_input_bytes), prefix=doc_id, source=source,
                                         settings=settings):
                read_any = True
                yield item
        if not read_any:  # blank lines only: without this the file would vanish without a word
            yield Rejected(source=source, id=doc_id, code=E_EMPTY, reason="the file holds only blank lines")
        return
    if ext in WARC_EXT:
        with path.open("rb") as fh:
            yield from read_warc(fh, prefix=doc_id, source=source, settings=settings)
        return
    data = path.read_bytes()
    if ext in FEED_EXT:
        yield from read_feed(data, prefix=doc_id, source=source, settings=settings)
        return
    try:
        yield (read_html if ext in HTML_EXT else read_txt)(data, id=doc_id, source=source)
    except InputError as exc:
        yield Rejected(source=source, id=doc_id, code=exc.code, reason=exc.reason)


def read_sources(paths: Iterable[str | os.PathLike], *, settings: Settings | None = None) -> Iterator[RawDoc | Rejected]:
    """Every document in ``paths`` (files, folders, ``-``), in a stable order."""
    settings = settings or load_settings()
    for path, doc_id in iter_files(paths):
        if path is None and doc_id == "-":
            yield from read_jsonl_lines(bounded_lines(sys.stdin.buffer, settings.max_input_bytes), prefix="stdin",
                                        source="-", settings=settings, content_ids=True)
        elif path is None:
            yield Rejected(source=storable(doc_id), id=storable(doc_id), code=E_NOT_FOUND,
                           reason="no such file or folder")
        else:
            try:
                yield from read_file(path, doc_id, settings)
            except OSError as exc:
                yield Rejected(source=storable(str(path)), id=storable(doc_id), code=E_NOT_FOUND,
                               reason=storable(f"cannot read: {exc.strerror or exc}"))
            except Exception as exc:  # a reader's bug on one file must not stop the batch
                yield Rejected(source=storable(str(path)), id=storable(doc_id), code=E_INTERNAL,
                               reason=storable(f"{type(exc).__name__}: {exc}"[:500]))


__all__ = ["read_sources", "iter_files", "read_file"]
