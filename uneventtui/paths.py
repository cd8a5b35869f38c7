"""Where the shipped data, the seeds and the user's files live."""

from __future__ import annotations

import contextlib
import os
import stat
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


class UnsafePath(OSError):
    """A directory or file of ours that another user could have planted or can change.

    Its message names the path and says how to fix it; the caller works without the
    file (no cache, default settings, no history) rather than reading it.
    """


def _owned_by_user(st: os.stat_result) -> bool:
    return st.st_uid == os.geteuid()


def check_private_dir(path: Path) -> None:
    """Raise UnsafePath unless `path` is a real directory (not a symlink) owned by this
    user and writable by nobody else. What is in such a directory only this user (or
    root) can have put there: the cache, the settings and the history rely on that."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        raise UnsafePath(f"{path} is a symlink; uneventtui keeps its files in a real directory")
    if not stat.S_ISDIR(st.st_mode):
        raise UnsafePath(f"{path} is not a directory")
    if not _owned_by_user(st):
        raise UnsafePath(f"{path} belongs to another user (uid {st.st_uid}); remove it")
    if st.st_mode & 0o022:
        raise UnsafePath(
            f"{path} can be written by other users (mode {stat.S_IMODE(st.st_mode):o}); "
            f"`chmod go-w {path}` or remove it"
        )


def private_dir(path: Path, levels: int = 1) -> Path:
    """`path`, created 0700 where missing, with its last `levels` components (ours:
    …/uneventtui, …/uneventtui/datasets) checked by `check_private_dir`. Raises UnsafePath."""
    chain = [path]
    for _ in range(levels - 1):
        chain.append(chain[-1].parent)
    chain[-1].parent.mkdir(parents=True, exist_ok=True)  # the XDG base, as mkdir -p makes it
    for directory in reversed(chain):
        with contextlib.suppress(FileExistsError):
            directory.mkdir(mode=0o700)
        check_private_dir(directory)
    return path


# Caps on what we read from the user's directories: a file larger than this is not ours.
CONFIG_LIMIT = 1 << 20
HISTORY_LIMIT = 4 << 20


def open_private_file(path: Path) -> int:
    """A file descriptor for `path`, read-only, if it is a regular file owned by this user
    and writable by nobody else; raises UnsafePath (or OSError: FileNotFoundError when
    absent). Opened without following a symlink and without blocking, so neither a
    symlink to /dev/zero nor a FIFO planted in its place can hang or exhaust us."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafePath(f"{path} is not a regular file")
        if not _owned_by_user(st):
            raise UnsafePath(f"{path} belongs to another user (uid {st.st_uid}); remove it")
        if st.st_mode & 0o022:
            raise UnsafePath(f"{path} can be written by other users; remove it")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_private_file(path: Path, limit: int) -> bytes:
    """The bytes of one of our own files (see `open_private_file`), at most `limit` of
    them: a larger file raises UnsafePath rather than being read into memory."""
    fd = open_private_file(path)
    with os.fdopen(fd, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise UnsafePath(f"{path} is larger than {limit} bytes; not read")
        return handle.read(limit + 1)[:limit]


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a data file (a seed article, a TOML file): it may be anyone's and a
    symlink, but it must be a regular file once opened, and at most `limit` bytes, so a
    FIFO or a device named like a data file is reported, never waited on."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(f"{path} is not a regular file")
        if st.st_size > limit:
            raise OSError(f"{path} is larger than {limit} bytes")
        os.set_blocking(fd, True)
        return handle.read(limit + 1)[:limit]


def write_atomically(path: Path, data: bytes, *, private: bool = True) -> None:
    """Replace `path` with `data` all at once, private (0600, its directory 0700 and
    checked by `private_dir`): a crash or a full disk mid-write leaves the previous file,
    never half of one. Raises UnsafePath for a directory another user could read or
    change (what we write can be private: search queries).

    private=False is for a file the user names (an export, a draft for the dataset): its
    directory must exist and is not checked, and the file gets the mode a new file would
    (0666 less the umask), or keeps the one it had."""
    import tempfile  # here: a start that writes nothing never pays for importing it

    if private:
        private_dir(path.parent)
        mode = 0o600
    else:
        mode = _public_mode(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
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


def _public_mode(path: Path) -> int:
    """The mode of the file at `path`, or the one a new file gets under the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0o022)  # read it (there is no other way) and put it back
        os.umask(umask)
        return 0o666 & ~umask
