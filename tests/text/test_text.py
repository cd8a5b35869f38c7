"""The text layer's behaviour as a reader sees it: shaping, order, mirroring,
marks, wrapping, widths, the cursor map and the control-character policy."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from rich.cells import cell_len

from uneventtui.text import Line, is_rtl, layout, sanitize, visual, visual_with_map
from uneventtui.text.shaping import shape

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
UN = "الأمم المتحدة"  # "the United Nations"
SEED_PARAGRAPH = (
    "سفير المغرب الدائم لدى الأمم المتحدة في نيويورك، عمر هلال، بصفته المشارك في تسهيل "
    "عملية الأمم المتحدة المتعلقة بالقمة الاجتماعية العالمية، قام بزيارة عمل إلى جنيف "
    "مع نظيره البلجيكي، فيليب كريديلكا، من 22 إلى 24 أبريل الجاري."
)


def unshape(text: str) -> str:
    """Presentation forms back to base letters (NFKC), to read visual text in tests."""
    import unicodedata

    return unicodedata.normalize("NFKC", text)


# --- shaping ---------------------------------------------------------------


def test_arabic_is_shaped_into_joining_forms():
    shaped = visual("سلام")
    # seen left to right: final meem, lam-alef ligature (final), initial seen
    assert shaped == "\ufee1\ufefc\ufeb3"


def test_lam_alef_is_one_cell_and_allah_is_not_squeezed():
    assert cell_len(visual("الأمم")) == 4  # 5 code points, lam + hamza-alef joined
    allah = visual("الله")
    assert "\ufdf2" not in allah
    assert cell_len(allah) == 4


def test_tatweel_is_kept():
    assert "\u0640" in visual("بـــت")


def test_harakat_follow_their_base_letter_in_visual_order():
    drawn = visual("أيضًا")
    tanwin = drawn.index("\u064b")
    # the mark comes right after dad (medial form U+FEC0), not before it
    assert unshape(drawn[tanwin - 1]) == "ض"


def test_harakat_can_be_dropped():
    assert "\u064b" not in visual("أيضًا", harakat=False)
    assert all("\u064b" not in line.text for line in layout("أيضًا", 20, harakat=False))


def test_shape_maps_every_logical_character():
    shaped, index = shape("لَا للاجئين")
    assert len(index) == len("لَا للاجئين")
    assert index[0] == index[2]  # lam and alef share their ligature
    assert shaped[index[1]] == "\u064e"


# --- order and mirroring ---------------------------------------------------


def test_rtl_words_come_out_in_reverse_visual_order():
    assert unshape(visual(UN)) == "ةدحتملا مملأا"


def test_parentheses_around_numbers_in_arabic_keep_their_meaning():
    # "(2025)" inside Arabic must not come out ")2025(" (python-bidi alone does that)
    drawn = visual("القمة (2025) في الدوحة")
    assert "(2025)" in drawn
    assert ")2025(" not in drawn


def test_brackets_inside_an_english_run_in_an_arabic_line_do_not_flip():
    drawn = visual("قال John (Smith) هنا")
    assert "John (Smith)" in drawn


def test_brackets_around_arabic_in_english_face_the_right_way():
    drawn = visual("He said (الأمم المتحدة) ok")
    assert drawn.startswith("He said (")
    assert drawn.endswith(") ok")


def test_nested_and_unbalanced_brackets_are_mirrored_by_level():
    drawn = visual("قال [أ (ب) ج] و(د")
    # an opening bracket at an odd level is drawn with the glyph ")"
    assert unshape(drawn) == "د)و [ج (ب) أ] لاق"
    # an unpaired bracket before English in an RTL line sits at its right end, mirrored
    assert visual("[abc", base="rtl") == "abc]"


def test_mirroring_is_not_a_string_replace():
    # both pairs flip only where their resolved level is odd
    drawn = visual("(ما) and (what)", base="ltr")
    assert drawn.count("(") == 2 and drawn.count(")") == 2
    assert drawn.endswith("(what)")


def test_paragraph_direction_is_that_of_the_first_strong_character():
    assert is_rtl("2025 الأمم")
    assert not is_rtl("UN الأمم")
    assert not is_rtl("2025")
    assert not is_rtl("")
    assert layout("UN الأمم", 40)[0].rtl is False
    assert layout("UN الأمم", 40, base="rtl")[0].rtl is True


def test_arabic_indic_digits_and_punctuation_stay_in_place():
    drawn = unshape(visual("العدد ١٢٣ ؟"))
    assert drawn == "؟ ١٢٣ ددعلا"


def test_bad_options_are_refused():
    with pytest.raises(ValueError):
        visual("x", base="up")
    with pytest.raises(ValueError):
        layout("x", 10, mode="fancy")


# --- terminal mode ---------------------------------------------------------


def test_terminal_mode_is_logical_unshaped_and_sanitised():
    assert visual("مرحبا (1) \x1b[2J", mode="terminal") == "مرحبا (1) \u241b[2J"
    lines = layout("مرحبا بكم في الأمم المتحدة", 12, mode="terminal")
    assert [line.text for line in lines] == ["مرحبا بكم في", "الأمم", "المتحدة"]
    assert all(line.rtl for line in lines)


# --- wrapping --------------------------------------------------------------


def test_wrapped_lines_fit_and_keep_reading_order():
    lines = layout(SEED_PARAGRAPH, 40)
    assert len(lines) > 3
    assert all(line.cells <= 40 and line.rtl for line in lines)
    assert all(cell_len(line.text) == line.cells for line in lines)
    # the first words of the paragraph are on the first line, at its right end
    assert unshape(lines[0].text).endswith("برغملا ريفس")
    assert "ﻱﺭﺎﺠﻟﺍ" in lines[-1].text or "ﻱﺭﺎﺠﻟﺍ." in lines[-1].text


def test_wrapping_loses_and_duplicates_nothing():
    lines = layout(SEED_PARAGRAPH, 40)
    words = [SEED_PARAGRAPH[line.start : line.end] for line in lines]
    assert " ".join(words) == SEED_PARAGRAPH
    assert [w for line in words for w in line.split()] == SEED_PARAGRAPH.split()


def test_a_word_longer_than_the_line_is_broken_not_dropped():
    word = "الاجتماعية" * 3
    lines = layout(word, 7)
    assert all(line.cells <= 7 for line in lines)
    assert "".join(word[line.start : line.end] for line in lines) == word


def test_a_letter_and_its_mark_are_never_split():
    text = "شَدَّدَ" * 4
    for width in range(1, 9):
        for line in layout(text, width):
            assert text[line.start] not in "\u064e\u0651"


def test_newlines_start_paragraphs_with_their_own_direction():
    lines = layout("Hello world\nمرحبا بالعالم\n\nend", 80)
    assert [line.rtl for line in lines] == [False, True, False, False]
    assert lines[2].text == "" and lines[2].cells == 0


def test_layout_width_is_measured_after_shaping():
    # 12 code points but 10 cells once the two lam-alefs are joined
    text = "الأمم للاجئين"
    assert len(text) == 13
    assert len(layout(text, 11)) == 1


def test_layout_is_cached_and_returns_fresh_lists():
    first = layout(SEED_PARAGRAPH, 50)
    first.clear()
    assert layout(SEED_PARAGRAPH, 50)
    module = importlib.import_module("uneventtui.text.layout")
    assert module._layout.cache_info().hits >= 1


def test_line_is_a_frozen_value():
    line = Line("abc", False, 3)
    with pytest.raises(AttributeError):
        line.text = "x"  # type: ignore[misc]


# --- cursor map ------------------------------------------------------------


def test_cursor_map_in_english_is_the_column_of_each_character():
    assert visual_with_map("abc") == ("abc", [0, 1, 2, 3])


def test_cursor_map_in_arabic_runs_right_to_left():
    drawn, cells = visual_with_map("سلام")
    assert cells[0] == 2  # before the first letter: on it, at the right end
    assert cells[1] == cells[2] == 1  # lam and alef share the ligature's cell
    assert cells[3] == 0
    assert cells[4] == -1  # after the last letter typed: to its left


def test_cursor_map_with_numbers_in_arabic():
    drawn, cells = visual_with_map("لا 12")
    assert drawn == "12 \ufefb"
    assert cells == [3, 3, 2, 0, 1, 2]


def test_cursor_map_covers_control_characters():
    text = "a\u202eb\tc"
    drawn, cells = visual_with_map(text)
    assert len(cells) == len(text) + 1
    assert cells == sorted(cells)


# --- control characters ----------------------------------------------------


def test_trojan_source_bidi_controls_are_dropped():
    # U+202E would make "abc" display as "cba"
    assert sanitize("x = '\u202eabc\u202c'") == "x = 'abc'"
    assert visual("\u2067abc\u2069") == "abc"
    assert sanitize("a\u200eb\u200fc\u061cd\u2066e\u2069") == "abcde"


def test_escape_and_c0_c1_controls_become_visible_placeholders():
    assert sanitize("\x1b[31mred") == "\u241b[31mred"
    assert sanitize("a\x00b\x07c\x7f") == "a\u2400b\u2407c\u2421"
    assert sanitize("x\x9by") == "x\ufffdy"  # C1 CSI
    assert all(
        not (0 <= ord(c) < 0x20 and c != "\n") for c in sanitize("".join(map(chr, range(0x20))))
    )


def test_line_breaks_are_normalised_and_tabs_expanded():
    assert sanitize("a\r\nb\rc\u2028d\u0085e") == "a\nb\nc\nd\ne"
    assert sanitize("a\tb") == "a       b"


def test_joiners_and_marks_are_kept():
    assert sanitize("ب\u200dت\u200c") == "ب\u200dت\u200c"
    assert sanitize("أيضًا") == "أيضًا"


def test_sanitize_is_idempotent():
    text = "\x1b\u202e\t\r\n\x85\udc80مرحبا"
    assert sanitize(sanitize(text)) == sanitize(text)


def test_nothing_drawn_carries_a_control_character():
    text = "a\x1b]0;pwned\x07b\u009b2J\u202e"
    for line in layout(text, 5):
        assert all(c.isprintable() for c in line.text)
    assert visual(text).isprintable()


def test_cell_widths_of_what_is_drawn():
    # harakat are zero-width, tatweel and presentation forms one cell, CJK two
    assert layout("أيضًا", 20)[0].cells == 4
    assert layout("بـت", 20)[0].cells == 3
    assert layout("漢字 abc", 20)[0].cells == 8
    assert layout("a\x1bb", 20)[0].cells == 3  # the visible ␛ takes its cell
    lines = layout("漢字漢字", 3)
    assert [line.cells for line in lines] == [2, 2, 2, 2]


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_wrapped_at_40_reads_in_order_with_nothing_lost(seed):
    text = seed.read_text(encoding="utf-8")
    lines = layout(text, 40)
    assert all(line.cells <= 40 for line in lines)
    shown = [text[line.start : line.end] for line in lines]
    assert " ".join(shown).split() == text.split()
    for line, segment in zip(lines, shown, strict=True):
        # each line is its own logical words, shaped and reordered on their own
        base = "rtl" if line.rtl else "ltr"
        assert line.text == visual(segment, base=base)
        first = (segment.split() or [" "])[0]
        if line.rtl and is_rtl(first[0]):  # an Arabic first word is drawn at the right end
            assert unshape(line.text).endswith(unshape(visual(first)))


def test_ascii_in_a_left_to_right_line_is_left_as_it_is():
    text = "Copenhagen (6-12 March 1995) [WSSD] <1> {2}: 100% done, 3.5/4."
    assert visual(text) == text
    assert visual_with_map(text)[1] == list(range(len(text) + 1))
    # but forced right-to-left, the same characters are reordered and mirrored
    assert visual("(a) 1", base="rtl") == "1 (a)"


# --- regressions: ZWJ, dropped harakat, the cursor map ------------------------


@pytest.mark.parametrize(
    "text, drawn",
    [
        # lam ZWJ lam ZWJ alef: joined, no lam-alef ligature across the ZWJ; the next
        # word's lam + hamza-alef still makes its ligature (arabic-reshaper lost it).
        ("ل\u200dل\u200dالأمم", "\ufee2\ufee3\ufef7\ufe8e\ufee0\ufedf"),
        ("\u200dب", "\ufe90"),  # ZWJ before: final form
        ("ب\u200d", "\ufe91"),  # ZWJ after: initial form
        ("\u200dلأ", "\ufef8"),  # the ligature's final form
        ("ب\u200dلا", "\ufefc\ufe91"),
        ("ب\u200c\u200dب", "\ufe90\u200c\ufe8f"),
        ("قال\u200d", "\ufedf\ufe8e\ufed7"),
    ],
)
def test_zwj_joins_as_in_fribidi(text, drawn):
    """ZWJ asks the letters beside it to join (arabic-reshaper's own ZWJ support
    misplaced ligatures and left words unshaped); these are FriBidi's forms, ZWJ
    itself being consumed."""
    assert visual(text) == drawn


def test_harakat_dropped_everywhere_when_asked():
    """layout("ل ً", 1, harakat=False) drew the lone fathatan's line from a shaping
    that kept it: harakat=False drops marks with no Arabic letter in the text too."""
    assert shape("\u064b", harakat=False) == ("", (-1,))
    lines = layout("ل \u064b", 1, harakat=False)
    assert [line.text for line in lines] == ["\ufedd"]  # and no blank row for the mark
    assert "\u064b" not in visual("\u064b x", harakat=False)


@pytest.mark.parametrize("mode", ["shaped", "terminal"])
@pytest.mark.parametrize("text", ["ل\u200dل\u200dالأمم المتحدة", "a\u200db c", "👩\u200d💻 ب"])
def test_cursor_map_counts_cells_as_rich_does(text, mode):
    """visual_with_map gave columns past the string's width where a ZWJ is drawn
    (terminal mode): Rich, and so Textual, measures a ZWJ sequence as one cluster.
    The map's columns are Rich's: every one within the drawn width, one per cluster."""
    drawn, cells = visual_with_map(text, mode=mode)
    width = cell_len(drawn)
    assert all(-1 <= c <= width for c in cells)
    visible = [c for c, char in zip(cells, text, strict=False) if cell_len(char) > 0]
    assert max(visible) < width


def test_every_right_to_left_character_is_in_the_fast_path_blocks():
    """Lines with no character in layout.RTL_BLOCKS skip the bidi algorithm at
    level 0: every code point that could change their order must be in it."""
    import unicodedata

    from uneventtui.text import uba

    module = importlib.import_module("uneventtui.text.layout")
    lifting = {"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
    missing = [
        hex(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF
        and uba.bidi_class(chr(code)) in lifting
        and not module.RTL_BLOCKS.match(chr(code))
    ]
    assert not missing
    assert unicodedata.bidirectional("\u05d0") == "R" and module.RTL_BLOCKS.match("\u05d0")


def test_an_arabic_letter_newer_than_python_is_ordered_as_arabic():
    """Unassigned code points in the Arabic blocks are Arabic letters (AL) to the bidi
    algorithm, as UAX #9 says; as R, the numbers after them would be ordered otherwise."""
    import unicodedata

    from uneventtui.text import uba

    arabic_blocks = [(0x0600, 0x07BF), (0x0860, 0x08FF), (0xFB50, 0xFDCF), (0xFE70, 0xFEFF)]
    unassigned = [
        chr(code)
        for low, high in arabic_blocks
        for code in range(low, high + 1)
        if not unicodedata.bidirectional(chr(code)) and not 0xFDD0 <= code <= 0xFDEF
    ]
    assert unassigned  # Python's Unicode database leaves some unassigned
    assert {char: uba.bidi_class(char) for char in unassigned} == dict.fromkeys(unassigned, "AL")


@pytest.mark.parametrize("width", [3, 80])
def test_a_mark_between_lam_and_alef_is_kept_at_the_end_of_a_line(width):
    """layout dropped the fatha of لَا when the word ended a line: the line was cut
    from the paragraph's shaping up to the alef's place, which is the ligature's,
    while the fatha comes after it."""
    for text in ["لَا لَا", "قال لَا نعم", "بلَا"]:
        drawn = "".join(line.text for line in layout(text, width))
        assert drawn.count("\u064e") == text.count("\u064e"), (text, drawn)
