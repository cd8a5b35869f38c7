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
from uneventtui.model import Timeline
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
    add_json(
        parser,
        "the problems (a list, empty when the dataset is clean); with --stats, an object "
        "{problems, stats}",
    )
    parser.add_argument(
        "--stats",
        action="store_true",
        help="also show the coverage: events per year per track, entities without "
        "events, sources cited by no event",
    )
    parser.set_defaults(run=run)


def coverage(timeline: Timeline) -> dict:
    """Where the dataset is thin: events per year per track (every year from the first
    to the last, empty ones included), entities no event names, sources no event cites."""
    tracks = list(timeline.tracks)
    counts: dict[int, dict[str, int]] = {}
    for year, track in zip(
        timeline.event_column("year"), timeline.event_column("track"), strict=True
    ):
        row = counts.setdefault(year, {})
        row[track] = row.get(track, 0) + 1
        if track not in timeline.tracks and track not in tracks:
            tracks.append(track)
    years = range(min(counts), max(counts) + 1) if counts else range(0)
    cited = {ref.source for event in timeline.events for ref in event.sources}
    return {
        "events": len(timeline.events),
        "entities": len(timeline.entities),
        "sources": len(timeline.sources),
        "tracks": tracks,
        "events_per_year": [
            {
                "year": year,
                "total": sum(counts.get(year, {}).values()),
                "tracks": {track: counts.get(year, {}).get(track, 0) for track in tracks},
            }
            for year in years
        ],
        "entities_without_events": [
            entity_id for entity_id in timeline.entities if not timeline.event_count(entity_id)
        ],
        "sources_without_events": [
            source_id for source_id in timeline.sources if source_id not in cited
        ],
    }


def coverage_lines(stats: dict, timeline: Timeline) -> list[str]:
    """The coverage as a table of years by tracks ('-' where a year has none), then the
    entities and sources nothing uses."""
    tracks = stats["tracks"]
    heads = [
        timeline.tracks[track].short("en") if track in timeline.tracks else track
        for track in tracks
    ]
    widths = [max(len(head), 3) for head in heads]
    lines = ["", "Events per year per track:"]
    lines.append(
        "  ".join(["year", *(h.rjust(w) for h, w in zip(heads, widths, strict=True))]) + "  total"
    )
    for row in stats["events_per_year"]:
        cells = [
            (str(row["tracks"][track]) if row["tracks"][track] else "-").rjust(width)
            for track, width in zip(tracks, widths, strict=True)
        ]
        total = str(row["total"]) if row["total"] else "-"
        lines.append("  ".join([str(row["year"]).ljust(4), *cells]) + "  " + total.rjust(5))
    for key, what in (
        ("entities_without_events", "Entities without events"),
        ("sources_without_events", "Sources cited by no event"),
    ):
        ids = stats[key]
        lines.append("")
        lines.append(f"{what}: {len(ids)}" + (":" if ids else ""))
        lines.extend(f"  {item}" for item in ids)
    return lines


def run(args: argparse.Namespace) -> int:
    display = display_for(args)
    data = getattr(args, "data", None)
    # The path as typed, escaped: a directory named with escape sequences is data too.
    shown = escape_line(str(data) if data is not None else str(paths.shipped_data_dir()))
    try:
        timeline, warnings = load_with_warnings(data)
    except DataError as error:
        if args.json:
            problems = [problem_json(p) for p in error.problems]
            print_json({"problems": problems, "stats": None} if args.stats else problems)
            return 1
        report_problems(error.problems, sys.stdout, display)
        print(f"{shown}: {plural(len(error.problems), 'problem')}", file=sys.stderr)
        return 1
    report_problems(warnings, sys.stderr)  # the data loads: exit 0, but say what misleads
    if args.json:
        print_json({"problems": [], "stats": coverage(timeline)} if args.stats else [])
        return 0
    quotes = sum(1 for e in timeline.events for r in e.sources if r.quote)
    seeds = sum(1 for s in timeline.sources.values() if s.kind == "seed")
    print(
        f"{shown}: OK: {plural(len(timeline.events), 'event')}, "
        f"{plural(len(timeline.entities), 'entity', 'entities')}, "
        f"{plural(len(timeline.sources), 'source')} ({plural(seeds, 'seed article')}; "
        f"{plural(quotes, 'quote')} found verbatim in {escape_line(str(timeline.seeds_dir))})"
    )
    if args.stats:
        for line in coverage_lines(coverage(timeline), timeline):
            print(line)
    return 0
