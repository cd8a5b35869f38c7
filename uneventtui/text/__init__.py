"""The Arabic text layer: logical text in, the lines a terminal should draw out.

(Placeholder API until the text layer lands: `visual` returns its input.)
"""

from __future__ import annotations


def visual(text: str, base: str | None = None) -> str:
    """One line of text as a terminal should draw it (shaped, visual order, safe)."""
    return text
