"""The JSON brief: the contract other tools build on. Round trip, field names, dates, docs."""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.errors import InputError
from newsweave.model import Brief, SourceRef
from newsweave.outputs.json import brief_from_dict, brief_to_dict, to_json
from test_outputs_support import A, Seeds, rich_brief

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def brief(seeds_dir, nlp) -> Brief:
    return rich_brief(Seeds(seeds_dir, nlp))


def test_a_brief_round_trips_through_json(brief):
    again = brief_from_dict(json.loads(to_json(brief)), texts=brief.texts)
    assert again == brief
    assert again.texts == brief.texts


def test_article_texts_are_not_in_the_json(brief):
    data = brief_to_dict(brief)
    assert "texts" not in data
    longest = max(brief.texts.values(), key=len)
    assert longest[:500] not in to_json(brief)


def test_the_top_level_keys_are_the_documented_contract(brief):
    data = brief_to_dict(brief)
    assert {"articles", "summary", "claims", "single_source", "contradictions", "quotes", "entities",
            "timeline", "outlets", "story", "words", "version"} <= set(data)
    assert set(data["articles"][0]) >= {"id", "outlet", "title", "url", "published", "author", "rejected",
                                        "copy_of"}
    sentence = data["summary"][0]
    assert set(sentence) == {"text", "source", "also_reported_by"}
    assert set(sentence["source"]) == {"article", "outlet", "start", "end"}
    assert set(sentence["also_reported_by"][0]) == {"article", "outlet", "start", "end"}


def test_dates_are_iso_8601(brief):
    data = brief_to_dict(brief)
    assert data["articles"][0]["published"] == "2023-06-18T08:30:00+00:00"
    assert [event["date"] for event in data["timeline"]] == ["2023-06-18", "2023-02", None]


def test_the_word_count_is_the_summary_length(brief):
    assert brief_to_dict(brief)["words"] == sum(len(s.text.split()) for s in brief.summary)


def test_every_json_reference_slices_its_article_to_the_cited_text(brief):
    data = json.loads(to_json(brief))
    for sentence in data["summary"]:
        source = sentence["source"]
        assert brief.texts[source["article"]][source["start"]:source["end"]] == sentence["text"]


def test_an_empty_brief_is_valid_json_with_empty_lists():
    data = json.loads(to_json(Brief(articles=(), summary=())))
    assert data["articles"] == [] and data["summary"] == [] and data["words"] == 0
    assert brief_from_dict(data) == Brief(articles=(), summary=())


def test_a_brief_missing_a_required_field_is_refused_with_its_path(brief):
    data = brief_to_dict(brief)
    del data["summary"][0]["source"]["start"]
    with pytest.raises(InputError, match=r"brief\.summary\[0\]\.source is missing the field 'start'"):
        brief_from_dict(data)


def test_a_wrongly_typed_field_is_refused_with_its_path(brief):
    data = brief_to_dict(brief)
    data["summary"][0]["source"]["start"] = "12"
    with pytest.raises(InputError, match=r"brief\.summary\[0\]\.source\.start must be int"):
        brief_from_dict(data)


def test_an_unknown_contradiction_kind_is_refused(brief):
    data = brief_to_dict(brief)
    data["contradictions"][0]["kind"] = "vibes"
    with pytest.raises(InputError, match="must be one of number, date, attribution, negation"):
        brief_from_dict(data)


def test_a_json_value_that_is_not_an_object_is_refused():
    with pytest.raises(InputError, match="expected a JSON object"):
        brief_from_dict([])


_REF_KEYS = {f.name for f in dataclasses.fields(SourceRef)}


def _schema_paths(cls, prefix: str = "") -> set[str]:
    """Every field path the JSON can carry, from the dataclass types (lists written ``name[]``).
    A reference ({article, outlet, start, end}) is documented once, as ``ref.*``, not at every use."""
    paths: set[str] = {f"ref.{key}" for key in _REF_KEYS}
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if cls is Brief and f.name in ("texts", "removed"):
            continue
        path = f"{prefix}{f.name}"
        hint = hints[f.name]
        args = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis]
        inner = args[0] if typing.get_origin(hint) in (tuple, list) and args else hint
        if typing.get_origin(hint) in (tuple, list):
            path += "[]"
        elif args and dataclasses.is_dataclass(args[0]):
            inner = args[0]
        paths.add(path)
        if dataclasses.is_dataclass(inner) and inner is not SourceRef:
            paths |= _schema_paths(inner, path + ".")
    return paths


def _emitted_paths(value: dict, prefix: str = "") -> set[str]:
    """Every key path in a JSON object, lists written ``name[]``; references as ``ref.*``."""
    paths: set[str] = set()
    if set(value) == _REF_KEYS:
        return {f"ref.{key}" for key in value}
    for key, item in value.items():
        path = prefix + key + ("[]" if isinstance(item, list) else "")
        paths.add(path)
        for element in item if isinstance(item, list) else [item]:
            if isinstance(element, dict):
                paths |= _emitted_paths(element, path + ".")
    return paths


def _documented_paths() -> set[str]:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## The JSON brief\n(.*?)(?=^## )", text, flags=re.S | re.M)
    assert match, "README.md has no '## The JSON brief' section"
    return set(re.findall(r"^\s*[-*] `([a-z_.\[\]]+)`", match.group(1), flags=re.M))


def test_the_readme_documents_exactly_the_fields_the_json_can_carry():
    documented = _documented_paths()
    schema = _schema_paths(Brief) | {"words", "version"}
    assert sorted(schema - documented) == [], "fields emitted but not documented in README.md"
    assert sorted(documented - schema) == [], "fields documented in README.md but never emitted"


def test_a_full_brief_emits_exactly_the_documented_fields(brief):
    assert _emitted_paths(brief_to_dict(brief)) == _documented_paths()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(Brief))
def test_any_brief_round_trips_through_json(any_brief):
    assert brief_from_dict(json.loads(to_json(any_brief))) == any_brief
