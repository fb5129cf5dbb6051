"""Quotes on the three shared seed articles (a diplomatic visit, June 2023) and the quotes command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsweave.api import Newsweave
from newsweave.briefs.quotes import merge_quotes, quotes_in


@pytest.fixture(scope="module")
def seeds(nlp, seeds_dir):
    documents, rejections = Newsweave(nlp=nlp).read([str(seeds_dir)])
    assert len(documents) == 3, rejections
    texts = {d.article.id[:3]: d.article.text for d in documents}
    return quotes_in(documents, nlp), texts


def speaker_of(mentions, article: str, words: str) -> str | None:
    found = [m for m in mentions if m.article.startswith(article) and words in m.text]
    assert found, f"no quote containing {words!r} in {article}"
    return found[0].speaker


@pytest.mark.parametrize("article, words, speaker", [
    ("000", "intense competition requires sustained diplomacy", "Antony Blinken"),  # "he said": the pronoun
    ("000", "is necessary, but not sufficient", "Vivian Balakrishnan"),  # "According to Balakrishnan"
    ("000", "brief visit won't necessarily resolve", "Danny Russel"),  # closing mark missing in the seed
    ("002", "Intense competition requires intense diplomacy", "Kurt Campbell"),  # "X, title, said:"
    ("002", "sincere desire to manage our competition", "Daniel Kritenbrink"),  # "said X, the title"
    ("002", "foundation of Sino-US relations", "Xi Jinping"),  # "Mr Xi told Mr Gates"
    ("002", "I\u2019ll be meeting with Xi again", "Joe Biden"),  # "Mr Biden told reporters ... that"
    ("002", "not there yet", "Lloyd Austin"),  # "Mr Austin said on Friday that"
    ("002", "Hope this meeting can help steer", "Hua Chunying"),  # "she said in a statement"
    ("002", "veer into conflict", "Antony Blinken"),  # "he told reporters" after "Mr Blinken emphasised"
    ("003", "It\u2019s clear who is responsible", "Qin Gang"),  # "Qin said" → the full name elsewhere
    ("003", "China has always viewed", "Qin Gang"),  # "he added" after Qin's quote
    ("003", "We know efforts to shape or reform China", "Kurt Campbell"),
    ("003", "sincere desire to manage our competition", "Daniel Kritenbrink"),  # no verb: the last speaker
])
def test_seed_quote_speakers(seeds, article, words, speaker):
    mentions, _ = seeds
    assert speaker_of(mentions, article, words) == speaker


def test_kritenbrinks_sincere_desire_is_one_quote_from_two_outlets(seeds):
    mentions, _ = seeds
    merged = [q for q in merge_quotes(mentions) if "sincere desire to manage our competition" in q.text]
    assert len(merged) == 1
    assert {m.article[:3] for m in merged[0].mentions} == {"002", "003"}
    assert merged[0].speaker == "Daniel Kritenbrink"


def test_blinken_and_campbell_competition_quotes_stay_two_quotes(seeds):
    mentions, _ = seeds
    competition = [q for q in merge_quotes(mentions) if "competition requires" in q.text.lower()]
    assert sorted(q.speaker for q in competition) == ["Antony Blinken", "Kurt Campbell"]


def test_every_seed_quote_offset_points_at_its_text(seeds):
    mentions, texts = seeds
    assert all(texts[m.article[:3]][m.start:m.end] == m.text for m in mentions)


def test_boilerplate_and_headings_give_no_quotes(seeds):
    mentions, _ = seeds
    assert not any("Also Read" in m.text or m.text == "New difficulties" for m in mentions)


def test_quotes_command_prints_one_json_record_per_quote(seeds_dir, seeds):
    mentions, texts = seeds
    run = subprocess.run([sys.executable, "-m", "newsweave.cli", "quotes", str(seeds_dir), "--format", "jsonl"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) == len(mentions)
    assert set(records[0]) == {"article", "outlet", "start", "end", "text", "speaker", "speaker_mention"}
    assert all(texts[r["article"][:3]][r["start"]:r["end"]] == r["text"] for r in records)


def test_quotes_command_text_format_shows_speaker_and_quote(seeds_dir):
    run = subprocess.run([sys.executable, "-m", "newsweave.cli", "quotes", str(seeds_dir / "002_f33cf88d83b625ee.txt"),
                          "--format", "text"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    line = next(x for x in run.stdout.splitlines() if "Intense competition requires intense diplomacy" in x)
    assert "Kurt Campbell" in line and line.startswith("002_f33cf88d83b625ee.txt [")


def test_quotes_command_on_an_empty_file_prints_no_quotes_and_reports_the_rejection(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    run = subprocess.run([sys.executable, "-m", "newsweave.cli", "quotes", str(empty), "--format", "json"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    assert json.loads(run.stdout) == []
    assert "rejected" in run.stderr
