"""The explorer on 5,000 synthetic events read back from the cache: end to end and back."""

from __future__ import annotations

import pytest

from uneventtui import cache, synthetic
from uneventtui.app.app import UneventApp
from uneventtui.app.display import Display
from uneventtui.app.widgets.timeline import TimelineView
from uneventtui.packed import PackedList


@pytest.fixture(scope="module")
def cached_timeline(tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    data = synthetic.write_dataset(root / "data", 5000, 2000, seed=5, per_file=2500)
    cache.load_cached(data, directory=root / "cache", use_cache=True)
    result = cache.load_cached(data, directory=root / "cache", use_cache=True)
    assert result.status == "hit"
    assert isinstance(result.timeline.events, PackedList)
    return result.timeline


def screen_text(app) -> str:
    view = app.screen.query_one(TimelineView)
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


async def started(pilot) -> TimelineView:
    for _ in range(200):
        await pilot.pause()
        view = pilot.app.screen.query_one(TimelineView)
        if view.model is not None:
            return view
    raise AssertionError("the timeline never loaded")


async def test_scrolls_end_to_end_and_back(cached_timeline):
    events = cached_timeline.events
    first, last = events[0], events[-1]
    app = UneventApp(lambda: cached_timeline, display=Display(lang="en", mode="terminal"))
    async with app.run_test(size=(160, 60)) as pilot:
        view = await started(pilot)
        assert first.title_en[:20] in screen_text(app)
        await pilot.press("G")
        assert view.current_event == last
        assert last.title_en[:20] in screen_text(app)
        await pilot.press("g")
        assert view.current_event == first
        assert first.title_en[:20] in screen_text(app)
        pages = 0
        while view.current_event != last:
            await pilot.press("pagedown")
            pages += 1
            assert pages < 400, "PgDn never reached the last event"
        rows = len(view.model.rows)
        assert pages >= rows // 60  # it really paged, a screen at a time
        assert last.title_en[:20] in screen_text(app)
        # Only what was shown has been unpickled... and paging showed it all.
        assert events.loaded_blocks() > 1


async def test_rapid_steps_update_the_detail_once_the_cursor_rests(cached_timeline, monkeypatch):
    """Large timelines: stepping only moves the cursor; the header and the detail follow
    once it rests (SETTLE), or at once on Enter / a focus change / Back."""
    from uneventtui.app.screens import main

    monkeypatch.setattr(main, "SETTLE_FROM", 0)  # treat the 5,000 events as large
    monkeypatch.setattr(main, "SETTLE", 0.5)  # longer than 5 presses, even on a busy machine
    events = cached_timeline.events
    app = UneventApp(lambda: cached_timeline, display=Display(lang="en", mode="terminal"))
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
        assert events[5].title_en[:15] in screen.sub_title
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
