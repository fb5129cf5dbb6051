"""Placeholder lead summarizer; to be replaced by the real multi-document summarizer."""

from __future__ import annotations

from typing import Mapping

from ..config import Options
from ..model import Document, SummarySentence


def summarize(documents: list[Document], options: Options, *, copies: Mapping[str, str]) -> tuple[SummarySentence, ...]:
    chosen, words = [], 0
    for document in documents:
        for sentence in document.sentences[:2]:
            if words + len(sentence.text.split()) > options.words:
                return tuple(chosen)
            chosen.append(SummarySentence(text=sentence.text, source=sentence.ref))
            words += len(sentence.text.split())
    return tuple(chosen)
