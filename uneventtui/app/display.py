"""How text from data, seeds and config becomes what the widgets draw.

Everything shown goes through `uneventtui.text` (which sanitises controls, shapes and
reorders Arabic) and comes out as `rich.text.Text` built from plain strings: never Rich
markup, so `[bold]` or `[@click=app.quit]` in a title is shown literally.
The `Display` object carries the rtl mode ("shaped" or "terminal") and the interface
language, so widgets never have to know which one is active.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text

from uneventtui import text as textlayer
from uneventtui.app.i18n import tr
from uneventtui.text import cells


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
        bar = min(30, width - cells.cell_len(label) - len(percent) - 4)
        if bar < 5:
            return f"{percent} {label}" if self.mirrored else f"{label} {percent}"
        full = round(done * bar)
        if self.mirrored:
            return f"{percent} {'░' * (bar - full)}{'█' * full}  {label}"
        return f"{label}  {'█' * full}{'░' * (bar - full)} {percent}"

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


def fit(text: str, width: int, rtl: bool = False, style: Style | str = "") -> Text:
    """`cells.fit` as a Rich `Text` in `style`: `text` (already visual) in exactly
    `width` cells, padded and cut with an ellipsis; RTL text right-aligned and cut on
    the left, where its beginning is not."""
    return Text(cells.fit(text, width, rtl), style=style) if width > 0 else Text()
