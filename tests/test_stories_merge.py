"""The optional second pass that merges stories by average linkage (stories.merge)."""

from __future__ import annotations

import pytest

from newsweave.errors import OptionsError
from newsweave.stories.merge import merge_average_link


def _unit(*terms: int) -> dict[int, float]:
    return {term: 1.0 / len(terms) ** 0.5 for term in terms}


def test_merging_no_stories_gives_nothing():
    assert merge_average_link({}, {}, threshold=0.5) == {}


def test_two_stories_whose_articles_are_close_merge_into_the_older():
    centroids = {"S1": _unit(1, 2), "S2": _unit(1, 2, 3), "S3": _unit(7, 8)}
    merged = merge_average_link(centroids, dict.fromkeys(centroids, 1), threshold=0.8)
    assert merged == {"S1": "S1", "S2": "S1", "S3": "S3"}


def test_stories_below_the_threshold_stay_apart():
    centroids = {"S1": _unit(1, 2), "S2": _unit(1, 3)}
    assert merge_average_link(centroids, dict.fromkeys(centroids, 1), threshold=0.8) == {"S1": "S1", "S2": "S2"}


def test_the_closest_pair_merges_first():
    # S2 is a little closer to S3 than to S1: best-first joins S2 with S3, and then S1, whose mean
    # cosine with the pair S2+S3 is only 0.25, stays apart (arrival order would have joined S1 and S2).
    centroids = {"S1": _unit(1, 2), "S2": _unit(2, 3, 4), "S3": _unit(3, 4, 5)}
    merged = merge_average_link(centroids, dict.fromkeys(centroids, 1), threshold=0.4)
    assert merged == {"S1": "S1", "S2": "S2", "S3": "S2"}


def test_the_score_is_the_mean_cosine_over_both_stories_articles():
    # S1 holds two identical articles (centroid 2·v, size 2), S2 one article at cosine 0.5 with v:
    # the mean cosine is 0.5, so 0.49 merges them and 0.51 does not.
    v = _unit(1, 2)
    centroids = {"S1": {t: 2 * w for t, w in v.items()}, "S2": _unit(1, 3)}
    sizes = {"S1": 2, "S2": 1}
    assert merge_average_link(centroids, sizes, threshold=0.49)["S2"] == "S1"
    assert merge_average_link(centroids, sizes, threshold=0.51)["S2"] == "S2"


def test_the_same_stories_always_merge_the_same_way():
    centroids = {f"S{i}": _unit(i % 5, i % 7 + 10, i % 3 + 20) for i in range(40)}
    sizes = dict.fromkeys(centroids, 1)
    assert merge_average_link(centroids, sizes, threshold=0.3) == merge_average_link(centroids, sizes, threshold=0.3)


def test_a_threshold_outside_zero_to_one_is_an_options_error():
    with pytest.raises(OptionsError, match=r"merge threshold must be in \(0, 1\]"):
        merge_average_link({"S1": {1: 1.0}}, {"S1": 1}, threshold=1.5)


def test_two_stories_outside_changed_are_not_scored_against_each_other():
    # A pass that already saw S1 and S2 unchanged found them apart; only S3, which changed, is looked at.
    centroids = {"S1": _unit(1, 2), "S2": _unit(1, 2), "S3": _unit(7, 8)}
    sizes = dict.fromkeys(centroids, 1)
    assert merge_average_link(centroids, sizes, threshold=0.8, changed={"S3"})["S2"] == "S2"
    assert merge_average_link(centroids, sizes, threshold=0.8, changed={"S2"})["S2"] == "S1"


def _loose_story_and_a_fragment() -> tuple[dict[str, dict[int, float]], dict[str, int]]:
    # S1: four articles that share only term 1 (each cosine 0.5 with the others); S2: one article that
    # also shares only term 1. Mean cosine S2–S1 is 0.5; S2 against S1's centroid is 2/√10 ≈ 0.63.
    loose: dict[int, float] = {}
    for extra in range(10, 14):
        for term, weight in _unit(1, extra).items():
            loose[term] = loose.get(term, 0.0) + weight
    return {"S1": loose, "S2": _unit(1, 50)}, {"S1": 4, "S2": 1}


def test_a_fragment_of_a_loose_story_stays_apart_by_average_linkage():
    centroids, sizes = _loose_story_and_a_fragment()
    assert merge_average_link(centroids, sizes, threshold=0.6)["S2"] == "S2"


def test_with_absorb_a_small_story_joins_the_story_whose_centroid_is_nearest():
    centroids, sizes = _loose_story_and_a_fragment()
    assert merge_average_link(centroids, sizes, threshold=0.6, absorb=1)["S2"] == "S1"


def test_absorb_never_joins_two_stories_both_larger_than_its_size():
    centroids, sizes = _loose_story_and_a_fragment()
    sizes = {"S1": 4, "S2": 2}
    assert merge_average_link(centroids, sizes, threshold=0.6, absorb=1)["S2"] == "S2"
    assert merge_average_link(centroids, sizes, threshold=0.6, absorb=2)["S2"] == "S1"


def test_absorb_leaves_a_fragment_with_nothing_in_common_alone():
    centroids, sizes = _loose_story_and_a_fragment()
    centroids["S3"] = _unit(70, 71)
    assert merge_average_link(centroids, {**sizes, "S3": 1}, threshold=0.6, absorb=1)["S3"] == "S3"


def test_a_negative_absorb_size_is_an_options_error():
    with pytest.raises(OptionsError, match="absorb must be a whole number"):
        merge_average_link({"S1": {1: 1.0}}, {"S1": 1}, threshold=0.5, absorb=-1)
