"""The article view of the source reader: a seed article shaped and wrapped to the
window, the supporting quote highlighted, known entity names marked as links.

Marks are found in the logical text; the text layer's `layout` says which logical
range each drawn line shows and `visual_with_map` where each of its characters lands,
so a highlight follows the words wherever bidi reordering put them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from uneventtui import text as textlayer
from uneventtui.app.bindings import bindings_for
from uneventtui.app.display import Display
from uneventtui.model import Timeline

MIN_NAME = 3  # shorter names would mark half the article


@dataclass
class Mark:
    """A span of a paragraph (offsets into its sanitised text)."""

    start: int
    end: int
    entity: str | None = None  # None: the quote


@dataclass
class Paragraph:
    text: str  # sanitised logical text
    marks: list[Mark] = field(default_factory=list)


@dataclass
class ArticleLine:
    text: Text
    spans: list[tuple[int, int, int]]  # (link index, first char, end char) drawn on this line
    quote: bool = False
    rtl: bool = False


def name_pattern(timeline: Timeline) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One regex for every entity name (longest first) and name -> entity id."""
    owner: dict[str, str] = {}
    for entity in timeline.entities.values():
        for name in entity.names:
            name = textlayer.sanitize(name).strip()
            if len(name) >= MIN_NAME and name not in owner:
                owner[name] = entity.id
    if not owner:
        return None, owner
    names = sorted(owner, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)), owner


def quote_pattern(quote: str) -> re.Pattern[str] | None:
    """The quote's words with any white space between them (seeds and data may differ)."""
    words = textlayer.sanitize(quote).split()
    return re.compile(r"\s+".join(re.escape(w) for w in words)) if words else None


def mark_paragraphs(text: str, timeline: Timeline, quote: str | None) -> list[Paragraph]:
    """Split an article into paragraphs and find the quote and the names in each."""
    names, owner = name_pattern(timeline)
    quote_re = quote_pattern(quote) if quote else None
    paragraphs = []
    for raw in text.splitlines():
        para = Paragraph(textlayer.sanitize(raw))
        if quote_re is not None:
            para.marks += [Mark(m.start(), m.end()) for m in quote_re.finditer(para.text)]
        if names is not None:
            for match in names.finditer(para.text):
                para.marks.append(Mark(match.start(), match.end(), owner[match.group()]))
        paragraphs.append(para)
    return paragraphs


class ArticleView(ScrollView, can_focus=True):
    """Line-API view of a marked article; Tab/Enter follow the names."""

    BINDINGS = bindings_for("reader")

    COMPONENT_CLASSES = {"article--quote", "article--name", "article--cursor", "article--gutter"}

    DEFAULT_CSS = """
    ArticleView { scrollbar-size-horizontal: 0; }
    ArticleView > .article--quote { text-style: bold; background: $warning 30%; }
    ArticleView > .article--name { text-style: underline; }
    ArticleView > .article--cursor { text-style: reverse bold; }
    ArticleView > .article--gutter { color: $warning; text-style: bold; }
    """

    class Followed(Message):
        def __init__(self, entity_id: str) -> None:
            super().__init__()
            self.entity_id = entity_id

    def __init__(
        self,
        display: Display,
        header: list[str],
        paragraphs: list[Paragraph],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.ui = display
        self.header = header
        self.paragraphs = paragraphs
        self.lines: list[ArticleLine] = []
        self.link_entities: list[str] = []
        self.link_lines: list[int] = []  # first line of each link
        self.link = -1
        self.quote_line = -1
        self._width = -1

    @property
    def selected_entity(self) -> str | None:
        return self.link_entities[self.link] if self.link >= 0 else None

    # -- layout --------------------------------------------------------------------

    def _layout(self) -> None:
        width = self.scrollable_content_region.width or self.size.width or 80
        if width == self._width:
            return
        self._width = width
        text_width = max(1, width - 2)  # a gutter cell on each side for the quote bar
        self.lines = []
        self.link_entities, self.link_lines = [], []
        self.quote_line = -1
        for line in self.header:
            for row in self.ui.wrap(line, text_width):
                self.lines.append(ArticleLine(self._aligned(Text(row.text), row.rtl), []))
        self.lines.append(ArticleLine(Text(""), []))
        for para in self.paragraphs:
            self._layout_paragraph(para, text_width)
            self.lines.append(ArticleLine(Text(""), []))
        self.virtual_size = Size(width, len(self.lines))

    def _aligned(self, text: Text, rtl: bool) -> Text:
        width = max(1, self._width - 2)
        pad = " " * max(0, width - text.cell_len)
        return Text.assemble(" ", pad, text, " ") if rtl else Text.assemble(" ", text, pad, " ")

    def _layout_paragraph(self, para: Paragraph, width: int) -> None:
        if not para.text.strip():
            return
        # Links numbered in reading (logical) order across the article.
        link_of_mark: dict[int, int] = {}
        for i, mark in sorted(enumerate(para.marks), key=lambda im: im[1].start):
            if mark.entity is not None:
                link_of_mark[i] = len(self.link_entities)
                self.link_entities.append(mark.entity)
                self.link_lines.append(-1)
        quote_style = self.get_component_rich_style("article--quote")
        name_style = self.get_component_rich_style("article--name")
        for line in textlayer.layout(para.text, width, mode=self.ui.mode):
            base = "rtl" if line.rtl else "ltr"
            logical = para.text[line.start : line.end]
            drawn, cells = textlayer.visual_with_map(logical, base=base, mode=self.ui.mode)
            text = Text(line.text)
            spans: list[tuple[int, int, int]] = []
            has_quote = False
            if drawn == line.text:
                char_at = _char_index_of_cells(drawn)
                for i, mark in enumerate(para.marks):
                    start, end = max(mark.start, line.start), min(mark.end, line.end)
                    if start >= end:
                        continue
                    columns = [cells[k - line.start] for k in range(start, end)]
                    first = char_at[max(0, min(columns))]
                    last = char_at[min(len(char_at) - 1, max(columns))]
                    if mark.entity is None:
                        has_quote = True
                        text.stylize(quote_style, first, last + 1)
                    else:
                        text.stylize(name_style, first, last + 1)
                        link = link_of_mark[i]
                        spans.append((link, first, last + 1))
                        if self.link_lines[link] < 0:
                            self.link_lines[link] = len(self.lines)
            if has_quote and self.quote_line < 0:
                self.quote_line = len(self.lines)
            pad = max(0, width - text.cell_len)
            offset = pad + 1 if line.rtl else 1
            spans = [(link, a + offset, b + offset) for link, a, b in spans]
            aligned = self._aligned(text, line.rtl)
            self.lines.append(ArticleLine(aligned, spans, has_quote, line.rtl))

    # -- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._layout()
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        base_style = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base_style)
        line = self.lines[index]
        text = line.text
        if line.quote or any(link == self.link for link, _a, _b in line.spans):
            text = text.copy()
        if line.quote:  # a bar in the margin: the quote is findable without colour
            gutter = self.get_component_rich_style("article--gutter")
            side = len(text) - 1 if line.rtl else 0
            text = Text.assemble(text[:side], Text("┃", style=gutter), text[side + 1 :])
        for link, start, end in line.spans:
            if link == self.link:
                text.stylize(self.get_component_rich_style("article--cursor"), start, end)
                if not self.has_focus:
                    text.stylize(Style(reverse=False), start, end)
        strip = Strip(list(text.render(self.app.console))).apply_style(base_style)
        return strip.adjust_cell_length(width, base_style)

    def on_resize(self) -> None:
        self._layout()
        self.refresh()

    # -- movement ------------------------------------------------------------------

    def scroll_to_quote(self) -> bool:
        self._layout()
        if self.quote_line < 0:
            return False
        region = Region(0, self.quote_line, 1, 1)
        self.scroll_to_region(region, animate=False, center=True, immediate=True)
        return True

    def _select(self, link: int) -> None:
        if not self.link_entities:
            self.app.bell()
            return
        self.link = link % len(self.link_entities)
        line = self.link_lines[self.link]
        if line >= 0:
            self.scroll_to_region(Region(0, line, 1, 1), animate=False, immediate=True)
        self.refresh()

    def _first_link_from(self, top: int, step: int) -> int:
        """The first link at or below `top` (step 1), or above the screen's bottom (-1)."""
        order = range(len(self.link_lines)) if step > 0 else reversed(range(len(self.link_lines)))
        height = self.scrollable_content_region.height
        for i in order:
            if (step > 0 and self.link_lines[i] >= top) or (
                step < 0 and 0 <= self.link_lines[i] < top + height
            ):
                return i
        return 0 if step > 0 else len(self.link_lines) - 1

    def action_link_next(self) -> None:
        self._layout()
        if self.link < 0:
            self._select(self._first_link_from(int(self.scroll_y), 1))
        else:
            self._select(self.link + 1)

    def action_link_prev(self) -> None:
        self._layout()
        if self.link < 0:
            self._select(self._first_link_from(int(self.scroll_y), -1))
        else:
            self._select(self.link - 1)

    def action_scroll_line_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True)

    def action_scroll_line_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_first(self) -> None:
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        self.scroll_end(animate=False)

    def action_to_quote(self) -> None:
        if not self.scroll_to_quote():
            self.app.bell()

    def action_follow(self) -> None:
        entity = self.selected_entity
        if entity is not None:
            self.post_message(self.Followed(entity))

    def action_close(self) -> None:
        self.screen.dismiss(None)

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = int(self.scroll_y) + offset.y
        if not 0 <= index < len(self.lines):
            return
        for link, start, end in self.lines[index].spans:
            column = self.lines[index].text[:start].cell_len
            width = self.lines[index].text[start:end].cell_len
            if column <= offset.x < column + width:
                self._select(link)
                if event.chain >= 2:
                    self.action_follow()
                return


def _char_index_of_cells(drawn: str) -> list[int]:
    """For each cell column of `drawn`, the index of the character drawn there."""
    out: list[int] = []
    for i, char in enumerate(drawn):
        out.extend([i] * cell_len(char))
    return out or [0]
