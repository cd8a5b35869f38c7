"""The data model: sources, entities, events and the dates they carry.

Pure Python, no Textual. Everything here is immutable once loaded; the loader
(`uneventtui.loader`) builds these objects from TOML and the `Timeline` gives
the rest of the program its views of them.

The values are named tuples rather than frozen dataclasses: as immutable, as
comparable and hashable, and much cheaper to create at start-up (the explorer
creates these at every launch, from the TOML or from the cache).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Iterator, Mapping, Sequence
    from pathlib import Path

ENTITY_KINDS = ("person", "organization", "place")

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Egyptian/Gulf month names: the ones the seed articles use.
MONTHS_AR = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)


class PartialDate(NamedTuple):
    """A date known to a year, a year and month, or a full day.

    "July 2025" stays July 2025: it never turns into 1 July 2025. It sorts as
    its first day so that partial and full dates interleave sensibly.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "1995", "1995-03" or "1995-03-06"; raise ValueError otherwise."""
        if not isinstance(text, str):
            raise ValueError(f"expected a string like 1995, 1995-03 or 1995-03-06, got {text!r}")
        match = _DATE_RE.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date like 1995, 1995-03 or 1995-03-06")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r}: month {month} is not 01-12")
        if day is not None:
            date(year, month or 1, day)  # raises ValueError for 2025-02-30
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """'year', 'month' or 'day'."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """A partial date sorts as its first day."""
        return (self.year, self.month or 1, self.day or 1)

    @property
    def last_key(self) -> tuple[int, int, int]:
        """The last day the date can stand for (for end-before-start checks)."""
        if self.month is None:
            return (self.year, 12, 31)
        if self.day is None:
            return (self.year, self.month, 31)
        return (self.year, self.month, self.day)

    def iso(self) -> str:
        """ISO 8601 at the stated precision: "1995", "2025-07", "1995-03-06"."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def format(self, lang: str = "en") -> str:
        """Human form at the stated precision, e.g. "6 March 1995" / "6 مارس 1995"."""
        months = MONTHS_AR if lang == "ar" else MONTHS_EN
        parts = []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None:
            parts.append(months[self.month - 1])
        parts.append(str(self.year))
        return " ".join(parts)

    def __str__(self) -> str:
        return self.iso()


def format_range(start: PartialDate, end: PartialDate | None, lang: str = "en") -> str:
    """A date or a date range, sharing the month and year where both ends do."""
    if end is None or end == start:
        return start.format(lang)
    if start.precision == end.precision == "day" and start.year == end.year:
        months = MONTHS_AR if lang == "ar" else MONTHS_EN
        if start.month == end.month:
            return f"{start.day}–{end.day} {months[end.month - 1]} {end.year}"  # type: ignore[index]
        return (
            f"{start.day} {months[start.month - 1]} – "  # type: ignore[index]
            f"{end.day} {months[end.month - 1]} {end.year}"  # type: ignore[index]
        )
    return f"{start.format(lang)} – {end.format(lang)}"


class Source(NamedTuple):
    """Where a fact comes from: a seed article shipped in seeds/, or an external reference."""

    id: str
    kind: str  # "seed" or "external"
    title: str = ""
    file: str | None = None  # seed file name, for kind == "seed"
    outlet: str | None = None  # the outlet, when the text names one
    published: PartialDate | None = None
    url: str | None = None  # for kind == "external": a public page ...
    symbol: str | None = None  # ... and/or a UN document symbol such as A/RES/78/261
    note: str = ""

    @property
    def reference(self) -> str:
        """What to show for an external source: its symbol and/or URL."""
        return " ; ".join(x for x in (self.symbol, self.url) if x) or (self.file or self.id)


class Entity(NamedTuple):
    """A person, an organisation or a place."""

    id: str
    kind: str  # one of ENTITY_KINDS
    name_ar: str
    name_en: str
    aliases: tuple[str, ...] = ()
    subkind: str = ""  # e.g. city, country, venue, agency, state
    description_ar: str = ""
    description_en: str = ""
    sources: tuple[SourceRef, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the entity goes by, display names first."""
        return (self.name_ar, self.name_en, *self.aliases)


class Participant(NamedTuple):
    """An entity taking part in an event, with the role it held at that event."""

    entity: str
    role_ar: str = ""
    role_en: str = ""


class SourceRef(NamedTuple):
    """An event's (or entity's) link to a source: a verbatim quote from a seed, or a URL."""

    source: str
    quote: str | None = None
    url: str | None = None


class Event(NamedTuple):
    """Something that happened, with honest dates and sources."""

    id: str
    kind: str
    track: str
    title_ar: str
    title_en: str
    start: PartialDate
    end: PartialDate | None = None
    date_note: str = ""  # set when the date is inferred rather than stated
    date_note_ar: str = ""  # the same note in Arabic
    place: str | None = None  # entity id of kind "place"
    summary_ar: str = ""
    summary_en: str = ""
    participants: tuple[Participant, ...] = ()
    organizations: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    # Other names the event goes by ("WSSD", "Copenhagen+5"); last, with a default,
    # so that positional construction elsewhere keeps working.
    aliases: tuple[str, ...] = ()

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        """Chronological: a partial date sorts as its first day, ties by id."""
        return (self.start.sort_key, self.id)

    def entity_ids(self) -> tuple[str, ...]:
        """Every entity the event names: place, participants, organisations."""
        ids = [p.entity for p in self.participants]
        ids.extend(self.organizations)
        if self.place:
            ids.append(self.place)
        return tuple(dict.fromkeys(ids))


class Label(NamedTuple):
    """A named term of the vocabulary: a track or an event kind."""

    id: str
    name_ar: str
    name_en: str
    # A short form for narrow columns (the timeline's rows); the name when not given.
    short_ar: str = ""
    short_en: str = ""

    def short(self, lang: str) -> str:
        """The short form in `lang` ("ar" or "en"), falling back to the full name."""
        if lang == "ar":
            return self.short_ar or self.name_ar
        return self.short_en or self.name_en


_EVENT_COLUMNS = {
    "year": lambda event: event.start.year,
    "track": lambda event: event.track,
    "kind": lambda event: event.kind,
    "id": lambda event: event.id,
}


# The largest seed article the reader opens: a seed is a news article, not a dump.
SEED_LIMIT = 16 << 20


class Timeline:
    """A loaded dataset: events in chronological order, entities by id.

    Built from lists and dicts by the loader; `from_indexed` takes the read-only,
    lazily decoded containers the cache keeps (see `uneventtui.packed`) with the
    lookups already made.
    """

    def __init__(
        self,
        events: list[Event],
        entities: dict[str, Entity],
        sources: dict[str, Source],
        tracks: dict[str, Label] | None = None,
        event_kinds: dict[str, Label] | None = None,
        seeds_dir: Path | None = None,
    ) -> None:
        self.events = events
        self.entities = entities
        self.sources = sources
        self.tracks: dict[str, Label] = {} if tracks is None else tracks
        self.event_kinds: dict[str, Label] = {} if event_kinds is None else event_kinds
        self.seeds_dir = seeds_dir
        self._by_entity: Mapping[str, Sequence[int]] = {}
        self._event_index: Mapping[str, int] = {}
        self._columns: dict[str, Sequence] = {}
        self.events.sort(key=lambda e: e.sort_key)
        self._reindex()

    @classmethod
    def from_indexed(
        cls,
        events: Sequence[Event],
        entities: Mapping[str, Entity],
        sources: dict[str, Source],
        tracks: dict[str, Label],
        event_kinds: dict[str, Label],
        seeds_dir: Path | None,
        *,
        by_entity: Mapping[str, Sequence[int]],
        event_index: Mapping[str, int],
        columns: dict[str, Sequence],
    ) -> Timeline:
        """A timeline whose events are already in order and whose lookups are made:
        `by_entity` (entity id -> positions of its events), `event_index` (event id ->
        position) and `columns` (see `event_column`). Raises ValueError when they do not
        describe the same number of events."""
        if len(event_index) != len(events) or any(
            len(column) != len(events) for column in columns.values()
        ):
            raise ValueError("the lookups do not match the events")
        timeline = cls.__new__(cls)
        timeline.events = events  # type: ignore[assignment]
        timeline.entities = entities  # type: ignore[assignment]
        timeline.sources = sources
        timeline.tracks = tracks
        timeline.event_kinds = event_kinds
        timeline.seeds_dir = seeds_dir
        timeline._by_entity = by_entity
        timeline._event_index = event_index
        timeline._columns = dict(columns)
        return timeline

    def lookups(self) -> tuple[Mapping[str, Sequence[int]], Mapping[str, int]]:
        """(by_entity, event_index): what `from_indexed` takes, for the cache writer."""
        return self._by_entity, self._event_index

    def _compared(self) -> tuple:
        return (
            self.events,
            self.entities,
            self.sources,
            self.tracks,
            self.event_kinds,
            self.seeds_dir,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeline):
            return NotImplemented
        return self._compared() == other._compared()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return (
            f"Timeline({len(self.events)} events, {len(self.entities)} entities, "
            f"{len(self.sources)} sources, seeds_dir={self.seeds_dir!r})"
        )

    def _reindex(self) -> None:
        self._event_index = {e.id: i for i, e in enumerate(self.events)}
        by_entity: dict[str, list[int]] = {}
        for i, event in enumerate(self.events):
            for entity_id in event.entity_ids():
                by_entity.setdefault(entity_id, []).append(i)
        self._by_entity = by_entity
        self._columns = {}

    def event_column(self, name: str) -> Sequence:
        """One attribute of every event, in order: "year", "track", "kind" or "id"
        (a list; from the cache, an array of the years, or the packed ids).

        Whole-timeline views (year headers, track counts) read these instead of
        touching every `Event`; computed once, and a cached timeline brings them along.
        """
        column = self._columns.get(name)
        if column is None:
            get = _EVENT_COLUMNS[name]
            column = self._columns[name] = [get(event) for event in self.events]
        elif getattr(column, "list_on_first_read", False):  # packed by the cache, slow to index
            column = self._columns[name] = list(column)
        return column

    def event(self, event_id: str) -> Event | None:
        """The event with this id, or None."""
        i = self._event_index.get(event_id)
        return None if i is None else self.events[i]

    def event_position(self, event_id: str) -> int | None:
        """Index of the event in the chronological list, or None."""
        return self._event_index.get(event_id)

    def events_at(self, positions: Iterable[int]) -> Iterator[Event]:
        """The events at `positions`, one at a time: from the cache, read through without
        keeping every decoded event (so a pass over all of them stays small)."""
        read_through = getattr(self.events, "read_through", None)
        if read_through is not None:
            return read_through(positions)
        return map(self.events.__getitem__, positions)

    def events_of(self, entity_id: str) -> list[Event]:
        """The events an entity takes part in, is involved in or hosts, in order."""
        return [self.events[i] for i in self._by_entity.get(entity_id, ())]

    def event_positions_of(self, entity_id: str) -> Sequence[int]:
        """Where (in `events`) the events of an entity are, in order: a view of thousands
        of them reads only the events it shows (a cached timeline decodes them on read)."""
        return self._by_entity.get(entity_id, ())

    def event_count(self, entity_id: str) -> int:
        """How many events name the entity (used to rank search hits)."""
        return len(self._by_entity.get(entity_id, ()))

    def roles_of(self, entity_id: str) -> list[tuple[Event, Participant]]:
        """The roles an entity held over time, one per event it took part in."""
        out = []
        for event in self.events_of(entity_id):
            for participant in event.participants:
                if participant.entity == entity_id:
                    out.append((event, participant))
        return out

    def seed_text(self, source_id: str) -> str | None:
        """The text of a seed source, or None when it is external or missing."""
        source = self.sources.get(source_id)
        if source is None or source.kind != "seed" or not source.file or self.seeds_dir is None:
            return None
        from uneventtui.paths import read_regular_file

        try:  # a FIFO or a device named like the seed is refused, never waited on
            return read_regular_file(self.seeds_dir / source.file, SEED_LIMIT).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
