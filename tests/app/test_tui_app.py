"""Pilot tests of the explorer: every binding and the navigation flows."""

from __future__ import annotations

import pytest
from pilot_helpers import (
    current,
    detail_text,
    focus_detail,
    make_app,
    started,
    timeline_rows,
)
from tui_fixture import make_big_timeline, make_timeline

from uneventtui.app.bindings import TABLE
from uneventtui.app.display import Display
from uneventtui.app.screens.help import HelpScreen
from uneventtui.app.screens.main import MainScreen
from uneventtui.app.widgets.detail import DetailPane
from uneventtui.app.widgets.timeline import TimelineView
from uneventtui.text import visual

ORDER = [
    "1995-wssd",
    "2024-un-oic",
    "2024-res-78-261",
    "2024-cofacilitators",
    "2024-geneva-visit",
    "2025-doha",
]


async def test_first_frame_shows_loading_then_first_event():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        assert current(app) == "1995-wssd"
        assert "World Summit for Social Development" in app.screen.where
        assert "6–12 March 1995" in detail_text(app)


async def test_rows_show_every_event_in_order_under_year_headers():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        rows = [r for r in timeline_rows(app) if r.strip()]
        assert rows[0].startswith("── 1995")
        assert rows[1].startswith("▶ 6–12 March 1995")  # a range shown as a range
        assert "── 2024" in rows[2] and "── 2025" in rows[-2]
        assert rows[3].startswith("  2024 ")  # a year-precision date stays a year
        assert "March 2024" in rows[5]  # month precision
        assert "Second World Summit" in rows[-1]


async def test_movement_keys():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        await pilot.press("j")
        assert current(app) == ORDER[1]
        await pilot.press("down", "down")
        assert current(app) == ORDER[3]
        await pilot.press("k")
        assert current(app) == ORDER[2]
        await pilot.press("up")
        assert current(app) == ORDER[1]
        await pilot.press("G")
        assert current(app) == ORDER[-1]
        await pilot.press("g")
        assert current(app) == ORDER[0]
        await pilot.press("end")
        assert current(app) == ORDER[-1]
        await pilot.press("home")
        assert current(app) == ORDER[0]
        await pilot.press("pagedown")
        assert current(app) == ORDER[-1]
        await pilot.press("pageup")
        assert current(app) == ORDER[0]
        await pilot.press("ctrl+d")
        assert current(app) == ORDER[-1]
        await pilot.press("ctrl+u")
        assert current(app) == ORDER[0]


async def test_half_page_moves_half_a_screen():
    app = make_app(loader=lambda: make_big_timeline(2000))
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        view = app.screen.query_one(TimelineView)
        await pilot.press("ctrl+d")
        half = view.scrollable_content_region.height // 2
        assert abs(view.cursor_row - (1 + half)) <= 1
        await pilot.press("pagedown")
        assert view.cursor_row >= half + view.scrollable_content_region.height - 2
        await pilot.press("ctrl+u")
        assert view.cursor_row < 1 + half + view.scrollable_content_region.height


async def test_year_jumps():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        await pilot.press("right_square_bracket")
        assert current(app) == "2024-un-oic"  # first event of 2024
        await pilot.press("right_square_bracket")
        assert current(app) == "2025-doha"
        await pilot.press("left_square_bracket")
        assert current(app) == "2024-un-oic"
        await pilot.press("j", "j", "left_square_bracket")
        assert current(app) == "2024-un-oic"  # start of this year first
        await pilot.press("left_square_bracket")
        assert current(app) == "1995-wssd"


async def test_track_steps_skip_other_tracks():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        await pilot.press("right_curly_bracket")
        assert current(app) == "2024-res-78-261"  # skips the UN–OIC meeting
        await pilot.press("left_curly_bracket")
        assert current(app) == "1995-wssd"


async def test_filter_by_track_and_back_to_all():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # all, summit, un-oic
        await pilot.pause()
        view = app.screen.query_one(TimelineView)
        assert view.track == "un-oic"
        assert [view.timeline.events[i].id for i in view.model.shown] == ["2024-un-oic"]
        assert "UN–OIC" in view.border_title
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert view.track is None and len(view.model.shown) == len(ORDER)


async def test_filter_cancel_keeps_the_filter():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        await pilot.press("t", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(TimelineView).track is None


async def test_mouse_click_selects_a_row():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        # border at y=1 (under the header), rows start at y=2: row 5 is the geneva visit
        await pilot.click(TimelineView, offset=(10, 1 + 5))
        assert current(app) == "2024-cofacilitators"


async def test_mouse_wheel_scrolls():
    app = make_app(loader=lambda: make_big_timeline(500))
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        view = app.screen.query_one(TimelineView)
        before = view.scroll_y
        from textual.events import MouseScrollDown

        for _ in range(3):
            view.post_message(MouseScrollDown(view, 5, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_y > before


async def test_the_scrollbar_shows_where_you_are_and_answers_the_mouse():
    """The timeline's scrollbar: its thumb moves with the view, a click below it pages
    down, and it can be dragged."""
    app = make_app(loader=lambda: make_big_timeline(500))
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        view = app.screen.query_one(TimelineView)
        bar = view.vertical_scrollbar
        height = bar.size.height

        def thumb() -> list[int]:  # the rows of the thumb: a press there grabs it
            actions = [
                list(bar.render_line(y))[0].style.meta.get("@mouse.down") for y in range(height)
            ]
            return [y for y, action in enumerate(actions) if action == "grab"]

        assert thumb() and thumb()[0] == 0
        x = bar.region.x - app.screen.region.x
        await pilot.click(offset=(x, bar.region.y + height - 2))  # below the thumb
        await pilot.pause()
        assert view.scroll_y > 0
        assert thumb()[0] > 0
        moved = view.scroll_y
        top = bar.region.y + thumb()[0]
        await pilot.mouse_down(offset=(x, top))
        await pilot.hover(offset=(x, top + 5))
        await pilot.mouse_up(offset=(x, top + 5))
        await pilot.pause()
        assert view.scroll_y > moved  # dragged further down


async def test_enter_focuses_detail_and_flow_back_and_forth():
    """event -> entity -> one of its events -> back -> back."""
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        await pilot.press("end", "k")  # the Geneva visit
        assert current(app) == "2024-geneva-visit"
        await pilot.press("enter")
        detail = app.screen.query_one(DetailPane)
        assert app.focused is detail
        assert detail.selected_target == ("entity", "geneva")  # first link: the place
        await pilot.press("down")
        assert detail.selected_target == ("entity", "omar-hilale")
        await pilot.press("enter")
        assert detail.target == ("entity", "omar-hilale")
        text = detail_text(app)
        assert "Omar Hilale" in text and "Permanent Representative of Morocco" in text
        lines = text.splitlines()
        row = next(i for i, line in enumerate(lines) if "Aliases" in line)
        assert lines[row].split() == ["Aliases", "Hilale"]  # one alias a line
        assert visual("السيد هلال") in lines[row + 1]
        assert "co-facilitator" in text  # roles over time
        assert "Entity" in app.screen.where
        # Enter on one of its events jumps the timeline there
        links = detail.targets
        doha = links.index(("event", "2025-doha"), len(links) - 3)
        for _ in range(len(links)):
            if detail.link == doha:
                break
            await pilot.press("down")
        assert detail.link == doha
        await pilot.press("enter")
        assert current(app) == "2025-doha"
        assert detail.target == ("event", "2025-doha")
        assert app.focused is app.screen.query_one(TimelineView)
        await pilot.press("escape")
        assert detail.target == ("entity", "omar-hilale")
        assert detail.link == doha  # back where we were
        await pilot.press("backspace")
        assert detail.target == ("event", "2024-geneva-visit")
        assert current(app) == "2024-geneva-visit"
        await pilot.press("escape")  # nothing more to go back to: stays
        assert detail.target == ("event", "2024-geneva-visit")


async def test_keys_that_arrive_together_leave_the_cursor_where_they_put_it():
    """Over SSH, or typing fast, several keys arrive in one read: the timeline handles
    them all before the detail pane hears of the first move. The cursor and the detail
    must end on the last event, stay there, and Enter must then follow its first link."""
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        await pilot.pause()
        for key in ("j", "j", "j", "enter"):  # one burst: no waiting between keys
            app.simulate_key(key)
        await pilot.pause(0.2)
        detail = app.screen.query_one(DetailPane)
        assert current(app) == ORDER[3]
        assert detail.target == ("event", ORDER[3])
        assert app.focused is detail and detail.link == 0  # a link selected for Enter
        await pilot.pause(0.2)  # and nothing moves by itself afterwards
        assert current(app) == ORDER[3] and detail.target == ("event", ORDER[3])
        first = detail.selected_target
        await pilot.press("enter")
        assert detail.target == first


async def test_detail_shows_everything_about_an_event():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        app.screen.query_one(TimelineView).select_event("2024-geneva-visit")
        await pilot.pause()
        text = detail_text(app)
        for expected in (
            "Co-facilitators' working visit to Geneva",
            "22–24 April 2024",
            "2024 is inferred",
            "Geneva",
            "visit",
            "Social summit",
            "Omar Hilale and Philippe Kridelka met heads",
            "co-facilitator",
            "World Health Organization",
            visual("من 22 إلى 24 أبريل الجاري"),
        ):
            assert expected in text, expected


async def test_arabic_interface_says_in_arabic_that_a_date_is_inferred():
    app = make_app(lang="ar")
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        app.screen.query_one(TimelineView).select_event("2024-geneva-visit")
        await pilot.pause()
        text = detail_text(app)
        assert visual("يذكر المقال 22–24 أبريل دون سنة") in text
        assert "2024 is inferred" not in text


async def test_external_source_shows_symbol():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        app.screen.query_one(TimelineView).select_event("2024-res-78-261")
        await pilot.pause()
        assert "A/RES/78/261" in detail_text(app)


async def test_markup_in_data_is_shown_literally():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        app.screen.query_one(TimelineView).select_event("2024-res-78-261")
        await pilot.pause()
        assert "[bold]for[/]" in detail_text(app)


async def test_selection_is_visible_without_colour():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        rows = timeline_rows(app)
        assert sum(row.startswith("▶") for row in rows) == 1
        await pilot.press("enter")
        pane = app.screen.query_one(DetailPane)
        marked = [pane.render_line(y).text for y in range(pane.size.height)]
        assert sum("▶" in row for row in marked) == 1


async def test_help_lists_every_binding_and_closes():
    for key in ("question_mark", "f1"):
        app = make_app()
        async with app.run_test(size=(140, 45)) as pilot:
            await started(pilot)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            shown = app.screen.table
            console = app.console
            text = "".join(seg.text for seg in console.render(shown, console.options))
            for binding in TABLE:
                assert binding.id in text
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit(key):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running


async def test_keymap_rebinds_a_key():
    app = make_app(keymap={"timeline.down": "n", "app.help": "h"})
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        await pilot.press("n")
        assert current(app) == ORDER[1]
        await pilot.press("j")  # rebound away
        assert current(app) == ORDER[1]
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_toggle_title_language():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        assert "World Summit for Social" in timeline_rows(app)[1]
        await pilot.press("a")
        assert "World Summit" not in timeline_rows(app)[1]


async def test_narrow_layout_stacks_and_toggles_the_detail():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        timeline = app.screen.query_one(TimelineView)
        detail = app.screen.query_one(DetailPane)
        assert detail.region.y > timeline.region.y  # below
        assert timeline.region.width == 80
        await pilot.press("d")  # detail only
        await pilot.pause()
        assert not timeline.display and detail.display and app.focused is detail
        await pilot.press("d")  # timeline only
        await pilot.pause()
        assert timeline.display and not detail.display
        await pilot.press("d")
        await pilot.pause()
        assert timeline.display and detail.display


async def test_wide_layout_side_by_side_and_mirrored_in_arabic():
    for lang, timeline_left in (("en", True), ("ar", False)):
        app = make_app(lang)
        async with app.run_test(size=(140, 45)) as pilot:
            await started(pilot)
            timeline = app.screen.query_one(TimelineView)
            detail = app.screen.query_one(DetailPane)
            assert timeline.region.y == detail.region.y
            assert (timeline.region.x < detail.region.x) == timeline_left


async def test_arabic_interface_labels():
    app = make_app("ar")
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        text = detail_text(app)
        assert Display(lang="ar").label("date") in text


async def test_load_failure_is_shown_not_raised():
    def broken():
        raise ValueError("events.toml: [[event]] #3: start: '1995-13' is not a date")

    app = make_app(loader=broken)
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(20):
            await pilot.pause()
        assert "1995-13" in detail_text(app)
        assert app.is_running


async def test_hundred_thousand_events_scroll_to_the_end():
    app = make_app(loader=make_big_timeline)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.press("G")
        last = app.screen.query_one(TimelineView).timeline.events[-1]
        assert current(app) == last.id
        assert last.title_en in "".join(timeline_rows(app))
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.screen.query_one(TimelineView).current_event.start.year == 2024


async def test_command_palette_lists_every_action():
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for binding in TABLE:
            if binding.scope in ("app", "timeline", "detail") and binding.id != "app.palette":
                assert binding.en in titles, binding.id
        await pilot.press("ctrl+p")
        await pilot.pause()
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)


@pytest.mark.parametrize("lang", ["en", "ar"])
async def test_a_long_first_load_shows_its_stage_and_a_progress_bar(lang):
    """A 100,000-event archive takes half a minute to read the first time."""
    from concurrent.futures import Future

    loading: Future = Future()
    loading.stage = ("parse", 0.6)  # type: ignore[attr-defined]  # as start_loading sets it
    app = make_app(lang, loader=loading.result, preload=loading)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause(0.3)
        view = app.screen.query_one(TimelineView)
        line = view.render_line(0).text.rstrip() if lang == "en" else view.render_line(0).text
        label = Display(lang=lang).label("loading_parse")
        bar = "█" * 12 + "░" * 18  # 0.6 of reading is 39 % of the whole load, of 30 cells
        if lang == "en":
            assert line.startswith(label) and line.endswith(f"{bar} 39%")
        else:  # right to left: the label at the right, the bar filling from the right
            assert line.rstrip().endswith(label) and f"39% {bar[::-1]}" in line
            assert line.startswith(" ")  # right-aligned
        assert app.screen.where == label
        loading.stage = ("index", 0.0)  # type: ignore[attr-defined]
        await pilot.pause(0.3)
        assert "65%" in view.render_line(0).text
        loading.set_result(make_timeline())
        await started(pilot)
        assert current(app) == "1995-wssd"


async def test_preloaded_data_is_shown_in_the_first_frame():
    from concurrent.futures import Future

    done: Future = Future()
    done.set_result(make_timeline())

    def never():
        raise AssertionError("the worker must not load again")

    app = make_app(loader=never, preload=done)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert current(app) == "1995-wssd"
        assert "Loading" not in app.screen.where


async def test_failed_preload_falls_back_to_the_worker():
    from concurrent.futures import Future

    failed: Future = Future()
    failed.set_exception(OSError("disk gone"))
    app = make_app(preload=failed)
    async with app.run_test(size=(120, 30)) as pilot:
        await started(pilot)
        assert current(app) == "1995-wssd"


async def test_detail_keys_scroll_and_pick_links():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        detail = await focus_detail(pilot, "2024-geneva-visit")
        await pilot.press("G")
        assert detail.link == len(detail.targets) - 1
        assert detail.scroll_y == detail.max_scroll_y
        await pilot.press("g")
        assert detail.link == 0 and detail.scroll_y == 0
        await pilot.press("pagedown")
        assert detail.scroll_y > 0
        await pilot.press("pageup")
        assert detail.scroll_y == 0
        await pilot.press("j", "k")
        assert detail.link == 0


async def test_hostile_text_never_reaches_the_terminal_raw():
    def hostile():
        timeline = make_timeline()
        evil = "\x1b]0;pwned\x07[@click=app.quit]click[/] \u202eevil\x9b31m"
        timeline.events[0] = timeline.events[0]._replace(title_en=evil, summary_en=evil)
        return timeline

    app = make_app(loader=hostile)
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        shown = "\n".join(timeline_rows(app)) + detail_text(app)
        assert "[@click=app.quit]click[/]" in shown  # literal, not markup
        for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
            assert raw not in shown
        await pilot.click(TimelineView, offset=(40, 2))
        assert app.is_running


async def test_no_color_keeps_the_selection_visible(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot)
        view = app.screen.query_one(TimelineView)
        strip = view.render_line(view.cursor_row - int(view.scroll_y))
        assert strip.text.startswith("▶")
        assert any(seg.style and seg.style.reverse for seg in strip)


@pytest.mark.parametrize("lang", ["en", "ar"])
async def test_timeline_rows_use_the_tracks_short_names(lang):
    """A long track name would eat the title's room: rows show its short form."""

    def with_short_names():
        timeline = make_timeline()
        summit = timeline.tracks["summit"]
        timeline.tracks["summit"] = summit._replace(
            name_ar="مسار القمة العالمية للتنمية الاجتماعية",
            name_en="World Summit for Social Development process",
            short_ar="قمة اجتماعية",
            short_en="Social summit",
        )
        return timeline

    app = make_app(lang=lang, loader=with_short_names)
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        short = "Social summit" if lang == "en" else visual("قمة اجتماعية")
        assert sum(short in row for row in timeline_rows(app)) >= 2


async def test_full_collector_passes_wait_until_the_user_pauses():
    """Once the data is shown, the collector's full passes (tens of ms with a large
    archive) never run by themselves in a key's frame: they wait until no key has come
    for a moment, then run; the young passes stay automatic."""
    import gc

    from uneventtui.app import FULL_PASS_EVERY

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(pilot)
        await pilot.pause(0.1)
        assert gc.isenabled() and gc.get_threshold()[2] >= 1 << 30
        full_passes = gc.get_stats()[2]["collections"]
        for _ in range(FULL_PASS_EVERY):  # as many middle passes as make a full one due
            gc.collect(1)
        for _ in range(6):  # keys keep coming: nothing yet
            await pilot.press("j")
            await pilot.pause(app.IDLE_BEFORE_COLLECTING / 3)
        assert gc.get_stats()[2]["collections"] == full_passes
        await pilot.pause(app.IDLE_BEFORE_COLLECTING * 2.5)  # the user stops
        assert gc.get_stats()[2]["collections"] == full_passes + 1
        assert gc.get_count()[2] == 0


async def test_detail_only_takes_the_whole_width_side_by_side_too():
    """`d` on a wide screen: the detail pane alone fills the width, in both languages."""
    for lang in ("en", "ar"):
        app = make_app(lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await started(pilot)
            detail = app.screen.query_one(DetailPane)
            assert detail.region.width < 120  # side by side
            await pilot.press("d")  # detail only
            await pilot.pause()
            assert not app.screen.query_one(TimelineView).display
            assert detail.region.x == 0 and detail.region.width == 120, lang
