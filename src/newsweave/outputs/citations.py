"""Citation numbers and cited context shared by the text, Markdown and HTML renderers.

Every distinct ``SourceRef`` in a brief gets one number, in order of first appearance, so ``[2]``
means the same span everywhere in one rendering. A ``Citations`` object is built per rendering
(never shared between calls), which keeps the renderers pure functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Brief, SourceRef

# How much of the paragraph around a cited span the HTML report shows, in characters per side;
# enough for the sentence before and after in a typical news paragraph, short enough for a phone.
CONTEXT_CHARS = 320


@dataclass(frozen=True)
class Context:
    """The cited span with the text around it (the paragraph, trimmed to ``CONTEXT_CHARS``)."""

    before: str
    cited: str
    after: str


class Citations:
    """Numbers ``SourceRef``s in order of first use and looks up their text in ``brief.texts``."""

    def __init__(self, brief: Brief):
        self.texts = brief.texts
        self._numbers: dict[SourceRef, int] = {}

    def number(self, ref: SourceRef) -> int:
        return self._numbers.setdefault(ref, len(self._numbers) + 1)

    def refs(self) -> list[tuple[int, SourceRef]]:
        return [(number, ref) for ref, number in self._numbers.items()]

    def cited_text(self, ref: SourceRef) -> str | None:
        """``text[start:end]`` of the cited article, or None when the brief carries no text for it."""
        text = self.texts.get(ref.article)
        if text is None or not 0 <= ref.start <= ref.end <= len(text):
            return None
        return text[ref.start:ref.end]

    def context(self, ref: SourceRef) -> Context | None:
        cited = self.cited_text(ref)
        if cited is None:
            return None
        text = self.texts[ref.article]
        start = text.rfind("\n", 0, ref.start) + 1
        end = text.find("\n", ref.end)
        end = len(text) if end < 0 else end
        before, after = text[start:ref.start], text[ref.end:end]
        if len(before) > CONTEXT_CHARS:
            before = "…" + before[-CONTEXT_CHARS:].split(" ", 1)[-1]
        if len(after) > CONTEXT_CHARS:
            after = after[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
        return Context(before=before, cited=cited, after=after)


def summary_words(brief: Brief) -> int:
    return sum(len(sentence.text.split()) for sentence in brief.summary)


def used_articles(brief: Brief) -> list:
    return [article for article in brief.articles if not article.rejected]


def rejected_articles(brief: Brief) -> list:
    return [article for article in brief.articles if article.rejected]
