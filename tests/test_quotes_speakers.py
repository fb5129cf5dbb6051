"""Speakers of quotes in invented articles, with the real spaCy model."""

from __future__ import annotations

import pytest

from newsweave.api import Newsweave
from newsweave.briefs.quotes import extract_quotes, merge_quotes, quotes_in
from newsweave.config import Options
from newsweave.model import QuoteMention, RawDocument


@pytest.fixture(scope="module")
def quotes(nlp):
    engine = Newsweave(Options(min_article_words=0), nlp=nlp)

    def _quotes(text: str) -> list[QuoteMention]:
        documents, _ = engine.read([RawDocument(id="a", origin="a", kind="text", content=text, outlet="Daily")])
        return list(quotes_in(documents, nlp))
    return _quotes


def speakers(found: list[QuoteMention]) -> list[str | None]:
    return [q.speaker for q in found]


def test_speaker_after_the_quote_is_expanded_to_the_full_name(quotes):
    found = quotes("Mayor Helen Okafor opened the new bridge over the river on Monday morning.\n\n"
                   "\u201cThis bridge joins two halves of the city,\u201d Okafor said.")
    assert speakers(found) == ["Helen Okafor"]
    assert found[0].speaker_mention == "Okafor"


def test_inverted_attribution_with_a_title_names_the_person(quotes):
    found = quotes("The port reopened after a week of repairs to the main crane.\n\n"
                   "\u201cWe expect traffic to recover by the summer,\u201d said Tomas Lindqvist, the director of the port.")
    assert speakers(found) == ["Tomas Lindqvist"]


def test_attribution_before_the_quote_with_a_colon(quotes):
    found = quotes("The river rose overnight and flooded several streets near the market.\n\n"
                   "Fire chief Maria Gonzalez said: \u201cEveryone who lives by the water must leave tonight.\u201d")
    assert speakers(found) == ["Maria Gonzalez"]


def test_a_quote_split_around_its_attribution_keeps_one_speaker(quotes):
    found = quotes("The council approved the plan after a long debate on Tuesday night.\n\n"
                   "\u201cIt took two years,\u201d said Councillor Ben Adeyemi. \u201cBut it was worth every hour.\u201d")
    assert speakers(found) == ["Ben Adeyemi", "Ben Adeyemi"]


def test_a_pronoun_speaker_is_the_person_named_just_before(quotes):
    found = quotes("Finance Minister Petra Novak presented the budget to parliament on Wednesday.\n\n"
                   "The plan cuts spending on roads. \u201cWe cannot borrow any more,\u201d she told reporters.")
    assert speakers(found) == ["Petra Novak"]


def test_an_organisation_can_be_the_speaker(quotes):
    found = quotes("Two ships collided near the harbour entrance early on Sunday morning.\n\n"
                   "\u201cNo one was hurt and both ships are afloat,\u201d the coast guard said in a statement.")
    assert found and found[0].speaker is not None and "coast guard" in found[0].speaker.lower()


def test_scare_quotes_and_titles_are_not_speech(quotes):
    found = quotes("The tower, a \u201cmonstrosity\u201d to some neighbours, opened downtown last year.\n\n"
                   "The film \u201cThe Long Night\u201d opened in three cinemas across the region this week.")
    assert found == []


def test_a_term_after_called_is_not_speech_even_near_a_speech_verb(quotes):
    found = quotes("The economist Ana Ruiz said a little-known levy, called the \u201cuse tax,\u201d could "
                   "close the gap in the state budget within two years.")
    assert found == []


def test_quote_offsets_point_at_the_quoted_words(quotes):
    text = ("The mayor spoke at the opening of the library on a sunny afternoon in spring.\n\n"
            "\u201cBooks are for everyone,\u201d said Mayor Ali Hassan.")
    found = quotes(text)
    assert [text[q.start:q.end] for q in found] == ["Books are for everyone"]


def test_no_documents_give_no_quotes(nlp):
    assert extract_quotes([], {}, nlp) == ()


def mention(article: str, text: str, speaker: str | None) -> QuoteMention:
    return QuoteMention(article=article, outlet=article.upper(), start=0, end=len(text), text=text,
                        speaker=speaker, speaker_mention=speaker)


def test_the_same_quote_in_two_outlets_is_one_quote_with_both_mentions():
    merged = merge_quotes((mention("a", "We will manage our competition responsibly.", "Dan Kerr"),
                           mention("b", "we will manage our competition responsibly", "Kerr")))
    assert len(merged) == 1 and merged[0].outlets == ("A", "B")


def test_a_fragment_of_a_longer_quote_merges_into_it():
    merged = merge_quotes((mention("a", "a sincere desire to manage our competition in the best way", "Dan Kerr"),
                           mention("b", "We come with a sincere desire to manage our competition in the best way "
                                        "possible, and we mean it.", None)))
    assert len(merged) == 1 and merged[0].speaker == "Dan Kerr"


def test_similar_quotes_given_to_different_speakers_stay_apart_for_the_contradiction_check():
    merged = merge_quotes((mention("a", "intense competition requires sustained diplomacy", "Antony Blinken"),
                           mention("b", "intense competition requires intense diplomacy", "Kurt Campbell")))
    assert len(merged) == 2


def test_merging_no_mentions_gives_no_quotes():
    assert merge_quotes(()) == ()


def test_a_description_of_a_titled_person_names_that_person(quotes):
    found = quotes("President Maria Costa announced a new budget for the schools on Monday.\n\n"
                   "\u201cOur estimates are more careful than those of the opposition,\u201d the president said.")
    assert speakers(found) == ["Maria Costa"]


def test_a_capitalised_word_after_a_finished_quoted_sentence_is_not_its_speaker(quotes):
    found = quotes("The party adopted its platform on the last day of the long convention.\n\n"
                   "The platform defines a family \u201cas two parents and their children.\u201d "
                   "It says that \u201cthe state must not interfere in family life.\u201d")
    assert all(q.speaker is None or "platform" in q.speaker.lower() for q in found)


def test_a_she_speaker_skips_a_man_named_closer_to_the_quote(quotes):
    found = quotes("Senator Tom Reed gave his speech on schools at the town hall on Friday.\n\n"
                   "Teacher Anna Berg listened from the back row with her two daughters.\n\n"
                   "After hearing Reed, she told a reporter: \u201cI might vote for him after all.\u201d")
    assert speakers(found) == ["Anna Berg"]


def test_the_statement_said_names_who_issued_the_statement(quotes):
    found = quotes("Northwind Airlines issued a brief statement on Wednesday about the crash near the airport.\n\n"
                   "\u201cThere is no evidence that our plane was involved,\u201d the statement said.")
    assert speakers(found) == ["Northwind Airlines"]
