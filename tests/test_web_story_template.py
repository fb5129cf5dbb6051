"""The story page template over a hand-built brief that fills every section with hostile text: every
section is drawn, every string is escaped, the SVG timeline has one mark per dated event."""

from __future__ import annotations

import re

import pytest

from newsweave.model import (ArticleInfo, Brief, Claim, Contradiction, ContradictionSide, Entity, OutletCount,
                             Quote, QuoteMention, SingleSourceFact, SourceRef, StoredArticle, Article, SummarySentence,
                             TimelineEvent)
from newsweave.web.pages import templates
from newsweave.web.storyview import story_view

EVIL = '<script>window.__pwned=1</script><img src=x onerror="alert(1)">'
# Two invented articles; the cited spans are their first sentences.
TEXT_A = f"Avel voted {EVIL} to rebuild the wall. The cost is 12 million euros.\nMore later."
TEXT_B = f"The wall in Avel will be rebuilt {EVIL}. The cost is 15 million euros."
A = SourceRef("a", "Avel <b>Post</b>", 0, TEXT_A.index(".") + 1)
B = SourceRef("b", "Harbour News", 0, TEXT_B.index(".") + 1)
A2 = SourceRef("a", "Avel <b>Post</b>", TEXT_A.index("The cost"), TEXT_A.index("euros.") + 6)
B2 = SourceRef("b", "Harbour News", TEXT_B.index("The cost"), len(TEXT_B))


@pytest.fixture(scope="module")
def page() -> str:
    text = lambda ref: (TEXT_A if ref.article == "a" else TEXT_B)[ref.start:ref.end]  # noqa: E731
    brief = Brief(
        articles=(ArticleInfo("a", A.outlet, EVIL, "javascript:alert(1)", None, None),
                  ArticleInfo("b", B.outlet, "Wall", None, None, None)),
        summary=(SummarySentence(text(A), A, also_reported_by=(B,)), SummarySentence(text(A2), A2)),
        claims=(Claim("c1", EVIL + " wall rebuilt", (A, B), (A.outlet, B.outlet), 2),),
        single_source=(SingleSourceFact(B.outlet, "c2", text(B2), B2),),
        contradictions=(Contradiction("number", "cost differs " + EVIL, ContradictionSide(text(A2), A2, "12 million"),
                                      ContradictionSide(text(B2), B2, "15 million")),),
        quotes=(Quote(EVIL, "Mayor <i>X</i>", (QuoteMention("a", A.outlet, 0, 5, EVIL, "Mayor <i>X</i>", "he"),
                                              QuoteMention("b", B.outlet, 0, 5, EVIL, "Mayor <i>X</i>", "she"))),),
        entities=(Entity("Avel " + EVIL, "place", ("site of the " + EVIL,), (), (OutletCount(A.outlet, 3),), (A,)),),
        timeline=(TimelineEvent("2024-03-05", "Tuesday", "vote " + EVIL, True, (A,)),
                  TimelineEvent("2024-04", "April", "work starts", True, (B,)),
                  TimelineEvent(None, "some day", "undated " + EVIL, False, (B,))),
        story="S1", texts={"a": TEXT_A, "b": TEXT_B})
    members = [StoredArticle(Article("a", TEXT_A, A.outlet, title=EVIL, url="javascript:alert(1)"), "h1", story="S1"),
               StoredArticle(Article("b", TEXT_B, B.outlet, title="Wall"), "h2", story="S1")]
    story = {"id": "S1", "title": EVIL, "articles": 2, "outlets": [A.outlet, B.outlet], "independent_outlets": 2,
             "first_published": None, "last_published": None,
             "article_list": [{"id": "a", "title": EVIL, "outlet": A.outlet, "published": None, "copy_of": None,
                               "url": "javascript:alert(1)"}]}
    return templates().env.get_template("story.html").render(story=story, view=story_view(brief, members))


def test_no_markup_from_the_brief_reaches_the_page_unescaped(page):
    assert "<script>window" not in page and "<img src=x" not in page and "<b>Post</b>" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_a_javascript_url_is_never_a_link(page):
    assert not re.search(r'href="\s*javascript:', page, re.I)


def test_every_section_is_drawn(page):
    for section in ("summary", "agreement", "single-source", "contradictions", "quotes", "entities", "timeline",
                    "coverage", "sources"):
        assert f'<section id="{section}">' in page


def test_summary_citations_are_numbered_in_reading_order(page):
    summary = page.split('<section id="summary">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'data-cite="(\d+)"', summary) == ["1", "2", "3"]


def test_each_citation_has_a_source_entry_with_the_exact_cited_span(page):
    entries = dict(re.findall(r'<li id="src-(\d+)".*?<mark class="cited">(.*?)</mark>', page, re.S))
    assert entries["1"] == TEXT_A[A.start:A.end].replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")


def test_contradicting_values_are_shown_side_by_side(page):
    sides = page.split('<div class="sides">', 1)[1].split("</div>", 1)[0]
    assert sides.index("12 million") < sides.index("15 million")


def test_a_quote_lists_every_outlet_that_carries_it(page):
    quotes = page.split('<section id="quotes">', 1)[1].split("</section>", 1)[0]
    assert "Mayor &lt;i&gt;X&lt;/i&gt;" in quotes and "Harbour News" in quotes and "Avel &lt;b&gt;Post" in quotes


def test_the_timeline_chart_marks_each_dated_event_and_lists_the_undated_one(page):
    chart = page.split('class="chart timeline-chart"', 1)[1].split("</svg>", 1)[0]
    assert chart.count("<circle") == 2
    assert "undated (some day)" in page
