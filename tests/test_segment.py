"""Segmentation: sentence offsets slice the text as read, and senter's news-text mistakes are repaired."""

from __future__ import annotations

import re

import pytest

from conftest import DATA
from newsweave.config import Options
from newsweave.documents import prepare
from newsweave.model import Article, RawDocument
from newsweave.documents.segment import segment
from newsweave.sources import read_inputs


def sentences_of(text, nlp):
    article = Article(id="a", text=text, outlet="o")
    return [s.text for s in segment(article, [(0, len(text))], nlp)]


def test_empty_regions_give_no_sentences(nlp):
    assert segment(Article(id="a", text="", outlet="o"), [], nlp) == ()


def test_every_sentence_offset_of_every_seed_slices_the_text_as_read(nlp, seeds_dir):
    for path in sorted(seeds_dir.iterdir()):
        raw = RawDocument(id=path.name, origin=str(path), kind="text", content=path.read_text())
        document = prepare(raw, nlp, Options())
        assert document.sentences, path
        for sentence in document.sentences:
            assert document.article.text[sentence.start:sentence.end] == sentence.text


def test_every_sentence_of_a_duc_cluster_slices_exactly_and_starts_with_no_stray_quote(nlp):
    cluster = sorted((DATA / "duc2006" / "duc2006_docs").iterdir())[0]
    raws = [raw for raw in read_inputs([str(cluster)], Options()) if isinstance(raw, RawDocument)]
    assert len(raws) == 25
    for raw in raws[:8]:
        document = prepare(raw, nlp, Options())
        for sentence in document.sentences:
            assert document.article.text[sentence.start:sentence.end] == sentence.text
            assert any(ch.isalnum() for ch in sentence.text)
            # A closing quote (followed by a space) never starts a sentence; some wire copy opens
            # quotes with '' by mistake, which is left alone.
            assert not re.match(r"(?:''|”)\s", sentence.text) and sentence.text not in ("`", "``")


def test_wire_style_opening_quotes_stay_with_their_sentence(nlp):
    text = ("The mayor spoke at length. ``We will rebuild the pier this year,'' she said. "
            "``It is the heart of the town.''")
    assert sentences_of(text, nlp) == ["The mayor spoke at length.",
                                       "``We will rebuild the pier this year,'' she said.",
                                       "``It is the heart of the town.''"]


def test_a_closing_quote_belongs_to_the_sentence_it_closes(nlp):
    text = "“We are very glad to see the bridge open again.” Traders agreed. The café reopened too."
    sentences = sentences_of(text, nlp)
    assert sentences[0].endswith("again.”")
    assert all(not s.startswith("”") for s in sentences)


def test_a_title_abbreviation_does_not_end_a_sentence(nlp):
    text = "The report was written by Dr. Kerensa Hosken and Mr. Jory Pascoe of the harbour board. It is long."
    assert sentences_of(text, nlp) == ["The report was written by Dr. Kerensa Hosken and Mr. Jory Pascoe "
                                       "of the harbour board.", "It is long."]


def test_a_lower_case_attribution_after_a_question_joins_it(nlp):
    text = "``What are we building our harbour for?'' she asked. The council did not answer."
    assert sentences_of(text, nlp)[0] == "``What are we building our harbour for?'' she asked."


def test_sentences_carry_a_normalized_form_with_straight_quotes_and_single_spaces(nlp):
    article = Article(id="a", text="“Twelve  boats,”\nshe said.", outlet="o")
    [sentence] = segment(article, [(0, len(article.text))], nlp)
    assert sentence.normalized == '"Twelve boats," she said.'
    assert sentence.text == article.text


def test_a_wire_dateline_with_a_state_abbreviation_stays_one_sentence(nlp):
    # senter alone splits after "Conn." here.
    text = ("TRURO, Conn. (AP) - A Penzance man who says a ferry ticket machine cheated him is suing the "
            "harbour board. Traders were pleased.")
    assert sentences_of(text, nlp)[0] == ("TRURO, Conn. (AP) - A Penzance man who says a ferry ticket machine "
                                          "cheated him is suing the harbour board.")


def test_a_time_zone_after_a_clock_time_stays_in_the_sentence(nlp):
    text = "The ferry, delayed because of bad weather, left Truro at 10:25 a.m. EDT on Saturday. It was full."
    assert sentences_of(text, nlp) == ["The ferry, delayed because of bad weather, left Truro at 10:25 a.m. EDT "
                                       "on Saturday.", "It was full."]


def test_military_ranks_do_not_end_a_sentence(nlp):
    text = "The plan was announced by Police Maj. Jory Pascoe on Friday. It takes effect in May."
    assert sentences_of(text, nlp) == ["The plan was announced by Police Maj. Jory Pascoe on Friday.",
                                       "It takes effect in May."]


@pytest.mark.parametrize("dateline", ["PORT AVALON _", "PORT AVALON (AP) _", "PORT AVALON --"])
def test_an_upper_case_dateline_opens_its_sentence(nlp, dateline):
    text = f"{dateline} The harbour bridge reopened on Sunday after repairs. Traders were pleased."
    assert sentences_of(text, nlp)[0] == f"{dateline} The harbour bridge reopened on Sunday after repairs."


@pytest.mark.slow
def test_a_region_longer_than_spacy_accepts_is_segmented_in_pieces(nlp):
    sentence = "The harbour board met again on Friday to discuss the pier. "
    text = sentence * 20_000  # 1.2 million characters on one line
    article = Article(id="a", text=text, outlet="o")
    sentences = segment(article, [(0, len(text.rstrip()))], nlp)
    assert len(sentences) == 20_000
    assert all(text[s.start:s.end] == s.text == sentence.strip() for s in sentences)


def test_wire_and_typographic_quotes_normalize_to_the_same_form():
    from newsweave.documents import normalize

    assert normalize("``We will rebuild,'' she said.") == normalize("“We will rebuild,” she said.") == (
        '"We will rebuild," she said.')
