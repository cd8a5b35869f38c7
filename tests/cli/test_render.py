"""`uneventtui render`: the text layer from the command line."""

from __future__ import annotations

import io
import sys

import pytest
from rich.cells import cell_len

from uneventtui import cli


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    """The user's config.toml (rtl_mode) must not change what these tests see."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


ARABIC = "عقدت الأمم المتحدة القمة الاجتماعية العالمية الثانية في الدوحة (2025)"


def render(capsys, *args: str, stdin: str | None = None, monkeypatch=None) -> list[str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    assert cli.main(["render", *args]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\n") or out == ""
    return out.split("\n")[:-1]


def test_rtl_lines_are_right_aligned_to_the_width(capsys, monkeypatch):
    lines = render(capsys, "--width", "30", stdin=ARABIC, monkeypatch=monkeypatch)
    assert len(lines) == 3
    assert all(cell_len(line) == 30 for line in lines)
    assert all(line.startswith(" ") for line in lines)
    # reading order: the first words of the text are on the first line
    assert "ﺕﺪﻘﻋ" in lines[0] and "(2025)" in lines[-1]


def test_nopad_leaves_lines_unpadded(capsys, monkeypatch):
    lines = render(capsys, "--width", "30", "--nopad", stdin=ARABIC, monkeypatch=monkeypatch)
    assert all(not line.startswith(" ") and cell_len(line) <= 30 for line in lines)


def test_ltr_lines_are_not_padded_and_direction_can_be_forced(capsys, monkeypatch):
    assert render(capsys, "--width", "20", stdin="abc (def)\n", monkeypatch=monkeypatch) == [
        "abc (def)"
    ]
    forced = render(capsys, "--width", "20", "--rtl", stdin="abc (def)", monkeypatch=monkeypatch)
    assert forced == [" " * 11 + "abc (def)"]


def test_reads_a_file_and_keeps_paragraphs(tmp_path, capsys):
    source = tmp_path / "text.txt"
    source.write_text("Hello\n\nمرحبا\n", encoding="utf-8")
    assert render(capsys, "--width", "10", str(source)) == ["Hello", "", "     ﺎﺒﺣﺮﻣ"]


def test_default_width_is_80_when_not_a_terminal(capsys, monkeypatch):
    lines = render(capsys, stdin="مرحبا", monkeypatch=monkeypatch)
    assert cell_len(lines[0]) == 80


def test_terminal_mode_prints_logical_order(capsys, monkeypatch):
    lines = render(
        capsys, "--rtl-mode", "terminal", "--nopad", stdin=ARABIC, monkeypatch=monkeypatch
    )
    assert lines == [ARABIC]


def test_control_characters_never_reach_the_terminal(capsys, monkeypatch):
    text = "title\x1b]0;pwned\x07 \x1b[2J \u202eevil\u202c \x9b1m\n"
    lines = render(capsys, "--width", "80", stdin=text, monkeypatch=monkeypatch)
    assert all(c.isprintable() for line in lines for c in line)
    assert "␛]0;pwned␇" in lines[0]


def test_undecodable_bytes_are_shown_not_dropped(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"ab\xffcd")))
    assert cli.main(["render"]) == 0
    assert capsys.readouterr().out == "ab\ufffdcd\n"


def test_empty_input_prints_nothing(capsys, monkeypatch):
    assert render(capsys, stdin="", monkeypatch=monkeypatch) == []


def test_missing_file_is_a_clear_error(capsys, tmp_path):
    assert cli.main(["render", str(tmp_path / "nope.txt")]) == 1
    err = capsys.readouterr().err
    assert "nope.txt" in err and "Traceback" not in err


def test_bad_width_is_refused(capsys):
    assert cli.main(["render", "--width", "0"]) == 2
    assert "--width" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["render", "--rtl", "--ltr"])


def test_a_terminal_is_switched_to_explicit_bidi_around_the_output(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("مرحبا".encode())))
    assert cli.main(["render", "--width", "10"]) == 0
    assert terminal.getvalue() == "\x1b[8l     ﺎﺒﺣﺮﻣ\n\x1b[8h"
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("مرحبا".encode())))
    assert cli.main(["render", "--width", "10", "--rtl-mode", "terminal"]) == 0
    assert "\x1b" not in terminal.getvalue()


def test_rtl_mode_comes_from_the_option_then_the_config(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "uneventtui").mkdir()
    (tmp_path / "uneventtui" / "config.toml").write_text('rtl_mode = "terminal"\n')
    assert render(capsys, "--nopad", stdin="مرحبا", monkeypatch=monkeypatch) == ["مرحبا"]
    shaped = render(
        capsys, "--nopad", "--rtl-mode", "shaped", stdin="مرحبا", monkeypatch=monkeypatch
    )
    assert shaped == ["ﺎﺒﺣﺮﻣ"]
    # the global option, before the verb, counts too
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("مرحبا".encode())))
    assert cli.main(["--rtl-mode", "shaped", "render", "--nopad"]) == 0
    assert capsys.readouterr().out == "ﺎﺒﺣﺮﻣ\n"
