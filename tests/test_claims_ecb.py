"""Quality gate: claim alignment on ECB+ dev (real data read from ../shared at test time).

Floors are the figures recorded in docs/evaluation-claims.md (wording and meaning: the `embeddings`
extra, which the dev install includes) less a small noise margin; a change that makes claims group
sentences about different events, or stop grouping the same event, fails here.
"""

from __future__ import annotations

import pytest

from newsweave.evaluation.ecb import evaluate, read_topics

from conftest import DATA

ECB = DATA / "ecbplus"
MARGIN = 0.02


@pytest.fixture(scope="module")
def scores(nlp):
    if not (ECB / "ECB_Dev_corpus.txt").is_file():
        pytest.fail(f"ECB+ dev data missing at {ECB}")
    return evaluate(ECB, encoder=nlp.encoder)


def test_ecb_reader_keeps_every_annotated_sentence_with_its_topic():
    topics = read_topics(ECB)
    assert len(topics) == 8
    assert sum(len(members) for members in topics.values()) == 196


def test_grouped_sentence_pairs_mostly_share_an_event(scores):
    assert scores.precision >= 0.739 - MARGIN


def test_sentences_about_a_similar_but_different_event_are_rarely_grouped(scores):
    assert scores.cross_rate <= 0.076 + MARGIN


def test_three_in_ten_same_event_pairs_are_grouped(scores):
    assert scores.recall >= 0.304 - MARGIN
