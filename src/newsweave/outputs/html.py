"""Brief → one self-contained HTML file: inline CSS, no scripts, fonts, images or external styles.

Every piece of article-derived text goes through ``html.escape``. Every citation ``[n]`` is a link
to entry ``#src-n`` of the sources list, which shows the cited span ``<mark>``-ed inside its
paragraph (and the link's ``title`` tooltip shows the span itself): this works without JavaScript.
Every element showing a cited span carries ``data-article``, ``data-start`` and ``data-end`` so a
reader or a test can check it against the article text.
"""

from __future__ import annotations

from html import escape

from ..model import Brief, SourceRef
from . import sections
from .citations import Citations

# System fonts only (nothing fetched); one column that fits a phone, tables scroll sideways.
_CSS = """
:root{--ink:#1d232a;--muted:#5c6670;--line:#d8dde3;--accent:#0b5cad;--mark:#fff1a8;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",
Roboto,sans-serif}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;border-bottom:1px solid var(--line);
padding-bottom:.2rem;margin-top:2rem}h3{font-size:1rem;margin:1rem 0 .3rem}
.meta,.where,.note{color:var(--muted);font-size:.9rem}
a{color:var(--accent)}a.cite{text-decoration:none;font-size:.8em;vertical-align:super;padding:0 .1em}
ol.summary li{margin:.5rem 0}.also{color:var(--muted);font-size:.9rem}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid var(--line);padding:.3rem .45rem;vertical-align:top;text-align:left}
td.yes{text-align:center;white-space:nowrap}td.claim,td.brings{min-width:15rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.6rem;margin:.6rem 0 1.2rem}
.side{border:1px solid var(--line);border-radius:6px;padding:.5rem}.value{font-weight:600}
blockquote{margin:.3rem 0 .6rem;padding:.2rem .7rem;border-left:3px solid var(--line)}
mark{background:var(--mark);padding:0 .1em}
ol.sources{list-style:none;padding-left:0}li.source{margin:.4rem 0;scroll-margin-top:1rem}li.source:target{background:#eef5ff;outline:2px solid var(--accent)}
.rejected{color:#9b1c1c}
@media (max-width:600px){.pair{grid-template-columns:1fr}main{padding:.6rem}}
"""


def to_html(brief: Brief) -> str:
    cite = Citations(brief)
    title = brief.story or "News brief"
    body = [f"<header><h1>{escape(title)}</h1><p class=\"meta\">{len(sections.outlets(brief))} outlet(s), "
            f"{len([a for a in brief.articles if not a.rejected])} article(s), summary "
            f"{sections.summary_words(brief)} words</p></header>", _summary(brief, cite)]
    for block in (_agreement, _single_source, _contradictions, _quotes, _entities, _timeline, _coverage):
        body.append(block(brief, cite))
    body += [_articles(brief), _sources(cite)]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n<body><main>\n"
            + "\n".join(part for part in body if part) + "\n</main></body></html>\n")


def _data(ref: SourceRef) -> str:
    return (f'data-article="{escape(ref.article)}" data-outlet="{escape(ref.outlet)}" '
            f'data-start="{ref.start}" data-end="{ref.end}"')


def _link(cite: Citations, ref: SourceRef) -> str:
    number = cite.number(ref)
    text = cite.cited_text(ref)
    tip = f"{ref.outlet}: {text}" if text is not None else f"{ref.outlet}, {ref.article}"
    return f'<a class="cite" href="#src-{number}" title="{escape(tip)}">[{number}]</a>'


def _links(cite: Citations, refs) -> str:
    return "".join(_link(cite, ref) for ref in refs)


def _section(anchor: str, heading: str, content: str) -> str:
    return f'<section id="{anchor}"><h2>{escape(heading)}</h2>\n{content}\n</section>'


def _summary(brief: Brief, cite: Citations) -> str:
    if not brief.summary:
        return _section("summary", "Summary", '<p class="note">No summary: no usable sentences were read.</p>')
    items = []
    for sentence in brief.summary:
        source = _link(cite, sentence.source)  # numbered first, so [n] grows down the page
        also = ""
        if sentence.also_reported_by:
            also = ' <span class="also">also reported by ' + ", ".join(
                f"{escape(r.outlet)}{_link(cite, r)}" for r in sentence.also_reported_by) + "</span>"
        items.append(f"<li><span class=\"sentence\" {_data(sentence.source)}>{escape(sentence.text)}</span>"
                     f"{source}{also}</li>")
    return _section("summary", "Summary", '<ol class="summary">' + "".join(items) + "</ol>")


def _agreement(brief: Brief, cite: Citations) -> str:
    claims = sections.agreed_claims(brief)
    if not claims:
        return ""
    outlets = sections.outlets(brief)
    head = "".join(f"<th>{escape(o)}</th>" for o in outlets)
    rows = []
    for claim in claims:
        cells = []
        for outlet in outlets:
            refs = [r for r in claim.refs if r.outlet == outlet]
            cells.append(f'<td class="yes">{"&#10003;" + _links(cite, refs) if refs else ""}</td>')
        rows.append(f"<tr><td class=\"claim\">{escape(claim.text)}</td>{''.join(cells)}"
                    f"<td>{claim.independent_outlets}</td></tr>")
    table = (f'<div class="scroll"><table><thead><tr><th>Claim</th>{head}<th>Independent sources</th>'
             f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    return _section("agreement", "What the outlets agree on", table)


def _single_source(brief: Brief, cite: Citations) -> str:
    grouped = sections.single_source_by_outlet(brief)
    if not grouped:
        return ""
    parts = [f"<h3>Only in {escape(outlet)}</h3><ul>"
             + "".join(f"<li>{escape(f.text)}{_link(cite, f.source)}</li>" for f in facts) + "</ul>"
             for outlet, facts in grouped.items()]
    return _section("single-source", "Single-source facts", "".join(parts))


def _contradictions(brief: Brief, cite: Citations) -> str:
    if not brief.contradictions:
        return ""
    parts = []
    for item in brief.contradictions:
        sides = "".join(
            f'<div class="side"><div class="where">{escape(side.source.outlet)}{_link(cite, side.source)}</div>'
            f'<div class="value">{escape(side.value)}</div><div>{escape(side.text)}</div></div>'
            for side in (item.left, item.right))
        parts.append(f"<h3>{escape(item.kind)}: {escape(item.reason)}</h3><div class=\"pair\">{sides}</div>")
    return _section("contradictions", "Contradictions", "".join(parts))


def _quotes(brief: Brief, cite: Citations) -> str:
    grouped = sections.quotes_by_speaker(brief)
    if not grouped:
        return ""
    parts = []
    for speaker, quotes in grouped.items():
        parts.append(f"<h3>{escape(speaker)}</h3>")
        for quote in quotes:
            where = ", ".join(f"{escape(m.outlet)}{_link(cite, m.ref)}" for m in quote.mentions)
            parts.append(f"<blockquote>\u201c{escape(quote.text)}\u201d "
                         f'<span class="where">\u2014 {where}</span></blockquote>')
    return _section("quotes", "Quotes by speaker", "".join(parts))


def _entities(brief: Brief, cite: Citations) -> str:
    if not brief.entities:
        return ""
    rows = []
    for entity in brief.entities:
        aliases = f'<div class="note">also: {escape(", ".join(entity.aliases))}</div>' if entity.aliases else ""
        counts = ", ".join(f"{escape(m.outlet)} {m.mentions}" for m in entity.mentions)
        rows.append(f"<tr><td>{escape(entity.name)}{_links(cite, entity.refs[:3])}{aliases}</td>"
                    f"<td>{escape(entity.kind)}</td><td>{escape('; '.join(entity.roles))}</td><td>{counts}</td></tr>")
    table = ('<div class="scroll"><table><thead><tr><th>Name</th><th>Kind</th><th>Roles</th><th>Mentions</th>'
             f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    return _section("entities", "People, organisations and places", table)


def _timeline(brief: Brief, cite: Citations) -> str:
    events = sections.ordered_timeline(brief)
    if not events:
        return ""
    items = []
    for event in events:
        when = (f'<time datetime="{escape(event.date)}">{escape(event.date)}</time>' if event.resolved and event.date
                else f'<span class="note">undated ({escape(event.expression)})</span>')
        items.append(f"<li><strong>{when}</strong>: {escape(event.text)}{_links(cite, event.refs)}</li>")
    return _section("timeline", "Timeline", "<ul>" + "".join(items) + "</ul>")


def _coverage(brief: Brief, cite: Citations) -> str:
    rows = sections.coverage(brief)
    if not rows:
        return ""
    angles = {angle.outlet: angle for angle in brief.outlets}
    body = []
    for row in rows:
        angle = angles.get(row.outlet)
        brings = ""
        if angle is not None:
            items = [sections.claim_text(brief, c) for c in angle.claims] + list(angle.quotes) + list(angle.entities)
            brings = escape("; ".join(items))
        body.append(f"<tr><td>{escape(row.outlet)}</td><td>{escape(', '.join(row.articles))}</td>"
                    f"<td>{row.summary_citations}</td><td>{row.claims}</td><td>{row.single_source}</td>"
                    f"<td>{row.quotes}</td><td class=\"brings\">{brings}</td></tr>")
    table = ('<div class="scroll"><table><thead><tr><th>Outlet</th><th>Articles</th><th>Summary citations</th>'
             "<th>Claims</th><th>Only here</th><th>Quotes</th><th>What it alone brings</th></tr></thead>"
             f"<tbody>{''.join(body)}</tbody></table></div>")
    return _section("coverage", "Coverage by outlet", table)


def _articles(brief: Brief) -> str:
    items = []
    for article in brief.articles:
        if article.rejected:
            continue
        title = escape(article.title or article.id)
        if article.url and article.url.lower().startswith(("http://", "https://")):  # no javascript: links
            title = f'<a href="{escape(article.url)}" rel="noreferrer noopener">{title}</a>'
        items.append(f"<li>{title} <span class=\"where\">{escape(sections.article_details(article))} "
                     f"({escape(article.id)})</span></li>")
    content = "<ul>" + "".join(items) + "</ul>"
    rejected = sections.rejected_articles(brief)
    if rejected:
        content += "<h3>Rejected inputs</h3><ul>" + "".join(
            f'<li class="rejected">{escape(a.id)}: {escape(a.rejected)}</li>' for a in rejected) + "</ul>"
    return _section("articles", "Articles", content)


def _sources(cite: Citations) -> str:
    items = []
    for number, ref in cite.refs():
        where = (f'<div class="where">[{number}] {escape(ref.outlet)}, {escape(ref.article)}, '
                 f"characters {ref.start}\u2013{ref.end}</div>")
        context = cite.context(ref)
        shown = (f"<blockquote>{escape(context.before)}<mark {_data(ref)}>{escape(context.cited)}</mark>"
                 f"{escape(context.after)}</blockquote>") if context else \
            '<p class="note">The article text is not included in this brief.</p>'
        items.append(f'<li class="source" id="src-{number}">{where}{shown}</li>')
    return _section("sources", "Sources", '<ol class="sources">' + "".join(items) + "</ol>")
