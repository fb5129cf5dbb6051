"""Near-duplicate fingerprints: MinHash signatures of word shingles, and an LSH index over them.

Two articles whose texts share most of their five-word shingles are copies or near-copies (a wire
story reprinted, lightly edited, with a different headline or a trimmed ending). ``signature``
turns a text into a ``datasketch.MinHash``; ``signature_bytes``/``from_bytes`` give a compact form
for storage; ``CopyDetector`` finds, among the signatures added so far, those whose estimated
Jaccard similarity with a query reaches a target.

Typical use::

    detector = CopyDetector(threshold=0.8)
    for key, text in articles:
        sig = signature(text)
        copies_of = detector.query(sig)     # keys already added that this text nearly copies
        detector.add(key, sig)
"""

from __future__ import annotations

import re
from typing import Hashable

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..errors import OptionsError

__all__ = ["CopyDetector", "from_bytes", "is_empty", "jaccard", "shingles", "signature", "signature_bytes"]

NUM_PERM = 128
SHINGLE = 5
# The permutation seed and hashing scheme are part of the signature format: signatures made with a
# different seed or scheme cannot be compared, so they are fixed rather than options. affine32 keeps
# each value in 32 bits, so a stored signature is 4 bytes per permutation.
SEED = 1
SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)
# datasketch fills an empty MinHash with this value; a signature made entirely of it has no shingles.
_EMPTY = np.uint32((1 << 32) - 1)


def shingles(text: str, *, shingle: int = SHINGLE) -> set[str]:
    """The set of ``shingle``-word sequences of ``text``, lower-cased, punctuation and spacing ignored.

    A text shorter than one shingle yields its whole word sequence as a single shingle, so short
    texts still have a fingerprint; an empty text (no words) yields the empty set.
    """
    if not isinstance(shingle, int) or shingle < 1:
        raise OptionsError(f"shingle must be a whole number of words, 1 or more, got {shingle!r}")
    words = _WORD.findall(text.casefold())
    if not words:
        return set()
    if len(words) <= shingle:
        return {" ".join(words)}
    return {" ".join(words[i:i + shingle]) for i in range(len(words) - shingle + 1)}


def signature(text: str, *, num_perm: int = NUM_PERM, shingle: int = SHINGLE) -> MinHash:
    """The MinHash signature of ``text``'s word shingles (see ``shingles``)."""
    _check_num_perm(num_perm)
    sig = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    sig.update_batch([s.encode("utf-8") for s in shingles(text, shingle=shingle)])
    return sig


def is_empty(sig: MinHash) -> bool:
    """True for the signature of a text with no words: it must not be taken as similar to anything."""
    return bool(np.all(sig.hashvalues == _EMPTY))


def jaccard(a: str, b: str, *, shingle: int = SHINGLE) -> float:
    """The exact Jaccard similarity of two texts' shingle sets (0.0 when either has no words)."""
    left, right = shingles(a, shingle=shingle), shingles(b, shingle=shingle)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def signature_bytes(sig: MinHash) -> bytes:
    """A compact form of ``sig`` (4 bytes per permutation, little-endian) for storing."""
    return sig.hashvalues.astype("<u4").tobytes()


def from_bytes(data: bytes) -> MinHash:
    """The signature stored by ``signature_bytes``."""
    if not data or len(data) % 4:
        raise OptionsError(f"a stored signature is a non-empty multiple of 4 bytes, got {len(data)} bytes; "
                           "was it written by signature_bytes()?")
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=len(values), seed=SEED, hashvalues=values, scheme=SCHEME)


class CopyDetector:
    """An LSH index of signatures that answers "which added texts does this one nearly copy?".

    ``threshold`` is the target Jaccard similarity of shingle sets: 0.8 means four in five of the
    shingles of the two texts, together, are shared. The LSH bands and rows are derived from it by
    datasketch; the banding favours recall (few missed pairs) and every candidate is then checked
    against the threshold with the signatures' estimated Jaccard, so a banding false positive is
    never returned.
    """

    def __init__(self, *, threshold: float = 0.8, num_perm: int = NUM_PERM):
        if not isinstance(threshold, (int, float)) or not 0.0 < threshold < 1.0:
            raise OptionsError(f"threshold is a target Jaccard similarity strictly between 0 and 1, "
                               f"got {threshold!r}; 0.8 finds lightly edited reprints")
        _check_num_perm(num_perm)
        self.threshold = float(threshold)
        self.num_perm = num_perm
        # Weights (false positives, false negatives): missing a copy costs more than checking a candidate.
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=num_perm, weights=(0.2, 0.8))
        self._signatures: dict[Hashable, MinHash] = {}
        # Each key's position in adding order, the tie-break of ``query``; kept here as keys are added
        # so that a query costs the same whatever the number of stored signatures.
        self._position: dict[Hashable, int] = {}

    @property
    def band_ranges(self) -> list[tuple[int, int]]:
        """The (start, end) slices of a signature's hash values that form its LSH bands: two texts
        are candidates when some band is equal. Shared so a distributed shuffle bands exactly alike."""
        return list(self._lsh.hashranges)

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._signatures

    def add(self, key: Hashable, sig: MinHash) -> None:
        """Index ``sig`` under ``key`` (unique). Empty signatures are kept but never match anything."""
        if key in self._signatures:
            raise OptionsError(f"key {key!r} was already added to this CopyDetector; keys must be unique")
        self._check(sig)
        self._signatures[key] = sig
        self._position[key] = len(self._position)
        if not is_empty(sig):
            self._lsh.insert(key, sig)

    def query(self, sig: MinHash) -> list[Hashable]:
        """Keys of the added signatures whose estimated Jaccard with ``sig`` reaches the threshold,
        most similar first (ties in the order they were added)."""
        self._check(sig)
        if is_empty(sig):
            return []
        kept = [(score, key) for key in self._lsh.query(sig)
                if (score := sig.jaccard(self._signatures[key])) >= self.threshold]
        return [key for _, key in sorted(kept, key=lambda item: (-item[0], self._position[item[1]]))]

    def similarity(self, key: Hashable, sig: MinHash) -> float:
        """The estimated Jaccard similarity of ``sig`` with the signature added under ``key``."""
        if key not in self._signatures:
            raise KeyError(key)
        self._check(sig)
        if is_empty(sig) or is_empty(self._signatures[key]):
            return 0.0
        return float(sig.jaccard(self._signatures[key]))

    def _check(self, sig: MinHash) -> None:
        if not isinstance(sig, MinHash):
            raise OptionsError(f"expected a datasketch.MinHash made by signature(), got {type(sig).__name__}")
        if len(sig.hashvalues) != self.num_perm:
            raise OptionsError(f"this CopyDetector was built with num_perm={self.num_perm} but the signature "
                               f"has {len(sig.hashvalues)} permutations; make both with the same num_perm")


def _check_num_perm(num_perm: int) -> None:
    if not isinstance(num_perm, int) or num_perm < 16:
        raise OptionsError(f"num_perm must be a whole number, 16 or more (128 is usual), got {num_perm!r}")
