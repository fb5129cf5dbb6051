"""A WARC cut off inside a record keeps the complete records before the break and says where it broke."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsweave.config import Options
from newsweave.model import RawDocument, Rejection
from newsweave.sources import read_inputs
from newsweave.sources.warc import read_warc

PAGE = (Path(__file__).parent / "fixtures" / "article.html").read_text(encoding="utf-8")
URIS = ["https://courier.example/first", "https://courier.example/second"]


def _two_record_warc(*, gzip_it: bool) -> tuple[bytes, int]:
    """A WARC of two HTML responses, and the byte offset where the second record starts."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_it)
    starts = []
    for uri in URIS:
        starts.append(buffer.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(PAGE.encode()),
                                                      http_headers=headers))
    return buffer.getvalue(), starts[1]


def _cut_in_headers(data: bytes, start: int, marker: bytes, extra: int) -> bytes:
    return data[:data.index(marker, start) + extra]


@pytest.mark.parametrize("marker, extra", [
    (b"WARC-Type: response", 12),       # inside the record type: warcio stopped silently
    (b"WARC-Record-ID", 6),             # after the type: warcio raised AttributeError
    (b"WARC-Target-URI", 20),           # inside the target URI
    (b"Content-Length", 18),            # inside the length value, headers never finished
    (b"HTTP/1.1 200", 4),               # inside the HTTP headers of the record
])
def test_a_warc_cut_in_the_second_records_headers_keeps_the_first_and_rejects_once(marker, extra):
    data, second = _two_record_warc(gzip_it=False)
    items = list(read_warc(_cut_in_headers(data, second, marker, extra), origin="/in/crawl.warc"))
    assert [item.id for item in items if isinstance(item, RawDocument)] == URIS[:1]
    [rejection] = [item for item in items if isinstance(item, Rejection)]
    assert rejection.input == "/in/crawl.warc"
    assert "truncated WARC" in rejection.reason
    assert f"byte {second}" in rejection.reason or URIS[1] in rejection.reason


def test_a_warc_cut_right_after_the_first_record_names_the_offset_of_the_break():
    data, second = _two_record_warc(gzip_it=False)
    items = list(read_warc(data[:second + 30], origin="crawl.warc"))
    assert isinstance(items[0], RawDocument) and items[0].id == URIS[0]
    assert f"truncated WARC after 1 HTML record(s), at byte {second}" in items[1].reason and len(items) == 2


def test_a_gzipped_warc_cut_inside_the_second_member_keeps_the_first_record():
    data, second = _two_record_warc(gzip_it=True)
    for cut in (second + 10, second + 80, second + 120):  # early, middle and late in the compressed headers
        items = list(read_warc(data[:cut], origin="crawl.warc.gz"))
        assert [item.id for item in items if isinstance(item, RawDocument)] == URIS[:1], cut
        [rejection] = [item for item in items if isinstance(item, Rejection)]
        assert "truncated WARC" in rejection.reason, cut


def test_a_truncated_warc_file_read_from_disk_keeps_the_record_before_the_break(tmp_path):
    data, second = _two_record_warc(gzip_it=False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(_cut_in_headers(data, second, b"WARC-Record-ID", 6))
    items = list(read_inputs([str(path)], Options()))
    assert [type(item).__name__ for item in items] == ["RawDocument", "Rejection"]
    assert items[1].input == str(path) and f"truncated WARC after 1 HTML record(s), at byte {second}" in items[1].reason


def test_a_complete_warc_without_its_final_blank_lines_is_not_called_truncated():
    data, _ = _two_record_warc(gzip_it=False)
    assert data.endswith(b"\r\n\r\n")
    items = list(read_warc(data[:-4], origin="crawl.warc"))
    assert [item.id for item in items] == URIS
