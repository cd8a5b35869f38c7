"""The terminal's own bidi: switch it off while we draw visual-order text.

Terminals that implement the freedesktop "BiDi in Terminal Emulators"
recommendation (VTE: GNOME Terminal, Tilix, Terminator...; mintty) reorder
text themselves in "implicit" mode, which would reverse our already reordered
lines a second time. BDSM (Bi-Directional Support Mode, mode 8) switches
them: `CSI 8 l` to explicit mode (draw cells as sent), `CSI 8 h` back to
implicit mode, the terminal's default. Other terminals ignore both.
"""

from __future__ import annotations

import atexit
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

EXPLICIT_BIDI = "\x1b[8l"  # BDSM reset: the terminal draws cells in the order sent
IMPLICIT_BIDI = "\x1b[8h"  # BDSM set: the terminal runs the bidi algorithm itself


def _write(stream: TextIO, sequence: str) -> None:
    try:
        stream.write(sequence)
        stream.flush()
    except (OSError, ValueError):  # closed or gone: nothing left to restore
        pass


@contextmanager
def explicit_bidi(stream: TextIO | None = None, enabled: bool = True) -> Iterator[None]:
    """Keep the terminal in explicit bidi mode for the duration of the block.

    Restores implicit mode on leaving the block however it is left (return,
    exception, Ctrl+C, SystemExit), and at interpreter exit should the block
    be skipped over (os._exit aside). Does nothing when `enabled` is False
    (rtl-mode "terminal") or the stream is not a terminal.
    """
    stream = stream if stream is not None else sys.__stdout__
    if not enabled or stream is None or not stream.isatty():
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
