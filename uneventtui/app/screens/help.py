"""The help screen: every binding of the central table, with the keys in effect."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from uneventtui.app.bindings import TABLE, display_keys
from uneventtui.app.display import Display


def help_table(ui: Display, keymap: dict[str, str]) -> Table:
    """One row per binding: keys (after the user's keymap), what it does, its id."""
    table = Table(box=None, expand=True, show_header=False, pad_edge=False)
    justify = "right" if ui.mirrored else "left"
    columns = [("keys", 18), ("what", None), ("id", 22)]
    if ui.mirrored:
        columns.reverse()
    for name, width in columns:
        table.add_column(name, width=width, no_wrap=name != "what", justify=justify)
    scope = None
    for key in TABLE:
        if key.scope != scope:
            scope = key.scope
            title = Text(ui.label(f"scope_{scope}"), style="bold underline")
            row = [Text(), title, Text()]
            table.add_row(*row)
        keys = Text(display_keys(keymap.get(key.id, key.keys)), style="bold")
        what = Text(ui.line(key.ar if ui.mirrored else key.en, ui.base))
        ident = Text(key.id, style="dim")
        row = [keys, what, ident]
        if ui.mirrored:
            row.reverse()
        table.add_row(*row)
    return table


class HelpScreen(ModalScreen[None]):
    """A modal list of every key; any of Esc, q, ? or F1 closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", show=True),
        Binding("j,down", "scroll_down", show=False),
        Binding("k,up", "scroll_up", show=False),
    ]

    def __init__(self, display: Display, keymap: dict[str, str]) -> None:
        super().__init__()
        self.ui = display
        self.keymap = keymap
        self.table = help_table(display, keymap)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.table)
            yield Static(Text(self.ui.label("help_hint"), style="dim"))

    def on_mount(self) -> None:
        scroller = self.query_one("#help")
        scroller.border_title = self.ui.label("help_title")
        scroller.focus()

    def action_scroll_down(self) -> None:
        self.query_one("#help").scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help").scroll_up(animate=False)
