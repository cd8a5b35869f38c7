"""Bridge to `uneventtui.text` while its API lands (remove once it has mode/layout/is_rtl)."""

from __future__ import annotations

import textwrap
import unicodedata
from types import SimpleNamespace

from rich.cells import cell_len

from uneventtui import text as textlayer


def visual(text: str, base: str | None, mode: str) -> str:
    try:
        return textlayer.visual(text, base=base, mode=mode)
    except TypeError:
        return textlayer.visual(text, base)


def is_rtl(text: str) -> bool:
    if hasattr(textlayer, "is_rtl"):
        return textlayer.is_rtl(text)
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi in ("R", "AL"):
            return True
        if bidi == "L":
            return False
    return False


def layout(text: str, width: int, base: str | None, mode: str) -> list:
    if hasattr(textlayer, "layout"):
        return textlayer.layout(text, width, base=base, mode=mode)
    rtl = is_rtl(text) if base is None else base == "R"
    lines = textwrap.wrap(text, width) or [""]
    out = []
    for line in lines:
        shown = visual(line, base, mode)
        out.append(SimpleNamespace(text=shown, rtl=rtl, cells=cell_len(shown)))
    return out
