"""uneventtui: a terminal explorer of the UN's social-development history, 1995-2025."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

__all__ = ["__version__", "load"]


def load(path: str | Path | None = None):
    """Load a dataset directory (None: the shipped data) and return a `Timeline`.

    Raises `uneventtui.loader.DataError` listing every problem when the data is invalid.
    """
    from uneventtui.loader import load_timeline

    return load_timeline(path)
