"""Brief → text. Pure functions, one module per format."""

from __future__ import annotations

from ..errors import OptionsError
from ..model import Brief

FORMATS = ("text", "markdown", "json", "html")


def render(brief: Brief, format: str) -> str:
    if format == "json":
        from .json import to_json
        return to_json(brief)
    if format == "markdown":
        from .markdown import to_markdown
        return to_markdown(brief)
    if format == "html":
        from .html import to_html
        return to_html(brief)
    if format == "text":
        from .terminal import to_text
        return to_text(brief)
    raise OptionsError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
