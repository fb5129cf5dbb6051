"""Every input kind, end to end: each yields a Document whose every sentence slices its text exactly."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import pytest

from newsweave.api import Newsweave
from newsweave.config import Options

FIXTURES = Path(__file__).parent / "fixtures"
STORY = (FIXTURES / "story.txt").read_text(encoding="utf-8")
PAGE = (FIXTURES / "article.html").read_text(encoding="utf-8")
STORY_HTML = "".join(f"<p>{html.escape(p)}</p>" for p in STORY.split("\n\n"))


def _warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://courier.example/a", "response",
                                                  payload=io.BytesIO(PAGE.encode()), http_headers=headers))
    return buffer.getvalue()


INPUTS = {
    "story.txt": STORY.encode("cp1252"),
    "page.html": PAGE.encode(),
    "record.json": json.dumps({"id": "rec", "title": "Ferries", "text": STORY}).encode(),
    "records.jsonl": (json.dumps({"url": "https://post.example/1", "html": PAGE}) + "\n").encode(),
    "feed.rss": (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Courier</title><item><title>Ferries"
                 f"</title><guid>urn:1</guid><description>{html.escape(STORY_HTML)}</description></item>"
                 f"</channel></rss>").encode(),
    "feed.atom": (f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Post</title><entry>"
                  f"<title>Ferries</title><id>urn:2</id><content type='html'>{html.escape(STORY_HTML)}</content>"
                  f"</entry></feed>").encode(),
    "crawl.warc.gz": _warc(),
    "wire.sgml": (f"<DOC>\n<DOCNO> APW20230618.0001 </DOCNO>\n<DATE_TIME> 2023-06-18 09:00 </DATE_TIME>\n<TEXT>\n"
                  + "".join(f"<P>\n{p}\n</P>\n" for p in STORY.split("\n\n")) + "</TEXT>\n</DOC>\n").encode(),
}


@pytest.fixture(scope="module")
def documents(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    for name, data in INPUTS.items():
        (folder / name).write_bytes(data)
    documents, rejections = Newsweave(Options(), nlp=nlp).read([str(folder)])
    assert rejections == []
    return {Path(d.article.origin).name: d for d in documents}


def test_every_input_kind_yields_one_document(documents):
    assert sorted(documents) == sorted(INPUTS)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_every_sentence_of_every_format_slices_its_article_text_exactly(documents, name):
    document = documents[name]
    assert len(document.sentences) >= 3
    for sentence in document.sentences:
        assert document.article.text[sentence.start:sentence.end] == sentence.text
        assert sentence.article == document.article.id and sentence.outlet == document.article.outlet
