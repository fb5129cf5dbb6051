"""Article vectors: names as features of their own, weighed by ``StoryOptions.name_weight``."""

from __future__ import annotations

import pytest

from newsweave.config import StoryOptions
from newsweave.errors import OptionsError
from newsweave.model import Article
from newsweave.stories.assign import StoryAssigner
from newsweave.stories.vectors import DocumentFrequencies, is_name, name_bucket, term_counts

TEXT = "Rescuers searched the rubble on Monday after the quake struck near Port Harcourt overnight."


def test_a_name_counts_name_weight_times_per_mention():
    heavy, light = term_counts(TEXT, name_weight=1.5), term_counts(TEXT, name_weight=0.5)
    port = name_bucket("port harcourt")
    assert heavy[port] == 1.5 and light[port] == 0.5


def test_the_name_weight_leaves_word_features_alone():
    heavy, light = term_counts(TEXT, name_weight=1.5), term_counts(TEXT, name_weight=0.5)
    assert {t: n for t, n in heavy.items() if not is_name(t)} == {t: n for t, n in light.items() if not is_name(t)}


def test_a_name_weight_of_zero_makes_no_name_features_and_a_valid_vector():
    # A zero count would reach log(0) in the tf weighting.
    counts = term_counts(TEXT, name_weight=0)
    assert counts and not any(is_name(t) for t in counts)
    vector = DocumentFrequencies().features(counts).vector
    assert sum(w * w for _, w in vector) == pytest.approx(1.0, abs=1e-5)


def test_the_assigner_weighs_names_with_its_options():
    article = Article(id="a", text=TEXT, outlet="x")
    plain = StoryAssigner(StoryOptions(name_weight=0)).decide(article).features
    named = StoryAssigner(StoryOptions()).decide(article).features
    assert not any(is_name(t) for t, _ in plain.vector) and any(is_name(t) for t, _ in named.vector)


@pytest.mark.parametrize("weight", [-0.5, 11.0])
def test_a_name_weight_out_of_range_is_refused_with_the_allowed_values(weight):
    with pytest.raises(OptionsError, match="name_weight must be from 0"):
        StoryOptions(name_weight=weight)
