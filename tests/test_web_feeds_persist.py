"""Followed feeds survive a restart of the web server: the store keeps them, and a new app on the same
store lists them and fetches them again. A real HTTP server on 127.0.0.1 serves the invented feed."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from newsweave.config import FetchOptions, Options
from newsweave.store import open_store
from newsweave.web import create_app

# The invented two-entry feed and the real 127.0.0.1 server that serves it, from the API tests.
from test_web_api import FEED, feed  # noqa: F401  (feed is a pytest fixture, used by name)

ALLOWED = Options(fetch=FetchOptions(allow_private=True))
HOUR = 3600  # so long that any second fetch in a test can only come from the restart


def only_harbour(text: str) -> str:
    """The feed before its library entry was published."""
    return text.replace(text[text.index("<item><title>Library"):text.index("</channel>")], "")


def wait_for(client: TestClient, path: str, seconds: float = 20.0) -> int:
    deadline = time.monotonic() + seconds
    while (status := client.get(path).status_code) != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    return status


def test_a_new_server_lists_no_followed_feeds(tmp_path):
    with TestClient(create_app(str(tmp_path / "empty.sqlite"), ALLOWED)) as client:
        assert client.get("/api/feeds").json() == []


def test_a_followed_feed_is_listed_and_fetched_again_by_a_restarted_server(tmp_path, feed):
    db = str(tmp_path / "restart.sqlite")
    feed.text = only_harbour(FEED)
    with TestClient(create_app(db, ALLOWED)) as first:
        added = first.post("/api/feeds", json={"url": feed.url, "every_seconds": HOUR, "follow_links": False})
        assert [r["article"] for r in added.json()["results"]] == ["harbour"]
    feed.text = FEED  # the library entry is published while the server is down
    with TestClient(create_app(db, ALLOWED)) as second:
        [listed] = second.get("/api/feeds").json()
        assert (listed["url"], listed["every_seconds"], listed["follow_links"]) == (feed.url, HOUR, False)
        assert wait_for(second, "/api/articles/library") == 200
        assert second.get("/api/articles/library").json()["outlet"] == "Avel Post"
        [state] = second.get("/api/feeds").json()
        assert state["fetches"] >= 1 and state["last_error"] is None


def test_following_is_written_to_the_store_before_the_answer(tmp_path, feed):
    db = str(tmp_path / "stored.sqlite")
    with TestClient(create_app(db, ALLOWED)) as client:
        assert client.post("/api/feeds", json={"url": feed.url, "every_seconds": HOUR}).json()["stored"] == 2
        # Another connection (another process would do the same) sees it while the server still runs.
        with open_store(db) as store:
            [kept] = store.followed_feeds()
    assert (kept.url, kept.every_seconds, kept.follow_links) == (feed.url, HOUR, False) and kept.added is not None


def test_following_the_same_feed_again_keeps_one_entry_with_the_new_interval(tmp_path, feed):
    db = str(tmp_path / "again.sqlite")
    with TestClient(create_app(db, ALLOWED)) as client:
        client.post("/api/feeds", json={"url": feed.url, "every_seconds": HOUR})
        client.post("/api/feeds", json={"url": feed.url, "every_seconds": 2 * HOUR})
        assert [(f["url"], f["every_seconds"]) for f in client.get("/api/feeds").json()] == [(feed.url, 2 * HOUR)]
    with TestClient(create_app(db, ALLOWED)) as restarted:
        assert [(f["url"], f["every_seconds"]) for f in restarted.get("/api/feeds").json()] == [(feed.url, 2 * HOUR)]


def test_an_unfollowed_feed_is_not_followed_after_a_restart(tmp_path, feed):
    db = str(tmp_path / "unfollow.sqlite")
    with TestClient(create_app(db, ALLOWED)) as first:
        first.post("/api/feeds", json={"url": feed.url, "every_seconds": HOUR})
        assert first.delete("/api/feeds", params={"url": feed.url}).json() == {"stopped": feed.url}
        assert first.delete("/api/feeds", params={"url": feed.url}).status_code == 404
    with TestClient(create_app(db, ALLOWED)) as second:
        assert second.get("/api/feeds").json() == []


def test_a_resumed_feed_that_cannot_be_fetched_stays_followed_with_its_error(tmp_path):
    db = str(tmp_path / "down.sqlite")
    from newsweave.model import FollowedFeed

    with open_store(db) as store:  # followed earlier; its server is gone now (port 9: nothing listens)
        store.follow_feed(FollowedFeed("http://127.0.0.1:9/feed.xml", HOUR))
    with TestClient(create_app(db, ALLOWED)) as client:
        deadline = time.monotonic() + 20
        while not (states := client.get("/api/feeds").json())[0]["fetches"] and time.monotonic() < deadline:
            time.sleep(0.2)
        [state] = states
        assert state["url"] == "http://127.0.0.1:9/feed.xml" and state["fetches"] == 1 and state["last_error"]
    with open_store(db) as store:
        assert [f.url for f in store.followed_feeds()] == ["http://127.0.0.1:9/feed.xml"]


def _serve(db: str):
    """``newsweave serve --allow-private`` as a real process on a free 127.0.0.1 port; (process, base URL)."""
    import socket
    import subprocess
    import sys

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "serve", "--db", db, "--host", "127.0.0.1",
                                "--port", str(port), "--allow-private", "--log-level", "warning"],
                               stderr=subprocess.DEVNULL)
    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(f"{base}/api/feeds", timeout=2)
            return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError("the server did not answer within 30 s")


def test_a_followed_feed_survives_killing_the_server_process(tmp_path, feed):
    import httpx

    db = str(tmp_path / "killed.sqlite")
    feed.text = only_harbour(FEED)
    process, base = _serve(db)
    try:
        answer = httpx.post(f"{base}/api/feeds", json={"url": feed.url, "every_seconds": HOUR}, timeout=60)
        assert answer.json()["stored"] == 1
    finally:
        process.kill()  # SIGKILL: no shutdown code runs
        process.wait(timeout=30)
    feed.text = FEED
    process, base = _serve(db)
    try:
        assert [f["url"] for f in httpx.get(f"{base}/api/feeds", timeout=10).json()] == [feed.url]
        deadline = time.monotonic() + 30
        while httpx.get(f"{base}/api/articles/library", timeout=10).status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert httpx.get(f"{base}/api/articles/library", timeout=10).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
