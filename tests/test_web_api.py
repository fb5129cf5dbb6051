"""The JSON API, in process (Starlette's TestClient) over a real SQLite store and the real spaCy model."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout

import pytest
from starlette.testclient import TestClient

from _invented_articles import HARBOUR, LIBRARY
from newsweave.api import Newsweave
from newsweave.cli import main
from newsweave.config import Options, WebOptions
from newsweave.web import create_app


@pytest.fixture()
def client(tmp_path, nlp):
    app = create_app(str(tmp_path / "api.sqlite"), Options(web=WebOptions(page_size=1)),
                     engine=Newsweave(nlp=nlp))
    with TestClient(app) as test_client:
        yield test_client


def add(client, *records):
    response = client.post("/api/articles", json={"records": list(records)})
    assert response.status_code == 200, response.text
    return response.json()


def test_an_empty_store_lists_no_stories(client):
    assert client.get("/api/stories").json() == {"stories": [], "page": 1, "size": 1, "next_page": None}


def test_an_empty_list_of_records_is_a_bad_request(client):
    response = client.post("/api/articles", json={"records": []})
    assert response.status_code == 400
    assert "at least one" in response.json()["error"]


def test_malformed_json_is_a_400_not_a_server_error(client):
    response = client.post("/api/articles", content=b'{"records": [', headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid request"


def test_json_of_the_wrong_shape_is_a_422_naming_the_field(client):
    response = client.post("/api/articles", json={"records": [{"text": HARBOUR, "colour": "red"}]})
    assert response.status_code == 422
    assert any("colour" in problem["where"] for problem in response.json()["detail"])


def test_a_body_over_the_size_limit_is_refused_with_413(tmp_path):
    app = create_app(str(tmp_path / "small.sqlite"), Options(web=WebOptions(max_body_bytes=1000)))
    with TestClient(app) as small:
        response = small.post("/api/articles", json={"records": [{"text": HARBOUR * 10}]})
    assert response.status_code == 413


def test_each_record_is_reported_stored_duplicate_or_rejected_with_its_reason(client):
    result = add(client, {"id": "harbour", "text": HARBOUR, "outlet": "Avel Post"}, {"id": "again", "text": HARBOUR},
                 {"id": "tiny", "text": "Too short to be an article."})
    statuses = {r["article"]: (r["status"], r["reason"]) for r in result["results"]}
    assert statuses["harbour"] == ("stored", None)
    assert statuses["again"][0] == "duplicate"
    assert statuses["tiny"][0] == "rejected" and "too short" in statuses["tiny"][1]
    assert (result["stored"], result["duplicates"], result["rejected"]) == (1, 1, 1)


def test_raw_html_with_its_url_is_stored_under_that_url(client):
    page = f"<html><head><title>Harbour wall</title></head><body><article><p>{HARBOUR}</p></article></body></html>"
    result = client.post("/api/articles/html", json={"html": page, "url": "https://avel.example/harbour"}).json()
    assert result["results"][0]["status"] == "stored"
    stored = client.get("/api/articles/https://avel.example/harbour").json()
    assert stored["url"] == "https://avel.example/harbour" and "harbour wall" in stored["text"]


def test_uploaded_files_are_read_like_files_given_to_ingest(client):
    files = [("files", ("../../etc/library.txt", LIBRARY.encode(), "text/plain"))]
    result = client.post("/api/articles/files", files=files).json()
    assert result["results"][0]["status"] == "stored"
    # Only the last part of the browser's file name is used: an upload never names a server path.
    assert result["results"][0]["article"] == "library.txt"


def test_a_url_that_is_not_http_is_refused_and_never_read_from_disk(client):
    for url in ("/etc/passwd", "file:///etc/passwd"):
        response = client.post("/api/articles/url", json={"url": url})
        assert response.status_code == 400
        assert "http" in response.json()["error"]


def test_fetching_a_loopback_address_is_refused_by_default(client):
    result = client.post("/api/articles/url", json={"url": "http://127.0.0.1:9/feed.xml"}).json()
    assert result["results"][0]["status"] == "rejected"
    assert "allow-private" in result["results"][0]["reason"]


def test_stories_are_paged_and_filtered_by_text(client):
    add(client, {"id": "harbour", "text": HARBOUR, "published": "2024-03-05"},
        {"id": "library", "text": LIBRARY, "published": "2024-03-08"})
    first = client.get("/api/stories").json()
    assert len(first["stories"]) == 1 and first["next_page"] == 2
    second = client.get("/api/stories", params={"page": 2}).json()
    assert second["next_page"] is None
    assert first["stories"][0]["id"] != second["stories"][0]["id"]
    found = client.get("/api/stories", params={"q": "library volunteers", "size": 10}).json()["stories"]
    assert [s["title"] for s in found] == [LIBRARY.split("\n")[0][:97].rsplit(" ", 1)[0] + "…"]


def test_stories_are_filtered_by_date(client):
    add(client, {"id": "harbour", "text": HARBOUR, "published": "2024-03-05"},
        {"id": "library", "text": LIBRARY, "published": "2024-03-08"})
    since = client.get("/api/stories", params={"since": "2024-03-07", "size": 10}).json()["stories"]
    until = client.get("/api/stories", params={"until": "2024-03-06", "size": 10}).json()["stories"]
    assert [s["first_published"][:10] for s in since] == ["2024-03-08"]
    assert [s["first_published"][:10] for s in until] == ["2024-03-05"]


def test_a_search_with_no_words_is_a_bad_request(client):
    assert client.get("/api/articles/search", params={"q": "!!! ???"}).status_code == 400


def test_search_finds_articles_by_their_words(client):
    add(client, {"id": "harbour", "text": HARBOUR}, {"id": "library", "text": LIBRARY})
    found = client.get("/api/articles/search", params={"q": "reading garden"}).json()["articles"]
    assert [a["id"] for a in found] == ["library"]


def test_an_unknown_story_is_a_404_with_a_message(client):
    for path in ("/api/stories/S404", "/api/stories/S404/brief", "/stories/S404.json"):
        response = client.get(path)
        assert response.status_code == 404
        assert "S404" in response.json()["error"]


def test_the_brief_is_exactly_the_brief_command_json(client, seeds_dir, tmp_path):
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(seeds_dir.glob("*.txt"))]
    story = client.post("/api/articles/files", files=files).json()["results"][0]["story"]
    served = client.get(f"/api/stories/{story}/brief")
    db = client.app.state.access.url
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["brief", "--story", story, "--db", db, "--format", "json"]) == 0
    assert served.text == out.getvalue()
    assert json.loads(served.text)["summary"], "the seeds brief has a summary"


def test_the_story_page_has_a_json_twin_with_the_story_and_its_brief(client, seeds_dir):
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(seeds_dir.glob("*.txt"))]
    story = client.post("/api/articles/files", files=files).json()["results"][0]["story"]
    twin = client.get(f"/stories/{story}.json").json()
    assert twin["story"] == client.get(f"/api/stories/{story}").json()
    assert twin["brief"] == client.get(f"/api/stories/{story}/brief").json()


def test_the_openapi_schema_is_served_and_the_cdn_docs_pages_are_off(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/stories", "/api/articles/search"} <= set(schema["paths"])
    assert client.get("/docs").status_code == 404


def test_pages_refer_to_no_other_host(client, seeds_dir):
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(seeds_dir.glob("*.txt"))]
    story = client.post("/api/articles/files", files=files).json()["results"][0]["story"]
    for path in ("/", f"/stories/{story}", "/add"):
        page = client.get(path, headers={"accept": "text/html"})
        assert page.status_code == 200
        assets = re.findall(r'\bsrc="([^"]*)"', page.text) + re.findall(r'<link[^>]*\bhref="([^"]*)"', page.text)
        assert assets and all(a.startswith("/") and not a.startswith("//") for a in assets), assets
        assert "default-src 'self'" in page.headers["content-security-policy"]


# Entries carry two paragraphs: a one-<p> fragment extracts to no text (reported to the sources owner).
FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Avel Post</title><link>http://avel.example/</link>
<item><title>Harbour wall vote</title><link>http://avel.example/harbour</link><guid>harbour</guid>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate><description><![CDATA[<div><p>{HARBOUR}</p><p>{HARBOUR}</p></div>]]></description></item>
<item><title>Library opens</title><link>http://avel.example/library</link><guid>library</guid>
<pubDate>Fri, 08 Mar 2024 09:00:00 GMT</pubDate><description><![CDATA[<div><p>{LIBRARY}</p><p>{LIBRARY}</p></div>]]></description></item>
</channel></rss>"""


@pytest.fixture()
def feed():
    """A real HTTP server on 127.0.0.1 serving ``feed.text`` (the invented feed; tests may change it)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from types import SimpleNamespace

    served = SimpleNamespace(text=FEED, url="")

    class Feed(BaseHTTPRequestHandler):
        def do_GET(self):
            body = served.text.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served.url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    yield served
    server.shutdown()


def test_a_feed_on_a_private_address_is_fetched_when_the_operator_allows_it(tmp_path, feed):
    from newsweave.config import FetchOptions

    app = create_app(str(tmp_path / "feed.sqlite"), Options(fetch=FetchOptions(allow_private=True)))
    with TestClient(app) as allowed:
        result = allowed.post("/api/articles/url", json={"url": feed.url}).json()
        assert [(r["article"], r["status"]) for r in result["results"]] == [("harbour", "stored"), ("library", "stored")]
        assert allowed.get("/api/articles/harbour").json()["outlet"] == "Avel Post"


def test_the_same_feed_is_refused_when_private_addresses_are_not_allowed(client, feed):
    result = client.post("/api/articles/url", json={"url": feed.url}).json()
    assert result["rejected"] == 1 and result["stored"] == 0


def test_a_followed_feed_is_read_again_and_its_new_entries_stored(tmp_path, feed):
    import time

    from newsweave.config import FetchOptions

    feed.text = FEED.replace(FEED[FEED.index("<item><title>Library"):FEED.index("</channel>")], "")
    app = create_app(str(tmp_path / "follow.sqlite"), Options(fetch=FetchOptions(allow_private=True)))
    with TestClient(app) as allowed:
        first = allowed.post("/api/feeds", json={"url": feed.url, "every_seconds": 1}).json()
        assert [r["article"] for r in first["results"]] == ["harbour"]
        feed.text = FEED  # the feed gains the library entry
        deadline = time.monotonic() + 20
        while allowed.get("/api/articles/library").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert allowed.get("/api/articles/library").status_code == 200
        [state] = allowed.get("/api/feeds").json()
        assert state["url"] == feed.url and state["fetches"] >= 2 and state["last_error"] is None
        assert allowed.delete("/api/feeds", params={"url": feed.url}).status_code == 200
        assert allowed.get("/api/feeds").json() == []


def test_a_feed_that_cannot_be_fetched_is_not_followed(client):
    result = client.post("/api/feeds", json={"url": "http://127.0.0.1:9/feed.xml"}).json()
    assert result["rejected"] == 1
    assert client.get("/api/feeds").json() == []
