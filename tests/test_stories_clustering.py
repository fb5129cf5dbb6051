"""Online story clustering: same input, same stories; two similar events weeks apart stay apart;
the stories and brief --story commands read the store."""

from __future__ import annotations

import json

from newsweave.api import Newsweave
from newsweave.cli import main
from newsweave.config import StoryOptions
from newsweave.model import Article
from newsweave.store import open_store
from newsweave.stories import StoryAssigner

from _stories_corpus import QUAKE_REPORTS, START, WEEK, raw, story_articles


def _stories(articles: list[Article]) -> list[str]:
    assigner = StoryAssigner(StoryOptions())
    stories = []
    for article in articles:
        decision = assigner.decide(article)
        assigner.commit(decision)
        stories.append(decision.story)
    return stories


def _articles(count: int, seed: int) -> list[Article]:
    return [Article(id=f"a{i}", text=text, outlet="o") for i, (_, text) in enumerate(story_articles(count, seed=seed))]


def test_the_same_articles_in_the_same_order_give_the_same_stories():
    articles = _articles(40, seed=21)
    assert _stories(articles) == _stories(articles)


def test_articles_of_invented_stories_are_grouped_by_story():
    pairs = story_articles(40, seed=21)
    predicted = _stories([Article(id=f"a{i}", text=text, outlet="o") for i, (_, text) in enumerate(pairs)])
    gold = [label for label, _ in pairs]
    together = sum(1 for i in range(len(gold)) for j in range(i) if (gold[i] == gold[j]) == (predicted[i] == predicted[j]))
    assert together / (len(gold) * (len(gold) - 1) / 2) > 0.95


def test_no_articles_make_no_stories():
    assert _stories([]) == []


def _quake_reports(which: str, day, prefix: str) -> list[Article]:
    return [Article(id=f"{prefix}{k}", text=text, outlet=f"outlet{k}", published=day + k * (WEEK / 7))
            for k, text in enumerate(QUAKE_REPORTS[which])]


def test_two_similar_earthquakes_weeks_apart_are_two_stories():
    stories = _stories(_quake_reports("first", START, "q1-") + _quake_reports("second", START + 5 * WEEK, "q2-"))
    assert len(set(stories[:3])) == 1 and len(set(stories[3:])) == 1
    assert stories[0] != stories[3]


def test_a_story_scores_lower_for_an_article_weeks_after_it():
    first, second, _ = _quake_reports("first", START, "q-")
    assigner = StoryAssigner(StoryOptions())
    decision = assigner.decide(first)
    assigner.commit(decision)
    features, story = assigner.decide(second).features, decision.story
    same_week = assigner.clusterer.score(story, features, START.date())
    weeks_later = assigner.clusterer.score(story, features, (START + 6 * WEEK).date())
    assert weeks_later < same_week


def test_reports_of_one_earthquake_over_three_days_are_one_story():
    assert len(set(_stories(_quake_reports("first", START, "q-")))) == 1


def _store_with_stories(tmp_path):
    db = str(tmp_path / "s.sqlite")
    docs = [raw(a.id, a.text, day=a.published, outlet=a.outlet)
            for a in _quake_reports("first", START, "v") + _quake_reports("second", START + 5 * WEEK, "k")]
    with open_store(db) as store:
        Newsweave().ingest(docs, store=store)
    return db


def test_stories_lists_title_size_outlets_and_dates_as_json(tmp_path, capsys):
    db = _store_with_stories(tmp_path)
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["size"] for row in rows] == [3, 3]
    assert rows[0]["first"].startswith("2024-04-08") and rows[1]["last"].startswith("2024-03-06")
    assert rows[0]["outlets"] == ["outlet0", "outlet1", "outlet2"] and "Kestrel Bay" in rows[0]["title"]


def test_stories_filters_by_words_and_by_date(tmp_path, capsys):
    db = _store_with_stories(tmp_path)
    main(["stories", "--db", db, "--query", "Valdoria", "--format", "json"])
    assert [len(r["articles"]) for r in json.loads(capsys.readouterr().out)] == [3]
    main(["stories", "--db", db, "--since", "2024-04-01"])
    out = capsys.readouterr().out
    assert "Kestrel Bay" in out and "Valdoria" not in out


def test_stories_of_an_empty_store_says_there_are_none(tmp_path, capsys):
    assert main(["stories", "--db", str(tmp_path / "s.sqlite")]) == 0
    assert "no stories stored yet" in capsys.readouterr().err


def test_brief_of_a_stored_story_cites_only_that_storys_articles(tmp_path, capsys, nlp):
    db = _store_with_stories(tmp_path)
    with open_store(db) as store:
        story = store.stories(query="Valdoria")[0]
        brief = Newsweave(nlp=nlp).brief_story(story.id, store=store)
    assert brief.story == story.id
    assert {a.id for a in brief.articles} == {"v0", "v1", "v2"}
    assert all(s.source.article in {"v0", "v1", "v2"} for s in brief.summary)


def test_brief_of_an_unknown_story_is_a_clear_error(tmp_path, capsys):
    assert main(["brief", "--story", "S9999999", "--db", str(tmp_path / "s.sqlite")]) == 2
    assert "no story 'S9999999'" in capsys.readouterr().err


def test_the_brief_command_writes_the_brief_of_a_stored_story(tmp_path, capsys):
    db = _store_with_stories(tmp_path)
    with open_store(db) as store:
        story = store.stories(query="Kestrel")[0].id
    assert main(["brief", "--story", story, "--db", db, "--format", "json"]) == 0
    brief = json.loads(capsys.readouterr().out)
    assert "Kestrel Bay" in json.dumps(brief) and "Valdoria" not in json.dumps(brief)
