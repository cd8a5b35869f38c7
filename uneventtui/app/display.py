"""How text from data, seeds and config becomes what the widgets draw.

Everything shown goes through `uneventtui.text` (which sanitises controls, shapes and
reorders Arabic) and comes out as `rich.text.Text` built from plain strings: never Rich
markup, so `[bold]` or `[@click=app.quit]` in a title is shown literally.
The `Display` object carries the rtl mode ("shaped" or "terminal") and the interface
language, so widgets never have to know which one is active.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes
from rich.text import Text

from uneventtui import text as textlayer
from uneventtui.app.i18n import tr

ELLIPSIS = "…"

# Characters one cell wide that never join a neighbour into one grapheme: Latin,
# Greek, Cyrillic, the common punctuation, box drawing and geometric shapes, and
# Arabic letters, digits and punctuation, plain or in presentation forms (what the
# shaper draws). Not the marks (harakat), nor formatting or control characters. A
# string made only of them is as many cells wide as it has characters, and cut
# anywhere without splitting a letter from its mark (tests/test_display.py checks
# each against Rich's own widths). No string with a control character matches.
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
_one_cell_only = re.compile(
    "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ONE_CELL_RANGES) + "]*"
).fullmatch


class Row(NamedTuple):
    """One laid-out line: what to draw (visual order) and whether to right-align it."""

    text: str
    rtl: bool
    cells: int


class Display(NamedTuple):
    """Shaping and layout for one run of the app."""

    mode: str = "shaped"  # "shaped": the app shapes and reorders; "terminal": the terminal does
    lang: str = "en"

    @property
    def mirrored(self) -> bool:
        """Right-to-left interface: labels on the right, the timeline on the right."""
        return self.lang == "ar"

    @property
    def base(self) -> str:
        return "rtl" if self.mirrored else "ltr"

    def label(self, key: str) -> str:
        """An interface label in the interface language, ready to draw."""
        return self.line(tr(key, self.lang), base=self.base)

    def line(self, text: str, base: str | None = None) -> str:
        """One line, sanitised and (in shaped mode) shaped and in visual order."""
        return textlayer.visual(text, base=base, mode=self.mode)

    def progress(self, label: str, done: float, width: int) -> str:
        """A label (ready to draw) with a bar and a percentage, in `width` cells or fewer:
        plain characters, so it shows without colour; in Arabic it fills from the right."""
        done = min(max(done, 0.0), 1.0)
        percent = f"{round(done * 100)}%"
        cells = min(30, width - cell_len(label) - len(percent) - 4)
        if cells < 5:
            return f"{percent} {label}" if self.mirrored else f"{label} {percent}"
        full = round(done * cells)
        if self.mirrored:
            return f"{percent} {'░' * (cells - full)}{'█' * full}  {label}"
        return f"{label}  {'█' * full}{'░' * (cells - full)} {percent}"

    def breadcrumb(self, parts: list[str]) -> str:
        """A "where you are" line from its parts (each ready to draw), outermost first:
        in Arabic it reads from the right, its arrows pointing left."""
        if self.mirrored:
            return " ‹ ".join(reversed(parts))
        return " › ".join(parts)

    def is_rtl(self, text: str) -> bool:
        return textlayer.is_rtl(text)

    def wrap(self, text: str, width: int, base: str | None = None) -> list[Row]:
        """A paragraph wrapped to `width` cells, each line ready to draw."""
        rows: list[Row] = []
        for paragraph in text.splitlines() or [""]:
            if not paragraph.strip():
                rows.append(Row("", False, 0))
                continue
            for line in textlayer.layout(paragraph, max(width, 1), base=base, mode=self.mode):
                rows.append(Row(line.text, line.rtl, line.cells))
        return rows


def fit(text: str, width: int, rtl: bool = False, style: str = "") -> Text:
    """`text` (already visual) in exactly `width` cells: padded, and cut with an ellipsis.

    RTL text is right-aligned, and cut on the left: its beginning is on the right.
    """
    if width <= 0:
        return Text()
    return Text(fit_plain(text, width, rtl), style=style)


def fit_plain(text: str, width: int, rtl: bool = False) -> str:
    """`fit` as a plain string (control codes removed, as `Text` does), for widgets that
    build their segments directly."""
    if width <= 0:
        return ""
    if not _one_cell_only(text):
        return _fit_measured(text, width, rtl)
    # One cell a character (and no control codes): ~20x faster than measuring each.
    if len(text) > width:
        kept = width - 1
        return ELLIPSIS + text[len(text) - kept :] if rtl else text[:kept] + ELLIPSIS
    pad = " " * (width - len(text))
    return pad + text if rtl else text + pad


def _fit_measured(text: str, width: int, rtl: bool) -> str:
    """`fit_plain` for any text: wide characters, marks and controls measured."""
    text = strip_control_codes(text)
    length = cell_len(text)
    if length > width:
        if rtl:  # (a wide letter cut in two leaves a blank, as set_cell_size does)
            tail = _tail_cells(text, width - 1)
            return ELLIPSIS + " " * (width - 1 - cell_len(tail)) + tail
        return set_cell_size(text, width - 1) + ELLIPSIS
    pad = " " * (width - length)
    return pad + text if rtl else text + pad


def _tail_cells(text: str, cells: int) -> str:
    """The end of `text` that fits in `cells` cells."""
    out = []
    used = 0
    for char in reversed(text):
        width = cell_len(char)
        if used + width > cells:
            break
        out.append(char)
        used += width
    # zero-width marks at the cut stay attached to the letter they follow
    return "".join(reversed(out))
