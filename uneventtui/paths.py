"""Where the shipped data, the seeds and the user's files live."""

from __future__ import annotations

import contextlib
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


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once, private (0600, its directory 0700): a crash
    or a full disk mid-write leaves the previous file, never half of one."""
    import tempfile  # here: a start that writes nothing never pays for importing it

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # private, like the file
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    # The rename itself is durable only once the directory is synced.
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
