"""An on-disk cache of parsed, indexed datasets, so large archives open at once.

Parsing 100,000 events of TOML takes seconds; reading them back from this cache takes
a fraction of that. The cache holds data, never code, and is never trusted blindly:

- **Data only.** The file holds JSON (which can only make numbers, strings, lists and
  maps) and raw arrays of numbers, in named sections; the model is rebuilt from them
  through its own constructors, every field's type checked (`uneventtui.packed`), and
  the search index through `SearchIndex.from_state`, which checks every length and
  position. Nothing in the file names a class or a function: no pickle, no marshal.
- **Only the user's own files.** The cache directory and its `datasets/` must be real
  directories (not symlinks) owned by the user and writable by nobody else, and the
  cache file a regular file owned by the user, opened without following a symlink or
  blocking on a FIFO (`uneventtui.paths`). Anything else is refused with one message,
  and the dataset is read from its TOML files instead, with no cache.
- **Keyed by content.** A cache serves only while every file the dataset was built
  from (its TOML files and the seed articles its sources name) has the content hash
  recorded, and the code that shapes the cached content is the same (`_code_key`).
  A file whose stat stamp is unchanged since it was hashed keeps its recorded hash
  (as git does); the stamps are trusted only because the file holding them is the
  user's own, in a directory only the user can write.
- **Checked and crash-proof.** Each region (the timeline, the search index) carries
  a CRC-32 against damage. Any error while reading a cache, `MemoryError` and
  `RecursionError` included, means a rebuild, never a failure; a block found damaged
  later (read lazily) is served from the TOML files instead.
- **Written atomically** (temporary file, fsync, rename) with private permissions, so
  a crash mid-write or two concurrent runs leave the old cache or the new one.

`uneventtui check` never uses it: it always reads the TOML itself. Set
UNEVENTTUI_NO_CACHE=1 to turn it off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import stat
import sys
import threading
import time
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import uneventtui
from uneventtui import __version__
from uneventtui.dataset import Dataset
from uneventtui.model import Timeline
from uneventtui.packed import (
    ENTITY,
    EVENT,
    LABEL,
    SOURCE,
    CacheDamaged,
    Coded,
    Keys,
    PackedDict,
    PackedList,
    Positions,
    positions_codec,
)
from uneventtui.paths import (
    UnsafePath,
    cache_dir,
    check_private_dir,
    open_private_file,
    private_dir,
    read_private_file,
    shipped_data_dir,
    toml_files,
    write_atomically,
)

MAGIC = b"uneventtui-cache\n"
FORMAT = 8  # data only: JSON and raw arrays in named sections (7 and before: pickle)
HEADER_LIMIT = 1 << 26  # the JSON header line (file names, hashes, stamps, section table)
STAMPS_LIMIT = 1 << 26
SUFFIX = ".cache"


class CacheResult(NamedTuple):
    """How a dataset was loaded: from the cache or from TOML, and why."""

    dataset: Dataset
    status: str  # "hit", "miss", "stale", "corrupt", "unsafe", "disabled"
    detail: str = ""

    @property
    def timeline(self) -> Timeline:
        return self.dataset.timeline


_gc_lock = threading.Lock()
_gc_holders = 0


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects.

    A timeline is hundreds of thousands of acyclic objects; without this the
    collector runs over the growing heap again and again. Safe to nest and to use
    from several threads at once.
    """
    global _gc_holders
    with _gc_lock:
        if _gc_holders == 0:
            _no_gc.was_enabled = gc.isenabled()  # type: ignore[attr-defined]
            gc.disable()
        _gc_holders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holders -= 1
            if _gc_holders == 0 and _no_gc.was_enabled:  # type: ignore[attr-defined]
                gc.enable()


# ------------------------------------------------------------------------ the key
def _fingerprinted_modules() -> list[Path]:
    """The code that decides what a cache holds: how the TOML is found and read, the
    model and its codec, the search index, and this module."""
    package = Path(uneventtui.__file__).parent
    names = ["model.py", "loader.py", "packed.py", "dataset.py", "paths.py", "cache.py"]
    return [package / name for name in names] + sorted((package / "search").glob("*.py"))


def _code_key() -> str:
    """A hash of the version and of that code: a cache written by other code (a
    development checkout, an upgrade that kept the version number) is never read."""
    digest = hashlib.sha256(__version__.encode())
    for module in _fingerprinted_modules():
        digest.update(module.name.encode() + b"\0" + module.read_bytes())
    return digest.hexdigest()


def _sha256_file(path: Path) -> str | None:
    """The content hash of a data file, or None when it is absent or not a regular file
    (a FIFO or a device is never read: it could block or never end)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        os.set_blocking(fd, True)
        digest = hashlib.sha256()
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
        return digest.hexdigest()


# A file's stamp: (size, mtime_ns, ctime_ns, inode). Setting the mtime back (as a
# same-size edit restored with `touch -d` does) still moves the ctime.
Stamp = list[int]

# Git's "racy" guard: a stamp is trusted only if the file was last changed this long
# before the stamp was taken, so an edit in the same clock tick is never missed.
RACY_NS = 2_000_000_000


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _seed_paths(seeds_dir: Path | None, names: Sequence[str]) -> list[Path]:
    """The seed files the dataset's sources name: only those are part of its key."""
    if seeds_dir is None:
        return []
    return [seeds_dir / name for name in sorted(set(names))]


def _seed_names(timeline: Timeline) -> list[str]:
    return sorted({s.file for s in timeline.sources.values() if s.kind == "seed" and s.file})


def _manifest(
    files: list[Path],
    known: dict | None = None,
    stamps: dict[str, Stamp | None] | None = None,
    rehashed: list[str] | None = None,
) -> dict[str, str | None]:
    """Path -> content hash (None: absent or not a regular file) for `files`.

    `known` is a cache header: a file whose stamp equals the one stored there, and was
    not changed within RACY_NS of it being taken, keeps its stored hash without being
    read; any other file is hashed (and named in `rehashed`, if given). `stamps`, if
    given, receives the stamps (taken before hashing); the caller records when.
    """
    known = known or {}
    old_hashes, old_stamps = known.get("files") or {}, known.get("stamps") or {}
    taken = known.get("stamped_ns") or 0
    if taken > time.time_ns():  # a stamp from the future vouches for nothing
        taken = 0
    result: dict[str, str | None] = {}
    for path in files:
        name = str(path)
        stamp = _stamp(path)
        if stamps is not None:
            stamps[name] = stamp
        old = old_stamps.get(name)
        if (
            stamp is not None
            and old == stamp
            and name in old_hashes
            and max(stamp[1], stamp[2]) < taken - RACY_NS
        ):
            result[name] = old_hashes[name]
        else:
            result[name] = _sha256_file(path)
            if rehashed is not None:
                rehashed.append(name)
    return result


# Git's fix for "racily clean" files: a file changed within RACY_NS of the cache being
# built is hashed at every start, because its stamp alone cannot vouch for it. Once a
# start has hashed such files and found them unchanged, it records their stamps again,
# in a small file beside the cache; a later start (the files now old enough) trusts
# those. Without it, an archive copied or generated just before its first opening
# would be read in full at every start.


def _stamps_file(cache_file: Path) -> Path:
    return cache_file.with_name(cache_file.name + ".stamps")


def _files_digest(files: dict[str, str | None]) -> str:
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()


def _newest_stamps(cache_file: Path, header: dict) -> dict:
    """The header, or the stamps recorded since for the same file hashes, if newer."""
    try:
        record = json.loads(read_private_file(_stamps_file(cache_file), STAMPS_LIMIT))
        newer = record["stamped_ns"] > header.get("stamped_ns", 0)
        if newer and record["files"] == _files_digest(header["files"]):
            stamps = record["stamps"]
            if isinstance(stamps, dict):
                return {**header, "stamps": stamps, "stamped_ns": record["stamped_ns"]}
    except (OSError, ValueError, TypeError, KeyError, RecursionError):  # none, or unsound
        pass
    return header


def _record_stamps(
    cache_file: Path, files: dict[str, str | None], stamps: dict, stamped_ns: int
) -> None:
    """Best effort: a record that cannot be written only means hashing again."""
    record = {"files": _files_digest(files), "stamped_ns": stamped_ns, "stamps": stamps}
    with contextlib.suppress(OSError):
        write_atomically(_stamps_file(cache_file), json.dumps(record).encode())


def cache_file_for(data_dir: Path, directory: Path | None = None) -> Path:
    """One cache file per dataset directory, overwritten when its content changes."""
    name = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:32]
    return (directory or cache_dir()) / "datasets" / f"{name}{SUFFIX}"


# ----------------------------------------------------------------------- sections
# A region of the file is a run of named sections, each 8-byte aligned, described by
# a table in the header: [name, kind, detail, offset, length]. Kinds: "json" (one JSON
# document), "array" (raw native numbers; detail: the array typecode), "text" (UTF-8),
# "lines" (UTF-8 strings joined by newlines; detail: how many) and "raw" (bytes read in
# place: a packed list's JSON blocks).
ARRAY_TYPES = frozenset("bBiIlLqQ")


class _Writer:
    def __init__(self) -> None:
        self.table: list[list] = []
        self.chunks: list[bytes | memoryview] = []
        self.size = 0

    def add(self, name: str, kind: str, blob: bytes | memoryview, detail: object = None) -> None:
        pad = -self.size % 8
        if pad:
            self.chunks.append(b"\0" * pad)
            self.size += pad
        self.table.append([name, kind, detail, self.size, len(blob)])
        self.chunks.append(blob)
        self.size += len(blob)

    def value(self, name: str, value: object) -> None:
        """An array, a list of strings (as lines where none holds a newline), a `Keys`
        (its text and offsets) or any JSON value."""
        if isinstance(value, array):
            self.add(name, "array", value.tobytes(), value.typecode)
        elif isinstance(value, Keys):
            text, starts = value.parts()
            self.add(name, "text", text.encode("utf-8", "surrogatepass"))
            self.value(f"{name}.starts", starts)
        elif isinstance(value, list) and Keys.fits(value):
            joined = "\n".join(value).encode("utf-8", "surrogatepass")
            self.add(name, "lines", joined, len(value))
        else:
            self.add(name, "json", json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def packed_list(self, name: str, packed: PackedList) -> None:
        data, starts, _length = packed.parts()
        self.add(name, "raw", data)
        self.value(f"{name}.starts", starts)

    def region(self) -> tuple[dict, list[bytes | memoryview]]:
        crc = 0
        for chunk in self.chunks:
            crc = zlib.crc32(chunk, crc)
        return {"sections": self.table, "length": self.size, "crc32": crc}, self.chunks


class _Region:
    """The sections of one region, decoded on request; CacheDamaged for anything amiss."""

    def __init__(self, table: object, buffer: memoryview) -> None:
        self.buffer = buffer
        self.sections: dict[str, tuple[str, Any, int, int]] = {}
        if type(table) is not list:
            raise CacheDamaged("section table is not a list")
        for entry in table:
            if not (
                type(entry) is list
                and len(entry) == 5
                and type(entry[0]) is str
                and type(entry[1]) is str
                and type(entry[3]) is int
                and type(entry[4]) is int
                and 0 <= entry[3] <= entry[3] + entry[4] <= len(buffer)
            ):
                raise CacheDamaged(f"bad section entry {str(entry)[:80]}")
            self.sections[entry[0]] = (entry[1], entry[2], entry[3], entry[4])

    def view(self, name: str, kind: str) -> tuple[memoryview, Any]:
        found = self.sections.get(name)
        if found is None or found[0] != kind:
            raise CacheDamaged(f"section {name!r} missing or not {kind}")
        _kind, detail, offset, length = found
        return self.buffer[offset : offset + length], detail

    def json(self, name: str) -> Any:
        return json.loads(bytes(self.view(name, "json")[0]))

    def array(self, name: str) -> array:
        view, typecode = self.view(name, "array")
        if typecode not in ARRAY_TYPES:
            raise CacheDamaged(f"section {name!r}: unknown array type {typecode!r}")
        values = array(typecode)
        if len(view) % values.itemsize:
            raise CacheDamaged(f"section {name!r}: not a whole number of items")
        values.frombytes(view)
        return values

    def text(self, name: str) -> str:
        return str(self.view(name, "text")[0], "utf-8", "surrogatepass")

    def raw(self, name: str) -> memoryview:
        return self.view(name, "raw")[0]

    def strings(self, name: str) -> list[str]:
        """A list written by `_Writer.value`: lines, or JSON strings (checked)."""
        kind = self.sections.get(name, ("",))[0]
        if kind == "json":
            value = self.json(name)
            if type(value) is not list or not all(type(item) is str for item in value):
                raise CacheDamaged(f"section {name!r}: expected a list of strings")
            return value
        view, count = self.view(name, "lines")
        items = str(view, "utf-8", "surrogatepass").split("\n") if count else []
        if type(count) is not int or len(items) != count:
            raise CacheDamaged(f"section {name!r}: expected {count} lines")
        return items

    def keys(self, name: str) -> Keys | list[str]:
        if self.sections.get(name, ("",))[0] == "text":
            return Keys.from_parts(self.text(name), self.array(f"{name}.starts"))
        return self.strings(name)

    def packed_list(self, name: str, length: int, decode, fallback) -> PackedList:
        return PackedList.from_parts(
            self.raw(name), self.array(f"{name}.starts"), length, decode, fallback
        )

    def any(self, name: str) -> Any:
        kind = self.sections.get(name, ("",))[0]
        if kind == "array":
            return self.array(name)
        if kind == "lines":
            return self.strings(name)
        if kind == "json":
            value = self.json(name)
            return self.strings(name) if type(value) is list else value
        raise CacheDamaged(f"section {name!r} missing")


# ----------------------------------------------------------------- timeline <-> data
def _write_timeline(timeline: Timeline, out: _Writer) -> None:
    events = PackedList(timeline.events, EVENT)
    entities = PackedDict(timeline.entities, ENTITY)
    by_entity_map, _ = timeline.lookups()
    by_entity = PackedDict(by_entity_map)
    track = Coded(timeline.event_column("track"))
    codes, track_values = track.parts()
    meta = {
        "sources": [SOURCE[0](source) for source in timeline.sources.values()],
        "tracks": [LABEL[0](label) for label in timeline.tracks.values()],
        "event_kinds": [LABEL[0](label) for label in timeline.event_kinds.values()],
        "seeds_dir": str(timeline.seeds_dir) if timeline.seeds_dir is not None else None,
        "events": len(events),
        "entities": len(entities),
        "by_entity": len(by_entity),
        "track_values": track_values,
    }
    out.value("meta", meta)
    out.packed_list("events", events)
    out.value("entities.keys", entities.parts()[0])
    out.packed_list("entities", entities.parts()[1])
    out.value("by_entity.keys", by_entity.parts()[0])
    out.packed_list("by_entity", by_entity.parts()[1])
    out.value("ids", Keys.of(list(timeline.event_column("id"))))
    out.value("year", array("i", timeline.event_column("year")))
    out.value("track", codes)


def _labels(items: object) -> dict:
    if type(items) is not list:
        raise CacheDamaged("expected a list of labels")
    decoded = [LABEL[1](item) for item in items]
    return {label.id: label for label in decoded}


def _read_timeline(region: _Region, fallback: _Rebuild) -> Timeline:
    meta = region.json("meta")
    if type(meta) is not dict:
        raise CacheDamaged("meta is not a map")
    counts = [meta.get(key) for key in ("events", "entities", "by_entity")]
    if not all(type(count) is int and count >= 0 for count in counts):
        raise CacheDamaged("meta: bad counts")
    n_events, n_entities, n_by_entity = counts
    sources_data = meta.get("sources")
    if type(sources_data) is not list:
        raise CacheDamaged("meta: sources")
    sources = {source.id: source for source in map(SOURCE[1], sources_data)}
    seeds_dir = meta.get("seeds_dir")
    if seeds_dir is not None and type(seeds_dir) is not str:
        raise CacheDamaged("meta: seeds_dir")
    track_values = meta.get("track_values")
    if type(track_values) is not list:
        raise CacheDamaged("meta: track_values")

    events = region.packed_list("events", n_events, EVENT[1], fallback.events)
    entity_values = region.packed_list("entities", n_entities, ENTITY[1], fallback.entities)
    entities = PackedDict.from_parts(region.keys("entities.keys"), entity_values)
    positions = region.packed_list(
        "by_entity", n_by_entity, positions_codec(n_events)[1], fallback.by_entity
    )
    by_entity = PackedDict.from_parts(region.keys("by_entity.keys"), positions)
    ids = region.keys("ids")
    columns = {
        "id": ids,
        "year": region.array("year"),
        "track": Coded.from_parts(region.array("track"), track_values),
    }
    try:
        return Timeline.from_indexed(
            events,
            entities,
            sources,
            _labels(meta.get("tracks")),
            _labels(meta.get("event_kinds")),
            Path(seeds_dir) if seeds_dir is not None else None,
            by_entity=by_entity,
            event_index=Positions(ids),
            columns=columns,
        )
    except ValueError as error:
        raise CacheDamaged(str(error)) from None


class _Rebuild:
    """The dataset read again from its TOML files, once, for lazily read blocks found
    damaged after the cache was accepted: the app keeps working, and the cache file
    (if it is still the one read) is removed so the next start writes a sound one."""

    def __init__(self, loader: Callable[[Path], Timeline], data_dir: Path, cache_file: Path):
        self._loader, self._data_dir, self.cache_file = loader, data_dir, cache_file
        self._timeline: Timeline | None = None
        self._lock = threading.Lock()
        self.inode: int | None = None

    def timeline(self) -> Timeline:
        with self._lock:
            if self._timeline is None:
                self.discard()
                self._timeline = self._loader(self._data_dir)
            return self._timeline

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            if self.inode is not None and self.cache_file.stat().st_ino == self.inode:
                self.cache_file.unlink()

    def events(self) -> Sequence:
        return self.timeline().events

    def entities(self) -> Sequence:
        return list(self.timeline().entities.values())

    def by_entity(self) -> Sequence:
        return list(self.timeline().lookups()[0].values())


class _CachedIndex:
    """The search index section, read from the (still open) cache file on first use.

    The file handle stays open, so a cache replaced meanwhile by another run
    (atomically, by rename) is still read consistently. The section carries its own
    CRC-32; if it fails the check or anything else goes wrong, the index is rebuilt
    from the timeline, the cache file removed (the next start rewrites it) and
    `Dataset.problem` says so.
    """

    def __init__(self, fd: int, region: dict, offset: int, rebuild: _Rebuild) -> None:
        # A file object, so that an index never asked for still closes when dropped.
        self._handle = os.fdopen(fd, "rb")
        self._region, self._offset, self._rebuild = region, offset, rebuild
        self.dataset: Dataset | None = None

    def __call__(self) -> object:
        from uneventtui.search import SearchIndex

        dataset = self.dataset
        assert dataset is not None  # set by _read before the index can be asked for
        try:
            with self._handle:
                blob = os.pread(self._handle.fileno(), self._region["length"], self._offset)
        except OSError as error:
            # (E.g. a worker cut short at exit.) Nothing says the file is unsound: kept.
            dataset.problem = f"{self._rebuild.cache_file}: {error}; search index rebuilt"
            return SearchIndex.build(dataset.timeline)
        try:
            if len(blob) != self._region["length"] or zlib.crc32(blob) != self._region["crc32"]:
                raise CacheDamaged("search index section is damaged")
            region = _Region(self._region["sections"], memoryview(blob))
            state = {}
            with _no_gc():
                for name in region.sections:
                    state[name] = region.any(name)
                    time.sleep(0)  # let the UI thread draw between the parts
                return SearchIndex.from_state(state)
        except Exception as error:  # noqa: BLE001 - whatever is wrong with it, search must work
            self._rebuild.discard()  # so the next start writes a sound one
            dataset.problem = f"{self._rebuild.cache_file}: {error}; search index rebuilt"
            return SearchIndex.build(dataset.timeline)


# ----------------------------------------------------------------------- read/write
def _header(handle) -> tuple[dict, int]:
    if handle.read(len(MAGIC)) != MAGIC:
        raise CacheDamaged("not a uneventtui cache file")
    line = handle.readline(HEADER_LIMIT)
    if not line.endswith(b"\n"):
        raise CacheDamaged("header truncated or too long")
    header = json.loads(line)
    if type(header) is not dict:
        raise CacheDamaged("header is not a map")
    return header, len(MAGIC) + len(line)


def _check_region(region: object) -> dict:
    if not (
        type(region) is dict
        and type(region.get("length")) is int
        and region["length"] >= 0
        and type(region.get("crc32")) is int
        and type(region.get("sections")) is list
    ):
        raise CacheDamaged("bad region description")
    return region


def _read(
    cache_file: Path,
    data_dir: Path,
    loader: Callable[[Path], Timeline],
    checked: threading.Event | None = None,
) -> tuple[Dataset | None, str, str]:
    """(dataset, status, detail); dataset is None unless the cache is sound and current.

    Only the header and the timeline region are read here; the search index region
    (before it in the file) is read when search is first used. `checked` is set once
    the cache is found current, before its data is read.
    """
    try:  # the directories first: nothing in one another user controls is even opened
        check_private_dir(cache_file.parent.parent)
        check_private_dir(cache_file.parent)
    except FileNotFoundError:
        return None, "miss", "no cache yet"
    except OSError as error:
        return None, "unsafe", str(error)
    try:  # a file in them that is not the user's own (or not a file) is replaced
        fd = open_private_file(cache_file)
    except FileNotFoundError:
        return None, "miss", "no cache yet"
    except OSError as error:
        return None, "corrupt", f"cannot read {cache_file}: {error.strerror or error}"
    handle = os.fdopen(fd, "rb")
    try:
        header, body = _header(handle)
        if header.get("format") != FORMAT or header.get("code") != _code_key():
            return None, "stale", "written by another version of uneventtui"
        if header.get("byteorder") != sys.byteorder:
            return None, "stale", "written on a machine of another byte order"
        index_region = _check_region(header.get("index"))
        timeline_region = _check_region(header.get("timeline"))
        size = body + index_region["length"] + timeline_region["length"]
        if os.fstat(fd).st_size != size:
            raise CacheDamaged("file truncated or padded")
        seeds, seed_names = header.get("seeds_dir"), header.get("seeds")
        if (seeds is not None and type(seeds) is not str) or not (
            type(seed_names) is list
            and all(type(n) is str and n and Path(n).name == n for n in seed_names)
        ):
            raise CacheDamaged("bad seed list")
        if type(header.get("files")) is not dict:
            raise CacheDamaged("bad file list")
        files = toml_files(data_dir) + _seed_paths(Path(seeds) if seeds else None, seed_names)
        stamped_ns, stamps, rehashed = time.time_ns(), {}, []
        known = _newest_stamps(cache_file, header)
        current = _manifest(files, known, stamps=stamps, rehashed=rehashed)
        if current != header["files"]:
            return None, "stale", "the data files changed"
        if checked is not None:
            checked.set()
        handle.seek(body + index_region["length"])
        # One read and one checksum, both without holding the interpreter lock (the UI
        # thread runs meanwhile); the blocks stay in this buffer (views, not copies)
        # until read.
        payload = handle.read(timeline_region["length"])
        if len(payload) != timeline_region["length"]:
            raise CacheDamaged("timeline truncated")
        if zlib.crc32(payload) != timeline_region["crc32"]:
            raise CacheDamaged("timeline checksum mismatch")
        rebuild = _Rebuild(loader, data_dir, cache_file)
        rebuild.inode = os.fstat(fd).st_ino
        with _no_gc():
            region = _Region(timeline_region["sections"], memoryview(payload))
            timeline = _read_timeline(region, rebuild)
        index = _CachedIndex(os.dup(fd), index_region, body, rebuild)
        dataset = Dataset(timeline, index)
        index.dataset = dataset
        if rehashed:  # found unchanged: vouch for them by their stamps next time
            _record_stamps(cache_file, current, stamps, stamped_ns)
    except Exception as error:  # noqa: BLE001 - any failure to read a cache means a rebuild
        # MemoryError and RecursionError included: a planted or damaged file must never
        # stop the program, only cost the time of reading the TOML.
        return None, "corrupt", f"{cache_file}: {type(error).__name__}: {error}"
    finally:
        handle.close()  # the index keeps a duplicate of the descriptor
    return dataset, "hit", str(cache_file)


def _write(
    cache_file: Path,
    data_dir: Path,
    dataset: Dataset,
    tomls: dict[str, str | None],
    stamps: dict | None = None,
    stamped_ns: int = 0,
) -> None:
    """Write atomically with private permissions; failures only cost the next start time.

    `tomls` is the manifest of the TOML files taken *before* they were parsed, so an
    edit made while loading leaves a cache that is already stale, never a wrong one.
    Layout: magic line, JSON header, the search index region, the timeline region.
    """
    timeline = dataset.timeline
    seeds_dir = timeline.seeds_dir
    seed_names = _seed_names(timeline)
    stamps = dict(stamps or {})
    files = {**tomls, **_manifest(_seed_paths(seeds_dir, seed_names), stamps=stamps)}
    index_out, timeline_out = _Writer(), _Writer()
    for name, value in dataset.index.state().items():
        index_out.value(name, value)
    _write_timeline(timeline, timeline_out)
    index_region, index_chunks = index_out.region()
    timeline_region, timeline_chunks = timeline_out.region()
    header = {
        "format": FORMAT,
        "version": __version__,
        "code": _code_key(),
        "byteorder": sys.byteorder,
        "data_dir": str(data_dir),
        "seeds_dir": str(seeds_dir) if seeds_dir else None,
        "seeds": seed_names,
        "files": files,
        "stamps": stamps,  # when unchanged, the next start skips re-hashing the files
        "stamped_ns": stamped_ns,  # taken before any of the stamps
        "index": index_region,
        "timeline": timeline_region,
    }
    private_dir(cache_file.parent, levels=2)
    import tempfile  # here: a warm start never writes

    fd, tmp_name = tempfile.mkstemp(dir=cache_file.parent, prefix=".tmp-", suffix=SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:  # mkstemp creates it 0600
            handle.write(MAGIC)
            handle.write(json.dumps(header, ensure_ascii=True).encode() + b"\n")
            for chunk in (*index_chunks, *timeline_chunks):
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, cache_file)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # tidying only: its header has newer stamps
        _stamps_file(cache_file).unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # the pickled cache of uneventtui 0.x, never read
        cache_file.with_suffix(".pickle").unlink(missing_ok=True)


def round_trip(dataset: Dataset) -> Dataset:
    """`dataset` written in the cache's format and read back, in memory: what a warm
    start gets (events decoded a block at a time, the index from its state), for the
    tests and benchmarks that need a cached timeline without the files."""
    from uneventtui.search import SearchIndex

    index_out, timeline_out = _Writer(), _Writer()
    for name, value in dataset.index.state().items():
        index_out.value(name, value)
    _write_timeline(dataset.timeline, timeline_out)

    def region(out: _Writer) -> _Region:
        table, chunks = out.region()
        return _Region(table["sections"], memoryview(b"".join(chunks)))

    never = _Rebuild(lambda path: dataset.timeline, Path(), Path())
    timeline = _read_timeline(region(timeline_out), never)
    index = region(index_out)
    state = {name: index.any(name) for name in index.sections}
    return Dataset(timeline, SearchIndex.from_state(state))


def _toml_loader(report: Callable[[str, float], None]) -> Callable[[Path], Timeline]:
    """The TOML loader, imported only when the cache cannot serve (a warm start never
    pays for importing the parser and the validators), reporting how much of the TOML
    it has read."""
    from uneventtui.loader import load_timeline

    return lambda path: load_timeline(path, progress=lambda done: report("parse", done))


def _build(
    loader: Callable[[Path], Timeline], data_dir: Path, report: Callable[[str, float], None]
) -> Dataset:
    """Parse the TOML and index it: the slow path, run with the collector paused."""
    from uneventtui.search import SearchIndex

    with _no_gc():
        report("parse", 0.0)
        timeline = loader(data_dir)
        report("index", 0.0)
        return Dataset(timeline, SearchIndex.build(timeline))


def load_cached(
    path: str | Path | None = None,
    *,
    directory: Path | None = None,
    use_cache: bool | None = None,
    loader: Callable[[Path], Timeline] | None = None,
    progress: Callable[[str, float], None] | None = None,
    checked: threading.Event | None = None,
) -> CacheResult:
    """Load a dataset through the cache, rebuilding it when absent, stale or corrupt.

    `use_cache` None means on unless UNEVENTTUI_NO_CACHE is set. `directory` is the
    cache's directory (default: $XDG_CACHE_HOME/uneventtui). `progress`, if given, is
    called with the stage being entered and 0.0: "cache" (reading the cache), "parse"
    (reading the TOML), "index" (building the search index), "save" (writing the
    cache); while the TOML loader reads, again with "parse" and the share of the TOML
    read so far (up to 1.0). Raises the loader's `DataError` when the TOML itself is
    invalid (nothing is cached then). A cache directory that is not the user's own is
    status "unsafe": the TOML is read and nothing is written there.

    `checked`, if given, is set as soon as it is known whether the cache serves: once
    the files are found unchanged, before the cached data is read, or once the slow
    path is chosen.
    """
    if use_cache is None:
        use_cache = not os.environ.get("UNEVENTTUI_NO_CACHE")
    report = progress or (lambda stage, done: None)
    checked = checked or threading.Event()
    data_dir = Path(path) if path is not None else shipped_data_dir()
    # The TOML loader is imported only when called: a warm start never needs it.
    load = loader or (lambda directory: _toml_loader(report)(directory))
    if not use_cache:
        checked.set()
        return CacheResult(_build(load, data_dir, report), "disabled")
    cache_file = cache_file_for(data_dir, directory)
    report("cache", 0.0)
    dataset, status, detail = _read(cache_file, data_dir, load, checked)
    if dataset is not None:
        return CacheResult(dataset, status, detail)
    checked.set()
    if status == "unsafe":  # nothing will be written: no need to hash the files
        dataset = _build(load, data_dir, report)
        dataset.problem = f"{detail}; working without a cache"
        return CacheResult(dataset, status, dataset.problem)
    stamped_ns, stamps = time.time_ns(), {}
    tomls = _manifest(toml_files(data_dir), stamps=stamps)  # before parsing: see _write
    dataset = _build(load, data_dir, report)
    report("save", 0.0)
    try:
        _write(cache_file, data_dir, dataset, tomls, stamps, stamped_ns)
    except UnsafePath as error:
        dataset.problem = f"{error}; working without a cache"
        return CacheResult(dataset, "unsafe", dataset.problem)
    except OSError as error:
        detail = f"{detail}; could not write the cache: {error.strerror or error}"
    return CacheResult(dataset, status, detail)
