"""The dataset cache never shows stale or broken data, and never crashes."""

from __future__ import annotations

import multiprocessing
import os
import stat
import time
from pathlib import Path

import pytest

from uneventtui import cache
from uneventtui.model import Event, PartialDate, Source, SourceRef, Timeline

CALLS: list[Path] = []


def fake_loader(data_dir: Path) -> Timeline:
    """A loader whose result shows which file contents it saw."""
    CALLS.append(data_dir)
    events = [
        Event(
            id=toml.stem,
            kind="meeting",
            track="summit",
            title_ar=toml.read_text(encoding="utf-8").strip(),
            title_en=toml.stem,
            start=PartialDate(2025),
            sources=(SourceRef("s"),),
        )
        for toml in sorted(data_dir.rglob("*.toml"))
    ]
    seeds = data_dir.parent / "seeds"
    sources = {"s": Source("s", "seed", file="one.txt")}  # the seed the key must cover
    return Timeline(events=events, entities={}, sources=sources, seeds_dir=seeds)


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.toml").write_text("القمة الأولى", encoding="utf-8")
    (data / "b.toml").write_text("القمة الثانية", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.txt").write_text("نص", encoding="utf-8")
    CALLS.clear()
    return data


def load(data: Path, tmp_path: Path) -> cache.CacheResult:
    return cache.load_cached(data, directory=tmp_path / "cache", loader=fake_loader)


def titles(result: cache.CacheResult) -> list[str]:
    return [e.title_ar for e in result.timeline.events]  # type: ignore[attr-defined]


def test_second_load_comes_from_the_cache(dataset: Path, tmp_path: Path) -> None:
    first = load(dataset, tmp_path)
    second = load(dataset, tmp_path)
    assert (first.status, second.status) == ("miss", "hit")
    assert len(CALLS) == 1
    assert titles(second) == titles(first) == ["القمة الأولى", "القمة الثانية"]


@pytest.mark.parametrize("change", ["edit", "add", "remove", "nested", "seed"])
def test_any_change_to_the_files_rebuilds(dataset: Path, tmp_path: Path, change: str) -> None:
    load(dataset, tmp_path)
    if change == "edit":
        (dataset / "a.toml").write_text("قمة معدلة", encoding="utf-8")
    elif change == "add":
        (dataset / "c.toml").write_text("جديد", encoding="utf-8")
    elif change == "remove":
        (dataset / "b.toml").unlink()
    elif change == "nested":
        (dataset / "events").mkdir()
        (dataset / "events" / "d.toml").write_text("داخلي", encoding="utf-8")
    else:
        (dataset.parent / "seeds" / "one.txt").write_text("نص آخر", encoding="utf-8")
    again = load(dataset, tmp_path)
    assert again.status == "stale"
    assert len(CALLS) == 2
    assert titles(again) == [e.title_ar for e in fake_loader(dataset).events]


def test_same_size_same_mtime_edit_is_still_seen(dataset: Path, tmp_path: Path) -> None:
    """The key is the content, not size and mtime."""
    target = dataset / "a.toml"
    load(dataset, tmp_path)
    before = target.stat()
    target.write_text("القمة الاولى", encoding="utf-8")  # same byte length
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert titles(load(dataset, tmp_path))[0] == "القمة الاولى"


def corrupt_truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def corrupt_flip(raw: bytes) -> bytes:
    return raw[:-10] + bytes([raw[-10] ^ 0xFF]) + raw[-9:]


def corrupt_garbage(raw: bytes) -> bytes:
    return os.urandom(len(raw))


def corrupt_empty(raw: bytes) -> bytes:
    return b""


def corrupt_header(raw: bytes) -> bytes:
    return cache.MAGIC + b"{not json\n" + raw


@pytest.mark.parametrize(
    "damage", [corrupt_truncate, corrupt_flip, corrupt_garbage, corrupt_empty, corrupt_header]
)
def test_corrupt_cache_is_detected_and_rebuilt(dataset: Path, tmp_path: Path, damage) -> None:
    first = load(dataset, tmp_path)
    cache_file = cache.cache_file_for(dataset, tmp_path / "cache")
    cache_file.write_bytes(damage(cache_file.read_bytes()))
    again = load(dataset, tmp_path)
    assert again.status == "corrupt"
    assert titles(again) == titles(first)
    assert load(dataset, tmp_path).status == "hit"  # and it was rewritten sound


def test_cache_file_is_private(dataset: Path, tmp_path: Path) -> None:
    load(dataset, tmp_path)
    cache_file = cache.cache_file_for(dataset, tmp_path / "cache")
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o600
    assert not list(cache_file.parent.glob(".tmp-*"))  # no temporary file left behind


def test_unwritable_cache_directory_still_loads(dataset: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the directory should be")
    result = load(dataset, tmp_path)
    assert titles(result) == ["القمة الأولى", "القمة الثانية"]
    assert result.status == "unsafe" and "not a directory" in result.detail


def _worker(args: tuple[str, str]) -> list[str]:
    data, directory = args
    result = cache.load_cached(Path(data), directory=Path(directory), loader=fake_loader)
    return titles(result)


def test_concurrent_runs_agree_and_leave_a_sound_cache(dataset: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(4) as pool:
        results = pool.map(_worker, [(str(dataset), str(directory))] * 8)
    assert all(r == ["القمة الأولى", "القمة الثانية"] for r in results)
    assert load(dataset, tmp_path).status == "hit"
    assert not list(cache.cache_file_for(dataset, directory).parent.glob(".tmp-*"))


def test_disabled_cache_always_reads_the_files(dataset: Path, tmp_path: Path) -> None:
    result = cache.load_cached(
        dataset, directory=tmp_path / "c", use_cache=False, loader=fake_loader
    )
    assert result.status == "disabled"
    assert not (tmp_path / "c").exists()


# Stat stamps: a hit skips re-hashing unchanged old files, never hiding an edit.


@pytest.fixture
def hashed(monkeypatch) -> list[str]:
    """The files read to hash them, in order."""
    names: list[str] = []
    real = cache._sha256_file

    def counting(path: Path) -> str | None:
        names.append(path.name)
        return real(path)

    monkeypatch.setattr(cache, "_sha256_file", counting)
    return names


def test_unchanged_old_files_are_not_rehashed(
    dataset: Path,
    tmp_path: Path,
    hashed,
    monkeypatch,
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the files are "old" as soon as stamped
    assert load(dataset, tmp_path).status == "miss"
    hashed.clear()
    assert load(dataset, tmp_path).status == "hit"
    assert hashed == []


def test_recent_files_are_always_rehashed(
    dataset: Path,
    tmp_path: Path,
    hashed,
) -> None:
    # Written within RACY_NS of the cache: an edit in the same clock tick would keep
    # the stamp, so the content is read again.
    load(dataset, tmp_path)
    hashed.clear()
    assert load(dataset, tmp_path).status == "hit"
    assert sorted(hashed) == ["a.toml", "b.toml", "one.txt"]


ALL_FILES = ["a.toml", "b.toml", "one.txt"]


def load_when_fresh_then_again(dataset: Path, tmp_path: Path, hashed, monkeypatch) -> str:
    """Build the cache while the files are too fresh to trust by their stamps (the racy
    window shortened to 0.3 s), wait until they are not, and load again: its status."""
    monkeypatch.setattr(cache, "RACY_NS", 300_000_000)
    assert load(dataset, tmp_path).status == "miss"
    time.sleep(0.35)
    hashed.clear()
    return load(dataset, tmp_path).status


def test_files_too_fresh_to_trust_are_hashed_once_more_then_trusted(
    dataset: Path,
    tmp_path: Path,
    hashed,
    monkeypatch,
) -> None:
    """An archive copied or generated just before its first opening: its files are too
    fresh for their stamps to vouch for them, so the next start hashes them; it finds
    them unchanged and records their stamps, and the start after that reads none."""
    assert load_when_fresh_then_again(dataset, tmp_path, hashed, monkeypatch) == "hit"
    assert sorted(hashed) == ALL_FILES
    hashed.clear()
    assert load(dataset, tmp_path).status == "hit"
    assert hashed == []
    # and the recorded stamps never hide an edit
    (dataset / "a.toml").write_text("القمة الأخرى بعد ذلك", encoding="utf-8")
    result = load(dataset, tmp_path)
    assert result.status == "stale"
    assert "القمة الأخرى بعد ذلك" in titles(result)


def test_a_damaged_stamps_record_only_costs_hashing_again(
    dataset: Path,
    tmp_path: Path,
    hashed,
    monkeypatch,
) -> None:
    load_when_fresh_then_again(dataset, tmp_path, hashed, monkeypatch)  # records the stamps
    record = cache._stamps_file(cache.cache_file_for(dataset, tmp_path / "cache"))
    for damage in (b"", b'{"files": 1, "stamped_ns": "x"}', record.read_bytes()[:-5]):
        record.write_bytes(damage)
        hashed.clear()
        result = load(dataset, tmp_path)
        assert result.status == "hit" and titles(result) == ["القمة الأولى", "القمة الثانية"]
        assert sorted(hashed) == ALL_FILES


def test_edit_with_mtime_put_back_is_seen_despite_the_stamps(
    dataset: Path,
    tmp_path: Path,
    monkeypatch,
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)
    load(dataset, tmp_path)
    target = dataset / "a.toml"
    before = target.stat()
    target.write_text("القمة الأخرى", encoding="utf-8")  # same byte length
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size
    result = load(dataset, tmp_path)
    assert result.status == "stale"
    assert "القمة الأخرى" in titles(result)


def test_touched_but_unchanged_file_is_still_a_hit(
    dataset: Path,
    tmp_path: Path,
    hashed,
    monkeypatch,
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)
    load(dataset, tmp_path)
    os.utime(dataset / "b.toml")
    hashed.clear()
    assert load(dataset, tmp_path).status == "hit"
    assert hashed == ["b.toml"]


def test_cache_directories_are_private(dataset: Path, tmp_path: Path) -> None:
    load(dataset, tmp_path)
    for directory in (tmp_path / "cache", tmp_path / "cache" / "datasets"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700


def test_a_packed_list_reads_back_its_items_block_by_block() -> None:
    """Built from events, its parts decode to the same events, a block at a time."""
    from uneventtui.packed import BLOCK, EVENT, PackedList

    events = [
        Event(f"e{i}", "meeting", "summit", f"حدث {i}", f"Event {i}", PartialDate(2000 + i % 30))
        for i in range(700)
    ]
    data, starts, length = PackedList(events, EVENT).parts()
    packed = PackedList.from_parts(data, starts, length, EVENT[1])
    assert packed[300] == events[300] and packed.loaded_blocks() == 1
    assert packed[-1] == events[-1] and packed[10:20] == events[10:20]
    assert list(packed) == events and packed.loaded_blocks() == -(-700 // BLOCK)


@pytest.mark.parametrize("packed", [False, True], ids=["list", "packed-keys"])
def test_positions_answer_the_same_by_scanning_and_by_dict(packed: bool) -> None:
    """The first lookups scan the key list (no dict of every id before the first frame);
    later ones, or a worker's `build()`, use the dict: the answers never differ."""
    from uneventtui.packed import Keys, Positions

    keys = [f"event-{i}" for i in range(200)]
    positions = Positions(Keys(keys) if packed else keys)
    asked = [keys[-1], keys[0], "missing", keys[57]] * (Positions.SCANS // 2)
    expected = [199, 0, None, 57] * (Positions.SCANS // 2)
    assert [positions.get(key) for key in asked] == expected  # scans, then the dict
    assert "missing" not in positions and keys[3] in positions
    with pytest.raises(KeyError):
        positions["missing"]
    fresh = Positions(keys)
    assert fresh.build() == {key: i for i, key in enumerate(keys)}
    assert [fresh.get(key) for key in asked] == expected


@pytest.mark.parametrize("distinct", [3, 300])
def test_a_coded_column_reads_back_as_the_values_it_was_given(distinct: int) -> None:
    """The cache stores the track column a code per event; read back, in any way, it
    is the same values in the same order, with more than 256 distinct values too."""
    from uneventtui.packed import Coded

    values = [f"track-{(i * 7) % distinct}" for i in range(1000)]
    column = Coded.from_parts(*Coded(values).parts())
    assert list(column) == values and len(column) == 1000
    assert column[999] == values[999] and column[-1] == values[-1]
    assert column[10:20] == values[10:20]


def test_packed_keys_read_back_as_the_keys_they_were_given() -> None:
    """The cache keeps event and entity ids as one string: read back in any way, they
    are the same keys in the same order, and a key is found only whole."""
    from uneventtui.packed import Keys

    keys = ["event-1", "", "حدث-٢", "event-10", "event"]
    packed = Keys.from_parts(*Keys(keys).parts())
    assert list(packed) == keys and len(packed) == 5 and packed == keys
    assert [packed[i] for i in range(5)] == keys and packed[-1] == "event"
    assert packed[1:4] == keys[1:4]
    assert [packed.index(key) for key in keys] == [0, 1, 2, 3, 4]
    assert packed.index("event", 1) == 4 and packed.index("", 1, 3) == 1
    with pytest.raises(ValueError):
        packed.index("event-1", 1)  # before the window
    assert "event-1" in packed and "event-" not in packed and "vent-1" not in packed
    assert "event-1\n" not in packed and "\nevent-10" not in packed  # never across keys
    for missing in ("event-", "event-10\nevent", 10):
        with pytest.raises(ValueError):
            packed.index(missing)
    with pytest.raises(IndexError):
        packed[5]
    assert list(Keys([])) == [] and "" not in Keys([])
    # Keys that cannot be packed so stay a list.
    assert Keys.of(["a\nb", "c"]) == ["a\nb", "c"] and isinstance(Keys.of(["a\nb"]), list)
    assert isinstance(Keys.of([1, 2]), list) and isinstance(Keys.of(["a"]), Keys)


def test_damaged_packed_keys_and_codes_are_refused() -> None:
    """Offsets that do not match their text, or a code with no value, are refused (the
    cache then rebuilds) instead of giving wrong ids or tracks."""
    from array import array

    from uneventtui.packed import CacheDamaged, Coded, Keys

    text, _starts = Keys(["a", "bb", "ccc"]).parts()
    with pytest.raises(CacheDamaged):
        Keys.from_parts(text, array("Q", [1, 3, 6, 99]))
    for distinct in (3, 300):
        codes, values = Coded([f"t{i % distinct}" for i in range(600)]).parts()
        with pytest.raises(CacheDamaged):
            Coded.from_parts(codes, values[:-1])


def test_the_check_is_signalled_before_any_slow_work(tmp_path):
    """The explorer imports Textual once the cache is checked: on a miss that must be
    before the TOML is parsed (a cold start shows its loading screen at once)."""
    import threading

    from uneventtui.loader import load_timeline

    checked, set_when_parsing = threading.Event(), []

    def loader(path):
        set_when_parsing.append(checked.is_set())
        return load_timeline(path)

    first = cache.load_cached(
        None, directory=tmp_path, use_cache=True, loader=loader, checked=checked
    )
    assert first.status == "miss" and set_when_parsing == [True]
    checked = threading.Event()
    again = cache.load_cached(None, directory=tmp_path, use_cache=True, checked=checked)
    assert again.status == "hit" and checked.is_set()


def test_reading_through_a_packed_list_keeps_no_block_it_did_not_have():
    """A pass over every event (an export, `events --json`) holds one block at a time."""
    from uneventtui.packed import EVENT, PackedList

    events = [
        Event(f"e{i}", "meeting", "summit", f"حدث {i}", f"Event {i}", PartialDate(2000))
        for i in range(100)
    ]
    packed = PackedList.from_parts(*PackedList(events, EVENT).parts(), EVENT[1])
    packed[50]  # one block decoded and kept, as a screen would
    assert list(packed.read_through(range(100))) == events
    assert list(packed.read_through([99, 3, 3, 50])) == [events[i] for i in (99, 3, 3, 50)]
    assert packed.loaded_blocks() == 1


def test_an_interrupted_first_open_leaves_no_cache_and_the_next_one_rebuilds(
    dataset: Path, tmp_path: Path
) -> None:
    """Ctrl+C while the TOML is read: nothing half-written is left, and the next start
    reads the files again and writes a sound cache."""

    def interrupted(data_dir: Path) -> Timeline:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        cache.load_cached(dataset, directory=tmp_path / "cache", loader=interrupted)
    datasets = tmp_path / "cache" / "datasets"
    assert not datasets.exists() or list(datasets.iterdir()) == []
    first = load(dataset, tmp_path)
    assert first.status == "miss" and titles(first) == ["القمة الأولى", "القمة الثانية"]
    assert load(dataset, tmp_path).status == "hit"


def test_a_file_changed_during_the_first_open_makes_the_next_start_read_it(
    dataset: Path, tmp_path: Path
) -> None:
    """The files' hashes are taken before they are parsed: an edit made while the first
    open reads them leaves a cache that is already stale, never one that hides it."""

    def editing_while_reading(data_dir: Path) -> Timeline:
        timeline = fake_loader(data_dir)  # read the old text...
        (data_dir / "a.toml").write_text("قمة عُدّلت أثناء القراءة", encoding="utf-8")
        return timeline  # ... and the file changed before the cache was written

    first = cache.load_cached(dataset, directory=tmp_path / "cache", loader=editing_while_reading)
    assert titles(first) == ["القمة الأولى", "القمة الثانية"]
    again = load(dataset, tmp_path)
    assert again.status == "stale"
    assert titles(again)[0] == "قمة عُدّلت أثناء القراءة"
