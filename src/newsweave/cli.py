"""Command line: a thin layer over the Python API. Each command parses its options, calls the API,
renders, and turns NewsweaveError into a one-line message and an exit code.

Exit codes: 0 success, 1 some inputs were rejected (output still written), 2 usage or fatal error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Sequence

from .config import FetchOptions, Options
from .errors import NewsweaveError

if TYPE_CHECKING:
    from .documents import Nlp

EXIT_OK, EXIT_REJECTED, EXIT_FATAL = 0, 1, 2


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _outlet_pair(value: str) -> tuple[str, str]:
    key, sep, outlet = value.partition("=")
    if not sep or not key or not outlet:
        raise argparse.ArgumentTypeError(f"expected NAME=OUTLET, got {value!r}")
    return key, outlet


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--outlet", action="append", type=_outlet_pair, default=[], metavar="NAME=OUTLET",
                        help="name the outlet of a file (by file name stem or article id); repeatable")
    parser.add_argument("--date", type=_iso_date, help="reference date YYYY-MM-DD for articles with none")
    parser.add_argument("--allow-private", action="store_true",
                        help="allow fetching URLs on private or loopback addresses")
    parser.add_argument("--follow-links", action="store_true", help="fetch each feed entry's linked page")


def _options(args: argparse.Namespace, **extra) -> Options:
    fetch = FetchOptions(allow_private=args.allow_private, follow_feed_links=args.follow_links)
    return Options(outlet_map=dict(args.outlet), reference_date=args.date, fetch=fetch, **extra)


def _write(text: str, out: str | None) -> None:
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _report_rejections(rejections) -> int:
    for rejection in rejections:
        print(f"newsweave: rejected {rejection.input}: {rejection.reason}", file=sys.stderr)
    return EXIT_REJECTED if rejections else EXIT_OK


# --- brief ------------------------------------------------------------------------------------------

def _cmd_brief(args: argparse.Namespace) -> int:
    from .api import Newsweave
    from .outputs import render

    engine = Newsweave(_options(args, words=args.words, embeddings=not args.no_embeddings), nlp=args.nlp)
    if args.story:
        brief = _story_brief(engine, args)  # from the store: see the ingest / stories section
    elif not args.articles:
        print("newsweave: give articles to brief, or --story ID", file=sys.stderr)
        return EXIT_FATAL
    else:
        brief = engine.brief(args.articles)
    rejected = [a for a in brief.articles if a.rejected]
    for article in rejected:
        print(f"newsweave: rejected {article.id}: {article.rejected}", file=sys.stderr)
    if not brief.articles:
        # Nothing read and nothing rejected (e.g. an empty directory): an empty brief would hide that.
        print(f"newsweave: no articles found in {', '.join(args.articles)}", file=sys.stderr)
        return EXIT_FATAL
    try:
        _write(render(brief, args.format), args.out)
    except OSError as error:
        print(f"newsweave: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FATAL
    return EXIT_REJECTED if rejected else EXIT_OK


def _add_brief(commands) -> None:
    parser = commands.add_parser(
        "brief", help="write a cited multi-source brief of some articles",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Summarise articles about one event into a brief whose every sentence cites its source.",
        epilog="Examples:\n"
               "  newsweave brief ../shared/seeds --words 120\n"
               "  newsweave brief a.html b.txt feed.xml --format html --out brief.html\n"
               "  newsweave brief ../shared/seeds --outlet 000_82769e1fad382a14=WION --date 2023-06-18\n"
               "  newsweave brief --story S0000001 --db news.sqlite --format markdown\n\n"
               "Exit codes: 0 all inputs used, 1 some inputs rejected (brief still written, reasons on\n"
               "standard error), 2 usage or fatal error.")
    parser.add_argument("articles", nargs="*", help="files, directories, URLs, or - for standard input")
    parser.add_argument("--story", help="brief a stored story instead (ids from: newsweave stories)")
    parser.add_argument("--db", help="store for --story (default $NEWSWEAVE_DB or ~/.local/share/newsweave)")
    parser.add_argument("--words", type=int, default=120, help="summary length in words (default 120)")
    parser.add_argument("--format", choices=["text", "markdown", "json", "html"], default="text",
                        help="output format (default text)")
    parser.add_argument("--out", help="write to this file instead of standard output")
    parser.add_argument("--no-embeddings", action="store_true",
                        help="compare claims by wording only: skips loading PyTorch and the sentence model "
                             "(a faster cold start; claims worded differently are not grouped)")
    _add_reading_options(parser)
    parser.set_defaults(run=_cmd_brief)


# --- quotes -----------------------------------------------------------------------------------------

def _cmd_quotes(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from .api import Newsweave
    from .briefs.quotes import quotes_in

    engine = Newsweave(_options(args), nlp=args.nlp)
    documents, rejections = engine.read(args.articles)
    records = [asdict(m) for m in quotes_in(documents, engine.nlp)]
    if args.format == "json":
        text = json.dumps(records, ensure_ascii=False, indent=2)
    elif args.format == "jsonl":
        text = "\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    else:
        text = "\n".join(f"{r['article']} [{r['start']}:{r['end']}] {r['speaker'] or 'UNKNOWN'}"
                         f" ({r['speaker_mention'] or '-'}, {r['outlet']}): \u201c{r['text']}\u201d" for r in records)
    _write(text, args.out)
    return _report_rejections(rejections)


def _add_quotes(commands) -> None:
    parser = commands.add_parser("quotes", help="list every direct quotation with its speaker",
                                 description="Example: newsweave quotes ../shared/seeds --format jsonl")
    parser.add_argument("articles", nargs="+", help="files, directories, URLs, or - for standard input")
    parser.add_argument("--format", choices=["json", "jsonl", "text"], default="text")
    parser.add_argument("--out", help="write to this file instead of standard output")
    _add_reading_options(parser)
    parser.set_defaults(run=_cmd_quotes)


# --- eval -------------------------------------------------------------------------------------------
# `newsweave eval KIND ...`: each evaluation adds its own sub-command in its own section below and
# lists its adder in _add_eval.

# --- eval summaries ---

def _cmd_eval_summaries(args: argparse.Namespace) -> int:
    import json

    from .evaluation.datasets import read_summary_records
    from .evaluation.summaries import evaluate_summaries, format_table

    records = read_summary_records(args.dataset, limit=args.limit, skip_unreferenced=args.skip_unreferenced)
    evaluation = evaluate_summaries(records, words=args.words, budget=args.budget, systems=args.systems,
                                    progress=lambda n: n % 100 or print(f"{n} clusters", file=sys.stderr),
                                    embeddings=not args.no_embeddings)
    print(format_table(evaluation))
    if args.out:
        lines = [json.dumps({"id": p.cluster, "summary": p.summary}, ensure_ascii=False)
                 for p in evaluation.predictions if p.system == "newsweave"]
        _write("\n".join(lines) + "\n", args.out)
    return EXIT_OK


def _system_list(value: str) -> tuple[str, ...]:
    from .evaluation.baselines import BASELINES

    systems = tuple(s.strip() for s in value.split(",") if s.strip())
    allowed = ("newsweave", *BASELINES)
    if not systems or any(s not in allowed for s in systems):
        raise argparse.ArgumentTypeError(f"expected a comma-separated list of {', '.join(allowed)}; got {value!r}")
    return systems


def _add_eval_summaries(evaluations) -> None:
    parser = evaluations.add_parser(
        "summaries", help="ROUGE of newsweave's summaries next to Lead, LexRank and TextRank",
        description="Example: newsweave eval summaries ../shared/data/duc2006/test.jsonl.gz --words 250")
    parser.add_argument("dataset", help="JSON Lines (.gz) records {id, documents: [str], summaries: [str]}")
    parser.add_argument("--words", type=int, required=True, help="summary length in words (e.g. 300, 250)")
    parser.add_argument("--limit", type=int, help="evaluate only the first K clusters")
    parser.add_argument("--skip-unreferenced", action="store_true",
                        help="skip clusters without reference summaries (DUC 2007 has 20) instead of failing")
    parser.add_argument("--out", help="write newsweave's summaries here as JSON Lines {id, summary}")
    parser.add_argument("--systems", type=_system_list, default=("newsweave", "lead", "lexrank", "textrank"),
                        help="comma-separated systems to run (default: all four)")
    parser.add_argument("--budget", choices=("whole", "cut"), default="whole",
                        help="how the word budget binds every system: whole sentences within it (default, as "
                             "newsweave brief does), or sentences until it is reached, the last one cut (DUC)")
    parser.add_argument("--no-embeddings", action="store_true",
                        help="newsweave scores sentences by wording only, even with the embeddings extra installed")
    parser.set_defaults(run=_cmd_eval_summaries)


# --- eval quotes ---

def _cmd_eval_quotes(args: argparse.Namespace) -> int:
    from .evaluation.quotes import DEFAULT_GOLD, evaluate, load_gold

    gold = load_gold(args.gold or DEFAULT_GOLD)
    scores, errors = evaluate(gold, args.docs)
    print(f"articles {scores.articles}  gold quotes {scores.gold}  predicted {scores.predicted}  "
          f"matched {scores.matched}")
    print(f"precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
          f"speaker accuracy {scores.speaker_accuracy:.3f} ({scores.speaker_correct}/{scores.matched})")
    for error in errors if args.show_errors else ():
        print(f"  {error.kind:8} {error.doc} [{error.start}:{error.end}] gold={error.gold_speaker} "
              f"predicted={error.predicted_speaker}")
    return EXIT_OK


def _add_eval_quotes(evaluations) -> None:
    parser = evaluations.add_parser(
        "quotes", help="quote precision, recall and speaker accuracy on annotated DUC 2006 articles",
        description="Example: newsweave eval quotes --docs ../shared/data/duc2006/duc2006_docs")
    parser.add_argument("gold", nargs="?", help="gold JSONL (default: the bundled DUC 2006 annotations)")
    parser.add_argument("--docs", required=True, help="the duc2006_docs directory holding the SGML articles")
    parser.add_argument("--show-errors", action="store_true", help="list missed, spurious and misattributed quotes")
    parser.set_defaults(run=_cmd_eval_quotes)


# --- eval clusters ---

def _cmd_eval_clusters(args: argparse.Namespace) -> int:
    import json

    from collections import Counter

    from .config import Options, StoryOptions
    from .evaluation.clusters import score_baseline, score_online, screen
    from .evaluation.clusters_data import read_cluster_dataset

    dataset = read_cluster_dataset(args.dataset, limit=args.limit, offset=args.offset)
    records = [r for r in dataset.records if r.cluster.startswith(args.gold_prefix or "")]
    print(f"{dataset.name}: {len(records)} articles in stream order"
          + (f" ({dataset.skipped} empty documents skipped)" if dataset.skipped else ""))
    gate = Options() if args.min_words is None else Options(min_article_words=args.min_words)
    rejected = {} if args.no_reject else screen(records, gate)
    reasons = Counter(reason.split(":")[0] + (" " + reason[reason.find("("):] if "site notice" in reason else "")
                      for reason in rejected.values())
    print("gate off (--no-reject): every document is clustered" if args.no_reject else
          f"{len(rejected)} rejected by the pipeline's gate, scored as singleton stories for every system "
          f"(never dropped from the gold)" + "".join(f"\n  {n:6d}  {why}" for why, n in reasons.most_common()))
    options = StoryOptions(**{k: v for k, v in (("threshold", args.threshold), ("time_weight", args.time_weight),
                                                ("name_weight", args.name_weight), ("absorb_size", args.absorb))
                              if v is not None})
    online, predicted = score_online(records, options=options, rejected=rejected, merge=args.merge)
    scores = [online] if args.no_baseline else [online, score_baseline(records, rejected=rejected)]
    print(f"{'system':32} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'stories':>8} {'gold':>6} {'art/s':>8}")
    for score in scores:
        print(f"{score.system:32} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
              f"{score.predicted:8d} {score.gold:6d} {score.per_second:8.0f}" + (f"  ({score.note})" if score.note else ""))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps({"id": record.id, "story": predicted[record.id]}) + "\n")
    return EXIT_OK


def _add_eval_clusters(evaluations) -> None:
    parser = evaluations.add_parser(
        "clusters", help="B-cubed scores of online story clustering next to an agglomerative baseline",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Cluster a dataset as a stream, in file order, and score it against its gold clusters.\n"
                    "DATASET: clustering JSON Lines {id, date, title, text, cluster}; or Multi-News style\n"
                    "{id, documents} (documents pooled and shuffled with a fixed seed); or the ECB+ token file.",
        epilog="Examples:\n"
               "  newsweave eval clusters ../shared/data/clustering_derived/duc_2006_2007_docs.jsonl.gz\n"
               "  newsweave eval clusters ../shared/data/multinews/val.jsonl.gz --limit 3000\n"
               "  newsweave eval clusters ../shared/data/ecbplus/ECB_Dev_corpus.txt --out pred.jsonl")
    parser.add_argument("dataset", help="dataset file (.jsonl, .jsonl.gz or the ECB+ .txt token file)")
    parser.add_argument("--out", help="write {id, story} per article to this JSON Lines file")
    parser.add_argument("--limit", type=int, help="use only the first N articles of the stream")
    parser.add_argument("--offset", type=int, default=0,
                        help="skip the first N articles (Multi-News: whole clusters) first, e.g. a tuning slice")
    parser.add_argument("--gold-prefix", metavar="PREFIX",
                        help="only the articles whose gold story starts with PREFIX (e.g. DUC2006: one year of DUC)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the (slower) baseline")
    parser.add_argument("--threshold", type=float, help="story join threshold (default: StoryOptions)")
    parser.add_argument("--time-weight", type=float, help="time-gap penalty weight (default: StoryOptions)")
    parser.add_argument("--name-weight", type=float,
                        help="weight of name features next to words (default: StoryOptions; topic level: 0.5)")
    parser.add_argument("--no-reject", action="store_true",
                        help="cluster every document, even those the pipeline rejects (notices, too short)")
    parser.add_argument("--min-words", type=int,
                        help="the gate's min_article_words (default: Options); 0 for excerpt datasets such as ECB+")
    parser.add_argument("--merge", type=float, metavar="COSINE",
                        help="second pass: merge stories by average linkage while their articles' mean cosine is at least this")
    parser.add_argument("--absorb", type=int, metavar="N",
                        help="with --merge: stories of at most N articles then join their nearest story (topic level: 10)")
    parser.set_defaults(run=_cmd_eval_clusters)



def _add_eval(commands) -> None:
    parser = commands.add_parser("eval", help="evaluate against a labelled dataset and print figures")
    evaluations = parser.add_subparsers(dest="evaluation", required=True)
    for add in (_add_eval_summaries, _add_eval_quotes, _add_eval_clusters):
        add(evaluations)

# --- ingest / stories -------------------------------------------------------------------------------

def _story_brief(engine, args: argparse.Namespace):
    from .store import open_store

    with open_store(args.db) as store:
        return engine.brief_story(args.story, store=store)


def _cmd_ingest(args: argparse.Namespace) -> int:
    from .api import Newsweave
    from .config import StoryOptions
    from .store import open_store

    with open_store(args.db) as store:
        if args.rejected:
            for rejection in store.rejections():
                article = f" [{rejection.article}]" if rejection.article else ""
                print(f"{rejection.input}{article}: {rejection.reason}")
            return EXIT_OK
        if not args.sources:
            print("newsweave: give sources to ingest (or --rejected to list rejections)", file=sys.stderr)
            return EXIT_FATAL
        online = {name: value for name, value in (("threshold", args.threshold), ("time_weight", args.time_weight),
                                                  ("name_weight", args.name_weight)) if value is not None}
        options = _options(args, stories=StoryOptions(merge_threshold=args.merge, **online))
        summary = Newsweave(options, nlp=args.nlp).ingest(args.sources, store=store, progress=sys.stderr.isatty())
        totals = store.counts()
    merged = f", merged {summary.merged} stories into others" if args.merge is not None else ""
    print(f"read {summary.read}, stored {summary.stored}, duplicates {summary.duplicates}, updated {summary.updated}, "
          f"rejected {summary.rejected}{merged}; the store holds {totals.articles} articles in {totals.stories} "
          f"stories ({totals.copies} wire copies)", file=sys.stderr)
    return EXIT_REJECTED if summary.rejected else EXIT_OK


def _cmd_stories(args: argparse.Namespace) -> int:
    import json

    from .store import open_store

    if args.absorb is not None and args.merge is None:
        print("newsweave: --absorb works with --merge (the second pass), e.g. --merge 0.08 --absorb 10",
              file=sys.stderr)
        return EXIT_FATAL
    with open_store(args.db) as store:
        if args.merge is not None:
            from .stories.second_pass import merge_store

            before = store.counts().stories
            merged = merge_store(store, threshold=args.merge, absorb=args.absorb or 0)
            print(f"merged {merged} stories into others: {before} → {before - merged} stories", file=sys.stderr)
        stories = store.stories(since=args.since, query=args.query, limit=args.limit)
    if args.format == "json":
        rows = [{"id": s.id, "title": s.title, "size": len(s.articles), "outlets": list(s.outlets),
                 "first": s.first_published.isoformat() if s.first_published else None,
                 "last": s.last_published.isoformat() if s.last_published else None,
                 "articles": list(s.articles)} for s in stories]
        _write(json.dumps(rows, indent=2, ensure_ascii=False), None)
        return EXIT_OK
    for s in stories:
        first = s.first_published.date().isoformat() if s.first_published else "?"
        last = s.last_published.date().isoformat() if s.last_published else "?"
        outlets = ", ".join(s.outlets[:4]) + (f" +{len(s.outlets) - 4}" if len(s.outlets) > 4 else "")
        print(f"{s.id}  {len(s.articles):4d} articles  {first} – {last}  {s.title}\n           outlets: {outlets}")
    if not stories:
        print("no stories" + (" match" if args.query or args.since else " stored yet"), file=sys.stderr)
    return EXIT_OK


def _add_ingest(commands) -> None:
    parser = commands.add_parser(
        "ingest", help="add articles to the store, find wire copies and group them into stories",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Store articles once each (same URL or same text = duplicate; same URL, new text = a new\n"
                    "version), record every rejection with its reason, and place each article in a story.",
        epilog="Examples:\n"
               "  newsweave ingest ../shared/seeds --db news.sqlite\n"
               "  newsweave ingest --rejected --db news.sqlite\n"
               "  newsweave ingest ../shared/seeds --db news.sqlite --threshold 0.3 --merge 0.16\n"
               "  newsweave ingest ARCHIVE --db topics.sqlite --threshold 0.16 --time-weight 0 --name-weight 0.5\n"
               "      (topic level: then newsweave stories --db topics.sqlite --merge 0.08 --absorb 10)\n\n"
               "The store is $NEWSWEAVE_DB, else ~/.local/share/newsweave/newsweave.sqlite.\n"
               "Exit codes: 0 all used, 1 some inputs rejected, 2 fatal error.")
    parser.add_argument("sources", nargs="*", help="files, directories, feeds, WARC, JSON Lines, URLs")
    parser.add_argument("--db", help="store path or URL (sqlite:///path); default $NEWSWEAVE_DB")
    parser.add_argument("--rejected", action="store_true", help="list the recorded rejections and exit")
    parser.add_argument("--merge", type=_merge_threshold, metavar="COSINE",
                        help="after the run, merge the stories it touched with close ones (second pass) while their "
                             "articles' mean cosine is at least this, e.g. 0.16; default off")
    parser.add_argument("--threshold", type=float, metavar="COSINE",
                        help="online join threshold (default 0.2); with --merge, 0.3 leaves small precise stories "
                             "for the second pass to join (docs/evaluation-clusters.md)")
    parser.add_argument("--time-weight", type=float, metavar="W",
                        help="penalty for days between an article and a story (default 0.1; topic level: 0)")
    parser.add_argument("--name-weight", type=float, metavar="W",
                        help="weight of name features next to words (default 1.5; topic level: 0.5)")
    _add_reading_options(parser)
    parser.set_defaults(run=_cmd_ingest)


def _add_stories(commands) -> None:
    parser = commands.add_parser(
        "stories", help="list the stories in the store",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="List stories, most recent first, with title, size, outlets, first and last dates.",
        epilog="Examples:\n"
               "  newsweave stories --db news.sqlite --since 2023-06-01\n"
               "  newsweave stories --query \"Blinken Beijing\" --format json\n"
               "  newsweave stories --db news.sqlite --merge 0.16\n"
               "  newsweave stories --db archive.sqlite --merge 0.08 --absorb 10   # topics, after the last run\n\n"
               "--absorb is for a whole archive, after all of it is ingested (ingest runs without it):\n"
               "run after each ingest of a few hundred articles it joins fragments to the wrong topic\n"
               "(docs/evaluation-clusters.md).")
    parser.add_argument("--db", help="store path or URL (sqlite:///path); default $NEWSWEAVE_DB")
    parser.add_argument("--since", type=_iso_date, help="only stories with an article on or after YYYY-MM-DD")
    parser.add_argument("--query", help="only stories with an article matching these words (full-text search)")
    parser.add_argument("--limit", type=int, default=50, help="at most this many stories (default 50)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    parser.add_argument("--merge", type=_merge_threshold, metavar="COSINE",
                        help="first merge the store's stories (second pass) while their articles' mean cosine is at "
                             "least this, e.g. 0.16; merged stories keep the older id")
    parser.add_argument("--absorb", type=_absorb_size, metavar="N",
                        help="with --merge: then stories of at most N articles join the story whose centroid is "
                             "nearest (topic-level archives: --merge 0.08 --absorb 10); default off")
    parser.set_defaults(run=_cmd_stories)


def _merge_threshold(text: str) -> float:
    value = float(text)
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"a merge threshold is a mean cosine in (0, 1], got {text}")
    return value


def _absorb_size(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--absorb is a story size in articles, 1 or more, got {text}")
    return value


# --- serve ------------------------------------------------------------------------------------------

def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:
        print("newsweave: uvicorn is not installed; install it with: pip install 'newsweave[web]'", file=sys.stderr)
        return EXIT_FATAL
    from .store import default_store_url, open_store
    from .web import create_app

    url = args.db or default_store_url()
    try:  # a store that cannot be opened is a one-line message here, not a traceback from uvicorn
        open_store(url).close()
    except OSError as error:
        print(f"newsweave: cannot open the store {url}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FATAL
    options = Options(reference_date=args.date, fetch=FetchOptions(allow_private=args.allow_private))
    app = create_app(url, options)
    print(f"newsweave: serving {url} at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return EXIT_OK


def _add_serve(commands) -> None:
    parser = commands.add_parser(
        "serve", help="serve the web pages and the JSON API over a store",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Serve the stories of a store as web pages (open http://HOST:PORT/ in a browser) and as a\n"
                    "JSON API under /api, described by the OpenAPI schema at /openapi.json.",
        epilog="Examples:\n"
               "  newsweave serve --db news.sqlite\n"
               "  newsweave serve --db news.sqlite --host 127.0.0.1 --port 8080 --allow-private")
    parser.add_argument("--db", help="store path or URL (sqlite:///path); default $NEWSWEAVE_DB")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--date", type=_iso_date, help="reference date YYYY-MM-DD for articles with none")
    parser.add_argument("--allow-private", action="store_true",
                        help="let the server fetch URLs on private or loopback addresses (off by default)")
    parser.add_argument("--log-level", choices=["critical", "error", "warning", "info", "debug"], default="info")
    parser.set_defaults(run=_cmd_serve)


# --- batch ------------------------------------------------------------------------------------------

def _cmd_batch(args: argparse.Namespace) -> int:
    from .engines import run_dask, run_local

    options = _options(args)
    progress = sys.stderr.isatty() or args.progress
    if args.engine == "local":
        if args.scheduler:
            print("newsweave: --scheduler needs --engine dask", file=sys.stderr)
            return EXIT_FATAL
        summary = run_local(args.inputs, args.out, options=options, db=args.db, progress=progress)
    else:
        if not args.scheduler:
            print(f"dask: starting a local cluster of {args.workers} worker processes on 127.0.0.1", file=sys.stderr)
        summary = run_dask(args.inputs, args.out, options=options, scheduler=args.scheduler, workers=args.workers,
                           db=args.db, progress=True)
    print(f"{summary.shards} shards, {summary.articles} articles ({summary.copies} wire copies), {summary.stories} "
          f"stories, {summary.briefs} briefs, {summary.rejected} rejected, in {summary.seconds:.1f} s "
          f"({summary.articles / max(summary.seconds, 1e-9):.1f} articles/s); wrote {args.out}", file=sys.stderr)
    return EXIT_REJECTED if summary.rejected else EXIT_OK


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number, 1 or more, got {value!r}")
    return int(value)


def _add_batch(commands) -> None:
    parser = commands.add_parser(
        "batch", help="run the whole pipeline over many WARC / JSON Lines shards, locally or on Dask",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read shards, find wire copies, cluster stories (by week, merged across week edges) and write\n"
                    "stories.parquet, articles.parquet, briefs.jsonl (one JSON brief per story) and\n"
                    "rejections.jsonl to DIR. --engine dask runs the same stages on a Dask cluster.",
        epilog="Examples:\n"
               "  newsweave batch 'crawl/*.warc.gz' --out results\n"
               "  newsweave batch 'shards/*.jsonl' --out results --engine dask --workers 2\n"
               "  newsweave batch 'shards/*.jsonl' --out results --engine dask --scheduler tcp://10.0.0.5:8786 \\\n"
               "      --db postgresql://user:pass@db/news\n\n"
               "Exit codes: 0 all used, 1 some inputs rejected (see DIR/rejections.jsonl), 2 fatal error.")
    parser.add_argument("inputs", nargs="+", help="WARC or JSON Lines shards, or globs of them (quote the glob)")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="directory for the outputs; with --scheduler, on a file system every worker sees")
    parser.add_argument("--engine", choices=["local", "dask"], default="local", help="where to run (default local)")
    parser.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="an existing Dask scheduler (--engine dask)")
    parser.add_argument("--workers", type=_positive_int, default=2,
                        help="worker processes of the local Dask cluster (default 2)")
    parser.add_argument("--db", help="also load the articles into this store (path, sqlite:///path or postgresql://…)")
    parser.add_argument("--progress", action="store_true", help="show progress bars even when not on a terminal")
    _add_reading_options(parser)
    parser.set_defaults(run=_cmd_batch)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsweave", description="Cited multi-source news briefs.")
    commands = parser.add_subparsers(dest="command", required=True)
    for add in (_add_brief, _add_quotes, _add_eval, _add_ingest, _add_stories, _add_serve, _add_batch):
        add(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, nlp: Nlp | None = None) -> int:
    """Run one command. ``nlp``: a loaded spaCy pipeline to reuse, for a caller that runs many commands in
    one process (the tests); by default a command loads its own, which costs about half a second."""
    args = build_parser().parse_args(argv, namespace=argparse.Namespace(nlp=nlp))
    try:
        return args.run(args)
    except NewsweaveError as error:
        print(f"newsweave: {error}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
