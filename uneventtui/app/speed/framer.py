"""Patch `framer`: a line-API view's content lines put in their border and padding once.

Textual draws every line of a widget through its styles cache: it asks the widget for
the line, pads it, works out the border's colours and segments again, and makes three
or four `Strip`s of it. `LineFramer` computes the frame once per repaint (the same way:
`get_box`, the same colours) and puts each line in it, through the line filters, with
one `Strip`, kept for as long as the line and the frame stay the same, so the
compositor's cache of its cuts keeps working from one frame to the next. The border's
top and bottom rows (with the pane's title), and any widget whose styles call for more
(an outline, a tint, opacity, a hatch, links styled on hover), go Textual's usual way.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from uneventtui.app import speed

try:  # Textual's private helpers; without them the patch is off (speed.MISSING)
    from textual._border import get_box
    from textual._segment_tools import make_blank
    from textual.style import Style  # (the styles cache's own, since Textual 2)
except ImportError:  # pragma: no cover - depends on the Textual installed
    get_box = make_blank = Style = None  # type: ignore[assignment,misc]

_Frame = tuple  # (left segments, right segments, content width, inner rich style, width)


class LineFramer:
    """Frames a widget's content lines; one per widget (it keeps the framed lines)."""

    def __init__(self) -> None:
        # id(content strip) -> (that strip, the frame, the framed strip); holding the
        # content strip keeps its id from being reused while the entry lives.
        self._framed: LRUCache[int, tuple[Strip, tuple, Strip]] = LRUCache(1024)

    def render_lines(
        self, widget: Widget, crop: Region, content_line: Callable[[int], Strip]
    ) -> list[Strip]:
        """What `Widget.render_lines(crop)` returns, drawn the short way where it can;
        `content_line(y)` is `widget.render_line(y)` (which it may compute faster, with
        what every line of one repaint shares worked out once)."""
        frame = self._frame(widget)
        if frame is None:
            return Widget.render_lines(widget, crop)
        height = widget.region.height
        gutter = widget.styles.gutter
        first, last = gutter.top, height - gutter.bottom  # the content rows: first..last-1
        top, bottom = crop.y, crop.bottom
        strips: list[Strip] = []
        if top < first:  # the top border (and the title), and any top padding
            strips += Widget.render_lines(widget, Region(crop.x, top, crop.width, first - top))
        content = range(max(top, first), min(bottom, last))
        if content:
            _, background = widget.background_colors
            filters = tuple(widget.get_line_filters())
            x1, x2 = crop.column_span
            whole = (x1, x2) == (0, frame[4])
            looks = (frame, filters, background)
            for y in content:
                strip = self._framed_line(content_line(y - first), looks)
                strips.append(strip if whole else strip.crop(x1, x2))
        if bottom > last:  # any bottom padding, and the bottom border
            start = max(top, last)
            strips += Widget.render_lines(widget, Region(crop.x, start, crop.width, bottom - start))
        return strips

    def _framed_line(self, content: Strip, looks: tuple) -> Strip:
        """A content line in its frame, through the line filters: one `Strip` made
        (Textual makes one for the frame and another for each filter)."""
        entry = self._framed.get(id(content))
        if entry is not None and entry[0] is content and entry[1] == looks:
            return entry[2]
        (left, right, content_width, inner, width), filters, background = looks
        line = content.adjust_cell_length(content_width, inner)
        segments = [*left, *line, *right]
        for line_filter in filters:  # what Strip.apply_filter does, on the segments
            segments = line_filter.apply(segments, background)
        framed = Strip(segments, width)
        self._framed[id(content)] = (content, looks, framed)
        return framed

    @staticmethod
    def _frame(widget: Widget) -> _Frame | None:
        """The segments left and right of every content line, as Textual's styles cache
        makes them (`StylesCache.render_line`, its content branch), or None where the
        widget's styles need more than a border and padding (or the patch is off)."""
        if not speed.on("framer"):
            return None
        styles = widget.styles
        if (
            widget.opacity != 1.0
            or styles.text_opacity != 1.0
            or styles.tint.a
            or any(edge for edge, _color in styles.outline)
            or (styles.has_rule("hatch") and styles.hatch != "none")
            or (widget.auto_links and widget.hover_style.link_id)
        ):
            return None
        base_background, background = widget.background_colors
        inner, outer = widget._styles_cache.get_inner_outer(base_background, background)
        inner_style = inner.rich_style
        _top, (border_right, right_color), _bottom, (border_left, left_color) = styles.border
        _pad_top, pad_right, _pad_bottom, pad_left = styles.padding
        left: list = [make_blank(pad_left, inner_style)] if pad_left else []
        right: list = [make_blank(pad_right, inner_style)] if pad_right else []
        if border_left:
            style = Style(foreground=base_background + left_color.multiply_alpha(1.0))
            left.insert(0, get_box(border_left, inner, outer, style)[1][0])
        if border_right:
            style = Style(foreground=base_background + right_color.multiply_alpha(1.0))
            right.append(get_box(border_right, inner, outer, style)[1][2])
        width = widget.region.width
        content_width = widget.content_region.width
        return (tuple(left), tuple(right), content_width, inner_style, width)
