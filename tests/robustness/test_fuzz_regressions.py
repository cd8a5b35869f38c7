"""Inputs the fuzzers (fuzz/) and property tests found to break something, kept so they
stay fixed. Each names what it broke and where it was fixed."""

from __future__ import annotations

import pytest

from uneventtui.text import layout, visual, visual_with_map
from uneventtui.text.shaping import shape

# arabic-reshaper 3.1 raises IndexError on a ZWJ before a lam-alef ligature; the text
# layer raised with it (found by tests/robustness/test_properties.py; fixed in text/shaping.py).
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


@pytest.mark.parametrize(
    "text, drawn",
    [
        ("\u200dلأ لآ x", "ﻵ ﻸ x"),
        ("\u200d\u200d\u200dلأ لآ ﷺx", "ﷺ ﻵ ﻸx"),
    ],
)
def test_zwj_before_lam_alef_does_not_change_the_next_ligature(text, drawn):
    """fuzz_text: with a ZWJ before a lam-alef, arabic-reshaper drew the next word's
    لآ as لأ (another letter) or left both unligated (fixed in text/shaping.py).
    The ZWJ joins the ligature on its right: its final form ﻸ, as FriBidi draws it."""
    assert visual(text, "ltr") == drawn


@pytest.mark.parametrize("text", ZWJ_LAM_ALEF)
def test_zwj_before_lam_alef_is_shaped_not_a_crash(text):
    shaped, index = shape(text)
    assert len(index) == len(text)
    assert any("\ufef5" <= c <= "\ufefc" for c in shaped)  # the ligature is drawn
    assert visual(text)
    assert visual_with_map(text)[0] == visual(text)
    for width in (1, 2, 80):
        assert layout(text, width)


def test_problem_lines_escape_bidi_controls_from_quotes(tmp_path):
    """fuzz_loader: a quote with U+202E that is not in its seed was echoed raw in the
    problem line, so `check > log; cat log` showed it reordered (fixed in loader.py)."""
    import shutil
    from pathlib import Path

    from uneventtui.loader import check_dataset

    mini = tmp_path / "mini"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "mini", mini)
    events = mini / "data" / "events.toml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("مع نظيره", "مع \u202eنظيره", 1), encoding="utf-8")
    (line,) = map(str, check_dataset(mini / "data"))
    assert "quote not found" in line and "\\u202e" in line and "\u202e" not in line


@pytest.mark.timeout(30)  # it hung for ever: 30 s is a hang on any machine, not a speed
def test_a_pasted_sentence_does_not_hang_search():
    """fuzz_text: a 25-word query made the typo tier try the product of every word's
    corrections (k**25 queries; the search never returned and ate gigabytes). Fixed
    in search/index.py by capping that product."""
    from uneventtui.loader import load_timeline
    from uneventtui.search import SearchIndex

    query = (
        "\udce2ـ\udc81\x7f\udcd8المية، تيدروس آدانوم غيبريسوس، والمديرة العامة لمنظمة "
        "التجارة العالمية، نغوزي أوكونجو-إويالا، وال\n\udc85فوض السامي لحقوق الإنسان، "
        "فولكر تورك، والمفوضية السامية لشؤون اللاجئين، فليبو غراندي."
    )
    index = SearchIndex.build(load_timeline())
    assert isinstance(index.search(query, limit=5), list)
    assert isinstance(index.search(" ".join(["غيبريسوسس"] * 40)), list)
