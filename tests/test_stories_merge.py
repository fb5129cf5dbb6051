"""The optional second pass that merges stories whose centroids are close (topic-level datasets)."""

from __future__ import annotations

import pytest

from newsweave.errors import OptionsError
from newsweave.stories.clusterer import merge_close_stories


def test_merging_no_stories_gives_nothing():
    assert merge_close_stories({}, threshold=0.5) == {}


def test_two_stories_with_close_centroids_merge_into_the_older():
    centroids = {"S1": {1: 1.0, 2: 1.0, 3: 0.2}, "S2": {1: 0.9, 2: 1.1}, "S3": {7: 1.0, 8: 1.0}}
    assert merge_close_stories(centroids, threshold=0.8) == {"S1": "S1", "S2": "S1", "S3": "S3"}


def test_stories_below_the_threshold_stay_apart():
    centroids = {"S1": {1: 1.0, 2: 1.0}, "S2": {1: 1.0, 3: 1.0}}
    assert merge_close_stories(centroids, threshold=0.8) == {"S1": "S1", "S2": "S2"}


def test_a_story_is_compared_with_the_merged_group_not_chained_through_one_member():
    # S2 is close to S1; S3 is close to S2 alone but not to the group S1+S2 (single link would chain).
    centroids = {"S1": {1: 1.0, 2: 1.0}, "S2": {2: 1.0, 3: 1.0}, "S3": {3: 1.0, 4: 1.0}}
    merged = merge_close_stories(centroids, threshold=0.45)
    assert merged["S2"] == "S1" and merged["S3"] == "S3"


def test_a_threshold_outside_zero_to_one_is_an_options_error():
    with pytest.raises(OptionsError, match=r"merge threshold must be in \(0, 1\]"):
        merge_close_stories({"S1": {1: 1.0}}, threshold=1.5)
