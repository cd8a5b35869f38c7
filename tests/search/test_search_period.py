"""Searching with a year or a date (issue #25, item 11): `Doha 2025`, `Geneva
2024`, `summit 2025` and `2025` found nothing; a year or a date in a query now
narrows to the events of that period, ranked, combined with the names. And
`قمة الدوحة` puts the summit itself above the declaration it adopted."""

from __future__ import annotations

import pytest

import uneventtui
from uneventtui.dataset import Dataset
from uneventtui.search.period import split_period

TIMELINE = uneventtui.load()
DATASET = Dataset(TIMELINE)
EVENTS = {e.id: e for e in TIMELINE.events}


def _in(event_id: str, first: str, last: str) -> bool:
    event = EVENTS[event_id]
    start = event.start.iso()
    end = (event.end or event.start).iso()
    return start[: len(last)] <= last and end[: len(first)] >= first


@pytest.mark.parametrize(
    ("query", "first", "last", "expected"),
    [
        ("Doha 2025", "2025", "2025", "2025-11-wssd2-doha"),
        ("Geneva 2024", "2024", "2024", "2024-04-22-geneva-visit"),
        ("summit 2025", "2025", "2025", "2025-11-wssd2-doha"),
        ("2025 summit", "2025", "2025", "2025-11-wssd2-doha"),
        ("الدوحة ٢٠٢٥", "2025", "2025", "2025-11-wssd2-doha"),  # Arabic-Indic digits
        ("قمة ۲۰۲۵", "2025", "2025", "2025-11-wssd2-doha"),  # Extended Arabic-Indic
        ("Geneva 2024-04", "2024-04", "2024-04", "2024-04-22-geneva-visit"),
        ("Copenhagen 1995", "1995", "1995", "1995-03-wssd-copenhagen"),
    ],
)
def test_a_year_narrows_to_the_events_of_that_period(query, first, last, expected):
    hits = DATASET.search(query, limit=50)
    ids = [hit.id for hit in hits]
    assert hits and all(hit.kind == "event" for hit in hits)
    assert expected in ids[:3], ids[:5]
    assert all(_in(i, first, last) for i in ids), [i for i in ids if not _in(i, first, last)]


def test_a_year_alone_lists_that_years_events_in_order():
    hits = DATASET.search("2025", limit=500)
    ids = [hit.id for hit in hits]
    in_2025 = [e.id for e in TIMELINE.events if _in(e.id, "2025", "2025")]
    assert ids == in_2025  # chronological, all of them
    assert len(DATASET.search("2025", limit=5)) == 5


def test_the_names_still_rank_within_the_period():
    ids = [hit.id for hit in DATASET.search("Doha 2025", limit=30)]
    # Held in Doha and named after it; the side events whose titles start with "Doha"
    # may come first (a word at the start of a title ranks higher).
    assert "2025-11-wssd2-doha" in ids[:3]
    assert "2025-02-11-csocd63-copenhagen-to-doha-side-event" in ids  # held in New York
    assert not any(EVENTS[i].start.year == 1995 for i in ids)


def test_the_summit_ranks_above_the_declaration_it_adopted():
    for query in ("قمة الدوحة", "Doha summit", "الدوحة القمة"):
        ids = [hit.id for hit in DATASET.search(query, limit=5)]
        summit = ids.index("2025-11-wssd2-doha")
        assert summit < ids.index("2025-11-04-doha-political-declaration"), (query, ids)


def test_a_year_with_an_entity_kind_gives_entities_active_then():
    hits = DATASET.search("Hilale 2024", kind="person")
    assert [hit.id for hit in hits][:1] == ["omar-hilale"]
    assert DATASET.search("Hilale 1995", kind="person") == []


@pytest.mark.parametrize(
    ("query", "period", "rest"),
    [
        ("Doha 2025", (20250101, 20251231), "Doha"),
        ("2024-04 Geneva", (20240401, 20240431), "Geneva"),
        ("٢٠٢٥", (20250101, 20251231), ""),
        ("resolution 78/261", None, "resolution 78/261"),  # no year
        ("A/RES/78/261", None, "A/RES/78/261"),
        ("2024-03-cofacilitators-appointed", None, "2024-03-cofacilitators-appointed"),
        ("1234", None, "1234"),  # not a year we know
    ],
)
def test_what_counts_as_a_date(query, period, rest):
    assert split_period(query) == (period, rest)
