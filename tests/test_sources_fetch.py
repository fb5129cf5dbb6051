"""URL fetching against a real HTTP server on 127.0.0.1 started by the test; nothing else is contacted."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpcore
import pytest

from newsweave.config import FetchOptions, Options
from newsweave.errors import FetchError
from newsweave.model import RawDocument, Rejection
from newsweave.sources import Fetcher, read_inputs

PAGE = (Path(__file__).parent / "fixtures" / "article.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        path = self.path
        if path == "/page":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", "/page" if left == 0 else f"/hop/{left - 1}")
            self.end_headers()
        elif path == "/to-ftp":
            self.send_response(301)
            self.send_header("Location", "ftp://127.0.0.1/file")
            self.end_headers()
        elif path == "/big":
            self._send(200, b"<html><body><p>" + b"x" * 200_000 + b"</p></body></html>", "text/html")
        elif path == "/endless":
            # No Content-Length: the client must stop on its own byte count.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/slow":
            time.sleep(2)
            self._send(200, PAGE, "text/html")
        elif path == "/host":
            self._send(200, self.headers["Host"].encode(), "text/plain")
        elif path.startswith("/to/"):  # /to/NAME: redirect to NAME on this server's port
            self.send_response(302)
            self.send_header("Location", f"http://{path[4:]}:{self.server.server_address[1]}/host")
            self.end_headers()
        elif path == "/feed":
            port = self.server.server_address[1]
            feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Local</title><item><title>Bridge</title>"
                    f"<link>http://127.0.0.1:{port}/page</link><description>Short summary.</description></item>"
                    f"</channel></rss>").encode()
            self._send(200, feed, "application/rss+xml")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = Options(fetch=FetchOptions(allow_private=True, timeout=5))


def read(urls, options=LOCAL):
    return list(read_inputs(urls, options))


def test_a_url_on_an_allowed_local_server_is_read_as_html_with_its_url(server):
    [raw] = read([f"{server}/page"])
    assert isinstance(raw, RawDocument)
    assert (raw.id, raw.kind, raw.url, raw.content.encode()) == (f"{server}/page", "html", f"{server}/page", PAGE)


def test_a_loopback_url_is_refused_unless_private_addresses_are_allowed(server):
    [rejection] = read([f"{server}/page"], Options())
    assert isinstance(rejection, Rejection)
    assert "non-public address 127.0.0.1" in rejection.reason and "--allow-private" in rejection.reason


def test_localhost_by_name_is_refused_after_resolving_it(server):
    port = server.rsplit(":", 1)[1]
    [rejection] = read([f"http://localhost:{port}/page"], Options())
    assert "non-public address" in rejection.reason


@pytest.mark.parametrize("url", [
    "http://10.0.0.1/",          # private
    "http://169.254.169.254/",   # link-local (cloud metadata)
    "http://224.0.0.1/",         # multicast
    "http://[::1]/",             # IPv6 loopback
    "http://0.0.0.0/",           # unspecified
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped loopback
    "http://[2002:7f00:1::]/",   # 6to4 wrapping 127.0.0.1
    "http://[64:ff9b::a00:1]/",  # NAT64 wrapping 10.0.0.1
])
def test_private_link_local_multicast_and_unspecified_addresses_are_refused_before_connecting(url):
    with Fetcher(FetchOptions()) as fetcher, pytest.raises(FetchError, match="non-public address"):
        fetcher.get(url)


def test_only_http_and_https_are_fetched():
    with Fetcher(FetchOptions(allow_private=True)) as fetcher, pytest.raises(FetchError, match="only http and https"):
        fetcher.get("ftp://127.0.0.1/file")


def test_redirects_are_followed_up_to_the_limit(server):
    [raw] = read([f"{server}/hop/2"], Options(fetch=FetchOptions(allow_private=True, max_redirects=3)))
    assert isinstance(raw, RawDocument) and raw.url == f"{server}/page" and raw.id == f"{server}/hop/2"


def test_more_redirects_than_allowed_is_a_rejection(server):
    [rejection] = read([f"{server}/hop/5"], Options(fetch=FetchOptions(allow_private=True, max_redirects=2)))
    assert "more than 2 redirects" in rejection.reason


def test_a_redirect_to_another_scheme_is_refused(server):
    [rejection] = read([f"{server}/to-ftp"])
    assert "only http and https" in rejection.reason


def test_a_response_over_max_bytes_is_refused_from_its_declared_length(server):
    [rejection] = read([f"{server}/big"], Options(fetch=FetchOptions(allow_private=True, max_bytes=50_000)))
    assert "over fetch.max_bytes=50000" in rejection.reason


def test_a_stream_without_length_is_stopped_once_it_passes_max_bytes(server):
    [rejection] = read([f"{server}/endless"], Options(fetch=FetchOptions(allow_private=True, max_bytes=50_000)))
    assert "passed fetch.max_bytes=50000" in rejection.reason


def test_a_slow_server_times_out(server):
    [rejection] = read([f"{server}/slow"], Options(fetch=FetchOptions(allow_private=True, timeout=0.3)))
    assert "Timeout" in rejection.reason


def test_an_http_error_status_is_a_rejection(server):
    [rejection] = read([f"{server}/missing"])
    assert rejection.reason == f"HTTP 404 from {server}/missing"


def test_a_feed_entry_link_is_fetched_only_when_asked(server):
    [summary_only] = read([f"{server}/feed"])
    assert summary_only.content == "Short summary."
    follow = Options(fetch=FetchOptions(allow_private=True, follow_feed_links=True))
    [followed] = read([f"{server}/feed"], follow)
    assert followed.content.encode() == PAGE and followed.outlet == "Local"


class LoopbackOnly(httpcore.SyncBackend):
    """The real socket backend, but it records every address it is asked to dial and dials only
    loopback: a test that went wrong can never reach another machine."""

    def __init__(self):
        self.dialled: list[str] = []

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        self.dialled.append(host)
        if host not in ("127.0.0.1", "::1"):
            raise httpcore.ConnectError(f"test refuses to dial {host}")
        return super().connect_tcp(host, port, timeout=timeout, local_address=local_address,
                                   socket_options=socket_options)


class Answers:
    """A DNS that answers each name from a list, one answer per lookup (the last one repeats)."""

    def __init__(self, **answers: list[list[str]]):
        self.answers = {name.replace("_", "."): list(replies) for name, replies in answers.items()}
        self.asked: list[str] = []

    def __call__(self, host: str) -> list[str]:
        self.asked.append(host)
        replies = self.answers[host]
        return replies.pop(0) if len(replies) > 1 else replies[0]


def test_a_name_is_connected_to_the_address_it_was_checked_at_not_resolved_again(server):
    # A rebinding DNS: the check gets loopback (allowed here), any later lookup another address.
    port = server.rsplit(":", 1)[1]
    dns, network = Answers(news_example=[["127.0.0.1"], ["10.9.9.9"]]), LoopbackOnly()
    with Fetcher(FetchOptions(allow_private=True), resolve=dns, network=network) as fetcher:
        fetched = fetcher.get(f"http://news.example:{port}/host")
    assert (dns.asked, network.dialled) == (["news.example"], ["127.0.0.1"])
    assert fetched.content.decode() == f"news.example:{port}"  # the Host header keeps the name


def test_a_public_check_answer_is_the_only_address_dialled():
    dns, network = Answers(news_example=[["93.184.216.34"], ["127.0.0.1"]]), LoopbackOnly()
    with Fetcher(FetchOptions(), resolve=dns, network=network) as fetcher, \
            pytest.raises(FetchError, match="could not fetch"):
        fetcher.get("http://news.example/page")
    # 93.184.216.34 passed the check, so it is dialled (the test backend refuses it); the rebound
    # loopback answer never is.
    assert network.dialled == ["93.184.216.34"]


def test_every_redirect_hop_is_resolved_once_and_connected_to_its_checked_address(server):
    port = server.rsplit(":", 1)[1]
    dns = Answers(first_example=[["127.0.0.1"]], second_example=[["127.0.0.1"], ["10.9.9.9"]])
    network = LoopbackOnly()
    with Fetcher(FetchOptions(allow_private=True), resolve=dns, network=network) as fetcher:
        fetched = fetcher.get(f"http://first.example:{port}/to/second.example")
    assert fetched.content.decode() == f"second.example:{port}"
    assert (dns.asked, network.dialled) == (["first.example", "second.example"], ["127.0.0.1", "127.0.0.1"])


def test_a_name_that_resolves_privately_is_refused_before_any_connection():
    dns, network = Answers(inside_example=[["10.0.0.5"]]), LoopbackOnly()
    with Fetcher(FetchOptions(), resolve=dns, network=network) as fetcher, \
            pytest.raises(FetchError, match="inside.example resolves to non-public address 10.0.0.5"):
        fetcher.get("http://inside.example/")
    assert network.dialled == []
