"""The search bar's editing model (uneventtui.editbuffer), on its own.

The layouts here are tables written out by hand (what the text layer gives for simple
strings), so these tests pin down the editing rules independently of shaping; the
widget tests check the real text layer against GNU FriBidi.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from uneventtui.editbuffer import MAX_LENGTH, EditBuffer, clean_input


def ltr(value: str) -> tuple[str, list[int], bool]:
    """Left to right, one cell per character (wide ones two): the identity."""
    return value, [cell_len(value[:i]) for i in range(len(value) + 1)], False


def rtl(value: str) -> tuple[str, list[int], bool]:
    """Right to left, one cell per character: reversed, the cursor on the next letter."""
    n = len(value)
    return value[::-1], [n - 1 - i for i in range(n + 1)], True


def table(visual: str, cells: list[int], is_rtl: bool):
    """A layout for exactly one value, given as the text layer would give it."""
    return lambda value: (visual, cells, is_rtl)


def typed(text: str, layout=ltr) -> EditBuffer:
    buffer = EditBuffer(layout=layout)
    for char in text:
        assert buffer.insert(char)
    return buffer


# -- typing, deleting -------------------------------------------------------------------


def test_typing_keeps_logical_order_and_cursor_at_end():
    buffer = typed("عمر هلال", rtl)
    assert buffer.value == "عمر هلال"
    assert buffer.cursor == len("عمر هلال")


def test_insert_in_the_middle_moves_cursor_past_insertion():
    buffer = typed("Hlale")
    buffer.home()
    buffer.right()
    buffer.insert("i")
    assert (buffer.value, buffer.cursor) == ("Hilale", 2)


def test_backspace_deletes_the_logically_previous_character():
    buffer = typed("عمر", rtl)  # on screen: ر م ع, cursor left of ر
    assert buffer.right()  # now on ر: logically between م and ر
    assert buffer.cursor == 2
    assert buffer.backspace()
    assert (buffer.value, buffer.cursor) == ("عر", 1)


def test_backspace_at_start_and_delete_at_end_do_nothing():
    buffer = typed("abc")
    assert not buffer.delete()
    buffer.home()
    assert not buffer.backspace()
    assert buffer.value == "abc"


def test_delete_removes_the_character_after_the_cursor():
    buffer = typed("abc")
    buffer.home()
    assert buffer.delete()
    assert (buffer.value, buffer.cursor) == ("bc", 0)


def test_home_and_end_are_logical():
    buffer = typed("عمر هلال", rtl)
    buffer.home()
    assert buffer.cursor == 0
    buffer.end()
    assert buffer.cursor == len(buffer.value)


@pytest.mark.parametrize(
    ("value", "cursor", "after", "cursor_after"),
    [
        ("foo bar", 7, "foo ", 4),
        ("foo bar  ", 9, "foo ", 4),  # trailing spaces go with the word
        ("foo", 3, "", 0),
        ("foo bar", 5, "foo ar", 4),  # only the part of the word before the cursor
        ("عمر هلال", 8, "عمر ", 4),
        ("foo", 0, "foo", 0),
    ],
)
def test_ctrl_w_deletes_previous_word(value, cursor, after, cursor_after):
    buffer = EditBuffer(value, layout=ltr)
    buffer.cursor = cursor
    assert buffer.delete_word_before() == (value != after)
    assert (buffer.value, buffer.cursor) == (after, cursor_after)


def test_ctrl_u_and_ctrl_k_delete_to_start_and_end():
    buffer = EditBuffer("Omar Hilale", layout=ltr)
    buffer.cursor = 5
    assert buffer.delete_to_end()
    assert (buffer.value, buffer.cursor) == ("Omar ", 5)
    buffer.cursor = 2
    assert buffer.delete_to_start()
    assert (buffer.value, buffer.cursor) == ("ar ", 0)
    assert not buffer.delete_to_start()


def test_clear():
    buffer = typed("abc")
    assert buffer.clear()
    assert (buffer.value, buffer.cursor) == ("", 0)
    assert not buffer.clear()


# -- what may go in ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Omar\nHilale", "Omar Hilale"),
        ("Omar\r\nHilale", "Omar Hilale"),
        ("a\tb", "a b"),
        ("\x1b[31mred", "[31mred"),  # ESC dropped: the rest is harmless text
        ("a\x07\x00\x9bb", "ab"),  # BEL, NUL, C1 CSI
        ("\u202eعمر\u202c", "عمر"),  # RLO ... PDF: the Trojan Source trick
        ("\u2067x\u2069", "x"),  # isolates
        ("\u200fعمر\u200e", "عمر"),  # RLM, LRM
        ("\ufeffabc", "abc"),
        ("ن\u200cى", "ن\u200cى"),  # ZWNJ changes joining: kept
        ("عُمَر", "عُمَر"),  # harakat are letters' marks, not controls
    ],
)
def test_clean_input(raw, clean):
    assert clean_input(raw) == clean


def test_paste_of_a_long_string_is_capped():
    buffer = EditBuffer(layout=ltr)
    assert buffer.insert("x" * (MAX_LENGTH + 500))
    assert len(buffer.value) == MAX_LENGTH
    assert buffer.cursor == MAX_LENGTH
    assert not buffer.insert("y")


def test_paste_of_control_only_text_changes_nothing():
    buffer = typed("ab")
    assert not buffer.insert("\x1b\x07")
    assert (buffer.value, buffer.cursor) == ("ab", 2)


# -- visual movement --------------------------------------------------------------------


def test_arrows_in_ltr_text_follow_the_text():
    buffer = typed("abc")
    assert buffer.left() and buffer.cursor == 2
    buffer.home()
    assert not buffer.left()
    assert buffer.right() and buffer.cursor == 1
    buffer.end()
    assert not buffer.right()


def test_arrows_in_rtl_text_move_on_screen_not_in_memory():
    buffer = typed("عمر", rtl)
    assert not buffer.left()  # already at the left end of the word
    assert buffer.right() and buffer.cursor == 2
    assert buffer.right() and buffer.cursor == 1
    assert buffer.right() and buffer.cursor == 0
    assert not buffer.right()
    assert buffer.left() and buffer.cursor == 1


# "ab عم" in an LTR paragraph: on screen "ab مع"; before ع the cursor sits on ع (cell 4),
# before م on م (cell 3), at the end after everything (cell 5).
MIXED = table("ab مع", [0, 1, 2, 4, 3, 5], False)
# "لا" + "م" as one RTL word with a lam-alef ligature: logical 0 and 1 share the cell.
LIGATURE = table("مﻻ", [1, 1, 0, -1], True)


@pytest.mark.parametrize("layout", [MIXED, LIGATURE])
def test_arrows_visit_every_cell_once_in_screen_order(layout):
    visual, cells, _ = layout("")
    value = "x" * (len(cells) - 1)
    buffer = EditBuffer(value, layout=layout)
    # From the leftmost cell, Right walks every distinct cell left to right ...
    while buffer.left():
        pass
    seen = [cells[buffer.cursor]]
    while buffer.right():
        seen.append(cells[buffer.cursor])
    assert seen == sorted(set(cells))
    # ... and Left walks them back.
    back = [cells[buffer.cursor]]
    while buffer.left():
        back.append(cells[buffer.cursor])
    assert back == sorted(set(cells), reverse=True)


def test_tied_cells_prefer_the_logically_nearest_index():
    buffer = EditBuffer("xxx", layout=LIGATURE)
    buffer.cursor = 3  # cell -1, left of the word
    assert buffer.right()
    assert buffer.cursor == 2  # cell 0
    assert buffer.right()
    assert buffer.cursor == 1  # cell 1 is shared by 0 and 1: 1 is nearer


# -- the view: alignment, cursor column, scrolling --------------------------------------


def test_short_ltr_value_is_left_aligned_with_cursor_after_it():
    view = typed("abc").view(6)
    assert view.text == "abc   "
    assert view.cursor == 3


def test_short_rtl_value_is_right_aligned_with_cursor_on_its_left():
    buffer = typed("عمر", rtl)
    view = buffer.view(6)
    assert view.text == "   رمع"
    assert view.cursor == 2  # where the next letter will appear
    buffer.home()
    assert buffer.view(6).cursor == 5  # on the first letter, at the right edge


def test_long_ltr_value_scrolls_to_keep_the_cursor_visible():
    buffer = typed("abcdefghij")
    view = buffer.view(5)
    assert view.text == "ghij "
    assert view.cursor == 4
    buffer.home()
    view = buffer.view(5)
    assert view.text == "abcde"
    assert view.cursor == 0
    # Moving inside the window does not scroll it.
    for _ in range(4):
        buffer.right()
    assert buffer.view(5).text == "abcde"
    buffer.right()
    view = buffer.view(5)
    assert view.text == "bcdef"
    assert view.cursor == 4


def test_long_rtl_value_scrolls_from_the_right():
    buffer = EditBuffer(layout=rtl)
    for char in "abcdefghij":  # stands for ten Arabic letters
        buffer.insert(char)
        view = buffer.view(5)
        assert view.cursor is not None
        assert view.cursor == 0 or view.text[view.cursor - 1] == " "
    assert buffer.view(5).text == " jihg"
    buffer.home()
    view = buffer.view(5)
    assert view.text == "edcba"
    assert view.cursor == 4


def test_typing_in_the_middle_of_a_long_value_keeps_the_window_still():
    buffer = EditBuffer("abcdefghij", layout=ltr)
    buffer.home()
    buffer.view(5)
    buffer.right()
    buffer.insert("X")
    assert buffer.view(5).text == "aXbcd"


def test_wide_character_cut_by_the_edge_is_blanked():
    buffer = EditBuffer("a中文", layout=ltr)
    buffer.home()
    view = buffer.view(2)
    assert view.cells == ("a", " ")
    buffer.end()
    view = buffer.view(4)  # cells 2..5 of "a中文" + cursor: 中's right half is cut
    assert view.cells == (" ", "文", "", " ")
    assert view.cursor == 3


def test_marks_are_drawn_with_their_letter():
    value = "عُمر"
    visual = "رمعُ"  # reordered, the damma after its letter
    layout = table(visual, [2, 1, 1, 0, -1], True)
    view = EditBuffer(value, layout=layout).view(5)
    assert view.cells == (" ", " ", "ر", "م", "عُ")
    assert view.cursor == 1


# -- invariants, whatever the keys ------------------------------------------------------

OPS = ("insert", "backspace", "delete", "left", "right", "home", "end", "word", "start")


@settings(max_examples=200, deadline=None)
@given(
    layout=st.sampled_from([ltr, rtl]),
    width=st.integers(1, 12),
    ops=st.lists(
        st.tuples(st.sampled_from(OPS), st.text(alphabet="ab عمر\x1b\n", max_size=5)),
        max_size=30,
    ),
)
def test_any_key_sequence_keeps_the_buffer_consistent(layout, width, ops):
    buffer = EditBuffer(layout=layout)
    for op, text in ops:
        before = buffer.value
        if op == "insert":
            buffer.insert(text)
        elif op == "backspace":
            buffer.backspace()
        elif op == "delete":
            buffer.delete()
        elif op == "word":
            buffer.delete_word_before()
        elif op == "start":
            buffer.delete_to_start()
        else:
            getattr(buffer, op)()
            assert buffer.value == before  # moving never edits
        assert 0 <= buffer.cursor <= len(buffer.value)
        assert "\x1b" not in buffer.value and "\n" not in buffer.value
        view = buffer.view(width)
        assert len(view.cells) == width
        assert view.cursor is not None and 0 <= view.cursor < width


def test_a_click_puts_the_cursor_on_the_clicked_letter():
    buffer = typed("عمر", rtl)  # drawn "   رمع" in 6 columns, cursor at column 2
    buffer.view(6)
    assert buffer.click(5, 6)  # on ع, the first letter: before it
    assert buffer.cursor == 0
    assert buffer.click(3, 6)  # on ر
    assert buffer.cursor == 2
    assert buffer.click(0, 6)  # in the blank on the left: the end, nearest
    assert buffer.cursor == 3
    ltr_buffer = typed("abc")
    ltr_buffer.view(6)
    assert ltr_buffer.click(1, 6) and ltr_buffer.cursor == 1
    assert ltr_buffer.click(5, 6) and ltr_buffer.cursor == 3
