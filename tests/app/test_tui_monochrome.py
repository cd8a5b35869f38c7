"""The monochrome theme: only greys on screen, and every state still readable."""

from __future__ import annotations

from pilot_helpers import screen_strips, screen_text, started
from tui_fixture import make_timeline

from uneventtui.app.app import UneventApp
from uneventtui.app.display import Display
from uneventtui.config import load_config


def colours_on_screen(app) -> set[tuple[int, int, int]]:
    found = set()
    for strip in screen_strips(app):
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            for colour in (style.color, style.bgcolor):
                if colour is not None and colour.triplet is not None:
                    found.add(tuple(colour.triplet))
    return found


async def test_monochrome_theme_is_grey_and_focus_reads_by_shape(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = UneventApp(make_timeline, display=Display(lang="en"), theme=UneventApp.MONOCHROME)
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        assert app.theme == UneventApp.MONOCHROME
        colours = colours_on_screen(app)
        assert colours, "nothing drawn"
        assert all(r == g == b for r, g, b in colours), sorted(colours)
        timeline_focused = screen_text(app)
        await pilot.press("enter")  # focus moves to the detail pane
        await pilot.pause()
        detail_focused = screen_text(app)
        # The focused pane's border is heavy, and it moves with the focus.
        assert "┏" in timeline_focused and "┏" in detail_focused
        assert timeline_focused.index("┏") != detail_focused.index("┏")
        assert timeline_focused.count("▶") == 1  # the selected row is marked


async def test_other_themes_keep_round_focus_borders(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = UneventApp(make_timeline, display=Display(lang="en"))
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        text = screen_text(app)
        assert "▶" in text  # the timeline is drawn, its selected row marked
        assert "╭" in text and "┏" not in text  # its panes' borders are round, none heavy


def test_the_config_file_accepts_the_monochrome_theme(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "uneventtui").mkdir()
    (tmp_path / "uneventtui" / "config.toml").write_text(
        f'theme = "{UneventApp.MONOCHROME}"\n', encoding="utf-8"
    )
    config, problems = load_config()
    assert problems == []
    assert config.theme == UneventApp.MONOCHROME
