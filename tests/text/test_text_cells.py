"""The text layer measures cells exactly as Rich (and so Textual) does, without
importing Rich: widths, emoji ZWJ sequences, VS16, marks, controls."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len as rich_cell_len
from rich.cells import get_character_cell_size, split_graphemes

from uneventtui.text import _generate_tables as tables
from uneventtui.text import cells, visual, visual_with_map
from uneventtui.text.cells import ELLIPSIS, cell_columns, clip, fit, span_cells

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [
    "",
    "Family 👨\u200d👩\u200d👧 photo",
    "👍🏽 موافق",
    "🇲🇦 المغرب",
    "1\ufe0f\u20e3 ❤\ufe0f ☺\ufe0f ✈\ufe0f",
    "\u200d\ufe0fa\u200d",
    "بَ لا ﻻ ـــ",
    "全角 ｶﾅ 한국어",
    "e\u0301 \u0000\u0007\u007f\u0085",
    "a\u200db\u200d",
]


def _random_text(rng: random.Random, length: int) -> str:
    pools = [
        (0x20, 0x7E),
        (0x600, 0x6FF),
        (0x300, 0x36F),
        (0x1F300, 0x1F6FF),
        (0x1F3FB, 0x1F3FF),
        (0x4E00, 0x4E40),
        (0x2600, 0x27BF),
        (0x0, 0xA0),
    ]
    out = []
    for _ in range(length):
        if rng.random() < 0.1:
            out.append(rng.choice("\u200d\ufe0f\u200c"))
        else:
            low, high = rng.choice(pools)
            out.append(chr(rng.randint(low, high)))
    return "".join(out)


def _texts() -> list[str]:
    rng = random.Random(29)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    lines = [line for text in seeds for line in text.splitlines()]
    return SAMPLES + lines + [_random_text(rng, rng.randint(1, 30)) for _ in range(3000)]


def test_widths_are_richs():
    for text in _texts():
        assert cells.cell_len(text) == rich_cell_len(text), repr(text)
        assert cells.spans(text) == split_graphemes(text)[0], repr(text)
        assert sum(cells.char_cells(text)) == split_graphemes(text)[1], repr(text)


def test_every_character_width_is_richs():
    for code in list(range(0x3000)) + list(range(0x1F000, 0x1FB00)) + [0xFEFF, 0xE0001]:
        char = chr(code)
        assert cells.char_width(char) == get_character_cell_size(char), hex(code)


def test_an_emoji_zwj_sequence_is_as_wide_as_one_emoji():
    assert cells.cell_len("👨\u200d👩\u200d👧") == 2
    assert cells.cell_len("❤\ufe0f") == 2  # VS16 widens the heart


def test_shipped_table_is_richs():
    """Regenerate with `python -m uneventtui.text._generate_tables` when Rich's changes."""
    shipped = (ROOT / "uneventtui" / "text" / "_cell_widths.py").read_text(encoding="utf-8")
    assert shipped == tables.render_cell_widths()


def test_the_text_layer_does_not_import_rich():
    code = (
        "import sys, uneventtui.text, uneventtui.text.cells, uneventtui.text.terminal\n"
        "import uneventtui.search\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("text", SAMPLES)
def test_char_cells_sum_to_the_width(text):
    assert sum(cells.char_cells(text)) == cells.cell_len(text)


# -- fitting text to a width: one set of helpers for every place that does it ----------


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
