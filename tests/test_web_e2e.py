"""End to end: the real server (uvicorn on 127.0.0.1, a free port, a temp SQLite store) driven by real
headless Debian Chromium through playwright, and by a raw HTTP client for what a browser cannot send."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from newsweave.api import Newsweave
from newsweave.config import Options
from newsweave.web import create_app

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
# Invented hostile article: markup in the title, the text and the URL must all stay text.
HOSTILE_TITLE = "<script>window.__pwned = 'title'</script> Harbour <b>vote</b>"
HOSTILE_TEXT = ("The council of Port Avel voted to rebuild the harbour wall <img src=x onerror=\"window.__pwned='img'\"> "
                "after the winter storm, the mayor said on Tuesday. <script>window.__pwned = 'text'</script> "
                "Read more <a href=\"javascript:window.__pwned='link'\">here</a> about the twelve million euro "
                "plan, which will take three years and employ local builders from the town.")


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    """The app served by uvicorn in a thread, as `newsweave serve` runs it; yields its base URL."""
    import uvicorn

    store = tmp_path_factory.mktemp("web") / "e2e.sqlite"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(str(store), Options(), engine=Newsweave(nlp=nlp))
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def seeds_story(server, browser, seeds_dir):
    """The three seeds added through the add form; returns the story's URL and the result page's text."""
    page = browser.new_page()
    page.goto(f"{server}/add")
    page.set_input_files("#files", [str(p) for p in sorted(seeds_dir.glob("*.txt"))])
    page.click("button[type=submit]")
    page.wait_for_selector("table.results")
    results = page.inner_text("table.results")
    page.click("a.story-link")
    page.wait_for_selector("#summary")
    url = page.url
    page.close()
    return url, results


@pytest.mark.browser
def test_seeds_added_through_the_form_are_stored_in_one_story(seeds_story):
    url, results = seeds_story
    assert results.count("stored") == 3
    assert "/stories/" in url


@pytest.mark.browser
def test_clicking_a_citation_shows_the_exact_source_sentence(server, browser, seeds_story, seeds_dir):
    url, _ = seeds_story
    story = url.rsplit("/", 1)[1]
    brief = httpx.get(f"{server}/api/stories/{story}/brief").json()
    source = brief["summary"][0]["source"]
    text = (seeds_dir / source["article"]).read_text(encoding="utf-8")
    expected = text[source["start"]:source["end"]]
    page = browser.new_page()
    page.goto(url)
    page.click("#summary a.cite >> nth=0")
    popover = page.locator("#citation-popover")
    popover.wait_for(state="visible")
    assert popover.locator("mark.cited").text_content() == expected
    assert source["outlet"] in popover.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-story-citation.png"))
    page.close()


@pytest.mark.browser
def test_the_story_page_has_every_section_and_no_console_errors(server, browser, seeds_story):
    page = browser.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(seeds_story[0])
    page.hover("#summary a.cite >> nth=0")
    for section in ("summary", "agreement", "single-source", "contradictions", "quotes", "entities", "timeline",
                    "coverage", "sources"):
        assert page.locator(f"section#{section} h2").is_visible(), section
    assert page.locator("table.matrix tbody tr").count() > 0
    assert problems == []  # includes Content-Security-Policy violations, which Chromium logs as errors
    page.close()


@pytest.mark.browser
def test_every_page_fits_a_phone_screen(server, browser, seeds_story):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    for url in (server + "/", server + "/add", server + "/articles/000_82769e1fad382a14.txt", seeds_story[0]):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "web-story-390px.png"), full_page=False)
    context.close()


@pytest.mark.browser
def test_without_javascript_a_citation_leads_to_its_source_sentence(server, browser, seeds_story):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seeds_story[0])
    page.click("#summary a.cite >> nth=0")
    assert page.url.endswith("#src-1")
    assert page.locator("#src-1 mark.cited").is_visible()
    page.click("#src-1 .where a")
    assert page.locator("mark#cited").is_visible()
    context.close()


@pytest.mark.browser
def test_the_story_list_shows_outlets_articles_and_a_search_box(server, browser, seeds_story):
    page = browser.new_page()
    page.goto(server)
    assert "3 articles" in page.inner_text("ol.stories")
    page.fill("#q", "Blinken")
    page.click(".search button")
    assert page.locator("li.story").count() >= 1
    page.fill("#q", "zzzunmatchedword")
    page.click(".search button")
    assert "No stories match" in page.inner_text("main")
    page.close()


@pytest.mark.browser
def test_a_hostile_article_is_shown_as_text_and_runs_no_script(server, browser):
    added = httpx.post(f"{server}/api/articles", json={"records": [
        {"id": "hostile", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "outlet": "<i>Evil</i> Times",
         "url": "javascript:window.__pwned='url'", "published": "2024-03-05"}]}).json()
    assert added["results"][0]["status"] == "stored", added
    story = added["results"][0]["story"]
    dialogs = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/", f"/stories/{story}", "/articles/hostile", "/?q=harbour"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path
        assert page.locator("a[href^='javascript:']").count() == 0, path
    assert "<script>" in page.inner_text("main")  # the article page shows the markup as text
    page.goto(f"{server}/stories/{story}")
    assert "<script>" in page.inner_text("h1")
    assert "<i>Evil</i> Times" in page.locator("svg.coverage-chart").text_content()  # the outlet, drawn as text
    for citation in page.locator("a.cite").all()[:5]:
        citation.click()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    page.close()


@pytest.mark.browser
def test_hostile_text_pasted_into_the_form_is_shown_as_text(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/add")
    page.fill("#text", HOSTILE_TEXT.replace("Port Avel", "Port Ness"))
    page.fill("#title", HOSTILE_TITLE)
    page.click("button[type=submit]")
    page.wait_for_selector("table.results")
    page.click("a.story-link")
    page.wait_for_selector("#summary")
    assert page.evaluate("window.__pwned") is None
    assert "<script>" in page.inner_text("h1")
    page.close()


def test_the_real_server_refuses_an_oversized_body_with_413(server):
    response = httpx.post(f"{server}/api/articles", content=b"x" * (11 * 1024 * 1024),
                          headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_the_real_server_refuses_an_oversized_chunked_body_with_413(server):
    def chunks():
        for _ in range(12):
            yield b"x" * (1024 * 1024)

    response = httpx.post(f"{server}/api/articles", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_the_real_server_answers_malformed_json_with_400(server):
    response = httpx.post(f"{server}/api/articles", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400


def test_concurrent_writes_and_reads_are_all_answered_and_every_write_is_kept(server):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    def record(n: int) -> dict:
        return {"id": f"concurrent-{n}", "outlet": f"Outlet {n % 5}",
                "text": f"The village of Lowbridge number {n} opened a new bridge over the river on Saturday, the "
                        f"mayor said. It cost {n + 3} million euros and took {n % 4 + 1} years to build, and "
                        "residents walked across it together at noon."}

    async def run() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=server, timeout=120) as client:
            writes = [client.post("/api/articles", json={"records": [record(n)]}) for n in range(20)]
            reads = [client.get("/api/stories") for _ in range(20)]
            return await asyncio.gather(*writes, *reads)

    # In a thread of its own: playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        responses = thread.submit(asyncio.run, run()).result()
    assert [r.status_code for r in responses] == [200] * 40
    stored = [r.json()["results"][0]["article"] for r in responses[:20] if r.json()["stored"]]
    assert len(stored) == 20
    for article in stored:
        assert httpx.get(f"{server}/api/articles/{article}").status_code == 200
