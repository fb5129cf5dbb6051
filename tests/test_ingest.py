"""Ingest: each article stored once, updates recognised, rejections recorded, wire copies linked."""

from __future__ import annotations

from dataclasses import replace

from newsweave.api import Newsweave
from newsweave.cli import main
from newsweave.model import RawDocument
from newsweave.store import open_store

from _stories_corpus import START, raw, story_articles, write_corpus


def _ingest(db, inputs):
    with open_store(str(db)) as store:
        return Newsweave().ingest(inputs, store=store)


def test_ingesting_the_same_directory_twice_stores_each_article_once(tmp_path):
    write_corpus(tmp_path / "in", 20)
    first = _ingest(tmp_path / "s.sqlite", [str(tmp_path / "in")])
    second = _ingest(tmp_path / "s.sqlite", [str(tmp_path / "in")])
    assert (first.stored, first.duplicates) == (20, 0)
    assert (second.stored, second.duplicates, second.read) == (0, 20, 20)
    with open_store(str(tmp_path / "s.sqlite")) as store:
        assert store.counts().articles == 20


def test_the_same_text_under_another_url_is_a_duplicate(tmp_path):
    (_, text), = story_articles(1)
    summary = _ingest(tmp_path / "s.sqlite", [raw("a", text, url="https://one.example/a"),
                                              raw("b", "  " + text.upper() + "\n", url="https://two.example/b")])
    assert (summary.stored, summary.duplicates) == (1, 1)


def test_a_changed_text_at_the_same_url_is_stored_as_a_new_version(tmp_path):
    (_, text), = story_articles(1)
    _ingest(tmp_path / "s.sqlite", [raw("a", text, day=START)])
    summary = _ingest(tmp_path / "s.sqlite", [raw("a", text + " Later, the mayor resigned.", day=START)])
    assert (summary.stored, summary.updated) == (0, 1)
    with open_store(str(tmp_path / "s.sqlite")) as store:
        stored = store.article("a")
        assert stored.version == 2 and stored.article.text.endswith("the mayor resigned.")
        assert [s.article.id for s in store.search("mayor resigned")] == ["a"]
        assert store.counts().versions == 1 and store.check() == []


def test_two_different_articles_with_the_same_id_are_both_kept(tmp_path):
    (_, one), (_, two) = story_articles(2, seed=3)[0], story_articles(10, seed=4)[9]
    summary = _ingest(tmp_path / "s.sqlite", [raw("a", one, url="https://x.example/1"),
                                              raw("a", two, url="https://x.example/2")])
    assert summary.stored == 2
    with open_store(str(tmp_path / "s.sqlite")) as store:
        assert store.article("a") is not None and store.article("a~2") is not None


def test_unusable_inputs_are_recorded_with_reasons_and_listed(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    (source / "empty.txt").write_text("", encoding="utf-8")
    (source / "short.txt").write_text("Too short to be an article.", encoding="utf-8")
    (_, text), = story_articles(1)
    (source / "good.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "s.sqlite")
    assert main(["ingest", str(source), "--db", db]) == 1
    assert "stored 1" in capsys.readouterr().err
    assert main(["ingest", "--rejected", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "empty.txt" in listed and "short.txt" in listed and "too short" in listed


def test_an_empty_directory_stores_nothing_and_is_recorded_as_rejected(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert main(["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.sqlite")]) == 1
    assert "stored 0" in capsys.readouterr().err
    with open_store(str(tmp_path / "s.sqlite")) as store:
        assert store.counts().articles == 0 and [r.input for r in store.rejections()] == [str(tmp_path / "in")]


def test_a_lightly_edited_reprint_is_recorded_as_a_copy_in_the_same_story(tmp_path):
    (_, text), = story_articles(1, seed=11)
    reprint = "By Wire Service. " + text.replace("officials", "authorities", 1)
    _ingest(tmp_path / "s.sqlite", [raw("orig", text, outlet="Wire"), raw("copy", reprint, outlet="Gazette")])
    with open_store(str(tmp_path / "s.sqlite")) as store:
        original, copy = store.article("orig"), store.article("copy")
    assert copy.copy_of == "orig" and original.copy_of is None and copy.story == original.story


def test_an_ingest_resumed_in_a_new_process_continues_the_same_stories(tmp_path):
    docs = [raw(f"a{i}", text) for i, (_, text) in enumerate(story_articles(24, seed=5))]
    _ingest(tmp_path / "once.sqlite", docs)
    _ingest(tmp_path / "twice.sqlite", docs[:10])
    _ingest(tmp_path / "twice.sqlite", docs[10:])  # a new Ingestor rebuilt from the store
    with open_store(str(tmp_path / "once.sqlite")) as once, open_store(str(tmp_path / "twice.sqlite")) as twice:
        assert [(s.id, s.articles) for s in once.stories()] == [(s.id, s.articles) for s in twice.stories()]


def test_raw_documents_keep_their_metadata_in_the_store(tmp_path):
    (_, text), = story_articles(1)
    doc: RawDocument = replace(raw("a", text, day=START, outlet="Coast Herald"), author="R. Writer", title="Quake")
    _ingest(tmp_path / "s.sqlite", [doc])
    with open_store(str(tmp_path / "s.sqlite")) as store:
        stored = store.article("a").article
    assert (stored.outlet, stored.author, stored.title, stored.published) == ("Coast Herald", "R. Writer", "Quake", START)


def test_ingest_takes_the_topic_level_weights_and_refuses_out_of_range_ones(tmp_path, capsys):
    write_corpus(tmp_path / "in", 20)
    db = str(tmp_path / "topics.sqlite")
    assert main(["ingest", str(tmp_path / "in"), "--db", db, "--time-weight", "0", "--name-weight", "0.5"]) == 0
    with open_store(db) as store:
        assert store.counts().articles == 20
    capsys.readouterr()
    # The values reach StoryOptions, whose checks name the option.
    for flag, value, option in (("--name-weight", "20", "name_weight"), ("--time-weight", "-1", "time_weight")):
        assert main(["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "bad.sqlite"), flag, value]) == 2
        assert option in capsys.readouterr().err
