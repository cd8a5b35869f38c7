"""End to end: the installed `uneventtui` in a real tmux pane, read as a user would.

Skips (saying why) when tmux or the installed command is missing; fails so on CI.
"""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from pathlib import Path

import needs
import pytest

from uneventtui.loader import load_timeline
from uneventtui.text import layout

COMMAND = needs.INSTALLED_COMMAND
WIDTH, HEIGHT = 200, 50
TMUX = ["tmux", "-L", f"uneventtui-e2e-{os.getpid()}"]  # a private server

pytestmark = needs.REAL_TERMINAL


class Pane:
    """A detached tmux session running one command."""

    def __init__(self, args: list[str], tmp_path: Path) -> None:
        self.name = f"uneventtui-e2e-{uuid.uuid4().hex[:8]}"
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        }
        command = " ".join([str(COMMAND), *args]) + "; echo EXITED-$?; sleep 30"
        subprocess.run(
            [*TMUX, "new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT),
             command],
            check=True, env=env,
        )  # fmt: skip

    def screen(self) -> str:
        out = subprocess.run(
            [*TMUX, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return out.stdout

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never showed; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*TMUX, "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def burst(self, *keys: str) -> None:
        """All the keys in one write, as a fast typist's or an SSH connection's arrive."""
        subprocess.run([*TMUX, "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run([*TMUX, "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def pane_factory(tmp_path):
    panes: list[Pane] = []

    def make(*args: str) -> Pane:
        pane = Pane(list(args), tmp_path)
        panes.append(pane)
        return pane

    yield make
    for pane in panes:
        pane.close()
    subprocess.run([*TMUX, "kill-server"], capture_output=True)


def first_line(title: str) -> str:
    """What the detail pane's heading starts with: the title's first wrapped line."""
    return layout(title, 80)[0].text.strip()


def test_arabic_titles_shaped_last_event_and_clean_exit(pane_factory):
    timeline = load_timeline()
    first, last = timeline.events[0], timeline.events[-1]
    pane = pane_factory("--lang", "ar")
    # Arabic as a non-bidi terminal must show it: shaped, in visual order.
    screen = pane.wait_for(first_line(first.title_ar))
    assert first.title_ar not in screen  # never the raw logical string
    pane.keys("G")
    pane.wait_for(first_line(last.title_ar))
    pane.keys("q")
    screen = pane.wait_for("EXITED-0")
    assert first_line(last.title_ar) not in screen  # the alternate screen is gone


def test_english_navigation_and_help(pane_factory):
    timeline = load_timeline()
    pane = pane_factory()
    pane.wait_for(first_line(timeline.events[0].title_en))
    pane.keys("j")
    pane.wait_for(first_line(timeline.events[1].title_en))
    pane.keys("?")
    pane.wait_for("timeline.next_year")
    pane.keys("Escape")
    time.sleep(0.5)
    pane.keys("G")
    pane.wait_for(first_line(timeline.events[-1].title_en))
    pane.keys("C-q")
    pane.wait_for("EXITED-0")


def test_keys_in_one_burst_then_enter_opens_the_first_link(pane_factory):
    timeline = load_timeline()
    event = timeline.events[3]
    place = timeline.entities[event.place]  # the detail pane's first link
    pane = pane_factory()
    pane.wait_for(first_line(timeline.events[0].title_en))
    pane.burst("j", "j", "j", "Enter")  # down three events, into the detail pane
    pane.wait_for(first_line(event.title_en))
    time.sleep(0.5)
    assert first_line(event.title_en) in pane.screen()  # it stays there
    pane.keys("Enter")
    pane.wait_for(f"Entity › {place.name_en}")
