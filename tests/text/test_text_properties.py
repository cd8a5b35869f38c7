"""Property tests: whatever the text, the layer never raises, never loses or
duplicates a character, never exceeds the width, never emits a control."""

from __future__ import annotations

import re

from bidi import get_display
from hypothesis import example, given, settings
from hypothesis import strategies as st

from uneventtui.text import layout, sanitize, uba, visual, visual_with_map
from uneventtui.text.cells import cell_len
from uneventtui.text.sanitize import BIDI_CONTROLS, sanitize_with_offsets
from uneventtui.text.shaping import shape
from uneventtui.text.tokens import ltr_spans, url_spans
from uneventtui.text.uba import mirror

PIECES = [
    *"لاأإآبتثجحخدذرزسشصضطظعغفقكمنهويىةء",
    *"\u064b\u064e\u064f\u0650\u0651\u0652\u0640",  # harakat, tatweel
    *"abcXYZ0123456789٠١٢٣",
    *"()[]{}<>«»\"'.,:;!?،؛؟-–%$+/ ",
    "  ",
    "\n",
    "\t",
    "\x1b",
    "\x00",
    "\x9b",
    "\u202e",
    "\u2067",
    "\u2069",
    "\u200f",
    "\u200d",
    "\u200c",
    "\u00a0",
    "漢",
    "\u0301",
    "\r\n",
    "الأمم المتحدة",
    "(2025)",
    "لَا",  # a mark between lam and alef: the ligature's mark comes after it
    "2024-03-id",  # a token, isolated beside Arabic
    "https://un.org/x",  # a URL: never broken
]
mixed_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
any_text = st.one_of(mixed_text, st.text(max_size=80))
widths = st.integers(min_value=1, max_value=50)
bases = st.sampled_from([None, "rtl", "ltr"])
FORBIDDEN = {*range(0x20), *range(0x7F, 0xA0), *BIDI_CONTROLS}
# The only bidi controls ever drawn: ours, around a left-to-right token in terminal mode.
OUR_ISOLATE = re.compile("\u200e\u2066([^\u200e\u2066-\u2069]*)\u2069\u200e")


def without_our_isolates(text: str) -> str:
    """`text` without the isolates terminal mode puts around tokens; each must hold
    a token that `ltr_spans` finds."""
    for inside in OUR_ISOLATE.findall(text):
        assert ltr_spans(f"ب {inside}") == [(2, 2 + len(inside))], inside
    return OUR_ISOLATE.sub(r"\1", text)


def _is_break(char: str) -> bool:
    return char.isspace() and char not in "\u00a0\u2007\u202f"


def _pairs_key(text: str) -> list[str]:
    """A multiset of characters, blind to mirroring."""
    return sorted(min(c, mirror(c)) for c in text)


@settings(max_examples=300, deadline=None)
@given(any_text, widths, bases, st.booleans())
def test_layout_keeps_every_character_once_and_fits(text, width, base, harakat):
    clean = sanitize(text)
    lines = layout(text, width, base=base, harakat=harakat)
    paragraphs = clean.split("\n")
    assert len(lines) >= len(paragraphs)
    covered = []
    for line in lines:
        assert cell_len(line.text) == line.cells
        segment = clean[line.start : line.end]
        if line.cells > width:  # a single character wider than the line, or a URL
            assert (cell_len(segment.strip()) <= 2 and width < 2) or url_spans(segment)
        # the drawn text is the shaped segment, reordered and mirrored
        assert _pairs_key(line.text) == _pairs_key(shape(segment, harakat)[0])
        assert not FORBIDDEN.intersection(map(ord, line.text))
        covered.append((line.start, line.end))
    # between and after lines, only the spaces where lines were broken (and
    # characters shaping drops, which draw nothing: harakat with harakat=False)
    dropped = {i for i, j in enumerate(shape(clean, harakat)[1]) if j < 0 and clean[i] != "\n"}
    position = 0
    for start, end in covered:
        assert start >= position
        assert all(
            _is_break(c) or c == "\n" or position + k in dropped
            for k, c in enumerate(clean[position:start])
        )
        position = end
    assert all(
        _is_break(c) or c == "\n" or position + k in dropped for k, c in enumerate(clean[position:])
    )


@settings(max_examples=200, deadline=None)
@given(any_text, widths)
@example("منسق 2024-03-id هنا", 40)
def test_terminal_mode_lines_are_the_logical_text(text, width):
    clean = sanitize(text)
    for line in layout(text, width, mode="terminal"):
        assert without_our_isolates(line.text) == clean[line.start : line.end]
        assert not FORBIDDEN.intersection(map(ord, without_our_isolates(line.text)))
    for line in layout(text, width, mode="logical"):
        assert line.text == clean[line.start : line.end]


@settings(max_examples=300, deadline=None)
@given(any_text, bases)
def test_visual_and_its_map(text, base):
    drawn = visual(text, base=base)
    assert not FORBIDDEN.intersection(map(ord, drawn))
    mapped, cells = visual_with_map(text, base=base)
    assert mapped == drawn
    assert len(cells) == len(text) + 1
    width = cell_len(drawn)
    assert all(-1 <= c <= width for c in cells)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_sanitize_is_idempotent_and_its_offsets_are_monotonic(text):
    clean, offsets = sanitize_with_offsets(text)
    assert clean == sanitize(text)
    assert sanitize(clean) == clean
    assert len(offsets) == len(text) + 1
    assert offsets == sorted(offsets) and offsets[-1] == len(clean)
    assert not (FORBIDDEN - {0x0A}).intersection(map(ord, clean))


def _cell_chars(drawn: str) -> dict[int, str]:
    """The character drawn in each cell (combining marks ignored)."""
    cells = {}
    column = 0
    for char in drawn:
        width = cell_len(char)
        if width:
            cells[column] = char
        column += width
    return cells


@settings(max_examples=300, deadline=None)
@given(mixed_text, bases)
def test_the_cursor_map_points_at_the_cell_showing_each_character(text, base):
    import unicodedata

    drawn, cells = visual_with_map(text, base=base)
    shown = _cell_chars(drawn)
    clean, offsets = sanitize_with_offsets(text)
    for i, char in enumerate(text):
        if clean[offsets[i] : offsets[i] + 1] != char or cell_len(char) == 0:
            continue  # changed by sanitising, or zero-width: shares a neighbour's cell
        drawn_char = shown[cells[i]]
        letters = unicodedata.normalize("NFKC", drawn_char)
        # the cell shows this character: shaped (a lam-alef shows both), or mirrored
        assert char in letters or mirror(char) in letters or char == drawn_char, (i, char)


@settings(max_examples=300, deadline=None)
@given(mixed_text, st.sampled_from([0, 1]))
def test_our_order_is_python_bidis_on_assigned_characters(text, level):
    """Where invisible X9-removed characters go is implementation-defined;
    every other character is where python-bidi puts it."""
    line = sanitize(text).replace("\n", " ")
    para, levels = uba.resolve_levels(line, level)
    order = uba.visual_order(uba.line_levels(line, levels, para))
    ours = "".join(line[i] for i in order)
    theirs = get_display(line, base_dir="R" if level else "L")
    keep = [c for c in ours if uba.bidi_class(c) not in uba.REMOVED_BY_X9]
    assert keep == [c for c in theirs if uba.bidi_class(c) not in uba.REMOVED_BY_X9]
