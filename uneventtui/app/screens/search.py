"""The search bar: `/` opens it over the explorer, results follow every key.

`SearchScreen` is a modal screen: the `SearchInput` (Arabic drawn shaped, right to
left), a count line ("3 of 143": hits of all searchable names), and `SearchResults`
grouped by kind. Searching runs in a thread worker (exclusive: a new key cancels the
search still running for the previous one, whose results are then dropped), so typing
never waits for the index. Enter dismisses the screen with the chosen target
(`("event", id)` or `("entity", id)`) for the caller to navigate to; Esc dismisses it
with None, and Textual gives the focus back to where it was.

The explorer opens it with `open_search(screen)` and steps through the last query's
events with `step_match(screen, +1/-1)`. They expect the MainScreen API:
`screen.dataset` (a loaded `Dataset` or None), `screen.navigate(target)`,
`screen.timeline_view` (`current_event_index`, `select_event(id)`), and `screen.ui`
(`mode`, `lang`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import get_current_worker

from uneventtui.app.bindings import bindings_for
from uneventtui.app.i18n import tr
from uneventtui.app.search_session import RESULT_LIMIT, SearchSession, search, session_of, target_of
from uneventtui.app.widgets.search_input import SearchInput
from uneventtui.app.widgets.search_results import SearchResults
from uneventtui.dataset import Dataset
from uneventtui.model import Timeline

# How long a typed key waits, at most, to be drawn in the frame that shows its results:
# drawn alone, it would put them in a frame of their own, which Textual paces later.
ECHO_HOLD = 0.033


class SearchScreen(ModalScreen[tuple[str, str] | None]):
    """The search bar and its results, over the explorer."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("search")  # the central table

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
        background: $background 40%;
    }
    SearchScreen > #search-box {
        width: 90%;
        max-width: 120;
        height: auto;
        max-height: 80%;
        margin-top: 2;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    SearchScreen #search-count {
        height: 1;
        color: $text-muted;
    }
    SearchScreen #search-count.-rtl {
        text-align: right;
    }
    SearchScreen SearchResults {
        height: auto;
        max-height: 30;
    }
    """

    def __init__(
        self,
        dataset: Dataset | Callable[[], Dataset | None] | None,
        session: SearchSession,
        *,
        mode: str = "shaped",
        lang: str = "en",
        query: str = "",
    ) -> None:
        super().__init__()
        # The dataset, or how to get it: the data may still be loading when / is pressed.
        self._dataset = dataset
        self.session = session
        self.mode = mode
        self.lang = lang
        self.initial_query = query
        self.shown_query: str | None = None  # the query the results on screen are for
        self._history_index: int | None = None  # browsing the history with ↑/↓
        self._recalled: str | None = None  # the value the history put in the bar
        self._waiting_for_data = False

    def compose(self) -> ComposeResult:
        from uneventtui.text import visual

        with Vertical(id="search-box") as box:
            box.border_title = visual(tr("search_title", self.lang))
            yield SearchInput(
                self.initial_query,
                placeholder=tr("search_placeholder", self.lang),
                rtl_mode=self.mode,
                id="search-input",
                echo_hold=ECHO_HOLD,
            )
            count = Static("", id="search-count", markup=False)
            count.set_class(self.lang == "ar", "-rtl")
            yield count
            yield SearchResults(mode=self.mode, lang=self.lang, id="search-results")

    @property
    def dataset(self) -> Dataset | None:
        source = self._dataset
        return source() if callable(source) else source

    @property
    def timeline(self) -> Timeline | None:
        dataset = self.dataset
        return None if dataset is None else dataset.timeline

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def results(self) -> SearchResults:
        return self.query_one(SearchResults)

    def on_mount(self) -> None:
        problem = self.session.take_problem()
        if problem:
            self.app.notify(problem, title="uneventtui", severity="warning", timeout=8)
        self.input.focus()
        self._query_changed(self.input.value)

    # -- searching --------------------------------------------------------------------

    def on_search_input_changed(self, message: SearchInput.Changed) -> None:
        message.stop()
        if message.value != self._recalled:
            self._history_index = None
            self._recalled = None
        self._query_changed(message.value)

    def _query_changed(self, query: str) -> None:
        if self.timeline is None:
            self.input.echo()
            self._set_count(tr("search_loading", self.lang))
            # Search as soon as the data is there, with whatever was typed by then.
            if not self._waiting_for_data:
                self._waiting_for_data = True
                self.set_timer(0.25, self._data_arrived)
            return
        if not query.strip():
            self.workers.cancel_group(self, "search")
            self._show(query, [])
            return
        self.run_search(query)

    def _data_arrived(self) -> None:
        self._waiting_for_data = False
        self._query_changed(self.input.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        assert self.dataset is not None
        hits = search(self.dataset, query)
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list) -> None:
        if query != self.input.value or self.timeline is None:
            return  # typing went on: a newer search is on its way
        self.input.echo()  # the query and its results in one frame
        self.shown_query = query
        events = (self.timeline.event(h.id) for h in hits if h.kind == "event")
        years = {e.id: str(e.start.year) for e in events if e is not None}
        self.results.set_hits(hits, years)
        if not query.strip():
            self._set_count(tr("search_keys", self.lang))
            return
        total = len(self.timeline.entities) + len(self.timeline.events)
        shown = f"{len(hits)}+" if len(hits) >= RESULT_LIMIT else str(len(hits))
        if hits:
            count = tr("search_count", self.lang, shown=shown, total=total)
        else:
            count = tr("search_none", self.lang)
        self._set_count(f"{count}  ·  {tr('search_keys', self.lang)}")

    def _set_count(self, line: str) -> None:
        from uneventtui.text import visual

        # One line, as wide as the box whatever it says: no layout of the screen (which
        # repaints the explorer under the bar too) at every key.
        self.query_one("#search-count", Static).update(visual(line, mode=self.mode), layout=False)

    # -- keys -------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss(None)

    def action_choose(self) -> None:
        hit = self.results.selected_hit
        if hit is None:
            self.app.bell()
            return
        self.session.remember(self.input.value)
        if self.timeline is not None and self.session.last_query:
            # Find the events for n/N now, off the UI thread: on 100,000 events that
            # takes a few hundred milliseconds, which the first `n` should not wait for.
            self.app.run_worker(
                partial(self.session.matching_positions, self.dataset),
                thread=True,
                group="search-matches",
                exclusive=True,
            )
        self.dismiss(target_of(hit))

    def on_search_results_chosen(self, message: SearchResults.Chosen) -> None:
        self.action_choose()

    def action_move(self, delta: int) -> None:
        self.results.move(delta)

    def action_page(self, direction: int) -> None:
        self.results.move(direction * max(1, self.results.size.height - 1))

    def _browsing_history(self) -> bool:
        """The bar is empty, or shows a query the history put there (unedited)."""
        value = self.input.value
        return value == "" or (self._recalled is not None and value == self._recalled)

    def action_up(self) -> None:
        """↑: an older query when the bar is empty (or shows one), else the previous hit."""
        if self._browsing_history():
            index = self.session.history.older(self._history_index)
            if index is None:
                self.app.bell()
                return
            self._recall(index)
        else:
            self.results.move(-1)

    def action_down(self) -> None:
        """↓: a newer query while browsing the history, else the next hit."""
        if self._history_index is None or not self._browsing_history():
            self.results.move(1)
            return
        index = self.session.history.newer(self._history_index)
        if index is None:
            self._history_index, self._recalled = None, None
            self.input.value = ""
            return
        self._recall(index)

    def _recall(self, index: int) -> None:
        self._history_index = index
        self._recalled = self.session.history.queries[index]
        self.input.value = self._recalled


def open_search(screen, query: str = "") -> None:
    """Open the search bar over `screen`; Enter on a hit navigates `screen` to it."""
    ui = getattr(screen, "ui", None)
    session = session_of(screen.app)

    def chosen(target: tuple[str, str] | None) -> None:
        if target is not None:
            screen.navigate(target)

    screen.app.push_screen(
        SearchScreen(
            lambda: getattr(screen, "dataset", None),
            session,
            mode=getattr(ui, "mode", "shaped"),
            lang=getattr(ui, "lang", "en"),
            query=query,
        ),
        chosen,
    )


def step_match(screen, direction: int) -> bool:
    """`n`/`N`: select the next (+1) or previous (-1) event matching the last query.

    Wraps around at the ends, like vim; rings the bell when nothing matches.
    """
    session = session_of(screen.app)
    dataset = getattr(screen, "dataset", None)
    lang = getattr(getattr(screen, "ui", None), "lang", "en")
    if dataset is None:
        return False
    timeline = dataset.timeline
    if not session.last_query:
        screen.app.notify(tr("search_no_query", lang), timeout=3)
        return False
    positions = session.matching_positions(dataset)
    view = screen.timeline_view
    here = view.current_event_index
    if here is None:
        here = -1 if direction > 0 else len(timeline.events)
    ordered = [p for p in positions if p > here] + [p for p in positions if p <= here]
    if direction < 0:
        ordered = [p for p in reversed(positions) if p < here] + [
            p for p in reversed(positions) if p >= here
        ]
    for position in ordered:
        if position != here and view.select_event(timeline.events[position].id):
            return True
    screen.app.bell()
    screen.app.notify(tr("search_no_more", lang, query=session.last_query), timeout=3)
    return False
