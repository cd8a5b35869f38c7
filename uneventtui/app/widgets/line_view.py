"""`LineView`: the base of the explorer's line-API views (the timeline, the detail
pane's documents, the source reader's article, the search results).

A `ScrollView` whose subclasses draw line `y` for a content width (`_line`), as
toolong's LogLines does; what Textual would do line by line to frame those lines, draw
the vertical scrollbar and restyle the pane when its focus changes goes through the
`speed` patches where they are on, and Textual's own way where they are off.
"""

from __future__ import annotations

from functools import partial

from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from uneventtui.app.speed.focus import restyle_for_focus
from uneventtui.app.speed.framer import LineFramer
from uneventtui.app.speed.scrollbar import fast_vertical_scrollbar


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
