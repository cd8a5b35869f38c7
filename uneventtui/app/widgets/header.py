"""The header: Textual's, except that a new sub-title repaints one line, not the screen.

Textual's `HeaderTitle.update` asks for a layout of the whole screen, and a screen's
`sub_title` reactive repaints the whole screen; the explorer changes its sub-title on
every move along the timeline. The title's size never changes (it is the header's
width), so a repaint of the title alone is enough.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import Reactive
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle


class StillTitle(HeaderTitle):
    """A header title whose updates repaint it without a layout (its size is fixed)."""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class AppHeader(Header):
    """Textual's header (icon, title, no clock) with a `StillTitle`."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield StillTitle()
        yield HeaderClockSpace()


def quiet_sub_title() -> Reactive[str | None]:
    """A screen's `sub_title` reactive that does not repaint the screen: the header
    watches it and repaints its own title."""
    return Reactive(None, compute=False, repaint=False)
