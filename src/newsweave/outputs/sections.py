"""The analysis sections of a brief, grouped and ordered the way every renderer shows them.

Renderers differ only in markup; what goes in which section, and in what order, is decided here
once so the text, Markdown and HTML versions of a brief always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ArticleInfo, Brief, Claim, Quote, SingleSourceFact, TimelineEvent

UNATTRIBUTED = "Unattributed"


@dataclass(frozen=True)
class Coverage:
    """How much of the brief one outlet accounts for."""

    outlet: str
    articles: tuple[str, ...]
    summary_citations: int
    claims: int
    single_source: int
    quotes: int


def summary_words(brief: Brief) -> int:
    return sum(len(sentence.text.split()) for sentence in brief.summary)


def rejected_articles(brief: Brief) -> list[ArticleInfo]:
    return [article for article in brief.articles if article.rejected]


def article_details(article: ArticleInfo) -> str:
    """Outlet, publication date, author and wire-copy note of an article, as one line of text."""
    details = [article.outlet, article.published and article.published.date().isoformat(),
               article.author and f"by {article.author}", article.copy_of and f"copy of {article.copy_of}"]
    return ", ".join(d for d in details if d)


def outlets(brief: Brief) -> list[str]:
    """Outlets of the articles used, in the order the articles were read."""
    return list(dict.fromkeys(a.outlet for a in brief.articles if not a.rejected))


def ranked_claims(brief: Brief) -> list[Claim]:
    """Claims most outlets agree on first: independent outlets, then outlets, then reading order."""
    return sorted(brief.claims, key=lambda c: (-c.independent_outlets, -len(c.outlets)))


def agreed_claims(brief: Brief) -> list[Claim]:
    """Claims reported by more than one outlet, ranked; the rest are the single-source facts."""
    return [claim for claim in ranked_claims(brief) if len(claim.outlets) > 1]


def single_source_by_outlet(brief: Brief) -> dict[str, list[SingleSourceFact]]:
    grouped: dict[str, list[SingleSourceFact]] = {}
    for fact in brief.single_source:
        grouped.setdefault(fact.outlet, []).append(fact)
    return grouped


def quotes_by_speaker(brief: Brief) -> dict[str, list[Quote]]:
    """Speakers in order of how many quotes they have; unattributed quotes last."""
    grouped: dict[str, list[Quote]] = {}
    for quote in brief.quotes:
        grouped.setdefault(quote.speaker or UNATTRIBUTED, []).append(quote)
    return dict(sorted(grouped.items(), key=lambda item: (item[0] == UNATTRIBUTED, -len(item[1]))))


def ordered_timeline(brief: Brief) -> list[TimelineEvent]:
    """Dated events in date order (ISO strings sort chronologically: '2023-05' before '2023-05-02'),
    then the expressions that could not be placed, in reading order."""
    dated = sorted((e for e in brief.timeline if e.resolved and e.date), key=lambda e: e.date)
    return dated + [e for e in brief.timeline if not (e.resolved and e.date)]


def claim_text(brief: Brief, claim_id: str) -> str:
    """An outlet angle names claims by id; show the claim's text when the brief has it."""
    return next((c.text for c in brief.claims if c.id == claim_id), claim_id)


def coverage(brief: Brief) -> list[Coverage]:
    rows = []
    for outlet in outlets(brief):
        refs = [s.source for s in brief.summary] + [r for s in brief.summary for r in s.also_reported_by]
        rows.append(Coverage(
            outlet=outlet,
            articles=tuple(a.id for a in brief.articles if a.outlet == outlet and not a.rejected),
            summary_citations=sum(r.outlet == outlet for r in refs),
            claims=sum(outlet in c.outlets for c in brief.claims),
            single_source=sum(f.outlet == outlet for f in brief.single_source),
            quotes=sum(outlet in q.outlets for q in brief.quotes),
        ))
    return rows
