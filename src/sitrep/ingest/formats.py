"""One reader per input format. Each yields RawDoc or Rejected and never raises for bad input."""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from sitrep.errors import E_EMPTY, E_ENCODING, E_NO_TEXT, E_PARSE, E_TOO_LARGE, InputError
from sitrep.ids import hash_id
from sitrep.ingest.decode import decode_bytes
from sitrep.ingest.html_meta import page_meta
from sitrep.ingest.timeparse import iso_day
from sitrep.records import PubDate, RawDoc, Rejected
from sitrep.settings import Settings

Out = Iterator[RawDoc | Rejected]

# Confidence in a publication date by where it was found: a date the publisher states in
# structured metadata is nearly always right; a feed date is sometimes the update time.
_BASIS_CONFIDENCE = {"jsonl": 0.95, "json-ld": 0.95, "html-meta": 0.9, "feed": 0.85}


def metadata_date(day: str | None, basis: str) -> PubDate | None:
    if not day:
        return None
    return PubDate(date=day, earliest=day, latest=day, basis=basis, confidence=_BASIS_CONFIDENCE[basis])


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head or "<p>" in head or "<div" in head


_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,200}\?>", re.I)


def parse_html(markup: str) -> lxml.html.HtmlElement:
    # lxml refuses a str that still declares its byte encoding (XHTML): the text is decoded.
    markup = _XML_DECL.sub("", markup, count=1)
    try:
        tree = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(E_PARSE, f"the HTML could not be parsed: {exc}") from None
    return tree


def html_doc(markup: str, *, id: str, source: str, encoding: str | None, url: str | None = None,
             published: PubDate | None = None) -> RawDoc:
    """A RawDoc for a web page, with the metadata the page states about itself."""
    meta = page_meta(parse_html(markup))
    if published is None:
        published = metadata_date(meta.published, meta.published_basis or "html-meta")
    url = url or meta.url
    return RawDoc(
        id=id, source=source, kind="html", body=markup, title=meta.title, url=url,
        outlet=meta.site_name or host_of(url), published=published, language=meta.language,
        encoding=encoding,
    )


def read_txt(data: bytes, *, id: str, source: str) -> RawDoc:
    """Plain text: the first non-empty line is the title, the rest is the body."""
    decoded, encoding = decode_bytes(data)
    text = decoded.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InputError(E_EMPTY, "the file holds no visible text")
    title = lines[first].strip()
    body = "\n".join(lines[first + 1 :]).strip("\n")
    if not body.strip():
        # A one-line file: the line is both the title and the only text there is.
        body = title
    return RawDoc(id=id, source=source, kind="text", body=body, title=title, encoding=encoding, given=decoded)


def read_html(data: bytes, *, id: str, source: str) -> RawDoc:
    declared = None
    m = re.search(rb"""<meta[^>]{0,200}charset=["']?([A-Za-z0-9_-]{1,40})""", data[:4096], re.I)
    if m:
        declared = m.group(1).decode("ascii")
    text, encoding = decode_bytes(data, declared=declared)
    return html_doc(text, id=id, source=source, encoding=encoding)


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of a binary stream, none held longer than ``limit + 1`` bytes: of a longer line
    only its first ``limit + 1`` bytes are yielded (enough to reject it as too large) and the rest
    is skipped in 1 MB steps, so a file that is one enormous line never sits in memory whole (a
    JSONL file may be as large as ``max_container_bytes``, 2 GB)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def read_jsonl_lines(lines: Iterator[bytes], *, prefix: str, source: str, settings: Settings,
                     content_ids: bool = False) -> Out:
    """JSON Lines: one document per line; a broken line is rejected and the rest go on."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        fallback_id = f"{prefix}#{lineno}"
        if len(line) > settings.max_input_bytes:
            yield Rejected(source=where, id=fallback_id, code=E_TOO_LARGE,
                           reason=f"line {lineno} is over the {settings.max_input_bytes} byte limit")
            continue
        try:
            record = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            yield Rejected(source=where, id=fallback_id, code="E_ENCODING", reason=f"line {lineno} is not valid UTF-8: {exc.reason}")
            continue
        except (ValueError, RecursionError) as exc:
            yield Rejected(source=where, id=fallback_id, code=E_PARSE, reason=f"line {lineno} is not valid JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield Rejected(source=where, id=fallback_id, code=E_PARSE, reason=f"line {lineno} is JSON but not an object")
            continue
        try:  # JSON escapes can smuggle lone surrogates, which no store can keep
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            yield Rejected(source=where, id=fallback_id, code=E_ENCODING, reason=f"line {lineno} holds invalid Unicode (a lone surrogate)")
            continue
        if record.get("id") not in (None, ""):
            doc_id = str(record["id"])
        elif content_ids:
            # Streams (stdin, the ingest API) have no file to number lines in: the id is the
            # content's hash, so two requests never overwrite each other's documents.
            doc_id = f"{prefix}:{hash_id(record.get('url'), record.get('title'), record.get('text'), record.get('html'))}"
        else:
            doc_id = fallback_id
        text, html = record.get("text"), record.get("html")
        if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
            yield Rejected(source=where, id=doc_id, code=E_NO_TEXT, reason=f"line {lineno} has no 'text' or 'html'")
            continue
        url = record.get("url") if isinstance(record.get("url"), str) else None
        published = metadata_date(iso_day(str(record["published"])), "jsonl") if record.get("published") else None
        outlet = record.get("outlet") if isinstance(record.get("outlet"), str) else None
        title = record.get("title") if isinstance(record.get("title"), str) else None
        language = record.get("language") if isinstance(record.get("language"), str) else None
        try:
            if isinstance(text, str) and text.strip():
                doc = RawDoc(id=doc_id, source=where, kind="text", body=text, title=title, url=url,
                             outlet=outlet or host_of(url), published=published, language=language, encoding="utf-8")
            else:
                page = html_doc(html, id=doc_id, source=where, encoding="utf-8", url=url, published=published)
                doc = RawDoc(id=doc_id, source=where, kind="html", body=html, title=title or page.title,
                             url=page.url, outlet=outlet or page.outlet, published=page.published,
                             language=language or page.language, encoding="utf-8")
        except InputError as exc:
            yield Rejected(source=where, id=doc_id, code=exc.code, reason=exc.reason)
            continue
        yield doc


# warcio reads WARC and HTTP header lines with a readline that has no length limit and joins its
# 16 kB blocks one by one: a 50 MB "line" without a newline took two minutes (2 GB would take
# hours). Header lines are short (web servers refuse lines over 8 kB), so a longer one is cut at
# 64 kB; the archive then fails to parse (E_PARSE) instead of hanging.
MAX_HEADER_LINE = 65_536
# A gzipped WARC that inflates to more than this many times the compressed bytes read is a
# decompression bomb. Web archives hold one gzip member per record, and HTML deflates 4 to 10
# fold; a page that is one tag repeated ("<p>x</p>" a million times) about 85 fold, zeros 1,000
# fold, so that a 2 MB file would be skipped through for 2 GB (a 2 GB file, the container limit,
# for 2 TB). With the guard the inflated stream is bounded by 50 times the file. The first
# ``max_input_bytes`` inflated are always allowed, so a small archive is never judged by its
# ratio alone.
MAX_INFLATION = 50


class DecompressionBomb(Exception):
    """A compressed input inflates far beyond what real content does."""


class _Inflating:
    """A gzip stream (any number of members), inflated as warcio reads it, that raises
    DecompressionBomb once it has inflated past ``floor`` bytes and past MAX_INFLATION times the
    compressed bytes read."""

    def __init__(self, raw: BinaryIO, floor: int) -> None:
        self._raw = raw
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")
        self._floor = floor
        self.inflated = 0

    def read(self, size: int = -1) -> bytes:
        if size == 0:
            return b""
        data = self._gz.read(size if size > 0 else 65_536)  # never "all at once"
        self.inflated += len(data)
        if self.inflated > self._floor and self.inflated > MAX_INFLATION * self._raw.tell():
            raise DecompressionBomb(f"{self.inflated} bytes inflated from {self._raw.tell()}")
        return data

    def tell(self) -> int:  # warcio keeps record offsets; these are offsets in the inflated stream
        return self.inflated

    def close(self) -> None:
        self._gz.close()


def _warc_iterator(stream: BinaryIO, settings: Settings):
    """warcio's record iterator over ``stream``, inflated here when gzipped (see _Inflating) and
    with header lines capped at MAX_HEADER_LINE."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class CappedLines(DecompressingBufferedReader):
        def readline(self, length=None):
            return super().readline(min(length, MAX_HEADER_LINE) if length else MAX_HEADER_LINE)

    peek = getattr(stream, "peek", None)
    if peek is not None and peek(2)[:2] == b"\x1f\x8b":
        stream = _Inflating(stream, settings.max_input_bytes)  # type: ignore[assignment]
    records = ArchiveIterator(stream)
    # warcio (1.8) reads every line through ``reader``, which has read nothing yet: swap it.
    records.reader = CappedLines(records.fh, block_size=records.reader.block_size)
    return records


def read_warc(stream: BinaryIO, *, prefix: str, source: str, settings: Settings) -> Out:
    """HTTP response records of a WARC (gzipped or not). A truncated archive yields the records
    read so far, then one Rejected for the rest; so does a gzipped one that turns out to be a
    decompression bomb (E_TOO_LARGE)."""
    count = 0
    try:
        for record in _warc_iterator(stream, settings):
            if record.format != "warc":
                # warcio also reads the older ARC format, whose header is one line of fields: any
                # text file named .warc read as ARC, each line of it an empty "record".
                raise InputError(E_PARSE, f"not a WARC file: its first record reads as {record.format!r}")
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{prefix}#{count + 1}"
            if record.http_headers is not None and record.http_headers.get_statuscode() not in (None, "200"):
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if ctype and not any(t in ctype.lower() for t in ("html", "text", "xml")):
                continue
            body = record.content_stream().read(settings.max_input_bytes + 1)
            count += 1
            where = f"{source}#{uri}"
            if len(body) <= settings.max_input_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                # The record promised more bytes than the file holds: the archive ends mid-record.
                raise EOFError(f"record {uri} is cut short")
            if len(body) > settings.max_input_bytes:
                yield Rejected(source=where, id=uri, code=E_TOO_LARGE,
                               reason=f"response body over the {settings.max_input_bytes} byte limit")
                continue
            crawled = iso_day(record.rec_headers.get_header("WARC-Date"))
            m = re.search(r"charset=([A-Za-z0-9_-]{1,40})", ctype)
            try:
                text, encoding = decode_bytes(body, declared=m.group(1) if m else None)
                if "html" in ctype.lower() or _looks_like_html(text):
                    doc = html_doc(text, id=uri, source=where, encoding=encoding, url=uri)
                else:
                    doc = RawDoc(id=uri, source=where, kind="text", body=text, url=uri,
                                 outlet=host_of(uri), encoding=encoding)
            except InputError as exc:
                yield Rejected(source=where, id=uri, code=exc.code, reason=exc.reason)
                continue
            if doc.published is None and crawled:
                # The crawl date only bounds publication from above: the page existed by then.
                doc = _with_published(doc, PubDate(date=None, earliest=None, latest=crawled, basis="warc", confidence=0.0))
            yield doc
    except InputError as exc:
        yield Rejected(source=source, id=prefix, code=exc.code, reason=exc.reason)
        return
    except DecompressionBomb as exc:
        yield Rejected(source=source, id=prefix, code=E_TOO_LARGE,
                       reason=f"the archive inflates more than {MAX_INFLATION} times its compressed size after "
                              f"{count} records ({exc}): a decompression bomb; the rest is not read")
        return
    except Exception as exc:  # warcio raises assorted errors on truncated or corrupt archives
        yield Rejected(source=source, id=prefix, code=E_PARSE,
                       reason=f"the WARC is truncated or corrupt after {count} records: {type(exc).__name__}: {exc}")
        return
    if count == 0:
        yield Rejected(source=source, id=prefix, code=E_NO_TEXT, reason="the WARC holds no HTTP response with a text or HTML page")


def _with_published(doc: RawDoc, published: PubDate) -> RawDoc:
    from dataclasses import replace

    return replace(doc, published=published)


_HTML_TAG = re.compile(r"</?(?:p|div|br|span|a|h[1-6]|ul|ol|li|blockquote|img)\b", re.I)


def read_feed(data: bytes, *, prefix: str, source: str, settings: Settings) -> Out:
    """RSS or Atom: one document per entry, with the entry's date and the feed's title as outlet."""
    import feedparser

    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser's fallback parser raises on some broken markup (&#xd800;)
        yield Rejected(source=source, id=prefix, code=E_PARSE,
                       reason=f"the feed could not be parsed: {type(exc).__name__}: {exc}"[:500])
        return
    if not parsed.entries:
        why = f": {parsed.bozo_exception}" if parsed.get("bozo") and parsed.get("bozo_exception") else ""
        yield Rejected(source=source, id=prefix, code=E_NO_TEXT if not parsed.get("bozo") else E_PARSE,
                       reason=f"the feed has no entries{why}")
        return
    outlet = parsed.feed.get("title") or host_of(parsed.feed.get("link"))
    for n, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        doc_id = entry.get("id") or link or f"{prefix}#{n}"
        where = f"{source}#{doc_id}"
        content = ""
        if entry.get("content"):
            content = entry.content[0].get("value", "")
        elif entry.get("summary"):
            content = entry.summary
        if not content.strip():
            yield Rejected(source=where, id=doc_id, code=E_NO_TEXT, reason=f"feed entry {n} has no text")
            continue
        day = None
        for key in ("published_parsed", "updated_parsed"):
            if entry.get(key):
                t = entry[key]
                day = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
                break
        published = metadata_date(day, "feed")
        title = entry.get("title")
        # An aggregator's entry names its original outlet in <source>; prefer that to the feed's title.
        entry_outlet = (entry.get("source") or {}).get("title") or outlet
        if _HTML_TAG.search(content[:4096]):
            page = f"<html><head><title></title></head><body>{content}</body></html>"
            yield RawDoc(id=doc_id, source=where, kind="html", body=page, title=title, url=link,
                         outlet=entry_outlet, published=published, language=parsed.feed.get("language"))
        else:
            yield RawDoc(id=doc_id, source=where, kind="text", body=content, title=title, url=link,
                         outlet=entry_outlet, published=published, language=parsed.feed.get("language"))
