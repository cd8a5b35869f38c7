"""End to end in a real terminal: the installed `uneventtui` in a tmux pane.

tmux does no bidi and no shaping, like most terminals: what `capture-pane` shows is what a
user sees. Typing عمر هلال letter by letter (`send-keys -l`) must show it joined and right to
left at every step (the text layer's `visual` of what was typed), Omar Hilale's row on top
of the results, and Enter must open his entity view.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid

import needs
import pytest

from uneventtui.text import visual

TMUX = shutil.which("tmux")
PROGRAM = needs.INSTALLED_COMMAND

pytestmark = needs.REAL_TERMINAL


class Pane:
    """A detached tmux session running one command, on a tmux server of its own (`-L`):
    never the user's server, never another test's."""

    def __init__(self, command: list[str], env: dict[str, str], width=120, height=40) -> None:
        self.name = f"uneventtui-bar-{uuid.uuid4().hex[:8]}"
        env_args = [f"{key}={value}" for key, value in env.items()]
        self.tmux(
            "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
            "env", *env_args, *command,
        )  # fmt: skip

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.name, *args], capture_output=True, text=True, timeout=10
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def send(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def wait_for(self, predicate, what: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")

    def alive(self) -> bool:
        assert TMUX is not None
        return (
            subprocess.run(
                [TMUX, "-L", self.name, "has-session", "-t", self.name], capture_output=True
            ).returncode
            == 0
        )

    def close(self) -> None:
        if self.alive():
            self.tmux("kill-server")


@pytest.fixture
def pane(tmp_path):
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    pane = Pane([str(PROGRAM)], env)
    try:
        yield pane
    finally:
        pane.close()


def box_lines(screen: str) -> list[str]:
    """The inside of the search box, line by line (the explorer shows around it)."""
    lines = screen.splitlines()
    top = next(i for i, line in enumerate(lines) if "Search ─" in line)
    left = lines[top].index("╭─ Search")
    right = lines[top].index("╮", left)
    inside = []
    for line in lines[top + 1 :]:
        if line[left : left + 1] == "╰":
            break
        inside.append(line[left + 1 : right])
    return inside


def search_line(screen: str) -> str:
    """The search input's line, inside the box."""
    return box_lines(screen)[0]


def test_typing_an_arabic_name_shows_it_joined_right_to_left_and_finds_him(pane, tmp_path):
    pane.wait_for(lambda s: "World Summit" in s, "the timeline")
    pane.send("/")
    pane.wait_for(lambda s: "Search ─" in s, "the search bar")
    query = "عمر هلال"
    for n in range(1, len(query) + 1):
        pane.send(query[n - 1], literal=True)
        typed = query[:n]
        drawn = visual(typed).strip()
        # Joined and right to left: the text layer's visual form of what was typed,
        # at the right end of the box (only the box border and padding after it).
        # Right-aligned: only the box's padding cell after it.
        pane.wait_for(
            lambda s, drawn=drawn: search_line(s).endswith(drawn + " "),
            f"{typed!r} drawn as {drawn!r}",
        )
    screen = pane.wait_for(lambda s: "Omar Hilale" in s, "the results")
    # The input, the count line, the first group's header, then the best hit, with both
    # names, the Arabic one joined and right to left, at the right end of the row.
    _, count, header, best, *_ = box_lines(screen)
    assert " of " in count
    assert header.strip().startswith("People")
    assert best.strip().startswith("▶ Omar Hilale")
    assert best.endswith(visual("عمر هلال") + " ")
    assert query not in screen  # never the logical (reversed, unjoined) form

    pane.send("Enter")
    screen = pane.wait_for(lambda s: "Search ─" not in s, "the bar to close")
    # The title bar says where we are; it repaints in the frame after the pane.
    pane.wait_for(
        lambda s: "Person" in s and "Omar Hilale" in s and "Entity" in s.splitlines()[0],
        "his entity view, named in the title bar",
    )
    pane.send("q")
    pane.wait_for(lambda s: not pane.alive() or "World Summit" not in s, "a clean exit", 10)
    history = tmp_path / "data" / "uneventtui" / "history.json"
    assert "عمر هلال" in history.read_text(encoding="utf-8")


@pytest.mark.parametrize("query", ["Hilale", "هلال", "Hilal"])
def test_other_spellings_find_him_too(pane, query):
    pane.wait_for(lambda s: "World Summit" in s, "the timeline")
    pane.send("/")
    pane.wait_for(lambda s: "Search ─" in s, "the search bar")
    pane.send(query, literal=True)
    screen = pane.wait_for(
        lambda s: "People" in s and search_line(s).strip() == visual(query), "the results"
    )
    _, _, header, best, *_ = box_lines(screen)
    assert header.strip().startswith("People") and best.strip().startswith("▶ Omar Hilale")
    pane.send("Enter")
    pane.wait_for(lambda s: "Person" in s and "Omar Hilale" in s.splitlines()[0], "his view")
