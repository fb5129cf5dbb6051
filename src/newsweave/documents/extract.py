"""Raw documents → article text and metadata.

Each ``RawDocument.kind`` has one extractor: ``text`` is used as read, ``html`` goes through
trafilatura (text plus title, date, author, site name), ``sgml`` is one newswire ``<DOC>`` whose
``<TEXT>`` becomes paragraphs (see ``sgml_text``). Extraction never invents text: everything in
``Article.text`` comes from the input, so later offsets point at characters the user has.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime

from ..errors import InputError
from ..model import RawDocument
from ..sources.dates import parse_date

__all__ = ["Extracted", "extract", "extract_html", "fragment_text", "sgml_text"]

_TEXT = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.S | re.I)
# Editors' notes inside the TEXT ("STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS"): not article text.
_ANNOTATION = re.compile(r"<ANNOTATION>.*?</ANNOTATION>", re.S | re.I)
_P_TAG = re.compile(r"</?P>", re.I)
_OTHER_TAG = re.compile(r"</?[A-Za-z_][A-Za-z_0-9]*>")
# LDC newswire typesetting codes (tab, quad left/right/centre, upper/lower rule): layout, not text.
_TYPESETTING = re.compile(r"&(?:HT|QL|QR|QC|UR|LR|Cx[0-9a-f]{2});", re.I)
_SPACE = re.compile(r"\s+")
_FULL_PAGE = re.compile(r"<(?:html|body)[\s>]", re.I)
# Elements that end a paragraph in a fragment's plain text, and the private mark put at their edges
# (U+2029 PARAGRAPH SEPARATOR; whitespace inside the markup is folded, so only the mark splits).
_BLOCKS = ("p", "div", "br", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "tr",
           "ul", "ol", "table", "figcaption", "section", "article", "header", "footer", "hr")
_PARAGRAPH_MARK = "\u2029"


def sgml_text(content: str) -> str:
    """The readable text of one newswire ``<DOC>`` (or of its ``<TEXT>`` element alone).

    The rule, kept stable because quote annotations are made against it: take the content of the
    first ``<TEXT>`` element (the whole input when there is none); drop ``<ANNOTATION>`` editors'
    notes; split at ``<P>``/``</P>`` tags (text outside any ``<P>``, such as an AP dateline, is a
    paragraph of its own; the whole TEXT is one paragraph when it has no ``<P>``); in each
    paragraph replace LDC typesetting codes (``&HT;``, ``&QL;``, ``&UR;``…) by a space, remove any
    other tag, unescape SGML/HTML entities (``&AMP;`` → ``&``), fold whitespace to single spaces
    and strip; drop empty paragraphs; join with a blank line (``"\\n\\n"``).
    """
    match = _TEXT.search(content)
    body = match.group(1) if match else content
    body = _ANNOTATION.sub(" ", body)
    paragraphs = []
    for chunk in _P_TAG.split(body):
        chunk = _OTHER_TAG.sub(" ", _TYPESETTING.sub(" ", chunk))
        chunk = _SPACE.sub(" ", html.unescape(chunk)).strip()
        if chunk:
            paragraphs.append(chunk)
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Extracted:
    """What extraction found in one raw document: the article text and any metadata it carried."""

    text: str
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    author: str | None = None
    url: str | None = None


def extract(raw: RawDocument) -> Extracted:
    """The article text of ``raw`` and the metadata found inside it; ``InputError`` if there is none."""
    if raw.kind == "sgml":
        return Extracted(text=sgml_text(raw.content))
    if raw.kind == "html":
        return extract_html(raw)
    if raw.kind == "text":
        return Extracted(text=raw.content)
    raise InputError(raw.origin, f"unknown document kind {raw.kind!r}", article=raw.id)


def extract_html(raw: RawDocument) -> Extracted:
    """Main text and metadata of an HTML page through trafilatura (comments and tables left out).

    A fragment (no ``<html>``/``<body>``) too small for trafilatura's main-content search, such as
    a feed entry's summary, falls back to its plain text (see ``fragment_text``), so a short but
    real text is not lost; a whole page without main text extracts to nothing.
    """
    import trafilatura

    try:
        result = trafilatura.bare_extraction(raw.content, url=raw.url, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=True)
    except (ValueError, TypeError) as error:  # trafilatura raises these on unparsable markup
        raise InputError(raw.origin, f"HTML could not be parsed: {error}", article=raw.id) from None
    if result is None or not (result.text or "").strip():
        if _FULL_PAGE.search(raw.content[:5000]):
            # A whole page where trafilatura finds no main text: its plain text would be menus.
            return Extracted(text="")
        return Extracted(text=fragment_text(raw.content))
    return Extracted(text=result.text, title=result.title or None, outlet=result.sitename or None,
                     published=parse_date(result.date), author=result.author or None, url=result.url or None)


def fragment_text(markup: str) -> str:
    """The plain text of an HTML fragment: its paragraphs (``<p>``, ``<br>``, list items and other
    blocks, and loose text between them) with whitespace folded, joined with a blank line; scripts
    and styles left out; ``""`` when it has no text.

    Used where trafilatura finds no main text: its own ``html2txt`` joins paragraphs with a space,
    which would hide paragraph boundaries from cleaning and segmentation.
    """
    from lxml import etree
    from lxml import html as lxml_html

    if not markup.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):  # lxml's errors for markup it cannot build a tree from
        return ""
    for element in root.xpath(".//script | .//style | .//noscript | .//template"):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.text = _PARAGRAPH_MARK + (element.text or "")
        element.tail = _PARAGRAPH_MARK + (element.tail or "")
    paragraphs = (" ".join(chunk.split()) for chunk in root.text_content().split(_PARAGRAPH_MARK))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
