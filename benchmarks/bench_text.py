"""Benchmark: shaping + reordering + wrapping of the seed corpus at width 80.

    python benchmarks/bench_text.py [--rounds N] [--width W]

Measures `uneventtui.text.layout` in lines (paragraphs of the seeds) per
second, cold (every cache cleared before each round) and cached (the same
lines asked again, as the UI does), and `visual` on event titles (what each
timeline row asks, cold), against GNU FriBidi's CLI shaping,
reordering and breaking the same lines at the same width, in the same run.
FriBidi is timed twice: one process per round over the whole corpus (its
fastest use), and without its start-up cost (the time for an empty input
subtracted), which is its pure throughput.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from uneventtui.text import is_rtl, layout, shaping, uba, visual  # noqa: E402

_layout_module = importlib.import_module("uneventtui.text.layout")


def corpus() -> list[str]:
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


def clear_caches() -> None:
    """Every memo of the text layer, so that "cold" is the first sight of each line."""
    for module in (_layout_module, shaping, uba):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def time_layout(lines: list[str], width: int, rounds: int, cold: bool) -> float:
    """Best time of `rounds` passes over `lines`."""
    best = float("inf")
    for _ in range(rounds):
        if cold:
            clear_caches()
        start = time.perf_counter()
        for line in lines:
            layout(line, width)
        best = min(best, time.perf_counter() - start)
    return best


def time_fribidi(text: str, width: int, rounds: int) -> float:
    fribidi = shutil.which("fribidi")
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(
            [fribidi, "--width", str(width)], input=text, capture_output=True, text=True, check=True
        )
        best = min(best, time.perf_counter() - start)
    return best


def titles() -> list[str]:
    """Event titles as the timeline draws them, one line each: the shipped events'
    Arabic and English titles, and as many again from the synthetic generator."""
    from uneventtui.loader import load_timeline
    from uneventtui.synthetic import generate_timeline

    lines = []
    for timeline in (load_timeline(), generate_timeline(500, 100, seed=1)):
        events = timeline.events.values() if isinstance(timeline.events, dict) else timeline.events
        for event in events:
            lines += [event.title_ar, event.title_en]
    return lines


def time_visual(lines: list[str], rounds: int) -> float:
    """Best time of `rounds` cold passes of `visual` over `lines`, as a timeline
    row asks (is_rtl to align it, then the visual line)."""
    best = float("inf")
    for _ in range(rounds):
        clear_caches()
        start = time.perf_counter()
        for line in lines:
            is_rtl(line)
            visual(line)
        best = min(best, time.perf_counter() - start)
    return best


def report(title: str, n: int, rows: list[tuple[str, float]]) -> None:
    print(title)
    print(f"{'':34} {'lines/s':>10} {'µs/line':>9} {'vs fribidi':>11}")
    baseline = next((seconds for name, seconds in rows if name.endswith("one process")), None)
    for name, seconds in rows:
        ratio = f"{baseline / seconds:10.2f}x" if baseline else ""
        print(f"{name:34} {n / seconds:10.0f} {seconds / n * 1e6:9.1f} {ratio:>11}")
    print()


def fribidi_rows(lines: list[str], width: int, rounds: int) -> list[tuple[str, float]]:
    if not shutil.which("fribidi"):
        print("fribidi not found (Debian: libfribidi-bin): no baseline\n")
        return []
    whole = time_fribidi("\n".join(lines) + "\n", width, rounds)
    startup = time_fribidi("", width, rounds)
    return [
        ("fribidi CLI, one process", whole),
        ("fribidi CLI, start-up excluded", max(whole - startup, 1e-9)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--width", type=int, default=80)
    args = parser.parse_args()
    lines = corpus()
    n = len(lines)
    chars = sum(map(len, lines))
    out_lines = sum(len(layout(line, args.width)) for line in lines)
    print(f"corpus: {n} lines ({chars} characters) of the five seeds, width {args.width}")
    print(f"        {out_lines} wrapped lines out; best of {args.rounds} rounds\n")

    cold = time_layout(lines, args.width, args.rounds, cold=True)
    cached = time_layout(lines, args.width, max(args.rounds, 20), cold=False)
    rows = [("uneventtui layout, cold", cold), ("uneventtui layout, cached", cached)]
    report("Paragraphs (layout):", n, rows + fribidi_rows(lines, args.width, args.rounds))

    rows_titles = titles()
    shown = time_visual(rows_titles, args.rounds)
    report(
        f"Timeline titles ({len(rows_titles)}, Arabic and English; is_rtl + visual, cold):",
        len(rows_titles),
        [("uneventtui visual, cold", shown)] + fribidi_rows(rows_titles, 1000, args.rounds),
    )
    print("(vs fribidi: > 1 is faster than one fribidi process over the same lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
