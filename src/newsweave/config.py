"""All of newsweave's knobs in one frozen, validated object, built once at the boundary."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Mapping

from .errors import OptionsError

MiB = 1024 * 1024


@dataclass(frozen=True)
class FetchOptions:
    """How URLs are fetched. Private and loopback addresses are refused unless ``allow_private``."""

    timeout: float = 15.0
    max_bytes: int = 10 * MiB
    max_redirects: int = 5
    allow_private: bool = False
    follow_feed_links: bool = False
    user_agent: str = "newsweave/0.1 (+https://example.invalid/newsweave)"

    def __post_init__(self) -> None:
        _positive("fetch.timeout", self.timeout)
        _positive("fetch.max_bytes", self.max_bytes)
        if not 0 <= self.max_redirects <= 20:
            raise OptionsError(f"fetch.max_redirects must be between 0 and 20, got {self.max_redirects}")


@dataclass(frozen=True)
class StoryOptions:
    """How arriving articles are grouped into stories (see ``stories.clusterer``).

    An article joins the best story whose score (cosine with the story's centroid, minus
    ``time_weight * min(1, days_apart / time_scale_days) * (1 - names_shared)``) reaches ``threshold``;
    otherwise it starts a new story. ``name_weight`` is how much a name (a capitalised sequence, a
    feature of its own) counts next to a word: names separate two events of one kind (ECB+), but a
    topic that runs for years (a DUC docset) keeps naming new people. The defaults are for
    event-level stories; topic-level streams want ``threshold=0.16, time_weight=0, name_weight=0.5,
    merge_threshold=0.08, absorb_size=10`` (tuned on DUC 2006, docs/evaluation-clusters.md). ``copy_threshold`` is
    the shingle Jaccard at which an article counts as a copy of an earlier one. The clustering
    values were calibrated together on the ECB+ dev and Multi-News streams
    (docs/evaluation-clusters.md says how to re-calibrate). ``merge_threshold`` turns on the
    second pass after each ingest run (``stories.second_pass``): the stories the run touched and
    their neighbours are merged while their articles' mean cosine is at least this. Off by default:
    see docs/evaluation-clusters.md for what it does on which stream. ``absorb_size`` (with the second
    pass; 0, off, by default) then lets a story of at most that many articles join the story whose
    centroid is nearest (``stories.merge``): right for topics, wrong for events, and only over a
    whole collection: after each ingest run of a few hundred articles it joins fragments to the wrong
    topic, so archives are ingested without it and absorbed once by ``newsweave stories --merge
    COSINE --absorb N`` (docs/evaluation-clusters.md).
    """

    threshold: float = 0.2
    time_weight: float = 0.1
    time_scale_days: float = 30.0
    name_weight: float = 1.5
    copy_threshold: float = 0.8
    max_active_stories: int = 50_000
    merge_threshold: float | None = None
    absorb_size: int = 0

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise OptionsError(f"stories.threshold must be between 0 and 1, got {self.threshold!r}")
        if self.time_weight < 0:
            raise OptionsError(f"stories.time_weight must be 0 or more, got {self.time_weight!r}")
        _positive("stories.time_scale_days", self.time_scale_days)
        if not 0.0 <= self.name_weight <= 10.0:
            raise OptionsError(f"stories.name_weight must be from 0 (names ignored) to 10, got {self.name_weight!r}")
        if not 0.0 < self.copy_threshold < 1.0:
            raise OptionsError(f"stories.copy_threshold must be between 0 and 1, got {self.copy_threshold!r}")
        if self.merge_threshold is not None and not 0.0 < self.merge_threshold <= 1.0:
            raise OptionsError(f"stories.merge_threshold must be in (0, 1] or None (off), got {self.merge_threshold!r}")
        if not isinstance(self.absorb_size, int) or self.absorb_size < 0:
            raise OptionsError(f"stories.absorb_size must be a whole number of articles, 0 (off) or more, "
                               f"got {self.absorb_size!r}")
        if not isinstance(self.max_active_stories, int) or self.max_active_stories < 1:
            raise OptionsError(f"stories.max_active_stories must be a whole number, 1 or more, "
                               f"got {self.max_active_stories!r}")


@dataclass(frozen=True)
class WebOptions:
    """How ``newsweave serve`` behaves. ``max_body_bytes`` caps one request body (413 above it);
    ``page_size`` is the default stories per page; ``brief_cache`` how many story briefs are kept
    (a brief costs about a second of spaCy work, so re-reading a story page should not recompute it);
    ``reader_threads`` how many read-only store connections serve requests next to the one writer."""

    max_body_bytes: int = 10 * MiB
    page_size: int = 20
    brief_cache: int = 32
    reader_threads: int = 4

    def __post_init__(self) -> None:
        _positive("web.max_body_bytes", self.max_body_bytes)
        if not isinstance(self.page_size, int) or not 1 <= self.page_size <= 500:
            raise OptionsError(f"web.page_size must be a whole number from 1 to 500, got {self.page_size!r}")
        if not isinstance(self.brief_cache, int) or self.brief_cache < 0:
            raise OptionsError(f"web.brief_cache must be a whole number, 0 or more, got {self.brief_cache!r}")
        if not isinstance(self.reader_threads, int) or not 1 <= self.reader_threads <= 64:
            raise OptionsError(f"web.reader_threads must be a whole number from 1 to 64, got {self.reader_threads!r}")


@dataclass(frozen=True)
class Options:
    """Options for reading articles and writing briefs.

    ``words`` is the summary's word budget. ``outlet_map`` maps a file name stem (or article id) to an
    outlet name, for inputs that carry none. ``reference_date`` resolves relative dates in articles
    with no publication date. ``max_input_bytes`` caps one input file or record; larger ones are
    rejected, not truncated, so nothing is silently lost. ``embeddings`` lets claims compare
    sentences by meaning as well as wording when the ``embeddings`` extra is installed (without it,
    wording alone, with a logged note).
    """

    words: int = 120
    outlet_map: Mapping[str, str] = field(default_factory=dict)
    reference_date: date | None = None
    max_input_bytes: int = 20 * MiB
    min_article_words: int = 25
    language: str = "en"
    embeddings: bool = True
    fetch: FetchOptions = field(default_factory=FetchOptions)
    stories: StoryOptions = field(default_factory=StoryOptions)
    web: WebOptions = field(default_factory=WebOptions)

    def __post_init__(self) -> None:
        if not isinstance(self.words, int) or not 10 <= self.words <= 5000:
            raise OptionsError(f"words must be a whole number from 10 to 5000, got {self.words!r}")
        _positive("max_input_bytes", self.max_input_bytes)
        if self.min_article_words < 0:
            raise OptionsError(f"min_article_words must be 0 or more, got {self.min_article_words}")
        if self.language != "en":
            raise OptionsError(f"language must be 'en' (the only model shipped), got {self.language!r}")
        if not isinstance(self.embeddings, bool):
            raise OptionsError(f"embeddings must be True or False, got {self.embeddings!r}")
        if self.reference_date is not None and not isinstance(self.reference_date, date):
            raise OptionsError("reference_date must be a datetime.date, e.g. date(2023, 6, 18)")
        object.__setattr__(self, "outlet_map", MappingProxyType(dict(self.outlet_map)))

    def with_(self, **changes) -> "Options":
        """A copy with some options changed, validated again."""
        return replace(self, **changes)


def _positive(name: str, value: float) -> None:
    if not value > 0:
        raise OptionsError(f"{name} must be greater than 0, got {value!r}")
