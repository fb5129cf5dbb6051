"""Newswire SGML (LDC/TREC/DUC): one file holds one or more ``<DOC>`` elements.

Each DOC becomes one ``RawDocument(kind="sgml")`` whose content is that DOC alone; its id is the
DOCNO, its title the HEADLINE (whitespace folded), its date the DATE_TIME (or DATE), and its outlet
comes from the DOCNO's source prefix (``APW19990707.0181`` → Associated Press).
"""

from __future__ import annotations

import html
import re
from typing import Iterator

from ..model import RawDocument, Rejection
from .dates import parse_date

__all__ = ["OUTLETS", "looks_like_sgml", "read_sgml", "outlet_of"]

# Source prefixes of the LDC newswire collections (AQUAINT, AQUAINT-2, Gigaword) used by DUC/TREC.
OUTLETS = {
    "APW": "Associated Press",
    "APE": "Associated Press",
    "NYT": "New York Times",
    "XIE": "Xinhua",
    "XIN": "Xinhua",
    "LTW": "Los Angeles Times-Washington Post",
    "AFP": "Agence France-Presse",
    "AFE": "Agence France-Presse",
    "CNA": "Central News Agency",
    "WPB": "Washington Post-Bloomberg",
    "FT": "Financial Times",
    "LA": "Los Angeles Times",
    "SJMN": "San Jose Mercury News",
    "WSJ": "Wall Street Journal",
    "FBIS": "Foreign Broadcast Information Service",
}

_DOC = re.compile(r"<DOC>(.*?)</DOC>", re.S | re.I)
_PREFIX = re.compile(r"[A-Za-z]+")
_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"<[^>]*>|&(?:HT|QL|QR|QC|UR|LR);", re.I)
_SGML_START = re.compile(r"\A\s*<DOC>\s*<(?:DOCNO|DOCID|DOCTYPE|DATE_TIME|HEADLINE|TEXT)>", re.I)


def looks_like_sgml(text: str) -> bool:
    """True when the text starts like a newswire SGML file (``<DOC>`` then one of its fields)."""
    return bool(_SGML_START.match(text[:2000]))


def outlet_of(docno: str) -> str:
    """The outlet named by a DOCNO's letter prefix; the prefix itself when it is not a known one."""
    match = _PREFIX.match(docno.strip())
    prefix = match.group().upper() if match else docno.strip()
    return OUTLETS.get(prefix, prefix)


def _field(doc: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", doc, re.S | re.I)
    if not match:
        return None
    value = _SPACE.sub(" ", html.unescape(_MARKUP.sub(" ", match.group(1)))).strip()
    return value or None


def read_sgml(text: str, origin: str) -> Iterator[RawDocument | Rejection]:
    """Every ``<DOC>`` of one SGML file; a DOC without a DOCNO is a rejection naming its position."""
    found = False
    for number, match in enumerate(_DOC.finditer(text), start=1):
        found = True
        doc = match.group(0)
        docno = _field(doc, "DOCNO")
        if not docno:
            yield Rejection(input=origin, reason=f"<DOC> number {number} has no <DOCNO>")
            continue
        yield RawDocument(id=docno, origin=origin, kind="sgml", content=doc, title=_field(doc, "HEADLINE"),
                          outlet=outlet_of(docno),
                          published=parse_date(_field(doc, "DATE_TIME") or _field(doc, "DATE")))
    if not found:
        yield Rejection(input=origin, reason="looks like newswire SGML but has no complete <DOC>…</DOC>")
