"""The `newsweave brief` command, run for real on the seed articles."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from datetime import date

import pytest
import spacy

from newsweave.cli import EXIT_FATAL, EXIT_OK, EXIT_REJECTED, _options, build_parser, main

FORMATS = ("text", "markdown", "json", "html")


def test_brief_of_the_seeds_prints_a_cited_summary_and_exits_0(seeds_dir, capsys, nlp):
    assert main(["brief", str(seeds_dir), "--words", "80"], nlp=nlp) == EXIT_OK
    out, err = capsys.readouterr()
    assert "\nSUMMARY\n" in out and "[1]" in out and "\nSOURCES\n" in out
    assert err == ""


@pytest.mark.parametrize("format", FORMATS)
def test_brief_writes_each_format_to_the_out_file(seeds_dir, tmp_path, capsys, format, nlp):
    out = tmp_path / f"brief.{format}"
    assert main(["brief", str(seeds_dir), "--format", format, "--out", str(out)], nlp=nlp) == EXIT_OK
    written = out.read_text(encoding="utf-8")
    assert capsys.readouterr().out == ""
    # Each format's own signature, so a mix-up of renderers is caught.
    signature = {"text": "\nSOURCES\n", "markdown": "## Summary", "json": '"summary": [',
                 "html": "<!DOCTYPE html>"}[format]
    assert signature in written


def test_the_word_budget_bounds_the_summary(seeds_dir, capsys, nlp):
    main(["brief", str(seeds_dir), "--words", "60", "--format", "json"], nlp=nlp)
    data = json.loads(capsys.readouterr().out)
    assert 0 < data["words"] <= 60


def test_outlet_names_can_be_mapped(seeds_dir, capsys, nlp):
    main(["brief", str(seeds_dir), "--format", "json", "--outlet", "000_82769e1fad382a14=WION"], nlp=nlp)
    outlets = {a["id"]: a["outlet"] for a in json.loads(capsys.readouterr().out)["articles"]}
    assert outlets["000_82769e1fad382a14.txt"] == "WION"
    assert outlets["002_f33cf88d83b625ee.txt"] == "002_f33cf88d83b625ee"


def test_a_rejected_input_is_named_on_stderr_and_the_brief_is_still_written(seeds_dir, tmp_path, capsys, nlp):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code = main(["brief", str(seeds_dir), str(empty), "--format", "json"], nlp=nlp)
    out, err = capsys.readouterr()
    assert code == EXIT_REJECTED
    assert re.search(r"newsweave: rejected \S*empty\.txt: \S", err)
    data = json.loads(out)
    assert data["summary"] and [a["id"] for a in data["articles"] if a["rejected"]] == ["empty.txt"]


def test_a_missing_file_is_rejected_with_exit_1(seeds_dir, tmp_path, capsys, nlp):
    code = main(["brief", str(seeds_dir), str(tmp_path / "nope.txt")], nlp=nlp)
    assert code == EXIT_REJECTED
    assert "nope.txt" in capsys.readouterr().err


def test_an_empty_input_directory_is_not_a_silent_success(tmp_path, capsys, nlp):
    code = main(["brief", str(tmp_path)], nlp=nlp)
    err = capsys.readouterr().err
    assert code in (EXIT_REJECTED, EXIT_FATAL) and str(tmp_path) in err


def test_an_unwritable_out_file_is_a_fatal_error(seeds_dir, tmp_path, capsys, nlp):
    code = main(["brief", str(seeds_dir), "--out", str(tmp_path / "no" / "such" / "dir.txt")], nlp=nlp)
    assert code == EXIT_FATAL
    assert "cannot write" in capsys.readouterr().err


def test_an_out_of_range_word_budget_is_a_fatal_error_naming_the_range(seeds_dir, capsys, nlp):
    assert main(["brief", str(seeds_dir), "--words", "3"], nlp=nlp) == EXIT_FATAL
    assert "words must be a whole number from 10 to 5000" in capsys.readouterr().err


def test_a_malformed_date_is_a_usage_error(seeds_dir, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["brief", str(seeds_dir), "--date", "18/06/2023"])
    assert exit.value.code == 2
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err


def test_an_unknown_format_is_a_usage_error(seeds_dir, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["brief", str(seeds_dir), "--format", "pdf"])
    assert exit.value.code == 2


def test_the_installed_console_script_writes_a_brief(seeds_dir, tmp_path):
    script = shutil.which("newsweave") or pytest.fail("the newsweave console script is not installed")
    out = tmp_path / "brief.html"
    done = subprocess.run([script, "brief", str(seeds_dir), "--format", "html", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == EXIT_OK, done.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_standard_input_is_read_with_a_dash(seeds_dir, monkeypatch, capsys, nlp):
    text = (seeds_dir / "000_82769e1fad382a14.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
    assert main(["brief", "-", "--format", "json"], nlp=nlp) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] and [a["id"] for a in data["articles"]] == ["stdin"]


def test_a_command_given_a_loaded_pipeline_does_not_load_another(seeds_dir, monkeypatch, capsys, nlp):
    # Loading costs about half a second per command: the tests and any caller running many commands
    # in one process pass theirs in.
    nlp.language
    monkeypatch.setattr(spacy, "load", lambda *args, **kwargs: pytest.fail("spaCy was loaded again"))
    assert main(["brief", str(seeds_dir), "--words", "60"], nlp=nlp) == EXIT_OK
    assert "\nSUMMARY\n" in capsys.readouterr().out


def test_no_embeddings_briefs_without_the_sentence_encoder(seeds_dir, monkeypatch, capsys, nlp):
    # The flag exists for a fast cold start: the encoder must not even be asked for a vector.
    def refuse(texts):
        pytest.fail("the sentence encoder was used")
    monkeypatch.setattr(nlp.encoder, "encode", refuse)
    assert main(["brief", str(seeds_dir), "--words", "60", "--no-embeddings", "--format", "json"], nlp=nlp) == EXIT_OK
    brief = json.loads(capsys.readouterr().out)
    assert brief["claims"] and brief["summary"]


def test_reading_options_reach_the_options_object():
    args = build_parser().parse_args(["brief", "x.txt", "--date", "2023-06-18", "--outlet", "a=A", "--outlet",
                                      "b=B", "--allow-private", "--follow-links", "--words", "90"])
    options = _options(args, words=args.words)
    assert options.reference_date == date(2023, 6, 18) and dict(options.outlet_map) == {"a": "A", "b": "B"}
    assert options.fetch.allow_private and options.fetch.follow_feed_links and options.words == 90


def test_by_default_private_addresses_and_feed_links_are_not_fetched():
    options = _options(build_parser().parse_args(["brief", "x.txt"]))
    assert not options.fetch.allow_private and not options.fetch.follow_feed_links


def test_an_outlet_mapping_without_equals_sign_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["brief", "x.txt", "--outlet", "WION"])
    assert exit.value.code == 2 and "expected NAME=OUTLET" in capsys.readouterr().err


def test_brief_without_articles_or_story_is_a_fatal_error(capsys, nlp):
    assert main(["brief"], nlp=nlp) == EXIT_FATAL
    assert "give articles to brief, or --story ID" in capsys.readouterr().err


def test_a_stored_story_can_be_briefed_by_its_id(seeds_dir, tmp_path, capsys, nlp):
    db = str(tmp_path / "news.sqlite")
    assert main(["ingest", str(seeds_dir), "--db", db], nlp=nlp) == EXIT_OK
    capsys.readouterr()
    main(["stories", "--db", db, "--format", "json"], nlp=nlp)
    (story,) = json.loads(capsys.readouterr().out)
    assert main(["brief", "--story", story["id"], "--db", db, "--format", "json"], nlp=nlp) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["story"] == story["id"] and data["summary"]
    assert sorted(a["id"] for a in data["articles"]) == sorted(story["articles"])


def test_an_unknown_story_is_a_fatal_error_naming_it(tmp_path, capsys, nlp):
    db = str(tmp_path / "news.sqlite")
    assert main(["brief", "--story", "NOPE", "--db", db], nlp=nlp) == EXIT_FATAL
    assert "NOPE" in capsys.readouterr().err
