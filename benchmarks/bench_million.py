"""Benchmark: a million events on this machine, every path that reads the TOML, against
VisiData opening the same events as CSV, in one run.

    python benchmarks/bench_million.py [--events 1000000] [--entities 200000] [--workdir DIR]
        [--runs 3]

On a synthetic dataset from `uneventtui.synthetic` (seed 3), it measures:

- the first open in tmux (120x40, no cache yet) until the first event's title is drawn,
  and the explorer's peak memory (VmHWM) by then;
- `uneventtui check` (reads the TOML itself) and `uneventtui events --json` (warm cache,
  written to /dev/null): wall time and peak memory (the child's ru_maxrss);
- the warm start in tmux until the data is shown, against an empty Textual app in the
  same rounds (medians of --runs);
- VisiData opening the same events as CSV (id, start, kind, track, title_en): its first
  screen, all rows loaded (its status line shows the full count), and its peak memory.

Targets (as ratios in the same run): the first open within 10x VisiData's all rows
loaded; the peak memory of the first open, `check` and `events --json` each within 2.5x
VisiData's; the warm start within 2x the empty app. VisiData is looked for as `vd` on
PATH or in /work/venv-scale/bin (`python3 -m venv /work/venv-scale &&
/work/venv-scale/bin/pip install visidata`). `--workdir` keeps the dataset between runs
(writing a million events' TOML takes minutes); the cache is always started afresh.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_scale  # noqa: E402 - the tmux helpers, the empty app and VisiData's CSV
from bench_scale import ROOT, TMUX, ms, visidata_command, watch  # noqa: E402


def child(argv: list[str], env: dict) -> tuple[float, float, int]:
    """Run `argv` to /dev/null: (seconds, peak RSS in MB, exit status)."""
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        process = subprocess.Popen(argv, env=env, stdout=sink, stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(process.pid, 0)
    process.stderr.close()  # type: ignore[union-attr]
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--entities", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, help="keep the dataset here between runs")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("needs tmux", file=sys.stderr)
        return 2
    from uneventtui import synthetic
    from uneventtui.loader import load_timeline

    tmp = args.workdir or Path(tempfile.mkdtemp(prefix="bench-million-"))
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(tmp / "cache", ignore_errors=True)  # the first open has no cache
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "XDG_DATA_HOME": str(tmp / "share"),
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm-256color",
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    data = tmp / "data"
    start = time.perf_counter()
    if not (data / "dataset.toml").exists():
        synthetic.write_dataset(data, args.events, args.entities, seed=3)
    size = sum(p.stat().st_size for p in data.rglob("*.toml")) / 1e6
    print(
        f"dataset: {args.events:,} events, {args.entities:,} entities, {size:.0f} MB of TOML "
        f"(ready in {time.perf_counter() - start:.0f} s)"
    )
    import compileall

    compileall.compile_dir(ROOT / "uneventtui", quiet=1)  # as `pip install` leaves it
    python = shlex.quote(sys.executable)
    explorer = f"{python} -m uneventtui.cli --data {shlex.quote(str(data))}"
    verb = [sys.executable, "-m", "uneventtui.cli"]
    # The first event's title, to know the data is shown (the TOML's first is not the
    # timeline's first): read once, outside the timed runs.
    first_title = min(load_timeline(data).events, key=lambda e: e.sort_key).title_en[:20]

    subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 3600"], check=True, env=env)
    try:
        cold = watch(explorer, ["uneventtui", first_title], env, timeout=3600)
        first_open = cold[first_title]
        print(
            f"first open (no cache), data shown: {first_open:.1f} s, VmHWM {cold['rss_mb']:.0f} MB"
        )

        seconds, check_mb, status = child([*verb, "check", "--data", str(data)], env)
        print(f"check: {seconds:.1f} s, peak {check_mb:.0f} MB (exit {status})")
        seconds, json_mb, status = child([*verb, "events", "--json", "--data", str(data)], env)
        print(f"events --json (warm cache): {seconds:.1f} s, peak {json_mb:.0f} MB (exit {status})")

        empty = tmp / "empty_app.py"
        empty.write_text(bench_scale.EMPTY_APP, encoding="utf-8")
        warm, blank = [], []
        for _ in range(args.runs):
            blank.append(watch(f"{python} {empty}", ["EMPTY-APP-READY"], env)["EMPTY-APP-READY"])
            warm.append(watch(explorer, [first_title], env)[first_title])
        warm_s, blank_s = statistics.median(warm), statistics.median(blank)
        print(
            f"warm start, data shown: {ms(warm_s)} against the empty app's {ms(blank_s)} "
            f"({warm_s / blank_s:.2f}x; target <= 2x)"
        )

        timeline = load_timeline(data)
        vd = visidata_command(timeline, tmp)
        if vd is None:
            print("VisiData: not installed, skipped")
            return 0
        rows = f"{len(timeline.events)} rows"
        del timeline
        seen = watch(vd, [first_title, rows], env, timeout=3600)
        print(
            f"VisiData, same events as CSV: first screen {seen[first_title]:.2f} s, all rows "
            f"loaded {seen[rows]:.1f} s, VmHWM {seen['rss_mb']:.0f} MB"
        )
        vd_mb = seen["rss_mb"]
        print("against the targets:")
        print(f"  first open / VisiData all rows: {first_open / seen[rows]:.1f}x (target <= 10x)")
        for name, mb in (
            ("first open", cold["rss_mb"]),
            ("check", check_mb),
            ("events --json", json_mb),
        ):
            print(f"  {name} peak / VisiData's: {mb / vd_mb:.2f}x (target <= 2.5x)")
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
