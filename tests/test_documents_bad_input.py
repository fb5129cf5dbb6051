"""Bad input: each problem becomes a Rejection naming the input and the reason; the rest is still read."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsweave.api import Newsweave
from newsweave.config import Options
from newsweave.model import Rejection

FIXTURES = Path(__file__).parent / "fixtures"
STORY = (FIXTURES / "story.txt").read_text(encoding="utf-8")
PAGE = (FIXTURES / "article.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def engine(nlp):
    return Newsweave(Options(), nlp=nlp)


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def only_rejection(engine, path):
    documents, rejections = engine.read([str(path)])
    assert documents == [], documents
    [rejection] = rejections
    assert rejection.input == str(path)
    return rejection.reason


def test_an_empty_file_is_rejected_as_empty(engine, tmp_path):
    assert only_rejection(engine, write(tmp_path, "empty.txt", b"")) == "empty input (no bytes)"


def test_a_whitespace_only_file_is_rejected_as_empty(engine, tmp_path):
    assert only_rejection(engine, write(tmp_path, "blank.txt", "  \n\n\t ")) == "empty input (only whitespace)"


def test_a_binary_file_with_nul_bytes_is_rejected_as_binary(engine, tmp_path):
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20
    assert "binary data" in only_rejection(engine, write(tmp_path, "image.txt", data))


def test_undecodable_bytes_without_nuls_are_rejected(engine, tmp_path):
    data = bytes(range(128, 256)) * 20
    reason = only_rejection(engine, write(tmp_path, "noise.txt", data))
    assert "undecodable" in reason or "binary" in reason


def test_a_50_mb_html_file_is_refused_by_size_before_it_is_read(engine, tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as handle:
        handle.write(b"<html><body><p>")
        handle.truncate(50 * 1024 * 1024)  # sparse: the size is real, the disk cost is not
    reason = only_rejection(engine, path)
    assert reason == "file is 50.0 MB, over the limit of 20.0 MB (max_input_bytes); not read"


def test_malformed_html_with_real_text_is_still_read(engine, tmp_path):
    broken = PAGE.replace("</p>", "").replace("</article>", "").replace("</body>", "<div><b><i>")
    documents, rejections = engine.read([str(write(tmp_path, "broken.html", broken))])
    assert rejections == []
    assert "rusted cables" in documents[0].article.text


def test_html_with_no_text_is_rejected_for_having_no_article_text(engine, tmp_path):
    reason = only_rejection(engine, write(tmp_path, "shell.html", "<html><body><div><script>x()</script></div></body></html>"))
    assert reason == "no article text found"


def test_a_feed_that_is_not_xml_is_rejected_as_broken(engine, tmp_path):
    path = write(tmp_path, "broken.rss", "<rss version='2.0'><channel><title>T</title><item><title>")
    documents, rejections = engine.read([str(path)])
    assert documents == [] and rejections
    assert all(r.input == str(path) for r in rejections)
    assert "broken feed" in rejections[0].reason


def test_a_truncated_warc_keeps_the_records_before_the_break_and_says_where_it_broke(engine, tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for name in ("a", "b"):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://courier.example/{name}", "response",
                                                      payload=io.BytesIO(PAGE.encode()), http_headers=headers))
    data = buffer.getvalue()
    path = write(tmp_path, "cut.warc.gz", data[: len(data) - 300])
    documents, rejections = engine.read([str(path)])
    assert [d.article.id for d in documents] == ["https://courier.example/a"]
    [rejection] = rejections
    assert rejection.input == str(path) and "broken or truncated WARC after 1 HTML record" in rejection.reason


def test_a_file_that_is_not_a_warc_but_named_like_one_is_rejected(engine, tmp_path):
    # Fixed bytes (not random ones: random bytes occasionally pass as an empty archive).
    reason = only_rejection(engine, write(tmp_path, "fake.warc.gz", b"\x1f\x8b" + bytes(range(200, 256)) * 8))
    assert reason.startswith("broken or truncated WARC before any HTML record") and len(reason) < 300


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-16", "latin-1"])
def test_legacy_and_unicode_encodings_are_decoded_correctly(engine, tmp_path, encoding):
    text = STORY if encoding != "latin-1" else STORY.replace("“", '"').replace("”", '"').replace("’", "'").replace("—", "-")
    documents, rejections = engine.read([str(write(tmp_path, "story.txt", text.encode(encoding)))])
    assert rejections == []
    assert documents[0].article.text == text


def test_a_non_english_article_is_rejected_with_the_detected_language(engine, tmp_path):
    french = ("Le maire de Port Avalon a inauguré dimanche la nouvelle bibliothèque de la ville. Elle compte "
              "quarante mille livres et sera ouverte tous les jours de la semaine, a annoncé le conseil "
              "municipal dans un communiqué publié lundi matin.")
    reason = only_rejection(engine, write(tmp_path, "french.txt", french))
    assert reason.startswith("not English: the text looks French")


def test_a_too_short_article_is_rejected_with_its_word_count(engine, tmp_path):
    reason = only_rejection(engine, write(tmp_path, "short.txt", "The ferry runs again on Monday, the operator said."))
    assert reason == "too short: 9 words after cleaning, fewer than min_article_words=25"


def test_one_bad_input_among_good_ones_leaves_the_good_ones_read(engine, tmp_path):
    write(tmp_path, "a_good.txt", STORY)
    write(tmp_path, "b_empty.txt", b"")
    write(tmp_path, "c_binary.bin", b"\x00\x01\x02" * 100)
    write(tmp_path, "d_good.html", PAGE)
    write(tmp_path, "e_bad.jsonl", '{"text": "x"\n')
    documents, rejections = engine.read([str(tmp_path)])
    assert [d.article.id for d in documents] == ["a_good.txt", "d_good.html"]
    assert sorted(Path(r.input).name for r in rejections) == ["b_empty.txt", "c_binary.bin", "e_bad.jsonl"]
    assert all(isinstance(r, Rejection) and r.reason for r in rejections)
