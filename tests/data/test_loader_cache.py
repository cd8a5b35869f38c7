"""The cache with the real loader: fast start, never stale, never in the way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from uneventtui import loader
from uneventtui.cache import cache_file_for, load_cached
from uneventtui.loader import DataError

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A private copy of the small fixture dataset and a private cache directory."""
    shutil.copytree(MINI, tmp_path / "mini")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("UNEVENTTUI_NO_CACHE", raising=False)
    return tmp_path / "mini" / "data"


def no_parsing(monkeypatch):
    def fail(*_args, **_kwargs):
        raise AssertionError("parsed the TOML again")

    monkeypatch.setattr(loader.tomllib, "loads", fail)


def test_second_load_comes_from_the_cache_without_parsing(data, monkeypatch):
    first = load_cached(data)
    assert first.status == "miss"
    assert cache_file_for(data).is_file()
    no_parsing(monkeypatch)
    second = load_cached(data)
    assert second.status == "hit"
    assert second.timeline.events == first.timeline.events
    assert second.timeline.entities == first.timeline.entities
    assert second.timeline.seeds_dir == first.timeline.seeds_dir
    # The search index came along, built once.
    assert second.dataset.search("78/261")


def test_progress_names_each_stage_and_how_much_of_the_toml_is_read(data):
    """What the loading screen's progress bar is drawn from."""
    seen: list[tuple[str, float]] = []
    assert (
        load_cached(data, progress=lambda stage, done: seen.append((stage, done))).status == "miss"
    )
    stages = [stage for stage, done in seen if done == 0.0]
    assert stages == ["cache", "parse", "index", "save"]
    reading = [done for stage, done in seen if stage == "parse" and done > 0.0]
    assert len(reading) == len(list(data.rglob("*.toml")))  # after each file
    assert reading == sorted(reading) and reading[-1] == 1.0
    seen.clear()
    assert (
        load_cached(data, progress=lambda stage, done: seen.append((stage, done))).status == "hit"
    )
    assert seen == [("cache", 0.0)]


def test_an_edited_data_file_is_read_again(data):
    load_cached(data)
    events = data / "events.toml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("Resolution 78/261", "Res. 78/261"),
        encoding="utf-8",
    )
    timeline = load_cached(data).timeline
    assert timeline.event("2024-resolution-78-261").title_en == "Res. 78/261"


def test_a_new_data_file_is_read(data):
    load_cached(data)
    (data / "more.toml").write_text(
        '[[track]]\nid = "extra"\nname_ar = "إضافي"\nname_en = "Extra"\n', encoding="utf-8"
    )
    assert "extra" in load_cached(data).timeline.tracks


def test_a_removed_data_file_is_noticed(data):
    load_cached(data)
    (data / "more.toml").write_text(
        '[[track]]\nid = "extra"\nname_ar = "إضافي"\nname_en = "Extra"\n', encoding="utf-8"
    )
    assert "extra" in load_cached(data).timeline.tracks
    (data / "more.toml").unlink()
    assert "extra" not in load_cached(data).timeline.tracks


def test_an_edited_seed_is_checked_again(data):
    load_cached(data)
    (data.parent / "seeds" / "geneva-visit.txt").write_text("نص آخر", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_cached(data)
    assert caught.value.problems[0].field == "sources[0].quote"


def test_a_broken_cache_file_is_rebuilt(data):
    load_cached(data)
    cache_file_for(data).write_bytes(b"not a pickle")
    result = load_cached(data)
    assert result.status == "corrupt"
    assert len(result.timeline.events) == 3
    assert load_cached(data).status == "hit"


def test_the_switch_turns_the_cache_off(data, monkeypatch):
    monkeypatch.setenv("UNEVENTTUI_NO_CACHE", "1")
    assert load_cached(data).status == "disabled"
    assert not cache_file_for(data).exists()


def test_an_unwritable_cache_directory_is_harmless(data, tmp_path):
    (tmp_path / "cache").write_text("a file where the directory should be", encoding="utf-8")
    assert len(load_cached(data).timeline.events) == 3


def test_check_always_reads_the_toml(data, monkeypatch, capsys):
    from uneventtui.cli import main

    load_cached(data)
    parsed = []
    real_loads = loader.tomllib.loads
    monkeypatch.setattr(loader.tomllib, "loads", lambda text: parsed.append(1) or real_loads(text))
    assert main(["check", "--data", str(data)]) == 0
    assert parsed, "check answered from the cache"
