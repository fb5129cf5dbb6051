"""Every renderer accepts any well-typed Brief (odd text, missing texts, empty lists) without failing."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.errors import OptionsError
from newsweave.model import Brief
from newsweave.outputs import FORMATS, render
from test_outputs_html import Page

ANY = dict(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings(**ANY)
@given(st.from_type(Brief))
def test_any_brief_renders_in_every_format(brief):
    for format in FORMATS:
        assert render(brief, format).endswith("\n")


@settings(**ANY)
@given(st.from_type(Brief))
def test_any_brief_renders_html_with_no_markup_from_its_text(brief):
    page = Page(render(brief, "html"))
    # Only the tags the renderer writes: anything else would be markup smuggled in by article text.
    written = {"html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "p", "section",
               "ol", "ul", "li", "span", "a", "div", "table", "thead", "tbody", "tr", "th", "td", "blockquote",
               "mark", "time", "strong"}
    assert {tag for tag, _ in page.tags} <= written


@settings(**ANY)
@given(st.from_type(Brief))
def test_any_brief_renders_json_that_parses(brief):
    assert isinstance(json.loads(render(brief, "json"))["summary"], list)


def test_an_unknown_format_is_refused_with_the_allowed_ones():
    with pytest.raises(OptionsError, match="format must be one of text, markdown, json, html"):
        render(Brief(articles=(), summary=()), "pdf")
