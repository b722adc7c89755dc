"""Hostile articles through the real pipeline, then every page and JSON answer checked for live
markup: script-injection payloads in titles, texts, outlet names, URLs and ids (and in query
strings and paths the pages echo) must come out as inert text.

What counts as live, on a page parsed as a browser would: a tag that no template writes (a
payload's <script>, <img>, <iframe>...), an on* handler attribute, a javascript:/vbscript:/data:
URL in a link or source attribute, CSS that can run or fetch things, or a payload's markup
characters written out raw. A template expression such as {{7*7}} must be shown, never evaluated.
JSON must be served as JSON, not sniffed as HTML, with U+2028 and U+2029 escaped. And the
Content-Security-Policy of every page must forbid scripts, as a last line of defence.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from conftest import store_url
from fastapi.testclient import TestClient
from markupsafe import escape

from sitrep.pipeline import run
from sitrep.web.app import TEMPLATES, create_app

# Payloads by name. Each goes into an article's title, text and outlet name (see _articles).
PAYLOADS = {
    "script": "<script>alert('script')</script>",
    "img-onerror": "<img src=x onerror=alert('img')>",
    "svg-onload": "<svg/onload=alert('svg')>",
    "body-onload": "<body onload=alert('body')>",
    "break-double-quote": '"><script>alert("dq")</script>',
    "break-single-quote": "'><img src=x onerror=alert('sq')>",
    "break-unquoted": " autofocus onfocus=alert('uq') x=",
    "break-title": "</title><script>alert('title')</script>",
    "break-style": "</style><script>alert('style')</script>",
    "break-comment": "--><script>alert('comment')</script><!--",
    "iframe-srcdoc": "<iframe srcdoc=\"<script>alert('srcdoc')</script>\"></iframe>",
    "href-mixed-case": "<a href=\"jAvAsCrIpT:alert('href')\">click</a>",
    "math-xlink": "<math><mi xlink:href=\"javascript:alert('math')\">x</mi></math>",
    "object-data": '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgnb2JqJyk8L3NjcmlwdD4="></object>',
    "meta-refresh": "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('meta')\">",
    "base-href": '<base href="http://evil.example/">',
    "css-expression": "<p style=\"width:expression(alert('css'))\">x</p>",
    "css-url": "<div style=\"background:url(javascript:alert('cssurl'))\">x</div>",
    "css-import": "<style>@import 'http://evil.example/x.css';</style>",
    "template-jinja": "{{7*7}} {{ 1337*1337 }} {% print(1337*1337) %}",
    "template-js": "${7*7} #{7*7} ${1337*1337}",
    "unicode-escaped": "\\u003cscript\\u003ealert('u')\\u003c/script\\u003e \\x3cimg src=x onerror=alert(1)\\x3e",
    "fullwidth": "\uff1cscript\uff1ealert('fw')\uff1c/script\uff1e",
    "entities": "&lt;script&gt;alert('ent')&lt;/script&gt; &#60;img src=x onerror=alert('ent2')&#62;",
    "line-separators": "\u2028</script>\u2029<script>alert('ls')</script>\u2028",
}
# 1337*1337: no page may show it, whoever evaluates what (49 could be a casualty figure).
EVALUATED = str(1337 * 1337)

# URLs for the `url` field: only http(s) may become links, and then only as quoted, escaped text.
URLS = [
    "javascript:alert('url')",
    "JaVaScRiPt:alert('url2')",
    " javascript:alert('url3')",
    "java\tscript:alert('url4')",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgndXJsNScpPC9zY3JpcHQ+",
    "vbscript:msgbox('url6')",
    "https://example.org/\"><script>alert('url7')</script>",
    "https://example.org/?q=' onmouseover='alert(8)",
    "https://example.org/a\u2028b",
]
# Some documents get a hostile id: ids appear in links, paths and error messages.
HOSTILE_IDS = {"svg-onload": "\"><svg onload=alert('id')>", "script": "<script>alert('id2')</script>",
               "href-mixed-case": "javascript:alert('id3')"}
PLACES = ["Palmyra", "Idlib", "Aleppo", "Homs", "Raqqa", "Hama", "Daraa"]

# A payload's markup characters: if the payload shows up verbatim in a page, it was not escaped.
MARKUP = set("<>\"'&")


def _articles() -> list[dict]:
    rows = []
    for i, (name, p) in enumerate(PAYLOADS.items()):
        place = PLACES[i % len(PLACES)]
        rows.append({
            "id": HOSTILE_IDS.get(name, f"xss-{name}"),
            "title": f"{p} {place} report {i}",
            "outlet": f"{p} Wire",
            "url": URLS[i % len(URLS)],
            "published": f"2016-03-{10 + i:02d}",
            # Event sentences with the payload inside, so that it reaches the merged events'
            # notes and evidence sentences too, not only the document.
            "text": f"Syrian troops recaptured {place} {p} from Islamic State militants on Sunday, state media said. "
                    f"The monitoring group said {10 + i} fighters died in the battle for {place}. "
                    f"Rebels shelled {place} {p} on Monday, killing {3 + i} civilians, activists said.",
        })
    return rows


# An HTML page and a text file, the other ways articles arrive: the page's entity-escaped
# markup becomes literal text when cleaned, its live <script> must simply vanish.
HTML_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>&lt;/title&gt;&lt;script&gt;alert('html-title')&lt;/script&gt; Aleppo shelled</title>
<meta property="og:site_name" content="&quot;&gt;&lt;img src=x onerror=alert('og')&gt;">
<link rel="canonical" href="javascript:alert('canonical')">
</head><body><article><h1>Aleppo shelled</h1>
<p>Government forces shelled Aleppo on Sunday &lt;img src=x onerror=alert('html-body')&gt;, killing 12 civilians, activists said.</p>
<script>alert('live-in-source')</script>
<p>Rebels said they repelled an attack near Aleppo on Monday, and a monitoring group said 30 fighters died in the clashes.</p>
</article></body></html>
"""
TXT_FILE = """<svg onload=alert('txt-title')> Clashes in Homs

Syrian troops clashed with rebels in Homs on Sunday <iframe src="javascript:alert('txt')"></iframe>, a monitoring group said.
The monitoring group said 20 fighters died in the fighting in Homs.
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[TestClient, list[dict]]:
    root = tmp_path_factory.mktemp("xss")
    inputs = root / "in"
    inputs.mkdir()
    rows = _articles()
    # JSON Lines written with every markup character as a \u escape, the way some exporters
    # write them: the reader decodes them, so the payloads arrive intact, in escaped form.
    lines = [json.dumps(r).replace("<", "\\u003c").replace(">", "\\u003e") for r in rows]
    (inputs / "hostile.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (inputs / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (inputs / "note.txt").write_text(TXT_FILE, encoding="utf-8")
    db = store_url(root, "xss")
    summary = run([inputs], db=db)
    assert summary.stats.documents == len(rows) + 2, summary.as_dict()["rejected"]
    return TestClient(create_app(db)), rows


# ------------------------------------------------------------------ checks


def _template_tags() -> set[str]:
    """Every tag name the templates write: any other tag on a page came from data."""
    tags = set()
    for path in TEMPLATES.glob("*.html"):
        tags |= {t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", path.read_text(encoding="utf-8"))}
    return tags


TEMPLATE_TAGS = _template_tags()
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "srcset", "ping", "lowsrc"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
BAD_CSS = ("expression(", "url(", "javascript:", "@import", "behavior:", "-moz-binding")
ALLOWED_META = {"charset", "viewport", "content-security-policy"}


class LiveMarkup(HTMLParser):
    """Parses a page as a browser would (entities in attributes decoded) and lists what could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.styles = 0
        self.policies: list[str] = []  # Content-Security-Policy meta tags, in order
        self.title_seen = False
        self.policy_after_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TEMPLATE_TAGS:
            self.found.append(f"<{tag}> is written by no template")
        if tag == "style":
            self.styles += 1
        if tag == "title" and not self.title_seen:
            self.title_seen = True
        for name, value in attrs:
            value = value or ""
            bare = re.sub(r"[\x00-\x20]", "", value).lower()  # browsers ignore these in a URL's scheme
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> is an event handler")
            if name in ("srcdoc", "formaction"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRS and bare.startswith(BAD_SCHEMES):
                self.found.append(f"<{tag} {name}={value!r}> is a script or data URL")
            if name == "style" and any(bad in bare for bad in BAD_CSS):
                self.found.append(f"<{tag} style={value!r}> can run or fetch")
        if tag == "meta":
            a = dict(attrs)
            kind = "charset" if "charset" in a else (a.get("name") or a.get("http-equiv") or "").lower()
            if kind not in ALLOWED_META:
                self.found.append(f"<meta {attrs}> is not one of the templates' meta tags")
            if kind == "content-security-policy":
                self.policies.append(a.get("content") or "")
                self.policy_after_title |= self.title_seen

    handle_startendtag = handle_starttag


def _policy_forbids_scripts(policy: str) -> bool:
    """Whether a CSP allows no script at all: script-src 'none' (or, without script-src,
    default-src 'none'); one source beside 'none' would void it."""
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    sources = directives.get("script-src", directives.get("default-src"))
    return sources == ["'none'"]


def _check_page(response, payloads: list[str]) -> list[str]:
    """Everything live on one HTML page, and whether its policy forbids scripts."""
    problems = []
    html = response.text
    if not response.headers.get("content-type", "").startswith("text/html"):
        problems.append(f"served as {response.headers.get('content-type')}")
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    problems += parser.found
    if parser.styles != 1:
        problems.append(f"{parser.styles} <style> elements, where the layout has one")
    for p in payloads:
        if MARKUP & set(p) and p in html:
            problems.append(f"payload written out raw: {p!r}")
    if EVALUATED in html:
        problems.append(f"a template expression was evaluated ({EVALUATED})")
    # The policy: sent as a header and/or a meta tag before anything from the data (the <title>).
    header = response.headers.get("content-security-policy")
    policies = ([header] if header is not None else []) + parser.policies
    if not policies:
        problems.append("no Content-Security-Policy")
    problems += [f"a policy that allows scripts: {p!r}" for p in policies if not _policy_forbids_scripts(p)]
    if parser.policy_after_title:
        problems.append("the policy's meta tag comes after the page's title")
    return problems


def _check_json(response) -> list[str]:
    """A JSON answer: served as JSON and not to be sniffed, valid, U+2028/U+2029 escaped."""
    problems = []
    if not response.headers.get("content-type", "").startswith("application/json"):
        problems.append(f"served as {response.headers.get('content-type')}")
    if response.headers.get("x-content-type-options", "").lower() != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff (a browser may sniff the payloads as HTML)")
    for raw in ("\u2028", "\u2029"):
        if raw.encode() in response.content:
            problems.append(f"a raw U+{ord(raw):04X} in the JSON")
    try:
        json.loads(response.content)
    except ValueError as exc:
        problems.append(f"invalid JSON: {exc}")
    if EVALUATED.encode() in response.content:
        problems.append(f"a template expression was evaluated ({EVALUATED})")
    return problems


def _path(doc_id: str) -> str:
    return quote(doc_id, safe="")


# ------------------------------------------------------------------ tests


def test_payloads_reach_the_store_intact(hostile) -> None:
    """The suite is only as good as its payloads' arrival: each is stored as sent, in the
    document and in the merged events, so the pages below really have to escape it."""
    client, rows = hostile
    for row in rows:
        doc = client.get(f"/api/documents/{_path(row['id'])}").json()
        # Titles lose their surrounding white space (U+2028 is some), nothing else.
        assert (doc["id"], doc["title"], doc["outlet"], doc["url"]) == (row["id"], row["title"].strip(), row["outlet"], row["url"])
    texts = " ".join(client.get(f"/api/documents/{_path(r['id'])}").json()["text"] for r in rows)
    for name, p in PAYLOADS.items():
        assert p.strip("\u2028") in texts or name == "line-separators", name
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    assert len(events) >= len(PLACES)
    evidence = " ".join(e["notes"] + " ".join(m["sentence"] for m in e["mentions"]) + " ".join(e["sources"]) for e in events)
    for p in ("<script>alert('script')</script>", "<img src=x onerror=alert('img')>", "{{7*7}}", "${7*7}"):
        assert p in evidence
    page = client.get(f"/api/documents/{_path('page.html')}").json()
    assert "</title><script>alert('html-title')</script>" in page["title"]
    assert "<img src=x onerror=alert('html-body')>" in page["text"] and "live-in-source" not in page["text"]
    assert client.get(f"/api/documents/{_path('note.txt')}").json()["title"].startswith("<svg onload=")


def test_every_page_is_inert(hostile) -> None:
    client, rows = hostile
    payloads = list(PAYLOADS.values()) + URLS + list(HOSTILE_IDS.values())
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    places = sorted({str(e["location"]["geonameid"]) for e in events if e.get("location")})
    doc_ids = [r["id"] for r in rows] + ["page.html", "note.txt"]
    pages = (["/", "/docs"] + [f"/events/{e['id']}" for e in events] + [f"/places/{p}" for p in places]
             + [f"/documents/{_path(d)}" for d in doc_ids])
    # What the pages echo from the request: filters, a place id, and (on error pages) a path.
    echoed = [f"/?{k}={quote(p, safe='')}" for p in PAYLOADS.values() for k in ("q", "actor", "type", "start")]
    echoed += [f"/places/{_path(p)}" for p in PAYLOADS.values()]
    echoed += [f"/events/{_path(p)}" for p in PAYLOADS.values()] + [f"/documents/{_path(p)}" for p in PAYLOADS.values()]
    echoed += [f"/no-such-page-{_path(p)}" for p in list(PAYLOADS.values())[:5]]
    failures = {}
    for url in pages + echoed:
        r = client.get(url)
        if url in pages and r.status_code != 200:
            failures[url] = [f"HTTP {r.status_code}"]
            continue
        problems = _check_page(r, payloads)
        if problems:
            failures[url] = problems
    assert not failures, "\n".join(f"{u}: {p}" for u, p in list(failures.items())[:20])


def test_titles_show_verbatim_and_escaped(hostile) -> None:
    """Each hostile title is on its document page as text: escaped, whole, not evaluated."""
    client, rows = hostile
    for row in rows:
        html = client.get(f"/documents/{_path(row['id'])}").text
        assert f"<h1>{escape(row['title'].strip())}</h1>" in html, row["id"]
    tmpl = client.get(f"/documents/{_path('xss-template-jinja')}").text
    assert "{{7*7}}" in tmpl and "<h1>49" not in tmpl
    assert "${7*7}" in client.get(f"/documents/{_path('xss-template-js')}").text
    # A link is made only of an http(s) URL; the others are shown as text.
    for row in rows:
        html = client.get(f"/documents/{_path(row['id'])}").text
        if row["url"].lower().startswith(("http://", "https://")):
            assert f'href="{escape(row["url"])}"' in html, row["url"]
        else:
            assert str(escape(row["url"])) in html and f'href="{escape(row["url"])}"' not in html, row["url"]


def test_every_json_answer_is_inert(hostile) -> None:
    client, rows = hostile
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    places = sorted({str(e["location"]["geonameid"]) for e in events if e.get("location")})
    urls = (["/api/events?limit=500", "/api/documents?limit=500", "/api/timeline", "/api/timeline?text=true&days=50&per_day=3",
             "/api/stories", "/openapi.json"]
            + [f"/api/events/{e['id']}" for e in events] + [f"/api/places/{p}/control" for p in places]
            + [f"/api/documents/{_path(r['id'])}" for r in rows])
    # Echoed in error messages and filters.
    urls += [f"/api/events/{_path(p)}" for p in PAYLOADS.values()] + [f"/api/documents/{_path(p)}" for p in PAYLOADS.values()]
    urls += [f"/api/events?q={quote(p[:200], safe='')}" for p in PAYLOADS.values()]
    urls += [f"/api/timeline?actor={quote(p, safe='')}" for p in PAYLOADS.values()]
    failures = {}
    for url in urls:
        problems = _check_json(client.get(url))
        if problems:
            failures[url] = problems
    assert not failures, "\n".join(f"{u}: {p}" for u, p in list(failures.items())[:20])
    # The line separators were really there to escape: in a title, a URL, an outlet, an id's 404.
    doc = client.get(f"/api/documents/{_path('xss-line-separators')}")
    assert "\u2028" in doc.json()["title"] and b"\\u2028" in doc.content and b"\\u2029" in doc.content
    listing = client.get("/api/documents", params={"limit": 500})
    assert b"\\u2028" in listing.content
    missing = client.get(f"/api/documents/{_path(PAYLOADS['line-separators'])}")
    assert missing.status_code == 404 and b"\\u2028" in missing.content
    assert any("\u2028" in s for e in events for s in e["sources"])
    assert b"\\u2028" in client.get("/api/events", params={"limit": 500}).content


def test_the_policy_forbids_scripts() -> None:
    """The check itself: policies that allow some script are told apart from those that allow none."""
    assert _policy_forbids_scripts("default-src 'self'; script-src 'none'; style-src 'unsafe-inline'")
    assert _policy_forbids_scripts("default-src 'none'")
    assert not _policy_forbids_scripts("default-src 'self'")
    assert not _policy_forbids_scripts("script-src 'none' 'unsafe-inline'")
    assert not _policy_forbids_scripts("default-src 'none'; script-src 'self'")
    parser = LiveMarkup()
    parser.feed('<a href=" jAvA\tsCrIpT:x">a</a><svg onload="x"></svg><img src=x><p style="width:expression(1)">')
    assert len(parser.found) == 4, parser.found
