"""Is this page an article, or a page of site furniture (a notice, a prompt, an error page)?

Scraped news collections and real crawls hold many pages that are not articles: web-archive crawl
descriptions ("These crawls are part of an effort to archive pages…"), location/sign-in/newsletter/
cookie/JavaScript prompts, comment-box instructions, video-player and error messages. They are
near-copies of each other across unrelated stories, so the copy rule would glue hundreds of them
into one story. ``site_notice(text)`` says which kind of furniture dominates a text, or ``None``.

How it judges: the text is cut into sentences (a cheap punctuation split: no model is needed, and
this runs on every ingested article; long run-on sentences into pieces of ``PIECE_WORDS`` words),
each sentence is tested against a compact set of *general*
furniture patterns, and the text is a notice when furniture sentences hold at least
``NOTICE_SHARE`` of its words. Weighting by words, not by sentence count, keeps an article that
merely starts with a one-line prompt ("Breaking news emails: get alerts…" followed by the story):
its prompt is a small share of the words. The patterns, by kind:

- **web-archive crawl notice**: descriptions of crawls, seeds, captures, WARC files, web archiving,
  publicly accessible websites, the Wayback Machine, the Internet Archive, Archive-It;
- **sign-in prompt**: log in / sign in / create an account / verification e-mails / passwords;
- **newsletter prompt**: subscribe, newsletters, alerts or e-mails delivered to the reader's inbox;
- **location prompt**: adding or deleting location information on posts;
- **cookie or JavaScript notice**: enable/disabled JavaScript or cookies, "we use cookies", consent
  banners (what the reader agrees to by clicking, "see our privacy policy", "our terms of service");
- **comment prompt**: instructions about the reader's comments, display name, characters to type;
- **error page**: page not found, 404, "not available right now", "try again later", playback or
  transcript could not be loaded, unsupported device or browser;
- **reprint notice**: personal, non-commercial use; order reprints; embed this by copying the code.

Every pattern is addressed to the reader or describes the site itself; none names a topic, so a news
story *about* the Internet Archive or about cookies keeps most of its sentences and passes (tested).
``NOTICE_SHARE`` and the patterns were calibrated together on the Multi-News validation pool (its
~1,000 repeated site pages) and checked against every DUC 2006 article (none rejected); to
re-calibrate, run ``python -m newsweave.documents.notice DATASET`` (prints counts and examples).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

__all__ = ["NOTICE_SHARE", "site_notice"]

# At least this share of the words must sit in furniture sentences. On the Multi-News pool (raw
# texts): 0.5 flags 1,006 texts (1,011 since the consent-banner and web-archiving patterns: the 5 more,
# read by eye, are a newsletter page, a library's collection page and 3 copies of one collection
# description; still no DUC 2006/2007 article); 0.6 flags 287 fewer (the rarer ones read by eye were all notices);
# 0.4 flags 37 more, nearly all notices too (collection descriptions, cookie pages) but also a blog
# post. 0.5 is the cautious choice: rejecting a real article loses it from every story, keeping a
# notice costs less.
NOTICE_SHARE = 0.5

_KINDS: tuple[tuple[str, str], ...] = (
    ("web-archive crawl notice",
     r"\bcrawl(?:s|er)?\b.{0,80}\b(?:web|website|archive|pages?|data|sites?|urls?|domains?|hosts?|seeds?|captures?"
     r"|collections?|links?)\b|\bweb ?crawl|\bwayback machine\b|\binternet archive\b|\barchive-it\b"
     r"|\bwarc files?\b|\bseed ?list\b|\bthe seed for\b|\bnumber of (?:unique )?(?:captures|urls)\b"
     r"|\bweb captures?\b|\barchived? (?:the )?pages\b|\bbroken links?\b|\bnot publicly (?:accessible|available)\b"
     r"|\b(?:this|these|web) collections?\b|\bweb archiv(?:e|es|ing)\b"
     r"|\bpublicly[- ]accessible\b.{0,60}\b(?:websites?|web|pages|domains?)\b"
     # Descriptions of the web's own structure ("urls per domain", "outlinks from wikipedia.org").
     r"|\b(?:urls?|outlinks?|inlinks?|subdomains?)\b.{0,60}\b(?:urls?|domains?|links?|pages?)\b"),
    ("sign-in prompt",
     r"\b(?:log|sign)(?:ged)? ?(?:in|on)\b.{0,40}\b(?:account|continue|profile|with|to)\b"
     r"|\bcreate (?:an|a free|your) account\b|\balready have an account\b|\bverification (?:e-?mail|message)\b"
     r"|\bconfirmation e-?mail\b|\bforgot (?:your )?password\b|\bsubscriber account\b|\byou must (?:log|sign) in\b"
     r"|\bregistration information\b"),
    ("newsletter prompt",
     r"\bnewsletters?\b|\bsubscri(?:be|bing|ption)\b|\bbreaking news (?:e-?mails|alerts)\b|\b(?:to|in) your inbox\b"
     r"|\bdelivered (?:weekday|every|each|daily)\b|\binvalid e-?mail\b|\bdigital access\b"),
    ("location prompt",
     r"\blocation (?:information|history)\b|\b(?:add|with) a location\b|\bswitch location\b"),
    ("cookie or JavaScript notice",
     r"\b(?:enable|disabled?|turn on|activate)\b.{0,40}\b(?:javascript|cookies)\b|\bjavascript is disabled\b"
     r"|\bwe use cookies\b|\bcookies? policy\b|\b(?:your|this) browser\b.{0,40}\b(?:supported|update|upgrade)\b"
     # Consent banners: what the reader agrees to by clicking, and the site's own policies.
     r"|\bby clicking\b.{0,60}\b(?:agree|accept|consent|continue)\b|\byou (?:consent|agree) to (?:the use|our)\b"
     r"|\b(?:see|read|review) our (?:privacy|cookie) (?:policy|notice)\b|\bour terms of (?:service|use)\b"
     r"|\bpersonali[sz]ed advertising\b"),
    ("comment prompt",
     r"\byour comments?\b|\b(?:post|leave|add) a comment\b|\bdisplay name\b|\benter the characters\b"
     r"|\bcommenting (?:is|has been)\b"),
    ("error page",
     r"\bpage (?:was )?not (?:be )?found\b|\b404\b|\bnot available right now\b|\btry again later\b"
     r"|\bcould not be loaded\b|\bno longer available\b|\bunsupported on your device\b|\baccess denied\b"
     r"|\brating is available when\b|\bthis (?:feature|content|video) is (?:not|no longer) available\b"),
    ("reprint notice",
     r"\bnon-commercial use\b|\border (?:presentation-ready copies|reprints)\b|\bby copying the code\b"
     r"|\bembed (?:this|the) (?:video|tweet)\b"),
)
# Scraped text often glues a prompt onto the story with no full stop between them ("…leave a comment
# of your own see what other readers have to say about this story – the official autopsy results
# for…"). Judging such a run-on "sentence" whole would count the story's words as furniture, so long
# sentences are judged in pieces of this many words; furniture sentences are short, so real notices
# lose little by it. Calibrated with NOTICE_SHARE.
PIECE_WORDS = 20

_PATTERNS = tuple((kind, re.compile(pattern, re.I | re.S)) for kind, pattern in _KINDS)

# A sentence ends at . ! or ? followed by space, or glued to the next one ("preserved.then the"), as
# scraped text often is; a dot between two letters of a short token ("wr.al", "u.s") is not an end.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[a-z]{3}[.!?])(?=[a-z]{3})")


def site_notice(text: str) -> str | None:
    """The kind of site furniture that dominates ``text`` ("web-archive crawl notice"…), or ``None``.

    ``None`` for an empty text: an empty page is "no article text", a different rejection.
    """
    words_by_kind: Counter[str] = Counter()
    total = 0
    for piece in _pieces(text):
        total += len(piece)
        kind = _kind(" ".join(piece))
        if kind is not None:
            words_by_kind[kind] += len(piece)
    if not total or sum(words_by_kind.values()) < NOTICE_SHARE * total:
        return None
    return words_by_kind.most_common(1)[0][0]


def _pieces(text: str) -> Iterator[list[str]]:
    """The words of each sentence, a long sentence cut into equal pieces of about ``PIECE_WORDS``."""
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        pieces = max(1, round(len(words) / PIECE_WORDS))
        size = max(1, -(-len(words) // pieces))  # equal pieces, so no one-word tail is judged alone
        for start in range(0, len(words), size):
            yield words[start:start + size]


def _kind(sentence: str) -> str | None:
    for kind, pattern in _PATTERNS:
        if pattern.search(sentence):
            return kind
    return None


def _survey(path: str) -> None:
    """Count the notices in a clustering dataset and show examples of each kind (for re-calibration)."""
    from ..evaluation.clusters_data import read_cluster_dataset

    kinds: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    records = read_cluster_dataset(path).records
    for record in records:
        kind = site_notice(record.text)
        if kind:
            kinds[kind] += 1
            examples.setdefault(kind, []).append(" ".join(record.text.split())[:160])
    print(f"{sum(kinds.values())} of {len(records)} texts are site notices")
    for kind, n in kinds.most_common():
        print(f"{n:6d}  {kind}")
        for example in examples[kind][:: max(1, len(examples[kind]) // 5)][:5]:
            print(f"          {example}")


if __name__ == "__main__":
    import sys

    _survey(sys.argv[1])
