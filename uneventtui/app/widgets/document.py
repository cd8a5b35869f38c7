"""A scrollable document of labelled fields, wrapped text and selectable links.

The detail pane (event and entity views) is one of these. A document is a list of
`Block`s in logical text; `DocumentView` lays them out for its width through the text
layer (shaping, bidi, right-alignment of Arabic) and draws them with the line API.
Links (a person, an organisation, a place, an event) are selected with the arrows and
followed with Enter, which posts `DocumentView.Followed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from uneventtui.app.bindings import bindings_for
from uneventtui.app.display import Display, fit

Target = tuple[str, str]  # ("event" | "entity", id)

LABEL_WIDTH = 14
MARKER = "▶ "
MARKER_RTL = " ◀"


@dataclass(frozen=True)
class Block:
    """A piece of a document, in logical order (not yet shaped).

    kind: "heading" (wrapped, bold), "section" (a rule with a label), "field" (label and
    value), "text" (a wrapped paragraph), "note" (dim), "quote" (indented, marked),
    "link" (selectable, follows `target`), "blank".
    """

    kind: str
    text: str = ""
    label: str = ""
    target: Target | None = None


@dataclass(frozen=True)
class DrawnLine:
    text: Text
    link: int  # index of the link this line belongs to, or -1
    marker: int = -1  # on a link's first line: where its selection marker goes


class DocumentView(ScrollView, can_focus=True):
    """A line-API view of a `Block` list with a link cursor."""

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

    DEFAULT_CSS = """
    DocumentView { scrollbar-size-horizontal: 0; scrollbar-size-vertical: 1; }
    """

    class Followed(Message):
        """Enter on a link."""

        def __init__(self, target: Target) -> None:
            super().__init__()
            self.target = target

    def __init__(self, display: Display, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ui = display
        self.blocks: list[Block] = []
        self.lines: list[DrawnLine] = []
        self.link_lines: list[tuple[int, int]] = []  # first and last line of each link
        self.targets: list[Target] = []
        self.link = -1  # the selected link, -1 for none
        self._laid_out_width = -1
        self._marker_at = -1

    # -- content -----------------------------------------------------------------

    def set_blocks(self, blocks: list[Block], *, link: int = -1, scroll_y: int = 0) -> None:
        """Show a new document, optionally with a link selected and a scroll position."""
        self.blocks = blocks
        self.targets = [b.target for b in blocks if b.kind == "link" and b.target]
        self.link = link if 0 <= link < len(self.targets) else -1
        self._laid_out_width = -1
        self._layout()
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        if self.link >= 0:
            self._scroll_to_link()
        self.refresh()

    @property
    def selected_target(self) -> Target | None:
        return self.targets[self.link] if self.link >= 0 else None

    def _layout(self) -> None:
        width = self.scrollable_content_region.width or self.size.width or 80
        if width == self._laid_out_width:
            return
        self._laid_out_width = width
        lines: list[DrawnLine] = []
        self.link_lines = []
        for block in self.blocks:
            link = len(self.link_lines) if block.kind == "link" and block.target else -1
            first = len(lines)
            self._marker_at = -1
            lines.extend(DrawnLine(text, link) for text in self._draw_block(block, width))
            if link >= 0:
                lines[first] = DrawnLine(lines[first].text, link, self._marker_at)
                self.link_lines.append((first, len(lines) - 1))
        self.lines = lines
        self.virtual_size = Size(width, len(lines))

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"document--{name}")

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
            rule = "─" * max(0, width - cell_len(label) - 2)
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
            pad = 2 if block.kind == "link" else 0  # room for the selection marker
            style = self._style("link") if block.kind == "link" else ""
            label_w = min(LABEL_WIDTH, max(4, width // 4)) if block.label else 0
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

    # -- drawing -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._layout()
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        base_style = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base_style)
        drawn = self.lines[index]
        text = drawn.text
        if drawn.link >= 0 and drawn.link == self.link:
            text = text.copy()
            if drawn.marker >= 0:
                marker = MARKER_RTL if self.ui.mirrored else MARKER
                at = drawn.marker
                text = Text.assemble(text[:at], marker, text[at + 2 :])
            text.stylize(self._style("cursor"))
            if not self.has_focus:
                text.stylize(Style(reverse=False, underline=True))
        segments = list(text.render(self.app.console))
        strip = Strip(segments).apply_style(base_style)
        return strip.adjust_cell_length(width, base_style)

    def on_resize(self) -> None:
        self._layout()
        self.refresh()

    def on_focus(self) -> None:
        if self.link < 0 and self.targets:
            self._select_visible_link()
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- movement ----------------------------------------------------------------

    def _select_visible_link(self) -> None:
        top = int(self.scroll_y)
        for i, (first, _last) in enumerate(self.link_lines):
            if first >= top:
                self.link = i
                break
        else:
            self.link = 0 if self.link_lines else -1
        self._scroll_to_link()

    def _scroll_to_link(self) -> None:
        if 0 <= self.link < len(self.link_lines):
            first, last = self.link_lines[self.link]
            region = Region(0, first, 1, last - first + 1)
            self.scroll_to_region(region, animate=False, immediate=True)

    def _step_link(self, step: int) -> None:
        self._layout()
        if not self.link_lines:
            self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)
            return
        target = self.link + step if self.link >= 0 else (0 if step > 0 else len(self.targets) - 1)
        if 0 <= target < len(self.link_lines):
            # Far below the screen: scroll a page towards it rather than jumping past text.
            height = self.scrollable_content_region.height
            first = self.link_lines[target][0]
            top = int(self.scroll_y)
            if step > 0 and first > top + height + height // 2:
                self.scroll_to(y=top + height - 1, animate=False, immediate=True)
                return
            if step < 0 and self.link_lines[target][1] < top - height // 2:
                self.scroll_to(y=top - height + 1, animate=False, immediate=True)
                return
            self.link = target
            self._scroll_to_link()
        else:
            self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)
        self.refresh()

    def action_link_next(self) -> None:
        self._step_link(+1)

    def action_link_prev(self) -> None:
        self._step_link(-1)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_first(self) -> None:
        self.scroll_home(animate=False)
        if self.targets:
            self.link = 0
            self._scroll_to_link()
        self.refresh()

    def action_last(self) -> None:
        self.scroll_end(animate=False)
        if self.targets:
            self.link = len(self.targets) - 1
            self._scroll_to_link()
        self.refresh()

    def action_follow(self) -> None:
        target = self.selected_target
        if target is not None:
            self.post_message(self.Followed(target))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = int(self.scroll_y) + offset.y
        if 0 <= index < len(self.lines) and self.lines[index].link >= 0:
            self.focus()
            self.link = self.lines[index].link
            self.refresh()
            if event.chain >= 2:
                self.action_follow()
