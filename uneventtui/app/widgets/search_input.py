"""SearchInput: a one-line input that draws Arabic shaped and right to left.

Textual's `Input` draws its value in logical order, unshaped, with the cursor at
`cell_len(value[:cursor])`: typed Arabic comes out reversed and broken. This widget keeps
the value in logical order too (search needs it) but draws `EditBuffer.view()`: the text
layer's shaped, visual-order line, right-aligned when the value is RTL, scrolled so the
cursor stays visible, with the cursor block on the cell the text layer maps it to.
The editing rules (visual arrows, logical Backspace, ...) live in `uneventtui.editbuffer`.

With the app's rtl mode "terminal" (a terminal that does its own bidi) it draws the
logical text unshaped and lets the terminal reorder it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from uneventtui.app.bindings import bindings_for
from uneventtui.editbuffer import EditBuffer, shaped_layout


def _text_mode(rtl_mode: str | None) -> str:
    """The text layer's mode for an app rtl mode: only "terminal" skips shaping."""
    return "terminal" if rtl_mode == "terminal" else "shaped"


class SearchInput(Widget, can_focus=True):
    """A search box whose value is logical text and whose drawing is visual."""

    BINDING_GROUP_TITLE = "Search input"
    # From the app's central table (ids "search_input.*"), so a keymap can rebind them.
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("search_input")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "search-input--cursor",
        "search-input--placeholder",
    }

    DEFAULT_CSS = """
    SearchInput {
        height: 1;
        width: 1fr;
        background: $surface;
        color: $foreground;
    }
    SearchInput > .search-input--cursor {
        text-style: reverse;
    }
    SearchInput > .search-input--placeholder {
        color: $text-muted;
        text-style: italic;
    }
    """

    class Changed(Message):
        """The value changed (typed, pasted, deleted or set)."""

        def __init__(self, search_input: SearchInput, value: str) -> None:
            super().__init__()
            self.search_input = search_input
            self.value = value

        @property
        def control(self) -> SearchInput:
            return self.search_input

    def __init__(
        self,
        value: str = "",
        *,
        placeholder: str = "",
        rtl_mode: str | None = None,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's name for it
        classes: str | None = None,
        echo_hold: float = 0.0,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.placeholder = placeholder
        # How long an edit may wait to be drawn together with what it sets off (the
        # owner calls `echo()` when that is ready); 0: drawn at once.
        self.echo_hold = echo_hold
        self._echo_timer: Timer | None = None
        self._rtl_mode = rtl_mode
        self.buffer = EditBuffer(value, layout=shaped_layout(_text_mode(rtl_mode)))
        self.cursor_column: int | None = None  # where the cursor was last drawn

    # -- state ------------------------------------------------------------------------

    @property
    def value(self) -> str:
        """The query, in logical order."""
        return self.buffer.value

    @value.setter
    def value(self, value: str) -> None:
        before = self.buffer.value
        self.buffer.set_value(value)
        self._edited(self.buffer.value != before)

    @property
    def rtl_mode(self) -> str:
        """ "terminal" when the terminal does the bidi; anything else: we shape."""
        if self._rtl_mode is not None:
            return self._rtl_mode
        return str(getattr(self.app, "rtl_mode", "shaped"))

    def on_mount(self) -> None:
        self.buffer.set_layout(shaped_layout(_text_mode(self.rtl_mode)))

    def _edited(self, changed: bool) -> None:
        if changed:
            self.post_message(self.Changed(self, self.buffer.value))
            if self.echo_hold > 0:
                # Drawn by `echo()`, or at the latest `echo_hold` after the first edit
                # not yet drawn. (Textual paces frames: a second frame a few ms after
                # the first waits 17-33 ms, so an edit drawn at once would put the
                # results that follow it that much later.)
                if self._echo_timer is None:
                    self._echo_timer = self.set_timer(self.echo_hold, self.echo)
                return
        self.refresh()

    def echo(self) -> None:
        """Draw the value as it is now (ends an edit's hold)."""
        if self._echo_timer is not None:
            self._echo_timer.stop()
            self._echo_timer = None
        self.refresh()

    # -- keys -------------------------------------------------------------------------

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Printable keys are text here, not the app's shortcuts."""
        return character is not None and character.isprintable()

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character is not None:
            event.stop()
            event.prevent_default()
            self._edited(self.buffer.insert(event.character))

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        self._edited(self.buffer.insert(event.text))

    def action_cursor_left(self) -> None:
        self.buffer.left()
        self.refresh()

    def action_cursor_right(self) -> None:
        self.buffer.right()
        self.refresh()

    def action_home(self) -> None:
        self.buffer.home()
        self.refresh()

    def action_end(self) -> None:
        self.buffer.end()
        self.refresh()

    def action_delete_left(self) -> None:
        self._edited(self.buffer.backspace())

    def action_delete_right(self) -> None:
        self._edited(self.buffer.delete())

    def action_delete_word(self) -> None:
        self._edited(self.buffer.delete_word_before())

    def action_delete_to_start(self) -> None:
        self._edited(self.buffer.delete_to_start())

    def action_delete_to_end(self) -> None:
        self._edited(self.buffer.delete_to_end())

    def _on_click(self, event: events.Click) -> None:
        if self.buffer.click(event.x, self.content_size.width):
            self.refresh()

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # -- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self.rich_style
        if y != 0 or width <= 0:
            return Strip.blank(width, base)
        if not self.buffer.value and self.placeholder:
            return self._placeholder_line(width, base)
        view = self.buffer.view(width)
        cursor = view.cursor if self.has_focus else None
        self.cursor_column = cursor
        cursor_style = base + self.get_component_rich_style("search-input--cursor")
        segments = []
        for column, text in enumerate(view.cells):
            if text == "":
                continue  # the right half of a wide character
            style = cursor_style if column == cursor else base
            segments.append(Segment(text, style))
        return Strip(segments, width)

    def _placeholder_line(self, width: int, base: Style) -> Strip:
        """The placeholder (our own text, still drawn through the text layer)."""
        hint = EditBuffer(self.placeholder, layout=shaped_layout(_text_mode(self.rtl_mode)))
        hint.home()
        view = hint.view(width)
        style = base + self.get_component_rich_style("search-input--placeholder")
        cursor_style = base + self.get_component_rich_style("search-input--cursor")
        # The cursor of an empty box: at the start of the line, on the placeholder's side.
        cursor = (width - 1 if view.rtl else 0) if self.has_focus else None
        self.cursor_column = cursor
        segments = [
            Segment(text or "", cursor_style if column == cursor else style)
            for column, text in enumerate(view.cells)
            if text != ""
        ]
        return Strip(segments, width)
