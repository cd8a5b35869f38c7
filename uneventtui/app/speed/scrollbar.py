"""Patch `scrollbar`: the views' vertical bar, drawn without Textual's styling pass.

Textual draws a scrollbar the way it draws any widget: a Rich renderable, turned into a
visual, then each line through the styles cache, at every repaint of the pane (an
entity view opened, a page). `FastScrollBar` takes the same segments from Textual's
`ScrollBarRender.render_bar`, with the same colours (its `render()`), and applies what
the styles cache would apply to a bar: the widget's base style and the app's line
filters (NO_COLOR, the monochrome filter). A horizontal bar, an ANSI colour theme or a
translucent bar goes Textual's usual way. tests/app/test_tui_views.py checks that both ways
draw the same strips.
"""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget

from uneventtui.app import speed

_BACK, _BAR = Color.parse("#555555"), Color.parse("bright_magenta")  # render_bar's defaults


class FastScrollBar(ScrollBar):
    """A `ScrollBar` whose vertical bar is drawn straight to strips."""

    _made_for: tuple = ()
    _made: dict[Segment, Strip]

    def render_lines(self, crop: Region) -> list[Strip]:
        bar = self.render()
        if (
            not self.vertical
            or not isinstance(bar, ScrollBarRender)
            or getattr(
                self.app, "native_ansi_color", self.app.ansi_color
            )  # (older Textual: ansi_color)
            or self.opacity < 1
        ):
            return super().render_lines(crop)
        width, height = self.size
        style = bar.style
        segments = ScrollBarRender.render_bar(
            size=height,
            virtual_size=bar.virtual_size,
            window_size=bar.window_size,
            position=bar.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or _BACK,  # type: ignore[union-attr]
            bar_color=style.color or _BAR,  # type: ignore[union-attr]
        ).segments
        base = self.rich_style
        _, background = self.background_colors
        filters = self.get_line_filters()
        span = crop.column_span
        # Most of a bar's lines are the same segment (the track; the thumb's middle):
        # each is made into a strip once and the same strip reused, down the bar and
        # in later frames, and so are the filters' and the compositor's work on it.
        context = (width, base, background, tuple(filters), span)
        if context != self._made_for:
            self._made_for, self._made = context, {}
        made = self._made
        strips = []
        for segment in segments[crop.y : crop.bottom]:
            strip = made.get(segment)
            if strip is None:
                strip = Strip([segment], width).apply_style(base)
                for line_filter in filters:
                    strip = strip.apply_filter(line_filter, background)
                if span != (0, width):
                    strip = strip.crop(*span)
                if len(made) < 64:  # a bar has a handful; more would be a leak
                    made[segment] = strip
            strips.append(strip)
        return strips


def fast_vertical_scrollbar(widget: Widget) -> ScrollBar:
    """What `Widget.vertical_scrollbar` does (create the bar on first use, hidden, and
    start it), with a `FastScrollBar`: for a view to return from that property."""
    if not speed.on("scrollbar"):
        return Widget.vertical_scrollbar.fget(widget)  # type: ignore[attr-defined]
    bar = widget._vertical_scrollbar
    if bar is None:
        bar = widget._vertical_scrollbar = FastScrollBar(
            vertical=True, name="vertical", thickness=widget.scrollbar_size_vertical
        )
        bar.display = False
        widget.app._start_widget(widget, bar)
    return bar
