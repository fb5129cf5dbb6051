"""Merging two stories in the store (``Store.merge_stories``), on SQLite and on a real PostgreSQL, and
the second pass that uses it after an ingest run (``StoryOptions.merge_threshold``)."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import datetime

import pytest

from newsweave.api import Newsweave
from newsweave.config import Options, StoryOptions
from newsweave.errors import StoreError
from newsweave.model import Article, StoredArticle

from _stories_corpus import raw, story_articles, write_corpus
from test_postgres_store import POSTGRES, drop_schema, make_store, needs_postgres, store  # noqa: F401  (fixtures)


def _add(store, article_id: str, story: str, *, outlet: str, day: int | None) -> None:
    published = datetime(2024, 5, day, 12, 0) if day is not None else None
    article = Article(id=article_id, text=f"Text of {article_id}.", outlet=outlet, origin="test",
                      title=f"Title {article_id}", published=published)
    store.add_article(StoredArticle(article=article, content_hash=f"hash-{article_id}", story=story),
                      key=f"key-{article_id}", features=b"", signature=b"")


@pytest.fixture
def two_stories(store):
    """S1 (first article first, days 10–12, outlet A) and S2 (days 5–20, outlets B and C)."""
    _add(store, "a1", "S1", outlet="A", day=10)
    _add(store, "b1", "S2", outlet="B", day=20)
    _add(store, "a2", "S1", outlet="A", day=12)
    _add(store, "b2", "S2", outlet="C", day=5)
    _add(store, "b3", "S2", outlet="B", day=None)
    return store


def test_merging_moves_the_articles_and_deletes_the_emptied_story(two_stories):
    assert two_stories.merge_stories("S1", "S2") == "S1"
    assert [s.article.id for s in two_stories.story_articles("S1")] == ["a1", "b1", "a2", "b2", "b3"]
    assert [s.id for s in two_stories.stories()] == ["S1"]
    assert two_stories.counts().stories == 1 and two_stories.check() == []


def test_the_merged_story_lists_its_title_size_outlets_and_dates_over_both(two_stories):
    two_stories.merge_stories("S1", "S2")
    story = two_stories.story("S1")
    assert story.title == "Title a1" and len(story.articles) == 5
    assert story.outlets == ("A", "B", "C")
    assert story.first_published == datetime(2024, 5, 5, 12, 0)
    assert story.last_published == datetime(2024, 5, 20, 12, 0)


def test_the_story_whose_first_article_came_first_keeps_its_id_whichever_is_named_first(two_stories):
    assert two_stories.merge_stories("S2", "S1") == "S1"
    assert two_stories.story("S1").title == "Title a1"


def test_merging_again_changes_nothing(two_stories):
    two_stories.merge_stories("S1", "S2")
    listing = [(s.id, s.articles, s.outlets, s.first_published) for s in two_stories.stories()]
    assert two_stories.merge_stories("S1", "S2") == "S1"
    assert two_stories.merge_stories("S2", "S1") == "S1"
    assert [(s.id, s.articles, s.outlets, s.first_published) for s in two_stories.stories()] == listing
    assert two_stories.merged_stories() == {"S2": "S1"} and two_stories.check() == []


def test_the_merged_id_still_answers_with_the_story_it_went_into(two_stories):
    two_stories.merge_stories("S1", "S2")
    assert two_stories.story("S2").id == "S1"
    assert [s.article.id for s in two_stories.story_articles("S2")] == ["a1", "b1", "a2", "b2", "b3"]


def test_an_article_stored_later_under_the_merged_id_goes_to_the_remaining_story(two_stories):
    two_stories.merge_stories("S1", "S2")
    _add(two_stories, "late", "S2", outlet="D", day=21)
    assert two_stories.article("late").story == "S1"
    assert [s.id for s in two_stories.stories()] == ["S1"] and two_stories.check() == []


def test_a_chain_of_merges_points_every_old_id_at_the_last_story(two_stories):
    _add(two_stories, "c1", "S3", outlet="E", day=1)
    two_stories.merge_stories("S2", "S3")
    two_stories.merge_stories("S1", "S2")
    assert two_stories.merged_stories() == {"S2": "S1", "S3": "S1"}
    assert len(two_stories.story("S3").articles) == 6 and two_stories.check() == []


def test_merging_an_unknown_story_is_a_store_error_and_changes_nothing(two_stories):
    with pytest.raises(StoreError, match="no story 'S9' to merge"):
        two_stories.merge_stories("S1", "S9")
    assert [len(s.articles) for s in two_stories.stories()] == [3, 2]


# --- the second pass after an ingest run ---------------------------------------------------------

# A strict online pass (threshold 0.95) splits each invented story into pieces; the second pass at
# 0.2 must join the pieces of one story and nothing across stories.
SPLIT = StoryOptions(threshold=0.95, time_weight=0.0)
JOIN = StoryOptions(threshold=0.95, time_weight=0.0, merge_threshold=0.2)


def _corpus(count: int = 32, seed: int = 3):
    labelled = story_articles(count, seed=seed)
    return [raw(f"a{i:02d}", text) for i, (_, text) in enumerate(labelled)], {f"a{i:02d}": label for i, (label, _) in
                                                                             enumerate(labelled)}


def _labels_per_story(store, labels):
    return {s.id: Counter(labels[a.split("~")[0]] for a in s.articles) for s in store.stories(limit=None)}


def test_without_the_second_pass_a_strict_online_pass_splits_the_invented_stories(store):
    docs, labels = _corpus()
    Newsweave(Options(stories=SPLIT)).ingest(docs, store=store)
    assert store.counts().stories > len(set(labels.values()))


def test_the_second_pass_joins_the_pieces_of_each_story_and_nothing_across_stories(store):
    docs, labels = _corpus()
    summary = Newsweave(Options(stories=JOIN)).ingest(docs, store=store)
    per_story = _labels_per_story(store, labels)
    assert all(len(mix) == 1 for mix in per_story.values())  # no story mixes two invented ones
    assert len(per_story) == len(set(labels.values())) == 4  # and each invented story is whole
    assert summary.merged == len(store.merged_stories()) > 0
    assert set(store.merged_stories().values()) <= set(per_story) and store.check() == []


def test_absorb_joins_the_pieces_a_strict_second_pass_leaves_apart_and_nothing_across_stories(store):
    # At mean cosine 0.95 the second pass merges none of the pieces (26 stories); letting pieces of up
    # to 2 articles join their nearest story by centroid rebuilds the 4 invented stories.
    docs, labels = _corpus()
    strict = StoryOptions(threshold=0.95, time_weight=0.0, merge_threshold=0.95, absorb_size=2)
    summary = Newsweave(Options(stories=strict)).ingest(docs, store=store)
    per_story = _labels_per_story(store, labels)
    assert all(len(mix) == 1 for mix in per_story.values()) and len(per_story) == 4
    assert summary.merged == len(store.merged_stories()) > 0 and store.check() == []


def test_a_rerun_after_the_merge_stores_nothing_again_and_keeps_the_stories(store):
    docs, labels = _corpus()
    Newsweave(Options(stories=JOIN)).ingest(docs, store=store)
    before = [(s.id, s.articles) for s in store.stories(limit=None)]
    again = Newsweave(Options(stories=JOIN)).ingest(docs, store=store)
    assert (again.stored, again.duplicates, again.merged) == (0, len(docs), 0)
    assert [(s.id, s.articles) for s in store.stories(limit=None)] == before


def test_articles_ingested_after_a_merge_join_the_merged_stories_and_reuse_no_merged_id(make_store):
    docs, labels = _corpus(48)
    with make_store() as store:
        Newsweave(Options(stories=JOIN)).ingest(docs[:32], store=store)
        merged_ids = set(store.merged_stories())
    with make_store() as store:  # a new process: the clustering state is rebuilt from the store
        Newsweave(Options(stories=JOIN)).ingest(docs[32:], store=store)
        per_story = _labels_per_story(store, labels)
        assert not merged_ids & set(per_story)
        assert all(len(mix) == 1 for mix in per_story.values()) and store.check() == []
        assert sum(sum(mix.values()) for mix in per_story.values()) == 48


def test_a_brief_of_the_remaining_id_holds_the_articles_of_both_merged_stories(store, nlp):
    docs, labels = _corpus(16)
    Newsweave(Options(stories=SPLIT)).ingest(docs, store=store)
    first, second = (s.id for s in sorted(store.stories(limit=None), key=lambda s: s.articles[0])[:2])
    expected = set(store.story(first).articles) | set(store.story(second).articles)
    keep = store.merge_stories(second, first)
    brief = Newsweave(Options(), nlp=nlp).brief_story(keep, store=store)
    assert {info.id for info in brief.articles} == expected


def test_ingest_merge_on_the_command_line_stores_the_joined_stories(tmp_path, capsys):
    from newsweave.cli import main

    write_corpus(tmp_path / "in", 24, seed=3)
    db = str(tmp_path / "cli.sqlite")
    assert main(["ingest", str(tmp_path / "in"), "--db", db, "--threshold", "0.95", "--merge", "0.2"]) == 0
    assert "stories into others; the store holds 24 articles in 3 stories" in capsys.readouterr().err


def test_stories_merge_runs_the_second_pass_over_the_whole_store(tmp_path, capsys):
    from newsweave.cli import main

    write_corpus(tmp_path / "in", 24, seed=3)
    db = str(tmp_path / "cli.sqlite")
    assert main(["ingest", str(tmp_path / "in"), "--db", db, "--threshold", "0.95"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", db, "--merge", "0.2", "--format", "json"]) == 0
    out = capsys.readouterr()
    assert "→ 3 stories" in out.err
    assert sorted(story["size"] for story in json.loads(out.out)) == [8, 8, 8]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, needs_postgres])])
def db_url(request, tmp_path):
    """Makes ``--db`` values for the command line: a new, empty store per call, on each backend."""
    from newsweave.store.postgres import PostgresStore

    schemas = []

    def new() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        if request.param == "sqlite":
            return str(tmp_path / f"{name}.sqlite")
        schemas.append(name)
        PostgresStore(POSTGRES, schema=name).close()
        return f"{POSTGRES}?options=-csearch_path%3D{name}"

    yield new
    for name in schemas:
        drop_schema(name)


def _ingest_in_two_runs(main, tmp_path, db: str) -> dict[str, str]:
    """The 24 invented articles (3 stories of 8, in order) ingested in two runs of 12 with a strict
    online pass and no second pass; returns file name → story label."""
    labels = write_corpus(tmp_path / "all", 24, seed=3)
    for run, names in (("run1", sorted(labels)[:12]), ("run2", sorted(labels)[12:])):
        (tmp_path / run).mkdir(exist_ok=True)
        for name in names:
            (tmp_path / run / name).write_text((tmp_path / "all" / name).read_text(encoding="utf-8"), encoding="utf-8")
        assert main(["ingest", str(tmp_path / run), "--db", db, "--threshold", "0.95"]) == 0
    return labels


def _stories_json(main, capsys, db: str, *flags: str) -> tuple[list[dict], str]:
    capsys.readouterr()
    assert main(["stories", "--db", db, "--format", "json", "--limit", "100", *flags]) == 0
    out = capsys.readouterr()
    return json.loads(out.out), out.err


def test_stories_merge_with_absorb_joins_every_run_s_pieces_over_the_whole_store(db_url, tmp_path, capsys):
    # The archive workflow: ingest in runs without absorb, then one pass over the whole store with it.
    # At mean cosine 0.95 average linkage joins none of the pieces; absorbing pieces of up to 2
    # articles rebuilds the 3 invented stories, the first run's story too, which the second run
    # never touched. Article ids are the file names, so each story's mix can be read off.
    from newsweave.cli import main

    db = db_url()
    labels = _ingest_in_two_runs(main, tmp_path, db)
    pieces, _ = _stories_json(main, capsys, db)
    strict, err = _stories_json(main, capsys, db, "--merge", "0.95")
    assert len(strict) == len(pieces) > 3 and "merged 0 stories" in err
    stories, err = _stories_json(main, capsys, db, "--merge", "0.95", "--absorb", "2")
    assert f"{len(pieces)} → 3 stories" in err
    assert sorted(story["size"] for story in stories) == [8, 8, 8]
    mixes = [{labels[article] for article in story["articles"]} for story in stories]
    assert all(len(mix) == 1 for mix in mixes) and len(set.union(*mixes)) == 3


def test_stories_merge_with_absorb_is_deterministic(db_url, tmp_path, capsys):
    from newsweave.cli import main

    results = []
    for attempt in ("a", "b"):
        db = db_url()
        _ingest_in_two_runs(main, tmp_path / attempt, db)
        stories, _ = _stories_json(main, capsys, db, "--merge", "0.95", "--absorb", "2")
        results.append([(s["id"], s["articles"]) for s in stories])
    assert results[0] == results[1] and len(results[0]) == 3


@pytest.mark.parametrize("flags, message", [(["--merge", "0.08", "--absorb", "0"], "1 or more, got 0"),
                                            (["--merge", "0.08", "--absorb", "ten"], "1 or more, got ten")])
def test_a_bad_absorb_size_is_a_usage_error(tmp_path, capsys, flags, message):
    from newsweave.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["stories", "--db", str(tmp_path / "s.sqlite"), *flags])
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_absorb_without_merge_is_refused_and_changes_nothing(tmp_path, capsys):
    from newsweave.cli import main

    db = tmp_path / "s.sqlite"
    assert main(["stories", "--db", str(db), "--absorb", "10"]) == 2
    assert "--absorb works with --merge" in capsys.readouterr().err and not db.exists()


def test_a_failed_write_in_a_store_transaction_undoes_every_merge_before_it(two_stories):
    _add(two_stories, "c1", "S3", outlet="E", day=1)
    with pytest.raises(StoreError, match="no story 'S9'"):
        with two_stories.transaction():
            two_stories.merge_stories("S1", "S2")
            two_stories.merge_stories("S1", "S9")
    assert sorted(len(s.articles) for s in two_stories.stories()) == [1, 2, 3]
    assert two_stories.merged_stories() == {} and two_stories.check() == []


def test_a_rebuilt_ingestor_never_hands_out_the_id_of_a_story_merged_away(store):
    from newsweave.stories import Ingestor

    docs, _ = _corpus(16)
    Newsweave(Options(stories=SPLIT)).ingest(docs, store=store)
    ids = sorted(s.id for s in store.stories(limit=None))
    store.merge_stories(ids[0], ids[-1])  # the newest id is gone from the stories table
    assert Ingestor(store, Options(stories=SPLIT)).assigner.clusterer.new_story_id() > ids[-1]
