"""Inputs the fuzzers (fuzz/) and property tests found to break something, kept so they
stay fixed. Each names what it broke and where it was fixed."""

from __future__ import annotations

import pytest

from uneventtui.text import layout, visual, visual_with_map
from uneventtui.text.shaping import shape

# arabic-reshaper 3.1 raises IndexError on a ZWJ before a lam-alef ligature; the text
# layer raised with it (found by tests/test_properties.py; fixed in text/shaping.py).
ZWJ_LAM_ALEF = [
    "\u200dلا",
    "\u200dلآ",
    "\u200dلأ",
    "ب\u200dلا",
    " \u200dلا",
    "\u200d\u200dلا",
    "\u064e\u200dلا",
    "\u200d\u064eلا",
    "ب\u200d\u064eلا",
]


@pytest.mark.parametrize("text", ZWJ_LAM_ALEF)
def test_zwj_before_lam_alef_is_shaped_not_a_crash(text):
    shaped, index = shape(text)
    assert len(index) == len(text)
    assert any("\ufef5" <= c <= "\ufefc" for c in shaped)  # the ligature is drawn
    assert visual(text)
    assert visual_with_map(text)[0] == visual(text)
    for width in (1, 2, 80):
        assert layout(text, width)
