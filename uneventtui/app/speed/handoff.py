"""Patch `handoff`: a frame that matters reaches the terminal before follow-up work.

Textual's writer thread puts a frame on the terminal; right after the first frame and
the first with the data, the UI thread starts work that holds the interpreter lock (the
scrollbars' layout, the search index's worker). Pausing the UI thread a moment once
such a frame is handed over (`App._display`, Textual's private hook) lets the writer
take the lock first.
"""

from __future__ import annotations

from time import sleep

from textual.app import App

from uneventtui.app import speed

FRAME_HANDOFF = 0.001  # seconds the UI thread pauses


class FrameHandoff(App):
    """An App whose `hand_off_next_frame()` puts the next frame on screen at once."""

    _hand_off_frame = True  # the first frame

    def hand_off_next_frame(self) -> None:
        self._hand_off_frame = True

    def _display(self, screen, renderable) -> None:
        # If Textual renames this hook, the override is never called: no pause, no harm.
        super()._display(screen, renderable)
        if renderable is not None and self._hand_off_frame and not self.is_headless:
            self._hand_off_frame = False
            if speed.on("handoff"):
                sleep(FRAME_HANDOFF)  # lets the writer thread take the lock now
