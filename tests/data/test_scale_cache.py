"""The dataset cache through the real loader, on synthetic data: never stale, never broken."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from uneventtui import cache, synthetic
from uneventtui.dataset import Dataset
from uneventtui.loader import load_timeline
from uneventtui.packed import PackedList


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return synthetic.write_dataset(tmp_path / "data", 600, 300, seed=3, per_file=200)


def load(data: Path, tmp_path: Path) -> cache.CacheResult:
    return cache.load_cached(data, directory=tmp_path / "cache", use_cache=True)


def summary(timeline) -> tuple:
    """What a user sees of a timeline: every event and entity, in order."""
    events = [(e.id, e.title_ar, e.title_en, e.start.iso()) for e in timeline.events]
    entities = [(k, e.name_ar, e.name_en) for k, e in timeline.entities.items()]
    return events, entities


def test_a_cache_hit_shows_what_the_toml_says_and_reads_events_lazily(dataset, tmp_path):
    fresh = load_timeline(dataset)
    assert load(dataset, tmp_path).status == "miss"
    hit = load(dataset, tmp_path)
    assert hit.status == "hit"
    timeline = hit.timeline
    assert isinstance(timeline.events, PackedList)
    assert timeline.events.loaded_blocks() == 0  # nothing decoded until read
    last = timeline.events[-1]
    assert timeline.events.loaded_blocks() == 1
    assert last == fresh.events[-1]
    assert summary(timeline) == summary(fresh)
    person = next(k for k in fresh.entities if k.startswith("person-"))
    assert timeline.events_of(person) == fresh.events_of(person)
    assert timeline.roles_of(person) == fresh.roles_of(person)
    assert timeline.event(last.id) == last
    assert list(timeline.event_column("year")) == fresh.event_column("year")
    assert list(timeline.event_column("track")) == fresh.event_column("track")
    name = fresh.entities[person].name_en
    assert [h.id for h in hit.dataset.search(name)] == [h.id for h in Dataset(fresh).search(name)]


def rewrite_title(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("change", ["edit", "add", "remove", "seed"])
def test_every_kind_of_change_is_seen(dataset, tmp_path, change):
    load(dataset, tmp_path)
    events_dir = dataset / "events"
    first_file = sorted(events_dir.glob("*.toml"))[0]
    if change == "edit":
        title = load_timeline(dataset).event("event-0").title_en
        rewrite_title(first_file, title, "An edited title")
    elif change == "add":
        first = load_timeline(dataset).events[0]
        (events_dir / "zz-added.toml").write_text(
            f'[[event]]\nid = "added-1"\nkind = "{first.kind}"\ntrack = "{first.track}"\n'
            'title_ar = "حدث مضاف"\ntitle_en = "An added event"\nstart = "2001-05-06"\n'
            'sources = [{ source = "ext-0" }]\n',
            encoding="utf-8",
        )
    elif change == "remove":
        sorted(events_dir.glob("*.toml"))[-1].unlink()
    else:
        seed = sorted((dataset / "seeds").iterdir())[0]
        seed.write_text(seed.read_text(encoding="utf-8") + "سطر جديد\n", encoding="utf-8")
    result = load(dataset, tmp_path)
    assert result.status == "stale"
    assert summary(result.timeline) == summary(load_timeline(dataset))
    if change == "edit":
        assert result.timeline.event("event-0").title_en == "An edited title"
    if change == "add":
        assert result.timeline.event("added-1").title_en == "An added event"
    assert load(dataset, tmp_path).status == "hit"


def flip_byte(path: Path, where: float) -> None:
    raw = bytearray(path.read_bytes())
    header_end = raw.index(b"\n", len(cache.MAGIC)) + 1
    at = header_end + int((len(raw) - header_end) * where)
    raw[at] ^= 0xFF
    path.write_bytes(bytes(raw))


def test_a_corrupt_timeline_section_is_rebuilt(dataset, tmp_path):
    load(dataset, tmp_path)
    cache_file = cache.cache_file_for(dataset, tmp_path / "cache")
    flip_byte(cache_file, 0.99)  # the timeline section is last
    result = load(dataset, tmp_path)
    assert result.status == "corrupt"
    assert summary(result.timeline) == summary(load_timeline(dataset))
    assert load(dataset, tmp_path).status == "hit"


def _header(cache_file: Path) -> tuple[dict, int]:
    import json

    raw = cache_file.read_bytes()
    header_end = raw.index(b"\n", len(cache.MAGIC)) + 1
    return json.loads(raw[len(cache.MAGIC) : header_end]), header_end


def _sections(cache_file: Path) -> dict[str, int]:
    """Where each section of the timeline region starts in the file."""
    header, header_end = _header(cache_file)
    start = header_end + header["index"]["length"]
    return {name: start + offset for name, _kind, _d, offset, _n in header["timeline"]["sections"]}


def test_blocks_are_read_in_place_and_each_part_of_the_timeline_section_is_checked(
    dataset, tmp_path
):
    """The packed blocks are used in place, as views of the file's bytes; damage to the
    description of the timeline, to its first block or to the last byte is caught alike."""
    fresh = summary(load_timeline(dataset))
    load(dataset, tmp_path)
    cache_file = cache.cache_file_for(dataset, tmp_path / "cache")
    hit = load(dataset, tmp_path)
    assert hit.status == "hit"
    assert isinstance(hit.timeline.events.parts()[0], memoryview)  # a view, not a copy
    assert summary(hit.timeline) == fresh
    where = _sections(cache_file)
    for at in (where["meta"] + 3, where["events"] + 1, cache_file.stat().st_size - 1):
        raw = bytearray(cache_file.read_bytes())
        raw[at] ^= 0xFF
        cache_file.write_bytes(bytes(raw))
        result = load(dataset, tmp_path)
        assert result.status == "corrupt", at
        assert summary(result.timeline) == fresh
        assert load(dataset, tmp_path).status == "hit"


def test_a_header_whose_section_table_lies_is_corrupt(dataset, tmp_path):
    """The checksum still matches; only the table of where the blocks are lies."""
    import json

    load(dataset, tmp_path)
    cache_file = cache.cache_file_for(dataset, tmp_path / "cache")
    header, header_end = _header(cache_file)
    body = cache_file.read_bytes()[header_end:]
    table = header["timeline"]["sections"]
    starts = next(entry for entry in table if entry[0] == "events.starts")
    starts[4] -= 8  # one block fewer than the events need
    cache_file.write_bytes(cache.MAGIC + json.dumps(header).encode() + b"\n" + body)
    result = load(dataset, tmp_path)
    assert result.status == "corrupt" and "block table" in result.detail
    assert summary(result.timeline) == summary(load_timeline(dataset))


def test_a_corrupt_search_index_is_rebuilt_and_the_cache_dropped(dataset, tmp_path):
    fresh = load_timeline(dataset)
    load(dataset, tmp_path)
    cache_file = cache.cache_file_for(dataset, tmp_path / "cache")
    flip_byte(cache_file, 0.01)  # the search index section comes first
    result = load(dataset, tmp_path)
    assert result.status == "hit"  # the timeline itself is sound
    name = next(e.name_en for e in fresh.entities.values() if e.kind == "person")
    assert [h.id for h in result.dataset.search(name)] == [
        h.id for h in Dataset(fresh).search(name)
    ]
    assert "search index rebuilt" in result.dataset.problem
    assert not cache_file.exists()  # so the next start writes a sound one
    assert load(dataset, tmp_path).status == "miss"
    assert load(dataset, tmp_path).status == "hit"


def _run(args: tuple[str, str]) -> tuple:
    data, directory = args
    result = cache.load_cached(Path(data), directory=Path(directory), use_cache=True)
    return summary(result.timeline)


def test_concurrent_cold_runs_agree_and_leave_a_sound_cache(dataset, tmp_path):
    expected = summary(load_timeline(dataset))
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(3) as pool:
        results = pool.map(_run, [(str(dataset), str(tmp_path / "cache"))] * 3)
    assert all(r == expected for r in results)
    again = load(dataset, tmp_path)
    assert again.status == "hit" and summary(again.timeline) == expected
    assert not list((tmp_path / "cache").rglob(".tmp-*"))


def test_check_never_uses_the_cache(dataset, tmp_path, monkeypatch, capsys):
    """check reads the TOML itself: it neither reads nor writes a cache."""
    from uneventtui.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.load_cached(dataset).status == "miss"  # a warm cache is there

    def no_cache(*args, **kwargs):
        raise AssertionError("check used the cache")

    monkeypatch.setattr(cache, "load_cached", no_cache)
    monkeypatch.setattr(cache, "_read", no_cache)
    monkeypatch.setattr(cache, "_write", no_cache)
    assert main(["check", "--data", str(dataset)]) == 0
    rewrite_title(sorted((dataset / "events").glob("*.toml"))[0], 'start = "', 'start = "x')
    assert main(["check", "--data", str(dataset)]) == 1
    assert "start" in capsys.readouterr().out


def test_an_index_read_failing_for_other_reasons_keeps_the_cache(dataset, tmp_path, monkeypatch):
    """E.g. a worker cut short at exit: the index is rebuilt, the sound file kept."""
    fresh = load_timeline(dataset)
    load(dataset, tmp_path)
    result = load(dataset, tmp_path)

    def failing_read(*args):
        raise OSError(9, "Bad file descriptor")

    monkeypatch.setattr(cache.os, "pread", failing_read)  # the read fails, the file is fine
    name = next(e.name_en for e in fresh.entities.values() if e.kind == "organization")
    assert [h.id for h in result.dataset.search(name)] == [
        h.id for h in Dataset(fresh).search(name)
    ]
    monkeypatch.undo()
    assert cache.cache_file_for(dataset, tmp_path / "cache").exists()
    assert load(dataset, tmp_path).status == "hit"


def test_check_reports_every_error_scattered_through_a_large_dataset(tmp_path):
    """Errors in many files, far apart: each is reported once, with its file and line,
    whatever else the files hold (the loader keeps no file's text while it reads)."""
    from uneventtui.loader import check_dataset

    data = synthetic.write_dataset(tmp_path / "data", 6000, 1500, seed=7, per_file=500)
    planted = {}
    for n, path in enumerate(sorted((data / "events").glob("*.toml"))):
        lines = path.read_text(encoding="utf-8").splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("start = ")]
        at = starts[(n * 37) % len(starts)]  # a different event in each file
        lines[at] = 'start = "2024-13-40"'
        planted[path.name] = at + 1
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = check_dataset(data)
    found = {Path(p.file).name: p.line for p in problems if p.field == "start"}
    assert found == planted
    assert len(problems) == len(planted)
