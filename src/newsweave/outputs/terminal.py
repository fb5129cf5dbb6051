"""Brief → terminal text: wrapped paragraphs, numbered citations like ``[2]``, and a sources list
at the end that maps each number to its outlet, article and character span, with the cited text
exactly as it stands in the article (never re-wrapped, so it can be checked against the source)."""

from __future__ import annotations

import textwrap

from ..model import Brief, SourceRef
from . import sections
from .citations import Citations

WIDTH = 88
INDENT = "  "


def to_text(brief: Brief, *, width: int = WIDTH) -> str:
    cite = Citations(brief)
    out: list[str] = [*_wrap(_headline(brief), width, indent=""), ""]
    out += _summary(brief, cite, width)
    for block in (_agreement, _single_source, _contradictions, _quotes, _entities, _timeline, _angles):
        lines = block(brief, cite, width)
        if lines:
            out += ["", *lines]
    out += ["", *_sources(cite), "", *_articles(brief)]
    return "\n".join(out).rstrip() + "\n"


def _headline(brief: Brief) -> str:
    used = [a for a in brief.articles if not a.rejected]
    title = f"{brief.story}: " if brief.story else ""
    return (f"{title}brief of {len(used)} article(s) from {len(sections.outlets(brief))} outlet(s), "
            f"summary {sections.summary_words(brief)} words")


def _wrap(text: str, width: int, indent: str = INDENT, hang: str | None = None) -> list[str]:
    # Break only at spaces: a break after "high-" would read as "high- level" once the lines are
    # joined again (by a reader's copy and paste, or a test), and URLs must stay whole.
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent if hang is None else hang,
                         break_on_hyphens=False, break_long_words=False) or [indent.rstrip()]


def _marks(cite: Citations, refs) -> str:
    return "".join(f"[{cite.number(ref)}]" for ref in refs)


def _summary(brief: Brief, cite: Citations, width: int) -> list[str]:
    lines = ["SUMMARY"]
    if not brief.summary:
        return lines + [INDENT + "(no summary: no usable sentences were read)"]
    for sentence in brief.summary:
        text = f"{sentence.text} [{cite.number(sentence.source)}]"
        if sentence.also_reported_by:
            also = ", ".join(f"{ref.outlet} [{cite.number(ref)}]" for ref in sentence.also_reported_by)
            text += f" (also reported by {also})"
        lines += _wrap(text, width)
    return lines


def _agreement(brief: Brief, cite: Citations, width: int) -> list[str]:
    agreed = sections.agreed_claims(brief)
    if not agreed:
        return []
    lines = ["WHAT MOST OUTLETS AGREE ON"]
    for rank, claim in enumerate(agreed, 1):
        lines += _wrap(f"{rank}. {claim.text} {_marks(cite, claim.refs)}", width, hang=INDENT + "   ")
        lines += _wrap(f"reported by {', '.join(claim.outlets)} ({claim.independent_outlets} independent)",
                       width, indent=INDENT + "   ")
    return lines


def _single_source(brief: Brief, cite: Citations, width: int) -> list[str]:
    lines = []
    for outlet, facts in sections.single_source_by_outlet(brief).items():
        lines += [*([""] if lines else []), f"ONLY IN {outlet}"]
        for fact in facts:
            lines += _wrap(f"- {fact.text} [{cite.number(fact.source)}]", width, hang=INDENT + "  ")
    return lines


def _contradictions(brief: Brief, cite: Citations, width: int) -> list[str]:
    if not brief.contradictions:
        return []
    column = (width - len(INDENT) - 3) // 2
    lines = ["CONTRADICTIONS"]
    for number, item in enumerate(brief.contradictions):
        lines += [*([""] if number else []), *_wrap(f"{item.kind}: {item.reason}", width)]
        # Each side wrapped to its half of the width (long words split too), so nothing is cut off.
        left, right = ([*_cell(f"{side.source.outlet} [{cite.number(side.source)}]: {side.value}", column),
                        *_cell(side.text, column)] for side in (item.left, item.right))
        for i in range(max(len(left), len(right))):
            cell_left = left[i] if i < len(left) else ""
            cell_right = right[i] if i < len(right) else ""
            lines.append(f"{INDENT}{cell_left:<{column}} | {cell_right}".rstrip())
    return lines


def _cell(text: str, column: int) -> list[str]:
    return textwrap.wrap(text, column, break_on_hyphens=False) or [""]


def _quotes(brief: Brief, cite: Citations, width: int) -> list[str]:
    grouped = sections.quotes_by_speaker(brief)
    if not grouped:
        return []
    lines = ["QUOTES BY SPEAKER"]
    for speaker, quotes in grouped.items():
        lines.append(INDENT + speaker)
        for quote in quotes:
            where = ", ".join(f"{m.outlet} [{cite.number(m.ref)}]" for m in quote.mentions)
            lines += _wrap(f"\u201c{quote.text}\u201d \u2014 {where}", width, indent=INDENT * 2,
                           hang=INDENT * 2 + " ")
    return lines


def _entities(brief: Brief, cite: Citations, width: int) -> list[str]:
    if not brief.entities:
        return []
    lines = ["ENTITIES"]
    for entity in brief.entities:
        roles = f" \u2014 {'; '.join(entity.roles)}" if entity.roles else ""
        counts = ", ".join(f"{m.outlet} {m.mentions}" for m in entity.mentions)
        aliases = f"; also {', '.join(entity.aliases)}" if entity.aliases else ""
        lines += _wrap(f"{entity.name} ({entity.kind}){roles}; mentions: {counts}{aliases} "
                       f"{_marks(cite, entity.refs[:3])}", width, hang=INDENT * 2)
    return lines


def _timeline(brief: Brief, cite: Citations, width: int) -> list[str]:
    events = sections.ordered_timeline(brief)
    if not events:
        return []
    lines = ["TIMELINE"]
    for event in events:
        when = event.date if event.resolved and event.date else f"undated ({event.expression!r})"
        lines += _wrap(f"{when}: {event.text} {_marks(cite, event.refs)}", width, hang=INDENT * 3)
    return lines


def _angles(brief: Brief, cite: Citations, width: int) -> list[str]:
    if not brief.outlets:
        return []
    lines = ["EACH OUTLET'S ANGLE"]
    for angle in brief.outlets:
        lines.append(f"{INDENT}{angle.outlet} ({', '.join(angle.articles)})")
        for label, items in (("claims", [sections.claim_text(brief, c) for c in angle.claims]),
                             ("quotes", angle.quotes), ("entities", angle.entities)):
            if items:
                lines += _wrap(f"{label}: {'; '.join(items)}", width, indent=INDENT * 2, hang=INDENT * 3)
    return lines


def _sources(cite: Citations) -> list[str]:
    lines = ["SOURCES"]
    for number, ref in cite.refs():
        lines.append(f"{INDENT}[{number}] {_where(ref)}")
        text = cite.cited_text(ref)
        if text is not None:
            lines.append(f"{INDENT * 3}\u201c{text}\u201d")
    return lines


def _where(ref: SourceRef) -> str:
    return f"{ref.outlet}, {ref.article}, characters {ref.start}-{ref.end}"


def _articles(brief: Brief) -> list[str]:
    lines = ["ARTICLES"]
    for article in brief.articles:
        if article.rejected:
            continue
        details = [article.title, sections.article_details(article), article.url]
        lines.append(f"{INDENT}{article.id}: {', '.join(d for d in details if d)}")
    rejected = sections.rejected_articles(brief)
    if rejected:
        lines += ["", "REJECTED INPUTS"] + [f"{INDENT}{a.id}: {a.rejected}" for a in rejected]
    return lines
