"""The search bar's editing model: a logical value, a logical cursor, visual arrows.

Pure logic, no Textual: the widget (`uneventtui.app.widgets.search_input`) only turns
keys into these calls and draws `EditBuffer.view(width)`.

The model
- The value is kept in logical order (the order it was typed in): that is what search
  needs and what Backspace acts on.
- The cursor is a logical index, 0..len(value): the gap before `value[cursor]`.
- Where things are drawn comes from the text layer: `visual_with_map(value)` gives the
  visual string (shaped, in visual order) and, for every logical index, the cell column
  of the cursor there. The cursor is drawn as a block on that cell: in Arabic it sits on
  the letter that follows it logically, so after the last letter it is the empty cell
  just LEFT of the word, where the next letter will appear.

The keys
- Left / Right move VISUALLY: Left goes to the nearest cell on the left of the cursor
  that some logical index maps to (several indices on one cell, as around a lam-alef
  ligature or a mark: the one logically nearest). In Arabic, Left therefore moves
  forward through the text, and in a mixed Arabic/Latin query the cursor walks across
  the screen one cell at a time instead of jumping at direction changes.
- Home / ctrl+a and End / ctrl+e go to the logical start and end (in an Arabic query
  the start is the right end of the box).
- Backspace deletes the character before the cursor in logical order (the one typed
  just before it: in Arabic, the letter on the cursor's right); Delete / ctrl+d the one
  after it.
- ctrl+w deletes the word before the cursor (and the spaces between it and the cursor,
  like readline); ctrl+u everything before the cursor; ctrl+k everything after it.
- Typed and pasted text is cleaned before it goes in (`clean_input`): line breaks and
  tabs become spaces, other control and format characters (escape sequences, bidi
  overrides and isolates, BOM) are dropped, and the value is capped at `MAX_LENGTH`.

Scrolling: when the text is wider than the box, the box is a window on it that moves
only as far as needed to keep the cursor visible. An RTL value is anchored on the right
(short text is right-aligned, and scrolling counts from the right end), an LTR value on
the left, so an edit never makes the window jump.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from uneventtui.text.cells import cell_len

MAX_LENGTH = 1000
"""Longest value the bar accepts: a pasted article is cut here, search is by names."""

# A layout turns a value into (visual string, cursor cell per logical index, is RTL).
Layout = Callable[[str], "tuple[str, list[int], bool]"]

_KEEP_FORMAT = frozenset("\u200c\u200d")  # ZWNJ, ZWJ: they change how letters join
_AS_SPACE = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def clean_input(text: str) -> str:
    """Typed or pasted text as the bar stores it: one line, nothing a terminal executes.

    Line breaks and tabs become a space (a CRLF one space); other control characters
    (C0, C1, ESC), format characters (bidi embeddings, overrides, isolates, marks, BOM,
    except ZWJ and ZWNJ), surrogates, private-use and unassigned code points are dropped.
    """
    out = []
    for char in text.replace("\r\n", "\n"):
        if char in _AS_SPACE:
            out.append(" ")
            continue
        category = unicodedata.category(char)
        if category[0] == "C" and char not in _KEEP_FORMAT:
            continue
        out.append(char)
    return "".join(out)


def shaped_layout(mode: str = "shaped") -> Layout:
    """The text layer's layout for `mode` ("shaped" or "terminal")."""

    def layout(value: str) -> tuple[str, list[int], bool]:
        from uneventtui.text import is_rtl, visual_with_map

        visual, cells = visual_with_map(value, mode=mode)
        return visual, cells, bool(value) and is_rtl(value)

    return layout


@dataclass(frozen=True)
class View:
    """What the box shows: one string per column, and where the cursor is."""

    cells: tuple[str, ...]  # len == width; " " for blank, "" behind a wide character
    cursor: int | None  # column of the cursor block, None when it is outside the box
    rtl: bool

    @property
    def text(self) -> str:
        """The line as drawn (for tests and debugging)."""
        return "".join(self.cells)


class EditBuffer:
    """A one-line editable value kept in logical order, with visual cursor movement."""

    def __init__(self, value: str = "", layout: Layout | None = None) -> None:
        self._layout = layout or shaped_layout()
        self._value = ""
        self._cursor = 0
        self._scroll = 0  # first visible cell, counted from the anchor end
        self._cache: tuple[str, tuple[str, list[int], bool]] | None = None
        self.set_value(value)

    # -- state ------------------------------------------------------------------------

    @property
    def value(self) -> str:
        return self._value

    @property
    def cursor(self) -> int:
        return self._cursor

    @cursor.setter
    def cursor(self, index: int) -> None:
        self._cursor = max(0, min(index, len(self._value)))

    def set_value(self, value: str, cursor: int | None = None) -> None:
        """Replace the whole value (cleaned); the cursor goes to the end unless given."""
        self._value = clean_input(value)[:MAX_LENGTH]
        self.cursor = len(self._value) if cursor is None else cursor

    def set_layout(self, layout: Layout) -> None:
        """Switch layouts (e.g. the rtl mode changed)."""
        self._layout = layout
        self._cache = None
        self._scroll = 0

    def layout(self) -> tuple[str, list[int], bool]:
        """(visual string, cursor cell per logical index, is RTL) of the current value."""
        if self._cache is None or self._cache[0] != self._value:
            self._cache = (self._value, self._layout(self._value))
        return self._cache[1]

    # -- editing ----------------------------------------------------------------------

    def insert(self, text: str) -> bool:
        """Insert typed or pasted text at the cursor; False when nothing went in."""
        text = clean_input(text)[: MAX_LENGTH - len(self._value)]
        if not text:
            return False
        i = self._cursor
        self._value = self._value[:i] + text + self._value[i:]
        self._cursor = i + len(text)
        return True

    def _delete(self, start: int, end: int, cursor: int) -> bool:
        end = min(end, len(self._value))
        if start >= end:
            return False
        self._value = self._value[:start] + self._value[end:]
        self._cursor = cursor
        return True

    def backspace(self) -> bool:
        """Delete the character before the cursor (logical order)."""
        i = self._cursor
        return self._delete(i - 1, i, i - 1) if i > 0 else False

    def delete(self) -> bool:
        """Delete the character after the cursor (logical order)."""
        i = self._cursor
        return self._delete(i, i + 1, i)

    def delete_word_before(self) -> bool:
        """ctrl+w: the spaces before the cursor, then the word before them."""
        i = j = self._cursor
        while j > 0 and self._value[j - 1].isspace():
            j -= 1
        while j > 0 and not self._value[j - 1].isspace():
            j -= 1
        return self._delete(j, i, j)

    def delete_to_start(self) -> bool:
        """ctrl+u: everything before the cursor."""
        return self._delete(0, self._cursor, 0)

    def delete_to_end(self) -> bool:
        """ctrl+k: everything after the cursor."""
        return self._delete(self._cursor, len(self._value), self._cursor)

    def clear(self) -> bool:
        """Empty the value."""
        changed = bool(self._value)
        self.set_value("")
        return changed

    # -- movement ---------------------------------------------------------------------

    def home(self) -> None:
        """Logical start (the right end of an RTL value)."""
        self._cursor = 0

    def end(self) -> None:
        """Logical end (the left end of an RTL value)."""
        self._cursor = len(self._value)

    def left(self) -> bool:
        """Move one cell left on screen; False at the left end."""
        return self._move_visually(-1)

    def right(self) -> bool:
        """Move one cell right on screen; False at the right end."""
        return self._move_visually(+1)

    def _move_visually(self, direction: int) -> bool:
        _, cells, _ = self.layout()
        here = cells[self._cursor]
        best: int | None = None
        best_key: tuple[int, int] | None = None
        for index, cell in enumerate(cells):
            distance = (cell - here) * direction
            if distance <= 0:
                continue
            key = (distance, abs(index - self._cursor))
            if best_key is None or key < best_key:
                best, best_key = index, key
        if best is None:
            return False
        self._cursor = best
        return True

    # -- drawing ----------------------------------------------------------------------

    def _anchors(self) -> tuple[list[str], list[int], bool, int, Callable[[int], int]]:
        """Drawn cells, cursor cells, RTL, the content's span, and cell -> anchor offset."""
        visual, cells, rtl = self.layout()
        columns = cell_strings(visual)  # content cell -> text drawn there
        low = min(0, min(cells))
        high = max(len(columns), max(cells) + 1)

        def to_anchor(cell: int) -> int:
            return high - 1 - cell if rtl else cell - low

        return columns, cells, rtl, high - low, to_anchor

    def click(self, column: int, width: int) -> bool:
        """Put the cursor where the box was clicked (as last drawn at `width`)."""
        _, cells, rtl, _, to_anchor = self._anchors()
        best: tuple[int, int] | None = None
        for index, cell in enumerate(cells):
            where = _to_column(to_anchor(cell), self._scroll, max(1, width), rtl)
            if where is None:
                continue
            key = (abs(where - column), abs(index - self._cursor))
            if best is None or key < best:
                best, self._cursor = key, index
        return best is not None

    def view(self, width: int) -> View:
        """The box's content at `width` columns, scrolled so the cursor is visible."""
        width = max(1, width)
        columns, cells, rtl, span, to_anchor = self._anchors()
        cursor_anchor = to_anchor(cells[self._cursor])
        scroll = self._scroll
        if cursor_anchor < scroll:
            scroll = cursor_anchor
        elif cursor_anchor >= scroll + width:
            scroll = cursor_anchor - width + 1
        scroll = max(0, min(scroll, span - width))
        self._scroll = scroll

        out = [" "] * width
        for cell, drawn in enumerate(columns):
            column = _to_column(to_anchor(cell), scroll, width, rtl)
            if column is not None:
                out[column] = drawn
        _blank_cut_halves(out)
        cursor = _to_column(cursor_anchor, scroll, width, rtl)
        return View(cells=tuple(out), cursor=cursor, rtl=rtl)


def _to_column(anchor: int, scroll: int, width: int, rtl: bool) -> int | None:
    offset = anchor - scroll
    if not 0 <= offset < width:
        return None
    return width - 1 - offset if rtl else offset


def _blank_cut_halves(out: list[str]) -> None:
    """A wide character cut by an edge of the box leaves half of it: blank that half."""
    for column, drawn in enumerate(out):
        orphan = drawn == "" and (column == 0 or cell_len(out[column - 1]) < 2)
        cut = cell_len(drawn) == 2 and (column + 1 >= len(out) or out[column + 1] != "")
        if orphan or cut:
            out[column] = " "


def cell_strings(visual: str) -> list[str]:
    """One string per cell of `visual`: a character with the marks that follow it."""
    columns: list[str] = []
    pending = ""  # marks before any character: they go with the first one
    for char in visual:
        size = cell_len(char)
        if size == 0:
            if not columns:
                pending += char
            else:
                # A combining mark belongs to the character before it (behind a wide
                # character, that is the cell before the "" placeholder).
                last = len(columns) - 1
                if columns[last] == "" and last > 0:
                    last -= 1
                columns[last] += char
            continue
        columns.append(pending + char)
        pending = ""
        if size == 2:
            columns.append("")
    return columns
