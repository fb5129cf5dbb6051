"""The web server and another writer (``newsweave ingest``) on one SQLite file: the server's clusterer
must see the other writer's stories. Real store, real clustering, two connections."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from _invented_articles import HARBOUR, LIBRARY, RAIL
from newsweave.api import Newsweave
from newsweave.cli import EXIT_OK, main
from newsweave.config import Options
from newsweave.store import open_store
from newsweave.web import create_app

FIRST, SECOND, THIRD = "000_82769e1fad382a14.txt", "002_f33cf88d83b625ee.txt", "003_87f9573ed8a4bfae.txt"


@pytest.fixture()
def shared(tmp_path, nlp, seeds_dir):
    """A running server that has stored one article; then the command line, on the same file with its
    own connection, stores an unrelated article and two seed articles (two new stories, numbered
    after the server's). Yields the client, the seed articles' story and the store's path."""
    db = str(tmp_path / "shared.sqlite")
    library = tmp_path / "library.txt"
    library.write_text(LIBRARY, encoding="utf-8")
    with TestClient(create_app(db, Options(), engine=Newsweave(nlp=nlp))) as client:
        _add(client, {"id": "harbour", "text": HARBOUR, "outlet": "Port Avel Post"})
        assert main(["ingest", str(library), str(seeds_dir / FIRST), str(seeds_dir / SECOND), "--db", db],
                    nlp=nlp) == EXIT_OK
        with open_store(db) as store:
            (story,) = {store.article(name).story for name in (FIRST, SECOND)}
            assert store.article("library.txt").story != story
        yield client, story, db


def _add(client, record) -> dict:
    response = client.post("/api/articles", json={"records": [record]})
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    assert result["status"] == "stored", result
    return result


def test_an_article_sent_to_the_server_joins_a_story_another_process_stored(shared, seeds_dir):
    client, story, _ = shared
    third = (seeds_dir / THIRD).read_text(encoding="utf-8")
    assert _add(client, {"id": "third", "text": third, "outlet": "Third Outlet"})["story"] == story


def test_a_new_story_from_the_server_does_not_take_an_id_another_process_used(shared):
    client, story, db = shared
    result = _add(client, {"id": "rail", "text": RAIL, "outlet": "Lunde Courier"})
    with open_store(db) as store:
        assert [s.article.id for s in store.story_articles(result["story"])] == ["rail"]
    assert result["story"] != story
