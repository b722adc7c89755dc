"""read_sources over every input format, and every kind of bad input the batch must survive."""

from __future__ import annotations

import ast
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.ingest import read_sources
from sitrep.records import RawDoc, Rejected
from sitrep.settings import Settings

PAGE = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Army retakes town | Example News</title>
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example.org/world/army-retakes-town">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",
"datePublished":"2016-03-27T10:15:00+03:00","publisher":{"@type":"Organization","name":"Example News"}}]}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Army retakes town</h1><p>Government forces retook the town on Sunday after three weeks of fighting, state media said.</p>
<p>A monitoring group said dozens of fighters were killed on both sides during the offensive.</p></article>
<footer>Copyright Example News</footer></body></html>"""


def read(*paths, **kw) -> list[RawDoc | Rejected]:
    return list(read_sources([str(p) for p in paths], **kw))


def test_txt_title_is_first_nonempty_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n\n  Palmyra retaken  \n\nBody line one.\nBody line two.\n", encoding="utf-8")
    [doc] = read(tmp_path / "a.txt")
    assert isinstance(doc, RawDoc)
    assert (doc.id, doc.title, doc.kind) == ("a.txt", "Palmyra retaken", "text")
    assert doc.body == "Body line one.\nBody line two."


def test_folder_ids_are_relative_paths_and_order_is_stable(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("T\nbody", encoding="utf-8")
    (tmp_path / "a.txt").write_text("T\nbody", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # not an article type: skipped in folders
    (tmp_path / ".hidden.txt").write_text("T\nbody", encoding="utf-8")
    ids = [d.id for d in read(tmp_path)]
    assert ids == ["a.txt", "b/z.txt"]


def test_html_metadata_from_json_ld_and_meta(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    [doc] = read(tmp_path / "p.html")
    assert doc.kind == "html"
    assert doc.url == "https://news.example.org/world/army-retakes-town"
    assert doc.outlet == "Example News"
    assert doc.language == "en"
    assert doc.published.date == "2016-03-27" and doc.published.basis == "json-ld"


def test_html_meta_published_time(tmp_path: Path) -> None:
    page = PAGE.replace('"datePublished":"2016-03-27T10:15:00+03:00",', "").replace(
        "<title>", '<meta property="article:published_time" content="2017-03-02T08:00:00Z"><title>')
    (tmp_path / "p.htm").write_text(page, encoding="utf-8")
    [doc] = read(tmp_path / "p.htm")
    assert doc.published.date == "2017-03-02" and doc.published.basis == "html-meta"


def test_html_in_latin1_declared_in_meta(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Sunday", "Sunday in Hom\u00e9")
    (tmp_path / "p.html").write_bytes(page.encode("iso-8859-1"))
    [doc] = read(tmp_path / "p.html")
    assert "Hom\u00e9" in doc.body


def test_jsonl_fields_and_fallback_ids(tmp_path: Path) -> None:
    lines = [
        {"id": "r1", "url": "https://www.reuters.com/a", "title": "A", "text": "Text A.", "published": "2016-12-11", "outlet": "Reuters", "language": "en"},
        {"title": "B", "html": PAGE},
    ]
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    a, b = read(tmp_path / "d.jsonl")
    assert (a.id, a.outlet, a.published.date, a.published.basis, a.language) == ("r1", "Reuters", "2016-12-11", "jsonl", "en")
    assert b.id == "d.jsonl#2" and b.kind == "html" and b.title == "B"
    assert b.published.date == "2016-03-27"  # the page's own JSON-LD when the line has no date


def test_stdin_jsonl() -> None:
    code = "from sitrep.ingest import read_sources; print([d.id for d in read_sources(['-'])])"
    data = b'{"id": "s1", "text": "hello there"}\n{"text": "x"}\n'
    first = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, check=True).stdout.decode()
    again = subprocess.run([sys.executable, "-c", code], input=data[::-1][::-1], capture_output=True, check=True).stdout.decode()
    ids = ast.literal_eval(first)
    # A line without an id gets its content's hash: stable, and never another request's line number.
    assert ids[0] == "s1" and ids[1].startswith("stdin:") and first == again


def _warc(records: list[tuple[str, str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, date, body in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                        warc_headers_dict={"WARC-Date": date})
        writer.write_record(rec)
    return buf.getvalue()


def test_warc_records_use_target_uri_and_crawl_date_bounds(tmp_path: Path) -> None:
    undated = PAGE.replace('"datePublished":"2016-03-27T10:15:00+03:00",', "")
    data = _warc([("https://a.example/1", "2016-04-01T00:00:00Z", PAGE.encode()),
                  ("https://a.example/2", "2016-12-20T00:00:00Z", undated.encode())])
    (tmp_path / "c.warc.gz").write_bytes(data)
    a, b = read(tmp_path / "c.warc.gz")
    assert (a.id, b.id) == ("https://a.example/1", "https://a.example/2")
    assert a.published.date == "2016-03-27"
    # A crawl date is not a publication date; it only says the page existed by then.
    assert b.published.date is None and b.published.latest == "2016-12-20" and b.published.basis == "warc"


def test_truncated_warc_keeps_what_was_read(tmp_path: Path) -> None:
    data = _warc([(f"https://a.example/{i}", "2016-04-01T00:00:00Z", PAGE.encode()) for i in range(3)])
    raw = gzip.decompress(data)
    (tmp_path / "t.warc").write_bytes(raw[: int(len(raw) * 0.8)])
    out = read(tmp_path / "t.warc")
    docs = [d for d in out if isinstance(d, RawDoc)]
    rejected = [d for d in out if isinstance(d, Rejected)]
    assert len(docs) == 2
    assert len(rejected) == 1 and rejected[0].code == "E_PARSE" and "truncated" in rejected[0].reason


RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Wire</title>
<link>https://wire.example</link><item><title>Strikes hit Idlib</title><link>https://wire.example/1</link>
<guid>wire-1</guid><pubDate>Sun, 11 Dec 2016 09:00:00 GMT</pubDate><description>Air strikes hit Idlib on Sunday.</description></item>
<item><title>Second</title><link>https://wire.example/2</link><description>&lt;p&gt;Fighting went on.&lt;/p&gt;</description></item>
</channel></rss>"""


def test_rss_entries(tmp_path: Path) -> None:
    (tmp_path / "f.rss").write_text(RSS, encoding="utf-8")
    a, b = read(tmp_path / "f.rss")
    assert (a.id, a.outlet, a.published.date, a.published.basis, a.kind) == ("wire-1", "Example Wire", "2016-12-11", "feed", "text")
    assert (b.id, b.published, b.kind) == ("https://wire.example/2", None, "html")


# --- bad input: each becomes a Rejected with a clear reason, and the rest of the batch goes on ---

def _one_bad_among_good(tmp_path: Path, name: str, data: bytes, **kw) -> Rejected:
    (tmp_path / "good.txt").write_text("Good title\nGood body.", encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    out = read(tmp_path, **kw)
    assert [d.id for d in out if isinstance(d, RawDoc)] == ["good.txt"]
    [bad] = [d for d in out if isinstance(d, Rejected)]
    assert bad.id == name and bad.reason
    return bad


def test_empty_file(tmp_path: Path) -> None:
    assert _one_bad_among_good(tmp_path, "empty.txt", b"").code == "E_EMPTY"


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert _one_bad_among_good(tmp_path, "blank.txt", b"  \n\n \t\n").code == "E_EMPTY"


def test_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    assert _one_bad_among_good(tmp_path, "image.txt", png).code == "E_BINARY"


def test_invalid_utf8_jsonl_line_is_rejected_and_others_kept(tmp_path: Path) -> None:
    data = b'{"id": "ok1", "text": "fine"}\n{"id": "bad", "text": "caf\xe9 \xff\xfe"}\n{"id": "ok2", "text": "fine too"}\n'
    (tmp_path / "d.jsonl").write_bytes(data)
    out = read(tmp_path / "d.jsonl")
    assert [d.id for d in out if isinstance(d, RawDoc)] == ["ok1", "ok2"]
    [bad] = [d for d in out if isinstance(d, Rejected)]
    assert bad.code == "E_ENCODING" and "UTF-8" in bad.reason


def test_invalid_utf8_text_file_is_decoded_not_lost(tmp_path: Path) -> None:
    # Latin-1 bytes are invalid UTF-8 but perfectly readable: nothing readable is lost.
    (tmp_path / "l.txt").write_bytes("D\u00e9fense minist\u00e8re\nLe minist\u00e8re de la D\u00e9fense a d\u00e9clar\u00e9 que les frappes ont touch\u00e9 Palmyre.".encode("latin-1"))
    [doc] = read(tmp_path / "l.txt")
    assert isinstance(doc, RawDoc) and "minist\u00e8re" in doc.body and doc.encoding != "utf-8"


def test_random_bytes_are_rejected(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(5000))
    assert _one_bad_among_good(tmp_path, "noise.txt", data).code in ("E_BINARY", "E_ENCODING")


def test_file_over_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 50 MB, written sparsely
        fh.seek(50 * 1024 * 1024 - 1)
        fh.write(b"x")
    (tmp_path / "good.txt").write_text("Good title\nGood body.", encoding="utf-8")
    out = read(tmp_path)
    [bad] = [d for d in out if isinstance(d, Rejected)]
    assert bad.code == "E_TOO_LARGE" and "limit" in bad.reason


def test_malformed_html_still_read(tmp_path: Path) -> None:
    (tmp_path / "m.html").write_text("<html><body><p>Unclosed <b>tags <div><p>Rebels shelled the town, killing four civilians.", encoding="utf-8")
    [doc] = read(tmp_path / "m.html")
    assert isinstance(doc, RawDoc) and "Rebels shelled" in doc.body


def test_html_that_is_not_html(tmp_path: Path) -> None:
    bad = _one_bad_among_good(tmp_path, "x.html", b"\x00\x01\x02\x03" * 100)
    assert bad.code == "E_BINARY"


def test_broken_jsonl_line(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text('{"id": "a", "text": "one"}\n{"id": "b", "text": \n[1, 2]\n{"id": "c", "text": "three"}\n', encoding="utf-8")
    out = read(tmp_path / "d.jsonl")
    assert [d.id for d in out if isinstance(d, RawDoc)] == ["a", "c"]
    codes = [(d.id, d.code) for d in out if isinstance(d, Rejected)]
    assert codes == [("d.jsonl#2", "E_PARSE"), ("d.jsonl#3", "E_PARSE")]


def test_feed_with_no_entries(tmp_path: Path) -> None:
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>'
    bad = _one_bad_among_good(tmp_path, "empty.rss", feed)
    assert bad.code == "E_NO_TEXT" and "no entries" in bad.reason


def test_missing_path() -> None:
    [bad] = read("/nonexistent/nowhere.txt")
    assert bad.code == "E_NOT_FOUND"


def test_explicit_unsupported_file(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    [bad] = read(tmp_path / "x.pdf")
    assert bad.code == "E_UNSUPPORTED"


def test_record_size_limit_applies_inside_jsonl(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "huge", "text": "x" * 5000}) + "\n" + json.dumps({"id": "ok", "text": "y"}) + "\n")
    out = read(tmp_path / "d.jsonl", settings=Settings(max_input_bytes=1000))
    assert [(d.id, getattr(d, "code", None)) for d in out] == [("d.jsonl#1", "E_TOO_LARGE"), ("ok", None)]


@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_gzip_bomb_named_as_text_is_binary(tmp_path: Path, name: str) -> None:
    bomb = gzip.compress(b"\x00" * 10_000_000)
    assert _one_bad_among_good(tmp_path, name, bomb).code == "E_BINARY"


def test_bom_only_and_utf16_and_xhtml(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    (tmp_path / "nbsp.txt").write_bytes("\u00a0\u00a0\n".encode())
    (tmp_path / "u16.txt").write_bytes("Titre\nLes forces ont repris la ville.".encode("utf-16"))
    (tmp_path / "x.xhtml").write_text('<?xml version="1.0" encoding="utf-8"?>\n' + PAGE, encoding="utf-8")
    out = {d.id: d for d in read(tmp_path)}
    assert out["bom.txt"].code == "E_EMPTY" and out["nbsp.txt"].code == "E_EMPTY"
    assert out["u16.txt"].title == "Titre" and "repris" in out["u16.txt"].body
    assert isinstance(out["x.xhtml"], RawDoc) and out["x.xhtml"].outlet == "Example News"


def test_lone_surrogates_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text('{"id": "x\\ud800", "text": "a"}\n{"id": "ok", "text": "b"}\n', encoding="utf-8")
    out = read(tmp_path / "d.jsonl")
    assert [(d.id, getattr(d, "code", None)) for d in out] == [("d.jsonl#1", "E_ENCODING"), ("ok", None)]
