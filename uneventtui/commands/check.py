"""`uneventtui check`: validate a dataset; every problem, one line each."""

from __future__ import annotations

import argparse
import sys

from uneventtui import paths
from uneventtui.commands.common import (
    add_json,
    add_verb,
    display_for,
    report_problems,
)
from uneventtui.loader import DataError, load_with_warnings
from uneventtui.output import plural, print_json, problem_json
from uneventtui.text.sanitize import escape_line


def add_parser(subparsers) -> None:
    parser = add_verb(
        subparsers,
        "check",
        "validate a dataset and list every problem",
        "Validate a dataset directory: TOML syntax, fields, dates, references, ids,\n"
        "and that every quote occurs in its seed article. Prints one line per problem\n"
        "(file:line: entry, field: message) and exits 1, or a summary and exits 0.",
    )
    add_json(parser, "the problems (a list, empty when the dataset is clean)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    display = display_for(args)
    data = getattr(args, "data", None)
    # The path as typed, escaped: a directory named with escape sequences is data too.
    shown = escape_line(str(data) if data is not None else str(paths.shipped_data_dir()))
    try:
        timeline, warnings = load_with_warnings(data)
    except DataError as error:
        if args.json:
            print_json([problem_json(p) for p in error.problems])
            return 1
        report_problems(error.problems, sys.stdout, display)
        print(f"{shown}: {plural(len(error.problems), 'problem')}", file=sys.stderr)
        return 1
    report_problems(warnings, sys.stderr)  # the data loads: exit 0, but say what misleads
    if args.json:
        print_json([])
        return 0
    quotes = sum(1 for e in timeline.events for r in e.sources if r.quote)
    seeds = sum(1 for s in timeline.sources.values() if s.kind == "seed")
    print(
        f"{shown}: OK: {plural(len(timeline.events), 'event')}, "
        f"{plural(len(timeline.entities), 'entity', 'entities')}, "
        f"{plural(len(timeline.sources), 'source')} ({plural(seeds, 'seed article')}; "
        f"{plural(quotes, 'quote')} found verbatim in {escape_line(str(timeline.seeds_dir))})"
    )
    return 0
