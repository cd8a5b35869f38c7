"""Driving the explorer in tests: build it, wait for it, read its screen.

One copy of each, for the app, robustness and snapshot tests. The shipped timeline for
these tests is the `shipped` fixture (tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from rich.cells import cell_len
from rich.segment import Segment
from tui_fixture import make_timeline

from uneventtui.app.app import UneventApp
from uneventtui.app.display import Display
from uneventtui.app.screens.main import MainScreen
from uneventtui.app.screens.reader import ReaderScreen
from uneventtui.app.screens.search import SearchScreen
from uneventtui.app.search_session import SearchSession
from uneventtui.app.widgets.article import ArticleView
from uneventtui.app.widgets.detail import DetailPane
from uneventtui.app.widgets.timeline import TimelineView
from uneventtui.history import History
from uneventtui.model import Timeline


def make_app(
    lang: str = "en",
    loader: Callable[[], Timeline] = make_timeline,
    *,
    history: Path | None = None,
    display: dict | None = None,
    **kwargs,
) -> UneventApp:
    """The explorer on `loader`'s timeline, in `lang` unless `display` (more Display
    options) says otherwise; with `history`, its search history lives in that file (a
    test's own, so no other test's queries show up in its suggestions)."""
    app = UneventApp(loader, display=Display(**{"lang": lang, **(display or {})}), **kwargs)
    if history is not None:
        app.search_session = SearchSession(History.load(history))
    return app


async def started(pilot) -> TimelineView:
    """Wait for the data worker to deliver the timeline; the loaded timeline view."""
    for _ in range(200):
        await pilot.pause()
        views = pilot.app.screen.query(TimelineView)
        if views and views.first().model is not None:
            return views.first()
    raise AssertionError("the timeline never loaded")


async def focus_detail(pilot, event_id: str) -> DetailPane:
    """Once loaded: the timeline on `event_id`, then Enter, which focuses the detail."""
    await started(pilot)
    pilot.app.screen.query_one(TimelineView).select_event(event_id)
    await pilot.press("enter")
    detail = pilot.app.screen.query_one(DetailPane)
    assert pilot.app.focused is detail
    return detail


async def open_reader(pilot, event_id: str) -> ArticleView:
    """Once loaded: `event_id`'s source article in the reader."""
    await started(pilot)
    pilot.app.screen.query_one(TimelineView).select_event(event_id)
    await pilot.press("s")
    for _ in range(3):
        await pilot.pause()
    assert isinstance(pilot.app.screen, ReaderScreen)
    return pilot.app.screen.query_one(ArticleView)


async def settle(pilot) -> None:
    """Wait until the search results on screen are those of the query in the bar."""
    screen = pilot.app.screen
    for _ in range(200):
        await pilot.pause()
        if getattr(screen, "shown_query", None) == screen.input.value:
            return
        await pilot.pause(0.01)
    raise AssertionError("the results never caught up with the query")


async def search_for(pilot, query: str, *, settle_each_key: bool = False) -> SearchScreen:
    """`/`, then `query` typed key by key; the search screen once its results are those
    of the query in the bar (with `settle_each_key`, checked after every key)."""
    await pilot.press("slash")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    for char in query:
        await pilot.press("space" if char == " " else char)
        if settle_each_key:
            await settle(pilot)
            assert screen.shown_query == screen.input.value
    await settle(pilot)
    assert screen.shown_query == screen.input.value
    return screen


def where(app) -> tuple[str, tuple[str, str] | None]:
    """Which screen is up and, on the main screen, what the detail pane shows."""
    screen = app.screen
    return type(screen).__name__, screen.detail.target if isinstance(screen, MainScreen) else None


def assert_drawn(app, size: tuple[int, int]) -> str:
    """The screen fills the terminal, line for line and cell for cell; its text."""
    width, height = size
    text = screen_text(app)
    lines = text.split("\n")
    assert len(lines) == height, (size, lines)
    assert {cell_len(line) for line in lines} == {width}, (size, lines)
    return text


def screen_strips(app) -> Iterator[list[Segment]]:
    """The segments of each screen line, as they would go to the terminal."""
    # Textual has no public way to read the composited screen; tests only.
    return app.screen._compositor.render_strips()


def screen_text(app) -> str:
    """The whole screen as plain lines."""
    return "\n".join("".join(segment.text for segment in strip) for strip in screen_strips(app))


def view_rows(view) -> list[str]:
    """A line-API view's visible rows, as plain text."""
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def timeline_rows(app) -> list[str]:
    """The timeline view's visible rows, as plain text."""
    return view_rows(app.screen.query_one(TimelineView))


def current(app) -> str:
    """The id of the event the timeline is on."""
    return app.screen.query_one(TimelineView).current_event.id


def detail_text(app) -> str:
    """The detail pane's whole text."""
    pane = app.screen.query_one(DetailPane)
    return "\n".join(line.text.plain for line in pane.all_lines())
