"""The timeline pane: every event in order, under year headers.

A line-API widget (like toolong's LogLines): a `ScrollView` whose `render_line`
draws only the rows on screen, with an LRU cache of rendered strips, so 100,000 events
scroll as fast as 100. The row model (`TimelineRows`) is plain Python and built once.

A keystroke costs what it changes: a cursor step repaints the old and the new cursor
row (the cursor row is cached apart, so the other rows stay cached), a scroll repaints
the pane, and nothing asks Textual for a layout. Rows are built as segments with
their styles combined once per style change, not through Rich `Text`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from uneventtui.app.bindings import bindings_for
from uneventtui.app.display import Display
from uneventtui.app.speed.resize import set_virtual_size
from uneventtui.app.widgets.line_view import DrawnLines, LineView
from uneventtui.model import Event, Timeline, format_range
from uneventtui.text.cells import MARKER, MARKER_RTL, cell_len, fit

MIN_TITLE = 20
# Cells between the date, kind, track and title columns: with one, a full-width date or
# track runs into the next column ("1 July 2000 Social Summit 24th session"), so two,
# unless two would cost a column that one keeps (the Arabic track at 120 cells).
GUTTERS = (2, 1)
# Events read from each end to size the date column (64: four blocks, a screenful and more).
SAMPLE = 64


class TimelineRows:
    """Which events are shown (all, or one track's) and what each row shows.

    The rows are a year header before each year's run of events. They are not listed:
    a row is found by bisecting the headers' rows (one per year), so the model of
    100,000 events is built with a bisection per year (listing every row, and every
    event's row, took ~10 ms of each start).
    """

    def __init__(self, timeline: Timeline, track: str | None = None) -> None:
        self.timeline = timeline
        self.track = track
        self.shown: Sequence[int] = []  # event indices, ascending
        self.years: list[int] = []  # years with events, ascending
        self.year_pos: list[int] = []  # first shown position of each year
        self.header_rows: list[int] = []  # the row of each year's header

    @classmethod
    def build(cls, timeline: Timeline, track: str | None = None) -> TimelineRows:
        model = cls(timeline, track)
        # Columns, not Event objects: a cached timeline unpickles events only when drawn.
        years = timeline.event_column("year")
        if track is None:
            model.shown = range(len(years))
        else:
            tracks = timeline.event_column("track")
            model.shown = [index for index, name in enumerate(tracks) if name == track]
            years = [years[index] for index in model.shown]
        # Events are in order, so a year's run ends where bisect says.
        pos = 0
        while pos < len(years):
            model.header_rows.append(pos + len(model.years))
            model.years.append(years[pos])
            model.year_pos.append(pos)
            pos = bisect_right(years, years[pos], pos)
        return model

    @property
    def row_count(self) -> int:
        return len(self.shown) + len(self.years)

    def row(self, row: int) -> int:
        """What `row` shows: an event's index, or -year for a year's header."""
        group = bisect_right(self.header_rows, row) - 1
        if self.header_rows[group] == row:
            return -self.years[group]
        return self.shown[row - group - 1]

    def row_of(self, pos: int) -> int:
        """The row of the event at shown position `pos`."""
        return pos + bisect_right(self.year_pos, pos)

    def position_of(self, event_index: int) -> int:
        """The shown position of an event, or of the nearest shown event after it."""
        pos = bisect_left(self.shown, event_index)
        return min(pos, len(self.shown) - 1)

    def position_at_row(self, row: int) -> int:
        """The shown position of the event on `row` or the nearest one below a header."""
        group = bisect_right(self.header_rows, row) - 1
        if group < 0:
            return 0
        pos = row - group - (self.header_rows[group] != row)
        return max(0, min(pos, len(self.shown) - 1))


class RowStyles(NamedTuple):
    """The combined styles of a row's parts (the pane's style under each)."""

    base: Style
    text: Style
    year: Style
    date: Style
    meta: Style


class Columns(NamedTuple):
    """Column widths of a row, for a given pane width."""

    date: int
    kind: int
    track: int
    title: int
    gutter: str = " "


class TimelineView(LineView, can_focus=True):
    """The scrollable list of events."""

    BINDINGS = bindings_for("timeline")

    COMPONENT_CLASSES = {
        "timeline--year",
        "timeline--cursor",
        "timeline--date",
        "timeline--meta",
        "timeline--title",
    }

    # Rows are cut to the width, never scrolled sideways: with overflow-x auto, Textual
    # "showed" the (zero-height) horizontal scrollbar after the first frame, and that
    # laid out and repainted the whole screen again.
    DEFAULT_CSS = """
    TimelineView {
        overflow-x: hidden;
        scrollbar-size-horizontal: 0;
        scrollbar-size-vertical: 1;
    }
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
        self._drawn = DrawnLines(self)
        self._widths: tuple[int, int, int] = (0, 0, 0)
        self._labels: dict[tuple[str, str], str] = {}
        self._row_styles: dict[bool | None, RowStyles] = {}
        self._columns: tuple[int, Columns] | None = None  # (width, its columns)
        self._dates: LRUCache[tuple, str] = LRUCache(4096)

    # -- data ------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline, track: str | None = None) -> None:
        """Show a timeline (all events, or one track's); keeps the cursor's event."""
        current = self.current_event_index
        self.model = TimelineRows.build(timeline, track)
        self._widths = self._measure(timeline)
        self._columns = None
        self.message = self.ui.label("no_events")
        self._drawn.clear()
        set_virtual_size(self, Size(self.size.width, self.model.row_count))
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
    def current_event_id(self) -> str | None:
        index = self.current_event_index
        return None if index is None else self.model.timeline.event_column("id")[index]  # type: ignore[union-attr]

    @property
    def current_event(self) -> Event | None:
        index = self.current_event_index
        return None if index is None else self.model.timeline.events[index]  # type: ignore[union-attr]

    @property
    def cursor_row(self) -> int:
        return self.model.row_of(self.pos) if self.model and self.model.shown else 0

    def _measure(self, timeline: Timeline) -> tuple[int, int, int]:
        """Widths of the date, kind and track columns (capped: the title needs the room)."""
        lang = self.ui.lang
        # A sample from both ends (a cached timeline unpickles only the events it reads,
        # a block of 16 at a time: the first and last screens' blocks, read anyway);
        # a rarer, wider date is cut to the column like any other overflow.
        events = timeline.events
        sample = events if len(events) <= 2 * SAMPLE else [*events[:SAMPLE], *events[-SAMPLE:]]
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
            old_row = self.cursor_row
            self.pos = pos
            self._moved(center=center, old_row=old_row)
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

    def _moved(self, *, center: bool = False, old_row: int | None = None) -> None:
        top = self.scroll_offset.y
        self._scroll_to_cursor(center=center)
        if old_row is None:
            self.refresh()
        elif self.scroll_offset.y == top:  # (a scroll repaints the pane by itself)
            self.refresh_lines(old_row)
            self.refresh_lines(self.cursor_row)
        event = self.current_event
        if event is not None:
            self.post_message(self.Selected(event))

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        row = self.cursor_row
        # Show the year header above the first event of a year.
        top = row - 1 if row > 0 and self.model and self.model.row(row - 1) < 0 else row
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
        if not self.model or not self.model.shown:
            return
        # The track column, not the events: no unpickling of the blocks stepped over.
        tracks = self.model.timeline.event_column("track")
        shown = self.model.shown
        track = tracks[shown[self.pos]]
        pos = self.pos + step
        while 0 <= pos < len(shown):
            if tracks[shown[pos]] == track:
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
        if 0 <= row < self.model.row_count:
            self.focus()
            self.select_position(self.model.position_at_row(row))

    def watch_title_lang(self) -> None:
        self._drawn.clear()
        self.refresh()

    def on_resize(self) -> None:
        # Rows are cached by width, so none needs dropping; and only the scrollbars follow
        # the content's size (the first Resize, right after the first frame, laid out and
        # repainted the whole screen again: 19 KB more to the terminal).
        if self.model:
            set_virtual_size(self, Size(self.size.width, self.model.row_count))

    def on_focus(self) -> None:
        self.refresh_lines(self.cursor_row)  # only the cursor row looks different

    def on_blur(self) -> None:
        self.refresh_lines(self.cursor_row)

    # -- drawing -----------------------------------------------------------------

    def columns(self, width: int) -> Columns:
        """Column widths for this pane width; kind, then track, give way to the title,
        and the wide gutter gives way first."""
        fits = [self._fit(width, gap) for gap in GUTTERS]
        shown = [(bool(cols.kind), bool(cols.track)) for cols in fits]
        return next(cols for cols, kept in zip(fits, shown, strict=True) if kept == shown[-1])

    def _fit(self, width: int, gap: int) -> Columns:
        date_w, kind_w, track_w = self._widths
        fixed = 2 + date_w + gap
        title = width - fixed - (kind_w + gap) - (track_w + gap)
        if title < MIN_TITLE:
            kind_w = 0
            title = width - fixed - (track_w + gap)
        if title < MIN_TITLE:
            track_w = 0
            title = width - fixed
        return Columns(date_w, kind_w, track_w, max(title, 0), " " * gap)

    def content_styles_changed(self) -> None:
        """Styles changed (a theme, CSS): drop the drawn rows if their styles did."""
        if self._drawn.restyled():
            self._row_styles.clear()

    def _styles(self, cursor: bool | None) -> RowStyles:
        """The styles of a row's parts: `cursor` None for an ordinary row, else whether
        the cursor row is drawn focused. Computed once per style change."""
        styles = self._row_styles.get(cursor)
        if styles is None:
            part = self._drawn.style
            base = part()
            extra = Style()
            if cursor is not None:
                extra = part("timeline--cursor")
                if not cursor:
                    extra += Style(bold=False)
            styles = self._row_styles[cursor] = RowStyles(
                base=base,
                text=base + extra,
                year=base + part("timeline--year") + extra,
                date=base + part("timeline--date") + extra,
                meta=base + part("timeline--meta") + extra,
            )
        return styles

    def _line(self, width: int, y: int) -> Strip:
        row = int(self.scroll_y) + y
        model = self.model
        if not model or not model.shown:
            if y == 0:
                line = fit(self.message, width, self.ui.mirrored)
                return Strip([Segment(line, self._styles(None).base)])
            return Strip.blank(width, self._styles(None).base)
        if row >= model.row_count:
            return Strip.blank(width, self._styles(None).base)
        # The cursor row is drawn and cached apart: moving the cursor redraws two rows.
        cursor = self.has_focus if row == self.cursor_row else None
        key = (row, width, cursor, self.title_lang)
        return self._drawn.line(key, lambda: self._render_row(row, width, cursor))

    def _render_row(self, row: int, width: int, cursor: bool | None) -> Strip:
        """One row (a year header or an event), `width` cells, as segments: no Rich
        `Text` round trip, styles combined once per style change (`_styles`)."""
        assert self.model is not None
        styles = self._styles(cursor)
        value = self.model.row(row)
        mirrored = self.ui.mirrored
        if value < 0:
            year = f" {-value} "
            rule = "─" * max(0, width - len(year) - 2)
            line = f"{rule}{year}──" if mirrored else f"──{year}{rule}"
            return Strip([Segment(line[:width], styles.year)]).adjust_cell_length(
                width, styles.base
            )
        event = self.model.timeline.events[value]
        cols = self._columns_for(width)
        title = event.title_ar if self.title_lang == "ar" else event.title_en
        title = title or event.title_ar or event.title_en
        title_rtl = self.ui.mode == "shaped" and self.ui.is_rtl(title)
        selected = cursor is not None
        parts = [
            ((MARKER_RTL if mirrored else MARKER) if selected else "  ", styles.text),
            (fit(self._date(event), cols.date, mirrored), styles.date),
            (cols.gutter, styles.text),
        ]
        if cols.kind:
            label = self._label("kind", event.kind)
            parts.append((fit(label, cols.kind, mirrored), styles.meta))
            parts.append((cols.gutter, styles.text))
        if cols.track:
            label = self._label("track", event.track)
            parts.append((fit(label, cols.track, mirrored), styles.meta))
            parts.append((cols.gutter, styles.text))
        parts.append((fit(self.ui.line(title), cols.title, title_rtl), styles.text))
        if mirrored:
            parts.reverse()
        segments: list[Segment] = []
        for text, style in parts:  # one segment per run of a style: less to cut and join
            if not text:
                continue
            if segments and segments[-1].style == style:
                segments[-1] = Segment(segments[-1].text + text, style)
            else:
                segments.append(Segment(text, style))
        return Strip(segments).adjust_cell_length(width, styles.base)

    def _columns_for(self, width: int) -> Columns:
        if self._columns is None or self._columns[0] != width:
            self._columns = (width, self.columns(width))
        return self._columns[1]

    def _date(self, event: Event) -> str:
        """An event's date, formatted and shaped (memoised: many events share one)."""
        key = (event.start, event.end)
        date = self._dates.get(key)
        if date is None:
            date = self.ui.line(format_range(event.start, event.end, self.ui.lang), self.ui.base)
            self._dates[key] = date
        return date
