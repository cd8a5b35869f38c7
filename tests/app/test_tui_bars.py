"""The title bar and the key bar: what they say, in which language, and what a click does."""

from __future__ import annotations

from pilot_helpers import make_app, started

from uneventtui.app.bindings import BY_ID
from uneventtui.app.display import Display
from uneventtui.app.screens.help import HelpScreen
from uneventtui.app.screens.search import SearchScreen
from uneventtui.app.widgets.bars import ICON, KeyBar, TitleBar
from uneventtui.app.widgets.detail import DetailPane
from uneventtui.text.cells import clip


def bar_text(app, kind) -> str:
    return app.screen.query_one(kind).render_line(0).text


def described(key_id: str, lang: str = "en") -> str:
    key = BY_ID[key_id]
    return Display(lang=lang).line(key.ar, base="rtl") if lang == "ar" else key.en


async def test_key_bar_lists_the_focused_pane_keys_and_follows_the_focus():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        text = bar_text(app, KeyBar)
        assert "t Filter by track" in text and "^q Quit" in text
        assert described("detail.open") not in text
        await pilot.press("enter")  # the detail pane takes the focus
        await pilot.pause()
        assert isinstance(app.focused, DetailPane)
        text = bar_text(app, KeyBar)
        assert f"⏎ {described('detail.open')}" in text
        assert "Filter by track" not in text


async def test_key_bar_shows_whole_keys_only_and_keeps_the_palette_key():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        text = bar_text(app, KeyBar)
        assert len(text) == 80
        assert text.rstrip().endswith("▏ ^p")  # described only where there is room
        shown = [key for key in BY_ID.values() if key.scope in ("app", "timeline") and key.show]
        for key in shown:  # a description is there whole or not at all
            words = key.en.split()
            assert (key.en in text) or (words[-1] not in text.split()), key.en
        assert "Read the source article" not in text  # did not fit: left out, not cut


async def test_arabic_key_bar_reads_from_the_right_in_arabic():
    app = make_app("ar")
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        text = bar_text(app, KeyBar)
        quit_ar = described("app.quit", "ar")
        help_ar = described("app.help", "ar")
        assert "Quit" not in text and quit_ar in text
        # The first key of the table is at the right edge, the key before its words.
        assert text.rstrip().endswith(f"{described('timeline.filter', 'ar')} t")
        assert text.index(help_ar) < text.index(quit_ar)  # the next ones to its left
        assert text.lstrip().startswith(f"{Display(lang='ar').line('لوحة الأوامر')} ^p ▕")


async def test_clicking_a_key_presses_it():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        text = bar_text(app, KeyBar)
        x = text.index("Help: every key")
        await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        # Each key where it is drawn: the search key opens the search, not the help.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click(KeyBar, offset=(bar_text(app, KeyBar).index("Search by name"), 0))
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_title_bar_says_where_the_user_is_and_its_icon_opens_the_palette():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        text = bar_text(app, TitleBar)
        assert text.startswith(f" {ICON}")
        assert "uneventtui — Timeline › 1995 › World Summit" in text
        await pilot.press("j")
        await pilot.pause()
        assert "› 2024 ›" in bar_text(app, TitleBar)  # follows the cursor
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"


async def test_arabic_title_bar_starts_on_the_right_and_is_cut_on_the_left():
    app = make_app("ar")
    async with app.run_test(size=(60, 24)) as pilot:
        await started(pilot)
        text = bar_text(app, TitleBar)
        assert text.rstrip().endswith(f"— uneventtui {ICON}")
        timeline = Display(lang="ar").label("timeline")
        assert f"‹ {timeline} — uneventtui" in text
        assert text.lstrip().startswith("…")  # the end of the line (its left) is cut


def test_clip_cuts_the_end_of_the_line_with_an_ellipsis():
    assert clip("abcdef", 6) == "abcdef"
    assert clip("abcdef", 4) == "abc…"
    assert clip("abcdef", 4, rtl=True) == "…def"
    # A right-to-left cut never leaves a mark without its letter (U+064E FATHA).
    assert clip("xa\u064ebc", 3, rtl=True) == "…bc"
    assert clip("abc", 0) == ""


def test_every_key_is_named_in_one_style():
    """Help, the key bar and docs/keys.md name keys alike: a typed character as itself,
    arrows as arrows, every other key and modifier capitalised (Ctrl+d, Alt+Backspace,
    Delete), never Textual's raw names (left, delete, alt+backspace)."""
    import re

    from uneventtui.app.bindings import TABLE, display_keys

    shown = {token for key in TABLE for token in display_keys(key.keys).split()}
    style = re.compile(r"^(?:(?:Ctrl|Alt|Shift)\+)?(?:.|[←→↑↓]|[A-Z][A-Za-z]*\d*)$")
    assert [token for token in sorted(shown) if not style.match(token)] == []
    assert display_keys("left,right,delete,alt+backspace") == "← → Delete Alt+Backspace"
