"""End to end in a real headless Chromium (Debian's, driven by Playwright): load the demo-like
store, filter the events, open an event and see its sources, open Palmyra's place page. The
screenshots are kept under artifacts/screenshots for people to look at.

Skips, saying why, where Chromium is not installed (`.ci/run` installs it)."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from conftest import free_port, store_url

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from sitrep.pipeline import run
    from sitrep.web.app import create_app

    root = tmp_path_factory.mktemp("e2e")
    rows = [
        {"id": "r1", "title": "Syrian army retakes Palmyra", "outlet": "Example Wire", "published": "2016-03-27",
         "text": "Syrian troops recaptured the ancient city of Palmyra from IS on Sunday, state media said. "
                 "The Russian defence ministry said its strikes killed more than 100 militants near Palmyra."},
        {"id": "r2", "title": "Palmyra back in government hands", "outlet": "Other Agency", "published": "2016-03-27",
         "text": "Government forces retook Palmyra from Islamic State militants on Sunday, a monitoring group said. "
                 "The monitoring group said 400 fighters died in the battle for Palmyra."},
        {"id": "x", "title": "<script>alert(1)</script>", "outlet": "<img src=x onerror=alert(2)>", "published": "2016-03-28",
         "text": "Rebels shelled the town of Idlib on Sunday, killing four civilians, activists said. <script>alert(3)</script>"},
    ]
    (root / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = store_url(root, "e2e")
    run([EXAMPLES, root / "in.jsonl"], db=db)  # the demo corpus and the articles above
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        pg = browser.new_page(viewport={"width": 1200, "height": 900})
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        requests: list[str] = []
        pg.on("request", lambda r: requests.append(r.url))
        pg.requests = requests  # type: ignore[attr-defined]
        yield pg
        browser.close()


def test_filter_open_event_and_place(server: str, page) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(server + "/")
    page.screenshot(path=str(SHOTS / "events.png"), full_page=True)
    page.screenshot(path=str(SHOTS / "map.png"))  # the first screen: filters and map
    rows_before = page.locator("tbody tr").count()
    # The map draws the demo corpus over the offline outlines; filtering by type filters it.
    marks_before = page.locator("svg circle").count()
    assert marks_before > 20 and page.locator("svg path").count() > 20
    page.select_option("select[name=type]", "Battles")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "type=Battles" in page.url and 0 < page.locator("svg circle").count() < marks_before
    page.goto(server + "/")
    page.fill("input[name=q]", "Palmyra")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the filter form works from the keyboard
    assert "q=Palmyra" in page.url
    assert 0 < page.locator("tbody tr").count() <= rows_before
    with page.expect_navigation():
        page.locator("tbody tr a", has_text="Government regains territory").first.click()
    body = page.inner_text("main")
    assert "Who claims what" in body and "Example Wire" in body and "Other Agency" in body
    # Both outlets' reports are on the one event page, each with its evidence sentence.
    assert "Syrian troops recaptured the ancient city of Palmyra" in body and "Government forces retook Palmyra" in body
    page.screenshot(path=str(SHOTS / "event.png"), full_page=True)
    with page.expect_navigation():
        page.locator("a", has_text="Tadmur").first.click()
    assert "Who controlled it" in page.inner_text("main") and "Military Forces of Syria" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "place.png"), full_page=True)
    page.goto(server + "/documents/r1")
    assert "Syrian troops recaptured" in page.inner_text("main")
    page.screenshot(path=str(SHOTS / "document.png"), full_page=True)
    # Nothing was fetched from anywhere but this server.
    assert page.requests and all(u.startswith(server) for u in page.requests), [u for u in page.requests if not u.startswith(server)][:5]


def test_hostile_article_runs_no_script(server: str, page) -> None:
    page.goto(server + "/documents/x")
    assert "<script>alert(1)</script>" in page.inner_text("h1")  # shown as text
    page.goto(server + "/")
    time.sleep(0.3)
    assert page.dialogs == []  # no alert() ever ran
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.goto(server + "/")
    page.screenshot(path=str(SHOTS / "events-phone.png"), full_page=False)
