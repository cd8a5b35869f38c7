"""SearchInput in a running app: what the user sees while typing Arabic.

The reference is GNU FriBidi (`fribidi --nopad --nobreak`, U+FEFF fillers removed): the
drawn line must be its visual string, right-aligned for Arabic, with the cursor block on
the cell FriBidi's logical-to-visual map gives for the cursor's logical position.
"""

from __future__ import annotations

import shutil
import subprocess

import needs
import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from uneventtui.app.widgets.search_input import SearchInput

FRIBIDI = shutil.which("fribidi")
WIDTH = 30


def fribidi(text: str) -> tuple[str, list[int], list[int], bool]:
    """FriBidi's visual line for `text`, the cell of each logical character, their
    embedding levels, and whether the paragraph is right to left."""
    assert FRIBIDI is not None
    out = subprocess.run(
        [FRIBIDI, "--nopad", "--nobreak", "--basedir", "--ltov", "--levels"],
        input=text + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    visual, rtl = out[0], out[1].endswith("R")
    ltov, levels = ([int(x) for x in line.split()] for line in out[2:4])
    cell_of_position: list[int] = []
    for p, char in enumerate(visual):
        if char == "\ufeff":  # the filler after a lam-alef: it is the ligature's cell
            cell_of_position.append(cell_of_position[p - 1])
        else:
            cell_of_position.append(cell_len(visual[:p].replace("\ufeff", "")))
    cells = [cell_of_position[p] for p in ltov]
    return visual.replace("\ufeff", ""), cells, levels, rtl


def expected(text: str, cursor: int, width: int = WIDTH) -> tuple[str, int]:
    """The line FriBidi draws, aligned in the box (RTL right), and the cursor's column.

    Before character i the cursor is on the cell showing it. After the last character,
    it is on the free cell beside it where reading continues: on its left after an
    Arabic letter (where the next one will appear), on its right after a Latin one.
    """
    visual, cells, levels, rtl = fribidi(text)
    offset = width - cell_len(visual) if rtl else 0
    if cursor < len(text):
        column = cells[cursor]
    else:
        column = cells[-1] - 1 if levels[-1] % 2 else cells[-1] + 1
    return (" " * offset + visual).ljust(width), offset + column


class InputApp(App):
    def __init__(self, rtl_mode: str = "shaped", value: str = "") -> None:
        super().__init__()
        self.rtl_mode = rtl_mode
        self.value = value

    def compose(self) -> ComposeResult:
        yield SearchInput(self.value)


def drawn(app: App) -> tuple[str, int | None]:
    """The widget's line as drawn, and the column of the (reverse-video) cursor."""
    widget = app.query_one(SearchInput)
    strip = widget.render_line(0)
    column, cursor = 0, None
    for segment in strip:
        if segment.style and segment.style.reverse:
            cursor = column
        column += cell_len(segment.text)
    return strip.text, cursor


async def type_keys(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


@needs.fribidi
@pytest.mark.slow
async def test_typing_arabic_letter_by_letter_matches_fribidi():
    query = "عمر هلال"
    app = InputApp()
    async with app.run_test(size=(WIDTH, 3)) as pilot:
        for n in range(1, len(query) + 1):
            await type_keys(pilot, query[n - 1])
            await pilot.pause()
            assert app.query_one(SearchInput).value == query[:n]
            assert drawn(app) == expected(query[:n], n), f"after typing {query[:n]!r}"


@needs.fribidi
@pytest.mark.slow
async def test_arrows_home_end_and_backspace_put_the_cursor_where_fribidi_maps_it():
    query = "عمر هلال"
    app = InputApp()
    async with app.run_test(size=(WIDTH, 3)) as pilot:
        await type_keys(pilot, query)
        widget = app.query_one(SearchInput)
        line, start_column = drawn(app)
        # Right walks the cursor right across the screen, one cell at a time, to the
        # first letter (the lam-alef ligature is one cell for two letters).
        columns = [start_column]
        for _ in range(WIDTH + 1):
            await pilot.press("right")
            assert drawn(app) == expected(query, widget.buffer.cursor)
            if drawn(app)[1] == columns[-1]:
                break
            columns.append(drawn(app)[1])
        assert columns == list(range(start_column, WIDTH))
        assert widget.buffer.cursor == 0
        await pilot.press("end")
        assert drawn(app) == expected(query, len(query))
        await pilot.press("home")
        assert drawn(app) == expected(query, 0)
        assert drawn(app)[1] == WIDTH - 1
        # Left from the start: onto the second letter, Backspace deletes the first.
        await pilot.press("left", "backspace")
        assert widget.value == query[1:]
        assert drawn(app) == expected(query[1:], 0)
        await pilot.press("end", "backspace", "backspace")
        assert widget.value == query[1:-2]
        assert drawn(app) == expected(query[1:-2], len(query) - 3)
        assert line  # the full query was drawn


@needs.fribidi
@pytest.mark.slow
@pytest.mark.parametrize("query", ["Hilale", "WHO منظمة الصحة", "منظمة WHO للصحة", "هلال"])
async def test_other_queries_match_fribidi(query):
    app = InputApp()
    async with app.run_test(size=(WIDTH, 3)) as pilot:
        for n in range(1, len(query) + 1):
            await type_keys(pilot, query[n - 1])
            assert drawn(app) == expected(query[:n], n), f"after typing {query[:n]!r}"
        await pilot.press("home")
        assert drawn(app) == expected(query, 0)


async def test_terminal_mode_draws_logical_text():
    app = InputApp(rtl_mode="terminal")
    async with app.run_test(size=(WIDTH, 3)) as pilot:
        await type_keys(pilot, "عمر هلال")
        line, cursor = drawn(app)
        assert line.strip() == "عمر هلال"  # logical order, unshaped: the terminal does it
        assert cursor is not None


async def test_paste_goes_in_as_one_clean_line():
    app = InputApp()
    async with app.run_test(size=(WIDTH, 3)) as pilot:
        widget = app.query_one(SearchInput)
        widget.post_message(_paste("Omar\nHilale\x1b[2J"))
        await pilot.pause()
        assert widget.value == "Omar Hilale[2J"
        assert "\x1b" not in drawn(app)[0]


async def test_long_paste_scrolls_to_keep_the_cursor_visible():
    app = InputApp()
    long_query = "منظمة الصحة العالمية " * 5
    async with app.run_test(size=(WIDTH, 3)) as pilot:
        widget = app.query_one(SearchInput)
        widget.post_message(_paste(long_query))
        await pilot.pause()
        line, cursor = drawn(app)
        assert cell_len(line) == WIDTH
        assert cursor is not None
        await pilot.press("home")
        line, cursor = drawn(app)
        assert cursor == WIDTH - 1  # the start of an Arabic query is on the right


async def test_editing_keys_post_changed_and_printable_keys_are_text():
    values: list[str] = []

    class Recorder(InputApp):
        def on_search_input_changed(self, event: SearchInput.Changed) -> None:
            values.append(event.value)

    app = Recorder()
    async with app.run_test(size=(WIDTH, 3)) as pilot:
        await pilot.press("q", "slash", "n", "ctrl+w")
        await pilot.pause()
        assert values == ["q", "q/", "q/n", ""]
        await type_keys(pilot, "ab cd")
        await pilot.press("ctrl+a", "delete", "ctrl+e", "ctrl+h", "ctrl+u")
        await pilot.pause()
        assert values[-3:] == ["b cd", "b c", ""]


def _paste(text: str):
    from textual import events

    return events.Paste(text)


async def test_clicking_in_the_box_moves_the_cursor_there():
    app = InputApp(value="عمر هلال")
    async with app.run_test(size=(WIDTH, 3)) as pilot:
        widget = app.query_one(SearchInput)
        widget.focus()
        await pilot.pause()
        await pilot.click(SearchInput, offset=(WIDTH - 1, 0))  # the rightmost letter: ع
        assert widget.buffer.cursor == 0
        assert drawn(app)[1] == WIDTH - 1  # the cursor block is on that letter
