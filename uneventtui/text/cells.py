"""Text in terminal cells: how wide a string is, and cutting it to a width.

Pure Python (the text layer imports nothing from Rich or Textual). The widths are the
terminal's (wcwidth's rules, as Rich and so Textual measure the strings they draw): 0
for controls, combining marks and format characters, 2 for East Asian wide and full
width characters, 1 for the rest. tests/test_text_cells.py checks them against Rich's
for the scripts the explorer draws.

One set of helpers for every place that fits text to a width (the timeline's columns,
the detail pane, the title bar, the search results, the command line's tables):
`fit` (pad and cut with `ELLIPSIS`), `clip` (cut only), and `fit_cells` for text
already split into cells (`Cells`, with a mark per cell, e.g. a search match). `MARKER`
and `MARKER_RTL` mark a selected row wherever one is drawn.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

ELLIPSIS = "…"
MARKER = "▶ "  # a selected row, left-to-right interface (a shape: it reads without colour)
MARKER_RTL = " ◀"  # the same, right-to-left interface

# Format characters that take a cell: the soft hyphen, and the Arabic and Syriac signs
# written before the number they span (prepended concatenation marks).
_SPACING_FORMAT = frozenset(
    "\u00ad\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
)
_ZERO_CATEGORIES = frozenset({"Mn", "Me", "Mc", "Cf", "Zl", "Zp"})
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """The cells one character takes in a terminal: 0, 1 or 2."""
    code = ord(char)
    if 0x20 <= code < 0x7F:
        return 1
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0
    category = unicodedata.category(char)
    if category in _ZERO_CATEGORIES and char not in _SPACING_FORMAT:
        return 0
    if category == "Cn":  # unassigned to this Python's Unicode: as Rich's table says
        return 2 if 0x20000 <= code <= 0x3FFFD else 1
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF or 0x1F3FB <= code <= 0x1F3FF:
        return 0  # Hangul vowels and final consonants join the syllable; skin tones
    if code in (0x3164, 0xFFA0):  # Hangul fillers
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


# Characters one cell wide that never join a neighbour into one grapheme: Latin,
# Greek, Cyrillic, the common punctuation, box drawing and geometric shapes, and
# Arabic letters, digits and punctuation, plain or in presentation forms (what the
# shaper draws). Not the marks (harakat), nor formatting or control characters. A
# string made only of them is as many cells wide as it has characters, and is cut
# anywhere without splitting a letter from its mark.
ONE_CELL_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0xAC),
    (0xAE, 0x2FF),
    (0x370, 0x482),
    (0x60C, 0x60C),
    (0x61B, 0x61B),
    (0x61F, 0x64A),
    (0x660, 0x66F),
    (0x671, 0x6D3),
    (0x6D5, 0x6D5),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x2190, 0x21FF),
    (0x2500, 0x25FC),
    (0xFB50, 0xFBB1),
    (0xFBD3, 0xFD3D),
    (0xFD50, 0xFD8F),
    (0xFD92, 0xFDC7),
    (0xFDF0, 0xFDFB),
    (0xFE70, 0xFE74),
    (0xFE76, 0xFEFC),
)
one_cell_only = re.compile(
    "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ONE_CELL_RANGES) + "]*"
).fullmatch


def cell_len(text: str) -> int:
    """The cells `text` takes in a terminal (a ZWJ sequence or an emoji made wide by
    VS16 as one grapheme, as Rich measures it)."""
    if one_cell_only(text):
        return len(text)
    if "\u200d" in text or "\ufe0f" in text:
        return grapheme_spans(text)[1]
    return sum(map(char_cells, text))


def grapheme_spans(text: str) -> tuple[list[tuple[int, int, int]], int]:
    """`text` split into graphemes as a terminal draws them: (start, end, cells) for
    each, covering every character, and the cells of the whole. A zero-width
    character joins the grapheme before it; a ZWJ joins the next character to it too;
    VS16 after a one-cell symbol makes it two cells (emoji presentation)."""
    spans: list[tuple[int, int, int]] = []
    total = 0
    index, count = 0, len(text)
    while index < count:
        char = text[index]
        if spans and char == "\u200d":  # joins the next character into this grapheme
            index = min(index + 2, count)
            start, _end, cells = spans[-1]
            spans[-1] = (start, index, cells)
            continue
        if spans and char == "\ufe0f":
            start, end, cells = spans[-1]
            if end - start == 1 and cells == 1 and unicodedata.category(text[start]) == "So":
                cells += 1
                total += 1
            spans[-1] = (start, index + 1, cells)
            index += 1
            continue
        width = char_cells(char)
        if width == 0 and spans:
            start, _end, cells = spans[-1]
            spans[-1] = (start, index + 1, cells)
        else:
            spans.append((index, index + 1, width))
            total += width
        index += 1
    return spans, total


def _head(text: str, cells: int) -> str:
    """The start of `text` that fits in `cells` cells (a mark stays with its letter)."""
    used = 0
    for i, char in enumerate(text):
        used += char_cells(char)
        if used > cells:
            return text[:i]
    return text


def _tail(text: str, cells: int) -> str:
    """The end of `text` that fits in `cells` cells; a mark cut from its letter goes."""
    used = 0
    start = len(text)
    for i in range(len(text) - 1, -1, -1):
        width = char_cells(text[i])
        if used + width > cells:
            break
        used += width
        start = i
    while start < len(text) and char_cells(text[start]) == 0:
        start += 1  # marks whose letter was cut off
    return text[start:]


def clip(text: str, cells: int, rtl: bool = False) -> str:
    """`text` (visual order) in at most `cells` cells: as it is if it fits, else cut
    with `ELLIPSIS`, on the right, or with `rtl` (its beginning is on the right) on
    the left. Control characters are dropped (they take no cell)."""
    if cells <= 0:
        return ""
    if one_cell_only(text):  # one cell a character: no measuring
        if len(text) <= cells:
            return text
        kept = cells - 1
        return ELLIPSIS + text[len(text) - kept :] if rtl else text[:kept] + ELLIPSIS
    text = _CONTROLS.sub("", text)  # as Rich's Text drops them: they take no cell
    if cell_len(text) <= cells:
        return text
    if rtl:
        tail = _tail(text, cells - 1)
        return ELLIPSIS + " " * (cells - 1 - cell_len(tail)) + tail
    head = _head(text, cells - 1)  # (a wide letter cut in two leaves a blank)
    return head + " " * (cells - 1 - cell_len(head)) + ELLIPSIS


def fit(text: str, cells: int, rtl: bool = False) -> str:
    """`text` (visual order) in exactly `cells` cells: cut as `clip` cuts it (control
    characters dropped), and padded, on the left when `rtl` (right-aligned)."""
    if cells <= 0:
        return ""
    text = clip(text, cells, rtl)
    pad = " " * (cells - (len(text) if one_cell_only(text) else cell_len(text)))
    return pad + text if rtl else text + pad


Mark = TypeVar("Mark")
Cells = list[tuple[str, Mark]]  # one entry per terminal cell: (what is drawn there, a mark)


def fit_cells(
    cells: Sequence[tuple[str, Mark]],
    width: int,
    rtl: bool,
    logical: bool = False,
    blank: Mark = False,  # type: ignore[assignment]
) -> list[tuple[str, Mark]]:
    """`cells` in exactly `width` cells: cut with an ellipsis, padded on the far side
    (the padding and the ellipsis marked `blank`). The second cell of a wide character
    is an entry with the text "".

    RTL text is right-aligned. Shaped RTL text is in visual order, its beginning on the
    right, so it is cut on its left; `logical` cells (a terminal that reorders them
    itself) are cut at their end, as LTR text is.
    """
    if width <= 0:
        return []
    out = list(cells)
    if len(out) > width:
        if rtl and not logical:
            kept = out[len(out) - width + 1 :]
            if kept and kept[0][0] == "":  # the right half of a wide character cut in two
                kept[0] = (" ", blank)
            out = [(ELLIPSIS, blank), *kept]
        else:
            kept = out[: width - 1]
            if kept and cell_len(kept[-1][0]) == 2:  # its right half is cut off
                kept[-1] = (" ", blank)
            out = [*kept, (ELLIPSIS, blank)]
    pad = [(" ", blank)] * (width - len(out))
    return pad + out if rtl else out + pad


def cell_columns(text: str) -> list[int]:
    """For each cell column of `text`, the index of the character drawn there."""
    out: list[int] = []
    for i, char in enumerate(text):
        out.extend([i] * char_cells(char))
    return out or [0]


def span_cells(spans: Iterable[tuple[int, int]], cell_of: Sequence[int], length: int) -> set[int]:
    """The cells that logical spans (start, end offsets into a text of `length`
    characters) land on, given the cell of each logical character (`cell_of`, from
    `visual_with_map`): a match highlighted where the user sees it after reordering."""
    return {cell_of[i] for start, end in spans for i in range(max(start, 0), min(end, length))}
