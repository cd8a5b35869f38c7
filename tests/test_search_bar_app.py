"""The search bar inside the real explorer, on the shipped data: the issue's "done when".

`/` opens it, typing عمر هلال (or Hilale, هلال, Hilal) puts Omar Hilale on top, Enter opens
his entity view; an event hit jumps the timeline; Esc gives the focus back; n/N step
through the events of the last search.
"""

from __future__ import annotations

import pytest
from test_search_bar import settle  # the one way to wait for results

import uneventtui
from uneventtui.app.app import UneventApp
from uneventtui.app.display import Display
from uneventtui.app.screens.search import SearchScreen
from uneventtui.app.search_session import SearchSession
from uneventtui.app.widgets.detail import DetailPane
from uneventtui.app.widgets.search_input import SearchInput
from uneventtui.app.widgets.timeline import TimelineView
from uneventtui.history import History


@pytest.fixture(scope="module")
def shipped():
    return uneventtui.load()


@pytest.fixture
def make_app(shipped, tmp_path):
    def make(lang: str = "en", keymap: dict[str, str] | None = None) -> UneventApp:
        app = UneventApp(lambda: shipped, display=Display(lang=lang), keymap=keymap)
        app.search_session = SearchSession(History.load(tmp_path / "history.json"))
        return app

    return make


async def started(pilot) -> None:
    for _ in range(200):
        await pilot.pause()
        if pilot.app.screen.query_one(TimelineView).model is not None:
            return
    raise AssertionError("the timeline never loaded")


async def search_for(pilot, query: str) -> SearchScreen:
    await pilot.press("slash")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    for char in query:
        await pilot.press("space" if char == " " else char)
    await settle(pilot)
    assert screen.shown_query == query
    return screen


@pytest.mark.parametrize("query", ["عمر هلال", "Hilale", "هلال", "Hilal"])
async def test_typing_a_name_and_enter_opens_the_entity_view(make_app, query):
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        screen = await search_for(pilot, query)
        assert (screen.results.hits[0].kind, screen.results.hits[0].id) == (
            "person",
            "omar-hilale",
        )
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        assert detail.target == ("entity", "omar-hilale")
        assert app.focused is detail


async def test_enter_on_an_event_jumps_the_timeline(make_app, shipped):
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        screen = await search_for(pilot, "Copenhagen")
        while screen.results.selected_hit.kind != "event":
            await pilot.press("down")
        event_id = screen.results.selected_hit.id
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(TimelineView)
        assert view.current_event.id == event_id
        assert app.screen.query_one(DetailPane).target == ("event", event_id)


async def test_escape_returns_the_focus_to_the_timeline(make_app):
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        view = app.screen.query_one(TimelineView)
        assert app.focused is view
        await search_for(pilot, "هل")
        assert isinstance(app.focused, SearchInput)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is view
        assert view.current_event.id == app.screen.timeline.events[0].id  # nothing moved


async def test_n_and_shift_n_step_through_the_events_of_the_last_search(make_app, shipped):
    expected = [
        e.id for e in shipped.events if "omar-hilale" in e.entity_ids() or "هلال" in e.title_ar
    ]
    assert len(expected) >= 3
    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        await search_for(pilot, "هلال")
        await pilot.press("enter")  # opens his entity view ...
        await pilot.pause()
        view = app.screen.query_one(TimelineView)
        view.focus()  # ... back to the timeline, at its first event
        await pilot.press("g")
        seen = []
        for _ in expected:
            await pilot.press("n")
            seen.append(view.current_event.id)
        assert seen == expected
        await pilot.press("N")
        assert view.current_event.id == expected[-2]


async def test_the_palette_finds_a_person_and_opens_him(make_app):
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    app = make_app()
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        for char in "Hilale":
            await pilot.press(char)
        options = app.screen.query_one(OptionList)
        for _ in range(100):
            await pilot.pause(0.05)
            if options.option_count and "Omar Hilale" in str(options.get_option_at_index(0).prompt):
                break
        assert "Omar Hilale" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(DetailPane).target == ("entity", "omar-hilale")


async def test_the_bar_keys_are_in_the_central_table_and_can_be_rebound(make_app):
    app = make_app(keymap={"search.next": "ctrl+j", "search_input.home": "ctrl+b"})
    async with app.run_test(size=(140, 45)) as pilot:
        await started(pilot)
        screen = await search_for(pilot, "هلال")
        await pilot.press("ctrl+j")
        assert screen.results.selected == 1
        await pilot.press("ctrl+b")
        assert screen.input.buffer.cursor == 0
