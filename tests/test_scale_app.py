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
