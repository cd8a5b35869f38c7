"""The explorer on 5,000 synthetic events read back from the cache: end to end and back."""

from __future__ import annotations

import pytest
from pilot_helpers import screen_text, started, timeline_rows

from uneventtui import cache, synthetic
from uneventtui.app.app import UneventApp
from uneventtui.app.display import Display
from uneventtui.app.widgets.timeline import TimelineRows
from uneventtui.packed import PackedList


@pytest.fixture(scope="module")
def cached_dataset(tmp_path_factory):
    """What a warm start gets: the timeline and its search index, from the cache."""
    root = tmp_path_factory.mktemp("scale")
    data = synthetic.write_dataset(root / "data", 5000, 2000, seed=5, per_file=2500)
    cache.load_cached(data, directory=root / "cache", use_cache=True)
    result = cache.load_cached(data, directory=root / "cache", use_cache=True)
    assert result.status == "hit"
    assert isinstance(result.timeline.events, PackedList)
    return result.dataset


@pytest.fixture(scope="module")
def cached_timeline(cached_dataset):
    return cached_dataset.timeline


def listed_rows(timeline, track=None) -> list[int]:
    """The timeline's rows written out one by one: a header (-year) before each year's
    events, then each event's index."""
    rows, year = [], None
    for index, event in enumerate(timeline.events):
        if track is not None and event.track != track:
            continue
        if event.start.year != year:
            year = event.start.year
            rows.append(-year)
        rows.append(index)
    return rows


@pytest.mark.parametrize("track", [None, "first track"])
def test_the_row_model_shows_each_year_under_its_header(cached_timeline, track):
    if track == "first track":
        track = cached_timeline.events[0].track
    expected = listed_rows(cached_timeline, track)
    assert sum(value < 0 for value in expected) > 10  # many years' headers
    if track is not None:
        assert len(expected) < len(cached_timeline.events)  # one track's events only
    model = TimelineRows.build(cached_timeline, track)
    assert model.row_count == len(expected)
    assert [model.row(row) for row in range(model.row_count)] == expected
    events = [row for row in range(len(expected)) if expected[row] >= 0]
    assert [model.row_of(pos) for pos in range(len(model.shown))] == events
    # A click or a page lands on the row's event, or on the first below a header.
    for row, value in enumerate(expected):
        pos = model.position_at_row(row)
        assert model.row_of(pos) == (row if value >= 0 else row + 1)
    assert model.position_at_row(-5) == 0
    assert model.position_at_row(len(expected) + 5) == len(model.shown) - 1


async def test_scrolls_end_to_end_and_back(cached_dataset, cached_timeline):
    events = cached_timeline.events
    first, last = events[0], events[-1]
    app = UneventApp(lambda: cached_dataset, display=Display(lang="en", mode="terminal"))
    async with app.run_test(size=(160, 60)) as pilot:
        view = await started(pilot)
        assert first.title_en[:20] in "\n".join(timeline_rows(app))
        await pilot.press("G")
        assert view.current_event == last
        assert last.title_en[:20] in "\n".join(timeline_rows(app))
        await pilot.press("g")
        assert view.current_event == first
        assert first.title_en[:20] in "\n".join(timeline_rows(app))
        # PgDn moves a screenful less the one row kept for context (one more when it
        # lands on a year's header, whose event is the next row), to the very end.
        height = view.scrollable_content_region.height
        steps = []
        while view.current_event != last:
            row = view.cursor_row
            await pilot.press("pagedown")
            steps.append(view.cursor_row - row)
            assert len(steps) < 400, "PgDn never reached the last event"
        assert all(height - 1 <= step <= height for step in steps[:-1]), steps
        assert 0 < steps[-1] <= height
        assert view.cursor_row == view.model.row_count - 1  # the last row
        assert last.title_en[:20] in "\n".join(timeline_rows(app))
        # Only what was shown has been unpickled... and paging showed it all.
        assert events.loaded_blocks() > 1


async def test_rapid_steps_update_the_detail_once_the_cursor_rests(
    cached_dataset, cached_timeline, monkeypatch
):
    """Large timelines: stepping only moves the cursor; the header and the detail follow
    once it rests (SETTLE), or at once on Enter / a focus change / Back."""
    from uneventtui.app.screens import main

    monkeypatch.setattr(main, "SETTLE_FROM", 0)  # treat the 5,000 events as large
    monkeypatch.setattr(main, "SETTLE", 0.5)  # longer than 5 presses, even on a busy machine
    events = cached_timeline.events
    app = UneventApp(lambda: cached_dataset, display=Display(lang="en", mode="terminal"))
    async with app.run_test(size=(160, 60)) as pilot:
        view = await started(pilot)
        screen = app.screen
        assert screen.detail.target == ("event", events[0].id)  # the first one: at once
        for _ in range(5):
            await pilot.press("j")
        assert view.current_event == events[5]
        assert screen.detail.target == ("event", events[0].id)  # not yet
        for _ in range(100):  # the timer fires once the cursor rests
            await pilot.pause(0.02)
            if screen.detail.target == ("event", events[5].id):
                break
        assert screen.detail.target == ("event", events[5].id)
        assert events[5].title_en[:15] in screen.where
        assert len(screen.history) == 1  # moving along replaces the visit
        await pilot.press("j", "j", "enter")  # Enter flushes: deterministic
        assert screen.detail.target == ("event", events[7].id)
        assert screen.detail.has_focus
        await pilot.press("tab")
        await pilot.press("j")
        await pilot.press("tab")  # a focus change flushes too
        assert screen.detail.target == ("event", events[8].id)
        await pilot.pause(0.1)
        assert screen.detail.target == ("event", events[8].id)


async def test_fast_repeated_keys_leave_one_cursor_and_the_right_detail(
    cached_dataset, cached_timeline
):
    """Keys arriving faster than frames (a held key): when they stop, exactly one row is
    marked, it is the cursor's, and the detail and the header show that event."""
    from uneventtui.app.screens import main

    events = cached_timeline.events
    app = UneventApp(lambda: cached_dataset, display=Display(lang="en", mode="terminal"))
    async with app.run_test(size=(160, 60)) as pilot:
        view = await started(pilot)
        main.SETTLE_FROM, saved = 0, main.SETTLE_FROM  # the settle delay, as at 100,000
        try:
            for key in ["j"] * 40 + ["k"] * 5 + ["pagedown"] * 2 + ["j"] * 3:
                app.simulate_key(key)
            for _ in range(100):  # until the cursor has rested and the detail followed
                await pilot.pause(0.02)
                if app.screen.detail.target == ("event", view.current_event.id):
                    break
        finally:
            main.SETTLE_FROM = saved
        await pilot.pause()
        current = view.current_event
        assert current == events[view.pos]
        assert app.screen.detail.target == ("event", current.id)
        screen = screen_text(app).splitlines()
        marked = [line for line in screen if "▶" in line]
        assert len(marked) == 1, marked
        assert current.title_en[:20] in marked[0]
        assert current.title_en[:15] in screen[0]  # the header says where we are
        # Back up a step at a time: the old row loses its marker, the new one gains it.
        for _ in range(3):
            await pilot.press("k")
            screen = screen_text(app).splitlines()
            marked = [line for line in screen if "▶" in line]
            assert len(marked) == 1 and view.current_event.title_en[:20] in marked[0]


async def test_paging_then_a_year_jump_lands_under_that_years_header(
    cached_dataset, cached_timeline
):
    events = cached_timeline.events
    app = UneventApp(lambda: cached_dataset, display=Display(lang="en", mode="terminal"))
    async with app.run_test(size=(160, 60)) as pilot:
        view = await started(pilot)
        for pages in (3, 5, 1):
            for _ in range(pages):
                await pilot.press("pagedown")
            year = view.current_event.start.year
            await pilot.press("right_square_bracket")
            event = view.current_event
            assert event.start.year > year
            # The first event of its year: the one before belongs to an earlier year.
            assert events[view.pos - 1].start.year < event.start.year
            screen = screen_text(app).splitlines()
            cursor_line = next(i for i, line in enumerate(screen) if "▶" in line)
            assert event.title_en[:20] in screen[cursor_line]
            assert f"── {event.start.year} ──" in screen[cursor_line - 1]


async def test_year_headers_take_the_theme_and_follow_a_theme_change(
    cached_dataset, cached_timeline
):
    """Year rows are drawn in the `timeline--year` style (bold, the accent colour), and
    rows drawn before a theme change are redrawn in the new theme's colours."""
    app = UneventApp(lambda: cached_dataset, display=Display(lang="en", mode="terminal"))
    async with app.run_test(size=(160, 60)) as pilot:
        view = await started(pilot)

        def year_style():
            header = next(y for y in range(10) if "──" in view.render_line(y).text)
            return next(iter(view.render_line(header))).style

        before = year_style()
        assert before.bold
        assert before.color == view.get_component_rich_style("timeline--year").color
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        after = year_style()
        assert after.color == view.get_component_rich_style("timeline--year").color
        assert after.bgcolor == view.rich_style.bgcolor  # the new theme's background
        assert after != before


async def test_track_steps_land_on_the_next_event_of_the_same_track(
    cached_dataset, cached_timeline
):
    """} and { on a cached timeline (events unpickled a block at a time): each lands on
    the nearest event of the cursor's track, skipping the others, and stops at the ends."""
    events = cached_timeline.events
    app = UneventApp(lambda: cached_dataset, display=Display(lang="en", mode="terminal"))
    async with app.run_test(size=(160, 60)) as pilot:
        view = await started(pilot)
        await pilot.press("pagedown", "pagedown")
        start = view.pos
        track = events[start].track
        expected = [i for i in range(start + 1, len(events)) if events[i].track == track][:6]
        for want in expected:
            await pilot.press("right_curly_bracket")
            assert view.pos == want
        for want in reversed([start, *expected[:-1]]):
            await pilot.press("left_curly_bracket")
            assert view.pos == want
        await pilot.press("G")
        last = view.pos
        later = [i for i in range(last + 1, len(events)) if events[i].track == events[last].track]
        assert later == []
        await pilot.press("right_curly_bracket")  # no next one on that track: stays
        assert view.pos == last
