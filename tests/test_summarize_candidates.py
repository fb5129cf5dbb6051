"""Which sentences are summary material."""

from __future__ import annotations

import pytest

from newsweave.api import Newsweave
from newsweave.briefs.candidates import candidates, is_summary_material
from newsweave.briefs.similarity import Stemmer
from newsweave.config import Options
from newsweave.model import RawDocument


@pytest.mark.parametrize("text", [
    "Who will pay for the repairs to the dam this year?",          # a question
    "By Jane Doe",                                               # a byline
    "Also Read: Ten things to know about the flood season now.",  # promotion
    "\"We will rebuild it, and we will rebuild it better.\"",      # a quote nobody is said to say
    "The council met.",                                         # too short to carry a story
    "The mayor said the town would rebuild the dam and",         # a fragment cut off mid-sentence
    "Follow us on Twitter for the latest news on the flooding.",  # call to action
    "For flood maps and shelter hours visit: https://example.org/millbrook/flood.",  # a link to follow
    "See the council's full statement here (https://example.org/statement).",      # a link to follow
    "FloodWatch (https://www.floodwatch.example) is a service of Riverside Media, a leader in alerts.",  # an ad
])
def test_unsuitable_sentences_are_not_summary_material(text):
    assert not is_summary_material(text)


@pytest.mark.parametrize("text", [
    "The Millbrook dam failed on Tuesday night after three days of heavy rain.",
    "\"We will rebuild it,\" the mayor said at a news conference on Wednesday.",  # quote with speaker
    "A spokeswoman for millbrook fire &amp; rescue said the dam failed at about 6 p.m.",  # web text's "&amp;"
    "The local paper has lost a third of its subscribers since the dam failed in March.",  # not "subscribe"
    # An AP member story cites the paper it takes a fact from with a link to the page.
    "The Millbrook Courier (http://bit.ly/3xYz12) reports the dam had not been inspected since 2009.",
    # A quote whose speaker is named with a verb other than "said".
    "\"The dam was never meant to hold this much water,\" the county engineer tells the Courier.",
    "\"It was supposed to be safe,\" one resident claims in a letter to the council.",
])
def test_informative_sentences_are_summary_material(text):
    assert is_summary_material(text)


def test_a_long_fragment_is_material_only_when_fragments_are_asked_for():
    fragment = "The mayor said the town would rebuild the dam and"  # 10 words, no final punctuation
    assert not is_summary_material(fragment)
    assert is_summary_material(fragment, fragments=True)
    assert not is_summary_material("The mayor said the dam", fragments=True)  # too short even then
    assert not is_summary_material("Who will pay for the repairs to the dam this year?", fragments=True)


def test_an_empty_sentence_is_not_summary_material():
    assert not is_summary_material("")


def test_a_leading_dateline_is_cut_off_and_the_citation_still_slices_the_text(nlp):
    text = "MILLBROOK, Ore. (AP) -- The Millbrook dam failed on Tuesday night after three days of heavy rain."
    engine = Newsweave(Options(min_article_words=0), nlp=nlp)
    documents, _ = engine.read([RawDocument(id="a", origin="a", kind="text", content=text)])
    [candidate] = candidates(documents[0], Stemmer())
    assert candidate.text.startswith("The Millbrook dam")
    assert documents[0].article.text[candidate.ref.start:candidate.ref.end] == candidate.text


def _candidate_texts(text, nlp):
    engine = Newsweave(Options(min_article_words=0), nlp=nlp)
    documents, _ = engine.read([RawDocument(id="a", origin="a", kind="text", content=text)])
    return [c.text for c in candidates(documents[0], Stemmer())]


def test_a_quote_continuing_an_attributed_quote_is_summary_material(nlp):
    second = "\"It is the heart of the town and we cannot do without it for another winter.\""
    text = f"\"We will rebuild the dam before the winter comes,\" the mayor said on Tuesday. {second}"
    assert second in _candidate_texts(text, nlp)


def test_a_quote_with_no_speaker_in_its_paragraph_is_not_summary_material(nlp):
    quote = "\"It is the heart of the town and we cannot do without it for another winter.\""
    text = f"The mayor spoke about the Millbrook dam on Tuesday, after the flood.\n\n{quote}"
    texts = _candidate_texts(text, nlp)
    assert texts and quote not in texts


@pytest.mark.parametrize("furniture", [
    "( associated press ) millbrook, ore. ( ap ) \u2014 ",  # photo credit, then a case-folded dateline
    "( ap photo/jane doe ) ( associated press ) ",            # two photo credits
    "( cnn ) -- ",                                            # agency alone
])
def test_wire_furniture_before_a_lede_is_cut_off_the_citation(nlp, furniture):
    lede = "the millbrook dam failed on tuesday night after three days of heavy rain, officials said."
    engine = Newsweave(Options(min_article_words=0), nlp=nlp)
    documents, _ = engine.read([RawDocument(id="a", origin="a", kind="text", content=furniture + lede)])
    [candidate] = candidates(documents[0], Stemmer())
    assert candidate.text == lede
    assert documents[0].article.text[candidate.ref.start:candidate.ref.end] == lede


def test_a_name_with_a_bracketed_remark_is_not_taken_for_a_dateline(nlp):
    text = "Jory Pascoe ( left ) said on Tuesday that the Millbrook dam would be rebuilt by the spring."
    engine = Newsweave(Options(min_article_words=0), nlp=nlp)
    documents, _ = engine.read([RawDocument(id="a", origin="a", kind="text", content=text)])
    [candidate] = candidates(documents[0], Stemmer())
    assert candidate.text == text
