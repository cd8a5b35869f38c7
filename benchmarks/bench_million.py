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
from bench_scale import ROOT, TMUX, bench_env, ms, visidata_command, watch  # noqa: E402


def child(argv: list[str], env: dict) -> tuple[float, float, int]:
    """Run `argv` to /dev/null: (seconds, peak RSS in MB, exit status). The peak is GNU
    time's %M for the child alone: a forked child's own ru_maxrss would count the pages
    it shared with this process at the fork."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report, open(os.devnull, "w") as sink:
        start = time.perf_counter()
        status = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", report.name, *argv],
            env=env,
            stdout=sink,
            stderr=subprocess.DEVNULL,
        ).returncode
        seconds = time.perf_counter() - start
        peak_kb = int(report.read().split()[-1])
    return seconds, peak_kb / 1024, status


def first_title(data: Path, env: dict) -> str:
    """The timeline's first event's title (what shows the data is drawn), read in a child
    so that this process stays small for the measurements that follow."""
    code = (
        "import sys; from uneventtui.loader import load_timeline; "
        "print(load_timeline(sys.argv[1]).events[0].title_en[:20])"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(data)], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


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

    tmp = args.workdir or Path(tempfile.mkdtemp(prefix="bench-million-"))
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(tmp / "cache", ignore_errors=True)  # the first open has no cache
    env = bench_env(tmp)
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
    title = first_title(data, env)  # the data is shown when this is drawn
    if not Path("/usr/bin/time").exists():
        print("needs GNU time (/usr/bin/time, Debian's 'time')", file=sys.stderr)
        return 2

    subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 3600"], check=True, env=env)
    try:
        cold = watch(explorer, ["uneventtui", title], env, timeout=3600)
        first_open = cold[title]
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
            warm.append(watch(explorer, [title], env)[title])
        warm_s, blank_s = statistics.median(warm), statistics.median(blank)
        print(
            f"warm start, data shown: {ms(warm_s)} against the empty app's {ms(blank_s)} "
            f"({warm_s / blank_s:.2f}x; target <= 2x)"
        )

        from uneventtui.loader import load_timeline  # last: this process grows with it

        timeline = load_timeline(data)
        vd = visidata_command(timeline, tmp)
        if vd is None:
            print("VisiData: not installed, skipped")
            return 0
        rows = f"{len(timeline.events)} rows"
        del timeline
        seen = watch(vd, [title, rows], env, timeout=3600)
        print(
            f"VisiData, same events as CSV: first screen {seen[title]:.2f} s, all rows "
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
