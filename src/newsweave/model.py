"""The shared vocabulary: every value that crosses a module boundary is one of these.

Data flows one way: sources produce ``RawDocument``s, documents turn them into ``Article``s and
``Document``s (an article with its sentences), stories group documents, briefs turn a group into a
``Brief``. Anything that comes from a source carries a ``SourceRef``: an article id and a character
span into that article's ``text`` exactly as read, so ``article.text[ref.start:ref.end]`` is always
the cited characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

RawKind = Literal["text", "html", "sgml"]


@dataclass(frozen=True)
class SourceRef:
    """A character span of one article's text, as read."""

    article: str
    outlet: str
    start: int
    end: int


@dataclass(frozen=True)
class Rejection:
    """An input, or an article from it, that could not be used, and why."""

    input: str
    reason: str
    article: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """One article as a source delivered it, before extraction.

    ``content`` is text, HTML or one newswire SGML ``<DOC>`` according to ``kind``. Metadata fields
    are whatever the source carried; ``None`` where it carried nothing.
    """

    id: str
    origin: str
    kind: RawKind
    content: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    author: str | None = None


@dataclass(frozen=True)
class Article:
    """An article's readable text and metadata. ``text`` is the text as read: offsets point into it."""

    id: str
    text: str
    outlet: str
    origin: str = ""
    title: str | None = None
    url: str | None = None
    published: datetime | None = None
    author: str | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text that cleaning set aside, with the reason."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article. ``text == article.text[start:end]``; ``normalized`` has
    whitespace folded and typographic quotes made straight, for comparison only."""

    article: str
    outlet: str
    index: int
    start: int
    end: int
    text: str
    normalized: str
    paragraph: int = 0

    @property
    def ref(self) -> SourceRef:
        return SourceRef(self.article, self.outlet, self.start, self.end)


@dataclass(frozen=True)
class Document:
    """An article after cleaning and segmentation: what every later stage works on."""

    article: Article
    sentences: tuple[Sentence, ...]
    removed: tuple[Span, ...] = ()


@dataclass(frozen=True)
class SummarySentence:
    text: str
    source: SourceRef
    also_reported_by: tuple[SourceRef, ...] = ()


@dataclass(frozen=True)
class Claim:
    """One fact as reported by one or more articles: every supporting sentence is in ``refs``."""

    id: str
    text: str
    refs: tuple[SourceRef, ...]
    outlets: tuple[str, ...]
    independent_outlets: int


@dataclass(frozen=True)
class SingleSourceFact:
    outlet: str
    claim: str
    text: str
    source: SourceRef


ContradictionKind = Literal["number", "date", "attribution", "negation"]


@dataclass(frozen=True)
class ContradictionSide:
    text: str
    source: SourceRef
    value: str


@dataclass(frozen=True)
class Contradiction:
    kind: ContradictionKind
    reason: str
    left: ContradictionSide
    right: ContradictionSide


@dataclass(frozen=True)
class QuoteMention:
    """One direct quotation in one article. ``start``/``end`` span the quoted words."""

    article: str
    outlet: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_mention: str | None

    @property
    def ref(self) -> SourceRef:
        return SourceRef(self.article, self.outlet, self.start, self.end)


@dataclass(frozen=True)
class Quote:
    """A quotation merged across the articles that carry it (exactly or nearly)."""

    text: str
    speaker: str | None
    mentions: tuple[QuoteMention, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.outlet for m in self.mentions))


EntityKind = Literal["person", "organization", "place"]


@dataclass(frozen=True)
class OutletCount:
    outlet: str
    mentions: int


@dataclass(frozen=True)
class Entity:
    name: str
    kind: EntityKind
    roles: tuple[str, ...]
    aliases: tuple[str, ...]
    mentions: tuple[OutletCount, ...]
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True)
class TimelineEvent:
    """A dated event. ``date`` is ISO 8601: a day (2023-06-18), a month (2023-05) or a year;
    ``None`` with ``resolved=False`` when the expression could not be placed."""

    date: str | None
    expression: str
    text: str
    resolved: bool
    refs: tuple[SourceRef, ...]


@dataclass(frozen=True)
class OutletAngle:
    """What one outlet alone brings to the story."""

    outlet: str
    articles: tuple[str, ...]
    claims: tuple[str, ...]
    quotes: tuple[str, ...]
    entities: tuple[str, ...]


@dataclass(frozen=True)
class ArticleInfo:
    """An article as listed in a brief: its metadata and, if it was not used, the reason."""

    id: str
    outlet: str
    title: str | None
    url: str | None
    published: datetime | None
    author: str | None
    rejected: str | None = None
    copy_of: str | None = None


@dataclass(frozen=True)
class Brief:
    articles: tuple[ArticleInfo, ...]
    summary: tuple[SummarySentence, ...]
    claims: tuple[Claim, ...] = ()
    single_source: tuple[SingleSourceFact, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    outlets: tuple[OutletAngle, ...] = ()
    story: str | None = None
    texts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Article id → text as read, so renderers can show a citation in context. Not serialised
    into the JSON brief's article list; the HTML report embeds the cited context from it."""
    removed: dict[str, tuple[Span, ...]] = field(default_factory=dict, compare=False, repr=False)
    """Article id → the spans of ``texts`` that cleaning set aside (promotion, boilerplate), so a
    renderer showing a citation in its context leaves them out. Not serialised, like ``texts``."""


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    first_published: datetime | None
    last_published: datetime | None


def as_date(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class Quantity:
    """A number a sentence states, with what it counts. ``start``/``end`` span it in the sentence's
    ``text``; ``unit`` is the stemmed counted noun ("year", "peopl", "percent", "dollar") or "" when
    none was found; ``approximate`` when a qualifier ("about", "nearly", "more than") hedges it."""

    value: float
    unit: str
    approximate: bool
    start: int
    end: int
    text: str
    bound: str = ""
    """What the qualifier says of the true value: "about" (near it), "min" (at least it: "more than"),
    "max" (at most it: "up to", "less than"), or "" when unqualified."""


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store keeps it: the article, the hash of its normalised text, its story,
    the earlier article it copies (wire copies), its version (1, then 2… after updates) and when it
    was ingested."""

    article: Article
    content_hash: str
    story: str | None = None
    copy_of: str | None = None
    version: int = 1
    ingested: datetime | None = None


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did: articles read, newly stored, already stored (same URL or same text),
    updated (same URL, new text: stored as a new version) and rejected (recorded with the reason);
    ``merged``: stories merged into others by the second pass (``StoryOptions.merge_threshold``)."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    updated: int = 0
    rejected: int = 0
    merged: int = 0


@dataclass(frozen=True)
class BatchSummary:
    """What one ``newsweave batch`` run did: shards read, articles kept, wire copies, stories,
    briefs written, rejections recorded, and the output files (paths) it wrote."""

    shards: int = 0
    articles: int = 0
    copies: int = 0
    stories: int = 0
    briefs: int = 0
    rejected: int = 0
    outputs: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True)
class FollowedFeed:
    """A feed the web server keeps reading, as the store keeps it so that following survives a
    restart: its URL, how often to read it (seconds), whether to fetch each entry's page, and when
    it was first followed (following it again updates the rest but keeps this)."""

    url: str
    every_seconds: float
    follow_links: bool = False
    added: datetime | None = None
