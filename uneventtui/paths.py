"""Where the shipped data, the seeds and the user's files live."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_data_dir() -> Path:
    """The curated dataset: inside the installed wheel, or at the top of a source checkout."""
    installed = _PACKAGE / "_shipped" / "data"
    return installed if installed.is_dir() else _PACKAGE.parent / "data"


def _xdg(var: str, default: str) -> Path:
    value = os.environ.get(var, "")
    # The XDG spec says relative paths are invalid and must be ignored.
    base = Path(value) if value and os.path.isabs(value) else Path.home() / default
    return base / "uneventtui"


def config_dir() -> Path:
    """$XDG_CONFIG_HOME/uneventtui (config.toml)."""
    return _xdg("XDG_CONFIG_HOME", ".config")


def data_home() -> Path:
    """$XDG_DATA_HOME/uneventtui (search history)."""
    return _xdg("XDG_DATA_HOME", ".local/share")


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/uneventtui (the parsed-dataset cache)."""
    return _xdg("XDG_CACHE_HOME", ".cache")


def toml_files(root: Path, skipped: list[Path] | None = None) -> list[Path]:
    """Every *.toml below `root`, recursively, in name order (hidden ones skipped).

    Those that are not regular files (after following symlinks) are left out, and
    added to `skipped` when it is given.
    """
    found = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.endswith(".toml") and not name.startswith("."):
                path = Path(directory) / name
                if path.is_file():
                    found.append(path)
                elif skipped is not None:
                    skipped.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).parts)
