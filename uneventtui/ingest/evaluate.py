"""How well `ingest` reads the seeds, measured against the curated events that cite them.

Shared by tests/ingest/test_ingest_seeds.py (which asserts the shares) and
benchmarks/bench_ingest.py (which prints them).
"""

from __future__ import annotations

from dataclasses import dataclass

from uneventtui.ingest.draft import Draft, ingest_text
from uneventtui.model import Event, PartialDate, Timeline
from uneventtui.search.normalize import normalize

__all__ = ["SeedScore", "score_seed", "SEED_PUBLISHED"]

# The publication date each seed's [[source]] gives or implies (data/sources.toml):
SEED_PUBLISHED = {
    "seed-000": "2024-04",  # "22 to 24 April" of the current month; the visit is April 2024
    "seed-001": "2025-04",  # reports the meeting of Thursday 24 April 2025
    "seed-002": "2025",  # the webinars of July–August 2025, before the November summit
    "seed-003": "2023-01-27",  # "Dated 27 January 2023 in the text"
    "seed-004": "2024-07",  # the 16th UN–OIC meeting, Astana, 22–24 July 2024
}
_ORDER = {"year": 1, "month": 2, "day": 3}


def _cut(value: PartialDate, precision: str) -> tuple[int, ...]:
    return value.sort_key[: _ORDER[precision]]


def _coarser(a: PartialDate, b: PartialDate) -> str:
    return a.precision if _ORDER[a.precision] <= _ORDER[b.precision] else b.precision


def agrees(start: PartialDate, end: PartialDate | None, event: Event) -> bool:
    """Do the two periods overlap, each read at the coarser of the two precisions?"""
    p = _coarser(start, event.start)
    first, last = _cut(start, p), _cut(end or start, p)
    e_first, e_last = _cut(event.start, p), _cut(event.end or event.start, p)
    return first <= e_last and e_first <= last


def same_date(start: PartialDate, end: PartialDate | None, event: Event) -> bool:
    """Is the draft's date the curated one, at the precision both state?"""
    p = _coarser(start, event.start)
    if _cut(start, p) != _cut(event.start, p):
        return False
    if end is None or event.end is None:
        return True
    p = _coarser(end, event.end)
    return _cut(end, p) == _cut(event.end, p)


def named_in(text: str, timeline: Timeline, entity_id: str) -> bool:
    """Does any name or alias of the entity occur, as whole words, in the text (both
    normalised)? Independent of the matcher: it says which curated entities the
    article names at all."""
    haystack = f" {normalize(text)} "
    entity = timeline.entities[entity_id]
    return any(f" {normalize(n)} " in haystack for n in entity.names if normalize(n))


@dataclass
class SeedScore:
    source: str
    draft: Draft
    events: int  # curated events citing the seed
    dates_found: int  # ... whose date agrees with a date found in the article
    entities: int  # entities those events name
    entities_named: int  # ... that the article names in some form
    entities_found: int  # ... found as mentions
    draft_events: int
    draft_dates_right: int
    # By role in the curated events: (named by the article, found as mentions).
    by_role: dict[str, tuple[int, int]]


def score_seed(source_id: str, timeline: Timeline, published: str | None = None) -> SeedScore:
    source = timeline.sources[source_id]
    text = timeline.seed_text(source_id)
    if text is None or source.file is None:
        raise ValueError(f"{source_id}: no seed text")
    anchor = PartialDate.parse(published or SEED_PUBLISHED[source_id])
    draft = ingest_text(text, timeline, source.file, anchor)
    curated = [e for e in timeline.events if any(r.source == source_id for r in e.sources)]
    placed = [d for d in draft.dates if d.start is not None]
    dates_found = sum(
        any(agrees(d.start, d.end, e) for d in placed)  # type: ignore[arg-type]
        for e in curated
    )
    wanted = {entity for e in curated for entity in e.entity_ids()}
    mentioned = {m.entity for m in draft.mentions}
    named = {e for e in wanted if e in mentioned or named_in(text, timeline, e)}
    right = sum(any(same_date(d.start, d.end, e) for e in curated) for d in draft.events)
    roles = {
        "participants": {p.entity for e in curated for p in e.participants},
        "organizations": {o for e in curated for o in e.organizations},
        "places": {e.place for e in curated if e.place},
    }
    by_role = {
        role: (len(ids & named), len(ids & named & mentioned)) for role, ids in roles.items()
    }
    return SeedScore(
        source=source_id,
        draft=draft,
        events=len(curated),
        dates_found=dates_found,
        entities=len(wanted),
        entities_named=len(named),
        entities_found=len(named & mentioned),
        draft_events=len(draft.events),
        draft_dates_right=right,
        by_role=by_role,
    )
