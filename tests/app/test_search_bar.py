"""The search bar over a screen: results as you type, grouped, highlighted; Enter, Esc, ↑.

The host screen here offers only what the bar uses of the explorer's MainScreen
(`timeline`, `ui`, `navigate`, `timeline_view`), so these tests pin the bar's own
behaviour; tests/app/test_search_bar_app.py drives the real explorer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from pilot_helpers import search_for, settle
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import OptionList, Static

from uneventtui.app.palette import SearchProvider
from uneventtui.app.screens.search import SearchScreen, open_search, step_match
from uneventtui.app.search_session import SearchSession
from uneventtui.app.widgets.search_input import SearchInput
from uneventtui.app.widgets.search_results import SearchResults, highlight_cells, name_cells
from uneventtui.dataset import Dataset
from uneventtui.history import History
from uneventtui.text import visual
from uneventtui.text.cells import fit_cells


@dataclass
class UI:
    mode: str = "shaped"
    lang: str = "en"


class FakeTimelineView(Static, can_focus=True):
    def __init__(self, timeline) -> None:
        super().__init__("timeline", id="timeline")
        self.timeline = timeline
        self.current_event_index: int | None = 0

    def select_event(self, event_id: str) -> bool:
        self.current_event_index = self.timeline.event_position(event_id)
        return self.current_event_index is not None


class Host(Screen):
    def __init__(self, timeline, ui: UI) -> None:
        super().__init__()
        self.timeline = timeline
        self.dataset = None if timeline is None else Dataset(timeline)
        self.ui = ui
        self.navigated: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield FakeTimelineView(self.timeline)

    def on_mount(self) -> None:
        self.timeline_view.focus()

    @property
    def timeline_view(self) -> FakeTimelineView:
        return self.query_one(FakeTimelineView)

    def navigate(self, target) -> None:
        self.navigated.append(target)

    def key_slash(self) -> None:
        open_search(self)


class HostApp(App):
    # Like the explorer: the palette is an ordinary (not priority) binding, so the bar
    # can use ctrl+p for "previous hit".
    BINDINGS = [Binding("ctrl+p", "command_palette", "Command palette")]

    def __init__(self, timeline, ui: UI | None = None, history_path=None) -> None:
        super().__init__()
        self.host = Host(timeline, ui or UI())
        self.search_session = SearchSession(History.load(history_path))

    def get_default_screen(self) -> Screen:
        return self.host


@pytest.fixture
def history_path(tmp_path):
    return tmp_path / "history.json"


def result_ids(screen: SearchScreen) -> list[tuple[str, str]]:
    return [(hit.kind, hit.id) for hit in screen.results.hits]


# -- results ----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["عمر هلال", "هلال", "Hilale", "Hilal", "hilale", "هِلال"])
async def test_omar_hilale_is_on_top_and_selected(shipped, history_path, query):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, query, settle_each_key=True)
        assert result_ids(screen)[0] == ("person", "omar-hilale")
        assert screen.results.selected == 0
        # The first line is the group of the best hit, the second the hit itself.
        assert screen.results.lines[0].kind == "person" and screen.results.lines[0].hit is None
        assert screen.results.lines[1].hit == 0


async def test_results_are_grouped_by_kind_best_group_first(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "هلال", settle_each_key=True)
        kinds = [line.kind for line in screen.results.lines if line.hit is None]
        assert kinds[0] == "person" and "event" in kinds
        assert len(kinds) == len(set(kinds))  # each kind once
        # Hits of a group are contiguous and in the order the index ranked them.
        hit_kinds = [hit.kind for hit in screen.results.hits]
        assert hit_kinds == sorted(hit_kinds, key=kinds.index)


async def test_count_line_says_how_many_of_how_many(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "Hilale", settle_each_key=True)
        count = str(screen.query_one("#search-count", Static).render())
        total = len(shipped.events) + len(shipped.entities)
        assert count.startswith(f"{len(screen.results.hits)} of {total}")
        await pilot.press("x", "x", "x", "q")
        await settle(pilot)
        assert str(screen.query_one("#search-count", Static).render()).startswith("No match")
        assert screen.results.hits == []


async def test_latin_query_finds_an_organisation_by_acronym(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "WHO", settle_each_key=True)
        assert result_ids(screen)[0] == ("organization", "who")


async def test_arabic_query_finds_a_place_and_its_events(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "الدوحة", settle_each_key=True)
        ids = result_ids(screen)
        assert ids[0] == ("place", "doha")
        assert any(kind == "event" for kind, _ in ids)


# -- highlighting -----------------------------------------------------------------------


def test_highlight_lands_on_the_visual_cells_of_the_matched_letters():
    cells = highlight_cells("عمر هلال", [(4, 8)])
    assert "".join(c for c, _ in cells) == visual("عمر هلال")
    marked = "".join(c for c, hl in cells if hl)
    unmarked = "".join(c for c, hl in cells if not hl)
    # "هلال" is the left part of the drawn line: its shaped letters, and nothing else.
    assert marked == visual("عمر هلال")[: cell_len(marked)]
    assert cell_len(marked) == 3  # ه + the lam-alef ligature + ل
    assert unmarked == " " + visual("عمر")


def test_half_of_a_ligature_marks_the_whole_cell():
    # The lam of لا alone matched: the ligature cell that draws it is highlighted.
    cells = highlight_cells("هلال", [(1, 2)])
    assert [hl for _, hl in cells].count(True) == 1


def test_a_match_in_an_alias_is_shown_on_the_name(shipped):
    hit = Dataset(shipped).search("هلال")[0]
    assert hit.field == "alias"
    ar, en = name_cells(hit)
    assert "".join(c for c, _ in ar) == visual("عمر هلال")
    assert "".join(c for c, hl in ar if hl) == visual("هلال")
    hit = Dataset(shipped).search("WHO")[0]
    ar, en = name_cells(hit)
    drawn = "".join(c for c, _ in en)
    assert drawn.endswith("(WHO)")
    assert "".join(c for c, hl in en if hl) == "WHO"


async def test_drawn_row_highlights_exactly_the_matched_letters(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "هلال", settle_each_key=True)
        results = screen.query_one(SearchResults)
        strip = results.render_line(1)  # the first hit, under its header
        text = strip.text
        assert visual("عمر هلال") in text and "Omar Hilale" in text
        assert "▶" in text  # selected, not by colour alone
        match_style = results.get_component_rich_style("search-results--match")
        marked = "".join(s.text for s in strip if s.style and s.style.underline)
        assert match_style.underline
        assert marked == visual("هلال")


# -- keys -------------------------------------------------------------------------------


async def test_arrows_and_ctrl_n_ctrl_p_choose_a_hit(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "هلال", settle_each_key=True)
        assert len(screen.results.hits) > 2
        await pilot.press("down")
        assert screen.results.selected == 1
        await pilot.press("ctrl+n")
        assert screen.results.selected == 2
        await pilot.press("ctrl+p")
        assert screen.results.selected == 1
        await pilot.press("up")
        assert screen.results.selected == 0
        await pilot.press("up")  # already the first: stays
        assert screen.results.selected == 0
        assert screen.input.value == "هلال"  # choosing never edits the query


@pytest.mark.parametrize(
    ("query", "kind", "target"),
    [
        ("عمر هلال", "person", ("entity", "omar-hilale")),
        ("WHO", "organization", ("entity", "who")),
        ("الدوحة", "place", ("entity", "doha")),
        ("Copenhagen", "event", None),
        ("القمة العالمية", "event", None),
    ],
)
async def test_enter_opens_the_chosen_hit(shipped, history_path, query, kind, target):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, query, settle_each_key=True)
        kinds = [h.kind for h in screen.results.hits]
        assert kind in kinds, kinds
        await pilot.press(*["down"] * kinds.index(kind))
        hit = screen.results.selected_hit
        assert hit.kind == kind
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        expected = target or ("event", hit.id)
        assert app.host.navigated == [expected]
        if kind == "event":
            assert expected[1] in {e.id for e in shipped.events}


async def test_escape_closes_and_gives_the_focus_back(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.focused is app.host.timeline_view
        await search_for(pilot, "هل", settle_each_key=True)
        assert isinstance(app.focused, SearchInput)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.host
        assert app.focused is app.host.timeline_view
        assert app.host.navigated == []
        assert app.search_session.history.queries == []  # Esc is not a search


async def test_keys_that_are_shortcuts_elsewhere_are_text_in_the_bar(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "qn/N?", settle_each_key=True)
        assert screen.input.value == "qn/N?"


async def test_enter_with_no_hit_keeps_the_bar_open(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, "zzzzqqq", settle_each_key=True)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


# -- history ----------------------------------------------------------------------------


async def test_up_in_an_empty_bar_recalls_queries_across_runs(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for query in ("Hilale", "الدوحة"):
            await search_for(pilot, query, settle_each_key=True)
            await pilot.press("enter")
            await pilot.pause()
    saved = json.loads(history_path.read_text(encoding="utf-8"))
    assert saved["queries"] == ["Hilale", "الدوحة"]

    app = HostApp(shipped, history_path=history_path)  # a new run
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "", settle_each_key=True)
        await pilot.press("up")
        await settle(pilot)
        assert screen.input.value == "الدوحة"
        assert result_ids(screen)[0] == ("place", "doha")  # and its results
        await pilot.press("up")
        await settle(pilot)
        assert screen.input.value == "Hilale"
        await pilot.press("down")
        assert screen.input.value == "الدوحة"
        await pilot.press("down")
        assert screen.input.value == ""
        # Once edited, ↑ chooses hits again instead of walking the history.
        await pilot.press("up", "up")
        await pilot.press("backspace", "backspace")  # "Hilale" -> "Hila"
        await settle(pilot)
        assert screen.input.value == "Hila"
        await pilot.press("down", "up")
        assert screen.input.value == "Hila"
        assert screen.results.selected == 0


async def test_a_corrupt_history_is_reported_and_set_aside(shipped, history_path):
    history_path.write_text("{broken", encoding="utf-8")
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, "", settle_each_key=True)
        notes = [n.message for n in app._notifications]
        assert any("history.json.corrupt" in n for n in notes)
        assert (history_path.parent / "history.json.corrupt").read_text() == "{broken"
        await pilot.press("H", "i", "enter")
        await pilot.pause()
    assert json.loads(history_path.read_text())["queries"] == ["Hi"]


# -- n / N ------------------------------------------------------------------------------


async def test_n_and_shift_n_step_through_events_matching_the_last_query(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    matching = [
        i
        for i, e in enumerate(shipped.events)
        if "omar-hilale" in e.entity_ids() or "هلال" in e.title_ar
    ]
    assert len(matching) >= 3
    async with app.run_test(size=(120, 40)) as pilot:
        assert not step_match(app.host, +1)  # no query yet
        await search_for(pilot, "هلال", settle_each_key=True)
        await pilot.press("escape")
        assert not step_match(app.host, +1)  # Esc is not a search
        await search_for(pilot, "هلال", settle_each_key=True)
        await pilot.press("enter")
        await pilot.pause()
        view = app.host.timeline_view
        view.current_event_index = 0
        seen = []
        for _ in matching:
            assert step_match(app.host, +1)
            seen.append(view.current_event_index)
        assert seen == matching
        assert step_match(app.host, +1)  # wraps around to the first
        assert view.current_event_index == matching[0]
        assert step_match(app.host, -1)  # and back to the last
        assert view.current_event_index == matching[-1]
        assert step_match(app.host, -1)
        assert view.current_event_index == matching[-2]


# -- rtl mode "terminal" and the Arabic interface ---------------------------------------


async def test_terminal_mode_draws_names_in_logical_order(shipped, history_path):
    app = HostApp(shipped, UI(mode="terminal"), history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "هلال", settle_each_key=True)
        assert "عمر هلال" in screen.results.render_line(1).text
        assert "عمر هلال" not in screen.input.render_line(0).text  # the bar shows the query
        assert "هلال" in screen.input.render_line(0).text


async def test_arabic_interface_labels(shipped, history_path):
    app = HostApp(shipped, UI(lang="ar"), history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "هلال", settle_each_key=True)
        people = sum(hit.kind == "person" for hit in screen.results.hits)
        header = screen.results.render_line(0).text
        assert header.endswith(visual(f"الأشخاص ({people})"))  # right-aligned
        count = str(screen.query_one("#search-count", Static).render())
        assert visual("من") in count


# -- command palette --------------------------------------------------------------------


class PaletteApp(HostApp):
    COMMANDS = HostApp.COMMANDS | {SearchProvider}


@pytest.mark.parametrize(
    ("query", "target"),
    [("Hilale", ("entity", "omar-hilale")), ("هلال", ("entity", "omar-hilale"))],
)
async def test_command_palette_finds_names_through_the_same_search(
    shipped, history_path, query, target
):
    app = PaletteApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        for char in query:
            await pilot.press(char)
        # The palette gathers hits asynchronously: wait for ours to show.
        options = app.screen.query_one(OptionList)
        for _ in range(100):
            await pilot.pause(0.05)
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            if any(visual("عمر هلال") in p for p in prompts):
                break
        assert visual("عمر هلال") in prompts[0] and "Omar Hilale" in prompts[0]
        await pilot.press("enter")  # the first (best) hit is highlighted
        await pilot.pause()
        assert app.host.navigated[-1] == target


# -- fitting names into columns ---------------------------------------------------------


def _cells(text: str):
    return [(c, False) for c in text]


@pytest.mark.parametrize(
    ("text", "width", "rtl", "logical", "expected"),
    [
        ("abcdef", 8, False, False, "abcdef  "),
        ("abcdef", 4, False, False, "abc…"),
        ("fedcba", 8, True, False, "  fedcba"),  # visual RTL: right-aligned ...
        ("fedcba", 4, True, False, "…cba"),  # ... its beginning (on the right) kept
        ("abcdef", 4, True, True, "abc…"),  # logical (terminal mode): the end is cut
        ("abcdef", 0, False, False, ""),
    ],
)
def test_fit_cells(text, width, rtl, logical, expected):
    assert "".join(c for c, _ in fit_cells(_cells(text), width, rtl, logical)) == expected


def test_fit_cells_never_leaves_half_a_wide_character():
    cells = [("中", False), ("", False), ("文", False), ("", False)]
    assert [c for c, _ in fit_cells(cells, 3, rtl=False)] == ["中", "", "…"]
    assert [c for c, _ in fit_cells(cells, 2, rtl=False)] == [" ", "…"]
    assert [c for c, _ in fit_cells(cells, 2, rtl=True)] == ["…", " "]


async def test_clicking_a_result_opens_it(shipped, history_path):
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "هلال", settle_each_key=True)
        second = screen.results.hits[1]
        line = screen.results._line_of(1)
        await pilot.click(SearchResults, offset=(10, line))
        await pilot.pause()
        kind = "event" if second.kind == "event" else "entity"
        assert app.host.navigated == [(kind, second.id)]
        assert app.screen is app.host


async def test_empty_palette_offers_the_busiest_entities(shipped, history_path):
    app = PaletteApp(shipped, history_path=history_path)
    busiest = max(shipped.entities.values(), key=lambda e: shipped.event_count(e.id))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        options = app.screen.query_one(OptionList)
        prompts: list[str] = []
        for _ in range(100):
            await pilot.pause(0.05)
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            if any(busiest.name_en in p for p in prompts):
                break
        assert any(busiest.name_en in p and visual(busiest.name_ar) in p for p in prompts)


async def test_typing_while_the_data_loads_searches_once_it_is_there(shipped, history_path):
    app = HostApp(None, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        for char in "Hilale":
            await pilot.press(char)
        screen = app.screen
        assert "loading" in str(screen.query_one("#search-count", Static).render())
        assert screen.results.hits == []
        app.host.timeline, app.host.dataset = shipped, Dataset(shipped)  # the loader delivers
        await settle(pilot)
        assert result_ids(screen)[0] == ("person", "omar-hilale")


async def test_the_results_follow_the_hits_and_lay_the_screen_out_only_when_they_must(
    shipped, history_path, monkeypatch
):
    """The list is as tall as its lines, up to its maximum. A key that leaves it full
    repaints the results and the count without laying the screen out, which repaints the
    explorer under the bar as well: a second frame at every key, 30 ms at 100,000 events."""
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "t", settle_each_key=True)
        results = screen.results
        full = results.size.height
        assert len(results.lines) > full > 10  # cut at its maximum

        layouts = []
        refresh_layout = type(screen)._refresh_layout

        def counted(self, *args, **kwargs):
            layouts.append(self)
            return refresh_layout(self, *args, **kwargs)

        monkeypatch.setattr(type(screen), "_refresh_layout", counted)
        before = result_ids(screen)
        for char in "he":  # "th", "the": other hits, still more than fit
            await pilot.press(char)
            await settle(pilot)
            await pilot.pause()
        assert result_ids(screen) != before
        assert len(results.lines) > full and results.size.height == full
        assert layouts == []
        count = str(screen.query_one("#search-count", Static).render())
        assert count.startswith(f"{len(results.hits)} of ")  # repainted all the same

        # few hits: the list shrinks to them; many again: it grows back
        for query in ("hilale", "t"):
            await pilot.press(*["backspace"] * len(screen.input.value), *query)
            await settle(pilot)
            await pilot.pause()
            assert results.size.height == min(len(results.lines), full), query
        assert len(layouts) >= 2


async def test_the_results_draw_what_textual_would(shipped, history_path):
    """The list frames its rows the short way (`LineView`) and keeps them while they
    stay the same: its lines are exactly those Textual's own pass draws, on the first
    results, after more keys, scrolled, and with another hit selected."""
    from textual.geometry import Region
    from textual.widget import Widget

    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(pilot, "t", settle_each_key=True)
        results = screen.results

        def same_both_ways(where: str) -> None:
            whole = Region(0, 0, *results.outer_size)
            ours = results.render_lines(whole)
            assert len(ours) == results.outer_size.height > 10
            assert ours == Widget.render_lines(results, whole), where
            top = int(results.scroll_y)
            for y, strip in enumerate(ours):  # each row shows its hit (none is stale)
                line = results.lines[top + y] if top + y < len(results.lines) else None
                if line is not None and line.hit is not None:
                    hit = results.hits[line.hit]
                    assert hit.name_en[:8] in strip.text, (where, y)
                    assert strip.text.startswith("▶") == (line.hit == results.selected)

        same_both_ways("first results")
        await pilot.press("h")
        await settle(pilot)
        same_both_ways("after a key")
        await pilot.press("down", "down", "pagedown")
        await pilot.pause()
        assert results.scroll_y > 0
        same_both_ways("scrolled, another hit selected")


def drawn_values(monkeypatch) -> list[tuple[str, str | None]]:
    """Each time the bar's line is drawn: (the text it shows, the query whose results
    are on screen)."""
    drawn: list[tuple[str, str | None]] = []
    render_line = SearchInput.render_line

    def recorded(self, y):
        if y == 0:
            drawn.append((self.value, getattr(self.screen, "shown_query", None)))
        return render_line(self, y)

    monkeypatch.setattr(SearchInput, "render_line", recorded)
    return drawn


async def test_a_typed_key_is_drawn_in_the_frame_that_shows_its_results(
    shipped, history_path, monkeypatch
):
    """No frame shows the new text over the old results: drawn at once, the key would
    put its results in a frame of their own, which Textual paces 17-33 ms later."""
    from uneventtui.app.screens import search as search_screen

    # A generous hold: a stall of the test machine must not pass for a slow search (how
    # long the hold lasts is the next test's).
    monkeypatch.setattr(search_screen, "ECHO_HOLD", 0.5)
    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(
            pilot, settle_each_key=True, query="x"
        )  # the first search builds the index: slow
        await pilot.press("backspace")
        await settle(pilot)
        drawn = drawn_values(monkeypatch)
        for char in "Hilale":
            await pilot.press(char)
            await settle(pilot)
            await pilot.pause()
        typed = [value for value, _ in drawn]
        assert typed and typed[-1] == "Hilale"
        assert {"H", "Hil", "Hilale"} <= set(typed)  # every key is drawn
        assert all(value == shown for value, shown in drawn), drawn


async def test_a_typed_key_is_drawn_at_once_when_its_results_are_slow(
    shipped, history_path, monkeypatch
):
    """The key waits for its results for a frame or two at most, never for a slow search."""
    import time

    from uneventtui.app.screens import search as search_screen

    app = HostApp(shipped, history_path=history_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        quick = search_screen.search

        def slow(*args, **kwargs):
            time.sleep(0.5)
            return quick(*args, **kwargs)

        monkeypatch.setattr(search_screen, "search", slow)
        drawn = drawn_values(monkeypatch)
        await pilot.press("H")
        await pilot.pause(0.2)
        assert ("H", "") in drawn  # shown over the (empty) query's list, results to come
        await settle(pilot)
        await pilot.pause()
        assert drawn[-1] == ("H", "H")
        assert result_ids(app.screen)[0] == ("person", "omar-hilale")
