"""What the command-line verbs print: stable JSON for scripts, aligned tables for people.

JSON is the contract scripts and tests rely on (see docs/cli.md): keys in a
fixed order, Arabic as is (`ensure_ascii=False`), absent values as null. Tables pass
every string from the data through a `Display` (the rtl mode of this run, as a value:
shaped and in visual order for a terminal, logical for a pipe; control characters made
harmless either way) and align columns by terminal cells, so Arabic lines up with Latin
text. Nothing here is Rich markup: data is printed as plain text.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from uneventtui import text as _text
from uneventtui.loader import Problem
from uneventtui.model import Entity, Event, Source, SourceRef, Timeline
from uneventtui.text.cells import cell_len, clip
from uneventtui.text.terminal import explicit_bidi

MIN_CUT = 4  # the narrowest a cut column gets, when nothing else can give


# --- JSON ------------------------------------------------------------------------


def _or_none(value: str | None) -> str | None:
    return value or None


def source_ref_json(ref: SourceRef, timeline: Timeline) -> dict[str, Any]:
    """{source, quote} for a seed; {source, url, symbol} for an external reference."""
    source = timeline.sources.get(ref.source)
    if source is not None and source.kind == "seed":
        return {"source": ref.source, "quote": ref.quote}
    return {
        "source": ref.source,
        "url": ref.url or (source.url if source else None),
        "symbol": source.symbol if source else None,
    }


def event_json(event: Event, timeline: Timeline) -> dict[str, Any]:
    """One event as the JSON contract gives it (keys in this order)."""
    return {
        "id": event.id,
        "kind": event.kind,
        "track": event.track,
        "title_ar": event.title_ar,
        "title_en": event.title_en,
        "aliases": list(event.aliases),
        "start": event.start.iso(),
        "end": event.end.iso() if event.end else None,
        "date_note": _or_none(event.date_note),
        "date_note_ar": _or_none(event.date_note_ar),
        "place": event.place,
        "participants": [
            {"entity": p.entity, "role_ar": _or_none(p.role_ar), "role_en": _or_none(p.role_en)}
            for p in event.participants
        ],
        "organizations": list(event.organizations),
        "sources": [source_ref_json(ref, timeline) for ref in event.sources],
        "summary_ar": _or_none(event.summary_ar),
        "summary_en": _or_none(event.summary_en),
    }


def entity_json(entity: Entity) -> dict[str, Any]:
    """One entity as the JSON contract gives it (keys in this order)."""
    return {
        "id": entity.id,
        "kind": entity.kind,
        "subkind": _or_none(entity.subkind),
        "name_ar": entity.name_ar,
        "name_en": entity.name_en,
        "aliases": list(entity.aliases),
        "description_ar": _or_none(entity.description_ar),
        "description_en": _or_none(entity.description_en),
    }


def source_json(source: Source) -> dict[str, Any]:
    """One source (keys in this order)."""
    return {
        "id": source.id,
        "kind": source.kind,
        "title": _or_none(source.title),
        "file": source.file,
        "outlet": source.outlet,
        "published": source.published.iso() if source.published else None,
        "url": source.url,
        "symbol": source.symbol,
        "note": _or_none(source.note),
    }


# Characters JSON output writes as \\uXXXX escapes although `ensure_ascii=False` would
# keep them: DEL and the C1 controls (some terminals execute them), the bidi controls
# (they would reorder what a terminal shows: Trojan Source), the line and paragraph
# separators and U+FEFF. A JSON parser reads the escape back as the same character.
_JSON_ESCAPED = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u206f\ufeff]")


def to_json(value: Any) -> str:
    """Stable, readable JSON: Arabic as is, keys in the order built, nothing invisible raw."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def problem_json(problem: Problem) -> dict[str, Any]:
    """One problem of a dataset (keys in this order); `text` is its one-line form."""
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "table": problem.table,
        "entry": problem.entry,
        "field": problem.field,
        "message": problem.message,
        "text": str(problem),
    }


def print_json(value: Any, file: TextIO | None = None) -> None:
    """Print `to_json(value)`."""
    print(to_json(value), file=file or sys.stdout)


def print_json_list(items: Iterable[Any], file: TextIO | None = None) -> None:
    """Print `to_json(list(items))`, byte for byte, one item at a time: a million events
    are written as they are read, never held as one document."""
    out = file or sys.stdout
    first = True
    for item in items:
        out.write("[\n  " if first else ",\n  ")
        out.write(to_json(item).replace("\n", "\n  "))
        first = False
    out.write("[]\n" if first else "\n]\n")


# --- Text for the terminal -------------------------------------------------------


RTL_MODES = ("shaped", "terminal")
# "shaped": we shape and reorder Arabic (visual order) and ask the terminal not to
# reorder it again; "terminal": logical order, for terminals that do bidi themselves.
# A pipe or a file gets "logical" unless a mode is asked for: the text as the data
# holds it, so that grep finds it (see uneventtui.text.layout.MODES).
DISPLAY_MODES = (*RTL_MODES, "logical")


def is_terminal(stream: TextIO | None = None) -> bool:
    """Does `stream` (stdout by default) go to a terminal?"""
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def choose_rtl_mode(asked: str | None, stream: TextIO | None = None) -> str:
    """The rtl mode of a run: the one asked for (--rtl-mode, or the config file's),
    else shaped on a terminal and logical into a pipe or a file, the way
    `--color=auto` works."""
    if asked in RTL_MODES:
        return asked
    return "shaped" if is_terminal(stream) else "logical"


@dataclass(frozen=True)
class Display:
    """How a run draws strings from the data: its rtl mode, passed down as a value."""

    rtl_mode: str = "shaped"

    def __post_init__(self) -> None:
        if self.rtl_mode not in DISPLAY_MODES:
            raise ValueError(
                f"rtl mode must be one of {', '.join(DISPLAY_MODES)}, not {self.rtl_mode!r}"
            )

    def visual(self, value: str, base: str | None = None) -> str:
        """A string from the data as this run draws it (see `uneventtui.text`)."""
        return _text.visual(value, base, mode=self.rtl_mode)

    def wrap(self, value: str, width: int) -> list[tuple[str, bool]]:
        """`value` wrapped to `width` cells: (line to draw, right-align it) pairs."""
        lines = _text.layout(value, max(width, 1), mode=self.rtl_mode)
        return [(line.text, line.rtl) for line in lines]

    def table(
        self, columns: Sequence[Column], rows: Iterable[Sequence[str]], width: int | None = None
    ) -> list[str]:
        """`render_table`, cutting right-to-left cells at their end in visual order."""
        return render_table(columns, rows, width, visual_rtl=self.rtl_mode == "shaped")

    def print_lines(self, lines: Iterable[str], file: TextIO | None = None) -> None:
        """Print lines; a terminal that reorders bidi itself is asked not to
        reorder shaped ones again."""
        out = file or sys.stdout
        with explicit_bidi(out, enabled=self.rtl_mode == "shaped"):
            for line in lines:
                print(line, file=out)


def terminal_width(stream: TextIO | None = None) -> int | None:
    """The terminal's width when printing to one; None (no limit) for pipes and files."""
    if not is_terminal(stream):
        return None
    return shutil.get_terminal_size((100, 24)).columns


def pad(value: str, width: int, right: bool = False) -> str:
    """Pad a visual string to `width` cells, on the left when right-aligned."""
    space = " " * max(0, width - cell_len(value))
    return space + value if right else value + space


@dataclass(frozen=True)
class Column:
    """A table column.

    `right`: right-aligned (right-to-left text). `shrink_to`: the narrowest it may be
    cut to when the table must fit the terminal (0: never cut, e.g. ids, which the user
    types back). `drop`: when even the narrowest table is too wide, columns with a
    `drop` rank go, highest rank first (0: always shown).
    """

    header: str
    right: bool = False
    shrink_to: int = 0
    drop: int = 0


def render_table(
    columns: Sequence[Column],
    rows: Iterable[Sequence[str]],
    width: int | None = None,
    visual_rtl: bool = True,
) -> list[str]:
    """Rows of drawn strings as aligned lines, headers first; fitted to `width` if set.

    `visual_rtl`: right-to-left cells are in visual order (their beginning on the
    right), so a cut one loses its left end; False for logical text."""
    rows = [list(row) for row in rows]
    widths = [
        max([cell_len(col.header), *(cell_len(row[i]) for row in rows)])
        for i, col in enumerate(columns)
    ]
    shown = list(range(len(columns)))
    if width is not None:
        shown = _columns_that_fit(columns, widths, width)
        fitted = _shrink([columns[i] for i in shown], [widths[i] for i in shown], width)
        widths = dict(zip(shown, fitted, strict=True))  # type: ignore[assignment]
    lines = []
    for row in [[c.header for c in columns], *rows]:
        cells = []
        for i in shown:
            col, w = columns[i], widths[i]
            cut = clip(row[i], w, rtl=col.right and visual_rtl)
            cells.append(pad(cut, w, right=col.right))
        lines.append("  ".join(cells).rstrip())
    return lines


def _room(count: int, width: int) -> int:
    return width - 2 * (count - 1)  # two spaces between columns


def _columns_that_fit(columns: Sequence[Column], widths: list[int], width: int) -> list[int]:
    """The columns to show: all, unless even at their narrowest they are too wide."""
    shown = list(range(len(columns)))

    def narrowest(i: int) -> int:
        return min(widths[i], columns[i].shrink_to) if columns[i].shrink_to else widths[i]

    while sum(map(narrowest, shown)) > _room(len(shown), width):
        droppable = [i for i in shown if columns[i].drop]
        if not droppable:
            break
        shown.remove(max(droppable, key=lambda i: columns[i].drop))
    return shown


def _shrink(columns: Sequence[Column], widths: list[int], width: int) -> list[int]:
    """Narrow the shrinkable columns, widest first, until the row fits in `width`:
    down to their `shrink_to`, and if that is not enough, down to a few cells."""
    widths = list(widths)
    room = _room(len(columns), width)
    for floor in (None, MIN_CUT):
        while sum(widths) > room:
            candidates = [
                i
                for i, col in enumerate(columns)
                if col.shrink_to and widths[i] > (col.shrink_to if floor is None else floor)
            ]
            if not candidates:
                break
            widest = max(candidates, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 event', '2 events'."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"
