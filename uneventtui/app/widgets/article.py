"""The article view of the source reader: a seed article shaped and wrapped to the
window, the supporting quote highlighted, known entity names marked as links.

Marks are found in the logical text; the text layer's `layout` says which logical
range each drawn line shows and `visual_with_map` where each of its characters lands,
so a highlight follows the words wherever bidi reordering put them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.text import Text
from textual.geometry import Region
from textual.message import Message

from uneventtui import text as textlayer
from uneventtui.app.bindings import bindings_for
from uneventtui.app.display import Display
from uneventtui.app.widgets.link_view import Drawn, Flow, LinkView, Piece, Stack
from uneventtui.model import Timeline
from uneventtui.text.cells import cell_columns, span_cells

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


class ArticleView(LinkView):
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

    CURSOR = "article--cursor"

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
        super().__init__(display, id=id)
        self.set_article(header, paragraphs)

    def set_article(self, header: list[str], paragraphs: list[Paragraph]) -> None:
        """Show another article (or another quote of this one); no link selected."""
        self.header = header
        self.paragraphs = paragraphs
        # Links are the names, in reading (logical) order across the article.
        self.link_entities = [
            mark.entity for para in paragraphs for mark in _names(para) if mark.entity
        ]
        self.link = -1
        self._quote_line = -1
        self.content_changed()

    @property
    def selected_entity(self) -> str | None:
        return self.link_entities[self.link] if self.link >= 0 else None

    @property
    def quote_line(self) -> int:
        """The first line of the highlighted quote, or -1."""
        _ = self.stack
        return self._quote_line

    def follow(self, link: int) -> None:
        self.post_message(self.Followed(self.link_entities[link]))

    # -- layout --------------------------------------------------------------------

    def build(self, width: int) -> Stack:
        text_width = max(1, width - 2)  # a gutter cell on each side for the quote bar
        blank = Drawn(Text(""))
        head = [
            Drawn(_aligned(Text(row.text), row.rtl, text_width), rtl=row.rtl)
            for line in self.header
            for row in self.ui.wrap(line, text_width)
        ]
        pieces: list[Piece] = [Flow.drawn([*head, blank])]
        height = len(head) + 1
        self._quote_line = -1
        for para in self.paragraphs:
            piece = self._paragraph(para, text_width)
            if piece is not None:
                if self._quote_line < 0 and piece.quote_line >= 0:
                    self._quote_line = height + piece.quote_line
                pieces.append(piece)
                height += piece.height
            pieces.append(Flow.drawn([blank]))
            height += 1
        return Stack(pieces)

    def _paragraph(self, para: Paragraph, width: int) -> _Paragraph | None:
        if not para.text.strip():
            return None
        lines = textlayer.layout(para.text, width, mode=self.ui.mode)
        return _Paragraph(self, para, lines, width)

    # -- keys ----------------------------------------------------------------------

    def scroll_to_quote(self) -> bool:
        if self.quote_line < 0:
            return False
        region = Region(0, self.quote_line, 1, 1)
        self.scroll_to_region(region, animate=False, center=True, immediate=True)
        return True

    def action_link_next(self) -> None:
        if not self.link_entities:
            self.app.bell()
            return
        self.step_link(+1, wrap=True)

    def action_link_prev(self) -> None:
        if not self.link_entities:
            self.app.bell()
            return
        self.step_link(-1, wrap=True)

    def action_scroll_line_down(self) -> None:
        self.scroll_lines(+1)

    def action_scroll_line_up(self) -> None:
        self.scroll_lines(-1)

    def action_first(self) -> None:
        self.scroll_lines(-self.stack.height)

    def action_last(self) -> None:
        self.scroll_lines(self.stack.height)

    def action_to_quote(self) -> None:
        if not self.scroll_to_quote():
            self.app.bell()

    def action_close(self) -> None:
        self.screen.dismiss(None)


class _Paragraph(Flow):
    """A paragraph of the article: its lines known from the text layer's layout, its
    marks placed on them (the bidi mapping, the styles) only when it is first shown."""

    def __init__(self, view: ArticleView, para: Paragraph, lines: list, width: int) -> None:
        self.view, self.para, self.layout, self.width = view, para, lines, width
        self.names = _names(para)
        spans = [_lines_of(mark, lines) for mark in self.names]
        quoted = [_lines_of(mark, lines) for mark in para.marks if mark.entity is None]
        self.quote_line = min((first for first, _last in quoted), default=-1)
        super().__init__(len(lines), spans, self._draw_lines)

    def _draw_lines(self) -> list[Drawn]:
        para, width, mode = self.para, self.width, self.view.ui.mode
        quote_style = self.view.component_style("article--quote")
        name_style = self.view.component_style("article--name")
        gutter = Text("┃", style=self.view.component_style("article--gutter"))
        link_of = {id(mark): k for k, mark in enumerate(self.names)}
        out = []
        for line in self.layout:
            base = "rtl" if line.rtl else "ltr"
            logical = para.text[line.start : line.end]
            drawn, cells = textlayer.visual_with_map(logical, base=base, mode=mode)
            text = Text(line.text)
            spans: list[tuple[int, int, int]] = []
            has_quote = False
            if drawn == line.text:
                char_at = cell_columns(drawn)
                for mark in para.marks:
                    start, end = max(mark.start, line.start), min(mark.end, line.end)
                    if start >= end:
                        continue
                    span = (start - line.start, end - line.start)
                    columns = span_cells([span], cells, len(logical))
                    first = char_at[max(0, min(columns))]
                    last = char_at[min(len(char_at) - 1, max(columns))]
                    if mark.entity is None:
                        has_quote = True
                        text.stylize(quote_style, first, last + 1)
                    else:
                        text.stylize(name_style, first, last + 1)
                        spans.append((link_of[id(mark)], first, last + 1))
            offset = max(0, width - text.cell_len) + 1 if line.rtl else 1
            aligned = _aligned(text, line.rtl, width)
            if has_quote:  # a bar in the margin: the quote is findable without colour
                side = len(aligned) - 1 if line.rtl else 0
                aligned = Text.assemble(aligned[:side], gutter, aligned[side + 1 :])
            links = tuple((link, a + offset, b + offset) for link, a, b in spans)
            out.append(Drawn(aligned, links, rtl=line.rtl))
        return out


def _names(para: Paragraph) -> list[Mark]:
    """The paragraph's name marks, in reading order: its links."""
    return sorted((m for m in para.marks if m.entity is not None), key=lambda m: m.start)


def _lines_of(mark: Mark, lines: list) -> tuple[int, int]:
    """The first and last laid-out line that show part of a mark."""
    on = [y for y, ln in enumerate(lines) if max(mark.start, ln.start) < min(mark.end, ln.end)]
    if not on:  # only white space where a line broke: the line before the break
        y = max(0, sum(1 for line in lines if line.end <= mark.start) - 1)
        return y, y
    return on[0], on[-1]


def _aligned(text: Text, rtl: bool, width: int) -> Text:
    """A line in `width` cells and a margin cell each side, right-aligned if RTL."""
    pad = " " * max(0, width - text.cell_len)
    return Text.assemble(" ", pad, text, " ") if rtl else Text.assemble(" ", text, pad, " ")
