"""Patch `focus`: a focus change restyles and repaints the pane whose border changes.

Textual restyles a widget whose focus changed, its scrollbar and every one of its
component classes from the whole stylesheet, and the screen's `focused` reactive
repaints the whole screen. Only a pane's own border depends on its focus: app.tcss's
`:focus` rules set nothing else (tests/app/test_tui_views.py checks that no rule selects a
pane by its focus for anything but its border, nor anything inside it), so the pane
alone is restyled, its component classes left as they are, and the panes whose focus
changed repaint themselves.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.widget import Widget

from uneventtui.app import speed

_NO_COMPONENTS: frozenset[str] = frozenset()


def restyle_for_focus(widget: Widget) -> bool:
    """Restyle `widget` for its new focus without its component classes (the `focus`
    patch), and say whether it did; False: the caller restyles it Textual's way."""
    if not speed.on("focus"):
        return False
    # An instance attribute shadows the class method `Stylesheet.apply` asks for the
    # component classes it restyles. Were Textual to stop asking, the components
    # would be restyled as before: slower, never wrong.
    widget._get_component_classes = lambda: _NO_COMPONENTS  # type: ignore[method-assign]
    try:
        widget.app.stylesheet.apply(widget, animate=True)
    finally:
        del widget._get_component_classes
    return True


def quiet_focused() -> Reactive[Widget | None]:
    """A screen's `focused` reactive that does not repaint the whole screen (the panes
    whose focus changed repaint themselves); with the patch off, `focus_changed` asks
    for the repaint Textual's own reactive would."""
    return Reactive(None, repaint=False)


def focus_changed(screen) -> None:
    """For a screen's `watch_focused`: repaint it as Textual would, unless patched."""
    if not speed.on("focus"):
        screen.refresh()
