"""Patch `compositor`: a partial update draws only the widgets it can show.

For a partial update (one pane's lines changed), Textual's compositor draws every
widget whose *clip*, the region of its parent, overlaps the changed area, and then
throws away what falls outside it. The timeline and the detail pane share one parent,
so a frame that changes only the detail pane (an entity opened, a link followed) drew
the timeline's lines and its scrollbar as well, and a page in the timeline drew the
detail pane, for nothing on screen.

`PaneCompositor` leaves out the widgets whose visible part (region within clip) misses
the changed area. What it draws is what Textual would have put on screen: the spans
written are the changed regions, and a left-out widget has no cell in them. It fails
safe: were `_get_renders` renamed, it would never be called; were `_visible_widgets`
renamed, Textual would draw from its own map.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

from uneventtui.app import speed


class PaneCompositor(Compositor):
    """Textual's compositor, drawing in a partial update only what it can show."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:  # a full frame: everything is drawn anyway
            return super()._get_renders(crop)
        visible = self.visible_widgets
        overlaps = crop.overlaps
        shown = {
            widget: (region, clip)
            for widget, (region, clip) in visible.items()
            if overlaps(region.intersection(clip))
        }
        if len(shown) == len(visible):
            return super()._get_renders(crop)
        self._visible_widgets = shown
        try:  # drawn now, while Textual reads the narrowed map
            return list(super()._get_renders(crop))
        finally:
            self._visible_widgets = visible


def use_pane_compositor(screen: Screen) -> None:
    """Give a screen (in its __init__, before it is laid out) the `PaneCompositor`."""
    if speed.on("compositor"):
        screen._compositor = PaneCompositor()
