"""On the seeds brief made by the real pipeline, in every format, every citation slices its article's
text to exactly the cited characters: the promise every newsweave brief makes."""

from __future__ import annotations

import json

import pytest

from newsweave.api import Newsweave
from newsweave.model import Brief
from newsweave.outputs import render
from newsweave.outputs.json import brief_from_dict
from newsweave.outputs.markdown import escape
from test_outputs_html import Page
from test_outputs_markdown import _footnotes
from test_outputs_support import all_refs, collapse
from test_outputs_text import _sources


@pytest.fixture(scope="module")
def brief(seeds_dir, nlp) -> Brief:
    return Newsweave(nlp=nlp).brief([str(seeds_dir)])


def test_the_seeds_brief_has_a_summary_with_sources(brief):
    assert brief.summary and len(brief.texts) == 3


def test_json_references_slice_to_the_cited_sentences(brief):
    data = json.loads(render(brief, "json"))
    assert data["summary"]
    for sentence in data["summary"]:
        for ref in [sentence["source"], *sentence["also_reported_by"]]:
            assert brief.texts[ref["article"]][ref["start"]:ref["end"]].strip()
        source = sentence["source"]
        assert brief.texts[source["article"]][source["start"]:source["end"]] == sentence["text"]


def test_json_references_of_every_section_are_inside_their_articles(brief):
    data = json.loads(render(brief, "json"))

    def walk(value):
        if isinstance(value, dict):
            if {"article", "start", "end"} <= set(value) and value["article"] in brief.texts:
                text = brief.texts[value["article"]]
                assert 0 <= value["start"] < value["end"] <= len(text)
                if "text" in value:  # a quote mention carries its own words
                    assert text[value["start"]:value["end"]] == value["text"]
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)


def test_text_sources_quote_exactly_what_the_summary_cites(brief):
    text = render(brief, "text")
    sources = _sources(text)
    assert len(sources) == len(set(all_refs(brief)))
    for article, start, end, cited in sources.values():
        assert brief.texts[article][start:end] == cited
    flat = collapse(text)
    for sentence in brief.summary:
        assert f"{collapse(sentence.text)} [" in flat


def test_markdown_footnotes_quote_exactly_what_the_summary_cites(brief):
    markdown = render(brief, "markdown")
    notes = _footnotes(markdown)
    assert len(notes) == len(set(all_refs(brief)))
    for article, start, end, cited in notes.values():
        # Markdown cannot hold a line break inside a footnote: escape() folds it to a space.
        assert brief.texts[article][start:end].replace("\n", " ") == cited
    for sentence in brief.summary:
        assert f"- {escape(sentence.text)}[^" in markdown


def test_html_marked_spans_are_exactly_the_cited_text(brief):
    page = Page(render(brief, "html"))
    summary_spans = [(a, t) for a, t in page.cited if a.get("class") == "sentence"]
    assert [t for _, t in summary_spans] == [s.text for s in brief.summary]
    assert len(page.cited) == len(brief.summary) + len(set(all_refs(brief)))
    for attrs, text in page.cited:
        assert brief.texts[attrs["data-article"]][int(attrs["data-start"]):int(attrs["data-end"])] == text


def test_the_seeds_brief_round_trips_through_json(brief):
    assert brief_from_dict(json.loads(render(brief, "json")), texts=brief.texts) == brief
