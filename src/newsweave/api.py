"""The Python API that the CLI is a thin layer over."""

from __future__ import annotations

from typing import Iterable, Iterator

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
        """Read, extract, clean and segment inputs; unusable ones come back as rejections.

        Inputs are read in order (RawDocuments as given, names through ``read_inputs``); an article
        id seen before is rejected as a duplicate rather than silently replacing the first.
        """
        documents: list[Document] = []
        rejections: list[Rejection] = []
        seen: dict[str, str] = {}
        for item in self._raw_documents(inputs):
            if isinstance(item, Rejection):
                rejections.append(item)
                continue
            if item.id in seen:
                rejections.append(Rejection(input=item.origin, article=item.id,
                                            reason=f"duplicate article id {item.id!r} (already read from {seen[item.id]})"))
                continue
            seen[item.id] = item.origin
            try:
                documents.append(prepare(item, self.nlp, self.options))
            except InputError as error:
                rejections.append(Rejection(input=error.input, reason=error.reason, article=error.article))
        return documents, rejections

    def _raw_documents(self, inputs: Iterable[str | RawDocument]) -> Iterator[RawDocument | Rejection]:
        names: list[str] = []
        for item in inputs:
            if isinstance(item, RawDocument):
                yield from read_inputs(names, self.options)
                names = []
                yield item
            else:
                names.append(item)
        yield from read_inputs(names, self.options)

    def brief(self, inputs: Iterable[str | RawDocument]) -> Brief:
        documents, rejections = self.read(list(inputs))
        return build_brief(documents, rejections, self.options, self.nlp)


def brief(inputs: Iterable[str | RawDocument], *, words: int = 120, options: Options | None = None) -> Brief:
    """Read ``inputs`` (paths, directories, URLs, '-', or RawDocuments) and write their brief."""
    options = (options or Options()).with_(words=words)
    return Newsweave(options).brief(inputs)
