"""The server-rendered pages and their JSON twins, in process over a real SQLite store."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from newsweave.api import Newsweave
from newsweave.config import Options
from newsweave.web import create_app

HTML = {"accept": "text/html"}
# Two invented reports of one invented event, from two outlets on two days.
FIRST = ("The council of Port Avel voted on Tuesday to rebuild the old harbour wall after the winter storm. "
         "The work will cost 12 million euros and take three years, the mayor of Port Avel told reporters "
         "at the town hall on Tuesday evening.")
SECOND = ("Port Avel will rebuild its old harbour wall after the winter storm, the council decided on Tuesday. "
          "The mayor of Port Avel said the work will cost 12 million euros and take three years, and that "
          "local builders will be hired for the harbour wall.")


@pytest.fixture()
def client(tmp_path, nlp):
    with TestClient(create_app(str(tmp_path / "pages.sqlite"), Options(), engine=Newsweave(nlp=nlp))) as test_client:
        yield test_client


def test_the_story_list_of_an_empty_store_invites_adding_articles(client):
    page = client.get("/", headers=HTML)
    assert page.status_code == 200
    assert "No stories yet" in page.text and 'href="/add"' in page.text
    assert client.get("/index.json").json()["stories"] == []


def test_an_empty_add_form_is_refused_with_a_message(client):
    page = client.post("/add", data={"text": "  "}, headers=HTML)
    assert page.status_code == 400
    assert "nothing to add" in page.text


def test_a_bad_date_in_the_story_list_is_a_400_page(client):
    page = client.get("/", params={"since": "yesterday"}, headers=HTML)
    assert page.status_code == 400 and "YYYY-MM-DD" in page.text


def test_an_unknown_story_page_is_a_404_page(client):
    page = client.get("/stories/S404", headers=HTML)
    assert page.status_code == 404 and "S404" in page.text and "<html" in page.text


def test_a_dated_story_charts_each_outlets_articles_over_time(client):
    added = client.post("/api/articles", json={"records": [
        {"id": "first", "text": FIRST, "outlet": "Avel Post", "published": "2024-03-05"},
        {"id": "second", "text": SECOND, "outlet": "Harbour News", "published": "2024-03-06"}]}).json()
    stories = {r["story"] for r in added["results"]}
    assert len(stories) == 1, added
    page = client.get(f"/stories/{stories.pop()}", headers=HTML).text
    chart = page.split('class="chart coverage-chart"', 1)[1].split("</svg>", 1)[0]
    assert chart.count("<circle") == 2
    assert "Avel Post" in chart and "Harbour News" in chart


def test_the_article_page_highlights_the_cited_span_and_has_a_json_twin(client):
    client.post("/api/articles", json={"records": [{"id": "first", "text": FIRST, "outlet": "Avel Post"}]})
    page = client.get("/articles/first", params={"start": 4, "end": 11}, headers=HTML).text
    assert '<mark id="cited">council</mark>' in page
    assert client.get("/articles/first.json").json()["text"] == FIRST


def test_the_same_url_with_new_text_is_an_update(client):
    url = "https://avel.example/harbour"
    client.post("/api/articles/html", json={"html": f"<html><body><article><p>{FIRST}</p></article></body></html>",
                                            "url": url})
    result = client.post("/api/articles/html", json={"html": f"<html><body><article><p>{SECOND}</p></article>"
                                                             "</body></html>", "url": url}).json()
    assert result["results"][0]["status"] == "updated"
    assert client.get(f"/api/articles/{url}").json()["version"] == 2


def test_pasted_text_through_the_form_is_stored_with_its_title_and_outlet(client):
    page = client.post("/add", data={"text": FIRST, "title": "Harbour vote", "outlet": "Avel Post"}, headers=HTML)
    assert page.status_code == 200 and "1 stored" in page.text
    story = client.get("/api/stories").json()["stories"][0]
    assert story["outlets"] == ["Avel Post"] and story["title"] == "Harbour vote"


def test_the_add_form_has_a_json_twin_reporting_each_outcome(client):
    result = client.post("/add?format=json", data={"text": FIRST, "outlet": "Avel Post"}).json()
    assert result["stored"] == 1 and result["errors"] == []
    assert result["results"][0]["status"] == "stored"


def test_stopping_a_feed_that_is_not_followed_is_a_404(client):
    assert client.delete("/api/feeds", params={"url": "https://avel.example/feed"}).status_code == 404
