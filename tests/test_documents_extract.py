"""Extraction: raw documents become Articles with text and metadata; the outlet rule is explicit."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from newsweave.config import Options
from newsweave.documents import to_article
from newsweave.documents.extract import extract
from newsweave.model import RawDocument

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = (FIXTURES / "article.html").read_text(encoding="utf-8")
STORY = (FIXTURES / "story.txt").read_text(encoding="utf-8")


def html_raw(**fields):
    return RawDocument(id="page.html", origin="/in/page.html", kind="html", content=PAGE, **fields)


def test_html_metadata_comes_from_the_page():
    article = to_article(html_raw(), Options())
    assert (article.title, article.outlet, article.author, article.url) == (
        "Harbour bridge reopens after repairs", "The Lyonesse Courier", "Morwenna Tregear",
        "https://courier.example/news/harbour-bridge")
    assert article.published == datetime(2023, 6, 18)


def test_html_text_is_trafilaturas_main_text_without_navigation_or_footer():
    text = to_article(html_raw(), Options()).text
    assert "rusted cables" in text and "Traders on the harbour front" in text
    assert "Sport" not in text and "All rights reserved" not in text


def test_metadata_from_the_source_wins_over_the_page():
    article = to_article(html_raw(outlet="Feed Title", title="Feed headline", url="https://feed.example/x"), Options())
    assert (article.outlet, article.title, article.url) == ("Feed Title", "Feed headline", "https://feed.example/x")


def test_the_outlet_map_wins_over_everything_by_file_stem_or_by_id():
    assert to_article(html_raw(outlet="Feed"), Options(outlet_map={"page": "Mapped"})).outlet == "Mapped"
    assert to_article(html_raw(), Options(outlet_map={"page.html": "By id"})).outlet == "By id"


def test_a_page_without_site_name_takes_its_outlet_from_the_url_host_then_the_file_stem():
    bare = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")) + "</article></body></html>"
    with_url = RawDocument(id="x", origin="https://www.post.example/x", kind="html", content=bare,
                           url="https://www.post.example/x")
    assert to_article(with_url, Options()).outlet == "post.example"
    from_file = RawDocument(id="sub/story.html", origin="/in/sub/story.html", kind="html", content=bare)
    assert to_article(from_file, Options()).outlet == "story"


def test_a_text_article_is_the_content_exactly_as_read():
    raw = RawDocument(id="story.txt", origin="/in/story.txt", kind="text", content=STORY, outlet="story")
    article = to_article(raw, Options())
    assert article.text == STORY and article.outlet == "story"


def test_an_sgml_article_text_follows_the_sgml_text_rule():
    doc = "<DOC>\n<DOCNO> XIE20230618.0001 </DOCNO>\n<TEXT>\n<P>\n One  two\n three.\n</P>\n<P> Four. </P>\n</TEXT>\n</DOC>"
    assert extract(RawDocument(id="XIE20230618.0001", origin="f", kind="sgml", content=doc)).text == "One two three.\n\nFour."


def test_an_empty_html_page_extracts_to_empty_text():
    assert extract(RawDocument(id="e", origin="e", kind="html", content="<html></html>")).text == ""


def test_a_text_article_whose_first_paragraph_is_a_heading_takes_it_as_title(nlp):
    from newsweave.documents import prepare

    text = "Ferries Resume After Storms\n\n" + STORY
    raw = RawDocument(id="story.txt", origin="/in/story.txt", kind="text", content=text, outlet="story")
    document = prepare(raw, nlp, Options())
    assert document.article.title == "Ferries Resume After Storms"
    assert document.article.text == text and document.removed[0].reason == "heading"


def test_a_heading_in_the_middle_is_not_taken_as_title(nlp):
    from newsweave.documents import prepare

    paragraphs = STORY.split("\n\n")
    text = "\n\n".join([paragraphs[0], "Islanders Relieved", *paragraphs[1:]])
    raw = RawDocument(id="story.txt", origin="/in/story.txt", kind="text", content=text, outlet="story")
    assert prepare(raw, nlp, Options()).article.title is None


def test_a_feed_style_html_fragment_falls_back_to_its_plain_text():
    fragment = "<p>The ferry service will resume on <b>Monday</b> after a week of storms.</p>"
    assert extract(RawDocument(id="f", origin="f", kind="html", content=fragment)).text == (
        "The ferry service will resume on Monday after a week of storms.")


def test_a_whole_page_of_menus_is_rejected_not_read_as_an_article(nlp):
    import pytest

    from newsweave.documents import prepare
    from newsweave.errors import InputError

    page = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><footer>Contact us</footer></body></html>"
    with pytest.raises(InputError, match="no article text found|too short"):
        prepare(RawDocument(id="p", origin="p", kind="html", content=page), nlp, Options())
