"""Who said a quote, read from the dependency parse of the sentence(s) around it.

The speech verb that governs the quote (an ancestor of the quoted words in the parse; otherwise the
nearest one outside any quote) gives the speaker: its subject ("Kritenbrink told reporters"), the
subject after it ("said Daniel Kritenbrink"), the subject of the verb it hangs from ("..., saying"),
or the object of "according to". The speaker token is widened to its named entity, or to a person
named in apposition ("the spokeswoman, Hua Chunying"), or to its noun phrase ("the ministry").
"""

from __future__ import annotations

from dataclasses import dataclass

SPEECH_LEMMAS = frozenset("""
say tell add ask state declare note write explain insist argue warn acknowledge continue recall reply
remark announce quote urge stress complain concede predict observe suggest testify respond caution
emphasise emphasize assert claim contend admit agree comment conclude describe vow pledge promise
report recount joke shout tweet post confirm deny call maintain cry scream whisper answer boast
lament plead tout deride dismiss decry praise hail proclaim counter retort allege charge mutter
roar chant yell appeal read define demand exclaim concede
""".split())
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_NP_DEPS = {"compound", "amod", "det", "poss", "nmod", "case", "nummod"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


@dataclass(frozen=True)
class Attribution:
    """A speaker mention found in a parsed context: character offsets are into that context."""

    mention: str
    kind: str  # "person", "organization", "pronoun" or "other"
    start: int
    end: int


def _inside(token, ranges) -> bool:
    return any(a <= token.idx < b for a, b in ranges)


def speech_verbs(doc, masked: list[tuple[int, int]]) -> list:
    verbs = [t for t in doc if t.lemma_.lower() in SPEECH_LEMMAS and t.pos_ in ("VERB", "AUX")
             and not _inside(t, masked)]
    verbs += [t for t in doc if t.lower_ == "according" and t.i + 1 < len(doc)
              and doc[t.i + 1].lower_ == "to" and not _inside(t, masked)]
    return verbs


def attribute(doc, quote: tuple[int, int], masked: list[tuple[int, int]]) -> Attribution | None:
    """The speaker of the quote at ``quote`` (char offsets into ``doc.text``), or None.

    ``masked`` are the char ranges of every quote in the context (marks included), whose words can
    be neither speech verb nor speaker.
    """
    verbs = speech_verbs(doc, masked)
    if not verbs:
        return None
    inner = [t for t in doc if quote[0] <= t.idx < quote[1]]
    heads = {a.i for t in inner for a in t.ancestors}
    governing = [v for v in verbs if v.i in heads]

    def distance(token) -> int:
        return min(abs(token.idx - quote[0]), abs(token.idx - quote[1]))

    ordered = sorted(governing, key=distance) + sorted((v for v in verbs if v.i not in heads), key=distance)
    for verb in ordered:
        speaker = _speaker_of(doc, verb, masked)
        if speaker is not None:
            return speaker
    return None


def _speaker_of(doc, verb, masked) -> Attribution | None:
    if verb.lower_ == "according":
        to = doc[verb.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"] or list(to.rights)
        return _widen(doc, objects[0], masked) if objects else None
    current = verb
    for _ in range(3):
        subjects = [c for c in current.children if c.dep_ in _SUBJECTS and not _inside(c, masked)]
        if subjects:
            found = _widen(doc, subjects[0], masked)
            if found is not None and found.kind == "other":
                # "The official in charge, deputy commissioner David Osland, said": the parse often
                # misses the apposition; a person named between the subject and its verb is meant.
                named = [e for e in doc.ents if e.label_ == "PERSON" and e.start >= subjects[0].left_edge.i
                         and e.end <= current.i and not _inside(e[0], masked)]
                if named:
                    e = named[-1]
                    return Attribution(e.text, "person", e.start_char, e.end_char)
            return found
        if current.dep_ in ("advcl", "xcomp", "conj", "ccomp", "relcl", "acl") and current.head is not current:
            if current.dep_ == "relcl":
                return _widen(doc, current.head, masked)
            current = current.head
            continue
        break
    # Inverted order the parser missed: "said Daniel Kritenbrink, ..."
    following = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if following is not None and (following.ent_type_ in ("PERSON", "ORG") or following.pos_ == "PROPN"):
        return _widen(doc, following, masked)
    return None


def _widen(doc, token, masked) -> Attribution | None:
    if _inside(token, masked):
        return None
    if token.lower_ in _PRONOUNS:
        return Attribution(token.text, "pronoun", token.idx, token.idx + len(token))
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            token = child
            break
    if token.ent_type_:
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                kind = {"PERSON": "person", "ORG": "organization", "GPE": "organization",
                        "NORP": "organization"}.get(ent.label_, "other")
                return Attribution(ent.text, kind, ent.start_char, ent.end_char)
    left = token
    for child in token.lefts:
        if child.dep_ in _NP_DEPS:
            left = child
            break
    span = doc[left.i: token.i + 1]
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start >= span.start and ent.end <= span.end:
            return Attribution(ent.text, "person", ent.start_char, ent.end_char)
    kind = "person" if token.pos_ == "PROPN" and token.text[:1].isupper() else "other"
    return Attribution(span.text, kind, span.start_char, span.end_char)
