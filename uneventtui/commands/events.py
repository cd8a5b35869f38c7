"""`uneventtui events`: the timeline, in chronological order."""

from __future__ import annotations

import argparse
import sys

from uneventtui.commands.common import add_json, add_verb, display_for, load, unknown_value
from uneventtui.model import Event, PartialDate, Timeline, format_range
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
    parser.add_argument("--track", metavar="T", help="only events of this track (an id)")
    parser.add_argument("--kind", metavar="K", help="only events of this kind (an id)")
    parser.add_argument("--entity", metavar="ID", help="only events naming this entity")
    parser.add_argument(
        "--from",
        dest="since",
        metavar="DATE",
        type=date_option,
        help="only events still going on at or after DATE (1995, 2025-07 or 2025-07-16)",
    )
    parser.add_argument(
        "--to",
        dest="until",
        metavar="DATE",
        type=date_option,
        help="only events begun by the end of DATE (--from 2025 --to 2025: during 2025)",
    )
    add_json(parser, "the events")
    parser.set_defaults(run=run)


def date_option(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def in_period(event: Event, since: PartialDate | None, until: PartialDate | None) -> bool:
    """Does the event overlap the period (each bound taken at its stated precision)?"""
    last = (event.end or event.start).last_key
    return (since is None or last >= since.sort_key) and (
        until is None or event.start.sort_key <= until.last_key
    )


def check_choice(what: str, value: str | None, known, listed_by: str) -> bool:
    """True when `value` is None or known; otherwise say what is near and return False."""
    if value is None or value in known:
        return True
    print(unknown_value(what, value, known, listed_by), file=sys.stderr)
    return False


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
    """The events the options ask for; None (after a message) for an unknown value."""
    ok = (
        check_choice("track", args.track, timeline.tracks, "`uneventtui events`")
        and check_choice("kind", args.kind, timeline.event_kinds, "`uneventtui events`")
        and check_choice("entity", args.entity, timeline.entities, "`uneventtui entities`")
    )
    if not ok:
        return None
    events = timeline.events_of(args.entity) if args.entity else timeline.events
    return [
        e
        for e in events
        if (args.track is None or e.track == args.track)
        and (args.kind is None or e.kind == args.kind)
        and in_period(e, args.since, args.until)
    ]


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
            same_kind=bool(args.kind),
            same_track=bool(args.track),
        )
        display.print_lines(table)
    return 0
