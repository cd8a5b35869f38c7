"""`uneventtui events`: the timeline, in chronological order."""

from __future__ import annotations

import argparse

from uneventtui import filters
from uneventtui.commands.common import add_json, add_verb, chosen_filters, display_for, load
from uneventtui.model import Event, Timeline, format_range
from uneventtui.output import Column, Display, event_json, print_json_list, terminal_width

INFERRED = "*"


def add_parser(subparsers) -> None:
    parser = add_verb(
        subparsers,
        "events",
        "list the events in chronological order",
        "List the events, oldest first (a partial date such as 2025-07 sorts as its first\n"
        "day; ties by id). A * after a date marks it as inferred: `show ID` says why.",
    )
    filters.add_options(parser)
    add_json(parser, "the events")
    parser.set_defaults(run=run)


def date_cell(event: Event) -> str:
    text = format_range(event.start, event.end)
    return text + INFERRED if event.date_note else text


def events_table(
    events: list[Event],
    width: int | None,
    display: Display,
    same_kind: bool = False,
    same_track: bool = False,
) -> list[str]:
    """Events as table lines: date, id, kind, track, and the title in both languages.

    On a narrow terminal the titles are cut first, then the track and the kind go;
    the date and the id (what `show` takes) are always shown whole. `same_kind` /
    `same_track` leave out a column that would repeat one value (a filter's).
    """
    columns = [
        Column("DATE"),
        Column("ID"),
        Column("KIND", shrink_to=8, drop=2),
        Column("TRACK", shrink_to=8, drop=1),
        Column("TITLE", shrink_to=20),
        Column(display.visual("العنوان"), right=True, shrink_to=20),
    ]
    visual = display.visual
    rows = [
        [
            visual(date_cell(e)),
            visual(e.id),
            visual(e.kind),
            visual(e.track),
            visual(e.title_en),
            visual(e.title_ar),
        ]
        for e in events
    ]
    keep = [i for i in range(6) if not (i == 2 and same_kind) and not (i == 3 and same_track)]
    lines = display.table([columns[i] for i in keep], ([r[i] for i in keep] for r in rows), width)
    if any(e.date_note for e in events):
        lines.append(f"{INFERRED} date inferred or approximate: `uneventtui show ID` says why")
    return lines


def select(timeline: Timeline, args: argparse.Namespace) -> list[Event] | None:
    """The events the options ask for; None (after a message on stderr) for an unknown
    value or options that contradict each other."""
    chosen = chosen_filters(timeline, args)
    return None if chosen is None else chosen.events(timeline)


def run(args: argparse.Namespace) -> int:
    display = display_for(args)
    timeline = load(args, display)
    if timeline is None:
        return 1
    events = select(timeline, args)
    if events is None:
        return 2
    if args.json:
        print_json_list(event_json(e, timeline) for e in events)
    else:
        table = events_table(
            events,
            terminal_width(),
            display,
            same_kind=len(args.kind or ()) == 1,
            same_track=len(args.track or ()) == 1,
        )
        display.print_lines(table)
    return 0
