"""`uneventtui show ID`: one event in full, or an entity with the events that name it."""

from __future__ import annotations

import argparse
import sys

from uneventtui.commands.common import add_json, add_verb, display_for, load, unknown_value
from uneventtui.commands.events import events_table
from uneventtui.model import Entity, Event, Label, Source, Timeline, format_range
from uneventtui.output import (
    Display,
    entity_json,
    event_json,
    pad,
    print_json,
    source_json,
    terminal_width,
)

LABEL_WIDTH = 15
PLAIN_WIDTH = 100  # wrapping width when not printing to a terminal


def add_parser(subparsers) -> None:
    parser = add_verb(
        subparsers,
        "show",
        "show one event, or an entity or a source and its events",
        "Show an event in full (dates, place, participants and their roles, sources and\n"
        "quotes); an entity with its names, description, roles and events; or a source\n"
        "with the quotes taken from it and the events that cite it.",
    )
    parser.add_argument("id", metavar="ID", help="an event, entity or source id")
    add_json(parser, "it")
    parser.set_defaults(run=run)


class Page:
    """Label / value lines, values wrapped and right-to-left ones right-aligned."""

    def __init__(self, width: int, display: Display):
        self.width = width
        self.display = display
        self.lines: list[str] = []

    def heading(self, text: str) -> None:
        for line, rtl in self.display.wrap(text, self.width):
            self.lines.append(pad(line, self.width, right=True).rstrip() if rtl else line)

    def field(self, label: str, value: str, indent: int = 0) -> None:
        """A labelled value; several paragraphs ("\\n") each take their own direction."""
        if not value:
            return
        room = self.width - LABEL_WIDTH - indent
        first = True
        for line, rtl in self.display.wrap(value, room):
            head = (label if first else "").ljust(LABEL_WIDTH) + " " * indent
            body = pad(line, room, right=True) if rtl else line
            self.lines.append((head + body).rstrip())
            first = False

    def blank(self) -> None:
        self.lines.append("")

    def events(self, title: str, events: list[Event], table_width: int | None) -> None:
        """A titled, indented table of events (fitted to `table_width`, if any)."""
        self.blank()
        self.lines.append(f"{title} ({len(events)})")
        if events:
            table = events_table(events, table_width - 2 if table_width else None, self.display)
            self.lines.extend("  " + line for line in table)


def both(name_en: str, name_ar: str, ident: str | None = None) -> str:
    """'English · العربية [id]' in logical order (shaped later, as one line)."""
    text = " · ".join(x for x in (name_en, name_ar) if x)
    return f"{text} [{ident}]" if ident else text


def _role(role: str) -> str:
    return f": {role}" if role else ""


def label(labels: dict[str, Label], ident: str) -> str:
    known = labels.get(ident)
    return both(known.name_en, known.name_ar, ident) if known else ident


def entity_name(timeline: Timeline, ident: str) -> str:
    entity = timeline.entities.get(ident)
    return both(entity.name_en, entity.name_ar, ident) if entity else ident


def event_page(event: Event, timeline: Timeline, width: int, display: Display) -> list[str]:
    page = Page(width, display)
    page.heading(event.title_en)
    page.heading(event.title_ar)
    page.blank()
    page.field("id", event.id)
    page.field("aliases", " · ".join(event.aliases))
    page.field("date", format_range(event.start, event.end))
    page.field("", format_range(event.start, event.end, "ar"))
    page.field("date note", event.date_note)
    page.field("", event.date_note_ar)
    page.field("kind", label(timeline.event_kinds, event.kind))
    page.field("track", label(timeline.tracks, event.track))
    if event.place:
        page.field("place", entity_name(timeline, event.place))
    for i, participant in enumerate(event.participants):
        # English, then Arabic on its own right-aligned line: a long role reads better
        # in one direction than mixed.
        entity = timeline.entities.get(participant.entity)
        name_en = entity.name_en if entity else participant.entity
        name_ar = entity.name_ar if entity else ""
        lines = [f"{name_en} [{participant.entity}]" + _role(participant.role_en)]
        if name_ar or participant.role_ar:
            lines.append(name_ar + _role(participant.role_ar))
        page.field("participants" if i == 0 else "", "\n".join(lines))
    for i, org in enumerate(event.organizations):
        page.field("organizations" if i == 0 else "", entity_name(timeline, org))
    page.field("summary", "\n".join(x for x in (event.summary_ar, event.summary_en) if x))
    for i, ref in enumerate(event.sources):
        source = timeline.sources.get(ref.source)
        title = source.title if source and source.title else ""
        if source is not None and source.kind == "seed":
            where = f"seed article {source.file}"
            if source.outlet:
                where += f", {source.outlet}"
        else:
            where = ref.url or (source.reference if source else "")
        page.field("sources" if i == 0 else "", f"[{ref.source}] {title}".rstrip())
        page.field("", where, indent=2)
        if ref.quote:
            page.field("", f"«{ref.quote}»", indent=2)
    return page.lines


def entity_page(
    entity: Entity, timeline: Timeline, width: int, table_width: int | None, display: Display
) -> list[str]:
    page = Page(width, display)
    page.heading(entity.name_en)
    page.heading(entity.name_ar)
    page.blank()
    page.field("id", entity.id)
    page.field("kind", f"{entity.kind} ({entity.subkind})" if entity.subkind else entity.kind)
    page.field("aliases", " · ".join(entity.aliases))
    page.field("about", "\n".join(x for x in (entity.description_ar, entity.description_en) if x))
    for i, (event, participant) in enumerate(timeline.roles_of(entity.id)):
        role = both(participant.role_en, participant.role_ar) or "participant"
        when = format_range(event.start, event.end)
        page.field("roles" if i == 0 else "", f"{when}: {role} [{event.id}]")
    page.events("events", timeline.events_of(entity.id), table_width)
    return page.lines


def citing(timeline: Timeline, source_id: str) -> list[Event]:
    """The events that cite a source, in order."""
    return [e for e in timeline.events if any(r.source == source_id for r in e.sources)]


def source_page(
    source: Source, timeline: Timeline, width: int, table_width: int | None, display: Display
) -> list[str]:
    page = Page(width, display)
    page.heading(source.title or source.id)
    page.blank()
    page.field("id", source.id)
    page.field("kind", "seed article" if source.kind == "seed" else "external reference")
    page.field("outlet", source.outlet or "")
    page.field("published", source.published.format() if source.published else "")
    if source.file:
        seeds = timeline.seeds_dir
        page.field("file", str(seeds / source.file) if seeds else source.file)
    page.field("url", source.url or "")
    page.field("symbol", source.symbol or "")
    page.field("note", source.note)
    events = citing(timeline, source.id)
    quotes = [(e, r.quote) for e in events for r in e.sources if r.source == source.id and r.quote]
    for i, (event, quote) in enumerate(quotes):
        page.field("quotes" if i == 0 else "", f"[{event.id}]")
        page.field("", f"«{quote}»", indent=2)
    page.events("cited by", events, table_width)
    return page.lines


def run(args: argparse.Namespace) -> int:
    display = display_for(args)
    timeline = load(args, display)
    if timeline is None:
        return 1
    event = timeline.event(args.id)
    entity = timeline.entities.get(args.id)
    source = timeline.sources.get(args.id)
    if event is None and entity is None and source is None:
        known = [*timeline.entities, *(e.id for e in timeline.events), *timeline.sources]
        listed_by = "`uneventtui events` with `uneventtui entities`"
        print(unknown_value("event, entity or source", args.id, known, listed_by), file=sys.stderr)
        return 2
    if args.json:
        if event is not None:
            data = event_json(event, timeline)
        elif entity is not None:
            data = entity_json(entity)
            data["events"] = [event_json(e, timeline) for e in timeline.events_of(entity.id)]
        else:
            assert source is not None
            data = source_json(source)
            data["events"] = [event_json(e, timeline) for e in citing(timeline, source.id)]
        print_json(data)
        return 0
    width = terminal_width()
    if event is not None:
        lines = event_page(event, timeline, width or PLAIN_WIDTH, display)
    elif entity is not None:
        lines = entity_page(entity, timeline, width or PLAIN_WIDTH, width, display)
    else:
        assert source is not None
        lines = source_page(source, timeline, width or PLAIN_WIDTH, width, display)
    display.print_lines(lines)
    return 0
