"""The Python API that the CLI is a thin layer over."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Iterable, Iterator

from .briefs import build_brief
from .config import Options
from .documents import Nlp, prepare
from .errors import InputError
from .model import Article, Brief, Document, IngestSummary, RawDocument, Rejection
from .sources import read_inputs

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .store import Store


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
            except Exception as error:  # noqa: BLE001 - an extractor crash on one odd page must not stop the batch
                log.exception("preparing %s from %s failed", item.id, item.origin)
                rejections.append(Rejection(input=item.origin, article=item.id,
                                            reason=f"could not be processed: {type(error).__name__}: {str(error)[:200]}"))
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

    def ingest(self, inputs: Iterable[str | RawDocument], *, store: "Store", progress: bool = False) -> IngestSummary:
        """Read inputs into ``store``: each new article stored once, given its wire-copy original and
        its story; duplicates skipped, updates kept as new versions, rejections recorded."""
        from .stories import Ingestor

        return Ingestor(store, self.options).ingest(self._raw_documents(inputs), progress=progress)

    def brief_story(self, story_id: str, *, store: "Store") -> Brief:
        """The brief of a stored story, from its articles' stored text."""
        from .errors import StoreError

        stored = store.story_articles(story_id)
        if not stored:
            raise StoreError(f"no story {story_id!r} in {store.url}; list them with: newsweave stories")
        documents, rejections = self.read([_as_raw(item.article) for item in stored])
        return build_brief(documents, rejections, self.options, self.nlp, story=story_id)


def _as_raw(article: Article) -> RawDocument:
    # Stored text is already extracted; going back through prepare() cleans and segments it exactly
    # as a brief of the original files would.
    return RawDocument(id=article.id, origin=article.origin, kind="text", content=article.text, title=article.title,
                       url=article.url, outlet=article.outlet, published=article.published, author=article.author)


def brief(inputs: Iterable[str | RawDocument], *, words: int = 120, options: Options | None = None) -> Brief:
    """Read ``inputs`` (paths, directories, URLs, '-', or RawDocuments) and write their brief."""
    options = (options or Options()).with_(words=words)
    return Newsweave(options).brief(inputs)
