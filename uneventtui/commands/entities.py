"""`uneventtui entities`: the people, organisations and places of the dataset."""

from __future__ import annotations

import argparse

from uneventtui.commands.common import add_json, add_verb, display_for, load
from uneventtui.model import ENTITY_KINDS, Entity, Timeline
from uneventtui.output import Column, Display, entity_json, print_json_list, terminal_width


def add_parser(subparsers) -> None:
    parser = add_verb(
        subparsers,
        "entities",
        "list the people, organisations and places",
        "List the entities by id, with how many events name each.",
    )
    parser.add_argument("--kind", choices=ENTITY_KINDS, help="only entities of this kind")
    add_json(parser, "the entities")
    parser.set_defaults(run=run)


def entities_table(
    entities: list[Entity], timeline: Timeline, width: int | None, display: Display
) -> list[str]:
    visual = display.visual
    columns = [
        Column("ID"),
        Column("KIND", drop=2),
        Column("SUBKIND", shrink_to=8, drop=1),
        Column("EVENTS", right=True),
        Column("NAME", shrink_to=16),
        Column(visual("الاسم"), right=True, shrink_to=16),
    ]
    rows = [
        [
            visual(e.id),
            e.kind,
            visual(e.subkind),
            str(timeline.event_count(e.id)),
            visual(e.name_en),
            visual(e.name_ar),
        ]
        for e in entities
    ]
    return display.table(columns, rows, width)


def run(args: argparse.Namespace) -> int:
    display = display_for(args)
    timeline = load(args, display)
    if timeline is None:
        return 1
    entities = sorted(
        (e for e in timeline.entities.values() if args.kind in (None, e.kind)),
        key=lambda e: e.id,
    )
    if args.json:
        print_json_list(entity_json(e) for e in entities)
    else:
        display.print_lines(entities_table(entities, timeline, terminal_width(), display))
    return 0
