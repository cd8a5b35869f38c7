"""The text layer's cell widths (`uneventtui.text.cells`) agree with Rich's, so what the
text layer lays out lines up with what Textual draws; and the one set of helpers that
fits text to a width."""

from __future__ import annotations

import unicodedata

import pytest
from rich.cells import cell_len as rich_cell_len
from rich.cells import get_character_cell_size

from uneventtui.text import visual, visual_with_map
from uneventtui.text.cells import (
    ELLIPSIS,
    cell_columns,
    cell_len,
    char_cells,
    clip,
    fit,
    grapheme_spans,
    span_cells,
)

# What the explorer draws: Latin, Greek, Cyrillic, Arabic (all its blocks and the
# presentation forms the shaper makes), the punctuation and the box and shape characters
# of its frames, and the East Asian scripts (two cells).
DRAWN_RANGES = [
    (0x20, 0x7E),
    (0xA0, 0x52F),
    (0x600, 0x6FF),
    (0x750, 0x77F),
    (0x8A0, 0x8FF),
    (0x2000, 0x206F),
    (0x2190, 0x21FF),
    (0x2500, 0x25FF),
    (0x3000, 0x303F),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0xFF00, 0xFFEF),
]


def test_widths_agree_with_rich_for_every_script_the_explorer_draws():
    wrong = [
        f"U+{code:04X} ours {char_cells(chr(code))} Rich {get_character_cell_size(chr(code))}"
        for start, end in DRAWN_RANGES
        for code in range(start, end + 1)
        if unicodedata.category(chr(code)) != "Cn"
        and char_cells(chr(code)) != get_character_cell_size(chr(code))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "text",
    [
        "Copenhagen 1995",
        "مؤتمر القمة العالمي للتنمية الاجتماعية",
        "ﻻ ﺑﺎﻟ ٣",
        "عَمْرو",
        "中文 and 한국어",
        "👩\u200d👩\u200d👧",  # one grapheme, joined
        "\u2764\ufe0f x",  # a symbol made wide by VS16
        "tab\there",
    ],
)
def test_lengths_and_graphemes_agree_with_rich(text):
    assert cell_len(text) == rich_cell_len(text)
    spans, total = grapheme_spans(text)
    assert total == rich_cell_len(text)
    assert [s for s, _e, _c in spans] == sorted({s for s, _e, _c in spans})
    assert spans[0][0] == 0 and spans[-1][1] == len(text)


def test_clip_keeps_what_fits_and_cuts_the_far_end():
    assert clip("abcdef", 6) == "abcdef"
    assert clip("abcdef", 4) == "abc…"
    assert clip("abcdef", 4, rtl=True) == "…def"
    assert clip("中文字", 4) == "中 …"  # a wide letter cut in two leaves a blank
    assert clip("xa\u064ebc", 3, rtl=True) == "…bc"  # no mark without its letter
    assert clip("abc", 0) == ""


def test_fit_fills_the_column_exactly_on_the_texts_side():
    assert fit("ab", 4) == "ab  "
    assert fit("ab", 4, rtl=True) == "  ab"
    assert fit("abcdef", 4, rtl=True) == "…def"
    assert fit("a\rb", 3) == "ab "  # a control character takes no cell, and is dropped
    for text in ("سلام عليكم", "中文 mixed", "e\u0301t\u00e9"):
        for width in range(1, 12):
            assert rich_cell_len(fit(text, width)) == width
            assert rich_cell_len(fit(text, width, rtl=True)) == width


def test_a_logical_span_lands_on_the_cells_it_is_drawn_in():
    """A match in a stored Arabic name (logical offsets) is highlighted where the user
    sees those letters once the name is shaped and reordered."""
    name = "عمر هلال"
    drawn, cell_of = visual_with_map(name)
    assert drawn == visual(name)
    marked = span_cells([(4, 8)], cell_of, len(name))  # هلال, the second word
    assert marked == {cell_of[i] for i in range(4, 8)}
    assert max(marked) < min(span_cells([(0, 3)], cell_of, len(name)))  # it is on the left
    assert cell_columns("a中b") == [0, 1, 1, 2]
    assert ELLIPSIS == "…"
