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
        self.removed = brief.removed
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
        """The paragraph around the span, without the stretches cleaning removed (promotion lines
        like "Also Read: ..." sit inside paragraphs in some outlets' text)."""
        cited = self.cited_text(ref)
        if cited is None:
            return None
        text = self.texts[ref.article]
        start = text.rfind("\n", 0, ref.start) + 1
        end = text.find("\n", ref.end)
        end = len(text) if end < 0 else end
        before = self._kept(ref.article, start, ref.start)
        after = self._kept(ref.article, ref.end, end)
        if len(before) > CONTEXT_CHARS:
            before = "…" + before[-CONTEXT_CHARS:].split(" ", 1)[-1]
        if len(after) > CONTEXT_CHARS:
            after = after[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
        return Context(before=before, cited=cited, after=after)

    def _kept(self, article: str, start: int, end: int) -> str:
        """``text[start:end]`` with removed spans cut out, each cut shown as an ellipsis."""
        text, pieces, at = self.texts[article], [], start
        for span in sorted(self.removed.get(article, ()), key=lambda s: s.start):
            if span.end <= at or span.start >= end:
                continue
            pieces += [text[at:span.start], " … "]
            at = span.end
        pieces.append(text[at:end])
        return _squeeze("".join(pieces)) if len(pieces) > 1 else pieces[0]


def _squeeze(text: str) -> str:
    """Fold the doubled spaces a cut leaves, keeping the text's own leading and trailing space."""
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return lead[:1] + " ".join(text.split()) + trail[:1]
