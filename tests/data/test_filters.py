"""The one filter model (uneventtui.filters): the `events` verb, export and the explorer
narrow the timeline through it. AND across facets, OR within one, periods by overlap."""

from __future__ import annotations

import json
import random
from types import SimpleNamespace

import pytest
from cli_helpers import run
from export_helpers import MINI_DATA
from tui_fixture import shipped_timeline

from uneventtui import cache
from uneventtui.filters import FilterError, Filters, in_period
from uneventtui.model import Event, Label, PartialDate, Timeline
from uneventtui.synthetic import generate_timeline


def ids(timeline: Timeline, positions: list[int]) -> list[str]:
    return [timeline.events[i].id for i in positions]


def overlaps_year(event: Event, year: int) -> bool:
    """Written out apart from the model: the event's days meet the year's days."""
    first = event.start.year
    last = (event.end or event.start).year
    return first <= year <= last


def test_entity_and_year_equals_the_model_and_a_plain_reading(capsys):
    """`events --entity omar-hilale --year 2024 --json` (what the explorer's shared
    command line must show) is the model's answer, and the answer read off the events."""
    code, out, err = run(capsys, "events", "--entity", "omar-hilale", "--year", "2024", "--json")
    assert code == 0, err
    listed = [e["id"] for e in json.loads(out)]
    timeline = shipped_timeline()
    model = Filters(entities=("omar-hilale",), since=PartialDate(2024), until=PartialDate(2024))
    by_hand = [
        e.id for e in timeline.events if "omar-hilale" in e.entity_ids() and overlaps_year(e, 2024)
    ]
    assert listed == ids(timeline, model.apply(timeline)) == by_hand
    assert "2024-04-22-geneva-visit" in listed and len(listed) >= 5
    assert all(e["start"].startswith("2024") for e in json.loads(out))


def test_facets_and_within_or_across(capsys):
    def listed(*argv: str) -> list[str]:
        code, out, err = run(capsys, "events", "--json", "--data", MINI_DATA, *argv)
        assert code == 0, err
        return [e["id"] for e in json.loads(out)]

    assert listed("--kind", "visit") == ["2024-geneva-visit"]
    assert listed("--kind", "visit", "--kind", "summit") == [
        "2024-geneva-visit",
        "2025-doha-summit",
    ]
    assert listed("--kind", "visit", "--kind", "summit", "--place", "doha") == ["2025-doha-summit"]
    assert listed("--place", "geneva", "--place", "doha") == [
        "2024-geneva-visit",
        "2025-doha-summit",
    ]
    assert listed("--entity", "who", "--entity", "doha") == [
        "2024-geneva-visit",
        "2025-doha-summit",
    ]
    assert listed("--entity", "who", "--year", "2025") == []
    assert listed("--track", "summit", "--year", "2024") == [
        "2024-resolution-78-261",
        "2024-geneva-visit",
    ]


def test_place_is_where_an_event_was_held_entity_is_any_part(capsys):
    """A place named as a participant is not where the event was held."""
    timeline = shipped_timeline()
    for place in ("geneva", "doha", "new-york"):
        if place not in timeline.entities:
            continue
        held = ids(timeline, Filters(places=(place,)).apply(timeline))
        assert held == [e.id for e in timeline.events if e.place == place]
        named = ids(timeline, Filters(entities=(place,)).apply(timeline))
        assert set(held) <= set(named)


def day(text: str) -> PartialDate:
    return PartialDate.parse(text)


SPANNING = Event("span", "k", "t", "ع", "Span", day("2024-12-30"), day("2025-01-02"))
MONTHLY = Event("month", "k", "t", "ع", "Month", day("2025-03"))
YEARLY = Event("year", "k", "t", "ع", "Year", day("2023"), day("2026"))


@pytest.mark.parametrize(
    ("since", "until", "kept"),
    [
        ("2025", "2025", {"span", "month", "year"}),  # a span over New Year is in both years
        ("2024", "2024", {"span", "year"}),
        ("2025-01-03", None, {"month", "year"}),  # over by then
        ("2025-01-02", None, {"span", "month", "year"}),  # its last day
        (None, "2024-12-29", {"year"}),  # not begun yet
        ("2025-03-31", "2025-03-31", {"month", "year"}),  # March 2025 may be its last day
        ("2025-04", None, {"year"}),
        ("2027", None, set()),
        (None, "2022", set()),
    ],
)
def test_period_keeps_what_overlaps_it(since, until, kept):
    timeline = Timeline([SPANNING, MONTHLY, YEARLY], {}, {})
    filters = Filters(since=day(since) if since else None, until=day(until) if until else None)
    assert set(ids(timeline, filters.apply(timeline))) == kept
    assert {e.id for e in timeline.events if filters.matches(e)} == kept


def random_filters(rng: random.Random, timeline: Timeline) -> Filters:
    entity_ids = list(timeline.entities)
    places = [k for k, e in timeline.entities.items() if e.kind == "place"]

    def some(values: list[str]) -> tuple[str, ...]:
        return tuple(rng.sample(values, rng.choice([0, 0, 1, 2]))) if values else ()

    def bound() -> PartialDate | None:
        if rng.random() < 0.5:
            return None
        year = rng.randint(1994, 2026)
        return rng.choice([PartialDate(year), PartialDate(year, rng.randint(1, 12))])

    return Filters(
        tracks=some(list(timeline.tracks)),
        kinds=some(list(timeline.event_kinds)),
        entities=some(entity_ids),
        places=some(places),
        since=bound(),
        until=bound(),
    )


def test_apply_agrees_with_matches_on_synthetic_and_cached_timelines(tmp_path):
    """The fast path (columns, lookups, a cached timeline's packed containers) keeps
    exactly the events the plain per-event test keeps."""
    built = generate_timeline(600, 80, seed=3)
    from uneventtui.synthetic import write_dataset

    data = write_dataset(tmp_path / "synthetic", 600, 80, seed=3)
    cache.load_cached(data, directory=tmp_path / "cache")  # writes the cache
    cached = cache.load_cached(data, directory=tmp_path / "cache").dataset.timeline
    rng = random.Random(7)
    for timeline in (built, cached):
        for _ in range(150):
            filters = random_filters(rng, timeline)
            expected = [i for i, e in enumerate(timeline.events) if filters.matches(e)]
            assert filters.apply(timeline) == expected, filters


def test_unknown_values_name_the_facet_and_the_closest(capsys):
    code, out, err = run(capsys, "events", "--entity", "omar-hilal", "--year", "2024")
    assert code == 2 and out == ""
    assert err.startswith("uneventtui: no entity 'omar-hilal'; the closest: 'omar-hilale'")
    code, _, err = run(capsys, "events", "--place", "omar-hilale", "--data", MINI_DATA)
    assert code == 2
    assert "no place 'omar-hilale'; known: doha, geneva" in err  # a person is not a place
    code, _, err = run(capsys, "events", "--kind", "visit", "--kind", "vist", "--data", MINI_DATA)
    assert code == 2 and "no kind 'vist'" in err
    code, _, err = run(capsys, "events", "--year", "24", "--data", MINI_DATA)
    assert code == 2 and "'24' is not a year" in err
    code, _, err = run(capsys, "events", "--year", "2024", "--to", "2025", "--data", MINI_DATA)
    assert code == 2 and "--year cannot be combined with --from or --to" in err


def test_from_args_and_describe():
    args = SimpleNamespace(track=["summit", "summit"], entity=["omar-hilale"], year=2024)
    filters = Filters.from_args(args)
    assert filters == Filters(
        tracks=("summit",),
        entities=("omar-hilale",),
        since=PartialDate(2024),
        until=PartialDate(2024),
    )
    assert filters and not Filters()
    with pytest.raises(FilterError):
        Filters.from_args(SimpleNamespace(year=2024, since=PartialDate(2023)))
    timeline = Timeline(
        [], {}, {}, tracks={"summit": Label("summit", "القمة", "Summit")}, event_kinds={}
    )
    assert filters.describe("en") == "track: summit · entity: omar-hilale · 2024"
    assert filters.describe("en", timeline) == "track: Summit · entity: omar-hilale · 2024"
    assert filters.describe("ar", timeline) == "المسار: القمة · الجهة: omar-hilale · 2024"
    two = Filters(kinds=("a", "b"), since=PartialDate(2024, 4))
    assert two.describe("en") == "kind: a or b · from April 2024"
    assert Filters().describe("en") == ""


def test_in_period_is_the_events_verbs_rule():
    assert in_period(SPANNING, day("2025"), day("2025"))
    assert not in_period(SPANNING, day("2025-01-03"), None)
