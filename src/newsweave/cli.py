"""Command line: a thin layer over the Python API. Each command parses its options, calls the API,
renders, and turns NewsweaveError into a one-line message and an exit code.

Exit codes: 0 success, 1 some inputs were rejected (output still written), 2 usage or fatal error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Sequence

from .config import FetchOptions, Options
from .errors import NewsweaveError

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

    engine = Newsweave(_options(args, words=args.words))
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
               "  newsweave brief ../shared/seeds --outlet 000_82769e1fad382a14=WION --date 2023-06-18\n\n"
               "Exit codes: 0 all inputs used, 1 some inputs rejected (brief still written, reasons on\n"
               "standard error), 2 usage or fatal error.")
    parser.add_argument("articles", nargs="+", help="files, directories, URLs, or - for standard input")
    parser.add_argument("--words", type=int, default=120, help="summary length in words (default 120)")
    parser.add_argument("--format", choices=["text", "markdown", "json", "html"], default="text",
                        help="output format (default text)")
    parser.add_argument("--out", help="write to this file instead of standard output")
    _add_reading_options(parser)
    parser.set_defaults(run=_cmd_brief)


# --- quotes -----------------------------------------------------------------------------------------

# --- eval -------------------------------------------------------------------------------------------
# `newsweave eval KIND ...`: each evaluation adds its own sub-command in its own section below and
# lists its adder in _add_eval.

# --- eval summaries ---

# --- eval quotes ---

# --- eval clusters ---


def _add_eval(commands) -> None:
    parser = commands.add_parser("eval", help="evaluate against a labelled dataset and print figures")
    evaluations = parser.add_subparsers(dest="evaluation", required=True)
    for add in ():
        add(evaluations)

# --- ingest / stories -------------------------------------------------------------------------------

# --- serve ------------------------------------------------------------------------------------------

# --- batch ------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsweave", description="Cited multi-source news briefs.")
    commands = parser.add_subparsers(dest="command", required=True)
    for add in (_add_brief, _add_eval):
        add(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except NewsweaveError as error:
        print(f"newsweave: {error}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
