"""`LineView`: the base of the explorer's line-API views (the timeline, the detail
pane's documents, the source reader's article, the search results).

A `ScrollView` whose subclasses draw line `y` for a content width (`_line`), as
toolong's LogLines does; what Textual would do line by line to frame those lines, draw
the vertical scrollbar and restyle the pane when its focus changes goes through the
`speed` patches where they are on, and Textual's own way where they are off.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial

from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget

from uneventtui.app.speed.focus import restyle_for_focus
from uneventtui.app.speed.framer import LineFramer
from uneventtui.app.speed.scrollbar import fast_vertical_scrollbar


class DrawnLines:
    """A view's drawn lines, kept by what each depends on (its row, the width, whether
    it is selected...), and the rich styles they bake in.

    Textual works a rich style out afresh at each call (the widget's ancestors
    combined), so each is looked up once per style change (`style`); the lines are
    kept until the content changes (`clear`) or a style they bake in does (`restyled`).
    """

    def __init__(self, view: Widget, size: int = 1024) -> None:
        self._view = view
        self._lines: LRUCache[Hashable, Strip] = LRUCache(size)
        self._styles: dict[str, Style] = {}

    def style(self, name: str = "") -> Style:
        """The view's rich style (`name` "") or that of one of its component classes."""
        style = self._styles.get(name)
        if style is None:
            view = self._view
            style = view.rich_style if not name else view.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def line(self, key: Hashable, draw: Callable[[], Strip]) -> Strip:
        """The line drawn for `key`, drawn by `draw()` if it is not kept."""
        strip = self._lines.get(key)
        if strip is None:
            strip = self._lines[key] = draw()
        return strip

    def keys(self) -> list[Hashable]:
        """What the kept lines were drawn for."""
        return list(self._lines.keys())

    def clear(self) -> None:
        """The content changed: draw every line anew."""
        self._lines.clear()

    def restyled(self) -> bool:
        """The view's styles changed (a theme, CSS): look the styles up again, and drop
        the drawn lines if one they bake in changed. Whether one did."""
        before, self._styles = self._styles, {}
        try:
            changed = any(self.style(name) != style for name, style in before.items())
        except KeyError:  # still being mounted: its component styles are not known yet
            self._styles, changed = {}, True
        if changed:
            self._lines.clear()
        return changed


class LineView(ScrollView):
    """A line-API view. Subclasses draw line `y` of the view for a content width in
    `_line(width, y)`, and drop drawn lines that bake in changed styles in
    `content_styles_changed`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._framer = LineFramer()
        self._restyling_for_focus = False

    def _line(self, width: int, y: int) -> Strip:
        raise NotImplementedError

    def render_lines(self, crop: Region) -> list[Strip]:
        width = self.scrollable_content_region.width  # once, not once a line
        return self._framer.render_lines(self, crop, partial(self._line, width))

    def render_line(self, y: int) -> Strip:
        return self._line(self.scrollable_content_region.width, y)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        return fast_vertical_scrollbar(self)

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle the pane for its new focus (its border), leaving its component
        classes and its drawn lines as they are where the `focus` patch is on."""
        self._restyling_for_focus = True
        try:
            restyled = restyle_for_focus(self)
        finally:
            self._restyling_for_focus = False
        if not restyled:
            super().watch_has_focus(has_focus)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if not self._restyling_for_focus:  # the border alone changed: nothing drawn did
            self.content_styles_changed()

    def content_styles_changed(self) -> None:
        """The pane's styles changed other than by its focus: drop whatever drawn lines
        bake in styles that changed (subclasses)."""
