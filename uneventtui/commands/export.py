"""`uneventtui export`: the filtered events in a format researchers use."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from uneventtui import filters
from uneventtui.commands.common import add_verb, chosen_filters, load
from uneventtui.export import FORMATS, Export
from uneventtui.paths import UnsafePath, write_atomically
from uneventtui.text.sanitize import escape_line


def add_parser(subparsers) -> None:
    listed = "\n".join(f"  {f.name:<11} {f.summary}" for f in FORMATS.values())
    parser = add_verb(
        subparsers,
        "export",
        "export the events (filtered as `events` filters them) to a file format",
        "Export the events, filtered with the options of `events`, to standard output\n"
        "or a file (written whole or not at all). Formats:\n"
        f"{listed}\n"
        "See docs/export.md.",
    )
    parser.add_argument(
        "--format",
        "-f",
        required=True,
        choices=list(FORMATS),
        metavar="FORMAT",
        help="one of " + ", ".join(FORMATS),
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    filters.add_options(parser)
    parser.add_argument(
        "--approximate",
        action="store_true",
        help="ics: include events dated only to the month or year, spanning that period",
    )
    parser.add_argument("--excel", action="store_true", help="csv: start with a BOM for Excel")
    parser.add_argument(
        "--timelinejs",
        metavar="DIR",
        help="html: load TimelineJS from this copy of its dist directory (or URL) "
        "instead of the Knight Lab CDN",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "ar"),
        default=argparse.SUPPRESS,
        help="md, html, ics: the language of headings and labels (default en)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    timeline = load(args)
    if timeline is None:
        return 1
    chosen = chosen_filters(timeline, args)
    if chosen is None:
        return 2
    export = Export(
        timeline=timeline,
        events=chosen.events(timeline),
        filters=chosen,
        lang=getattr(args, "lang", None) or "en",
        approximate=args.approximate,
        excel=args.excel,
        timelinejs=args.timelinejs,
    )
    try:
        data = FORMATS[args.format].write(export)
    except ValueError as error:  # e.g. --timelinejs without TimelineJS in it
        print(f"uneventtui: {escape_line(str(error))}", file=sys.stderr)
        return 2
    if not args.output or args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    path = Path(args.output)
    if not path.parent.is_dir():
        print(
            f"uneventtui: cannot write {escape_line(args.output)}: no directory "
            f"{escape_line(str(path.parent))}",
            file=sys.stderr,
        )
        return 1
    try:
        write_atomically(path, data, private=False)
    except (OSError, UnsafePath) as error:
        print(f"uneventtui: cannot write {escape_line(args.output)}: {error}", file=sys.stderr)
        return 1
    return 0
