"""Markdown: footnote citations, escaping, sections."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsweave.model import Brief
from newsweave.outputs.markdown import escape, to_markdown, unescape
from test_outputs_support import Seeds, hostile_brief, rich_brief


@pytest.fixture(scope="module")
def brief(seeds_dir, nlp) -> Brief:
    return rich_brief(Seeds(seeds_dir, nlp))


def _footnotes(markdown: str) -> dict[int, tuple[str, int, int, str]]:
    found = re.findall(r"^\[\^(\d+)\]: .*?, `([^`]+)`, characters (\d+)\u2013(\d+): \u201c(.*)\u201d$",
                       markdown, flags=re.M)
    return {int(n): (article, int(start), int(end), unescape(cited)) for n, article, start, end, cited in found}


def test_each_summary_item_carries_a_footnote_to_its_exact_source(brief):
    markdown = to_markdown(brief)
    notes = _footnotes(markdown)
    for sentence in brief.summary:
        number = int(re.search(re.escape(escape(sentence.text)) + r"\[\^(\d+)\]", markdown).group(1))
        assert notes[number] == (sentence.source.article, sentence.source.start, sentence.source.end,
                                 sentence.text)


def test_every_footnote_quotes_its_span_exactly(brief):
    notes = _footnotes(to_markdown(brief))
    assert len(notes) >= 10
    for article, start, end, cited in notes.values():
        # Markdown cannot hold a line break inside a footnote: escape() folds it to a space.
        assert brief.texts[article][start:end].replace("\n", " ") == cited


def test_every_footnote_reference_has_a_definition(brief):
    markdown = to_markdown(brief)
    used = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", markdown)}
    assert used == set(_footnotes(markdown))


def test_markdown_syntax_in_article_text_is_escaped():
    markdown = to_markdown(hostile_brief())
    assert "<script>" not in markdown and "*not*" not in markdown and "[link](" not in markdown
    assert r"\<script\>" in markdown and r"\*not\*" in markdown


def test_escaping_round_trips_any_text():
    text = r"a *b* _c_ [d](e) <f> & g | h ` i ~ j # k \ l"
    assert unescape(escape(text)) == text


def test_a_non_web_url_is_not_made_a_link():
    assert "javascript:" not in to_markdown(hostile_brief())


def test_sections_are_headed_and_contradictions_are_a_table(brief):
    markdown = to_markdown(brief)
    for heading in ("## Summary", "## What most outlets agree on", "## Only in AP", "## Contradictions",
                    "## Quotes by speaker", "### Daniel Kritenbrink", "## Entities", "## Timeline",
                    "## Each outlet's angle", "## Rejected inputs"):
        assert f"\n{heading}\n" in markdown, heading
    assert "| attribution: the same statement is attributed to different speakers |" in markdown


def test_an_empty_brief_renders_a_heading_and_a_note():
    markdown = to_markdown(Brief(articles=(), summary=()))
    assert markdown.startswith("# Brief\n") and "No summary" in markdown


def _rendered_text(markdown: str) -> str:
    """The text a CommonMark renderer shows for ``markdown`` (tags dropped, entities decoded)."""
    rendered = MarkdownIt("commonmark").render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1).map(str.strip)
       .filter(bool))
def test_escaped_text_renders_as_exactly_itself_in_a_list_item(text):
    # Spaces are kept as typed: CommonMark only trims line ends, and the text has been stripped.
    assert _rendered_text("- " + escape(text)) == text


def test_a_commonmark_renderer_shows_hostile_text_literally():
    rendered = MarkdownIt("commonmark").render(to_markdown(hostile_brief()))
    assert "<script" not in rendered and "<em>" not in rendered and "<b>" not in rendered
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; was *not* a [link](http://evil.example)" in rendered
