"""The roles and titles an article gives a person, read from the words around the name.

Three shapes, all common in news copy: a title before the name ("Chinese Foreign Minister Qin
Gang", "CIA chief William Burns"), an apposition after it ("Daniel Kritenbrink, the top US diplomat
for East Asia"), and one before it ("Biden's national security adviser, Jake Sullivan").
A role must end in a role noun (minister, spokesman, adviser...), so ordinary words before a name
("met Qin Gang") are not taken for titles.
"""

from __future__ import annotations

import re

ROLE_NOUNS = frozenset("""
minister secretary president diplomat spokesman spokeswoman spokesperson adviser advisor chief director
co-founder founder leader ambassador senator governor official chairman chairwoman chair envoy expert
commissioner premier counterpart head manager executive analyst professor captain general king queen
judge mayor editor correspondent owner co-owner partner critic worker coordinator treasurer candidate
nominee chancellor officer attorney lawyer publisher teacher student scientist researcher economist
commander representative congressman congresswoman lawmaker justice prosecutor investigator activist
author writer critic vice-president deputy mp sheikh prince princess emperor pope bishop cardinal
""".split())
# Lower-case words that may sit inside a title before a name ("senior Chinese diplomat").
_MODIFIERS = frozenset("""
senior top former deputy acting chief foreign national security defence defense vice assistant general
executive commerce finance prime affairs press police party state interior justice trade health
political military economic then- ministry department office agency bureau council committee
service intelligence
""".split())
# Words that end a title when walking back from the name.
_STOPS = frozenset("""
the a an and or but with between by to from for in on at as of that which who said says told met
meeting after before when while his her their its he she they is was were are has have had also
""".split())
_TOKEN = re.compile(r"[\w’'.&-]+")
_APPOSITION_AFTER = re.compile(r"^\s*,\s+(?:who\s+(?:is|was)\s+)?((?:the|a|an)\s+[^,;()\"“”]{3,90}?)\s*(?=[,;.]|$)")
_MAX_WORDS = 8
_AS_ROLE = re.compile(r"^As\s+(?:the|a|an)\s+(.{3,90})$")


def _is_role_noun(word: str) -> bool:
    return word.lower().strip(".") in ROLE_NOUNS


def _walk_back(words: list[str], *, lowercase: bool) -> list[str]:
    """The title ending at the last word of ``words``, or [] when that word is no role noun.

    "Secretary of State" is allowed: a role noun followed by "of" and capitalised words.
    """
    if not words:
        return []
    end = len(words)
    # "Secretary of State" / "foreign minister of Singapore": find the role noun before "of".
    for i in range(len(words) - 1, max(-1, len(words) - 5), -1):
        if _is_role_noun(words[i]) and (i == len(words) - 1 or
                                        (words[i + 1] == "of" and all(w[:1].isupper() for w in words[i + 2:]))):
            end = i + 1
            break
    else:
        return []
    start = end - 1
    while start > 0 and end - start < _MAX_WORDS:
        word = words[start - 1]
        lowered = word.lower()
        if lowered in _STOPS:
            break
        if word[:1].isupper() or lowered in _MODIFIERS or lowered.endswith(("’s", "'s")) or \
                (lowercase and word.isalpha() and word.islower()) or _is_role_noun(word):
            start -= 1
            continue
        break
    return words[start:]


def roles_before(text_before: str) -> list[str]:
    """Titles in the text that directly precedes a name (the sentence up to the name)."""
    roles = []
    stripped = text_before.rstrip()
    if stripped.endswith(","):
        # "Biden's national security adviser, Jake Sullivan"
        clause = re.split(r"[,;:()\"“”—]", stripped[:-1])[-1]
        opening = _AS_ROLE.match(clause.strip())
        words = _walk_back(_TOKEN.findall(clause), lowercase=True)
        if words:
            roles.append(" ".join(words))
        elif opening and any(_is_role_noun(w) for w in _TOKEN.findall(opening.group(1))):
            roles.append(opening.group(1))  # "As the top diplomat for East Asia under Obama, Danny Russel"
    elif text_before[-1:].isspace():
        words = _walk_back(_TOKEN.findall(re.split(r"[,;:()\"“”—]", stripped)[-1]), lowercase=False)
        if words and not (len(words) == 1 and words[0].lower().rstrip(".") in {"mr", "mrs", "ms", "dr"}):
            roles.append(" ".join(words))
    return roles


def roles_after(text_after: str) -> list[str]:
    """An apposition right after a name: ", the top US diplomat for East Asia,"."""
    match = _APPOSITION_AFTER.match(text_after)
    if not match:
        return []
    role = re.sub(r"^(?:the|a|an)\s+", "", match.group(1).strip())
    if not any(_is_role_noun(w) for w in _TOKEN.findall(role)):
        return []
    return [role]


def clean_role(role: str) -> str:
    role = re.sub(r"^(?:the|a|an|mr\.?|mrs\.?|ms\.?)\s+", "", role.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", role)
