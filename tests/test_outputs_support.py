"""A fully populated Brief built from the real seed articles, for the renderer tests.

The analysis stages are built by other modules; the renderers must show every section already, so
this builds each section by hand from real seed sentences. Every reference is computed by searching
the seed text for a phrase and taking the spaCy sentence around it, never a hard-coded offset.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from newsweave.model import (ArticleInfo, Brief, Claim, Contradiction, ContradictionSide, Entity, OutletAngle,
                             OutletCount, Quote, QuoteMention, SingleSourceFact, SourceRef, Span,
                             SummarySentence, TimelineEvent)

A, B, C = "000_82769e1fad382a14.txt", "002_f33cf88d83b625ee.txt", "003_87f9573ed8a4bfae.txt"
OUTLETS = {A: "WION", B: "CNN", C: "AP"}


class Seeds:
    """The seed texts with their spaCy sentences, to find real sentences by a phrase in them."""

    def __init__(self, seeds_dir: Path, nlp):
        self.texts = {name: (seeds_dir / name).read_text(encoding="utf-8") for name in (A, B, C)}
        # Sentences never cross a line break (as in the real pipeline, which segments paragraphs).
        self.sentences: dict[str, list[tuple[int, int]]] = {}
        for name, text in self.texts.items():
            lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
            docs = nlp.sentences(line for _, line in lines)
            self.sentences[name] = [(at + s.start_char, at + s.end_char)
                                    for (at, _), doc in zip(lines, docs) for s in doc.sents]

    def sentence(self, article: str, phrase: str) -> SourceRef:
        """The sentence of ``article`` that contains ``phrase``, trimmed of surrounding space."""
        text = self.texts[article]
        at = text.index(phrase)
        start, end = next((s, e) for s, e in self.sentences[article] if s <= at < e)
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        return SourceRef(article, OUTLETS[article], start, end)

    def span(self, article: str, phrase: str) -> SourceRef:
        at = self.texts[article].index(phrase)
        return SourceRef(article, OUTLETS[article], at, at + len(phrase))

    def removed(self, article: str, first: str, kept: str) -> Span:
        """A promotion line as cleaning would set it aside: from ``first`` up to ``kept``."""
        text = self.texts[article]
        return Span(text.index(first), text.index(kept), "promotion")

    def text(self, ref: SourceRef) -> str:
        return self.texts[ref.article][ref.start:ref.end]


def rich_brief(seeds: Seeds) -> Brief:
    """A brief with every section filled, every field set at least once."""
    s = seeds.sentence
    visit = (s(A, "highest-level visit"), s(B, "high-stakes diplomatic talks"), s(C, "first trip by a top US diplomat"))
    balloon = (s(A, "spy balloon over US territory"), s(C, "scrapped in February"))
    sustained, intense = s(A, "sustained diplomacy"), s(B, "intense diplomacy")
    desire = (seeds.span(B, "sincere desire to manage our competition"),
              seeds.span(C, "sincere desire to manage our competition"))
    published = datetime(2023, 6, 18, 8, 30, tzinfo=timezone.utc)
    articles = tuple(ArticleInfo(id=name, outlet=OUTLETS[name], title=f"Blinken in Beijing ({OUTLETS[name]})",
                                 url=f"https://example.org/{name}", published=published, author="Staff",
                                 copy_of=None) for name in (A, B, C))
    articles += (ArticleInfo(id="broken.warc", outlet="", title=None, url=None, published=None, author=None,
                             rejected="not a WARC file: no WARC/1.0 header", copy_of=None),)
    return Brief(
        articles=articles,
        summary=(SummarySentence(seeds.text(visit[0]), visit[0], also_reported_by=visit[1:]),
                 SummarySentence(seeds.text(balloon[0]), balloon[0], also_reported_by=balloon[1:]),
                 SummarySentence(seeds.text(intense), intense)),
        claims=(Claim("c1", seeds.text(visit[0]), visit, (OUTLETS[A], OUTLETS[B], OUTLETS[C]), 3),
                Claim("c2", seeds.text(balloon[0]), balloon, (OUTLETS[A], OUTLETS[C]), 2),
                Claim("c3", seeds.text(s(C, "Pompeo")), (s(C, "Pompeo"),), (OUTLETS[C],), 1)),
        single_source=(SingleSourceFact(OUTLETS[C], "c3", seeds.text(s(C, "Pompeo")), s(C, "Pompeo")),),
        contradictions=(Contradiction(
            kind="attribution", reason="the same statement is attributed to different speakers",
            left=ContradictionSide(seeds.text(sustained), sustained, "Antony Blinken"),
            right=ContradictionSide(seeds.text(intense), intense, "Kurt Campbell")),),
        quotes=(Quote(seeds.text(desire[0]), "Daniel Kritenbrink",
                      tuple(QuoteMention(r.article, r.outlet, r.start, r.end, seeds.text(r), "Daniel Kritenbrink",
                                         "Kritenbrink") for r in desire)),),
        entities=(Entity("Qin Gang", "person", ("Chinese Foreign Minister",), ("Qin",),
                         (OutletCount(OUTLETS[B], 2), OutletCount(OUTLETS[C], 1)),
                         (seeds.span(B, "Qin Gang"), seeds.span(C, "Qin Gang"))),),
        timeline=(TimelineEvent("2023-06-18", "on Sunday", seeds.text(visit[0]), True, (visit[0],)),
                  TimelineEvent("2023-02", "in February", seeds.text(balloon[1]), True, (balloon[1],)),
                  TimelineEvent(None, "next year", seeds.text(s(A, "elections next year")), False,
                                (s(A, "elections next year"),))),
        outlets=(OutletAngle(OUTLETS[C], (C,), ("c3",), (), ("Mike Pompeo",)),),
        story="Blinken visits Beijing",
        texts=dict(seeds.texts),
        removed={A: (seeds.removed(A, "Also Read: Haftar", "Blinken was speaking alongside"),)},
    )


def all_refs(brief: Brief) -> list[SourceRef]:
    """Every SourceRef anywhere in a brief, found by walking its dataclasses."""
    found: list[SourceRef] = []

    def walk(value) -> None:
        if isinstance(value, SourceRef):
            found.append(value)
        elif isinstance(value, QuoteMention):
            found.append(value.ref)
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__") and not isinstance(value, dict):
            for name in value.__dataclass_fields__:
                if name != "texts":
                    walk(getattr(value, name))

    walk(brief)
    return found


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_reference_of_the_handmade_brief_slices_a_seed(seeds_dir, nlp):
    seeds = Seeds(seeds_dir, nlp)
    brief = rich_brief(seeds)
    refs = all_refs(brief)
    assert len(refs) > 15
    for ref in refs:
        text = seeds.text(ref)
        assert text and text == text.strip(), ref


def test_every_section_of_the_handmade_brief_is_filled(seeds_dir, nlp):
    brief = rich_brief(Seeds(seeds_dir, nlp))
    for name in ("summary", "claims", "single_source", "contradictions", "quotes", "entities", "timeline",
                 "outlets"):
        assert getattr(brief, name), name


HOSTILE_TEXT = ('Officials said <script>alert("x")</script> was *not* a [link](http://evil.example) & '
                'that 3 | 4 <b>bold</b> claims were `code` ~struck~ #tag.\n'
                'A second paragraph follows here.')


def hostile_brief() -> Brief:
    """A brief of invented text full of HTML and Markdown syntax, to test escaping."""
    first = HOSTILE_TEXT.split("\n")[0]
    ref = SourceRef("evil.html", "The <Evil> & Co", 0, len(first))
    return Brief(
        articles=(ArticleInfo(id="evil.html", outlet="The <Evil> & Co", title="<img src=x onerror=alert(1)>",
                              url="javascript:alert(1)", published=None, author="<i>me</i>"),),
        summary=(SummarySentence(first, ref),),
        quotes=(Quote("<script>", "Mr <X>", (QuoteMention("evil.html", "The <Evil> & Co", 0, 5, first[:5],
                                                           "Mr <X>", "he"),)),),
        story="<h1>Story</h1>",
        texts={"evil.html": HOSTILE_TEXT},
    )
