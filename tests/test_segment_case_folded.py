"""Case-folded text (Multi-News): recognised per document by its capitals, and split where its own
sentence splitter left a lower-case sentence start."""

from __future__ import annotations


from conftest import DATA
from newsweave.documents.segment import case_folded, segment
from newsweave.evaluation.datasets import read_summary_records
from newsweave.model import Article

# Invented, written the way Multi-News writes: lower case but for the first word of what its
# splitter took for a sentence, quote marks spaced off, missed sentence ends after quotes and "?".
FOLDED = ('Traders in port elling said on tuesday that the new ferry from truro would run twice a day from '
          'march. The harbour board called the plan "a fresh start for the town. " fares will stay at their '
          'current levels for the first year, the board said. Will it pay? " nobody knows yet, " said jory '
          'pascoe, who runs the cafe by the pier. The board will meet again in may.')
CASED = FOLDED.replace("port elling", "Port Elling").replace("truro", "Truro").replace("jory pascoe", "Jory Pascoe")


def sentences_of(text, nlp):
    article = Article(id="a", text=text, outlet="o")
    return [s.text for s in segment(article, [(0, len(text))], nlp)]


def test_a_document_without_capitals_inside_sentences_is_case_folded():
    assert case_folded(FOLDED)


def test_a_document_with_capitalised_names_is_not_case_folded():
    assert not case_folded(CASED)


def test_a_few_words_are_too_few_to_call_a_document_case_folded():
    assert not case_folded("the ferry left at noon. it was full.")


def test_multi_news_documents_are_case_folded_and_duc_newswire_is_not():
    # The calibration of CASE_FOLDED_CAPITALS on real data: every Multi-News document long enough
    # to judge is case-folded, no DUC 2006 newswire article is (the closest has 0.5% capitals).
    multinews = [d for r in read_summary_records(DATA / "multinews" / "val.jsonl.gz", limit=300)
                 for d in r.documents if len(d.split()) >= 60]
    duc = [d for r in read_summary_records(DATA / "duc2006" / "test.jsonl.gz") for d in r.documents]
    assert len(multinews) > 500 and len(duc) > 1000
    assert all(case_folded(d) for d in multinews)
    assert not any(case_folded(d) for d in duc)


def test_in_case_folded_text_a_lower_case_start_after_a_closing_quote_begins_a_sentence(nlp):
    sentences = sentences_of(FOLDED, nlp)
    assert 'The harbour board called the plan "a fresh start for the town. "' in sentences
    assert "fares will stay at their current levels for the first year, the board said." in sentences


def test_in_case_folded_text_a_lower_case_start_after_a_question_mark_begins_a_sentence(nlp):
    text = ("Traders in port elling wondered whether the new ferry would pay its way in the first year. "
            "So will it pay? nobody in the town can say yet, and the harbour board has not published its "
            "figures for the winter.")
    assert "nobody in the town can say yet, and the harbour board has not published its figures for the winter." \
        in sentences_of(text, nlp)


def test_in_case_folded_text_a_speaker_after_a_quoted_question_stays_with_the_quote(nlp):
    assert '" nobody knows yet, " said jory pascoe, who runs the cafe by the pier.' in sentences_of(FOLDED, nlp)
    text = ('The harbour board met in port elling on tuesday to talk about the ferry and its fares for the '
            'first year. "what would stop them? " jory pascoe asked.')
    assert sentences_of(text, nlp)[-1] == '"what would stop them? " jory pascoe asked.'


def test_in_case_folded_text_a_spaced_opening_quote_goes_with_the_sentence_it_opens(nlp):
    text = ('The two were treated for smoke inhalation at the hospital in truro, he said. " they were doing '
            'the wrong thing, " the fire chief said. The fire in the basement of the building near the harbour '
            'was put out within the hour.')
    sentences = sentences_of(text, nlp)
    assert sentences[:2] == ["The two were treated for smoke inhalation at the hospital in truro, he said.",
                             '" they were doing the wrong thing, " the fire chief said.']


def test_in_cased_text_a_lower_case_start_after_a_closing_quote_still_joins(nlp):
    # Cased newswire never starts a sentence in lower case: there it is a missed continuation.
    sentences = sentences_of(CASED, nlp)
    assert any(s.startswith('The harbour board called the plan "a fresh start for the town. " fares')
               for s in sentences)


def test_every_case_folded_sentence_slices_the_text(nlp):
    article = Article(id="a", text=FOLDED, outlet="o")
    for sentence in segment(article, [(0, len(FOLDED))], nlp):
        assert FOLDED[sentence.start:sentence.end] == sentence.text


def test_a_case_folded_wire_dateline_after_a_state_abbreviation_stays_with_its_lede(nlp):
    text = ("Millbrook, ore. ( ap ) — the millbrook dam failed on tuesday night after three days of heavy rain, "
            "officials said. The town of port elling, downstream, was told to leave before dawn on wednesday.")
    assert sentences_of(text, nlp)[0].startswith("Millbrook, ore. ( ap ) — the millbrook dam failed")


def test_in_case_folded_text_a_lower_case_title_does_not_end_a_sentence(nlp):
    # Multi-News capitalises the word after "gov." as if a sentence began there; senter splits.
    text = ("The harbour plan was backed on tuesday by iowa gov. Jory pascoe and by the town council of port "
            "elling. The vote was close and the board will meet again in may to talk about the fares.")
    assert sentences_of(text, nlp)[0] == ("The harbour plan was backed on tuesday by iowa gov. Jory pascoe and by "
                                          "the town council of port elling.")
