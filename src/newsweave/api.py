"""The Python API that the CLI is a thin layer over."""

from __future__ import annotations

from typing import Iterable

from .briefs import build_brief
from .config import Options
from .documents import Nlp, prepare
from .errors import InputError
from .model import Brief, Document, RawDocument, Rejection
from .sources import read_inputs


class Newsweave:
    """Holds the loaded models, so repeated calls pay the start-up cost once."""

    def __init__(self, options: Options | None = None, *, nlp: Nlp | None = None):
        self.options = options or Options()
        self.nlp = nlp or Nlp()

    def read(self, inputs: Iterable[str | RawDocument]) -> tuple[list[Document], list[Rejection]]:
        """Read, extract, clean and segment inputs; unusable ones come back as rejections."""
        documents: list[Document] = []
        rejections: list[Rejection] = []
        raws = [item for item in inputs if isinstance(item, RawDocument)]
        names = [item for item in inputs if not isinstance(item, RawDocument)]
        for item in [*raws, *read_inputs(names, self.options)]:
            if isinstance(item, Rejection):
                rejections.append(item)
                continue
            try:
                documents.append(prepare(item, self.nlp, self.options))
            except InputError as error:
                rejections.append(Rejection(input=error.input, reason=error.reason, article=error.article))
        return documents, rejections

    def brief(self, inputs: Iterable[str | RawDocument]) -> Brief:
        documents, rejections = self.read(list(inputs))
        return build_brief(documents, rejections, self.options, self.nlp)


def brief(inputs: Iterable[str | RawDocument], *, words: int = 120, options: Options | None = None) -> Brief:
    """Read ``inputs`` (paths, directories, URLs, '-', or RawDocuments) and write their brief."""
    options = (options or Options()).with_(words=words)
    return Newsweave(options).brief(inputs)
