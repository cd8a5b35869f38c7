"""Logical text in, the lines a terminal should draw out.

Per paragraph (split on "\\n"): find the base direction (first strong
character, or forced), wrap the LOGICAL text to the width in cells measured on
the shaped text, then shape and reorder each line with the paragraph's
direction. Reordering first and cutting afterwards would put the end of an RTL
paragraph on its first line.

Reordering: the Unicode Bidirectional Algorithm. python-bidi's `get_display`
reorders but exposes no embedding levels, and rules L3 (combining marks after
their base, as FriBidi does) and L4 (mirroring brackets at odd levels) and the
cursor map need each character's level. So our resolver (`uba`, conformant
with all of BidiCharacterTest.txt and BidiTest.txt) gives the levels and the
order the line is drawn in. The tests check that order against python-bidi's
and GNU FriBidi's on the seeds and on generated text (tests/test_text_reference.py);
the drawing path reorders each line once.

Each wrapped line is resolved on its own, with its paragraph's direction (as
`get_display` does), rather than resolving the whole paragraph first: the
two differ only for a bracket pair or a number split across two lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, get_character_cell_size, split_graphemes

from uneventtui.text import uba
from uneventtui.text._unicode_tables import MIRRORS
from uneventtui.text.sanitize import sanitize, sanitize_with_offsets
from uneventtui.text.shaping import shape

MODES = ("shaped", "terminal")
_MIRROR = {chr(a): chr(b) for a, b in MIRRORS.items()}
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")


@dataclass(frozen=True)
class Line:
    """One line to draw.

    `text` is in visual order (in "terminal" mode: logical order), `rtl` says
    to right-align it, `cells` is its width in terminal cells. `start` and
    `end` delimit the logical text it shows, as offsets into `sanitize(text)`
    of the text given to `layout`; white space where a line was broken belongs
    to no line.
    """

    text: str
    rtl: bool
    cells: int
    start: int = 0
    end: int = 0


def _check(base: str | None, mode: str) -> None:
    if base not in (None, "auto", "rtl", "ltr"):
        raise ValueError(f"base must be None, 'auto', 'rtl' or 'ltr', not {base!r}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")


def _level(paragraph: str, base: str | None) -> int:
    if base == "rtl":
        return 1
    if base == "ltr":
        return 0
    return uba.paragraph_level(paragraph)


def is_rtl(text: str) -> bool:
    """True when the first strong character of `text` is right-to-left (Arabic, Hebrew...)."""
    return uba.paragraph_level(sanitize(text).replace("\n", " ")) == 1


def _reorder(shaped: str, level: int) -> tuple[str, list[int], list[int]]:
    """Visual string of one shaped line, its order (visual position -> shaped
    index) and the resolved levels (rules up to L4)."""
    if level == 0 and shaped.isascii():
        # No right-to-left or Arabic-number character: everything stays at level 0.
        return shaped, list(range(len(shaped))), [0] * len(shaped)
    para, levels = uba.resolve_levels(shaped, level)
    levels = uba.line_levels(shaped, levels, para)
    order = uba.visual_order(levels, uba.marks_after_base(shaped, levels))
    text = "".join(_MIRROR.get(shaped[i], shaped[i]) if levels[i] % 2 else shaped[i] for i in order)
    return text, order, levels


def _line(logical: str, level: int, mode: str, harakat: bool) -> tuple[str, list[int], list[int]]:
    """One line: (visual text, visual position of each logical char or -1, levels
    of the visual string's characters)."""
    if mode == "terminal":
        return logical, list(range(len(logical))), [level] * len(logical)
    shaped, index = shape(logical, harakat)
    text, order, levels = _reorder(shaped, level)
    position = [0] * len(order)
    for p, i in enumerate(order):
        position[i] = p
    where = [position[j] if j >= 0 else -1 for j in index]
    return text, where, [levels[i] for i in order]


def _one_line(text: str) -> str:
    return sanitize(text).replace("\n", " ")


@lru_cache(maxsize=8192)
def _visual(text: str, base: str | None, mode: str, harakat: bool) -> str:
    logical = _one_line(text)
    return _line(logical, _level(logical, base), mode, harakat)[0]


def visual(text: str, base: str | None = None, mode: str = "shaped", harakat: bool = True) -> str:
    """One line as a terminal should draw it: sanitised, shaped, in visual order.

    No wrapping: newlines become spaces. `base` None (or "auto") takes the
    direction of the first strong character; "rtl" or "ltr" force it.
    """
    _check(base, mode)
    return _visual(text, base, mode, harakat)


def _columns(drawn: str) -> tuple[list[int], list[int]]:
    """The column each character of `drawn` starts at, and the cells it adds,
    as Rich (and so Textual) measures the string: a grapheme joined by ZWJ or
    VS16 is one cluster, its later characters adding nothing."""
    starts = []
    widths = []
    column = 0
    if "\u200d" in drawn or "\ufe0f" in drawn:
        spans, _ = split_graphemes(drawn)
        for start, end, width in spans:
            starts += [column] * (end - start)
            widths += [width] + [0] * (end - start - 1)
            column += width
        return starts, widths
    for char in drawn:
        width = get_character_cell_size(char)
        starts.append(column)
        widths.append(width)
        column += width
    return starts, widths


@lru_cache(maxsize=4096)
def _visual_with_map(
    text: str, base: str | None, mode: str, harakat: bool
) -> tuple[str, tuple[int, ...]]:
    clean, offsets = sanitize_with_offsets(text)
    logical = clean.replace("\n", " ")
    level = _level(logical, base)
    drawn, where, levels = _line(logical, level, mode, harakat)
    starts, widths = _columns(drawn)
    # The cell of each logical character; zero-width ones share their base's cell.
    cells: list[int] = []
    last = -1  # visual position of the last logical character with width so far
    for p in where:
        if p >= 0 and widths[p] > 0:
            last = p
            cells.append(starts[p])
        else:
            cells.append(starts[last] if last >= 0 else -1)
    if last < 0:  # nothing visible: every cursor position is at the start
        end = 0
    elif levels[last] % 2:
        end = starts[last] - 1  # after a right-to-left character: at its left
    else:
        end = starts[last] + widths[last]
    # Zero-width characters before any visible one go with the first visible one.
    first_visible = next((c for c in cells if c >= 0), end)
    cells = [c if c >= 0 else first_visible for c in cells]
    cells.append(end)
    return drawn, tuple(cells[k] for k in offsets)


def visual_with_map(
    text: str, base: str | None = None, mode: str = "shaped", harakat: bool = True
) -> tuple[str, list[int]]:
    """`visual(text)` plus where a cursor goes for each logical position 0..len(text).

    The map has len(text) + 1 entries, indexed by positions in `text` itself
    (before sanitising), so that an input widget can pass its own cursor
    index. Entry i is the cell column, counted from the left end of the visual
    string, to draw a block cursor on when it stands before logical character
    i: the cell that shows character i (a combining mark, or the alef of a
    lam-alef, shares its base's cell). The last entry, the cursor after the
    last character, is the cell beside that character on the side where
    reading continues: to its right after a left-to-right character, to its
    LEFT after a right-to-left one (an Arabic letter just typed). That is -1,
    the cell just left of the string, when that character is drawn leftmost:
    an RTL input keeps one free cell left of its text for it.

    Characters that `sanitize` drops share the cell of the character after
    them; a tab maps to its first space.
    """
    _check(base, mode)
    drawn, cells = _visual_with_map(text, base, mode, harakat)
    return drawn, list(cells)


def _widths(paragraph: str, harakat: bool, mode: str) -> list[int]:
    """Cells each logical character adds once shaped (0 for marks, alef of lam-alef...)."""
    if mode == "terminal":
        return [get_character_cell_size(c) for c in paragraph]
    shaped, index = shape(paragraph, harakat)
    widths = []
    seen = set()
    for j in index:
        if j < 0 or j in seen:
            widths.append(0)
        else:
            seen.add(j)
            widths.append(get_character_cell_size(shaped[j]))
    return widths


def _is_break(char: str) -> bool:
    return char.isspace() and char not in _NO_BREAK_SPACES


def _tokens(paragraph: str) -> list[tuple[int, int, int]]:
    """(space start, word start, word end) of each run of spaces + following word."""
    tokens = []
    n = len(paragraph)
    i = 0
    while i < n:
        space_start = i
        while i < n and _is_break(paragraph[i]):
            i += 1
        word_start = i
        while i < n and not _is_break(paragraph[i]):
            i += 1
        tokens.append((space_start, word_start, i))
    return tokens


def _wrap(paragraph: str, widths: list[int], width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of one paragraph: (start, end) of each line.

    The spaces where a line is broken, and trailing spaces that do not fit,
    are dropped; a word wider than the line is cut between characters, never
    between a letter and its marks (zero-width characters stay with the
    character before them).
    """
    lines: list[tuple[int, int]] = []
    start: int | None = None  # the current line is [start, end)
    end = used = 0
    for space_start, word_start, word_end in _tokens(paragraph):
        spaces = sum(widths[space_start:word_start])
        word = sum(widths[word_start:word_end])
        if start is None:  # first token: leading spaces are content
            start = end = place = space_start
        elif used + spaces + word <= width:
            end, used = word_end, used + spaces + word
            continue
        elif word_start == word_end:  # trailing spaces that do not fit
            break
        else:
            lines.append((start, end))
            start = end = place = word_start
            used = 0
        # Put [place, word_end) on the current line, cutting where it overflows.
        pos = place
        while pos < word_end:
            cluster_end = pos + 1
            while cluster_end < word_end and widths[cluster_end] == 0:
                cluster_end += 1
            cluster = sum(widths[pos:cluster_end])
            if used + cluster > width and pos > start:
                lines.append((start, pos))
                start, used = pos, 0
            used += cluster
            pos = cluster_end
        end = word_end
    lines.append((0, 0) if start is None else (start, end))
    return lines


def _line_text(paragraph: str, start: int, end: int, level: int, mode: str, harakat: bool) -> str:
    """The drawn text of paragraph[start:end]."""
    if mode == "terminal":
        return paragraph[start:end]
    cut_word = (start > 0 and not _is_break(paragraph[start - 1])) or (
        end < len(paragraph) and not _is_break(paragraph[end])
    )
    if cut_word:  # the pieces of a cut word take their own joining forms
        return _line(paragraph[start:end], level, mode, harakat)[0]
    # Joining never crosses a space: the line's shaping is a slice of the paragraph's.
    shaped, index = shape(paragraph, harakat)
    shown = [j for j in index[start:end] if j >= 0]
    return _reorder(shaped[shown[0] : shown[-1] + 1], level)[0] if shown else ""


@lru_cache(maxsize=4096)
def _layout(text: str, width: int, base: str | None, mode: str, harakat: bool) -> tuple[Line, ...]:
    width = max(1, width)
    clean = sanitize(text)
    lines = []
    offset = 0
    for paragraph in clean.split("\n"):
        level = _level(paragraph, base)
        widths = _widths(paragraph, harakat, mode)
        for start, end in _wrap(paragraph, widths, width):
            drawn = _line_text(paragraph, start, end, level, mode, harakat)
            lines.append(Line(drawn, level == 1, cell_len(drawn), offset + start, offset + end))
        offset += len(paragraph) + 1
    return tuple(lines)


def layout(
    text: str,
    width: int,
    base: str | None = None,
    mode: str = "shaped",
    harakat: bool = True,
) -> list[Line]:
    """Wrap `text` to `width` cells: the lines to draw, top to bottom.

    Every "\\n" starts a paragraph with its own direction (unless `base`
    forces one). Each line fits `width` unless a single character is wider.
    `harakat=False` drops the Arabic vowel marks.
    """
    _check(base, mode)
    return list(_layout(text, width, base, mode, harakat))
