"""The terminal's bidi mode around a run of the app.

A terminal that runs the bidi algorithm itself ("implicit mode": VTE, mintty) would
reverse the Arabic that the app already put in visual order. The freedesktop
"BiDi in Terminal Emulators" recommendation: a program that does its own bidi
switches the terminal to explicit mode, CSI 8 l (BDSM reset), and back to implicit
mode, CSI 8 h, on exit. Terminals without the mode ignore both sequences.
"""

from __future__ import annotations

import atexit
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

EXPLICIT_BIDI = "\x1b[8l"  # BDSM reset: the terminal draws cells as given
IMPLICIT_BIDI = "\x1b[8h"  # BDSM set: the terminal's own bidi (its default)


def _terminal() -> TextIO | None:
    """The stream Textual draws on (stderr), or stdout, when it is a terminal."""
    for stream in (sys.__stderr__, sys.__stdout__):
        try:
            if stream is not None and stream.isatty():
                return stream
        except (ValueError, OSError):
            continue
    return None


def _write(stream: TextIO, sequence: str) -> None:
    try:
        stream.write(sequence)
        stream.flush()
    except (ValueError, OSError):  # closed or gone: nothing left to restore
        pass


@contextmanager
def explicit_bidi(enabled: bool = True, stream: TextIO | None = None) -> Iterator[None]:
    """Explicit bidi mode inside the block; implicit mode again after it, however it ends.

    The reset is registered with atexit too, so it also runs when the interpreter is
    torn down by an exception that escapes everything else.
    """
    stream = stream if stream is not None else _terminal()
    if not enabled or stream is None:
        yield
        return
    restored = False

    def restore() -> None:
        nonlocal restored
        if not restored:
            restored = True
            _write(stream, IMPLICIT_BIDI)

    _write(stream, EXPLICIT_BIDI)
    atexit.register(restore)
    try:
        yield
    finally:
        restore()
        atexit.unregister(restore)
