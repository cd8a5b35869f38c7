"""The shipped data's cache: fast start, never stale, never in the way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from uneventtui import loader
from uneventtui.loader import DataError, load_timeline

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A copy of the fixture posing as the shipped data, with a private cache directory."""
    shutil.copytree(MINI, tmp_path / "mini")
    data = tmp_path / "mini" / "data"
    monkeypatch.setattr("uneventtui.paths.shipped_data_dir", lambda: data)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("UNEVENTTUI_NO_CACHE", raising=False)
    return data


def cache_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "uneventtui" / "shipped-timeline.pickle"


def no_parsing(monkeypatch):
    def fail(*_args, **_kwargs):
        raise AssertionError("parsed the TOML again")

    monkeypatch.setattr(loader.tomllib, "loads", fail)


def test_second_load_comes_from_the_cache(shipped, tmp_path, monkeypatch):
    first = load_timeline()
    assert cache_file(tmp_path).is_file()
    no_parsing(monkeypatch)
    second = load_timeline(shipped)  # the shipped directory named explicitly: same cache
    assert second is not first
    assert second.events == first.events
    assert second.entities == first.entities
    assert second.seeds_dir == first.seeds_dir


def test_an_edited_data_file_is_read_again(shipped):
    load_timeline()
    events = shipped / "events.toml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("Resolution 78/261", "Res. 78/261"),
        encoding="utf-8",
    )
    assert load_timeline().event("2024-resolution-78-261").title_en == "Res. 78/261"


def test_a_new_data_file_is_read(shipped):
    load_timeline()
    (shipped / "more.toml").write_text(
        '[[track]]\nid = "extra"\nname_ar = "إضافي"\nname_en = "Extra"\n', encoding="utf-8"
    )
    assert "extra" in load_timeline().tracks


def test_an_edited_seed_is_checked_again(shipped):
    load_timeline()
    (shipped.parent / "seeds" / "geneva-visit.txt").write_text("نص آخر", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_timeline()
    assert caught.value.problems[0].field == "sources[0].quote"


def test_a_broken_cache_file_is_ignored(shipped, tmp_path):
    load_timeline()
    cache_file(tmp_path).write_bytes(b"not a pickle")
    assert len(load_timeline().events) == 3


def test_other_directories_and_the_switch_bypass_the_cache(shipped, tmp_path, monkeypatch):
    load_timeline(MINI / "data")
    assert not cache_file(tmp_path).exists()
    monkeypatch.setenv("UNEVENTTUI_NO_CACHE", "1")
    load_timeline()
    assert not cache_file(tmp_path).exists()


def test_an_unwritable_cache_directory_is_harmless(shipped, tmp_path, monkeypatch):
    (tmp_path / "cache").write_text("a file where the directory should be", encoding="utf-8")
    assert len(load_timeline().events) == 3
