"""Small HTML fragments (feed summaries) that trafilatura finds no main text in keep their plain text."""

from __future__ import annotations

import pytest

from newsweave.config import Options
from newsweave.documents import prepare
from newsweave.documents.extract import extract, fragment_text
from newsweave.errors import InputError
from newsweave.model import RawDocument, Rejection
from newsweave.sources import read_inputs

# Invented text, 41 words: over the default min_article_words (25).
FORTY_WORDS = ("The harbour authority of Port Elling said on Tuesday that the new ferry terminal would open in "
               "March after delays caused by winter storms and a shortage of steel, and that fares would stay at "
               "their current levels for the first year of service.")
FIRST = "The harbour authority said on Tuesday that the terminal would open in March."
SECOND = "Fares would stay at current levels for the first year, it added."


def _feed(description_html: str) -> str:
    escaped = description_html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Elling Post</title>"
            "<link>https://elling.example/</link><description>News</description>"
            "<item><title>Ferry terminal to open</title><link>https://elling.example/ferry</link>"
            f"<description>{escaped}</description><pubDate>Tue, 13 Jun 2023 09:00:00 GMT</pubDate></item>"
            "</channel></rss>")


def _read_feed(tmp_path, description_html: str) -> RawDocument:
    path = tmp_path / "feed.xml"
    path.write_text(_feed(description_html), encoding="utf-8")
    [raw] = list(read_inputs([str(path)], Options()))
    assert not isinstance(raw, Rejection), raw
    return raw


def _fragment(markup: str) -> RawDocument:
    return RawDocument(id="f", origin="feed.xml", kind="html", content=markup)


def test_a_feed_entry_of_one_short_paragraph_becomes_an_article(tmp_path, nlp):
    raw = _read_feed(tmp_path, f"<p>{FORTY_WORDS}</p>")
    document = prepare(raw, nlp, Options())
    assert document.article.text == FORTY_WORDS
    assert document.article.outlet == "Elling Post" and len(document.sentences) == 1


def test_loose_text_before_a_paragraph_is_kept_as_two_paragraphs():
    # trafilatura finds no main text in this shape; its html2txt would run the two together.
    assert extract(_fragment(f"{FIRST}<p>{SECOND}</p>")).text == f"{FIRST}\n\n{SECOND}"


def test_paragraphs_that_are_all_links_are_kept_with_a_blank_line_between_them():
    markup = f"<p><a href='https://elling.example/a'>{FIRST}</a></p><p><a href='/b'>{SECOND}</a></p>"
    assert extract(_fragment(markup)).text == f"{FIRST}\n\n{SECOND}"


def test_line_breaks_and_entities_in_a_fragment_become_plain_text():
    markup = f"<p><a href='/a'>{FIRST}</a><br/><br/><a href='/b'>Fares &amp; tolls   stay\nthe same.</a></p>"
    assert fragment_text(markup) == f"{FIRST}\n\nFares & tolls stay the same."


def test_scripts_and_styles_in_a_fragment_are_not_article_text():
    markup = f"<style>p {{color: red}}</style><p><a href='/a'>{FIRST}</a></p><script>track('x')</script>"
    assert fragment_text(markup) == FIRST


@pytest.mark.parametrize("markup", ["", "  \n ", "<p></p><br>", "<!-- a comment only -->"])  # nothing; blanks; tags only; comment
def test_a_fragment_without_text_has_empty_plain_text(markup):
    assert fragment_text(markup) == ""


def test_a_feed_entry_too_short_after_the_fallback_is_still_rejected(tmp_path, nlp):
    raw = _read_feed(tmp_path, f"<p>{FIRST}</p>")
    with pytest.raises(InputError, match="too short: 13 words"):
        prepare(raw, nlp, Options())


def test_an_empty_fragment_is_rejected_as_having_no_article_text(nlp):
    with pytest.raises(InputError, match="no article text found"):
        prepare(_fragment("<p> </p><img src='photo.jpg'>"), nlp, Options())

