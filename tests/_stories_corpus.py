"""Invented articles for the ingest and stories tests (no real article text is copied into the repo).

Each story has its own place, people and subject words; every article mixes them with plain English
so that it passes the language check, and is long enough to pass the length check.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from newsweave.model import RawDocument

_SUBJECTS = [
    ("flood", "river levee rainfall evacuation sandbags water"),
    ("election", "ballots candidates turnout polling campaign votes"),
    ("strike", "union workers wages picket negotiations factory"),
    ("merger", "shareholders acquisition bank deal regulators billion"),
    ("wildfire", "firefighters blaze acres smoke evacuations hills"),
    ("trial", "jury verdict prosecutors defendant courtroom testimony"),
    ("summit", "ministers treaty delegations talks agreement trade"),
    ("outbreak", "virus hospital cases vaccine patients clinic"),
]
_FILLER = ("officials said on the day that the situation was being watched closely and that more "
           "information would be given to the public as soon as it was known by the authorities").split()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).capitalize()


def story_articles(count: int, *, seed: int = 7, per_story: int = 8) -> list[tuple[str, str]]:
    """``count`` (story label, text) pairs: invented stories of ``per_story`` articles each."""
    rng = random.Random(seed)
    stories = []
    for n in range((count + per_story - 1) // per_story):
        subject, words = _SUBJECTS[n % len(_SUBJECTS)]
        names = [_name(rng) for _ in range(4)]
        stories.append((f"story{n}", subject, words.split(), names))
    texts = []
    for i in range(count):
        label, subject, words, names = stories[i // per_story]
        sentences = []
        for _ in range(6):
            picked = rng.sample(words, 4) + rng.sample(names, 2) + rng.sample(_FILLER, 5)
            rng.shuffle(picked)
            sentences.append(f"In {names[0]} the {subject} " + " ".join(picked) + ".")
        texts.append((label, " ".join(sentences)))
    return texts


def write_corpus(directory: Path, count: int, *, seed: int = 7) -> dict[str, str]:
    """Write ``count`` articles as text files; returns file name → story label."""
    directory.mkdir(parents=True, exist_ok=True)
    labels = {}
    for i, (label, text) in enumerate(story_articles(count, seed=seed)):
        name = f"article{i:04d}.txt"
        (directory / name).write_text(text, encoding="utf-8")
        labels[name] = label
    return labels


def raw(article_id: str, text: str, *, day: datetime | None = None, outlet: str = "Daily Example",
        url: str | None = None) -> RawDocument:
    return RawDocument(id=article_id, origin="test", kind="text", content=text, outlet=outlet, published=day,
                       url=url or f"https://news.example/{article_id}")


# Two invented earthquakes, three differently written reports each: the same kind of event, so the
# reports share the vocabulary of earthquakes; what differs is the place, the people and the dates.
QUAKE_REPORTS = {
    "first": (
        "A magnitude 6.1 earthquake struck near the mountain town of Valdoria early on Monday, collapsing "
        "dozens of houses and cutting power across the Northern Province. Governor Maria Ostrand said at "
        "least twelve people had died and that rescuers were still searching the rubble in Valdoria.",
        "Rescue teams in Valdoria worked through the night after Monday's quake, pulling two survivors from a "
        "collapsed school. Maria Ostrand, governor of the Northern Province, asked the army for tents and "
        "water as aftershocks kept frightened families sleeping in the streets of the town.",
        "The death toll from the Valdoria earthquake rose to fifteen on Tuesday, the Northern Province "
        "authorities said. Governor Ostrand visited the damaged hospital, where doctors treated the injured "
        "in the car park, and promised money to rebuild the old market square of Valdoria.",
    ),
    "second": (
        "A strong earthquake of magnitude 5.8 shook the fishing port of Kestrel Bay on Friday afternoon, "
        "damaging the harbour wall and the lighthouse on the Southern Coast. Mayor Tomas Reyn said four "
        "people were killed when a warehouse roof fell, and ferries to the islands were suspended.",
        "Fishermen in Kestrel Bay returned to their boats on Saturday as engineers inspected the cracked "
        "harbour wall. Tomas Reyn, the town's mayor, said the port would reopen within a week, and the "
        "Southern Coast ferry company resumed its morning crossing to the islands.",
        "Seismologists said Friday's tremor off Kestrel Bay was unrelated to earlier activity inland. The "
        "Southern Coast council, chaired by Mayor Reyn, opened a fund for families whose homes near the "
        "lighthouse were damaged, and schools in the port will stay closed until Wednesday.",
    ),
}


START = datetime(2024, 3, 4, 8, 0)
WEEK = timedelta(days=7)
