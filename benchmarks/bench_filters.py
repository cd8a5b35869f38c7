"""Benchmark: the filter model (uneventtui.filters) at 100,000 events.

    python benchmarks/bench_filters.py [--events N] [--entities N] [--seed S]

For a few filters a user sets (an entity and a year, a place, a track, a kind from a
date, a year alone), it times `Filters.apply` against the baseline in the same run:
the plain loop `[i for i, e in enumerate(events) if filters.matches(e)]`. Both are
timed on a timeline in memory (every event already built) and, cold, on a timeline
read from the cache's format (`uneventtui.cache.round_trip`: events decoded a block at
a time, on first read), a fresh one for each side and each filter. In memory each side
is timed three times and the best kept (the columns `apply` reads are made on first use
and kept); from the cache once, cold, as a user's first filter after a start.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from uneventtui.cache import round_trip  # noqa: E402
from uneventtui.dataset import Dataset  # noqa: E402
from uneventtui.filters import Filters  # noqa: E402
from uneventtui.model import PartialDate  # noqa: E402
from uneventtui.synthetic import generate_timeline  # noqa: E402


def busiest(timeline, kind: str) -> str:
    """The entity of `kind` with the most events (a filter a user would set)."""
    ids = [k for k, e in timeline.entities.items() if e.kind == kind]
    return max(ids, key=timeline.event_count)


def cases(timeline) -> dict[str, Filters]:
    person, place = busiest(timeline, "person"), busiest(timeline, "place")
    year = timeline.events[len(timeline.events) // 2].start.year
    track = timeline.events[0].track
    kind = timeline.events[0].kind
    return {
        "entity + year": Filters(
            entities=(person,), since=PartialDate(year), until=PartialDate(year)
        ),
        "place": Filters(places=(place,)),
        "track": Filters(tracks=(track,)),
        "kind, from a month": Filters(kinds=(kind,), since=PartialDate(year, 6)),
        "year": Filters(since=PartialDate(year), until=PartialDate(year)),
    }


def timed(function) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1000, result


def baseline(filters: Filters, timeline) -> list[int]:
    return [i for i, e in enumerate(timeline.events) if filters.matches(e)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    timeline = generate_timeline(args.events, args.entities, args.seed)
    dataset = Dataset(timeline)
    print(f"{len(timeline.events)} events, {len(timeline.entities)} entities")
    print(f"{'filter':<20} {'kept':>6}  {'where':<9} {'apply ms':>9} {'loop ms':>9} {'ratio':>6}")
    for name, filters in cases(timeline).items():
        rows = [("memory", timeline, timeline)]
        rows.append(("cached", round_trip(dataset).timeline, round_trip(dataset).timeline))
        for where, for_apply, for_loop in rows:
            rounds = 3 if where == "memory" else 1  # in memory: the best of 3 (warm)
            fast_ms, kept = min(
                timed(lambda f=filters, t=for_apply: f.apply(t)) for _ in range(rounds)
            )
            slow_ms, expected = min(
                timed(lambda f=filters, t=for_loop: baseline(f, t)) for _ in range(rounds)
            )
            assert kept == expected, name
            ratio = slow_ms / fast_ms if fast_ms else float("inf")
            print(
                f"{name:<20} {len(kept):>6}  {where:<9} {fast_ms:>9.1f} {slow_ms:>9.1f} "
                f"{ratio:>5.0f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
