"""CopyDetector.query touches only the candidates LSH returns, never every stored key."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.documents.fingerprint import CopyDetector, signature

BASE = ("The harbour authority of Port Elling said on Tuesday that the new container terminal would open "
        "in March after two years of delays caused by flooding and a dispute with the dock workers union.")


@dataclass(frozen=True)
class CountingKey:
    """A real hashable key that counts how often it is hashed: a query that walks every stored key
    (for example to rebuild a position map) hashes all of them, one that does not hashes only its hits."""

    name: str
    hashed: list[int] = field(default_factory=lambda: [0], compare=False)

    def __hash__(self) -> int:
        self.hashed[0] += 1
        return hash(self.name)


def _unrelated(n: int) -> str:
    # Distinct invented texts that share no five-word shingle with BASE or with each other.
    return " ".join(f"item{n}w{i}" for i in range(40))


def test_a_query_does_not_touch_stored_keys_that_are_not_candidates():
    detector = CopyDetector(threshold=0.8)
    keys = [CountingKey(f"other{n}") for n in range(200)]
    for key, n in zip(keys, range(200)):
        detector.add(key, signature(_unrelated(n)))
    detector.add(CountingKey("original"), signature(BASE))
    before = sum(key.hashed[0] for key in keys)
    [found] = detector.query(signature(BASE))
    assert found.name == "original"
    assert sum(key.hashed[0] for key in keys) == before


def test_ties_are_still_returned_in_the_order_the_keys_were_added():
    detector = CopyDetector(threshold=0.8)
    for key in ["second-copy", "first-copy", "third-copy"]:
        detector.add(key, signature(BASE))
    assert detector.query(signature(BASE)) == ["second-copy", "first-copy", "third-copy"]


def test_a_query_on_an_empty_detector_finds_nothing():
    assert CopyDetector().query(signature(BASE)) == []
