"""Stage 4, one task per chunk of stories: a brief per story (``build_brief``, unchanged) as one JSON
line in the ``newsweave brief --format json`` shape, and the chunk's articles as a Parquet table.
Both part files are written atomically under names fixed by the chunk number, so a retried task
replaces its own output and never adds a second copy."""

from __future__ import annotations

import io
import json
from pathlib import Path

from ..config import Options
from ..documents import Nlp
from ..model import Document, Rejection, Story
from .atomic import write_atomically, write_bytes_atomically
from .records import ChunkResult, PlannedStory
from .shards import load_part, part_path

# Stories per brief task are grouped until they hold about this many articles. Briefs cost ~0.3 s
# per article (bench/results/scale_out.md), so a 40-article task runs ~10 s: long next to Dask's
# per-task overhead (milliseconds) and part-file loading, short enough that the last tasks of a run
# spread over every worker (with 200 a 600-article run had 3 tasks for 2 workers).
CHUNK_ARTICLES = 40

ARTICLE_COLUMNS = ("id", "story", "copy_of", "outlet", "title", "url", "published", "author", "origin", "shard",
                   "position", "content_hash", "words")


def chunk_stories(stories: list[PlannedStory], *, size: int = CHUNK_ARTICLES) -> list[list[PlannedStory]]:
    chunks: list[list[PlannedStory]] = [[]]
    held = 0
    for story in stories:
        if held >= size:
            chunks.append([])
            held = 0
        chunks[-1].append(story)
        held += len(story.articles)
    return [chunk for chunk in chunks if chunk]


def write_chunk(chunk: int, stories: list[PlannedStory], work: str, options: Options, *, nlp: Nlp) -> ChunkResult:
    from ..briefs import build_brief
    from ..outputs.json import brief_to_dict

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
    briefs = write_bytes_atomically(Path(work) / f"briefs-{chunk:05d}.jsonl",
                                    "".join(line + "\n" for line in lines).encode("utf-8"))
    articles = write_atomically(Path(work) / f"articles-{chunk:05d}.parquet", lambda out: _write_parquet(rows, out))
    return ChunkResult(chunk=chunk, briefs=str(briefs), articles=str(articles), stories=tuple(described),
                       rejections=tuple(rejections))


def articles_schema():
    import pyarrow as pa

    text, integer = pa.string(), pa.int64()
    return pa.schema([("id", text), ("story", text), ("copy_of", text), ("outlet", text), ("title", text),
                      ("url", text), ("published", pa.timestamp("us")), ("author", text), ("origin", text),
                      ("shard", integer), ("position", integer), ("content_hash", text), ("words", integer)])


def _write_parquet(rows: list[dict], handle) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=articles_schema()), buffer)
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
