"""Cutting text to a column (`uneventtui.text.cells.fit`): the fast way for one-cell
text draws exactly what measuring each character does, as Rich (and so Textual) measures."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size, set_cell_size

from uneventtui.text.cells import ELLIPSIS, ONE_CELL_RANGES
from uneventtui.text.cells import fit as fit_plain


def _fit_measured(text: str, width: int, rtl: bool) -> str:
    """The same cut, each character measured by Rich."""
    if cell_len(text) <= width:
        pad = " " * (width - cell_len(text))
        return pad + text if rtl else text + pad
    if rtl:
        return ELLIPSIS + set_cell_size(text[::-1], width - 1)[::-1]
    return set_cell_size(text, width - 1) + ELLIPSIS


ONE_CELL = [chr(c) for a, b in ONE_CELL_RANGES for c in range(a, b + 1)]


def test_the_one_cell_characters_are_one_cell_and_never_marks_or_controls():
    """Each character taken the fast way is one cell wide to Rich (and so to Textual's
    compositor), and none is a mark, a format or control character or a line
    separator: a string of them can be cut anywhere."""
    wrong = [
        f"U+{ord(ch):04X}"
        for ch in ONE_CELL
        if get_character_cell_size(ch) != 1
        or unicodedata.category(ch) in {"Mn", "Mc", "Me", "Cf", "Cc", "Cs", "Zl", "Zp"}
    ]
    assert wrong == []
    assert {"a", "—", "·", "‹", "─", "▶", "ب", "ﺑ", "ﻻ", "٣"} <= set(ONE_CELL)
    assert not {"\u064e", "\u0670", "\u200f", "\u061c", "\r", "\x1b", "\t", "中"} & set(ONE_CELL)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.sampled_from(ONE_CELL), max_size=40),
    width=st.integers(1, 45),
    rtl=st.booleans(),
)
def test_one_cell_text_is_cut_as_measuring_would(text, width, rtl):
    fitted = fit_plain(text, width, rtl)
    assert fitted == _fit_measured(text, width, rtl)
    assert cell_len(fitted) == width


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(st.sampled_from([*ONE_CELL[:50], "\u064e", "中", "\r", "é"]), max_size=30),
    width=st.integers(1, 35),
    rtl=st.booleans(),
)
def test_any_text_fits_its_column_exactly(text, width, rtl):
    """Marks, wide letters and control codes (removed) take the measured way: the
    result still fills the column exactly, cut with an ellipsis on the text's end
    side (the left, for right-to-left text)."""
    fitted = fit_plain(text, width, rtl)
    assert cell_len(fitted) == width and "\r" not in fitted
    if cell_len(text.replace("\r", "")) > width:
        assert fitted.startswith(ELLIPSIS) if rtl else fitted.endswith(ELLIPSIS)
