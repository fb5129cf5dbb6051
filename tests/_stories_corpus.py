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


QUAKE = ("A magnitude {mag} earthquake struck near the town of {town} early on {weekday}, collapsing houses "
         "and cutting power across the {region} region. Rescuers in {town} searched the rubble through the night "
         "as aftershocks rattled the area, and the governor of {region}, {governor}, said at least {dead} people "
         "had died. Hospitals in {town} treated hundreds of injured residents, and the national seismology "
         "office said the quake was shallow, which made the shaking stronger at the surface.")


def quake(town: str, region: str, governor: str, *, mag: str, dead: int, weekday: str) -> str:
    return QUAKE.format(town=town, region=region, governor=governor, mag=mag, dead=dead, weekday=weekday)


START = datetime(2024, 3, 4, 8, 0)
WEEK = timedelta(days=7)
