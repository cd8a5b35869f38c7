"""Emoji and other extended grapheme clusters (UAX #29) survive the text layer:
ZWJ sequences are kept, right-to-left runs are reordered cluster by cluster, and
cells are counted as Rich counts them (issue #25, item 13)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from uneventtui.text import layout, visual, visual_with_map

FAMILY = "👨\u200d👩\u200d👧"
THUMBS = "👍🏽"  # thumbs up + a skin-tone modifier
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # a tag sequence
CLUSTERS = [
    FAMILY,
    THUMBS,
    SCOTLAND,
    "👩🏽\u200d💻",
    "❤\ufe0f\u200d🔥",
    "🏳\ufe0f\u200d🌈",
    "1\ufe0f\u20e3",
    "🇲🇦",
    "e\u0301",
]


def test_a_zwj_family_in_latin_text_stays_one_family():
    assert visual(f"Family {FAMILY} photo") == f"Family {FAMILY} photo"
    assert layout(f"Family {FAMILY} photo", 40)[0].text == f"Family {FAMILY} photo"


def test_thumbs_up_with_a_skin_tone_beside_arabic():
    drawn = visual(f"{THUMBS} موافق")
    assert drawn.endswith(THUMBS)  # at the right, where the line starts, whole
    assert "🏽👍" not in drawn


@pytest.mark.parametrize("cluster", CLUSTERS)
@pytest.mark.parametrize("base", [None, "rtl", "ltr"])
def test_clusters_stay_whole_in_right_to_left_lines(cluster, base):
    for line in (
        f"{cluster} موافق",
        f"قال {cluster} نعم",
        f"موافق {cluster}",
        f"ok موافق {cluster} جدا",
    ):
        assert cluster in visual(line, base=base), line
        assert cluster in visual_with_map(line, base=base)[0], line


@pytest.mark.parametrize("cluster", CLUSTERS)
def test_cells_are_counted_as_rich_counts_them(cluster):
    line = f"قال {cluster} نعم"
    drawn = visual(line)
    (row,) = layout(line, 40)
    assert row.cells == cell_len(row.text) == cell_len(drawn)


def test_wrapping_never_cuts_a_zwj_sequence():
    rows = layout(FAMILY * 6, 4)
    assert all(row.text == FAMILY * 2 for row in rows), [row.text for row in rows]


def test_zwj_beside_arabic_still_joins_and_is_consumed():
    assert visual("ل\u200d") == "\ufedf"  # lam's initial form, no ZWJ drawn
