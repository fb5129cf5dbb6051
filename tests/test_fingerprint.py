"""Near-duplicate fingerprints: signatures, their stored form, and the copy detector."""

from __future__ import annotations

import pytest

from newsweave.documents.fingerprint import (CopyDetector, from_bytes, is_empty, jaccard, shingles, signature,
                                             signature_bytes)
from newsweave.errors import OptionsError

# Invented texts: an original wire story, a lightly edited reprint, and an unrelated story.
ORIGINAL = (
    "The harbour authority of Port Elling said on Tuesday that the new container terminal would open "
    "in March after two years of delays caused by flooding and a dispute with the dock workers' union. "
    "The terminal will double the port's capacity, the authority said, and will employ about 400 people. "
    "Local businesses welcomed the news, saying the delays had cost them customers, while environmental "
    "groups repeated their concerns about dredging in the estuary and the loss of wading bird habitat. "
    "The regional government, which paid for a third of the project, called the opening a milestone."
)
REPRINT = ORIGINAL.replace("said on Tuesday", "announced on Tuesday").replace(
    " The regional government, which paid for a third of the project, called the opening a milestone.", "")
UNRELATED = (
    "A retired schoolteacher from the hill village of Ostry has won the national baking championship "
    "with a rye loaf made from her grandmother's recipe, beating forty professional bakers in the final. "
    "She said she would spend the prize money on a new roof for the village hall."
)


def test_shingles_ignore_case_punctuation_and_spacing():
    assert shingles("The  Port, said: OPEN now today", shingle=5) == shingles("the port said open now today")


def test_a_text_shorter_than_a_shingle_is_one_shingle():
    assert shingles("Port opens", shingle=5) == {"port opens"}


def test_empty_text_has_no_shingles_and_an_empty_signature():
    assert shingles("  ... ") == set()
    assert is_empty(signature(""))
    assert not is_empty(signature("one word"))


def test_exact_jaccard_is_high_for_a_reprint_and_low_for_an_unrelated_text():
    assert jaccard(ORIGINAL, REPRINT) > 0.7
    assert jaccard(ORIGINAL, UNRELATED) < 0.05
    assert jaccard("", ORIGINAL) == 0.0


def test_signature_estimates_the_exact_jaccard():
    estimate = signature(ORIGINAL).jaccard(signature(REPRINT))
    assert abs(estimate - jaccard(ORIGINAL, REPRINT)) < 0.15


def test_signature_round_trips_through_bytes():
    sig = signature(ORIGINAL, num_perm=64)
    data = signature_bytes(sig)
    assert len(data) == 64 * 4
    restored = from_bytes(data)
    assert restored.jaccard(sig) == 1.0
    assert restored.jaccard(signature(REPRINT, num_perm=64)) == sig.jaccard(signature(REPRINT, num_perm=64))


@pytest.mark.parametrize("data", [b"", b"\x00" * 7])  # nothing stored; a truncated value
def test_from_bytes_rejects_data_that_is_not_a_signature(data):
    with pytest.raises(OptionsError, match="multiple of 4 bytes"):
        from_bytes(data)


def test_detector_finds_the_reprint_and_not_the_unrelated_text():
    detector = CopyDetector(threshold=0.6)
    detector.add("original", signature(ORIGINAL))
    detector.add("unrelated", signature(UNRELATED))
    assert detector.query(signature(REPRINT)) == ["original"]
    assert detector.query(signature("A completely different sentence about chess openings and tea.")) == []


def test_detector_never_matches_empty_texts():
    detector = CopyDetector()
    detector.add("blank", signature(""))
    assert len(detector) == 1
    assert detector.query(signature("")) == []
    assert detector.similarity("blank", signature(ORIGINAL)) == 0.0


def test_detector_returns_the_most_similar_key_first():
    detector = CopyDetector(threshold=0.5)
    detector.add("reprint", signature(REPRINT))
    detector.add("original", signature(ORIGINAL))
    assert detector.query(signature(ORIGINAL)) == ["original", "reprint"]


def test_detector_refuses_a_key_added_twice():
    detector = CopyDetector()
    detector.add("a", signature(ORIGINAL))
    with pytest.raises(OptionsError, match="already added"):
        detector.add("a", signature(REPRINT))


def test_detector_refuses_a_signature_with_other_permutations():
    detector = CopyDetector(num_perm=128)
    with pytest.raises(OptionsError, match="same num_perm"):
        detector.add("a", signature(ORIGINAL, num_perm=64))


@pytest.mark.parametrize("threshold", [0, 1, 1.5, -0.2, "0.8"])  # the bounds are excluded; not a number
def test_detector_threshold_must_be_strictly_between_0_and_1(threshold):
    with pytest.raises(OptionsError, match="strictly between 0 and 1"):
        CopyDetector(threshold=threshold)


@pytest.mark.parametrize("num_perm", [0, 8, 64.0])  # too few permutations; not a whole number
def test_num_perm_must_be_a_whole_number_of_16_or_more(num_perm):
    with pytest.raises(OptionsError, match="num_perm"):
        signature(ORIGINAL, num_perm=num_perm)
