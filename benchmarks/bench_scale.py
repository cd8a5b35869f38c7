"""Scale benchmark: 100,000 events and 50,000 entities, from TOML to keystrokes.

One run reports, on a synthetic dataset written by `uneventtui.synthetic` into a
temporary directory:

- TOML load (the parse stage of a cold start), search index build, cache write,
  and the warm-cache load (in a fresh process, median of --runs);
- in tmux (120x40, polling `capture-pane`): time to the first frame and time until
  the first event's title is drawn, warm cache, against an empty Textual app
  measured the same way, and VisiData opening the same events as CSV (time until
  its first screen shows the first event): --tmux-runs rounds of one start of each,
  medians, and in how many rounds the explorer was ahead of VisiData (with a sign
  test's p: how likely that many wins would be by chance);
- in a headless Pilot, for a cursor step, a page, a year jump, a track step, End,
  Home, opening the entity with the most events and a page and a step in it, opening
  the search bar and typing a name into it (the frame that shows each key's results):
  the time from the key to the frame that shows it, and the main thread's CPU time
  until all the key set off is done (an unbound key in an empty app gives the floor); and,
  for every timeline key held down and repeating at 30 keys/s (faster than the detail
  pane's settle delay), the CPU time per key;
- peak RSS (VmHWM) of the explorer once the data is shown, and of the warm load.

    nice python benchmarks/bench_scale.py [--events 100000] [--entities 50000] [--runs 3]
        [--tmux-runs 15] [--workdir DIR] [--only load,tmux,keys] [--against CHECKOUT]

`--workdir DIR` keeps the synthetic dataset and its cache in DIR between runs (the cold
stages are measured only when DIR has no dataset yet), and `--only` runs some of the
parts: `load` (cold and warm loads), `tmux` (first frame, data shown, VisiData), `keys`
(headless Pilot). Both are for iterating on one part; the figures in
benchmarks/README.md come from a full run in a fresh temporary directory.
`--against CHECKOUT` starts the explorer of another source tree too (another commit,
e.g. from `git worktree add /tmp/before HEAD~3`), with a cache of its own, in the same
interleaved tmux runs: a comparison under the same machine noise.

VisiData is looked for as `vd` on PATH or in /work/venv-scale/bin (install it with
`python3 -m venv /work/venv-scale && /work/venv-scale/bin/pip install visidata`);
without it that line is skipped. Targets: warm start to data shown within 2x of
the empty app; each cursor step well under 16 ms; ahead of VisiData.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import csv
import json
import math
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This checkout, not an installed copy, for the parts measured in this process (the
# cold load, the keys), as the tmux and warm-load parts start it.
sys.path.insert(0, str(ROOT))
TMUX = ["tmux", "-L", f"uneventtui-scale-{os.getpid()}"]

EMPTY_APP = """
from textual.app import App
from textual.widgets import Static

class Empty(App):
    def compose(self):
        yield Static("EMPTY-APP-READY")

Empty().run()
"""

WARM_LOAD = """
import json, sys, time
start = time.perf_counter()
from uneventtui.cache import load_cached
result = load_cached(sys.argv[1])
elapsed = time.perf_counter() - start
events = result.timeline.events
first, last = events[0], events[-1]
status = open("/proc/self/status").read()  # VmHWM: ru_maxrss would count the parent's
hwm = int(status.split("VmHWM:")[1].split()[0]) / 1024
print(json.dumps({"status": result.status, "seconds": elapsed, "rss_mb": hwm}))
"""


# (name, key(s), presses) for the held-key figures, in this order from the top.
HELD_KEYS = [
    ("j", "j", 60),
    ("PgDn", "pagedown", 30),
    ("]", "right_square_bracket", 10),
    ("}", "right_curly_bracket", 30),
    ("k", "k", 60),
    ("PgUp", "pageup", 30),
    ("{", "left_curly_bracket", 30),
    ("[", "left_square_bracket", 10),
    ("G/g", "G,g", 20),
]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def watch(command: str, markers: list[str], env: dict, timeout: float = 60) -> dict:
    """Start `command` in a fresh tmux session; seconds until each marker shows, and VmHWM."""
    name = f"scale-{uuid.uuid4().hex[:8]}"
    # The tmux server's environment is not the client's: say it on the command line.
    keys = ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "PYTHONPATH", "HOME", "TERM")
    command = (
        "env " + " ".join(f"{k}={shlex.quote(env[k])}" for k in keys if k in env) + f" {command}"
    )
    start = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command],
        check=True,
        env=env,
    )
    seen: dict[str, float] = {}
    try:
        while len(seen) < len(markers):
            if time.perf_counter() - start > timeout:
                raise SystemExit(f"timed out waiting for {markers} from {command}")
            screen = subprocess.run(
                [*TMUX, "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            now = time.perf_counter() - start
            for marker in markers:
                if marker not in seen and marker in screen:
                    seen[marker] = now
            time.sleep(0.005)
        pid = subprocess.run(
            [*TMUX, "display", "-p", "-t", name, "#{pane_pid}"], capture_output=True, text=True
        ).stdout.strip()
        seen["rss_mb"] = _vm_hwm(pid)
        return seen
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", name], capture_output=True)


def _vm_hwm(pid: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return float("nan")


def cold(data: Path, env: dict) -> dict:
    """A cold start's stages, timed through load_cached's progress callback."""
    os.environ.update({k: env[k] for k in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME")})
    from uneventtui.cache import load_cached

    marks: list[tuple[str, float]] = []
    start = time.perf_counter()

    def progress(stage: str, done: float) -> None:
        if done == 0.0:  # a stage entered (not the reading's progress within "parse")
            marks.append((stage, time.perf_counter()))

    result = load_cached(data, progress=progress)
    end = time.perf_counter()
    assert result.status == "miss", result
    times = dict(marks)
    return {
        "toml": times["index"] - times["parse"],
        "index": times["save"] - times["index"],
        "write": end - times["save"],
        "total": end - start,
        "timeline": result.timeline,
    }


def warm_load(data: Path, env: dict, runs: int) -> dict:
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", WARM_LOAD, str(data)],
            env=env,
            cwd=ROOT,  # `-c` puts the working directory first on the path, before PYTHONPATH
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        samples.append(json.loads(out))
    assert all(s["status"] == "hit" for s in samples), samples
    return {
        "seconds": statistics.median(s["seconds"] for s in samples),
        "rss_mb": max(s["rss_mb"] for s in samples),
    }


async def keystrokes(timeline) -> dict:
    """Per key, in a headless Pilot on a warm (cached) timeline: how long until the frame
    showing it is written, and the main thread's CPU time until everything the key set
    off is done (the frame, the detail pane following, the next screen drawn ahead).
    Pilot's own `press()` waits and repaints, so its wall time says little: the frames
    are caught at `App._display`, and keys are sent with `simulate_key`."""
    from textual.app import App
    from textual.widgets import Static

    from uneventtui.app.app import UneventApp
    from uneventtui.app.display import Display
    from uneventtui.app.screens.search import SearchScreen
    from uneventtui.app.widgets.timeline import TimelineView

    frames: list[float] = []
    queries_shown: list[tuple[float, str | None]] = []  # the search bar's, at each frame

    def catch_frames(app) -> None:
        display = app._display

        def caught(*args, **kwargs):
            frames.append(time.perf_counter())
            queries_shown.append((frames[-1], getattr(app.screen, "shown_query", None)))
            return display(*args, **kwargs)

        app._display = caught

    async def one(pilot, act, reset=None, runs: int = 7) -> tuple[float, float]:
        """Medians of (action -> next frame written, main-thread CPU until settled)."""
        latency, cpu = [], []
        for _ in range(runs):
            if reset is not None:
                reset()
            await pilot.pause(0.25)
            frames.clear()
            cpu_start, start = time.thread_time(), time.perf_counter()
            act()
            await asyncio.sleep(0.25)  # longer than any settle delay: all follow-up work
            cpu.append(time.thread_time() - cpu_start)
            latency.append(frames[0] - start if frames else float("nan"))
        return statistics.median(latency), statistics.median(cpu)

    async def held(app, pilot, key: str, count: int, rate: float = 30.0) -> float:
        """A held-down key (auto-repeat at `rate` keys/s): the process's CPU time per key,
        the final update once the key is released included. `key` may be several keys
        separated by commas, pressed in turn (G,g: End and Home alternately)."""
        keys = key.split(",")
        await pilot.pause(0.3)
        start = time.process_time()
        for i in range(count):
            app.simulate_key(keys[i % len(keys)])
            await asyncio.sleep(1 / rate)
        await pilot.pause(0.3)
        return (time.process_time() - start) / count

    async def typed(app, pilot, query: str) -> tuple[float, float]:
        """`query` typed into the open search bar a key at a time: medians of (key ->
        the frame that shows the results for the bar's new text, main-thread CPU until
        settled)."""
        screen = app.screen
        latency, cpu = [], []
        for char in query:
            await pilot.pause(0.25)
            queries_shown.clear()
            cpu_start, start = time.thread_time(), time.perf_counter()
            app.simulate_key("space" if char == " " else char)
            await asyncio.sleep(0.25)
            for _ in range(40):  # a slow search: wait for its results (up to 2 s more)
                if screen.shown_query == screen.input.value:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.05)
            cpu.append(time.thread_time() - cpu_start)
            value = screen.input.value
            shown = [at for at, query in queries_shown if query == value]
            latency.append(shown[0] - start if shown else float("nan"))
        return statistics.median(latency), statistics.median(cpu)

    class Empty(App):
        def compose(self):
            yield Static("empty")

    out: dict[str, float | tuple[float, float]] = {}
    empty = Empty()
    catch_frames(empty)
    async with empty.run_test(size=(120, 40)) as pilot:
        out["unbound key (the app doing nothing)"] = await one(
            pilot, lambda: empty.simulate_key("x")
        )

    app = UneventApp(lambda: timeline, display=Display(lang="en"))
    catch_frames(app)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(TimelineView)
        while view.model is None:
            await pilot.pause()
        await pilot.pause(1.0)  # the search index read by its worker meanwhile

        def press(key: str):
            return lambda: app.simulate_key(key)

        out["cursor step (j)"] = await one(pilot, press("j"))
        out["page (PgDn)"] = await one(pilot, press("pagedown"))
        out["year jump (])"] = await one(pilot, press("right_square_bracket"))
        out["next on the track (})"] = await one(pilot, press("right_curly_bracket"))
        out["End (G)"] = await one(pilot, press("G"), reset=press("g"), runs=5)
        out["Home (g)"] = await one(pilot, press("g"), reset=press("G"), runs=5)
        # Every timeline key, held; forwards first, then back over the same ground (the
        # counts keep each run clear of the ends, where a key does nothing).
        for name, key, count in HELD_KEYS:
            out[f"held {name}, 30/s, CPU per key"] = await held(app, pilot, key, count)
        by_entity = timeline._by_entity
        busiest = max(by_entity, key=lambda key: len(by_entity[key]))
        count = len(by_entity[busiest])
        out[f"open the entity with {count:,} events"] = await one(
            pilot, lambda: app.screen.navigate(("entity", busiest)), reset=press("escape")
        )
        # The way a user opens it: Enter on its name in the detail pane of one of its
        # events (the focus is there already, as it is after Tab).
        its_event = ("event", timeline.event_column("id")[by_entity[busiest][0]])
        detail = app.screen.detail

        def on_its_name() -> None:
            app.screen.navigate(its_event)
            detail.focus()
            detail.select_link(list(detail.targets).index(("entity", busiest)))

        out["  the same, by Enter on its name"] = await one(
            pilot, press("enter"), reset=on_its_name
        )
        out["page (PgDn) in that entity view"] = await one(pilot, press("pagedown"))
        out["step (down) in that entity view"] = await one(pilot, press("down"))

        # The search bar: opening it, then a name typed into it key by key, in Latin and
        # in Arabic script (the same entity's names).
        def close_bar() -> None:
            if isinstance(app.screen, SearchScreen):
                app.screen.dismiss(None)

        out["open the search bar (/)"] = await one(pilot, press("slash"), reset=close_bar)
        entity = timeline.entities[busiest]
        for script, name in (("Latin", entity.name_en), ("Arabic", entity.name_ar)):
            close_bar()
            await pilot.pause(0.25)
            app.simulate_key("slash")
            await pilot.pause(0.5)
            out[f"search bar: a key -> its results ({script})"] = await typed(app, pilot, name[:9])
        close_bar()
    return out


def sign_test(wins: int, rounds: int) -> float:
    """One-sided sign test: the chance of `wins` or more of `rounds` if neither program
    were faster (each round a coin toss)."""
    return sum(math.comb(rounds, k) for k in range(wins, rounds + 1)) / 2**rounds


def visidata_command(timeline, tmp: Path) -> str | None:
    """VisiData opening the events as CSV, or None where it is not installed."""
    vd = shutil.which("vd") or "/work/venv-scale/bin/vd"
    if not Path(vd).exists():
        return None
    path = tmp / "events.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "start", "kind", "track", "title_en"])
        for e in timeline.events:
            writer.writerow([e.id, e.start.iso(), e.kind, e.track, e.title_en])
    return f"env HOME={shlex.quote(str(tmp))} {vd} --quitguard=False {path}"


def bench_env(tmp: Path) -> dict[str, str]:
    """The programs' environment: this checkout, and the user's directories in `tmp`."""
    return {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "XDG_CONFIG_HOME": str(tmp / "config"),
        "XDG_DATA_HOME": str(tmp / "share"),
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm-256color",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--entities", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    # Starts in tmux vary by +-100 ms on this machine (VisiData's too): more of them,
    # interleaved, for medians that a 10% difference shows through.
    parser.add_argument("--tmux-runs", type=int, default=15)
    parser.add_argument("--workdir", type=Path, help="keep dataset and cache here between runs")
    parser.add_argument("--only", default="load,tmux,keys", help="comma-separated parts to run")
    parser.add_argument("--against", type=Path, help="another source checkout to start in tmux too")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if shutil.which("tmux") is None:
        print("needs tmux", file=sys.stderr)
        return 2
    from uneventtui import synthetic

    tmp = args.workdir or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    env = bench_env(tmp)
    subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 900"], check=True, env=env)
    try:
        start = time.perf_counter()
        data = tmp / "data"
        reused = (data / "dataset.toml").exists()
        if not reused:
            data = synthetic.write_dataset(data, args.events, args.entities, seed=1)
        size = sum(p.stat().st_size for p in data.rglob("*.toml")) / 1e6
        how = "reused" if reused else "written"
        print(f"dataset: {args.events} events, {args.entities} entities, {size:.0f} MB of TOML "
              f"({how} in {time.perf_counter() - start:.1f} s)")  # fmt: skip

        if reused:
            os.environ.update({k: env[k] for k in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME")})
            from uneventtui.cache import load_cached

            timeline = load_cached(data).timeline
        else:
            first = cold(data, env)
            timeline = first.pop("timeline")
            print(f"cold start: TOML load {first['toml']:.1f} s, search index "
                  f"{first['index']:.1f} s, cache write {first['write']:.1f} s")  # fmt: skip
        if "load" in parts:
            warm = warm_load(data, env, args.runs)
            print(f"warm-cache load (fresh process, median of {args.runs}): "
                  f"{ms(warm['seconds'])}, peak RSS {warm['rss_mb']:.0f} MB")  # fmt: skip
        if "tmux" in parts:
            tmux_figures(timeline, data, tmp, env, args.tmux_runs, args.against)
        if "keys" in parts:
            os.environ.update(
                {k: env[k] for k in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME")}
            )
            from uneventtui.cache import load_cached

            cached = load_cached(data).timeline
            print("headless Pilot, warm cache, median of 7 (5 for G, g): key -> frame written,")
            print("  main-thread CPU until settled; 'held': CPU per key auto-repeating at 30/s")
            for name, figure in asyncio.run(keystrokes(cached)).items():
                if isinstance(figure, tuple):
                    frame = "   none   " if math.isnan(figure[0]) else ms(figure[0])
                    print(f"  {name:38} frame {frame}   CPU {ms(figure[1])}")
                else:
                    print(f"  {name:38} {'':15}   CPU {ms(figure)}")
        print(f"total benchmark time {time.perf_counter() - start:.0f} s")
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)
        if args.workdir is None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def tmux_figures(
    timeline, data: Path, tmp: Path, env: dict, runs: int, against: Path | None = None
) -> None:
    """First frame and data shown in tmux: the empty app, the explorer, the explorer of
    another checkout if asked, and VisiData, one start of each per run, interleaved, so
    that the machine's noise hits them alike."""
    from uneventtui.text import visual

    # Bytecode compiled as `pip install` does: with PYTHONDONTWRITEBYTECODE=1 a source
    # checkout would otherwise compile every module at every start, no installed copy does.
    compileall.compile_dir(ROOT / "uneventtui", quiet=1)
    empty = tmp / "empty_app.py"
    empty.write_text(EMPTY_APP, encoding="utf-8")
    title = visual(timeline.events[0].title_en)[:20]

    def explorer(tree: Path) -> str:
        # The tree first on the path, explicitly: `python -c` puts the pane's working
        # directory ahead of PYTHONPATH, and a checkout there would be run instead.
        run = (
            f"import sys; sys.path.insert(0, {str(tree)!r}); "
            "from uneventtui.cli import main; sys.exit(main())"
        )
        return f"{sys.executable} -c {shlex.quote(run)} --data {data}"

    starts = {
        "empty": (f"{sys.executable} {empty}", ["EMPTY-APP-READY"]),
        "explorer": (explorer(ROOT), ["uneventtui", title]),
    }
    if against is not None:
        tree = against.resolve()
        compileall.compile_dir(tree / "uneventtui", quiet=1)
        # Its own cache: each version would otherwise find the other's stale and rebuild.
        cache = shlex.quote(str(tmp / "cache-against"))
        starts["against"] = (f"env XDG_CACHE_HOME={cache} {explorer(tree)}", ["uneventtui", title])
    vd, vd_marker = visidata_command(timeline, tmp), timeline.events[0].title_en[:20]
    if vd is not None:
        starts["visidata"] = (vd, [vd_marker])
    for command, markers in starts.values():
        watch(command, markers, env, timeout=300)  # warm the file cache (and build a cache)
    seen: dict[str, list[dict]] = {name: [] for name in starts}
    for _ in range(runs):
        for name, (command, markers) in starts.items():
            seen[name].append(watch(command, markers, env))

    def median(name: str, marker: str) -> float:
        return statistics.median(s[marker] for s in seen[name])

    def rounds_won(rival: str, rival_marker: str) -> str:
        # Round by round (the same minute of machine noise): where the explorer was first.
        pairs = zip(seen["explorer"], seen[rival], strict=True)
        won = sum(ours[title] < theirs[rival_marker] for ours, theirs in pairs)
        return f"in {won} of {runs} rounds (sign test p = {sign_test(won, runs):.2g})"

    e = median("empty", "EMPTY-APP-READY")
    print(f"tmux, warm cache, median of {runs}, interleaved:")
    print(f"  empty Textual app, first frame     {ms(e)}")
    versions = [("explorer", "uneventtui")]
    if against is not None:
        versions.append(("against", f"uneventtui of {tree}"))
    for name, label in versions:
        f, s = median(name, "uneventtui"), median(name, title)
        print(f"  {label}:")
        print(f"    first frame                      {ms(f)}  ({f / e:.2f}x)")
        print(f"    first event drawn                {ms(s)}  ({s / e:.2f}x; target <= 2x)")
        print(
            f"    peak RSS (VmHWM)                 {max(x['rss_mb'] for x in seen[name]):7.0f} MB"
        )
    if against is not None:
        print(f"  this checkout's first event drawn first {rounds_won('against', title)}")
    if vd is None:
        print("  VisiData: not installed, skipped")
        return
    v, s = median("visidata", vd_marker), median("explorer", title)
    print(f"  VisiData, same events as CSV       {ms(v)}  (uneventtui {v / s:.2f}x faster)")
    print(f"  uneventtui ahead of VisiData {rounds_won('visidata', vd_marker)}")


if __name__ == "__main__":
    sys.exit(main())
