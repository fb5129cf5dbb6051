"""A brief arranged for the story page: numbered citations with their context, the claims × outlets
matrix, and the two charts. Section contents and order come from ``outputs.sections`` so the page
says what the other renderers say; only the arrangement is the web page's own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..model import Brief, SourceRef, StoredArticle
from ..outputs.citations import Citations, Context
from ..outputs import sections
from .charts import Chart, coverage_chart, timeline_chart


@dataclass(frozen=True)
class Cited:
    """One numbered citation: where it points and the cited sentence in its paragraph."""

    number: int
    ref: SourceRef
    context: Context | None
    title: str | None


@dataclass(frozen=True)
class MatrixRow:
    claim: str
    independent: int
    cells: tuple[int | None, ...]  # per outlet: the citation number of its supporting sentence, or None


@dataclass(frozen=True)
class StoryView:
    brief: Brief
    citations: "_Numbering"
    outlets: tuple[str, ...]
    matrix: tuple[MatrixRow, ...]
    single_source: dict
    quotes: dict
    timeline: list
    timeline_chart: Chart | None
    coverage_chart: Chart | None
    coverage: list


class _Numbering:
    """``Citations`` numbering, callable from templates: ``cite(ref)`` → its number."""

    def __init__(self, brief: Brief, titles: dict[str, str | None]):
        self._citations = Citations(brief)
        self._titles = titles

    def __call__(self, ref: SourceRef) -> int:
        return self._citations.number(ref)

    def all(self) -> list[Cited]:
        return [Cited(number=n, ref=ref, context=self._citations.context(ref), title=self._titles.get(ref.article))
                for n, ref in self._citations.refs()]


def story_view(brief: Brief, members: list[StoredArticle]) -> StoryView:
    titles = {m.article.id: m.article.title for m in members}
    cite = _Numbering(brief, titles)
    for sentence in brief.summary:  # summary citations are numbered first, in reading order
        for ref in (sentence.source, *sentence.also_reported_by):
            cite(ref)
    outlets = tuple(sections.outlets(brief))
    matrix = tuple(MatrixRow(claim=c.text, independent=c.independent_outlets,
                             cells=tuple(_first(cite, c.refs, outlet) for outlet in outlets))
                   for c in sections.agreed_claims(brief))
    dated = [(m.article.outlet, m.article.published, m.article.title or m.article.id) for m in members]
    timeline = sections.ordered_timeline(brief)
    return StoryView(brief=brief, citations=cite, outlets=outlets, matrix=matrix,
                     single_source=sections.single_source_by_outlet(brief), quotes=sections.quotes_by_speaker(brief),
                     timeline=timeline, timeline_chart=timeline_chart(timeline), coverage_chart=coverage_chart(dated),
                     coverage=sections.coverage(brief))


def _first(cite: _Numbering, refs: tuple[SourceRef, ...], outlet: str) -> int | None:
    ref = next((r for r in refs if r.outlet == outlet), None)
    return cite(ref) if ref is not None else None


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else (``javascript:``…) is shown as text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def day(value: datetime | None) -> str:
    return value.date().isoformat() if value else "undated"
