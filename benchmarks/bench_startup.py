"""Time to first frame of `uneventtui` in a real terminal (tmux), against an empty
Textual app measured the same way in the same run.

For each run: start the program in a fresh detached tmux pane, poll `capture-pane`
until the expected text shows, and record the elapsed wall time. For uneventtui that
is the whole first screen: the first event's full title (the timeline pane cuts it, so
it is the detail pane's heading: data loaded, row selected, detail drawn) and the
footer's keys; for the baseline, a one-word Static. Runs alternate between the two so
machine noise hits both alike.

The package's bytecode is compiled first, as `pip install` does: an editable install
run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module from source
at every start, which no installed copy does.

    python benchmarks/bench_startup.py [--runs 5] [--data DIR] [--against CHECKOUT]

`--against CHECKOUT` also measures the uneventtui of another source tree (another
commit, e.g. from `git worktree add /tmp/before HEAD~3`), interleaved with the others,
with a cache of its own: a before/after comparison under the same machine noise.

Needs tmux and the installed `uneventtui` (next to this Python). Target: the
explorer within 1.3x of the empty app on the shipped data.
"""

from __future__ import annotations

import argparse
import compileall
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

# A private tmux server, kept alive by an idle session so that killing a measured
# session never races with starting the next one.
TMUX = ["tmux", "-L", f"uneventtui-bench-{os.getpid()}"]

EMPTY_APP = """
from textual.app import App
from textual.widgets import Static

class Empty(App):
    def compose(self):
        yield Static("EMPTY-APP-READY")

Empty().run()
"""


def first_frame(
    command: str, markers: list[str], env: dict[str, str], timeout: float = 30
) -> float:
    """Seconds from starting `command` in tmux until every marker is on the screen at once."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    start = time.perf_counter()
    subprocess.run(
        [*TMUX, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command],
        check=True,
        env=env,
    )
    try:
        while time.perf_counter() - start < timeout:
            out = subprocess.run(
                [*TMUX, "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if all(marker in out for marker in markers):
                return time.perf_counter() - start
            time.sleep(0.005)
        raise SystemExit(f"timed out waiting for {markers!r} from {command}")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", name], capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", help="dataset directory (default: the shipped data)")
    parser.add_argument("--against", type=Path, help="another source checkout to measure too")
    args = parser.parse_args()

    command = Path(sys.executable).with_name("uneventtui")
    if shutil.which("tmux") is None or not command.exists():
        print("needs tmux and the installed uneventtui next to this Python", file=sys.stderr)
        return 2
    import uneventtui
    from uneventtui.app.bindings import TABLE
    from uneventtui.loader import load_timeline
    from uneventtui.text import visual

    compileall.compile_dir(Path(uneventtui.__file__).parent, quiet=1)
    timeline = load_timeline(args.data)
    quit_key = next(key for key in TABLE if key.id == "app.quit")
    markers = [visual(timeline.events[0].title_en)[:30], quit_key.en]  # detail, footer
    options = f" --data {shlex.quote(args.data)}" if args.data else ""

    tmp = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    empty = tmp / "empty_app.py"
    empty.write_text(EMPTY_APP, encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp), "TERM": "xterm-256color"}
    commands = {
        "empty Textual app": (f"{sys.executable} {empty}", ["EMPTY-APP-READY"]),
        "uneventtui": (f"{command}{options}", markers),
    }
    if args.against is not None:
        tree = args.against.resolve()
        compileall.compile_dir(tree / "uneventtui", quiet=1)
        run = (
            f"import sys; sys.path.insert(0, {str(tree)!r}); "
            "from uneventtui.cli import main; sys.exit(main())"
        )
        # Its own cache: the two versions would otherwise each find the other's stale.
        cache = shlex.quote(str(tmp / "cache-against"))
        commands[f"uneventtui of {tree}"] = (
            f"env XDG_CACHE_HOME={cache} {sys.executable} -c {shlex.quote(run)}{options}",
            markers,
        )

    subprocess.run([*TMUX, "new-session", "-d", "-s", "keeper", "sleep 600"], check=True)
    try:
        return measure(commands, env, args.runs, len(timeline.events))
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def measure(commands: dict[str, tuple[str, list[str]]], env, runs: int, events: int) -> int:
    """Median time to the markers of each command, runs interleaved; the first command
    is the baseline the others are a ratio of."""
    for command, markers in commands.values():
        first_frame(command, markers, env)  # warm the file cache for all
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, markers) in commands.items():
            times[name].append(first_frame(command, markers, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = next(iter(medians.values()))
    print(f"events: {events}; runs: {runs} each, interleaved, 120x40 tmux pane")
    for name, median in medians.items():
        ratio = "" if median is baseline else f"  {median / baseline:.2f}x (target <= 1.3x)"
        print(f"{name:18}: median {median * 1000:6.0f} ms{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
