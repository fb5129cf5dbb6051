"""Brief → Markdown: the same content as the terminal text, with footnote citations ``[^2]``.

Article-derived text is escaped so that an asterisk, bracket or ``<tag>`` in an article renders as
itself instead of as markup; the footnotes at the end quote each cited span exactly (escaped the
same way, so unescaping gives back ``text[start:end]``).
"""

from __future__ import annotations

import re

from ..model import Brief
from . import sections
from .citations import Citations

# Characters that CommonMark may read as markup inside a list item or table cell (emphasis, code,
# links, HTML, entities, table pipes, strikethrough). Others (. - + !) only matter at the start of a
# line or list item, handled by _LIST_MARKER; escaping them everywhere would make the source unreadable.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")


# At the start of a list item, "1. " or "- " would open a nested list.
_LIST_MARKER = re.compile(r"^(\d*)([-+.)])")


def escape(text: str) -> str:
    """Backslash-escape Markdown punctuation and fold line breaks, so text renders as written."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split("\n")))
    return _LIST_MARKER.sub(r"\1\\\2", escaped, count=1)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def to_markdown(brief: Brief) -> str:
    cite = Citations(brief)
    title = escape(brief.story) if brief.story else "Brief"
    out = [f"# {title}", "",
           f"{len(sections.outlets(brief))} outlet(s), summary {sections.summary_words(brief)} words.", ""]
    out += _summary(brief, cite)
    for block in (_agreement, _single_source, _contradictions, _quotes, _entities, _timeline, _angles):
        lines = block(brief, cite)
        if lines:
            out += ["", *lines]
    out += ["", *_articles(brief), "", *_footnotes(cite)]
    return "\n".join(out).rstrip() + "\n"


def _marks(cite: Citations, refs) -> str:
    return "".join(f"[^{cite.number(ref)}]" for ref in refs)


def _summary(brief: Brief, cite: Citations) -> list[str]:
    lines = ["## Summary", ""]
    if not brief.summary:
        return lines + ["*No summary: no usable sentences were read.*"]
    for sentence in brief.summary:
        also = ""
        if sentence.also_reported_by:
            also = " (also reported by " + ", ".join(
                f"{escape(ref.outlet)}[^{cite.number(ref)}]" for ref in sentence.also_reported_by) + ")"
        lines.append(f"- {escape(sentence.text)}[^{cite.number(sentence.source)}]{also}")
    return lines


def _agreement(brief: Brief, cite: Citations) -> list[str]:
    agreed = sections.agreed_claims(brief)
    if not agreed:
        return []
    lines = ["## What most outlets agree on", ""]
    for rank, claim in enumerate(agreed, 1):
        outlets = ", ".join(escape(o) for o in claim.outlets)
        lines.append(f"{rank}. {escape(claim.text)}{_marks(cite, claim.refs)} \u2014 {outlets} "
                     f"({claim.independent_outlets} independent)")
    return lines


def _single_source(brief: Brief, cite: Citations) -> list[str]:
    lines = []
    for outlet, facts in sections.single_source_by_outlet(brief).items():
        lines += [*([""] if lines else []), f"## Only in {escape(outlet)}", ""]
        lines += [f"- {escape(fact.text)}[^{cite.number(fact.source)}]" for fact in facts]
    return lines


def _contradictions(brief: Brief, cite: Citations) -> list[str]:
    if not brief.contradictions:
        return []
    lines = ["## Contradictions", "", "| kind | one side | other side |", "| --- | --- | --- |"]
    for item in brief.contradictions:
        left, right = (f"**{escape(side.value)}** \u2014 {escape(side.text)} "
                       f"({escape(side.source.outlet)}[^{cite.number(side.source)}])"
                       for side in (item.left, item.right))
        lines.append(f"| {item.kind}: {escape(item.reason)} | {left} | {right} |")
    return lines


def _quotes(brief: Brief, cite: Citations) -> list[str]:
    grouped = sections.quotes_by_speaker(brief)
    if not grouped:
        return []
    lines = ["## Quotes by speaker"]
    for speaker, quotes in grouped.items():
        lines += ["", f"### {escape(speaker)}", ""]
        for quote in quotes:
            where = ", ".join(f"{escape(m.outlet)}[^{cite.number(m.ref)}]" for m in quote.mentions)
            lines.append(f"- \u201c{escape(quote.text)}\u201d \u2014 {where}")
    return lines


def _entities(brief: Brief, cite: Citations) -> list[str]:
    if not brief.entities:
        return []
    lines = ["## Entities", "", "| name | kind | roles | mentions |", "| --- | --- | --- | --- |"]
    for entity in brief.entities:
        counts = ", ".join(f"{escape(m.outlet)} {m.mentions}" for m in entity.mentions)
        lines.append(f"| {escape(entity.name)}{_marks(cite, entity.refs[:3])} | {entity.kind} | "
                     f"{'; '.join(escape(r) for r in entity.roles)} | {counts} |")
    return lines


def _timeline(brief: Brief, cite: Citations) -> list[str]:
    events = sections.ordered_timeline(brief)
    if not events:
        return []
    lines = ["## Timeline", ""]
    for event in events:
        when = f"**{event.date}**" if event.resolved and event.date else \
            f"*undated* ({escape(event.expression)})"
        lines.append(f"- {when}: {escape(event.text)}{_marks(cite, event.refs)}")
    return lines


def _angles(brief: Brief, cite: Citations) -> list[str]:
    if not brief.outlets:
        return []
    lines = ["## Each outlet's angle"]
    for angle in brief.outlets:
        lines += ["", f"### {escape(angle.outlet)}", ""]
        for label, items in (("Claims", [sections.claim_text(brief, c) for c in angle.claims]),
                             ("Quotes", angle.quotes), ("Entities", angle.entities)):
            if items:
                lines.append(f"- {label}: {'; '.join(escape(i) for i in items)}")
    return lines


def _articles(brief: Brief) -> list[str]:
    lines = ["## Articles", ""]
    for article in brief.articles:
        if article.rejected:
            continue
        title = escape(article.title or "link")
        web = article.url and article.url.lower().startswith(("http://", "https://"))  # no javascript: links
        name = f"[{title}](<{article.url}>)" if web and ">" not in article.url else escape(article.title or "")
        lines.append(f"- `{article.id}`: {', '.join(d for d in (name, escape(sections.article_details(article))) if d)}")
    rejected = sections.rejected_articles(brief)
    if rejected:
        lines += ["", "## Rejected inputs", ""]
        lines += [f"- `{a.id}`: {escape(a.rejected)}" for a in rejected]
    return lines


def _footnotes(cite: Citations) -> list[str]:
    lines = []
    for number, ref in cite.refs():
        text = cite.cited_text(ref)
        quoted = f": \u201c{escape(text)}\u201d" if text is not None else ""
        lines.append(f"[^{number}]: {escape(ref.outlet)}, `{ref.article}`, characters "
                     f"{ref.start}\u2013{ref.end}{quoted}")
    return lines
