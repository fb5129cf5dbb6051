"""The HTML report: one self-contained file, escaped text, citations shown in context."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from newsweave.model import Brief
from newsweave.outputs.html import to_html
from test_outputs_support import HOSTILE_TEXT, Seeds, hostile_brief, rich_brief


@pytest.fixture(scope="module")
def brief(seeds_dir, nlp) -> Brief:
    return rich_brief(Seeds(seeds_dir, nlp))


class Page(HTMLParser):
    """Collects tags, ids, links, and the text of every element that carries a cited span."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.ids: set[str] = set()
        self.cited: list[tuple[dict, str]] = []
        self._open: list[tuple[str, dict, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if "data-start" in attrs:
            self._open.append((tag, attrs, []))

    def handle_data(self, data):
        for _, _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            _, attrs, parts = self._open.pop()
            self.cited.append((attrs, "".join(parts)))


def test_every_marked_span_is_exactly_the_cited_text(brief):
    page = Page(to_html(brief))
    assert len(page.cited) >= 10
    for attrs, text in page.cited:
        start, end = int(attrs["data-start"]), int(attrs["data-end"])
        assert brief.texts[attrs["data-article"]][start:end] == text


def test_every_citation_links_to_a_source_entry_that_shows_it_in_context(brief):
    html = to_html(brief)
    page = Page(html)
    targets = [a["href"][1:] for tag, a in page.tags if tag == "a" and a.get("class") == "cite"]
    assert targets and set(targets) <= page.ids
    for target in set(targets):
        entry = re.search(rf'<li class="source" id="{target}">(.*?)</li>', html, flags=re.S).group(1)
        assert "<mark " in entry and "<blockquote>" in entry


def test_the_citation_context_includes_the_surrounding_paragraph(brief):
    html = to_html(brief)
    # The first summary sentence of WION is followed in its paragraph by the "two largest economies" one.
    entry = re.search(r'<li class="source" id="src-1">(.*?)</li>', html, flags=re.S).group(1)
    assert "</mark> The world&#x27;s two largest economies" in entry


def test_a_citation_tooltip_shows_the_cited_sentence(brief):
    page = Page(to_html(brief))
    first = next(a for tag, a in page.tags if tag == "a" and a.get("class") == "cite")
    assert first["title"] == f"WION: {brief.summary[0].text}"


def test_the_page_loads_nothing_from_outside(brief):
    page = Page(to_html(brief))
    assert not [tag for tag, _ in page.tags if tag in ("script", "link", "img", "iframe", "object", "embed")]
    assert not [a for _, a in page.tags if "src" in a]
    assert "@import" not in to_html(brief) and "url(" not in to_html(brief)


def test_only_article_links_leave_the_page(brief):
    page = Page(to_html(brief))
    external = [a["href"] for tag, a in page.tags if tag == "a" and not a["href"].startswith("#")]
    assert sorted(external) == sorted(a.url for a in brief.articles if a.url)


def test_article_text_is_escaped_everywhere():
    html = to_html(hostile_brief())
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<h1>Story" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "The &lt;Evil&gt; &amp; Co" in html


def test_a_non_web_url_is_not_made_a_link():
    assert "javascript:" not in to_html(hostile_brief())


def test_the_escaped_cited_span_still_matches_the_source():
    page = Page(to_html(hostile_brief()))
    (attrs, text), *_ = page.cited
    assert text == HOSTILE_TEXT.split("\n")[0]


def test_the_page_is_laid_out_for_phones(brief):
    html = to_html(brief)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media (max-width:600px)" in html


def test_every_analysis_section_is_rendered(brief):
    ids = Page(to_html(brief)).ids
    assert {"summary", "agreement", "single-source", "contradictions", "quotes", "entities", "timeline",
            "coverage", "articles", "sources"} <= ids


def test_the_agreement_matrix_has_a_column_per_outlet_and_independent_counts(brief):
    html = to_html(brief)
    table = re.search(r'<section id="agreement">.*?</section>', html, flags=re.S).group(0)
    assert "<th>WION</th><th>CNN</th><th>AP</th><th>Independent sources</th>" in table
    first_row = re.search(r"<tbody><tr>(.*?)</tr>", table).group(1)
    assert first_row.count("&#10003;") == 3 and first_row.endswith("<td>3</td>")


def test_contradiction_sides_are_two_boxes_in_one_pair(brief):
    html = to_html(brief)
    pair = re.search(r'<div class="pair">(.*?)</div></div></div>', html, flags=re.S).group(0)
    assert pair.count('<div class="side">') == 2
    assert "Antony Blinken" in pair and "Kurt Campbell" in pair


def test_rejected_inputs_are_listed_with_their_reason(brief):
    assert '<li class="rejected">broken.warc: not a WARC file: no WARC/1.0 header</li>' in to_html(brief)


def test_an_empty_brief_is_a_complete_page_with_a_note():
    html = to_html(Brief(articles=(), summary=()))
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "No summary" in html and 'id="agreement"' not in html


def test_the_context_leaves_out_what_cleaning_removed(brief):
    html = to_html(brief)
    assert "Haftar" in next(iter(brief.texts.values()))  # the promotion line is in the text as read
    assert "Haftar" not in html
    assert re.search(r"sustained diplomacy\.&quot;</mark> … Blinken was speaking alongside", html)
