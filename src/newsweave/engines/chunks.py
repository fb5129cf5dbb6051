"""Stage 5, one task per chunk of stories: a brief per story (``build_brief``, unchanged) as one JSON
line in the ``newsweave brief --format json`` shape, and the chunk's articles and stories as Parquet
tables. The part files are written atomically under names fixed by the chunk's name, so a retried
task replaces its own output and never adds a second copy."""

from __future__ import annotations

import io
import json
from pathlib import Path

from ..config import Options
from ..documents import Nlp
from ..model import Document, Rejection, Story
from .atomic import write_atomically, write_bytes_atomically
from .exchange import read_one
from .records import ChunkResult, PlannedStory
from .shards import load_part, part_path

# Stories per brief task are grouped until they hold about this many articles. Briefs cost ~0.3 s
# per article (bench/results/scale_out.md), so a 40-article task runs ~10 s: long next to Dask's
# per-task overhead (milliseconds) and part-file loading, short enough that the last tasks of a run
# spread over every worker (with 200 a 600-article run had 3 tasks for 2 workers).
CHUNK_ARTICLES = 40


def chunk_stories(stories: list[PlannedStory], *, size: int = CHUNK_ARTICLES) -> list[list[PlannedStory]]:
    return group(stories, [len(story.articles) for story in stories], size=size)


def group(items: list, weights: list[int], *, size: int = CHUNK_ARTICLES) -> list[list]:
    """Consecutive runs of ``items``, each closed once its weights reach ``size``."""
    groups: list[list] = [[]]
    held = 0
    for item, weight in zip(items, weights):
        if held >= size:
            groups.append([])
            held = 0
        groups[-1].append(item)
        held += weight
    return [g for g in groups if g]


def write_chunk(chunk: str, plans: list[str], work: str, options: Options, *, nlp: Nlp) -> ChunkResult:
    """Brief the stories of the chunk plans ``plans`` (written by ``weeks.plan_week``), in order."""
    from ..briefs import build_brief
    from ..outputs.json import brief_to_dict

    stories: list[PlannedStory] = [story for plan in plans for story in read_one(Path(work), plan)]
    documents = _documents(stories, Path(work))
    lines, rows, described, rejections = [], [], [], []
    for story in stories:
        members = [documents[(a.shard, a.position)] for a in story.articles]
        described.append(_story(story.id, members))
        rows += [_row(document, story, planned) for document, planned in zip(members, story.articles)]
        try:
            brief = build_brief(members, [], options, nlp, story=story.id)
        except Exception as error:  # noqa: BLE001 - one story's failure is recorded; the others are still written
            rejections.append(Rejection(input=f"story {story.id}", reason=f"brief failed: {type(error).__name__}: "
                                                                          f"{str(error)[:200]}"))
            continue
        lines.append(json.dumps(brief_to_dict(brief), ensure_ascii=False, sort_keys=True))
    briefs = write_bytes_atomically(Path(work) / f"briefs-{chunk}.jsonl",
                                    "".join(line + "\n" for line in lines).encode("utf-8"))
    articles = write_atomically(Path(work) / f"articles-{chunk}.parquet",
                                lambda out: _write_parquet(rows, articles_schema(), out))
    table = [{"id": s.id, "title": s.title, "size": len(s.articles), "outlets": list(s.outlets),
              "first_published": s.first_published, "last_published": s.last_published, "articles": list(s.articles)}
             for s in described]
    story_rows = write_atomically(Path(work) / f"stories-{chunk}.parquet",
                                  lambda out: _write_parquet(table, stories_schema(), out))
    return ChunkResult(chunk=chunk, briefs=str(briefs), articles=str(articles), stories=str(story_rows),
                       written=len(described), briefed=len(lines), rejections=tuple(rejections))


def articles_schema():
    import pyarrow as pa

    text, integer = pa.string(), pa.int64()
    return pa.schema([("id", text), ("story", text), ("copy_of", text), ("outlet", text), ("title", text),
                      ("url", text), ("published", pa.timestamp("us")), ("author", text), ("origin", text),
                      ("shard", integer), ("position", integer), ("content_hash", text), ("words", integer)])


def stories_schema():
    import pyarrow as pa

    return pa.schema([("id", pa.string()), ("title", pa.string()), ("size", pa.int64()),
                      ("outlets", pa.list_(pa.string())), ("first_published", pa.timestamp("us")),
                      ("last_published", pa.timestamp("us")), ("articles", pa.list_(pa.string()))])


def _write_parquet(rows: list[dict], schema, handle) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), buffer)
    handle.write(buffer.getvalue())


def _documents(stories: list[PlannedStory], work: Path) -> dict[tuple[int, int], Document]:
    wanted = {(a.shard, a.position) for story in stories for a in story.articles}
    found: dict[tuple[int, int], Document] = {}
    for shard in sorted({shard for shard, _ in wanted}):
        for position, document in enumerate(load_part(str(part_path(work, shard)))):
            if (shard, position) in wanted:
                found[(shard, position)] = document
    return found


def _row(document: Document, story: PlannedStory, planned) -> dict:
    a = document.article
    return {"id": a.id, "story": story.id, "copy_of": planned.copy_of, "outlet": a.outlet, "title": a.title,
            "url": a.url, "published": a.published, "author": a.author, "origin": a.origin, "shard": planned.shard,
            "position": planned.position, "content_hash": planned.content_hash, "words": len(a.text.split())}


def _story(story_id: str, members: list[Document]) -> Story:
    dates = [d.article.published for d in members if d.article.published is not None]
    first = members[0].article
    title = first.title or first.text.strip().split("\n", 1)[0][:100]
    return Story(id=story_id, title=title, articles=tuple(d.article.id for d in members),
                 outlets=tuple(dict.fromkeys(d.article.outlet for d in members)),
                 first_published=min(dates) if dates else None, last_published=max(dates) if dates else None)
