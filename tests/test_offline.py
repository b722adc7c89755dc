"""sitrep fetches nothing: inputs that point at remote or internal resources (external XML
entities, remote stylesheets and images, feed links, redirects in meta tags) are read as text,
and no stage opens a network connection — so there is no request a hostile article could aim at
a private or loopback address."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from sitrep.pipeline import process_with_events
from sitrep.ingest import read_sources
from sitrep.records import Article, Rejected
from sitrep.settings import load_settings

BODY = ("Syrian troops recaptured the ancient city of Palmyra from IS on Sunday, state media said. "
        "The Russian defence ministry said its strikes killed more than 100 militants near Palmyra.")

INPUTS = {
    "xxe.rss": f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY remote SYSTEM "http://169.254.169.254/latest/meta-data/">
<!ENTITY local SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&remote;</title><link>http://127.0.0.1:8000/</link>
<item><title>Palmyra &local;</title><link>http://10.0.0.1/a</link><description>{BODY}</description></item>
</channel></rss>""",
    "remote.html": f"""<!doctype html><html><head><title>Palmyra</title>
<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/">
<link rel="stylesheet" href="http://192.168.1.1/s.css"><script src="http://[::1]/x.js"></script>
<base href="http://10.1.2.3/"></head><body><img src="http://127.0.0.1:6379/x.png">
<iframe src="http://localhost:5432/"></iframe><article><p>{BODY}</p></article></body></html>""",
    "svg.xml.html": f"""<?xml version="1.0"?><!DOCTYPE html SYSTEM "http://127.0.0.1:7/dtd">
<html xmlns:xi="http://www.w3.org/2001/XInclude"><body><xi:include href="file:///etc/passwd" parse="text"/>
<p>{BODY}</p></body></html>""",
}


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to open a connection or resolve a name fails the test."""
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:200])
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def test_inputs_pointing_elsewhere_are_read_without_any_connection(tmp_path: Path, no_network) -> None:
    for name, text in INPUTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    settings = load_settings()
    results = list(process_with_events(read_sources([tmp_path], settings=settings), settings=settings))
    assert no_network == []
    assert len(results) == len(INPUTS)  # one result per input (a feed item is named by its link)
    for result, _ in results:
        assert isinstance(result, (Article, Rejected))
        if isinstance(result, Article):
            # no external entity was expanded into the text
            assert "root:" not in result.text and "meta-data" not in (result.title or "")
    assert any(isinstance(r, Article) and m for r, m in results), "the article text still yields events"
