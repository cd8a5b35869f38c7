"""SearchResults: the search bar's hits, grouped by kind, matched letters highlighted.

A line-API widget (a `LineView`: its lines framed without Textual's per-line styles
pass, which was most of a frame at every key typed): one header line per group (people,
organisations, places, events) and one line per hit with both names, the English on the
left and the Arabic right-aligned on the right. The letters that matched are
highlighted where the user sees them: the hit's span is a range of LOGICAL offsets into
the stored name, so it goes through the text layer's logical-to-visual map
(`visual_with_map`) onto the cells of the shaped, reordered name.

Groups come in the order of their best hit, so the best hit overall is always the
first line under the first header, and is selected when results arrive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from uneventtui.app.i18n import tr
from uneventtui.app.speed.resize import set_virtual_size
from uneventtui.app.widgets.line_view import DrawnLines, LineView
from uneventtui.editbuffer import cell_strings
from uneventtui.text.cells import MARKER, fit_cells, span_cells

KIND_ORDER = ("person", "organization", "place", "event")

Cells = list[tuple[str, bool]]  # one entry per terminal cell: (text, highlighted)


def highlight_cells(text: str, spans: Sequence[tuple[int, int]], mode: str = "shaped") -> Cells:
    """`text` as drawn (shaped, visual order), one entry per cell, matched cells marked.

    `spans` are (start, end) logical offsets into `text`; each matched character's cell
    comes from the text layer's map, so a highlight lands on the right letters even
    after reordering, and covers the whole lam-alef ligature when one of its two
    letters matched.
    """
    cells, where = _drawn(text, mode)
    marked = span_cells(spans, where, len(text))
    return [(drawn, cell in marked) for cell, drawn in enumerate(cells)]


@lru_cache(maxsize=8192)
def _drawn(text: str, mode: str) -> tuple[tuple[str, ...], Sequence[int]]:
    """`text` as drawn, one string per cell, and the cell of each logical character:
    worked out once per name, as the same hits come back key after key (splitting a
    name into cells was ~40 us, two names a row, 26 rows at every key)."""
    from uneventtui.text import visual_with_map

    visual, where = visual_with_map(text, mode=mode)
    return tuple(cell_strings(visual)), where


def name_cells(hit, mode: str = "shaped") -> tuple[Cells, Cells]:
    """A hit's Arabic and English names as drawn, the matched letters marked.

    The match is highlighted in the name it was found in. A match in an alias is shown
    on the display name when the alias is part of it ("هلال" in "عمر هلال", "Hilal" in
    "Omar Hilale"); otherwise the alias follows the name in brackets, highlighted:
    "World Health Organization (WHO)".
    """
    ar, en = hit.name_ar, hit.name_en
    matched = hit.matched_text
    spans = tuple(getattr(hit, "spans", ()) or (hit.span,))
    ar_spans: tuple[tuple[int, int], ...] = ()
    en_spans: tuple[tuple[int, int], ...] = ()
    if matched == ar:
        ar_spans = spans
    elif matched == en:
        en_spans = spans
    elif matched:
        from uneventtui.text import is_rtl

        rtl = is_rtl(matched)
        name = ar if rtl else en
        found = [_find(name, matched[s:e]) for s, e in spans]
        if all(found):
            located = tuple(f for f in found if f)
        else:  # not part of the name: show the alias itself
            shift = len(name) + 2
            name = f"{name} ({matched})"
            located = tuple((s + shift, e + shift) for s, e in spans)
        if rtl:
            ar, ar_spans = name, located
        else:
            en, en_spans = name, located
    return highlight_cells(ar, ar_spans, mode), highlight_cells(en, en_spans, mode)


def _find(name: str, fragment: str) -> tuple[int, int] | None:
    """Where `fragment` is in `name` (case-insensitive), preferring a word start."""
    if not fragment:
        return None
    folded, wanted = name.casefold(), fragment.casefold()
    if len(folded) != len(name):
        return None  # casefolding changed lengths: offsets would not map back
    start = folded.find(wanted)
    first = start
    while start >= 0:
        if start == 0 or not folded[start - 1].isalnum():
            return start, start + len(wanted)
        start = folded.find(wanted, start + 1)
    return None if first < 0 else (first, first + len(wanted))


@dataclass(frozen=True)
class ResultLine:
    """A line of the list: a group header, or a hit (index into `hits`)."""

    kind: str
    hit: int | None = None
    count: int = 0


class SearchResults(LineView, can_focus=False):
    """The hits of the current query; the search screen moves the selection."""

    COMPONENT_CLASSES = {
        "search-results--header",
        "search-results--selected",
        "search-results--match",
        "search-results--muted",
    }

    DEFAULT_CSS = """
    SearchResults {
        height: 1fr;
        background: $surface;
    }
    SearchResults > .search-results--header {
        color: $accent;
        text-style: bold;
    }
    SearchResults > .search-results--selected {
        text-style: reverse;
    }
    SearchResults > .search-results--match {
        text-style: bold underline;
        color: $warning;
    }
    SearchResults > .search-results--muted {
        color: $text-muted;
    }
    """

    class Chosen(Message):
        """A hit was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(
        self,
        *,
        mode: str = "shaped",
        lang: str = "en",
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.mode = mode
        self.lang = lang
        self.hits: list = []
        self.lines: list[ResultLine] = []
        self.selected: int | None = None  # index into hits
        self.years: dict[str, str] = {}  # event id -> its year, shown before the title
        # Drawn rows by (row, width, selected): Textual asks for every line of the list
        # at each frame, the key's echo in the bar included.
        self._drawn = DrawnLines(self)

    # -- content ----------------------------------------------------------------------

    def set_hits(self, hits: Sequence, years: dict[str, str] | None = None) -> None:
        """Show `hits` (best first), grouped by kind; select the best."""
        groups: dict[str, list[int]] = {}
        for index, hit in enumerate(hits):
            groups.setdefault(hit.kind, []).append(index)
        order: list[int] = []
        lines: list[ResultLine] = []
        for kind, members in groups.items():  # dicts keep insertion order: best group first
            lines.append(ResultLine(kind, None, len(members)))
            for index in members:
                lines.append(ResultLine(kind, len(order)))
                order.append(index)
        self.hits = [hits[i] for i in order]
        self.lines = lines
        self._drawn.clear()
        self.years = years or {}
        self.selected = 0 if self.hits else None
        set_virtual_size(self, Size(self.size.width, len(lines)))  # a layout only if needed
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    @property
    def selected_hit(self):
        return None if self.selected is None else self.hits[self.selected]

    def move(self, delta: int) -> None:
        """Select the hit `delta` lines down (negative: up), stopping at the ends."""
        if not self.hits or self.selected is None:
            return
        self.selected = max(0, min(len(self.hits) - 1, self.selected + delta))
        self._scroll_to_selected()
        self.refresh()

    def _line_of(self, hit_index: int) -> int:
        for y, line in enumerate(self.lines):
            if line.hit == hit_index:
                return y
        return 0

    def _scroll_to_selected(self) -> None:
        if self.selected is None:
            return
        y = self._line_of(self.selected)
        # Keep the group header in view when selecting a group's first hit.
        top = y - 1 if y > 0 and self.lines[y - 1].hit is None else y
        self.scroll_to_region(Region(0, top, 1, y - top + 1), animate=False, immediate=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.lines))

    def on_click(self, event: events.Click) -> None:
        y = event.y + int(self.scroll_y)
        if 0 <= y < len(self.lines) and self.lines[y].hit is not None:
            self.selected = self.lines[y].hit
            self.refresh()
            self.post_message(self.Chosen(self.selected))

    # -- drawing ----------------------------------------------------------------------

    def content_styles_changed(self) -> None:
        self._drawn.restyled()

    def _style(self, name: str) -> Style:
        """The pane's rich style (`name` "") or a component's."""
        return self._drawn.style(name)

    def _line(self, width: int, y: int) -> Strip:
        base = self._style("")
        row = y + int(self.scroll_y)
        if not 0 <= row < len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[row]
        key = (row, width, line.hit is not None and line.hit == self.selected)
        if line.hit is None:
            return self._drawn.line(key, lambda: self._header(line, width, base))
        return self._drawn.line(key, lambda: self._hit_line(line.hit, width, base))

    def _header(self, line: ResultLine, width: int, base: Style) -> Strip:
        from uneventtui.text import visual

        title = visual(f"{tr(f'group_{line.kind}', self.lang)} ({line.count})")
        cells = [(c, False) for c in cell_strings(title)]
        cells = fit_cells(cells, width, rtl=self.lang == "ar")
        return self._strip(cells, width, base + self._style("search-results--header"), base)

    def _hit_line(self, index: int, width: int, base: Style) -> Strip:
        hit = self.hits[index]
        selected = index == self.selected
        marker = MARKER if selected else " " * len(MARKER)
        ar_cells, en_cells = self.name_cells(hit)
        year = self.years.get(hit.id, "") if hit.kind == "event" else ""
        if year:
            en_cells = [(c, False) for c in year + " "] + en_cells
        inner = max(0, width - len(MARKER))
        en_width = inner // 2
        ar_width = inner - en_width - 2
        cells = (
            [(c, False) for c in marker]
            + fit_cells(en_cells, en_width, rtl=False)
            + [(" ", False), (" ", False)]
            + fit_cells(ar_cells, ar_width, rtl=True, logical=self.mode == "terminal")
        )
        row_style = base + self._style("search-results--selected") if selected else base
        return self._strip(cells, width, row_style, row_style)

    def name_cells(self, hit) -> tuple[Cells, Cells]:
        """The Arabic and English names of a hit as drawn, the matched letters marked."""
        return name_cells(hit, self.mode)

    def _strip(self, cells: Cells, width: int, style: Style, base: Style) -> Strip:
        match = style + self._style("search-results--match")
        # One segment per run of cells alike, not per cell: the line filters and the
        # compositor go through a row segment by segment (100 of them a row, 10 ms a key).
        segments = []
        for highlighted, run in groupby(cells, key=itemgetter(1)):
            text = "".join(drawn for drawn, _ in run)
            if text:
                segments.append(Segment(text, match if highlighted else style))
        return Strip(segments).adjust_cell_length(width, base)
