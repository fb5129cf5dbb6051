"""Contradictions between outlets: numbers, dates, attributions, negations; paraphrase is not one."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsweave.briefs.claims import align_claims
from newsweave.briefs.contra_quotes import attribution_conflicts, same_speaker, same_statement
from newsweave.briefs.contradictions import find_contradictions
from newsweave.config import Options
from newsweave.documents import Nlp, prepare
from newsweave.model import Document, Quote, QuoteMention, RawDocument


def _doc(nlp: Nlp, id: str, outlet: str, text: str, published: datetime | None = None) -> Document:
    raw = RawDocument(id=id, origin=id, kind="text", content=text, outlet=outlet, published=published)
    return prepare(raw, nlp, Options(min_article_words=0))


def _find(documents: list[Document], quotes: tuple[Quote, ...] = ()):
    return find_contradictions(documents, align_claims(documents, {}, Options()), quotes)


# Invented reports of one flood.
WIRE = ("Floods in the Varna valley killed 25 people on Tuesday, the regional governor said.\n"
        "Rescue teams evacuated about 3,000 residents from villages along the river overnight.\n")
DAILY = ("The floods that swept the Varna valley killed 31 people on Tuesday, according to the governor.\n"
         "Nearly 3,000 residents were evacuated from riverside villages overnight by rescue teams.\n")
HEDGED = ("Floods killed almost 25 people in the Varna valley on Tuesday, the regional governor said.\n")


def test_different_death_tolls_for_the_same_floods_are_a_number_contradiction(nlp):
    found = _find([_doc(nlp, "w", "Wire", WIRE), _doc(nlp, "d", "Daily", DAILY)])
    numbers = [c for c in found if c.kind == "number"]
    assert len(numbers) == 1
    assert {numbers[0].left.value, numbers[0].right.value} == {"25", "31"}
    assert "peopl" in numbers[0].reason and "Wire" in numbers[0].reason


def test_each_side_cites_its_sentence_exactly(nlp):
    documents = [_doc(nlp, "w", "Wire", WIRE), _doc(nlp, "d", "Daily", DAILY)]
    text = {d.article.id: d.article.text for d in documents}
    for c in _find(documents):
        for side in (c.left, c.right):
            assert text[side.source.article][side.source.start:side.source.end] == side.text
            assert side.value in side.text


def test_hedged_and_rounded_figures_that_fit_are_not_contradictions(nlp):
    # "about 3,000" vs "Nearly 3,000"; "25" vs "almost 25"
    found = _find([_doc(nlp, "w", "Wire", WIRE), _doc(nlp, "h", "Hedged", HEDGED),
                   _doc(nlp, "n", "Other", "Rescue teams evacuated 3,000 residents from villages along the river.\n")])
    assert found == ()


def test_almost_five_years_and_nearly_five_years_agree(nlp):
    documents = [
        _doc(nlp, "a", "A", "The minister's visit to Oslo is the first by a foreign minister in almost five years.\n"),
        _doc(nlp, "b", "B", "It is the first visit to Oslo by a foreign minister in nearly five years.\n"),
        _doc(nlp, "c", "C", "The minister is the first foreign minister to visit Oslo in five years.\n")]
    assert _find(documents) == ()


def test_different_dates_for_the_same_event_are_a_date_contradiction(nlp):
    documents = [
        _doc(nlp, "a", "A", "The referendum on the new constitution will be held on March 12, the electoral "
                            "commission announced.\n"),
        _doc(nlp, "b", "B", "The electoral commission announced that the referendum on the new constitution "
                            "will be held on March 19.\n")]
    found = _find(documents)
    assert [c.kind for c in found] == ["date"]
    assert {found[0].left.value, found[0].right.value} == {"March 12", "March 19"}


def test_weekdays_in_articles_published_weeks_apart_are_not_compared(nlp):
    documents = [
        _doc(nlp, "a", "A", "The electoral commission said the referendum count would finish on Monday.\n",
             datetime(2024, 3, 1)),
        _doc(nlp, "b", "B", "The electoral commission said the referendum count would finish on Friday.\n",
             datetime(2024, 3, 20))]
    assert _find(documents) == ()


def test_a_statement_against_its_denial_is_a_negation_contradiction(nlp):
    documents = [
        _doc(nlp, "a", "A", "The prime minister will attend the climate summit in Lisbon next week, "
                            "her office said.\n"),
        _doc(nlp, "b", "B", "The prime minister will not attend the climate summit in Lisbon next week, "
                            "her office said.\n")]
    found = _find(documents)
    assert [c.kind for c in found] == ["negation"]
    assert found[0].right.source.article == "b"


@pytest.mark.parametrize("positive", [
    "Prosecutors declined to charge the two actors in the three cases, the district attorney said.",
    "The two actors were unable to be charged in the three cases, the district attorney said.",
])
def test_a_negative_verb_on_the_other_side_is_agreement_not_a_negation_contradiction(nlp, positive):
    # Multi-News pairs: "won't be charged" / "declined to file charges", "could not find" / "were unable to find".
    documents = [_doc(nlp, "a", "A", positive + "\n"),
                 _doc(nlp, "b", "B", "The two actors will not be charged in the three cases, the district "
                                     "attorney said.\n")]
    assert [c.kind for c in _find(documents)] == []


def test_no_documents_have_no_contradictions():
    assert find_contradictions([], (), ()) == ()


def _mention(article: str, text: str, quote: str, speaker: str | None) -> QuoteMention:
    start = text.index(quote)
    return QuoteMention(article=article, outlet=article[:3], start=start, end=start + len(quote), text=quote,
                        speaker=speaker, speaker_mention=speaker)


@pytest.fixture(scope="module")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


def _seed_quotes(seed_texts, speaker_000: str, speaker_002: str) -> tuple[Quote, ...]:
    (a, text_a), (b, text_b) = [(k, v) for k, v in seed_texts.items() if k[:3] in ("000", "002")]
    left = _mention(a, text_a, "intense competition requires sustained diplomacy.", speaker_000)
    right = _mention(b, text_b, "Intense competition requires intense diplomacy", speaker_002)
    return (Quote(left.text, left.speaker, (left,)), Quote(right.text, right.speaker, (right,)))


def test_the_same_statement_given_to_two_speakers_is_an_attribution_contradiction(seed_texts):
    found = attribution_conflicts(_seed_quotes(seed_texts, "Antony Blinken", "Kurt Campbell"))
    assert len(found) == 1
    conflict = found[0]
    assert conflict.kind == "attribution"
    assert (conflict.left.value, conflict.right.value) == ("Antony Blinken", "Kurt Campbell")
    for side in (conflict.left, conflict.right):
        assert seed_texts[side.source.article][side.source.start:side.source.end] == side.text


@pytest.mark.parametrize("speaker_002", [
    "Blinken",  # a surname alone is the same person
    "Mr Blinken",  # so is an honorific
    "the State Department",  # an organisation is never in conflict with a person
])
def test_the_same_statement_given_to_one_person_named_differently_is_no_contradiction(seed_texts, speaker_002):
    assert attribution_conflicts(_seed_quotes(seed_texts, "Antony Blinken", speaker_002)) == []


def test_quotes_without_a_speaker_are_never_in_conflict(seed_texts):
    assert attribution_conflicts(_seed_quotes(seed_texts, "Antony Blinken", None)) == []


@pytest.mark.parametrize("left, right, same", [
    ("intense competition requires sustained diplomacy.", "Intense competition requires intense diplomacy "
     "if we're going to manage tensions.", True),  # a shared clause, one word changed
    ("We are not going to Beijing for a breakthrough in trade talks",
     "we’re not going to Beijing for a breakthrough in trade talks", True),  # contraction and quote marks differ
    ("It is necessary, but not sufficient", "The economy needs more investment", False),
    ("We will see", "We will see what happens", False),  # too little content to call them one statement
])
def test_same_statement_needs_a_shared_run_of_content_words(left, right, same):
    assert same_statement(left, right) is same


def test_speakers_match_by_surname_or_name_subset():
    assert same_speaker("Antony Blinken", "Secretary of State Antony Blinken")
    assert not same_speaker("Antony Blinken", "Kurt Campbell")


def test_the_seed_brief_flags_only_the_attribution_conflict(seeds_dir):
    from newsweave import brief  # the whole pipeline, with the real quote extraction

    result = brief([str(seeds_dir)])
    assert [c.kind for c in result.contradictions] == ["attribution"]
    conflict = result.contradictions[0]
    assert {conflict.left.value, conflict.right.value} == {"Antony Blinken", "Kurt Campbell"}
    assert "competition requires" in conflict.left.text.casefold()


@pytest.mark.parametrize("text, negated", [
    ("The prime minister will not attend the summit.", {"attend"}),
    ("She did not even vote for the bill.", {"vote"}),  # an adverb between negation and verb
    ("They asked whether or not the talks would resume.", set()),  # "whether or not" denies nothing
    ("The drug does not _ it has been approved for pain.", set()),  # the next clause is not negated
    ("Not only the army but the police came.", set()),
    ("He didn't notice until the second lesson that he had it.", set()),  # "not ... until" says when
    ("They are not sending the doctors, they are sending the nurses.", set()),  # a correction, not a denial
    ("Children of smokers have asthma even when mothers did not smoke.", {"smoke"}),  # said before: still denied
    ("", set()),
])
def test_negated_words_are_read_within_the_negations_clause(text, negated):
    from newsweave.briefs.contra_negation import negated_stems

    assert negated_stems(text) == negated


@pytest.mark.parametrize("speaker, person", [
    ("Antony Blinken", True),
    ("Osama bin Laden", True),  # a lowercase particle inside a name
    ("message", False),  # what a speaker finder returns when it found no person
    ("all students", False),
    ("Republican presidential front-runner", False),  # a description, not a name
    ("Log Cabin Republicans", False),  # an organisation
    ("the ministry", False),
])
def test_only_speakers_named_as_people_can_be_in_an_attribution_conflict(speaker, person):
    from newsweave.briefs.contra_quotes import _is_person

    assert _is_person(speaker) is person


def test_a_short_remark_inside_a_long_quote_is_not_the_same_statement():
    assert not same_statement("The river virus is so new", "The state test shows the river virus is spreading, "
                                                            "and new cases are found in new counties every week")
