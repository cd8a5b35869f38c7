"""`DocumentView`: a scrollable document of labelled fields, wrapped text and links.

The detail pane (event and entity views) is one of these. A document is a list of
`Block`s in logical text, and `RowList`s (`uneventtui.app.content`): many links (an
entity's thousands of events) whose text is made only when needed. It lays the blocks out for
its width through the text layer (shaping, bidi, right-alignment of Arabic). A short
row list is laid out like link blocks, wrapped; a long one (over `WRAPPED_ROWS`) is a
line a row, each cut with an ellipsis like the timeline's and made only when shown, so
a list of any length costs one screenful. Links (a person, an organisation, a place, an
event) are selected with the arrows and followed with Enter, which posts
`DocumentView.Followed`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from rich.style import Style
from rich.text import Span, Text
from textual.message import Message

from uneventtui.app.bindings import bindings_for
from uneventtui.app.content import Block, Content, RowList, Target, Targets
from uneventtui.app.display import Display, fit
from uneventtui.app.widgets.link_view import Drawn, Flow, LinkView, Piece, Rows, Stack
from uneventtui.text import cells

LABEL_WIDTH = 14
WRAPPED_ROWS = 100  # a longer RowList is drawn a row a line, each cut to fit, when shown


class DocumentView(LinkView):
    """A line-API view of a document with a link cursor."""

    BINDINGS = bindings_for("detail")

    COMPONENT_CLASSES = {
        "document--heading",
        "document--section",
        "document--label",
        "document--note",
        "document--quote",
        "document--link",
        "document--cursor",
    }

    # The vertical scrollbar always shown (its track, when the document fits): going
    # from a short document to a long one (an event to its entity, or the next event)
    # keeps the screen's layout, instead of laying out the whole screen and cutting every
    # line of the panes behind anew where the bar appears (~4 ms, each time it toggled).
    DEFAULT_CSS = """
    DocumentView {
        scrollbar-size-horizontal: 0;
        scrollbar-size-vertical: 1;
        overflow-y: scroll;
    }
    """

    CURSOR = "document--cursor"
    MARKERS = (cells.MARKER, cells.MARKER_RTL)

    class Followed(Message):
        """Enter on a link."""

        def __init__(self, target: Target) -> None:
            super().__init__()
            self.target = target

    def __init__(self, display: Display, *, id: str | None = None) -> None:
        super().__init__(display, id=id)
        self.blocks: list[Content] = []
        self.targets: Sequence[Target] = Targets([])
        self._marker_at = -1  # set by _draw_block: where a link line's marker goes

    # -- content -----------------------------------------------------------------

    def set_blocks(self, blocks: list[Content], *, link: int = -1, scroll_y: int = 0) -> None:
        """Show a new document, optionally with a link selected and a scroll position."""
        self.blocks = blocks
        self.targets = Targets(blocks)
        self.link = -1
        self.content_changed()
        if self.size.width:  # laid out: the new virtual size bounds the scroll
            _ = self.stack
        # (Not yet, as when the first event is shown at mount: the first frame lays it
        # out at its real width; laying it out now, for a guessed width, was wasted.)
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self.select_link(link)

    @property
    def selected_target(self) -> Target | None:
        return self.targets[self.link] if 0 <= self.link < len(self.targets) else None

    def follow(self, link: int) -> None:
        self.post_message(self.Followed(self.targets[link]))

    # -- keys --------------------------------------------------------------------

    def on_focus(self) -> None:
        if self.link < 0 and self.stack.links:
            link = self.visible_link()
            self.select_link(link if link >= 0 else self.stack.link_from(int(self.scroll_y)) or 0)
        self.refresh()

    def action_link_next(self) -> None:
        self.step_link(+1)

    def action_link_prev(self) -> None:
        self.step_link(-1)

    def action_first(self) -> None:
        self.scroll_lines(-self.stack.height)
        self.select_link(0)

    def action_last(self) -> None:
        self.scroll_lines(self.stack.height)
        self.select_link(self.stack.links - 1)

    # -- layout ------------------------------------------------------------------

    def build(self, width: int) -> Stack:
        pieces: list[Piece] = []
        for block in self.blocks:
            if isinstance(block, RowList) and block.size > WRAPPED_ROWS:
                pieces.append(Rows(block.size, partial(self._draw_row, block, width)))
            elif isinstance(block, RowList):  # a short list: wrapped, every word shown
                for i in range(block.size):
                    link = Block("link", block.text(i), target=block.target(i))
                    pieces.append(self._block_piece(link, width))
            else:
                pieces.append(self._block_piece(block, width))
        return Stack(pieces)

    def _block_piece(self, block: Block, width: int) -> Flow:
        self._marker_at = -1
        texts = self._draw_block(block, width)
        if not block.is_link:
            return Flow.drawn([Drawn(text) for text in texts])
        lines = [Drawn(text, ((0, 0, len(text.plain)),)) for text in texts]
        lines[0] = Drawn(lines[0].text, lines[0].links, self._marker_at)
        return Flow.drawn(lines)

    def _draw_row(self, rows: RowList, width: int, index: int) -> Drawn:
        """One row of a `RowList`: a link on one line, cut to fit."""
        ui = self.ui
        text = rows.text(index)
        value = cells.fit(ui.line(text), max(1, width - 2), ui.is_rtl(text) or ui.mirrored)
        end = len(value)
        if ui.mirrored:  # (a Text made whole: ~4x faster than fit, stylize and assemble)
            line = Text(f"{value}  ", spans=[Span(0, end, self._style("link"))])
        else:
            line = Text(f"  {value}", spans=[Span(2, end + 2, self._style("link"))])
        return Drawn(line, ((0, 0, end + 2),), end if ui.mirrored else 0)

    def _style(self, name: str) -> Style:
        return self.component_style(f"document--{name}")

    def _wrapped(self, text: str, width: int, style: Style | str = "") -> list[Text]:
        """A paragraph wrapped to `width`, each line `width` cells, Arabic right-aligned."""
        out = []
        for row in self.ui.wrap(text, width):
            right = row.rtl or self.ui.mirrored
            out.append(fit(row.text, width, rtl=right, style=style))
        return out

    def _draw_block(self, block: Block, width: int) -> list[Text]:
        ui = self.ui
        mirrored = ui.mirrored
        if block.kind == "blank":
            return [Text(" " * width)]
        if block.kind == "section":
            label = f" {ui.line(block.text, ui.base)} "
            rule = "─" * max(0, width - cells.cell_len(label) - 2)
            line = f"{rule}{label}──" if mirrored else f"──{label}{rule}"
            return [Text(line, style=self._style("section"))]
        if block.kind == "heading":
            return self._wrapped(block.text, width, self._style("heading"))
        if block.kind == "note":
            return self._wrapped(block.text, width, self._style("note"))
        if block.kind == "text":
            return self._wrapped(block.text, width)
        if block.kind == "quote":
            bar = Text("│ ", style=self._style("quote"))
            body = self._wrapped(block.text, width - 2, self._style("quote"))
            if mirrored:
                return [
                    Text.assemble(line, Text(" │", style=self._style("quote"))) for line in body
                ]
            return [Text.assemble(bar, line) for line in body]
        if block.kind in ("field", "link"):
            style = self._style("link") if block.kind == "link" else ""
            label_w = min(LABEL_WIDTH, max(4, width // 4)) if block.label else 0
            # Room for the selection marker before a link's value; labelled fields that
            # are not links get the same gap, so that all values line up in one column.
            pad = 2 if block.kind == "link" or label_w else 0
            value_w = max(1, width - label_w - pad)
            label = Text()
            if label_w:
                label = fit(
                    ui.line(block.label, ui.base), label_w - 1, mirrored, self._style("label")
                )
                label.append(" ")
            out = []
            for i, value in enumerate(self._wrapped(block.text, value_w, style)):
                lab = label if i == 0 else Text(" " * label.cell_len)
                parts = [value, Text(" " * pad), lab] if mirrored else [lab, Text(" " * pad), value]
                out.append(Text.assemble(*parts))
                if i == 0:  # where the selection marker goes
                    self._marker_at = len(value.plain) if mirrored else len(label.plain)
            return out
        return self._wrapped(block.text, width)
