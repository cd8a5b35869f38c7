"""What a pass of the cyclic garbage collector costs once a large dataset is loaded, with
and without `gc.freeze()` (which the explorer calls once the data is shown and again
once the search index is read: `uneventtui.app.settle_heap`).

A full pass (generation 2) runs from time to time by itself, on whatever allocation
crosses the threshold: a key press that happens to trigger it waits for the whole pass.
Frozen objects are never scanned again.

    python benchmarks/bench_gc.py --data DIR [--runs 5]

DIR is a dataset whose cache is warm (bench_scale.py --workdir DIR/.. writes one).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time


def full_pass(runs: int) -> float:
    """Median seconds of gc.collect() (a full pass, as the collector's own would be)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        gc.collect()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="dataset directory (warm cache)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--blocks", type=int, default=40, help="event blocks read, as scrolling would (256 each)"
    )
    args = parser.parse_args()

    import textual.app  # noqa: F401 - the explorer's own objects are part of the heap too

    from uneventtui.cache import load_cached

    gc.disable()  # as the explorer does during start-up
    result = load_cached(args.data)
    timeline = result.timeline
    result.dataset.warm()  # the search index, as the explorer's worker reads it
    events = timeline.events
    step = max(1, len(events) // max(1, args.blocks))
    for index in range(0, len(events), step):  # some blocks, as a user's scrolling would
        events[index]
    gc.enable()
    tracked = len(gc.get_objects())
    before = full_pass(args.runs)
    gc.freeze()
    after = full_pass(args.runs)
    print(f"dataset: {len(events)} events ({result.status}), {tracked:,} objects tracked")
    print(f"full collector pass, not frozen : {before * 1000:7.1f} ms (median of {args.runs})")
    print(f"full collector pass, gc.freeze(): {after * 1000:7.1f} ms "
          f"({gc.get_freeze_count():,} objects frozen)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
