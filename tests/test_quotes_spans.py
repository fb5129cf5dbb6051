"""Quote marks paired into quoted spans (no model needed beyond sentence splitting)."""

from __future__ import annotations

import pytest

from newsweave.api import Newsweave
from newsweave.briefs.quote_spans import find_quote_spans
from newsweave.config import Options
from newsweave.model import RawDocument

FILLER = "The committee met in the capital on a grey morning to discuss the budget for the coming year."


@pytest.fixture(scope="module")
def read(nlp):
    engine = Newsweave(Options(min_article_words=0), nlp=nlp)

    def _read(text: str):
        documents, rejections = engine.read([RawDocument(id="t", origin="t", kind="text", content=text)])
        assert not rejections, rejections
        return documents[0]
    return _read


def quoted(document) -> list[str]:
    return [document.article.text[s.start:s.end] for s in find_quote_spans(document)]


def test_typographic_quotes_give_the_words_between_the_marks(read):
    doc = read(f"{FILLER} \u201cWe will cut taxes for everyone,\u201d the mayor said on Tuesday.")
    assert quoted(doc) == ["We will cut taxes for everyone"]


def test_straight_quotes_pair_by_context(read):
    doc = read(f'{FILLER} The mayor said "we will cut taxes" and left. "It is done," she added.')
    assert quoted(doc) == ["we will cut taxes", "It is done"]


def test_mixed_curly_opening_and_straight_closing_marks_pair(read):
    # Seed 003 opens with a curly quote and closes with a straight one.
    doc = read(f'{FILLER} \u201cWe are not going there for a breakthrough," the envoy told reporters.')
    assert quoted(doc) == ["We are not going there for a breakthrough"]


def test_newswire_backquotes_and_apostrophe_pairs_are_quote_marks(read):
    doc = read(f"{FILLER} ``The budget is balanced,'' the treasurer said. It's the mayor's plan.")
    assert quoted(doc) == ["The budget is balanced"]


def test_newswire_marks_typed_the_wrong_way_round_still_pair(read):
    doc = read(f"{FILLER}\n\n''We have seen real progress this week,`` he said, pointing to the vote.")
    assert quoted(doc) == ["We have seen real progress this week"]


def test_a_quote_running_over_two_paragraphs_is_one_chain(read):
    text = (f"{FILLER}\n\n\u201cThe first part of the statement goes here and has no closing mark.\n\n"
            f"\u201cThe second part ends the statement,\u201d the minister said.")
    spans = find_quote_spans(read(text))
    assert len(spans) == 2
    assert spans[0].chain == spans[1].chain


def test_a_quote_missing_its_closing_mark_stops_at_its_attribution(read):
    doc = read(f'{FILLER} "The visit will not fix the big problems, according to Russel, a former official.')
    assert quoted(doc) == ["The visit will not fix the big problems"]


def test_text_without_quote_marks_has_no_spans(read):
    assert find_quote_spans(read(FILLER)) == []
