"""`LinkView`: the base of the scrollable views with a link cursor: the detail pane's
event and entity views (`document_view.py`) and the source reader's article
(`article.py`).

A view's content is a `Stack` of `Piece`s laid out for the view's width. A piece knows
its height and where its links are as soon as it is made, and draws its lines only
when one of them is first shown: a document with thousands of links opens, pages and
jumps to its end at the cost of one screenful. Link navigation works on the pieces'
link positions, never on drawn lines. Rendered strips are cached per line, and dropped
when the width, the content or the styles (the theme) change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.strip import Strip

from uneventtui.app.display import Display
from uneventtui.app.speed.resize import set_virtual_size
from uneventtui.app.widgets.line_view import DrawnLines, LineView

LinkSpan = tuple[int, int, int]  # (link, first character, end character) on a drawn line


class Drawn(NamedTuple):
    """One line, as wide as the view. `links` are the characters that belong to a link
    (numbered within the line's piece); `marker` is where a selection marker goes when
    the line's link is selected (-1: none); `rtl`: right-aligned text."""

    text: Text
    links: tuple[LinkSpan, ...] = ()
    marker: int = -1
    rtl: bool = False


class Piece:
    """A part of a document laid out for one width: its height, its links' lines, and
    its lines on demand. Links are numbered in reading order within the piece."""

    height: int = 0
    links: int = 0

    def link_lines(self, link: int) -> tuple[int, int]:
        """The first and last line of a link."""
        raise NotImplementedError

    def line(self, index: int) -> Drawn:
        raise NotImplementedError

    def link_from(self, line: int) -> int | None:
        """The first link that starts on `line` or below."""
        raise NotImplementedError

    def link_before(self, line: int) -> int | None:
        """The last link that starts above `line`."""
        raise NotImplementedError


class Flow(Piece):
    """A piece whose height and link lines are known now and whose lines are all drawn
    together, the first time one is shown (a paragraph, a field, a heading)."""

    def __init__(
        self, height: int, spans: Sequence[tuple[int, int]], draw: Callable[[], list[Drawn]]
    ) -> None:
        self.height = height
        self.spans = spans
        self.links = len(spans)
        self._firsts = [first for first, _last in spans]
        self._draw: Callable[[], list[Drawn]] | None = draw
        self._lines: list[Drawn] = []

    @classmethod
    def drawn(cls, lines: list[Drawn]) -> Flow:
        """A piece of lines drawn already; its links are the ones they carry."""
        spans: dict[int, list[int]] = {}
        for y, line in enumerate(lines):
            for link, _start, _end in line.links:
                spans.setdefault(link, [y, y])[1] = y
        piece = cls(len(lines), [tuple(spans[k]) for k in sorted(spans)], list)  # type: ignore[misc]
        piece._lines, piece._draw = lines, None
        return piece

    def link_lines(self, link: int) -> tuple[int, int]:
        return self.spans[link]

    def line(self, index: int) -> Drawn:
        if self._draw is not None:
            self._lines, self._draw = self._draw(), None
        return self._lines[index]

    def link_from(self, line: int) -> int | None:
        k = bisect_left(self._firsts, line)
        return k if k < self.links else None

    def link_before(self, line: int) -> int | None:
        k = bisect_left(self._firsts, line) - 1
        return k if k >= 0 else None


class Rows(Piece):
    """`count` one-line rows, each one link, each drawn only when shown."""

    def __init__(self, count: int, draw: Callable[[int], Drawn]) -> None:
        self.height = self.links = count
        self._draw = draw
        self._cache: LRUCache[int, Drawn] = LRUCache(512)

    def link_lines(self, link: int) -> tuple[int, int]:
        return link, link

    def line(self, index: int) -> Drawn:
        drawn = self._cache.get(index)
        if drawn is None:
            drawn = self._cache[index] = self._draw(index)
        return drawn

    def link_from(self, line: int) -> int | None:
        return max(line, 0) if line < self.links else None

    def link_before(self, line: int) -> int | None:
        return min(line, self.links) - 1 if line > 0 else None


class Stack:
    """Pieces one below the other; lines and links numbered across all of them."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.pieces = [piece for piece in pieces if piece.height]
        self.starts: list[int] = []  # first line of each piece
        self.link_starts: list[int] = []  # first link of each piece
        height = links = 0
        for piece in self.pieces:
            self.starts.append(height)
            self.link_starts.append(links)
            height += piece.height
            links += piece.links
        self.height, self.links = height, links

    def _piece_at(self, line: int) -> int:
        return max(0, bisect_right(self.starts, line) - 1)

    def line(self, index: int) -> Drawn:
        k = self._piece_at(index)
        drawn = self.pieces[k].line(index - self.starts[k])
        offset = self.link_starts[k]
        if offset and drawn.links:
            links = tuple((link + offset, a, b) for link, a, b in drawn.links)
            return Drawn(drawn.text, links, drawn.marker, drawn.rtl)
        return drawn

    def link_lines(self, link: int) -> tuple[int, int]:
        k = bisect_right(self.link_starts, link) - 1
        first, last = self.pieces[k].link_lines(link - self.link_starts[k])
        return first + self.starts[k], last + self.starts[k]

    def link_from(self, line: int) -> int | None:
        """The first link that starts on `line` or below it."""
        if not self.pieces:
            return None
        for k in range(self._piece_at(line), len(self.pieces)):
            local = self.pieces[k].link_from(line - self.starts[k])
            if local is not None:
                return self.link_starts[k] + local
        return None

    def link_before(self, line: int) -> int | None:
        """The last link that starts above `line`."""
        if not self.pieces:
            return None
        for k in range(self._piece_at(line), -1, -1):
            local = self.pieces[k].link_before(line - self.starts[k])
            if local is not None:
                return self.link_starts[k] + local
        return None


class LinkView(LineView, can_focus=True):
    """A line-API view of a `Stack` with a cursor over its links.

    Subclasses say how to lay their content out (`build`) and what following a link
    does (`follow`); `CURSOR` names their component class for the selected link and
    `MARKERS` the marker drawn (left-to-right and mirrored interface) where a selected
    line says so.
    """

    CURSOR = ""
    MARKERS = ("", "")

    def __init__(self, display: Display, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ui = display
        self.link = -1  # the selected link, -1 for none
        self._stack: Stack | None = None
        self._width = -1
        self._drawn = DrawnLines(self)
        self._prefetch_pending = False

    # -- content -------------------------------------------------------------------

    def build(self, width: int) -> Stack:
        """The content laid out for `width` cells (cheap: pieces draw lazily)."""
        raise NotImplementedError

    def follow(self, link: int) -> None:
        """Enter (or a double click) on a link."""
        raise NotImplementedError

    def content_changed(self) -> None:
        """Lay the content out again (new content, or a setting that changes it)."""
        self._stack = None
        self._drawn.clear()
        self.refresh()
        self._prefetch_soon()

    @property
    def stack(self) -> Stack:
        """The content laid out for the current width."""
        return self._stack_for(self.scrollable_content_region.width)

    def _stack_for(self, width: int) -> Stack:
        width = width or self.size.width or 80
        if self._stack is None or width != self._width:
            self._width = width
            self._stack = self.build(width)
            self._drawn.clear()
            set_virtual_size(self, Size(width, self._stack.height))  # no screen layout
        return self._stack

    def all_lines(self) -> list[Drawn]:
        """Every line, drawn (for tests and small documents: a large one pays for all)."""
        stack = self.stack
        return [stack.line(y) for y in range(stack.height)]

    def content_styles_changed(self) -> None:
        """Styles changed (a theme, CSS): lay the content out again if the styles baked
        into its drawn lines did."""
        if self._stack is None:
            return  # nothing laid out yet (mounting): the layout looks up what it uses
        if self._drawn.restyled():
            self.content_changed()

    def _base_style(self) -> Style:
        """The view's own style, looked up once per style change (Textual works
        rich_style out afresh at each call)."""
        return self._drawn.style()

    def component_style(self, name: str) -> Style:
        """A component class's rich style, as the laid-out lines bake it in: looked up
        once per style change, not worked out from the pane's ancestors for each line."""
        return self._drawn.style(name)

    def on_resize(self) -> None:
        _ = self.stack
        self.refresh()

    # -- drawing -------------------------------------------------------------------

    def _line(self, width: int, y: int) -> Strip:
        stack = self._stack_for(width)
        index = int(self.scroll_y) + y
        if index >= stack.height:
            return Strip.blank(width, self._base_style())
        return self._strip(stack, index, width)

    def _strip(self, stack: Stack, index: int, width: int) -> Strip:
        """Line `index` as it is drawn now, from the cache if it can."""
        selected = self._is_selected_line(stack, index)
        key = (index, width, selected, self.has_focus)
        return self._drawn.line(key, lambda: self._draw_strip(stack, index, width, selected))

    def _draw_strip(self, stack: Stack, index: int, width: int, selected: bool) -> Strip:
        base = self._base_style()
        text = self.decorate(stack.line(index), selected)
        segments = Segment.apply_style(text.render(self.app.console), base)
        return Strip(segments).adjust_cell_length(width, base)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._prefetch_soon()

    def _prefetch_soon(self) -> None:
        """Once this screen is painted: draw the screens above and below, so the next
        page or step only copies cached lines (the key's own frame never waits)."""
        if not self._prefetch_pending and self.is_mounted:
            self._prefetch_pending = True
            self.call_after_refresh(self._prefetch)

    def _prefetch(self) -> None:
        self._prefetch_pending = False
        width = self.scrollable_content_region.width
        stack = self._stack_for(width)
        top, bottom = self.window
        page = bottom - top
        below = range(bottom, min(stack.height, bottom + page))
        for index in [*below, *range(max(0, top - page), top)]:
            self._strip(stack, index, width)

    def _is_selected_line(self, stack: Stack, index: int) -> bool:
        if not 0 <= self.link < stack.links:
            return False
        first, last = stack.link_lines(self.link)
        return first <= index <= last

    def decorate(self, drawn: Drawn, selected: bool) -> Text:
        """A drawn line with the selection shown: the cursor style on the selected
        link's characters (reverse when focused, underlined when not) and the marker."""
        if not selected:
            return drawn.text
        text = drawn.text.copy()
        if drawn.marker >= 0:
            at, marker = drawn.marker, self.MARKERS[self.ui.mirrored]
            text = Text.assemble(text[:at], marker, text[at + len(marker) :])
        cursor = self.component_style(self.CURSOR)
        for link, start, end in drawn.links:
            if link == self.link:
                text.stylize(cursor, start, end)
                if not self.has_focus:
                    text.stylize(Style(reverse=False, underline=True), start, end)
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- the link cursor -------------------------------------------------------------

    @property
    def window(self) -> tuple[int, int]:
        """The first line on screen and the first one below it."""
        top = int(self.scroll_y)
        return top, top + max(1, self.scrollable_content_region.height)

    def is_visible(self, link: int) -> bool:
        if not 0 <= link < self.stack.links:
            return False
        first, last = self.stack.link_lines(link)
        top, bottom = self.window
        return first < bottom and last >= top

    def visible_link(self, from_top: bool = True) -> int:
        """The first link on screen (or the last one, `from_top=False`), or -1."""
        top, bottom = self.window
        link = self.stack.link_from(top) if from_top else self.stack.link_before(bottom)
        return link if link is not None and self.is_visible(link) else -1

    def select_link(self, link: int, *, scroll: bool = True) -> None:
        """Select a link (-1: none) and scroll it into view."""
        if link < 0 and self.link < 0:
            return  # none before, none now: nothing to draw (or to lay out for it)
        stack = self.stack
        before, top = self.link, int(self.scroll_y)
        self.link = link if 0 <= link < stack.links else -1
        if scroll and self.link >= 0:
            first, last = stack.link_lines(self.link)
            region = Region(0, first, 1, last - first + 1)
            self.scroll_to_region(region, animate=False, immediate=True)
        if int(self.scroll_y) != top:
            return  # the scroll repaints the screen
        for changed in {before, self.link} - {-1}:  # only their lines are drawn again
            if changed < stack.links:
                first, last = stack.link_lines(changed)
                self.refresh_lines(first, last - first + 1)

    def keep_link_visible(self, from_top: bool) -> None:
        """After a scroll: a selected link that left the screen gives way to one on it."""
        if self.link >= 0 and not self.is_visible(self.link):
            self.select_link(self.visible_link(from_top), scroll=False)

    def scroll_lines(self, step: int) -> None:
        _ = self.stack  # the virtual size bounds the scroll
        self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)
        self.refresh()

    def step_link(self, step: int, *, wrap: bool = False) -> None:
        """The next (+1) or previous (-1) link; from the screen if none is on it.

        Without `wrap`, a link more than half a screen beyond the edge is approached a
        page at a time, so the text between links can be read with the same key.
        """
        stack = self.stack
        if not stack.links:
            self.scroll_lines(step)
            return
        top, bottom = self.window
        if self.is_visible(self.link):
            target: int | None = self.link + step
        elif step > 0:
            target = stack.link_from(top)
        else:
            target = stack.link_before(bottom)
        if wrap:
            if target is None:  # nothing further that way: round to the other end
                target = 0 if step > 0 else stack.links - 1
            self.select_link(target % stack.links)
            return
        if target is None or not 0 <= target < stack.links:
            self.scroll_lines(step)
            return
        height = bottom - top
        first, last = stack.link_lines(target)
        if step > 0 and first > bottom + height // 2:
            self.scroll_lines(height - 1)
        elif step < 0 and last < top - height // 2:
            self.scroll_lines(-(height - 1))
        else:
            self.select_link(target)

    def action_page_down(self) -> None:
        self.scroll_lines(self.scrollable_content_region.height)
        self.keep_link_visible(from_top=True)

    def action_page_up(self) -> None:
        self.scroll_lines(-self.scrollable_content_region.height)
        self.keep_link_visible(from_top=False)

    def action_follow(self) -> None:
        if 0 <= self.link < self.stack.links:
            self.follow(self.link)

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = int(self.scroll_y) + offset.y
        if not 0 <= index < self.stack.height:
            return
        drawn = self.stack.line(index)
        for link, start, end in drawn.links:
            column = drawn.text[:start].cell_len
            if column <= offset.x < column + drawn.text[start:end].cell_len:
                self.focus()
                self.select_link(link, scroll=False)
                if event.chain >= 2:
                    self.follow(link)
                return
