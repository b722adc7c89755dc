"""The JSON API and pages, in process: filters and paging, one error shape, a token-guarded and
size-bounded ingest, and hostile article text rendered inert on every page."""

from __future__ import annotations

import json
import re
from markupsafe import escape as html_escape
from pathlib import Path

import pytest

from conftest import store_url
from fastapi.testclient import TestClient

from sitrep.pipeline import run
from sitrep.web.app import MAX_INGEST_BYTES, create_app

XSS_TITLE = '<img src=x onerror="alert(1)">Palmyra <script>alert("t")</script>'
XSS_TEXT = ("Syrian troops recaptured the ancient city of Palmyra from IS on Sunday, state media said. "
            "<script>alert('x')</script> The Russian defence ministry said strikes killed more than 100 militants "
            "near Palmyra. <a href=\"javascript:alert(2)\">click</a> <svg onload=alert(3)>")


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    root = tmp_path_factory.mktemp("web")
    rows = [
        {"id": "evil", "url": "javascript:alert(4)", "title": XSS_TITLE, "text": XSS_TEXT, "published": "2016-03-28",
         "outlet": "<b onmouseover=alert(5)>Outlet</b>"},
        {"id": "fine", "url": "https://example.org/a", "title": "Palmyra retaken",
         "text": "Government forces retook Palmyra from Islamic State militants on Sunday, a monitoring group said. "
                 "The monitoring group said 400 fighters died in the battle for Palmyra.",
         "published": "2016-03-27", "outlet": "Example Wire"},
    ]
    (root / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = store_url(root, "web")
    run([root / "in.jsonl"], db=db)
    return TestClient(create_app(db, token="s3cret"))


def test_events_list_filters_and_paging(client: TestClient) -> None:
    all_ = client.get("/api/events").json()
    assert all_["total"] >= 1 and all_["items"]
    first = client.get("/api/events", params={"limit": 1, "offset": 0}).json()["items"]
    assert first == all_["items"][:1]
    assert client.get("/api/events", params={"type": "Battles"}).json()["total"] >= 1
    assert client.get("/api/events", params={"start": "2030-01-01"}).json()["total"] == 0
    assert client.get("/api/events", params={"bbox": "30,30,45,40"}).json()["total"] >= 1
    assert client.get("/api/events", params={"bbox": "-10,-10,0,0"}).json()["total"] == 0


def test_event_page_shows_each_claim_and_its_claimant(client: TestClient) -> None:
    events = client.get("/api/events", params={"place": "Tadmur"}).json()["items"]
    event = next(e for e in events if e["fatalities"]["claims"])
    assert client.get(f"/api/events/{event['id']}").json()["id"] == event["id"]
    html = client.get(f"/events/{event['id']}").text
    for claim in event["fatalities"]["claims"]:
        assert str(claim["value"]) in html
        if claim["source"]:
            assert str(html_escape(claim["source"])) in html  # shown, and escaped
    # Each field names the words it was read from.
    assert any(m.get("evidence") for m in event["mentions"])
    for m in event["mentions"]:
        for role, ev in (m.get("evidence") or {}).items():
            assert f"read from “{html_escape(ev['text'])}”" in html, role


def test_one_error_shape(client: TestClient) -> None:
    for response in (client.get("/api/events/nope"), client.get("/api/events", params={"limit": 0}),
                     client.get("/api/events", params={"bbox": "x"}), client.get("/api/documents/nope")):
        assert response.status_code in (404, 422)
        assert set(response.json()) == {"error"} and set(response.json()["error"]) == {"code", "message"}


def test_ingest_needs_the_token_and_bounds_the_body(client: TestClient) -> None:
    line = json.dumps({"id": "new", "text": "Rebels shelled Idlib on Sunday, killing four civilians, activists said.", "published": "2016-03-27"})
    assert client.post("/api/ingest", content=line).status_code == 401
    assert client.post("/api/ingest", content=line, headers={"Authorization": "Bearer wrong"}).status_code == 401
    big = b"x" * (MAX_INGEST_BYTES + 1)
    assert client.post("/api/ingest", content=big, headers={"Authorization": "Bearer s3cret"}).status_code == 413
    ok = client.post("/api/ingest", content=line, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["documents"] == 1
    assert client.get("/api/documents/new").json()["id"] == "new"


def test_read_only_without_a_token(tmp_path: Path) -> None:
    c = TestClient(create_app(store_url(tmp_path, "empty")))
    assert c.post("/api/ingest", content=b"{}").json()["error"]["code"] == "read_only"


# Live markup only: a raw <script>, any tag carrying an on* handler, a javascript: link. The same
# words escaped as text (&lt;script&gt;) are inert and allowed.
PAYLOAD = re.compile(r"<script|<[a-z][^<>]*\son[a-z]+\s*=|href=[\"']?\s*javascript:", re.I)


def test_hostile_text_is_inert_on_every_page(client: TestClient) -> None:
    event_ids = [e["id"] for e in client.get("/api/events", params={"limit": 500}).json()["items"]]
    pages = ["/", "/documents/evil", "/docs"] + [f"/events/{i}" for i in event_ids] + ["/places/163808"]
    for url in pages:
        html = client.get(url).text
        assert not PAYLOAD.search(html), url
    doc = client.get("/documents/evil").text
    assert "&lt;script&gt;" in doc and "javascript:alert(4)" in doc  # shown as text
    assert 'href="javascript' not in doc


def test_pages_render(client: TestClient) -> None:
    for url in ("/", "/places/163808", "/documents/fine", "/docs"):
        r = client.get(url)
        assert r.status_code == 200 and "<main>" in r.text
    assert "Content-Security-Policy" in client.get("/").text


# --- the offline basemap -------------------------------------------------------------------------

def _inside(x: float, y: float, ring) -> bool:
    """Even-odd rule: is the point inside the ring?"""
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_outlines_put_places_in_their_countries() -> None:
    from sitrep.web import basemap

    for scale in ("50m", "110m"):
        shapes = {name: rings for name, _, rings in basemap.countries(scale)}
        assert len(shapes) > 170
        for (lon, lat), country in (((38.28, 34.55), "Syria"), ((44.36, 33.31), "Iraq"), ((2.35, 48.86), "France")):
            x, y = basemap.world_x(lon), basemap.world_y(lat)
            assert any(_inside(x, y, list(r)) for r in shapes[country]), (scale, country)
            others = [n for n, rings in shapes.items() if n != country and any(_inside(x, y, list(r)) for r in rings)]
            assert not others, (scale, country, others)


def test_map_draws_outlines_offline_and_tiles_only_when_asked(client: TestClient, tmp_path: Path) -> None:
    from sitrep.errors import UsageError
    from sitrep.web import basemap

    page = client.get("/").text
    assert "<title>Syria</title>" in page and "<image" not in page
    assert "img-src 'self' data:;" in client.get("/").headers["content-security-policy"] + ";"
    db = store_url(tmp_path, "empty")
    tiled = TestClient(create_app(db, tiles="https://tile.example.org/{z}/{x}/{y}.png"))
    assert tiled.get("/").headers["content-security-policy"].endswith("img-src 'self' data: https://tile.example.org")
    view = basemap.fit([(38.28, 34.55)])
    tiles = basemap.tiles(view, "https://t/{z}/{x}/{y}.png")
    assert tiles and all(t["href"].startswith("https://t/") for t in tiles)
    # the tiles cover the whole view
    assert min(t["x"] for t in tiles) <= 0 and max(t["x"] + t["size"] for t in tiles) >= basemap.WIDTH
    for bad in ("javascript:alert(1)//{z}{x}{y}", "https://tile.example.org/tile.png", "file:///{z}/{x}/{y}"):
        with pytest.raises(UsageError):
            create_app(db, tiles=bad)


def test_text_timeline_over_the_api(client: TestClient) -> None:
    entries = client.get("/api/timeline", params={"text": "true", "days": 5}).json()
    assert entries and all(e["sentences"] and e["events"] == [] for e in entries)
    for e in entries:
        for s in e["sentences"]:
            text = client.get(f"/api/documents/{s['document']}").json()["text"]
            assert text[s["start"]:s["end"]] == s["text"]
    at_palmyra = client.get("/api/timeline", params={"text": "true", "place": "Palmyra"}).json()
    assert at_palmyra and {s["document"] for e in at_palmyra for s in e["sentences"]} <= {"fine", "evil"}
    assert client.get("/api/timeline", params={"text": "true", "place": "Nowhereville"}).json() == []
    assert client.get("/api/timeline", params={"text": "true", "days": 0}).status_code == 422
    assert client.get("/api/timeline", params={"story": "nope"}).status_code == 404


def test_timeline_strip_links_each_dot_to_its_row(client: TestClient) -> None:
    page = client.get("/").text
    dots = re.findall(r'<a href="#e-([^"]+)"><circle', page)
    rows = re.findall(r'<tr id="e-([^"]+)">', page)
    assert dots and set(dots) <= set(rows)


def test_database_filters_agree_with_the_page_filters(client: TestClient) -> None:
    """Dates, type and place id are filtered by the database; the answer must be what filtering
    every event by hand gives."""
    everything = client.get("/api/events", params={"limit": 500}).json()["items"]
    assert everything
    e = everything[0]
    day, place = e["date"]["start"], str(e["location"]["geonameid"])
    for params, keep in [
        ({"start": day}, lambda x: (x["date"]["end"] or x["date"]["start"]) >= day),
        ({"end": day}, lambda x: x["date"]["start"] <= day),
        ({"type": e["sub_event_type"]}, lambda x: e["sub_event_type"] in (x["event_type"], x["sub_event_type"])),
        ({"place": place}, lambda x: str((x["location"] or {}).get("geonameid")) == place),
        ({"place": e["location"]["name"]}, lambda x: (x["location"] or {}).get("name") == e["location"]["name"]),
    ]:
        got = client.get("/api/events", params={**params, "limit": 500}).json()
        want = [x["id"] for x in everything if keep(x)]
        assert [x["id"] for x in got["items"]] == want and got["total"] == len(want), params
    page = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == len(everything) and page["items"] == everything[1:2]


def _one_article_site(tmp_path: Path, row: dict) -> tuple[TestClient, dict]:
    """A store holding one JSONL article, run through the pipeline; the site and its one event."""
    (tmp_path / "in.jsonl").write_text(json.dumps({"url": f"https://example.org/{row['id']}", "outlet": "Example Wire",
                                                   **row}) + "\n", encoding="utf-8")
    db = store_url(tmp_path, row["id"])
    run([tmp_path / "in.jsonl"], db=db)
    web = TestClient(create_app(db))
    [event] = web.get("/api/events").json()["items"]
    return web, event


def test_event_page_names_a_neighbourhoods_city(tmp_path: Path) -> None:
    web, event = _one_article_site(tmp_path, {
        "id": "rp", "title": "Two shot in Rogers Park", "published": "2014-06-02",
        "text": "Two men were shot and wounded in Rogers Park on Sunday, police said."})
    assert (event["location"]["name"], event["location"]["city"]) == ("Rogers Park", "Chicago")
    assert "Rogers Park</a> (Chicago)" in web.get(f"/events/{event['id']}").text


def test_an_event_read_from_a_headline_says_so(tmp_path: Path) -> None:
    title = "Man shot dead outside a bar in Akron"
    web, event = _one_article_site(tmp_path, {
        "id": "hl", "title": title, "published": "2016-05-02",
        "text": "You are the owner of this article.\nWe have sent you a verification email."})
    [ref] = event["mentions"]
    assert ref["in"] == "title" and ref["sentence"] == title and event["location"]["name"] == "Akron"
    assert "from the headline" in web.get(f"/events/{event['id']}").text


def test_a_nul_in_any_parameter_is_an_invalid_request(client: TestClient) -> None:
    # PostgreSQL refuses NUL in a query: it must never reach the store, on a page or in the API.
    for url in ("/?end=%00", "/api/events?type=a%00b", "/api/events/%00", "/places/%00"):
        response = client.get(url)
        assert response.status_code == 422, url
    assert client.get("/api/events?type=a%00b").json()["error"]["code"] == "invalid_request"
