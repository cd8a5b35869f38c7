"""The terminal's bidi mode: explicit while we draw, implicit again however we leave."""

from __future__ import annotations

import io

import pytest

from uneventtui.text.terminal import EXPLICIT_BIDI, IMPLICIT_BIDI, explicit_bidi


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_sequences_are_bdsm_reset_and_set():
    assert EXPLICIT_BIDI == "\x1b[8l"
    assert IMPLICIT_BIDI == "\x1b[8h"


def test_explicit_mode_for_the_block_then_implicit_again():
    terminal = FakeTerminal()
    with explicit_bidi(terminal):
        assert terminal.getvalue() == EXPLICIT_BIDI
    assert terminal.getvalue() == EXPLICIT_BIDI + IMPLICIT_BIDI


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt, SystemExit])
def test_implicit_mode_is_restored_on_crash_and_ctrl_c(error):
    terminal = FakeTerminal()
    with pytest.raises(error), explicit_bidi(terminal):
        raise error()
    assert terminal.getvalue() == EXPLICIT_BIDI + IMPLICIT_BIDI


def test_nothing_is_sent_to_a_pipe_or_in_terminal_mode():
    pipe = io.StringIO()
    with explicit_bidi(pipe):
        pass
    terminal = FakeTerminal()
    with explicit_bidi(terminal, enabled=False):
        pass
    assert pipe.getvalue() == terminal.getvalue() == ""


def test_a_closed_terminal_is_not_an_error():
    terminal = FakeTerminal()
    with explicit_bidi(terminal):
        terminal.close()
