"""Each input kind is recognised by its content and read into raw documents with its metadata."""

from __future__ import annotations

import gzip
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from newsweave.config import Options
from newsweave.model import RawDocument, Rejection
from newsweave.sources import read_inputs

FIXTURES = Path(__file__).parent / "fixtures"
STORY = (FIXTURES / "story.txt").read_text(encoding="utf-8")
PAGE = (FIXTURES / "article.html").read_text(encoding="utf-8")


def read(*paths, options=None):
    return list(read_inputs([str(p) for p in paths], options or Options()))


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_a_text_file_is_read_with_its_stem_as_outlet_and_its_name_as_id(tmp_path):
    [raw] = read(write(tmp_path, "courier.txt", STORY))
    assert (raw.id, raw.kind, raw.outlet, raw.content) == ("courier.txt", "text", "courier", STORY)


def test_an_html_file_is_sniffed_as_html_even_without_an_extension(tmp_path):
    [raw] = read(write(tmp_path, "page", PAGE))
    assert raw.kind == "html" and raw.content == PAGE


def test_a_json_record_keeps_all_its_fields(tmp_path):
    record = {"id": "r1", "url": "https://courier.example/a", "title": "Ferries resume", "text": STORY,
              "outlet": "Courier", "published": "2023-06-18T10:00:00+02:00", "author": "D. Rowe"}
    [raw] = read(write(tmp_path, "one.json", json.dumps(record)))
    assert raw == RawDocument(id="r1", origin=raw.origin, kind="text", content=STORY, title="Ferries resume",
                              url="https://courier.example/a", outlet="Courier",
                              published=datetime(2023, 6, 18, 8, 0), author="D. Rowe")


def test_a_json_array_gives_one_article_per_record_with_html_records_kept_as_html(tmp_path):
    records = [{"url": "https://courier.example/b", "html": PAGE}, {"text": STORY}]
    first, second = read(write(tmp_path, "many.json", json.dumps(records)))
    assert (first.id, first.kind) == ("https://courier.example/b", "html")
    assert (second.id, second.kind, second.title) == ("many.json#2", "text", None)


def test_json_lines_name_records_without_id_or_url_by_file_and_line(tmp_path):
    lines = [json.dumps({"text": STORY}), "", json.dumps({"id": 7, "text": STORY})]
    first, second = read(write(tmp_path, "feed.jsonl", "\n".join(lines)))
    assert first.id == "feed.jsonl:1" and second.id == "7"


def test_a_bad_json_line_is_a_rejection_naming_the_line_and_the_rest_is_read(tmp_path):
    lines = [json.dumps({"text": STORY}), "{not json", json.dumps({"title": "no body"}), json.dumps({"text": STORY, "id": "ok"})]
    items = read(write(tmp_path, "mixed.jsonl", "\n".join(lines)))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Rejection", "Rejection", "RawDocument"]
    assert "line 2" in items[1].reason and "invalid JSON" in items[1].reason
    assert "line 3" in items[2].reason and "neither 'text' nor 'html'" in items[2].reason


def test_invalid_json_is_rejected_with_its_position(tmp_path):
    [rejection] = read(write(tmp_path, "bad.json", '{"text": "unterminated'))
    assert isinstance(rejection, Rejection) and "invalid JSON at line 1" in rejection.reason


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Lyonesse Courier</title><link>https://courier.example/</link>
<item><title>Ferries resume</title><link>https://courier.example/ferries</link>
<guid>https://courier.example/ferries</guid><pubDate>Sun, 18 Jun 2023 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The ferry service will resume on Monday after a week of storms.&lt;/p&gt;</description></item>
<item><title>Bridge reopens</title><description>The bridge reopened on Sunday.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Avalon Post</title><id>urn:avalon</id>
<updated>2023-06-18T12:00:00Z</updated>
<entry><title>Tram opens</title><id>urn:avalon:tram</id><link href="https://post.example/tram"/>
<updated>2023-06-18T12:00:00+01:00</updated><author><name>K. Jago</name></author>
<content type="html">&lt;p&gt;The tram line opened on Saturday.&lt;/p&gt;</content></entry></feed>"""


def test_each_rss_item_is_an_html_article_with_the_feed_title_as_outlet(tmp_path):
    first, second = read(write(tmp_path, "news.rss", RSS))
    assert (first.id, first.kind, first.outlet, first.title) == (
        "https://courier.example/ferries", "html", "Lyonesse Courier", "Ferries resume")
    assert first.published == datetime(2023, 6, 18, 9, 0)
    assert "ferry service will resume" in first.content
    assert second.id == "news.rss#2" and second.url is None


def test_an_atom_entry_uses_its_content_author_and_utc_date(tmp_path):
    [entry] = read(write(tmp_path, "atom.xml", ATOM))
    assert (entry.id, entry.url, entry.author, entry.outlet) == (
        "urn:avalon:tram", "https://post.example/tram", "K. Jago", "Avalon Post")
    assert entry.published == datetime(2023, 6, 18, 11, 0)


def _warc(records, *, gzip_it):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_it)
    for uri, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


@pytest.mark.parametrize("name, gzip_it", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_articles_named_by_target_uri(tmp_path, name, gzip_it):
    data = _warc([("https://courier.example/a", "text/html; charset=utf-8", PAGE.encode()),
                  ("https://courier.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
                  ("https://courier.example/b", "text/html", PAGE.replace("Harbour", "Quay").encode())],
                 gzip_it=gzip_it)
    items = read(write(tmp_path, name, data))
    assert [(i.id, i.kind, i.url) for i in items] == [
        ("https://courier.example/a", "html", "https://courier.example/a"),
        ("https://courier.example/b", "html", "https://courier.example/b")]


def test_a_directory_is_read_recursively_with_relative_ids_and_hidden_files_skipped(tmp_path):
    write(tmp_path, "a.txt", STORY)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.txt", STORY)
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "c.txt", STORY)
    write(tmp_path, ".hidden.txt", STORY)
    assert [raw.id for raw in read(tmp_path)] == ["a.txt", "sub/b.txt"]


def test_an_empty_directory_is_a_rejection(tmp_path):
    [rejection] = read(tmp_path)
    assert isinstance(rejection, Rejection) and "no files" in rejection.reason


def test_a_missing_path_is_a_rejection(tmp_path):
    [rejection] = read(tmp_path / "nope.txt")
    assert rejection.reason == "no such file or directory"


def test_standard_input_is_read_when_the_input_is_a_dash():
    items = list(read_inputs(["-"], Options(), stdin=io.BytesIO(STORY.encode("utf-16"))))
    assert [(raw.id, raw.origin, raw.content) for raw in items] == [("stdin", "-", STORY)]


def test_a_gzip_file_that_is_not_a_warc_is_rejected_as_binary(tmp_path):
    [rejection] = read(write(tmp_path, "story.txt.gz", gzip.compress(STORY.encode())))
    assert isinstance(rejection, Rejection) and "binary" in rejection.reason


def test_an_html_page_in_a_declared_legacy_encoding_is_decoded_with_it(tmp_path):
    # Bytes that are valid in both cp1251 and cp1252: only the <meta> says which is meant.
    page = "<html><head><meta charset=\"windows-1251\"></head><body><p>Привет</p></body></html>"
    [raw] = read(write(tmp_path, "ru.html", page.encode("cp1251")))
    assert "Привет" in raw.content


def test_a_declared_encoding_that_does_not_fit_the_bytes_is_ignored(tmp_path):
    page = "<html><head><meta charset=\"ascii\"></head><body><p>Café “quoted”</p></body></html>"
    [raw] = read(write(tmp_path, "cafe.html", page.encode("utf-8")))
    assert "Café “quoted”" in raw.content


def test_a_text_that_starts_with_a_bracket_is_still_text(tmp_path):
    text = "[Updated] " + STORY
    [raw] = read(write(tmp_path, "updated.txt", text))
    assert raw.kind == "text" and raw.content == text


def test_json_lines_without_the_extension_are_recognised_by_their_first_line(tmp_path):
    lines = "\n".join(json.dumps({"id": f"r{n}", "text": STORY}) for n in range(2))
    assert [raw.id for raw in read(write(tmp_path, "records.txt", lines))] == ["r0", "r1"]
