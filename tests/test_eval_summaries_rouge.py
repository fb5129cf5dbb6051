"""ROUGE: the fast native scorer must give rouge-score's numbers; references are averaged."""

from __future__ import annotations

import pytest

from conftest import DATA
from newsweave.errors import EvaluationError
from newsweave.evaluation.datasets import read_summary_records
from newsweave.evaluation.rouge import METRICS, RougeScorer, truncate_words

MULTINEWS = DATA / "multinews" / "val.jsonl.gz"


def test_rouge_score_rs_gives_the_same_numbers_as_rouge_score_on_real_summaries():
    from rouge_score.rouge_scorer import RougeScorer as Reference

    reference = Reference(list(METRICS), use_stemmer=True)
    ours = RougeScorer(words=300)
    for record in read_summary_records(MULTINEWS, limit=8):
        prediction = truncate_words(" ".join(record.documents), 300)
        expected = reference.score(truncate_words(record.summaries[0], 300), prediction)
        got = ours.score(prediction, record.summaries)
        for metric in METRICS:
            assert getattr(got, metric).recall == pytest.approx(expected[metric].recall, abs=1e-9)
            assert getattr(got, metric).f1 == pytest.approx(expected[metric].fmeasure, abs=1e-9)


def test_several_references_are_averaged_not_maximised():
    scorer = RougeScorer(words=100)
    perfect = scorer.score("the cat sat on the mat", ["the cat sat on the mat"])
    unrelated = scorer.score("the cat sat on the mat", ["dogs bark at night"])
    both = scorer.score("the cat sat on the mat", ["the cat sat on the mat", "dogs bark at night"])
    assert both.rouge1.recall == pytest.approx((perfect.rouge1.recall + unrelated.rouge1.recall) / 2)


def test_the_summary_is_cut_to_the_word_budget_before_scoring():
    scorer = RougeScorer(words=3)
    assert scorer.score("alpha beta gamma delta epsilon", ["delta epsilon"]).rouge1.recall == 0.0


def test_porter_stemming_matches_inflected_forms():
    assert RougeScorer(words=10).score("talks were held", ["talk was holding"]).rouge1.recall > 0


def test_a_record_with_only_empty_references_cannot_be_scored():
    with pytest.raises(EvaluationError, match="non-empty reference"):
        RougeScorer(words=10).score("a summary", ["", "  "])


def test_truncating_an_empty_summary_gives_an_empty_summary():
    assert truncate_words("", 5) == ""
