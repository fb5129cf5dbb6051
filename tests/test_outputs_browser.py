"""The HTML report in a real browser (headless Chromium, JavaScript off): citations jump to their
context, and the page fits a phone screen."""

from __future__ import annotations

import shutil

import pytest

from newsweave.outputs.html import to_html
from test_outputs_support import Seeds, rich_brief

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def report(seeds_dir, nlp, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("html") / "brief.html"
    path.write_text(to_html(rich_brief(Seeds(seeds_dir, nlp))), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def page(report):
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or pytest.fail("Debian chromium is not installed (scripts/setup.sh)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        # No JavaScript: the report must work as a plain document.
        context = browser.new_context(viewport=PHONE, java_script_enabled=False)
        opened = context.new_page()
        # Anything but the report itself would be an external resource.
        requests: list[str] = []
        opened.on("request", lambda request: requests.append(request.url))
        opened.goto(report)
        opened.requests = requests
        yield opened
        browser.close()


def test_the_page_requests_nothing_but_itself(page, report):
    assert page.requests == [report]


def test_the_page_does_not_scroll_sideways_on_a_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


def test_clicking_a_citation_shows_its_sentence_marked_in_context(page):
    page.click("#summary a.cite >> nth=0")
    assert page.url.endswith("#src-1")
    entry = page.locator("#src-1")
    assert entry.is_visible() and entry.locator("mark").is_visible()
    box = entry.bounding_box()
    assert 0 <= box["y"] < PHONE["height"]  # scrolled into view
    assert page.locator("#summary .sentence >> nth=0").inner_text() == entry.locator("mark").inner_text()
