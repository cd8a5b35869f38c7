"""Files the app writes (search history, dataset cache): a crash mid-write loses nothing,
nothing half-written is left behind, and what is written is private (0600, dirs 0700)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from uneventtui.cache import cache_file_for, load_cached
from uneventtui.history import History

REPO = Path(__file__).resolve().parents[2]
MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


@pytest.fixture
def history_path(tmp_path) -> Path:
    return tmp_path / "data-home" / "uneventtui" / "history.json"


def test_history_file_and_directory_are_private(history_path):
    history = History(history_path)
    history.add("عمر هلال")
    assert history.save()
    assert mode(history_path) == 0o600
    assert mode(history_path.parent) == 0o700


def test_history_survives_a_failed_rename(history_path, monkeypatch):
    history = History(history_path)
    history.add("first")
    assert history.save()
    before = history_path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    history.add("second")
    assert history.save() is False  # reported, not raised
    assert "No space left on device" in history.problem
    assert history_path.read_bytes() == before
    assert leftovers(history_path.parent, {history_path.name}) == []


def test_history_survives_a_process_killed_mid_write(history_path):
    history = History(history_path)
    history.add("kept")
    assert history.save()
    before = history_path.read_bytes()
    # A child that dies (os._exit: no cleanup, like SIGKILL) after writing the
    # temporary file and before renaming it over the history.
    child = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from uneventtui.history import History
        os.replace = lambda *a, **k: os._exit(9)
        h = History.load(Path({str(history_path)!r}))
        h.add("lost")
        h.save()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", child], env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60
    )
    assert result.returncode == 9
    assert history_path.read_bytes() == before
    assert History.load(history_path).queries == ["kept"]


@pytest.fixture
def dataset(tmp_path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini" / "data"


def test_cache_is_private(dataset, tmp_path):
    directory = tmp_path / "cache" / "uneventtui"
    load_cached(dataset, directory=directory, use_cache=True)
    cache_file = cache_file_for(dataset, directory)
    assert mode(cache_file) == 0o600
    assert mode(cache_file.parent) == 0o700  # where the caches are: private


def test_cache_write_failure_keeps_the_old_cache_and_still_loads(dataset, tmp_path, monkeypatch):
    directory = tmp_path / "cache"
    load_cached(dataset, directory=directory, use_cache=True)
    cache_file = cache_file_for(dataset, directory)
    before = cache_file.read_bytes()
    (dataset / "extra.toml").write_text(
        '[[track]]\nid = "extra"\nname_ar = "إضافي"\nname_en = "Extra"\n', encoding="utf-8"
    )

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = load_cached(dataset, directory=directory, use_cache=True)
    assert "extra" in result.timeline.tracks  # the new data, though it could not be cached
    assert cache_file.read_bytes() == before
    assert leftovers(cache_file.parent, {cache_file.name}) == []
    monkeypatch.undo()
    # The stale cache is detected next time, not trusted.
    again = load_cached(dataset, directory=directory, use_cache=True)
    assert "extra" in again.timeline.tracks
