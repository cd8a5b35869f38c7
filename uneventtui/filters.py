"""One filter model for the `events` verb, export and the explorer.

A `Filters` value narrows a timeline by five facets: track, kind, entity (the events
an entity takes part in: as a participant, an organisation or the place), place (the
event's own place) and a period. Facets combine with AND; the values of one facet
with OR (`--track summit --track migration`: either track). The period keeps the
events that overlap it, each bound taken at its stated precision (`--from 2024-04`
keeps an event still going on in April 2024).

The API, for the command line and the explorer alike:

- `Filters.from_args(args)` reads the options `add_options` gave an argparse parser
  (raises `FilterError` for --year with --from/--to);
- `filters.unknown(timeline)` lists the values that name nothing (`UnknownValue`s:
  the caller words the message, `uneventtui.commands.common.unknown_value` on the
  command line);
- `filters.apply(timeline)` gives the positions (in `timeline.events`) of the events
  kept, in chronological order, reading the columns the timeline keeps (`year`,
  `track`, `kind`) and the entity lookups rather than every event;
- `filters.matches(event)` tests one event (the same answer as `apply`);
- `filters.describe(lang, timeline)` is a one-line summary ("track: Summit · 2024").

Pure Python: nothing here imports Textual or Rich.
"""

from __future__ import annotations

import argparse
import re
import weakref
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, NamedTuple

from uneventtui.model import Event, PartialDate, Timeline

_YEAR_RE = re.compile(r"^\d{4}$")


class FilterError(ValueError):
    """Options that contradict each other (the message says which)."""


class UnknownValue(NamedTuple):
    """A filter value that names nothing: `what` (track, kind, entity, place), the
    value, the values it could have been, and the command that lists them all."""

    what: str
    value: str
    known: list[str]
    listed_by: str


def date_option(text: str) -> PartialDate:
    """argparse type for --from/--to: 1995, 2025-07 or 2025-07-16."""
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def year_option(text: str) -> int:
    """argparse type for --year: four digits."""
    if not _YEAR_RE.match(text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a year like 2024")
    return int(text)


def add_options(parser: argparse.ArgumentParser) -> None:
    """The filter options, as `events`, `export` (and the bare command) take them."""
    parser.add_argument(
        "--track",
        metavar="T",
        action="append",
        help="only events of this track (an id); given twice, of either track",
    )
    parser.add_argument(
        "--kind",
        metavar="K",
        action="append",
        help="only events of this kind (an id); given twice, of either kind",
    )
    parser.add_argument(
        "--entity",
        metavar="ID",
        action="append",
        help="only events naming this entity (a participant, an organisation or the "
        "place); given twice, naming either",
    )
    parser.add_argument(
        "--place",
        metavar="ID",
        action="append",
        help="only events held at this place (an entity id); given twice, at either",
    )
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
    parser.add_argument(
        "--year",
        metavar="Y",
        type=year_option,
        help="only events going on during year Y (short for --from Y --to Y)",
    )


def in_period(event: Event, since: PartialDate | None, until: PartialDate | None) -> bool:
    """Does the event overlap the period (each bound taken at its stated precision)?"""
    last = (event.end or event.start).last_key
    return (since is None or last >= since.sort_key) and (
        until is None or event.start.sort_key <= until.last_key
    )


def _values(value: Any) -> tuple[str, ...]:
    """An option's values as a tuple without repeats: None, a string or a list."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(dict.fromkeys(value))


# Facet names in the interface's two languages, for `describe`.
_FACET_NAMES = {
    "tracks": ("track", "المسار"),
    "kinds": ("kind", "النوع"),
    "entities": ("entity", "الجهة"),
    "places": ("place", "المكان"),
}
_OR = {"en": " or ", "ar": " أو "}


@dataclass(frozen=True)
class Filters:
    """Which events to keep; the empty value keeps them all."""

    tracks: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    since: PartialDate | None = None
    until: PartialDate | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace | Any) -> Filters:
        """The filters given by the options of `add_options` (attributes absent from
        `args` count as not given). Raises FilterError for --year with --from/--to."""
        since = getattr(args, "since", None)
        until = getattr(args, "until", None)
        year = getattr(args, "year", None)
        if year is not None:
            if since is not None or until is not None:
                raise FilterError("--year cannot be combined with --from or --to")
            since = until = PartialDate(int(year))
        return cls(
            tracks=_values(getattr(args, "track", None)),
            kinds=_values(getattr(args, "kind", None)),
            entities=_values(getattr(args, "entity", None)),
            places=_values(getattr(args, "place", None)),
            since=since,
            until=until,
        )

    def __bool__(self) -> bool:
        """True when anything is filtered out at all."""
        return any(getattr(self, f.name) for f in fields(self))

    # --- Checking values -------------------------------------------------------

    def unknown(self, timeline: Timeline) -> list[UnknownValue]:
        """The values that name nothing in `timeline`, in the order of the facets."""
        found = []
        for what, values, known in (
            ("track", self.tracks, timeline.tracks),
            ("kind", self.kinds, timeline.event_kinds),
        ):
            found.extend(
                UnknownValue(what, v, sorted(known), "`uneventtui events`")
                for v in values
                if v not in known
            )
        entities = timeline.entities
        for value in self.entities:
            if value not in entities:
                found.append(UnknownValue("entity", value, list(entities), "`uneventtui entities`"))
        for value in self.places:
            entity = entities.get(value)
            if entity is None or entity.kind != "place":
                places = [k for k, e in entities.items() if e.kind == "place"]
                listed_by = "`uneventtui entities --kind place`"
                found.append(UnknownValue("place", value, places, listed_by))
        return found

    # --- Applying --------------------------------------------------------------

    def matches(self, event: Event) -> bool:
        """Does one event pass every facet?"""
        return (
            (not self.tracks or event.track in self.tracks)
            and (not self.kinds or event.kind in self.kinds)
            and (not self.places or event.place in self.places)
            and (not self.entities or any(e in self.entities for e in event.entity_ids()))
            and in_period(event, self.since, self.until)
        )

    def apply(self, timeline: Timeline) -> list[int]:
        """Positions in `timeline.events` of the events that pass, in order.

        The cheap facets narrow first: the period's end cuts the year column (sorted,
        as the events are), the entity and place lookups give short lists, the track
        and kind columns are compared by position; only events at a period's edge
        (and the events of a place, to tell host from guest) are read whole."""
        events = timeline.events
        years = timeline.event_column("year")
        end = len(events) if self.until is None else bisect_right(years, self.until.year)
        candidates: Iterable[int] = range(end)
        if self.entities:
            candidates = _union(timeline.event_positions_of(e) for e in self.entities)
        if self.places:
            places = set(self.places)
            hosted = _union(timeline.event_positions_of(p) for p in self.places)
            hosted = [i for i in hosted if events[i].place in places]
            candidates = hosted if not self.entities else _intersect(candidates, hosted)
        if self.entities or self.places:
            candidates = [i for i in candidates if i < end]  # type: ignore[union-attr]
        for column, wanted in (("track", self.tracks), ("kind", self.kinds)):
            if wanted:
                values = timeline.event_column(column)
                chosen = set(wanted)
                candidates = [i for i in candidates if values[i] in chosen]
        if self.since is None and self.until is None:
            return list(candidates)
        return self._in_period(timeline, candidates, years)

    def _in_period(
        self, timeline: Timeline, candidates: Iterable[int], years: Sequence[int]
    ) -> list[int]:
        """The candidates that overlap the period, reading an event only when the
        years cannot decide (it began in or before the year of `since`, or in the year
        of a month or day `until`). When many began before `since`, their end years are
        read once for the timeline and kept (`_last_years`)."""
        events = timeline.events
        since, until = self.since, self.until
        last_years: Sequence[int] | None = _LAST_YEARS.get(id(timeline))
        few = isinstance(candidates, list) and len(candidates) * 8 < len(events)
        kept = []
        for i in candidates:
            year = years[i]
            if since is not None and year <= since.year:
                if year < since.year:  # begun before the bound's year: when did it end?
                    if last_years is None and not few:
                        last_years = _last_years(timeline)
                    if last_years is None:
                        event = events[i]
                        last_year = (event.end or event.start).year
                    else:
                        last_year = last_years[i]
                    if last_year < since.year:
                        continue
                    decided = last_year > since.year
                else:  # begun in the bound's year: on or after a year-only bound
                    decided = since.month is None
                if not decided and not in_period(events[i], since, None):
                    continue
            if (
                until is not None
                and year == until.year
                and until.month is not None  # a year-only bound keeps its whole year
                and not in_period(events[i], None, until)
            ):
                continue
            kept.append(i)
        return kept

    def events(self, timeline: Timeline) -> list[Event]:
        """The events that pass, in order (`apply`, read whole)."""
        events = timeline.events
        return [events[i] for i in self.apply(timeline)]

    # --- Describing ------------------------------------------------------------

    def describe(self, lang: str = "en", timeline: Timeline | None = None) -> str:
        """The active filters on one line, in `lang` ("en" or "ar"): facet names,
        values by name when `timeline` is given (else by id), the period as dated.
        Empty when nothing is filtered."""
        ar = lang == "ar"
        parts = []
        for facet in ("tracks", "kinds", "entities", "places"):
            values = getattr(self, facet)
            if values:
                names = [_name(facet, v, lang, timeline) for v in values]
                label = _FACET_NAMES[facet][1 if ar else 0]
                parts.append(f"{label}: {_OR['ar' if ar else 'en'].join(names)}")
        if self.since is not None or self.until is not None:
            parts.append(_period_text(self.since, self.until, lang))
        return " · ".join(parts)


def _name(facet: str, value: str, lang: str, timeline: Timeline | None) -> str:
    if timeline is None:
        return value
    if facet in ("tracks", "kinds"):
        label = (timeline.tracks if facet == "tracks" else timeline.event_kinds).get(value)
        return (label.name_ar if lang == "ar" else label.name_en) if label else value
    entity = timeline.entities.get(value)
    if entity is None:
        return value
    return entity.name_ar if lang == "ar" else entity.name_en


def _period_text(since: PartialDate | None, until: PartialDate | None, lang: str) -> str:
    if since is not None and since == until:
        return since.format(lang)
    if until is None:
        return ("منذ " if lang == "ar" else "from ") + since.format(lang)  # type: ignore[union-attr]
    if since is None:
        return ("حتى " if lang == "ar" else "to ") + until.format(lang)
    return f"{since.format(lang)} – {until.format(lang)}"


def _union(groups: Iterable[Sequence[int]]) -> list[int]:
    groups = list(groups)
    if len(groups) == 1:
        return list(groups[0])
    return sorted({i for group in groups for i in group})


def _intersect(a: Iterable[int], b: Iterable[int]) -> list[int]:
    keep = set(b)
    return [i for i in a if i in keep]


# The year each event ends (its start's year when it has no end), per timeline: the
# model keeps no such column, and a --from filter needs it for every event that began
# before the bound. Read once per timeline, dropped with it.
_LAST_YEARS: dict[int, array] = {}


def _last_years(timeline: Timeline) -> array:
    key = id(timeline)
    found = _LAST_YEARS.get(key)
    if found is None:
        found = array("i", ((e.end or e.start).year for e in timeline.events))
        _LAST_YEARS[key] = found
        weakref.finalize(timeline, _LAST_YEARS.pop, key, None)
    return found
