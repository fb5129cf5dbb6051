"""The learned sentence scorer: shipped parameters match the features, and its scores are usable."""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from newsweave.api import Newsweave
from newsweave.briefs.sentence_scores import (FEATURES, MEANING_FEATURES, SentenceScorer, feature_names, features,
                                              paraphrases, sentence_bonus, shortlist, similarity)
from newsweave.briefs.similarity import Stemmer, StopWords
from newsweave.briefs.summarize import Weights, _independent_sources, candidate_vectors, cluster_view
from newsweave.config import Options
from newsweave.errors import NewsweaveError
from newsweave.model import RawDocument

from test_summarize_selection import HARBOR, RIVER, VALLEY


@pytest.fixture(scope="module")
def documents(nlp):
    engine = Newsweave(Options(min_article_words=0), nlp=nlp)
    raws = [RawDocument(id=n, origin=n, kind="text", content=t, outlet=n)
            for n, t in {"harbor": HARBOR, "valley": VALLEY, "river": RIVER}.items()]
    return engine.read(raws)[0]


@pytest.fixture(scope="module")
def view(documents):
    return cluster_view(documents, {}, _independent_sources(documents, {}), Stemmer(), StopWords(), Weights(), 120)


@pytest.fixture(scope="module")
def vectors(nlp, view):
    if not nlp.encoder.available:
        pytest.fail("the 'embeddings' extra is not installed: pip install -e '.[dev]' torch==2.13.0")
    return nlp.encoder.encode([c.text for c in view.pool])


def test_the_packaged_parameters_describe_every_feature_in_order():
    data = json.loads(resources.files("newsweave.briefs").joinpath("data/sentence_scorer.json").read_text())
    assert data["features"] == list(FEATURES)
    assert len(data["coef"]) == len(data["mean"]) == len(data["scale"]) == len(FEATURES)


def test_parameters_for_other_features_are_refused_with_the_fix():
    text = json.dumps({"features": ["position"], "mean": [0], "scale": [1], "coef": [1], "intercept": 0})
    with pytest.raises(NewsweaveError, match="re-train"):
        SentenceScorer.from_json(text)


def test_every_candidate_gets_a_share_between_zero_and_one(view):
    rows = features(view, StopWords(), similarity(view, StopWords()))
    assert rows.shape == (len(view.pool), len(FEATURES)) and np.isfinite(rows).all()
    shares = SentenceScorer.packaged()(rows)
    assert ((0 <= shares) & (shares <= 1)).all()


def test_a_fact_all_outlets_report_scores_above_a_fact_one_outlet_tells(view):
    shares = SentenceScorer.packaged()(features(view, StopWords(), similarity(view, StopWords())))
    dam = max(s for s, c in zip(shares, view.pool) if "dam" in c.text and "fail" in c.text)
    cyclist = next(s for s, c in zip(shares, view.pool) if "cyclist" in c.text)
    assert dam > cyclist


def test_the_outlets_tellings_of_the_dam_failure_are_paraphrase_pairs(view):
    pairs = paraphrases(similarity(view, StopWords()), Weights().paraphrase)
    dam = {i for i, c in enumerate(view.pool) if "dam" in c.text and "fail" in c.text}
    assert len(dam) == 3 and sum(a in dam and b in dam for a, b in pairs) == 3
    assert not any(a in dam and "cyclist" in view.pool[b].text for a, b in pairs)


def test_a_fact_all_outlets_report_is_closer_to_the_cluster_centroid_than_a_fact_one_outlet_tells(view):
    rows = features(view, StopWords(), similarity(view, StopWords()))
    centroid = FEATURES.index("centroid")
    dam = max(r[centroid] for r, c in zip(rows, view.pool) if "dam" in c.text and "fail" in c.text)
    cyclist = next(r[centroid] for r, c in zip(rows, view.pool) if "cyclist" in c.text)
    assert dam > cyclist


def test_the_first_candidate_of_each_paragraph_has_paragraph_rank_zero(view):
    rows = features(view, StopWords(), similarity(view, StopWords()))
    rank = FEATURES.index("paragraph_rank")
    seen = set()
    for row, c in zip(rows, view.pool):
        place = (c.sentence.article, c.sentence.paragraph)
        assert (row[rank] == 0) == (place not in seen)
        seen.add(place)


def test_small_clusters_weigh_the_scorer_by_their_own_weight():
    weights = Weights(scorer=0.1, scorer_small=0.3, small=3)
    assert weights.scorer_for(2) == weights.scorer_for(3) == 0.3
    assert weights.scorer_for(4) == weights.scorer_for(25) == 0.1


def test_the_packaged_meaning_parameters_describe_every_feature_of_the_encoders_vectors(vectors):
    data = json.loads(resources.files("newsweave.briefs").joinpath("data/sentence_scorer_meaning.json").read_text())
    assert data["dimensions"] == vectors.shape[1]
    assert data["features"] == list(feature_names(vectors.shape[1]))
    assert len(data["coef"]) == len(data["mean"]) == len(data["scale"]) == len(data["features"])
    assert SentenceScorer.packaged(meaning=True).dimensions == vectors.shape[1]


def test_with_vectors_every_feature_is_there_and_the_relative_ones_centre_on_the_cluster(view, vectors):
    rows = features(view, StopWords(), similarity(view, StopWords()), vectors)
    names = feature_names(vectors.shape[1])
    assert rows.shape == (len(view.pool), len(names)) and np.isfinite(rows).all()
    described = len(FEATURES) + len(MEANING_FEATURES)
    assert np.allclose(rows[:, -described:].mean(axis=0), 0.0)
    assert np.allclose(rows[:, -described:], rows[:, :described] - rows[:, :described].mean(axis=0))


def test_with_vectors_a_fact_all_outlets_report_scores_above_a_fact_one_outlet_tells(view, vectors):
    rows = features(view, StopWords(), similarity(view, StopWords()), vectors)
    shares = SentenceScorer.packaged(meaning=True)(rows)
    assert ((0 <= shares) & (shares <= 1)).all()
    dam = max(s for s, c in zip(shares, view.pool) if "dam" in c.text and "fail" in c.text)
    cyclist = next(s for s, c in zip(shares, view.pool) if "cyclist" in c.text)
    assert dam > cyclist
    centroid = feature_names(vectors.shape[1]).index("meaning_centroid")
    dam_centroid = max(r[centroid] for r, c in zip(rows, view.pool) if "dam" in c.text and "fail" in c.text)
    assert dam_centroid > next(r[centroid] for r, c in zip(rows, view.pool) if "cyclist" in c.text)


def test_a_scorer_is_never_given_vectors_it_was_not_fitted_on(view, vectors):
    similar = similarity(view, StopWords())
    with pytest.raises(NewsweaveError, match="vector dimensions"):
        sentence_bonus(view, SentenceScorer.packaged(), StopWords(), similar, 0.5, vectors)
    with pytest.raises(NewsweaveError, match="vector dimensions"):
        sentence_bonus(view, SentenceScorer.packaged(meaning=True), StopWords(), similar, 0.5)


def test_the_summary_uses_the_meaning_scorer_only_with_a_usable_encoder(nlp, documents, vectors):
    from newsweave.briefs.summarize import summarize

    calls = []

    class Recording(SentenceScorer):
        def __call__(self, rows):
            calls.append(rows.shape[1])
            return super().__call__(rows)

    meaning = SentenceScorer.packaged(meaning=True)
    recording = Recording(meaning.mean, meaning.scale, meaning.coef, meaning.intercept, meaning.dimensions)
    summary = summarize(documents, Options(words=60), copies={}, encoder=nlp.encoder, scorer=recording)
    assert summary and calls == [len(feature_names(vectors.shape[1]))]
    # Embeddings switched off: the wording-only model, whatever the encoder.
    wording = summarize(documents, Options(words=60, embeddings=False), copies={}, encoder=nlp.encoder)
    assert wording == summarize(documents, Options(words=60), copies={})
    assert sum(len(s.text.split()) for s in summary) <= 60


def test_the_meaning_scorer_has_its_own_small_cluster_weight():
    weights = Weights(scorer=0.1, scorer_small=0.3, scorer_small_meaning=0.9, small=3)
    assert weights.scorer_for(3, meaning=True) == 0.9 and weights.scorer_for(3) == 0.3
    assert weights.scorer_for(4, meaning=True) == weights.scorer_for(4) == 0.1


def test_a_pool_within_the_word_limit_is_encoded_whole(view):
    similar = similarity(view, StopWords())
    total = sum(c.words for c in view.pool)
    assert shortlist(view, StopWords(), similar, total) == list(range(len(view.pool)))


def test_a_larger_pool_shortlists_the_wording_scorers_best_holding_about_the_limit(view):
    similar = similarity(view, StopWords())
    limit = sum(c.words for c in view.pool) / 3
    chosen = shortlist(view, StopWords(), similar, limit)
    assert chosen == sorted(set(chosen)) and 0 < len(chosen) < len(view.pool)
    shares = SentenceScorer.packaged()(features(view, StopWords(), similar))
    left = [i for i in range(len(view.pool)) if i not in chosen]
    assert max(shares[left]) <= min(shares[chosen])
    # About the limit: the last one added crosses it.
    words = sorted(((shares[i], view.pool[i].words) for i in chosen), reverse=True)
    assert sum(w for _, w in words[:-1]) < limit <= sum(w for _, w in words)


def test_shortlisted_candidates_are_compared_in_meaning_among_themselves_and_in_wording_with_the_pool(view, vectors):
    similar = similarity(view, StopWords())
    chosen = shortlist(view, StopWords(), similar, sum(c.words for c in view.pool) / 3)
    whole = features(view, StopWords(), similar)
    rows = features(view, StopWords(), similar, vectors[chosen], chosen)
    assert rows.shape == (len(chosen), len(feature_names(vectors.shape[1])))
    assert np.array_equal(rows[:, :len(FEATURES)], whole[chosen])
    # The closest other outlet's sentence in meaning is looked for among the shortlist only.
    best_other = len(FEATURES) + MEANING_FEATURES.index("meaning_best_other")
    source = [view.source_of[view.pool[i].sentence.article] for i in chosen]
    for n, i in enumerate(chosen):
        others = [vectors[j] @ vectors[i] for m, j in enumerate(chosen) if source[m] != source[n]]
        assert rows[n, best_other] == pytest.approx(max(others), abs=1e-5) if others else rows[n, best_other] == 0


def test_with_a_shortlist_the_others_are_scored_by_wording(view, vectors):
    stop, similar = StopWords(), similarity(view, StopWords())
    chosen = shortlist(view, stop, similar, sum(c.words for c in view.pool) / 3)
    meaning = SentenceScorer.packaged(meaning=True)
    bonus = np.array(sentence_bonus(view, meaning, stop, similar, 1.0, vectors[chosen], chosen))
    wording = np.array(sentence_bonus(view, SentenceScorer.packaged(), stop, similar, 1.0))
    left = [i for i in range(len(view.pool)) if i not in chosen]
    assert np.allclose(bonus[left], wording[left])
    by_meaning = meaning(features(view, stop, similar, vectors[chosen], chosen))
    assert np.allclose(bonus[chosen], [view.sources * s * view.pool[i].words for s, i in zip(by_meaning, chosen)])
    assert not np.allclose(bonus[chosen], wording[chosen])


def test_the_summary_encodes_only_the_shortlist_of_a_pool_over_its_limit(nlp, view, vectors):
    total = sum(c.words for c in view.pool)
    whole = candidate_vectors(view, Options(words=120), nlp.encoder, Weights(encoded=total / 120))
    assert whole.encoded == tuple(range(len(view.pool))) and np.allclose(whole.vectors, vectors)
    short = candidate_vectors(view, Options(words=20), nlp.encoder, Weights(encoded=total / 60))
    similar = similarity(view, StopWords())
    assert list(short.encoded) == shortlist(view, StopWords(), similar, total / 3)
    assert np.allclose(short.vectors, vectors[list(short.encoded)])
    assert candidate_vectors(view, Options(words=20, embeddings=False), nlp.encoder) is None
