"""Inputs → RawDocuments. Every input yields raw documents or a Rejection; nothing is dropped.

Reads plain text (encoding detected), HTML, JSON / JSON Lines records, RSS/Atom feeds, WARC,
newswire SGML, ``http(s)://`` URLs (through the one ``Fetcher`` seam), directories and ``-``.
"""

from .fetch import Fetcher, is_url
from .read import read_bytes, read_inputs
from .sgml import outlet_of

__all__ = ["Fetcher", "is_url", "outlet_of", "read_bytes", "read_inputs"]
