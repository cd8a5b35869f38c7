"""The suite never touches the user's files (tests/conftest.py moves HOME and XDG aside).

Loading the data writes the parsed-dataset cache and a search writes the history: both must
land in the test's temporary home, in this process and in any subprocess, and nothing under
the user's real directories may change.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

from conftest import REAL_USER_DIRS, USER_DIRS

from uneventtui.history import History

REPO = Path(__file__).resolve().parents[2]


def real_app_dirs() -> list[Path]:
    """Where uneventtui would write for the user running the tests."""
    home = Path(REAL_USER_DIRS["HOME"])

    def xdg(var: str, default: str) -> Path:
        value = REAL_USER_DIRS[var]
        return (Path(value) if os.path.isabs(value) else home / default) / "uneventtui"

    return [
        xdg("XDG_CONFIG_HOME", ".config"),
        xdg("XDG_DATA_HOME", ".local/share"),
        xdg("XDG_CACHE_HOME", ".cache"),
        xdg("XDG_STATE_HOME", ".local/state"),
    ]


def stamps(root: Path) -> dict[Path, tuple[int, int]]:
    """Every file below `root` (by its path relative to it), with its size and mtime."""
    found = {}
    for path in root.rglob("*") if root.is_dir() else ():
        stat = path.lstat()
        found[path.relative_to(root)] = (stat.st_size, stat.st_mtime_ns)
    return found


def test_the_environment_points_into_the_test_home(user_home):
    for var in USER_DIRS:
        assert Path(os.environ[var]).is_relative_to(user_home), var
        assert os.environ[var] != REAL_USER_DIRS[var], var
    assert Path.home() == user_home


def test_history_and_cache_writes_stay_in_the_test_home(user_home):
    # Other programs may use the real directories meanwhile: compare only what this
    # test writes (a query no one else types, the cache files it creates).
    real_data, real_cache = real_app_dirs()[1:3]
    real_before = stamps(real_cache)
    query = f"[@click=app.quit] {uuid.uuid4().hex}"

    history = History.load()
    history.add(query)
    assert history.save()
    # A subprocess (as the CLI, pty and tmux tests start) inherits the test home too:
    # loading the shipped data writes the cache there.
    done = subprocess.run(
        [sys.executable, "-m", "uneventtui.cli", "events", "--json"],
        capture_output=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr

    test_history = user_home / ".local/share/uneventtui/history.json"
    assert query in test_history.read_text(encoding="utf-8")
    real_history = real_data / "history.json"
    assert not real_history.exists() or query not in real_history.read_text(encoding="utf-8")

    cached = stamps(user_home / ".cache/uneventtui")
    assert cached, "loading the data wrote no cache into the test home"
    real_after = stamps(real_cache)
    for name in cached:
        assert real_after.get(name) == real_before.get(name), f"{real_cache / name} was written"
