"""The title bar and the key bar: one line each, drawn by one widget each.

Textual's `Header` is three widgets and its `Footer` one widget per key; composing,
styling and laying them out cost about 40 ms of the explorer's first frame, and the
footer recomposed all its keys at every focus change. These draw their line directly
(`render_line`), repaint only themselves, and follow the interface language: in
Arabic the keys read from the right, with their Arabic descriptions.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from uneventtui.app.bindings import BY_ID
from uneventtui.app.display import Display
from uneventtui.text.cells import cell_len, clip

ICON = "≡"
ICON_CELLS = 8  # the icon's cell, as wide as Textual's header icon


class TitleBar(Widget, can_focus=False):
    """The app's name and where the user is (`show_where`: it changes at every step, and
    repaints this line alone, where a screen's `sub_title` would repaint the screen);
    the icon opens the command palette."""

    COMPONENT_CLASSES = {"titlebar--sub", "titlebar--hover"}

    def __init__(self, display: Display, **kwargs) -> None:
        super().__init__(**kwargs)
        self.ui = display
        self.where = ""  # ready to draw (in Arabic: shaped, in visual order)
        self._hover = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._changed, init=False)
            self.watch(node, "sub_title", self._changed, init=False)

    def show_where(self, where: str) -> None:
        """Say where the user is, after the app's name."""
        if where != self.where:
            self.where = where
            self._changed()

    def _changed(self) -> None:
        # In the frame after the change: Textual repaints the box around everything
        # that changed, so the title on row 0 repainting with, say, the detail pane
        # would repaint the whole screen (opening an entity: 23 ms instead of 15).
        self.call_after_refresh(self.refresh)

    def _titles(self) -> tuple[str, str]:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub = self.where or (screen.sub_title if screen.sub_title is not None else app.sub_title)
        return title or "", sub or ""

    def _icon_at(self, x: int) -> bool:
        width = self.size.width
        return width - ICON_CELLS <= x if self.ui.mirrored else x < ICON_CELLS

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        icon_style = base + self.get_component_rich_style("titlebar--hover", partial=True)
        icon = Segment(f" {ICON}".ljust(ICON_CELLS), icon_style if self._hover else base)
        title, sub = self._titles()
        room = max(width - 2 * ICON_CELLS, 0)  # the title is centred between equal margins
        parts = [(title, base)]
        if sub:  # the sub-title is drawn ready (in Arabic: shaped, in visual order)
            dim = base + self.get_component_rich_style("titlebar--sub", partial=True)
            parts += [(" — ", dim), (sub, dim)]
        segments = _fit_segments(parts, room, from_right=self.ui.mirrored)
        used = _cells(segments)
        left = (room - used) // 2
        middle = [Segment(" " * left, base), *segments, Segment(" " * (room - used - left), base)]
        margin = Segment(" " * ICON_CELLS, base)
        line = [margin, *middle, icon] if self.ui.mirrored else [icon, *middle, margin]
        return Strip(line).adjust_cell_length(width, base)

    async def on_click(self, event: events.Click) -> None:
        if self._icon_at(event.x) and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._icon_at(event.x)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self) -> None:
        if self._hover:
            self._hover = False
            self.refresh()


def _cells(segments: list[Segment]) -> int:
    return sum(cell_len(segment.text) for segment in segments)


def _fit_segments(
    parts: list[tuple[str, Style]], cells: int, from_right: bool = False
) -> list[Segment]:
    """The parts (in reading order) as segments in at most `cells` cells, the last ones
    cut with an ellipsis; `from_right`: a right-to-left line, its first part on the
    right (each part is already in visual order), cut on the left."""
    out: list[Segment] = []
    for text, style in parts:
        room = cells - _cells(out)
        if room <= 0:
            break
        out.append(Segment(clip(text, room, rtl=from_right), style))
    if from_right:
        out.reverse()
    return out


class _Key(NamedTuple):
    key: str  # the key Textual simulates when the item is clicked
    shown: str  # how the key is written ("^q")
    description: str  # ready to draw (Arabic shaped, in visual order)
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The keys that work here, with what they do; click one to press it.

    It lists the screen's active bindings that are marked to be shown, one per action,
    and the command palette's key apart at the far end; keys that do not fit are left
    out whole, never cut in the middle of a word.
    """

    COMPONENT_CLASSES = {
        "keybar--key",
        "keybar--description",
        "keybar--hover",
        "keybar--disabled",
        "keybar--separator",
    }

    def __init__(self, display: Display, **kwargs) -> None:
        super().__init__(**kwargs)
        self.ui = display
        self._keys: list[_Key] = []
        self._palette: _Key | None = None
        self._spans: list[tuple[int, int, _Key]] = []  # x ranges drawn at the last render
        self._hover: _Key | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if screen is not self.screen:
            return
        keys: list[_Key] = []
        palette: _Key | None = None
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.action == "command_palette" and self.app.ENABLE_COMMAND_PALETTE:
                palette = palette or self._key(binding, enabled)
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)
                keys.append(self._key(binding, enabled))
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def _key(self, binding, enabled: bool) -> _Key:
        known = BY_ID.get(binding.id or "")
        if known is not None and self.ui.lang == "ar":
            description = self.ui.line(known.ar, base="rtl")
        else:
            description = self.ui.line(binding.description)
        return _Key(binding.key, self.app.get_key_display(binding), description, enabled)

    def _item(self, key: _Key, brief: bool = False) -> list[Segment]:
        """One key's cells: the key, then what it does (in Arabic: from the right);
        `brief`: the key alone."""
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        if key is self._hover:
            hover = self.get_component_rich_style("keybar--hover", partial=True)
            key_style, text_style = key_style + hover, text_style + hover
        if not key.enabled:
            dim = self.get_component_rich_style("keybar--disabled", partial=True)
            key_style, text_style = key_style + dim, text_style + dim
        shown = Segment(f" {key.shown} ", key_style)
        if brief:
            return [shown]
        if self.ui.mirrored:
            return [Segment(f" {key.description}", text_style), shown]
        return [shown, Segment(f"{key.description} ", text_style)]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        keys = [(self._item(key), key) for key in self._keys]
        # The palette's key goes at the far end; where not every key fits beside it, it
        # gives up its description (it stays: every action is in the palette).
        tails: list[list[tuple[list[Segment], _Key | None]]] = [[]]
        if self._palette is not None:
            rule = "▕" if self.ui.mirrored else "▏"
            separator = ([Segment(rule, self.get_component_rich_style("keybar--separator"))], None)
            tails = [
                [separator, (self._item(self._palette), self._palette)],
                [separator, (self._item(self._palette, brief=True), self._palette)],
            ]
        for tail in tails:
            room = width - sum(_cells(segments) for segments, _ in tail)
            if sum(_cells(segments) for segments, _ in keys) <= room:
                break
        shown: list[tuple[list[Segment], _Key | None]] = []
        for segments, key in keys:  # whole keys only, in order
            if _cells(segments) > room:
                break
            shown.append((segments, key))
            room -= _cells(segments)
        # Chunks in reading order, each with the key it presses (None: not clickable).
        chunks = [*shown, ([Segment(" " * max(room, 0), base)], None), *tail]
        if self.ui.mirrored:  # the first key on the right, the palette's on the far left
            chunks.reverse()
        spans: list[tuple[int, int, _Key]] = []
        line: list[Segment] = []
        x = 0
        for segments, key in chunks:
            cells = _cells(segments)
            if key is not None:
                spans.append((x, x + cells, key))
            line.extend(segments)
            x += cells
        self._spans = spans
        return Strip(line).adjust_cell_length(width, base)

    def _key_at(self, x: int) -> _Key | None:
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self._key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event.x)
        if key is not self._hover:
            self._hover = key
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
