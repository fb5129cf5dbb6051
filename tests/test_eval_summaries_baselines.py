"""The baselines run side by side with newsweave: Lead, sumy LexRank, sumy TextRank."""

from __future__ import annotations

import pytest

from newsweave.errors import EvaluationError
from newsweave.evaluation.baselines import BASELINES, ensure_punkt, make_baseline

DOCUMENTS = [
    "The mayor opened the new bridge on Monday. Hundreds of residents watched the ceremony. "
    "The bridge cost 40 million dollars. Traffic is expected to ease.",
    "A new bridge opened on Monday after three years of work. The mayor cut the ribbon. "
    "Local shops hope for more customers.",
]


def _words(summary) -> int:
    return sum(len(s.split()) for s in summary)


def test_lead_takes_the_first_sentence_of_every_document_before_any_second_sentence():
    summary = make_baseline("lead", words=12, budget="cut")(DOCUMENTS)
    assert summary == ("The mayor opened the new bridge on Monday.",
                       "A new bridge opened on Monday after three years of work.")


def test_lead_under_the_whole_rule_skips_a_sentence_that_would_overrun_and_takes_a_later_one():
    # 8 words, then the 10-word lead of document 2 would overrun 16: skipped; the 6-word second
    # sentence of document 1 fits (14), nothing after it does.
    summary = make_baseline("lead", words=16)(DOCUMENTS)
    assert summary == ("The mayor opened the new bridge on Monday.", "Hundreds of residents watched the ceremony.")


@pytest.mark.parametrize("name", BASELINES)
def test_every_baseline_returns_source_sentences_up_to_the_budget(name):
    summary = make_baseline(name, words=15, budget="cut")(DOCUMENTS)
    text = " ".join(DOCUMENTS)
    assert summary and all(sentence in text for sentence in summary)
    # Sentences are taken until the budget is reached: all but the last fit within it, the last overruns.
    assert _words(summary[:-1]) < 15 < _words(summary)


@pytest.mark.parametrize("name", BASELINES)
def test_under_the_whole_rule_every_baseline_stays_within_the_budget(name):
    for words in (9, 15, 22):
        summary = make_baseline(name, words=words)(DOCUMENTS)
        assert summary and _words(summary) <= words


@pytest.mark.parametrize("name", BASELINES)
def test_every_baseline_returns_nothing_for_empty_documents(name):
    assert make_baseline(name, words=50)(["", "  "]) == ()


def test_an_unknown_baseline_is_refused_with_the_allowed_names():
    with pytest.raises(EvaluationError, match="lead, lexrank, textrank"):
        make_baseline("oracle", words=10)


def test_an_unknown_budget_rule_is_refused_with_the_allowed_rules():
    with pytest.raises(EvaluationError, match="whole, cut"):
        make_baseline("lead", words=10, budget="truncate")


def test_punkt_tables_are_written_to_the_user_cache_not_the_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSWEAVE_CACHE", str(tmp_path))
    root = ensure_punkt()
    tables = root / "tokenizers" / "punkt_tab" / "english"
    assert root.is_relative_to(tmp_path)
    assert (tables / "abbrev_types.txt").read_text().strip()
    from nltk.tokenize import PunktTokenizer

    assert PunktTokenizer("english").tokenize("Dr. Smith came. He left.") == ["Dr. Smith came.", "He left."]
