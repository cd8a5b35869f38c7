"""The main screen: the timeline and the detail pane, and the navigation between them.

Navigation keeps a history of visits (an event or an entity, with where the detail
pane was scrolled to): following a link pushes a visit, Esc/Backspace pops one.
Moving along the timeline replaces the current event visit instead of piling them up.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from uneventtui.app import settle_heap
from uneventtui.app.content import one
from uneventtui.app.display import Display
from uneventtui.app.i18n import tr
from uneventtui.app.speed.focus import focus_changed, quiet_focused
from uneventtui.app.widgets.bars import KeyBar, TitleBar
from uneventtui.app.widgets.detail import DetailPane
from uneventtui.app.widgets.document_view import DocumentView, Target
from uneventtui.app.widgets.timeline import TimelineView
from uneventtui.dataset import Dataset
from uneventtui.model import Timeline
from uneventtui.text import sanitize

WIDE = 120  # from this width on, the panes sit side by side
# Moving along the timeline updates the header and the detail pane once the cursor has
# rested this long (seconds): each update relayouts the screen (tens of ms at 100,000
# events), so held-down or rapid keys only move the timeline's cursor. Anything that reads
# or leaves the detail (Enter, a focus change, a link, Back, the source reader) flushes it.
# Small timelines (updates are cheap there) update at once, as before.
SETTLE = 0.04
SETTLE_FROM = 10_000  # events
# A cold load's stages as shares of the progress bar, from their times at 100,000
# events: reading the TOML 16.5 s, indexing 4.5 s, saving the cache 4.5 s.
LOAD_STAGES = {"parse": (0.0, 0.65), "index": (0.65, 0.82), "save": (0.82, 1.0)}


class Visit:
    """A place in the navigation history: what the detail showed, and where in it."""

    __slots__ = ("target", "link", "scroll_y")

    def __init__(self, target: Target, link: int = -1, scroll_y: int = 0) -> None:
        self.target = target
        self.link = link
        self.scroll_y = scroll_y


class MainScreen(Screen):
    """Timeline beside (or above) the detail pane."""

    # Textual repaints the whole screen when the focus moves; the panes whose focus
    # changed repaint themselves (their border's style changes) and the key bar follows
    # the bindings (the `focus` patch; `focus_changed` repaints the screen without it).
    focused = quiet_focused()

    def __init__(self, display: Display) -> None:
        super().__init__()
        self.ui = display
        self.dataset: Dataset | None = None
        self.timeline: Timeline | None = None
        self.history: list[Visit] = []
        self._navigating = False  # the timeline moves because we moved it
        self._stage_timer: Timer | None = None  # updates the loading message
        self._settle_timer: Timer | None = None  # the pending timeline selection's update
        self._pending: str | None = None  # the event selected on the timeline, not yet shown
        self._border_titles: dict[Widget, str] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar(self.ui)
        # Each pane in a box of its own: Textual draws, for a partial update, the widgets
        # whose parent overlaps the change, so a change in one pane leaves the other
        # pane undrawn.
        with Container(id="panes", classes="-rtl" if self.ui.mirrored else ""):
            with Container(id="timeline-box", classes="pane-box"):
                yield TimelineView(self.ui, id="timeline")
            with Container(id="detail-box", classes="pane-box"):
                yield DetailPane(self.ui, id="detail")
        yield KeyBar(self.ui)

    def watch_focused(self) -> None:
        focus_changed(self)

    @property
    def where(self) -> str:
        """Where the user is, as the title bar says it."""
        return self.query_one(TitleBar).where

    def show_where(self, where: str) -> None:
        self.query_one(TitleBar).show_where(where)

    @property
    def timeline_view(self) -> TimelineView:
        return self.query_one(TimelineView)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    async def on_mount(self) -> None:
        self._set_border_title(self.timeline_view, self.ui.label("timeline"))
        self.set_focus(self.timeline_view)  # now, not later: the footer lists its keys
        self._arrange(self.size.width)
        ready = self.app.ready_dataset()
        if ready is not None:  # already read (small data): no loading frame at all
            self.set_dataset(ready)
            return
        self.show_where(self.ui.label("loading"))
        self.detail.show_message([tr("loading", self.ui.lang)])
        self._stage_timer = self.set_interval(0.1, self._show_stage)
        self.load_data()

    def _show_stage(self) -> None:
        """While loading: say what is happening, with a progress bar while the TOML is
        read and indexed (a 100,000-event archive takes half a minute the first time)."""
        stage, done = getattr(self.app.preload, "stage", None) or (None, 0.0)
        if stage is None or self.timeline is not None:
            return
        label = self.ui.label(f"loading_{stage}")
        if stage in LOAD_STAGES:
            start, end = LOAD_STAGES[stage]
            width = self.timeline_view.scrollable_content_region.width
            message = self.ui.progress(label, start + (end - start) * done, width)
        else:
            message = label  # reading the cache: a fraction of a second
        if message != self.timeline_view.message:
            self.timeline_view.message = message
            self.timeline_view.refresh()
        self.show_where(label)

    # -- loading -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_data(self) -> None:
        """Load the dataset off the UI thread; the first frame is already on screen."""
        try:
            dataset = self.app.loader()
        except Exception as exc:  # noqa: BLE001 - any failure is shown, never a traceback
            self.app.call_from_thread(self._load_failed, exc)
            return
        self.app.call_from_thread(self.set_dataset, dataset)

    def set_dataset(self, dataset: Dataset | Timeline) -> None:
        if self._stage_timer is not None:
            self._stage_timer.stop()
        if isinstance(dataset, Timeline):  # a loader that gives only the timeline
            dataset = Dataset(dataset)
        self.dataset = dataset
        self.timeline = timeline = dataset.timeline
        if dataset.problem:  # e.g. a cache directory another user could write: not used
            self.app.notify(sanitize(dataset.problem), severity="warning", timeout=12, markup=False)
        self.history.clear()
        self.timeline_view.set_timeline(timeline)
        event = self.timeline_view.current_event
        if event is not None:  # the detail now, so that it is in the same frame as the rows
            self._pending = event.id
            self.flush_selection()
        self._update_titles()
        if not timeline.events:
            self.detail.show_message([tr("no_events", self.ui.lang)])
        # After the frame that shows the data: reading the index competes for the GIL.
        self.call_after_refresh(settle_heap)
        self.call_after_refresh(self.warm_search, dataset)

    @work(thread=True, exclusive=True, group="warm")
    def warm_search(self, dataset: Dataset) -> None:
        """The data is on screen: now read the search index (cached timelines leave it for
        later), off the UI thread, so the first search does not wait for it."""
        dataset.warm()
        self.app.call_from_thread(settle_heap)  # the index too: out of the collector's way

    def _load_failed(self, exc: Exception) -> None:
        problems = getattr(exc, "problems", None)
        lines = [tr("load_failed", self.ui.lang)]
        lines += [str(p) for p in problems] if problems else [str(exc) or type(exc).__name__]
        self.detail.show_message(lines)
        settle_heap()
        self.timeline_view.message = self.ui.line(lines[0])
        self.timeline_view.refresh()
        self.show_where(self.ui.line(lines[0]))

    # -- layout ------------------------------------------------------------------

    def on_resize(self, event) -> None:
        self._arrange(event.size.width)

    def _arrange(self, width: int) -> None:
        panes = self.query_one("#panes")
        narrow = width < WIDE
        panes.set_class(narrow, "-narrow")
        # Mirrored interface: the timeline on the right when side by side.
        timeline, detail = self.query_one("#timeline-box"), self.query_one("#detail-box")
        timeline_first = not (self.ui.mirrored and not narrow)
        if timeline_first and panes.children[0] is not timeline:
            panes.move_child(timeline, before=detail)
        elif not timeline_first and panes.children[0] is not detail:
            panes.move_child(detail, before=timeline)

    def action_toggle_detail(self) -> None:
        """Narrow screens: detail below -> detail only -> timeline only -> both."""
        panes = self.query_one("#panes")
        if panes.has_class("-no-detail"):
            panes.remove_class("-no-detail")
        elif panes.has_class("-no-timeline"):
            panes.remove_class("-no-timeline")
            panes.add_class("-no-detail")
            self.timeline_view.focus()
        else:
            panes.add_class("-no-timeline")
            self.detail.focus()

    # -- navigation --------------------------------------------------------------

    def on_timeline_view_selected(self, message: TimelineView.Selected) -> None:
        if self._navigating or self.timeline is None:
            return
        if message.event.id != self.timeline_view.current_event_id:
            # Stale: keys that came in one burst moved the cursor on before this was
            # read. Showing it would pull the cursor back, and the moves' messages would
            # then chase each other forever; the last move's message is on its way.
            return
        if self._pending is None and self.detail.target == ("event", message.event.id):
            return  # already shown (set_timeline shows the first event at once)
        self._pending = message.event.id
        if self.detail.target is None or len(self.timeline.events) < SETTLE_FROM:
            # nothing shown yet (just loaded), or a small timeline: at once
            self.flush_selection()
            return
        if self._settle_timer is not None:
            self._settle_timer.stop()
        self._settle_timer = self.set_timer(SETTLE, self.flush_selection)

    def flush_selection(self) -> None:
        """Show the event the timeline's cursor rests on, if not shown yet."""
        if self._settle_timer is not None:
            self._settle_timer.stop()
            self._settle_timer = None
        event_id, self._pending = self._pending, None
        if event_id is None or self.timeline is None:
            return
        target = ("event", event_id)
        if self.history and self.history[-1].target[0] == "event":
            self.history[-1] = Visit(target)
        else:
            self._remember_detail()
            self.history.append(Visit(target))
        self._show(self.history[-1])

    def on_descendant_focus(self) -> None:
        self.flush_selection()

    def on_timeline_view_activated(self, message: TimelineView.Activated) -> None:
        self.flush_selection()
        self.query_one("#panes").remove_class("-no-detail")
        self.detail.focus()

    def on_document_view_followed(self, message: DocumentView.Followed) -> None:
        message.stop()
        kind, ident = message.target
        if kind != "source":
            self.navigate(message.target)
        elif self.detail.target is not None and self.detail.target[0] == "event":
            self.open_reader(self.detail.target[1], int(ident))

    def navigate(self, target: Target) -> None:
        """Open an event or an entity, remembering where we were."""
        if self.timeline is None:
            return
        self.flush_selection()
        self._remember_detail()
        self.history.append(Visit(target))
        self._show(self.history[-1])
        if target[0] == "event":
            self.timeline_view.focus()
        else:
            self.query_one("#panes").remove_class("-no-detail")
            self.detail.focus()

    def action_back(self) -> None:
        self.flush_selection()
        if len(self.history) < 2:
            self.app.bell()
            return
        self.history.pop()
        visit = self.history[-1]
        self._show(visit)
        if visit.target[0] == "event":
            self.timeline_view.focus()
        else:
            self.detail.focus()

    def _remember_detail(self) -> None:
        if self.history and self.detail.target == self.history[-1].target:
            self.history[-1].link = self.detail.link
            self.history[-1].scroll_y = int(self.detail.scroll_y)

    def _show(self, visit: Visit) -> None:
        assert self.timeline is not None
        view = self.timeline_view
        if visit.target[0] == "event" and visit.target[1] == view.current_event_id:
            # The timeline's cursor is on it already (the user moved there): keep the
            # timeline where it is, only making sure the cursor row is in view.
            view.select_position(view.pos)
        elif visit.target[0] == "event":  # from a link or Back: centre the timeline on it
            self._navigating = True
            try:
                view.select_event(visit.target[1])
            finally:
                self._navigating = False
        self.detail.show(visit.target, self.timeline, link=visit.link, scroll_y=visit.scroll_y)
        self._update_titles()

    def _update_titles(self) -> None:
        """Header and pane titles say where the user is."""
        ui = self.ui
        timeline = self.timeline
        if timeline is None:
            return
        where = [ui.label("timeline")]
        track = self.timeline_view.track
        if track:
            label = timeline.tracks.get(track)
            where.append(ui.line(one(label.name_ar, label.name_en, ui.lang) if label else track))
        self._set_border_title(self.timeline_view, ui.breadcrumb(where))
        target = self.detail.target
        if target is None:
            self.show_where(ui.breadcrumb(where))
            return
        if target[0] == "event":
            event = timeline.event(target[1])
            assert event is not None
            name = one(event.title_ar, event.title_en, ui.lang)
            where += [str(event.start.year), ui.line(name)]
            self._set_border_title(self.detail, ui.label("event"))
        else:
            entity = timeline.entities[target[1]]
            where = [ui.label("entity"), ui.line(one(entity.name_ar, entity.name_en, ui.lang))]
            self._set_border_title(self.detail, ui.label(entity.kind))
        self.show_where(ui.breadcrumb(where))

    def _set_border_title(self, pane: Widget, title: str) -> None:
        """Set a pane's border title as plain text (never markup: it holds names from the
        data), and only when it changes (setting it repaints the whole pane)."""
        if self._border_titles.get(pane) != title:
            self._border_titles[pane] = title
            pane.border_title = Text(title)

    # -- track filter, titles, source --------------------------------------------

    def action_filter_track(self) -> None:
        from uneventtui.app.screens.track_filter import TrackFilterScreen

        if self.timeline is None:
            return

        def chosen(track: str | None | bool) -> None:
            if track is False or self.timeline is None:
                return  # dismissed
            self.flush_selection()
            self.timeline_view.set_timeline(self.timeline, track or None)
            self._update_titles()

        self.app.push_screen(
            TrackFilterScreen(self.timeline, self.ui, self.timeline_view.track), chosen
        )

    def action_toggle_title_lang(self) -> None:
        view = self.timeline_view
        view.title_lang = "en" if view.title_lang == "ar" else "ar"

    def current_event_id(self) -> str | None:
        """The event the user is looking at: the detail's, else the timeline cursor's."""
        self.flush_selection()
        target = self.detail.target
        if target and target[0] == "event":
            return target[1]
        event = self.timeline_view.current_event
        return event.id if event else None

    def action_open_source(self) -> None:
        event_id = self.current_event_id()
        if event_id is not None:
            self.open_reader(event_id)

    def open_reader(self, event_id: str, source: int | None = None) -> None:
        """The source reader on an event's source number `source` (None: its first seed
        quote); a name followed there is navigated to when it closes."""
        from uneventtui.app.screens.reader import ReaderScreen

        event = self.timeline.event(event_id) if self.timeline else None
        if self.timeline is None or event is None:
            return
        reader = ReaderScreen(self.timeline, event, self.ui, source)
        self.app.push_screen(reader, self._reader_closed)

    def _reader_closed(self, target: Target | None) -> None:
        if target is not None:
            self.navigate(target)
