"""The explorer on a hostile dataset: markup is shown, never run; nothing reaches the
terminal raw, on any screen (timeline, detail, entity view, source reader, search)."""

from __future__ import annotations

import pytest
from fixtures.hostile import FORBIDDEN_CHARS, hostile_dataset
from pilot_helpers import screen_strips, started, where

from uneventtui.app.app import UneventApp
from uneventtui.app.display import Display
from uneventtui.app.widgets.timeline import TimelineView
from uneventtui.loader import load_timeline
from uneventtui.text.sanitize import BIDI_CONTROLS

BAD = FORBIDDEN_CHARS | set(map(chr, BIDI_CONTROLS))


@pytest.fixture(scope="module")
def timeline(tmp_path_factory):
    return load_timeline(hostile_dataset(tmp_path_factory.mktemp("hostile")))


def checked_screen_text(app) -> str:
    """Every segment the screen would send to the terminal, checked, as plain lines."""
    lines = []
    for strip in screen_strips(app):
        for segment in strip:
            assert not BAD.intersection(segment.text), repr(segment.text)
            # A link or an action in a segment's style would make data clickable.
            style = segment.style
            if style is not None:
                assert not style.link, style
                assert "@click" not in (style.meta or {}), style.meta
        lines.append("".join(segment.text for segment in strip))
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["en", "ar"])
async def test_every_screen_shows_hostile_text_literally(timeline, lang):
    app = UneventApp(lambda: timeline, display=Display(lang=lang))
    async with app.run_test(size=(120, 40)) as pilot:
        view = await started(pilot)
        view.select_event("hostile-1")
        await pilot.pause()
        text = checked_screen_text(app)
        assert "[@click=app.quit]" in text  # shown as the characters it is made of
        assert "evil.exe txt" in text  # the right-to-left override is gone
        # Click on the action's text: it is text, so the app keeps running.
        await pilot.click(TimelineView, offset=(10, 3))
        await pilot.pause()
        assert app.is_running
        await pilot.press("enter")  # the detail pane: participants with markup names, roles
        await pilot.pause()
        assert where(app) == ("MainScreen", ("event", "hostile-1"))
        checked_screen_text(app)
        for keys, expected in (
            # The entity with 5,000 markup aliases, by one of them.
            (["slash", *"alias", "space", *"4999", "enter"], ("MainScreen", ("entity", "markup"))),
            (["escape", "escape", "s"], ("ReaderScreen", None)),  # the seed's escapes and C1
            (["escape", "slash", *"alias", "down"], ("SearchScreen", None)),  # markup names
            (["escape", "question_mark"], ("HelpScreen", None)),
            (["escape"], ("MainScreen", ("event", "hostile-1"))),
        ):
            await pilot.press(*keys)
            await pilot.pause()
            assert where(app) == expected, keys
            checked_screen_text(app)
        # Typed into the search, the action is text to look for: the app does not quit.
        await pilot.press("slash", *"[@click=app.quit]", "enter")
        await pilot.pause()
        assert app.is_running and where(app) == ("MainScreen", ("event", "hostile-1"))
        checked_screen_text(app)


async def test_source_reader_shows_escape_sequences_as_placeholders(timeline):
    app = UneventApp(lambda: timeline, display=Display(lang="en"))
    async with app.run_test(size=(100, 30)) as pilot:
        view = await started(pilot)
        view.select_event("hostile-1")
        await pilot.pause()
        await pilot.press("s")
        for _ in range(20):
            await pilot.pause()
            if type(app.screen).__name__ == "ReaderScreen":
                break
        text = checked_screen_text(app)
        # The escape sequences are shown as pictures (in an Arabic line: visual order).
        assert "pwned\u2407" in text and "\u241b[31mred\u241b[0m" in text
        assert "[@click=app.quit]Click me[/]" in text


async def test_hostile_config_values_are_shown_escaped(tmp_path):
    from tui_fixture import make_timeline

    from uneventtui.app.bindings import binding_ids
    from uneventtui.config import load_config

    path = tmp_path / "config.toml"
    path.write_text(
        'rtl_mode = "\\u001b]0;pwned\\u0007"\nlang = "[@click=app.quit]ar"\n'
        '"\\u009b2J" = 1\n[keymap]\n"\\u001b[31m" = "j"\n',
        encoding="utf-8",
    )
    config, problems = load_config(path, binding_ids=binding_ids())
    assert config.rtl_mode == "shaped" and config.lang == "en"  # the defaults
    assert len(problems) == 4
    app = UneventApp(make_timeline, display=Display(lang="en"), problems=problems)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for _ in range(10):
            await pilot.pause()
        text = checked_screen_text(app)  # no raw ESC, C1 or bidi control in the notifications
        assert "rtl_mode" in text and "[@click=app.quit]ar" in text
        assert app.is_running
