"""Attacks on the files uneventtui reads, as another local user (or a hostile dataset)
would make them: a planted cache must never run code nor serve content no data file
holds, a directory or file another user controls is never read, nothing planted in
place of a file hangs or exhausts the program, and no message echoes escapes raw.

Tests that need a second user run as root (CI does) and hand the planted files to
`nobody` with chown; elsewhere they skip and say why.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest

import uneventtui
from uneventtui import cache
from uneventtui.loader import load_timeline

NOBODY = 65534
as_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="planting a file as another user needs root (CI runs as root)"
)
REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "data"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A copy of the shipped dataset and its seeds, safe to change."""
    shutil.copytree(SHIPPED, tmp_path / "data")
    shutil.copytree(SHIPPED.parent / "seeds", tmp_path / "seeds")
    return tmp_path / "data"


@pytest.fixture
def cache_root(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def load(data: Path, root: Path) -> cache.CacheResult:
    return cache.load_cached(data, directory=root, use_cache=True)


def within(seconds: float, action):
    """`action()`'s result, or a failure if it has not returned after `seconds`: a
    planted FIFO must be refused, not waited on (the hung thread is left behind)."""
    box: dict = {}

    def run() -> None:
        try:
            box["value"] = action()
        except BaseException as error:  # noqa: BLE001 - handed to the test
            box["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still blocked after {seconds} s"
    if "error" in box:
        raise box["error"]
    return box["value"]


def titles(result: cache.CacheResult) -> list[str]:
    return [event.title_en for event in result.timeline.events]


# ------------------------------------------------------------- 1. code execution


def test_no_module_of_the_package_imports_a_code_loading_deserialiser():
    package = Path(uneventtui.__file__).parent
    banned = {"pickle", "marshal", "shelve", "dill", "cloudpickle", "_pickle", "copyreg"}
    found = []
    for module in package.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [f"{module.name}: {n}" for n in names if n.split(".")[0] in banned]
    assert found == []


def _dotted_pickle(command: str) -> bytes:
    """The payload the old restricted unpickler let through (protocol 4, no frame): the
    global `os.system` named as an attribute of `uneventtui.cache`, which imports os,
    called with `command`."""
    cmd = command.encode()
    return (
        b"\x80\x04"
        + b"\x8c\x10uneventtui.cache\x94"
        + b"\x8c\x09os.system\x94\x93"
        + b"\x8c"
        + bytes([len(cmd)])
        + cmd
        + b"\x94\x85R."
    )


def _plant(cache_file: Path, payload: bytes) -> None:
    """Put `payload` where the cache's data goes and fix every checksum and length, as
    an attacker who can write the file would (for the pickle-based format too)."""
    raw = cache_file.read_bytes()
    end = raw.index(b"\n", len(cache.MAGIC)) + 1
    header = json.loads(raw[len(cache.MAGIC) : end])
    if "payload_crc32" in header:  # the pickle-based cache (format 7)
        header.update(index_len=0, payload_len=len(payload), pickle_len=len(payload))
        header.update(buffers=[], payload_crc32=zlib.crc32(payload))
        cache_file.write_bytes(cache.MAGIC + json.dumps(header).encode() + b"\n" + payload)
        return

    def plant(header: dict, region: bytearray) -> bytearray:
        for name in ("meta", "events"):
            start = _section(header, name)[3]
            region[start : start + len(payload)] = payload
        return region

    _rewrite(cache_file, plant)


def _rewrite(cache_file: Path, mutate) -> None:
    """Change a cache file's header or timeline region and fix its checksums, as an
    attacker who can write the file would."""
    raw = cache_file.read_bytes()
    end = raw.index(b"\n", len(cache.MAGIC)) + 1
    header = json.loads(raw[len(cache.MAGIC) : end])
    index_len = header["index"]["length"]
    index, timeline = raw[end : end + index_len], bytearray(raw[end + index_len :])
    timeline = mutate(header, timeline)
    header["timeline"]["length"] = len(timeline)
    header["timeline"]["crc32"] = zlib.crc32(timeline)
    cache_file.write_bytes(cache.MAGIC + json.dumps(header).encode() + b"\n" + index + timeline)


def _section(header: dict, name: str) -> list:
    return next(entry for entry in header["timeline"]["sections"] if entry[0] == name)


@pytest.mark.parametrize("command", ["touch {marker}", 'python3 -c \'open("{marker}", "w")\''])
def test_a_planted_pickle_never_runs(dataset, cache_root, tmp_path, command):
    marker = tmp_path / "pwned"
    assert load(dataset, cache_root).status == "miss"
    _plant(cache.cache_file_for(dataset, cache_root), _dotted_pickle(command.format(marker=marker)))
    result = load(dataset, cache_root)
    assert result.status == "corrupt"
    assert titles(result) == [e.title_en for e in load_timeline(dataset).events]
    result.dataset.warm()
    assert not marker.exists()


# ------------------------------------------------ 2. directories and files trusted


@as_root
def test_a_cache_directory_of_another_user_is_refused(dataset, cache_root):
    load(dataset, cache_root)  # a sound cache...
    os.chown(cache_root, NOBODY, NOBODY)  # ... in a directory another user now owns
    result = load(dataset, cache_root)
    assert result.status == "unsafe" and "another user" in result.detail
    assert "working without a cache" in result.dataset.problem
    assert titles(result) == [e.title_en for e in load_timeline(dataset).events]


@as_root
def test_a_cache_file_of_another_user_is_not_read(dataset, cache_root):
    load(dataset, cache_root)
    cache_file = cache.cache_file_for(dataset, cache_root)
    os.chown(cache_file, NOBODY, NOBODY)
    result = load(dataset, cache_root)
    assert result.status == "corrupt" and "another user" in result.detail
    assert load(dataset, cache_root).status == "hit"  # replaced by one of the user's own


@pytest.mark.parametrize("which", ["root", "datasets"])
def test_a_world_writable_cache_directory_is_refused_and_never_read(dataset, cache_root, which):
    load(dataset, cache_root)
    directory = cache_root if which == "root" else cache_root / "datasets"
    directory.chmod(0o777)
    cache_file = cache.cache_file_for(dataset, cache_root)
    before = cache_file.stat()
    reads = []
    result = cache.load_cached(
        dataset,
        directory=cache_root,
        use_cache=True,
        loader=lambda path: reads.append(path) or load_timeline(path),
    )
    assert result.status == "unsafe" and "other users" in result.detail
    assert reads == [dataset]  # the TOML was read instead
    assert cache_file.stat().st_mtime_ns == before.st_mtime_ns  # and nothing written there


def test_a_symlinked_datasets_directory_is_not_followed(dataset, cache_root, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache_root.mkdir(mode=0o700)
    (cache_root / "datasets").symlink_to(elsewhere)
    result = load(dataset, cache_root)
    assert result.status == "unsafe" and "symlink" in result.detail
    assert list(elsewhere.iterdir()) == []


def _fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.exists() or path.is_symlink():
        path.unlink()
    os.mkfifo(path, 0o600)
    return path


def _plant_special(path: Path, planted: str) -> Path:
    """A FIFO (a reader would wait forever) or a symlink to /dev/zero (a reader would
    never reach its end) where one of our files belongs."""
    if planted == "fifo":
        return _fifo(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize("planted", ["fifo", "dev-zero"])
def test_a_fifo_or_dev_zero_in_place_of_the_cache_or_its_stamps_neither_hangs_nor_exhausts(
    dataset, cache_root, planted
):
    load(dataset, cache_root)
    cache_file = cache.cache_file_for(dataset, cache_root)
    for target in (cache_file, cache._stamps_file(cache_file)):
        _plant_special(target, planted)
        result = within(20, lambda: load(dataset, cache_root))
        assert titles(result) == [e.title_en for e in load_timeline(dataset).events]
        assert within(20, lambda: load(dataset, cache_root)).status == "hit"


@pytest.mark.parametrize("planted", ["fifo", "dev-zero"])
def test_a_fifo_or_dev_zero_in_place_of_the_config_is_reported_not_waited_on(tmp_path, planted):
    from uneventtui.config import load_config

    path = _plant_special(tmp_path / "config" / "config.toml", planted)
    config, problems = within(10, lambda: load_config(path))
    assert config.lang == "en" and len(problems) == 1 and "using defaults" in problems[0]


@pytest.mark.parametrize("planted", ["fifo", "dev-zero"])
def test_a_fifo_or_dev_zero_in_place_of_the_history_is_reported_not_waited_on(tmp_path, planted):
    from uneventtui.history import History

    path = _plant_special(tmp_path / "data" / "history.json", planted)
    history = within(10, lambda: History.load(path))
    assert history.queries == [] and history.problem


@pytest.mark.parametrize("which", ["config", "history"])
def test_settings_and_history_in_a_directory_others_can_write_are_not_used(tmp_path, which):
    from uneventtui.config import load_config
    from uneventtui.history import History

    directory = tmp_path / which
    directory.mkdir()
    directory.chmod(0o777)
    if which == "config":
        (directory / "config.toml").write_text('lang = "ar"\n', encoding="utf-8")
        config, problems = load_config(directory / "config.toml")
        assert config.lang == "en" and "other users" in problems[0]
    else:
        (directory / "history.json").write_text('{"version": 1, "queries": ["x"]}')
        history = History.load(directory / "history.json")
        assert history.queries == [] and "other users" in (history.problem or "")
        history.add("private query")
        assert not history.save()  # nothing the user types is written where others read
        assert "private query" not in (directory / "history.json").read_text()


@as_root
def test_a_config_directory_of_another_user_is_not_used(tmp_path):
    from uneventtui.config import load_config

    directory = tmp_path / "config"
    directory.mkdir(mode=0o755)
    (directory / "config.toml").write_text('rtl_mode = "terminal"\n', encoding="utf-8")
    os.chown(directory, NOBODY, NOBODY)
    config, problems = load_config(directory / "config.toml")
    assert config.rtl_mode == "shaped" and "another user" in problems[0]


# ---------------------------------------------------------------- 3. forged content


def test_stamps_from_the_future_do_not_vouch_for_forged_hashes(dataset, cache_root):
    """Copy the files' stamps into the header, set stamped_ns far ahead and the hashes
    to anything: the stored hashes are not trusted, so the forgery is found stale."""
    load(dataset, cache_root)
    cache_file = cache.cache_file_for(dataset, cache_root)

    def forge(header: dict, region: bytearray) -> bytearray:
        header["stamped_ns"] = time.time_ns() + 10**18
        header["stamps"] = {name: cache._stamp(Path(name)) for name in header["files"]}
        header["files"] = dict.fromkeys(header["files"], "0" * 64)
        return region

    _rewrite(cache_file, forge)
    (dataset / "dataset.toml").touch()  # nothing else changes
    result = load(dataset, cache_root)
    assert result.status == "stale"


# -------------------------------------------------- 4. every message escaped


HOSTILE = "evil\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\u202e"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "uneventtui.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=120,
    )


def _raw_controls(output: bytes) -> list[str]:
    text = output.decode("utf-8", "replace")
    return sorted(
        {f"U+{ord(c):04X}" for c in text if ord(c) < 0x20 and c not in "\n\t"}
        | {f"U+{ord(c):04X}" for c in text if 0x202A <= ord(c) <= 0x202E or 0x80 <= ord(c) < 0xA0}
    )


def test_every_verb_escapes_hostile_file_and_directory_names(dataset, tmp_path):
    root = REPO
    hostile_data = tmp_path / f"data-{HOSTILE}"
    dataset.rename(hostile_data)
    seeds = tmp_path / "seeds"
    hostile_seeds = tmp_path / f"seeds-{HOSTILE}"
    seeds.rename(hostile_seeds)
    seeds.symlink_to(hostile_seeds.name)  # the dataset's `../seeds`, through a hostile name
    (tmp_path / HOSTILE).write_bytes(b"\xff\xfe not text")
    runs = {
        "check": _run("check", "--data", str(hostile_data), cwd=root),
        "events": _run("events", "--data", str(hostile_data), "--track", "summit", cwd=root),
        "entities": _run("entities", "--data", str(hostile_data), cwd=root),
        "show": _run("show", "omar-hilale", "--data", str(hostile_data), cwd=root),
        "search": _run("search", "Hilale", "--data", str(hostile_data), cwd=root),
        "missing data": _run("events", "--data", str(tmp_path / f"none-{HOSTILE}"), cwd=root),
        "render": _run("render", str(tmp_path / f"none-{HOSTILE}"), cwd=root),
        "render dir": _run("render", str(tmp_path), cwd=root),
        "show missing": _run("show", HOSTILE, "--data", str(hostile_data), cwd=root),
    }
    for verb, run in runs.items():
        assert _raw_controls(run.stdout) == [], (verb, run.stdout[-300:])
        assert _raw_controls(run.stderr) == [], (verb, run.stderr[-300:])
    assert runs["check"].returncode == 0 and b"\\x1b]0;pwned" in runs["check"].stdout
    assert runs["render"].returncode != 0 and b"\\x1b" in runs["render"].stderr


# ------------------------------------------------------------- 5. crash-proof


@pytest.mark.parametrize("failure", [MemoryError, RecursionError])
def test_any_error_while_reading_the_cache_means_a_rebuild(
    dataset, cache_root, monkeypatch, failure
):
    load(dataset, cache_root)
    real = cache._read_timeline

    def failing(*args):
        raise failure("planted")

    monkeypatch.setattr(cache, "_read_timeline", failing)
    result = load(dataset, cache_root)
    assert result.status == "corrupt" and failure.__name__ in result.detail
    monkeypatch.setattr(cache, "_read_timeline", real)
    assert load(dataset, cache_root).status == "hit"


def test_a_deeply_nested_or_huge_section_is_corrupt_not_a_crash(dataset, cache_root):
    load(dataset, cache_root)
    cache_file = cache.cache_file_for(dataset, cache_root)

    def nest(header: dict, region: bytearray) -> bytearray:
        deep = b"[" * 200_000 + b"]" * 200_000
        entry = _section(header, "meta")
        entry[3], entry[4] = len(region), len(deep)
        big = _section(header, "year")
        big[4] = 10**15  # an array claiming a petabyte
        return region + deep

    _rewrite(cache_file, nest)
    result = load(dataset, cache_root)
    assert result.status == "corrupt"
    assert load(dataset, cache_root).status == "hit"


def test_a_block_damaged_after_the_checks_is_served_from_the_toml(dataset, cache_root):
    """Blocks are decoded when first read, after the checksum: one that fails then is
    read from the TOML files instead, and the cache file is dropped."""
    load(dataset, cache_root)
    cache_file = cache.cache_file_for(dataset, cache_root)

    def damage(header: dict, region: bytearray) -> bytearray:
        start = _section(header, "events")[3]
        region[start : start + 2] = b"{{"
        return region

    _rewrite(cache_file, damage)
    result = load(dataset, cache_root)
    assert result.status == "hit"  # the description is sound: the damage is found later
    assert titles(result) == [e.title_en for e in load_timeline(dataset).events]
    assert not cache_file.exists()


# ----------------------------------------------- 6. only what the data references


def test_only_the_seed_files_the_sources_name_are_hashed(dataset, cache_root, monkeypatch):
    seeds = dataset.parent / "seeds"
    _fifo(seeds / "zz-planted.txt")  # would block a reader forever
    (seeds / "unrelated.bin").write_bytes(os.urandom(1 << 16))
    hashed: list[str] = []
    real = cache._sha256_file
    monkeypatch.setattr(cache, "_sha256_file", lambda p: hashed.append(p.name) or real(p))
    assert within(30, lambda: load(dataset, cache_root)).status == "miss"
    named = {s.file for s in load_timeline(dataset).sources.values() if s.kind == "seed"}
    seed_files = {name for name in hashed if not name.endswith(".toml")}
    assert seed_files == named
    assert within(30, lambda: load(dataset, cache_root)).status == "hit"


def test_a_fifo_named_as_a_seed_is_reported_not_waited_on(dataset):
    seeds = dataset.parent / "seeds"
    named = next(s.file for s in load_timeline(dataset).sources.values() if s.kind == "seed")
    _fifo(seeds / named)
    from uneventtui.loader import check_dataset

    problems = within(30, lambda: check_dataset(dataset))
    assert any(named in str(p) for p in problems)


def test_permissions_of_what_the_cache_writes(dataset, cache_root):
    load(dataset, cache_root)
    cache_file = cache.cache_file_for(dataset, cache_root)
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o600
    for directory in (cache_root, cache_root / "datasets"):
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700


# ------------------------------------ 7. reordering without bidi controls: a warning


def test_check_warns_about_right_to_left_punctuation_against_a_url_or_an_id(dataset):
    from uneventtui.loader import load_with_warnings

    events = dataset / "events" / "summit-2025.toml"
    text = events.read_text(encoding="utf-8")
    first = text.index('title_ar = "') + len('title_ar = "')
    second = text.index('title_ar = "', first) + len('title_ar = "')
    text = (
        text[:first]
        + "۔evil.example ۔ https://un.org/doc "
        + text[first:second]
        + "انظر، https://un.org/doc ، A/RES/78/261 "  # the Arabic comma is neutral: no warning
        + text[second:]
    )
    events.write_text(text, encoding="utf-8")
    _timeline, warnings = load_with_warnings(dataset)
    assert len(warnings) == 1
    line = str(warnings[0])
    assert "summit-2025.toml" in line and "field 'title_ar'" in line
    assert "U+06D4" in line and "'evil.example'" in line
    root = REPO
    run = _run("check", "--data", str(dataset), cwd=root)
    assert run.returncode == 0 and b"U+06D4" in run.stderr
