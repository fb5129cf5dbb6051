"""People, organisations and places merged across articles and mentions, with their roles.

Mentions come from the NER already run on each article (``parsed``), inside kept sentences only.
People merge by name ("Mr Blinken", "Blinken", "Antony Blinken" → Antony Blinken, using
``entity_names.NameIndex``); organisations and places by normalised name with a few aliases
("US" = "United States"). The small spaCy model's obvious junk ("Also Read") is dropped, and a
lone surname it labelled ORG or GPE becomes the person of that surname.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Mapping

from rapidfuzz import fuzz

from ..model import Document, Entity, EntityKind, OutletCount, SourceRef
from .entity_names import NameIndex, clean_name
from .entity_roles import clean_role, roles_after, roles_before

__all__ = ["extract_entities"]

_KINDS: dict[str, EntityKind] = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place"}
# Same place, different spellings; extend when a real article shows another.
_ALIASES = {"us": "United States", "u.s.": "United States", "u.s": "United States", "usa": "United States", "u.s.a.": "United States",
            "america": "United States", "the united states": "United States", "united states": "United States",
            "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
            "great britain": "United Kingdom", "the united kingdom": "United Kingdom"}
_JUNK = re.compile(r"^(?:also read|read more|read|click here|advertisement|subscribe|share)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_MAX_TOKENS = 7
# A wire dateline ("PINE RIDGE, S.D. (AP) --") names the place filed from and the agency: not content.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]+(?:,\s*[\w. ]+?)?\s*(?:\([\w ]+\))?\s*(?:--|_|—|–)")
_OPEN_MARKS = re.compile(r"``|\u201c|(?:^|(?<=\s))\"")
_CLOSE_MARKS = re.compile(r"''|\u201d|\"(?=[\s,.;:!?]|$)")
ROLE_RATIO = 90  # roles differing by a letter or two are one role
_ROLE_PART = re.compile(r"\b(?:Secretary|Minister|Ministry|Department|Group)\s+of\s+$")
_PREPOSITION = re.compile(r"\b(?:on|via|at|from)\s+$")


@dataclass
class _Mention:
    key: str
    surface: str
    kind: EntityKind
    article: str
    outlet: str
    sentence: SourceRef
    roles: list[str]


def _surface(text: str) -> str:
    return _POSSESSIVE.sub("", _LEADING_THE.sub("", text.strip())).strip(" .,;:-")


def _is_junk(text: str, tokens: int) -> bool:
    return (not text or tokens > _MAX_TOKENS or "\n" in text or not text[:1].isupper() or _JUNK.match(text)
            is not None or not any(c.isalpha() for c in text))


def extract_entities(documents: list[Document], parsed: Mapping) -> tuple[Entity, ...]:
    """Every person, organisation and place named in the kept text, merged across articles."""
    names = NameIndex()
    for document in documents:
        for ent in _ents(document, parsed):
            if ent.label_ == "PERSON":
                names.add(document.article.id, ent.text)
    surnames = {n.split()[-1] for bucket in names.names.values() for n in bucket if len(n.split()) > 1}
    votes = _label_votes(documents, parsed)
    mentions: list[_Mention] = []
    for document in documents:
        mentions.extend(_mentions(document, parsed, names, surnames, votes))
    return _merge(mentions)


def _label_votes(documents: list[Document], parsed: Mapping) -> dict[str, str]:
    """The label each name gets most often across the articles: the small model labels the same
    word PERSON in one sentence and NORP in the next ("Navajo"); the majority wins."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for document in documents:
        doc = parsed.get(document.article.id)
        for ent in (doc.ents if doc is not None else ()):
            counts[_surface(ent.text)][ent.label_] += 1
    return {surface: labels.most_common(1)[0][0] for surface, labels in counts.items()}


def _ents(document: Document, parsed: Mapping):
    doc = parsed.get(document.article.id)
    if doc is None:
        return []
    starts = [s.start for s in document.sentences]
    kept = []
    for ent in doc.ents:
        i = bisect_right(starts, ent.start_char) - 1
        if ent.label_ in _KINDS and i >= 0 and ent.end_char <= document.sentences[i].end:
            kept.append(ent)
    return kept


def _mentions(document: Document, parsed: Mapping, names: NameIndex, surnames: set[str],
              votes: dict[str, str]) -> list[_Mention]:
    article = document.article
    starts = [s.start for s in document.sentences]
    result = []
    covered: list[tuple[int, int]] = []
    dateline = _DATELINE.match(article.text)
    dateline_end = dateline.end() if dateline else 0
    for ent in _ents(document, parsed):
        covered.append((ent.start_char, ent.end_char))
        if ent.start_char < dateline_end:
            continue
        surface = _surface(ent.text)
        if _is_junk(surface, len(ent)):
            continue
        label = votes.get(surface, ent.label_)
        if label not in _KINDS:
            continue  # mostly a nationality or group ("Navajo"), now and then mislabelled a person
        if label != "PERSON" and len(surface.split()) == 1 and surface in surnames:
            label = "PERSON"  # a lone surname the model labelled ORG/GPE ("Kritenbrink")
        before = article.text[max(0, ent.start_char - 20):ent.start_char]
        if label == "ORG" and _ROLE_PART.search(before):
            continue  # "State" in "Secretary of State" is part of a title, not the organisation
        if label == "PERSON" and len(surface.split()) == 1 and surface not in surnames and _PREPOSITION.search(before):
            label = "ORG"  # "in a statement on Twitter": a lone name after a preposition is no person
        kind = _KINDS[label]
        sentence = document.sentences[bisect_right(starts, ent.start_char) - 1]
        roles: list[str] = []
        if kind == "person":
            key = names.expand(surface, article.id)
            before = article.text[sentence.start:ent.start_char]
            after = article.text[ent.end_char:sentence.end]
            # Words inside a quotation ("``Welcome President Clinton''") give no role.
            if len(_OPEN_MARKS.findall(before)) <= len(_CLOSE_MARKS.findall(before)):
                roles = [clean_role(r) for r in roles_before(before) + roles_after(after)]
        else:
            key = _ALIASES.get(surface.lower(), surface)
        result.append(_Mention(key=key, surface=surface, kind=kind, article=article.id, outlet=article.outlet,
                               sentence=sentence.ref, roles=roles))
    result.extend(_bare_surnames(document, names, surnames, covered))
    return result


def _bare_surnames(document: Document, names: NameIndex, surnames: set[str], covered) -> list[_Mention]:
    """Surnames of known people that NER missed ("Lind promised..." after "Sara Lind"): counted too.
    A surname followed by another capitalised word ("North Korea") is something else."""
    article = document.article
    result = []
    if not surnames:
        return result
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(surnames))) + r")\b(?![’']?\s*[A-Z])")
    for sentence in document.sentences:
        for match in pattern.finditer(article.text, sentence.start, sentence.end):
            if any(a <= match.start() < b for a, b in covered):
                continue
            result.append(_Mention(key=names.expand(match.group(1), article.id), surface=match.group(1),
                                   kind="person", article=article.id, outlet=article.outlet,
                                   sentence=sentence.ref, roles=[]))
    return result


def _merge(mentions: list[_Mention]) -> tuple[Entity, ...]:
    groups: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for mention in mentions:
        groups[(mention.kind, mention.key.lower())].append(mention)
    entities = []
    for (kind, _), group in groups.items():
        name = group[0].key if kind != "person" else max((m.key for m in group), key=len)
        roles = Counter(r for m in group for r in m.roles)
        role_list = _distinct(sorted(roles, key=lambda r: (-roles[r], r)))
        per_outlet = Counter(m.outlet for m in group)
        entities.append(Entity(
            name=clean_name(name) if kind == "person" else name,
            kind=kind,
            roles=tuple(role_list),
            aliases=tuple(dict.fromkeys(m.surface for m in group if m.surface != name)),
            mentions=tuple(OutletCount(outlet, count) for outlet, count in per_outlet.most_common()),
            refs=tuple(dict.fromkeys(m.sentence for m in group)),
        ))
    entities.sort(key=lambda e: (-sum(c.mentions for c in e.mentions), e.name))
    return tuple(entities)


def _distinct(roles: list[str]) -> list[str]:
    """Roles without near duplicates ("adviser"/"advisor") or ones contained in a longer role kept."""
    kept: list[str] = []
    for role in sorted(roles, key=len, reverse=True):
        if not any(role.lower() in other.lower() or fuzz.ratio(role.lower(), other.lower()) >= ROLE_RATIO
                   for other in kept):
            kept.append(role)
    return sorted(kept, key=roles.index)
