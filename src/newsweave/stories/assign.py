"""One article's place in the corpus: is it a copy of an earlier article, and which story is it in?

``StoryAssigner`` joins wire-copy detection (MinHash LSH over word shingles) and online clustering.
A copy always joins its original's story: a reprint is the same story by definition, and forcing it
keeps one outlet's reprint from starting a story of its own. ``decide`` changes nothing; ``commit``
records the decision once the caller has stored it, so a crash between the two loses nothing that
a restart (which replays the store through ``commit``) would not rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from datasketch import MinHash

from ..config import StoryOptions
from ..documents.fingerprint import CopyDetector, from_bytes, signature, signature_bytes
from ..model import Article, as_date
from .clusterer import StoryClusterer
from .vectors import Features, term_counts


@dataclass(frozen=True)
class Decision:
    """Where one article goes, with what must be stored to rebuild the decision later."""

    article: str
    story: str
    new_story: bool
    score: float
    copy_of: str | None
    features: Features
    signature: bytes
    published: date | None


class StoryAssigner:
    def __init__(self, options: StoryOptions | None = None, *, copies: bool = True):
        self.options = options or StoryOptions()
        self.clusterer = StoryClusterer(self.options)
        self.copies = CopyDetector(threshold=self.options.copy_threshold) if copies else None
        self._story_of: dict[str, str] = {}
        self._merged_into: dict[str, str] = {}  # story merged away → the story that holds its articles
        # The signature made by the last decide(), so commit() need not rebuild it from bytes
        # (building a MinHash costs about a millisecond); replay after a restart has only bytes.
        self._last: tuple[str, MinHash] | None = None

    def decide(self, article: Article) -> Decision:
        counts = term_counts(article.text, article.title, name_weight=self.options.name_weight)
        features = self.clusterer.features(counts)
        published = as_date(article.published)
        sig = signature(article.text) if self.copies is not None else None
        copy_of = self._original(sig)
        self._last = (article.id, sig) if sig is not None else None
        if copy_of is not None:
            story, new, score = self.current(self._story_of[copy_of]), False, 1.0
        else:
            assignment = self.clusterer.assign(features, published)
            story, new, score = assignment.story, assignment.new, assignment.score
        return Decision(article=article.id, story=story, new_story=new, score=score, copy_of=copy_of,
                        features=features, signature=signature_bytes(sig) if sig is not None else b"",
                        published=published)

    def commit(self, decision: Decision) -> None:
        self.clusterer.add(decision.story, decision.features, decision.published)
        self._story_of[decision.article] = decision.story
        if self.copies is not None and decision.signature:
            fresh = self._last is not None and self._last[0] == decision.article
            self.copies.add(decision.article, self._last[1] if fresh else from_bytes(decision.signature))
        self._last = None

    def current(self, story: str) -> str:
        """``story``, or the story it was merged into."""
        while story in self._merged_into:
            story = self._merged_into[story]
        return story

    def merged(self, keep: str, gone: str) -> None:
        """Record that the store merged ``gone`` into ``keep``: copies of its articles and articles
        like them now go to ``keep``."""
        self._merged_into[gone] = keep
        self.clusterer.merge(keep, gone)

    def _original(self, sig: MinHash | None) -> str | None:
        if sig is None or self.copies is None:
            return None
        for key in self.copies.query(sig):
            if key in self._story_of:
                return key
        return None

