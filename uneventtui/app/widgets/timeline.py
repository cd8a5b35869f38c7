"""The timeline pane: every event in order, under year headers.

A line-API widget (like toolong's LogLines): a `ScrollView` whose `render_line`
draws only the rows on screen, with an LRU cache of rendered strips, so 100,000 events
scroll as fast as 100. The row model (`TimelineRows`) is plain Python and built once.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from uneventtui.app.bindings import bindings_for
from uneventtui.app.display import Display, fit
from uneventtui.model import Event, Timeline, format_range

MARKER = "▶ "
MARKER_RTL = " ◀"
MIN_TITLE = 20


@dataclass
class TimelineRows:
    """Which events are shown (all, or one track's) and where each one's row is."""

    timeline: Timeline
    track: str | None = None
    shown: list[int] = field(default_factory=list)  # event indices, ascending
    rows: list[int] = field(default_factory=list)  # per row: event index, or -year for a header
    row_of: list[int] = field(default_factory=list)  # per shown event: its row
    years: list[int] = field(default_factory=list)  # years with events, ascending
    year_pos: list[int] = field(default_factory=list)  # first shown position of each year

    @classmethod
    def build(cls, timeline: Timeline, track: str | None = None) -> TimelineRows:
        model = cls(timeline, track)
        last_year = None
        # Columns, not Event objects: a cached timeline unpickles events only when drawn.
        tracks = timeline.event_column("track") if track is not None else None
        for index, year in enumerate(timeline.event_column("year")):
            if tracks is not None and tracks[index] != track:
                continue
            if year != last_year:
                model.years.append(year)
                model.year_pos.append(len(model.shown))
                model.rows.append(-year)
                last_year = year
            model.row_of.append(len(model.rows))
            model.rows.append(index)
            model.shown.append(index)
        return model

    def position_of(self, event_index: int) -> int:
        """The shown position of an event, or of the nearest shown event after it."""
        pos = bisect_left(self.shown, event_index)
        return min(pos, len(self.shown) - 1)

    def position_at_row(self, row: int) -> int:
        """The shown position of the event on `row` or the nearest one below a header."""
        pos = bisect_left(self.row_of, row)
        return max(0, min(pos, len(self.shown) - 1))


@dataclass(frozen=True)
class Columns:
    """Column widths of a row, for a given pane width."""

    date: int
    kind: int
    track: int
    title: int


class TimelineView(ScrollView, can_focus=True):
    """The scrollable list of events."""

    BINDINGS = bindings_for("timeline")

    COMPONENT_CLASSES = {
        "timeline--year",
        "timeline--cursor",
        "timeline--date",
        "timeline--meta",
        "timeline--title",
    }

    DEFAULT_CSS = """
    TimelineView { scrollbar-size-horizontal: 0; scrollbar-size-vertical: 1; }
    """

    title_lang: reactive[str] = reactive("en", init=False)

    class Selected(Message):
        """The cursor moved to an event."""

        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    class Activated(Message):
        """Enter on an event: the user wants its detail."""

        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    def __init__(self, display: Display, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ui = display
        self.set_reactive(TimelineView.title_lang, display.lang)
        self.model: TimelineRows | None = None
        self.pos = 0  # shown position of the cursor
        self.message = display.label("loading")
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._widths: tuple[int, int, int] = (0, 0, 0)
        self._labels: dict[tuple[str, str], str] = {}

    # -- data ------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline, track: str | None = None) -> None:
        """Show a timeline (all events, or one track's); keeps the cursor's event."""
        current = self.current_event_index
        self.model = TimelineRows.build(timeline, track)
        self._widths = self._measure(timeline)
        self.message = self.ui.label("no_events")
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.model.rows))
        if self.model.shown:
            self.pos = self.model.position_of(current) if current is not None else 0
            self._moved(center=True)
        self.refresh()

    @property
    def timeline(self) -> Timeline | None:
        return self.model.timeline if self.model else None

    @property
    def track(self) -> str | None:
        return self.model.track if self.model else None

    @property
    def current_event_index(self) -> int | None:
        if not self.model or not self.model.shown:
            return None
        return self.model.shown[self.pos]

    @property
    def current_event(self) -> Event | None:
        index = self.current_event_index
        return None if index is None else self.model.timeline.events[index]  # type: ignore[union-attr]

    @property
    def cursor_row(self) -> int:
        return self.model.row_of[self.pos] if self.model and self.model.shown else 0

    def _measure(self, timeline: Timeline) -> tuple[int, int, int]:
        """Widths of the date, kind and track columns (capped: the title needs the room)."""
        lang = self.ui.lang
        # A sample from both ends (a cached timeline unpickles only the events it reads);
        # a rarer, wider date is cut to the column like any other overflow.
        events = timeline.events
        sample = events[:2000] if len(events) <= 4000 else [*events[:2000], *events[-2000:]]
        dates = {format_range(e.start, e.end, lang) for e in sample}
        date_w = max((cell_len(d) for d in dates), default=4)
        kind_w = max((cell_len(self._label("kind", k)) for k in timeline.event_kinds), default=4)
        track_w = max((cell_len(self._label("track", t)) for t in timeline.tracks), default=4)
        return min(date_w, 24), min(kind_w, 14), min(track_w, 16)

    def _label(self, table: str, key: str) -> str:
        """A kind's or track's name in the interface language, shaped (memoised)."""
        cached = self._labels.get((table, key))
        if cached is None:
            timeline = self.timeline
            labels = (
                (timeline.event_kinds if table == "kind" else timeline.tracks) if timeline else {}
            )
            label = labels.get(key)
            name = label.short(self.ui.lang) if label else key
            cached = self._labels[(table, key)] = self.ui.line(name or key)
        return cached

    # -- movement ----------------------------------------------------------------

    def select_position(self, pos: int, *, center: bool = False) -> None:
        if not self.model or not self.model.shown:
            return
        pos = max(0, min(pos, len(self.model.shown) - 1))
        if pos != self.pos:
            self.pos = pos
            self._moved(center=center)
        else:
            self._scroll_to_cursor(center=center)

    def select_event(self, event_id: str) -> bool:
        """Put the cursor on an event (clearing the track filter if it hides it)."""
        timeline = self.timeline
        if timeline is None:
            return False
        index = timeline.event_position(event_id)
        if index is None:
            return False
        if self.track is not None and timeline.events[index].track != self.track:
            self.set_timeline(timeline, None)
        assert self.model is not None
        self.select_position(self.model.position_of(index), center=True)
        return True

    def _moved(self, *, center: bool = False) -> None:
        self._scroll_to_cursor(center=center)
        self.refresh()
        event = self.current_event
        if event is not None:
            self.post_message(self.Selected(event))

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        row = self.cursor_row
        # Show the year header above the first event of a year.
        top = row - 1 if row > 0 and self.model and self.model.rows[row - 1] < 0 else row
        region = Region(0, top, 1, row - top + 1)
        self.scroll_to_region(region, animate=False, center=center, immediate=True)

    def action_cursor_down(self) -> None:
        self.select_position(self.pos + 1)

    def action_cursor_up(self) -> None:
        self.select_position(self.pos - 1)

    def _move_rows(self, delta: int) -> None:
        if not self.model or not self.model.shown:
            return
        target_row = self.cursor_row + delta
        pos = self.model.position_at_row(target_row)
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True)
        self.select_position(pos)

    def action_page_down(self) -> None:
        self._move_rows(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move_rows(-max(1, self.scrollable_content_region.height - 1))

    def action_half_page_down(self) -> None:
        self._move_rows(max(1, self.scrollable_content_region.height // 2))

    def action_half_page_up(self) -> None:
        self._move_rows(-max(1, self.scrollable_content_region.height // 2))

    def action_first(self) -> None:
        self.select_position(0)

    def action_last(self) -> None:
        if self.model:
            self.select_position(len(self.model.shown) - 1)

    def _year_index(self) -> int:
        assert self.model is not None
        return bisect_right(self.model.year_pos, self.pos) - 1

    def action_prev_year(self) -> None:
        """To the first event of this year, or of the previous year when already there."""
        if not self.model or not self.model.shown:
            return
        index = self._year_index()
        if self.model.year_pos[index] == self.pos and index > 0:
            index -= 1
        self.select_position(self.model.year_pos[index])

    def action_next_year(self) -> None:
        if not self.model or not self.model.shown:
            return
        index = self._year_index() + 1
        if index < len(self.model.year_pos):
            self.select_position(self.model.year_pos[index])
        else:
            self.select_position(len(self.model.shown) - 1)

    def _step_on_track(self, step: int) -> None:
        event = self.current_event
        if event is None or self.model is None:
            return
        events = self.model.timeline.events
        pos = self.pos + step
        while 0 <= pos < len(self.model.shown):
            if events[self.model.shown[pos]].track == event.track:
                self.select_position(pos)
                return
            pos += step
        self.app.bell()

    def action_prev_on_track(self) -> None:
        self._step_on_track(-1)

    def action_next_on_track(self) -> None:
        self._step_on_track(+1)

    def action_open_detail(self) -> None:
        event = self.current_event
        if event is not None:
            self.post_message(self.Activated(event))

    def on_click(self, event: Click) -> None:
        if not self.model or not self.model.shown:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = int(self.scroll_y) + offset.y
        if 0 <= row < len(self.model.rows):
            self.focus()
            self.select_position(self.model.position_at_row(row))

    def watch_title_lang(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._cache.clear()
        if self.model:
            self.virtual_size = Size(self.size.width, len(self.model.rows))

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    # -- drawing -----------------------------------------------------------------

    def columns(self, width: int) -> Columns:
        """Column widths for this pane width; kind, then track, give way to the title."""
        date_w, kind_w, track_w = self._widths
        fixed = 2 + date_w + 1
        title = width - fixed - (kind_w + 1) - (track_w + 1)
        if title < MIN_TITLE:
            kind_w = 0
            title = width - fixed - (track_w + 1)
        if title < MIN_TITLE:
            track_w = 0
            title = width - fixed
        return Columns(date_w, kind_w, track_w, max(title, 0))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = int(self.scroll_y) + y
        base_style = self.rich_style
        if not self.model or not self.model.shown:
            if y == 0:
                return Strip([Segment(fit(self.message, width).plain, base_style)])
            return Strip.blank(width, base_style)
        if row >= len(self.model.rows):
            return Strip.blank(width, base_style)
        selected = row == self.cursor_row
        key = (row, width, selected, self.has_focus, self.title_lang)
        strip = self._cache.get(key)
        if strip is None:
            text = self._render_row(row, width, selected)
            strip = Strip(text.render(self.app.console), text.cell_len)
            strip = strip.apply_style(base_style).adjust_cell_length(width, base_style)
            self._cache[key] = strip
        return strip

    def _render_row(self, row: int, width: int, selected: bool) -> Text:
        assert self.model is not None
        value = self.model.rows[row]
        mirrored = self.ui.mirrored
        if value < 0:
            year = f" {-value} "
            rule = "─" * max(0, width - len(year) - 2)
            line = f"{rule}{year}──" if mirrored else f"──{year}{rule}"
            return Text(line[:width], style=self.get_component_rich_style("timeline--year"))
        event = self.model.timeline.events[value]
        cols = self.columns(width)
        date_style = self.get_component_rich_style("timeline--date")
        meta_style = self.get_component_rich_style("timeline--meta")
        title = event.title_ar if self.title_lang == "ar" else event.title_en
        title = title or event.title_ar or event.title_en
        title_rtl = self.ui.mode == "shaped" and self.ui.is_rtl(title)
        date = self.ui.line(format_range(event.start, event.end, self.ui.lang), self.ui.base)
        cells: list[Text] = [
            Text(MARKER if selected else "  "),
            fit(date, cols.date, rtl=mirrored, style=date_style),
            Text(" "),
        ]
        if cols.kind:
            cells += [fit(self._label("kind", event.kind), cols.kind, mirrored, meta_style)]
            cells.append(Text(" "))
        if cols.track:
            cells += [fit(self._label("track", event.track), cols.track, mirrored, meta_style)]
            cells.append(Text(" "))
        cells.append(fit(self.ui.line(title), cols.title, title_rtl))
        if mirrored:
            cells[0] = Text(MARKER_RTL if selected else "  ")
            cells.reverse()
        line = Text.assemble(*cells)
        if selected:
            line.stylize(self.get_component_rich_style("timeline--cursor"))
            if not self.has_focus:
                line.stylize(Style(bold=False))
        return line
