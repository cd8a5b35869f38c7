"""`uneventtui search QUERY`: find people, organisations, places and events by name."""

from __future__ import annotations

import argparse
import sys

from uneventtui.commands.common import add_json, add_verb, display_for, load_dataset
from uneventtui.output import Column, Display, print_json, terminal_width
from uneventtui.search import KINDS, Hit, normalize


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("the limit must be 1 or more")
    return value


def add_parser(subparsers) -> None:
    parser = add_verb(
        subparsers,
        "search",
        "find people, organisations, places and events by name",
        "Find entities and events by any of their names, in Arabic (any spelling of\n"
        "hamza, ة/ه, ى/ي, with or without ال, with or without harakat) or in Latin\n"
        "script; typos and transliteration variants are tolerated. Best match first:\n"
        "exact, then prefix, word start, inside a word, then close spellings.\n"
        "Exit status: 0 when something matched, 1 when nothing did, 2 on a bad query.",
    )
    parser.add_argument("query", metavar="QUERY", help="words to look for, in any order")
    parser.add_argument(
        "--limit", type=_limit, default=20, metavar="N", help="at most N results (default 20)"
    )
    parser.add_argument("--kind", choices=KINDS, help="only results of this kind")
    add_json(parser, "the results")
    parser.set_defaults(run=run)


def hits_table(hits: list[Hit], width: int | None, display: Display) -> list[str]:
    visual = display.visual
    columns = [
        Column("SCORE", right=True),
        Column("KIND", drop=2),
        Column("ID", shrink_to=12, drop=1),
        Column("NAME", shrink_to=16),
        Column(visual("الاسم"), right=True, shrink_to=16),
    ]
    rows = [
        [f"{h.score:g}", h.kind, visual(h.id), visual(h.name_en), visual(h.name_ar)] for h in hits
    ]
    return display.table(columns, rows, width)


def run(args: argparse.Namespace) -> int:
    if not normalize(args.query):
        print(
            "uneventtui search: the query has no letters or digits to look for",
            file=sys.stderr,
        )
        return 2
    display = display_for(args)
    dataset = load_dataset(args, display)
    if dataset is None:
        return 1
    hits = dataset.search(args.query, limit=args.limit, kind=args.kind)
    if args.json:
        print_json([h.as_dict() for h in hits])
    elif hits:
        display.print_lines(hits_table(hits, terminal_width(), display))
    else:
        shown = display_for(args, sys.stderr).visual(args.query)
        print(f"uneventtui search: no matches for {shown}", file=sys.stderr)
    return 0 if hits else 1
