"""Odd terminals: tiny and resized windows, NO_COLOR, a non-UTF-8 locale, no terminal."""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys

import pytest
from cli_helpers import REPO, pty_run
from fixtures.hostile import hostile_dataset
from pilot_helpers import assert_drawn, screen_text, started, where
from tui_fixture import make_timeline

from uneventtui.app import encoding_problem
from uneventtui.app.app import UneventApp
from uneventtui.app.display import Display
from uneventtui.loader import load_timeline

CLI = [sys.executable, "-c", "import sys; from uneventtui.cli import main; sys.exit(main())"]


# Keys that visit every screen and pane, and where each must lead: the detail, an entity
# view, the reader, search, help, the track filter, then the language toggle, search
# matches, the narrow-layout toggle and paging, back on the timeline.
MAIN = "MainScreen"
TOUR = [
    (["j", "G", "g"], (MAIN, ("event", "1995-wssd"))),
    (["enter"], (MAIN, ("event", "1995-wssd"))),
    (["down", "enter"], (MAIN, ("entity", "copenhagen"))),
    (["escape", "escape"], (MAIN, ("event", "1995-wssd"))),
    (["s"], ("ReaderScreen", None)),
    (["escape"], (MAIN, ("event", "1995-wssd"))),
    (["slash", *"هلال", "down"], ("SearchScreen", None)),
    (["escape"], (MAIN, ("event", "1995-wssd"))),
    (["question_mark"], ("HelpScreen", None)),
    (["escape"], (MAIN, ("event", "1995-wssd"))),
    (["t"], ("TrackFilterScreen", None)),
    (["escape"], (MAIN, ("event", "1995-wssd"))),
    (["a", "n", "N"], (MAIN, ("event", "1995-wssd"))),
    (["d", "d"], (MAIN, ("event", "1995-wssd"))),
    (["ctrl+d", "ctrl+u", "right_square_bracket"], (MAIN, "an event")),  # moves by window
]


@pytest.mark.parametrize(
    "size",
    [
        (20, 5),
        (24, 6),
        (33, 9),
        pytest.param(
            (1, 1),
            marks=pytest.mark.xfail(
                strict=True,
                reason="known bug: in a 1x1 window the track filter ('t') raises in Textual's "
                "OptionList (Rich wraps its options at width 0); the tour did not reach the "
                "filter before, so it went unseen",
            ),
        ),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ar"])
async def test_tiny_windows_never_crash(size, lang):
    """Every screen opens and is drawn to the window's exact size, however small."""
    app = UneventApp(make_timeline, display=Display(lang=lang))
    async with app.run_test(size=size) as pilot:
        await started(pilot)
        for keys, expected in TOUR:
            await pilot.press(*keys)
            await pilot.pause()
            screen, target = where(app)
            if expected[1] == "an event":
                assert screen == MAIN and target[0] == "event", keys
            else:
                assert (screen, target) == expected, keys
            if size != (1, 1):  # Textual composes no cell at all in a 1x1 window
                assert assert_drawn(app, size).strip(), keys  # something is on screen


async def test_rapid_resizes_never_crash(tmp_path):
    timeline = load_timeline(hostile_dataset(tmp_path))
    app = UneventApp(lambda: timeline, display=Display(lang="ar"))
    rng = random.Random(8)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press("enter")
        for step in range(60):
            await pilot.resize_terminal(rng.randint(1, 160), rng.randint(1, 50))
            if step % 10 == 0:
                await pilot.press(rng.choice(["j", "k", "tab", "G", "g", "d"]))
            if step % 3 == 0:
                await pilot.pause()
        await pilot.resize_terminal(20, 5)
        await pilot.pause()
        assert app.is_running and where(app)[0] == "MainScreen"
        assert assert_drawn(app, (20, 5)).strip()


# --- NO_COLOR: every state readable without colour --------------------------------


async def test_no_color_focus_and_selection_are_drawn_not_coloured(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = UneventApp(make_timeline, display=Display(lang="en"))
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        assert app.no_color
        # The selected row is marked, and the mark moves with the selection.
        before = screen_text(app)
        await pilot.press("j")
        await pilot.pause()
        timeline_focused = screen_text(app)
        assert before.count("▶") == 1 and timeline_focused.count("▶") == 1
        assert before.index("▶") != timeline_focused.index("▶")
        await pilot.press("enter")  # focus moves to the detail pane
        await pilot.pause()
        detail_focused = screen_text(app)
        # The focused pane's border is drawn with other characters (heavy, not round).
        assert "┏" in timeline_focused and "┏" in detail_focused
        assert timeline_focused.index("┏") != detail_focused.index("┏")
        # Search results: the chosen hit is marked.
        await pilot.press("slash", *"summit")
        for _ in range(20):
            await pilot.pause()
        first = screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        assert "▶" in first and screen_text(app) != first


# --- locale and stdout --------------------------------------------------------------


def test_not_a_terminal_points_to_the_verbs():
    result = subprocess.run(
        CLI,
        input=b"",
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    message = result.stderr.decode()
    assert "needs a terminal" in message and "events" in message and "--help" in message


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
        {"LC_ALL": "", "LANG": "C.UTF-8", "PYTHONIOENCODING": "latin-1"},
    ],
    ids=["LC_ALL=C", "latin-1"],
)
@pytest.mark.slow
def test_non_utf8_terminal_gets_a_clear_message(env):
    status, output = pty_run(env=env)
    assert status == 2
    text = output.decode("ascii", errors="replace")
    assert "encoding is" in text and "C.UTF-8" in text
    assert "\\u" not in text and "\x1b[" not in text  # no mojibake, no screen drawn


def test_encoding_check():
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="UTF8")
    ascii_ = io.TextIOWrapper(io.BytesIO(), encoding="ANSI_X3.4-1968")
    assert encoding_problem(utf8) is None
    assert "ascii" in encoding_problem(ascii_)
