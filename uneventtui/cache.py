"""An on-disk cache of parsed, indexed datasets, so large archives open at once.

Parsing 100,000 events of TOML takes seconds; unpickling the parsed `Timeline`
(with its search index) takes a fraction of that. The cache is never trusted
blindly:

- it is keyed by the *content* of every file the dataset was built from (the
  TOML files and the seed articles), by the program's version and by the code
  of the modules whose objects it stores, so any edit, added or removed file
  rebuilds it;
- each section (the timeline, the search index) carries its own CRC-32, checked
  before anything is unpickled, so a truncated or corrupt file is detected and
  rebuilt, never loaded (a checksum against damage, not a signature: whoever can
  write the file can write its header, which is why unpickling is restricted);
- unpickling is restricted to the classes a Timeline is made of, so a planted
  file cannot run code;
- it is written atomically (temporary file, fsync, rename) with private
  permissions, so a crash mid-write or two concurrent runs leave either the old
  cache or the new one, never half of one.

`uneventtui check` never uses it: it always reads the TOML itself. Set
UNEVENTTUI_NO_CACHE=1 to turn it off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import json
import os
import pickle
import threading
import time
import zlib
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import uneventtui
from uneventtui import __version__
from uneventtui.packed import (
    Coded,
    Keys,
    PackedDict,
    PackedList,
    PackedObject,
    Positions,
    RestrictedUnpickler,
    restricted_loads,
)
from uneventtui.paths import cache_dir, shipped_data_dir, toml_files, write_atomically

_RestrictedUnpickler = RestrictedUnpickler  # the name older code and tests know

MAGIC = b"uneventtui-cache\n"
# 2: events and entities packed in blocks, the search index by attribute;
# 3: the blocks out of band, after the timeline's pickle, read without copying them;
# 4: a packed list's blocks in one buffer with a table of offsets, 16 items a block;
# 5: the year and track columns packed (an array, a byte per event);
# 6: the sections checked with CRC-32 instead of SHA-256;
# 7: events and entities are named tuples; ids packed in one string (packed.Keys).
FORMAT = 7


class CacheResult(NamedTuple):
    """How a dataset was loaded: from the cache or from TOML, and why."""

    timeline: object  # uneventtui.model.Timeline
    status: str  # "hit", "miss", "stale", "corrupt", "disabled"
    detail: str = ""


_gc_lock = threading.Lock()
_gc_holders = 0


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects.

    A timeline is hundreds of thousands of acyclic objects; without this the
    collector runs over the growing heap again and again (unpickling 100,000
    events: 9 s with it, under 2 s without; parsing their TOML: 30 s against 18 s).
    Safe to nest and to use from several threads at once.
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


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _code_fingerprint() -> str:
    """Hash of the code that makes and defines what is pickled: model, loader, search, cache.

    A pickle written by other code (a development checkout, an upgrade that kept the
    version number) is never unpickled into classes that changed shape.
    """
    package = Path(uneventtui.__file__).parent
    modules = [package / "model.py", package / "loader.py", package / "packed.py", Path(__file__)]
    modules += sorted((package / "search").glob("*.py"))
    digest = hashlib.sha256(__version__.encode())
    for module in modules:
        digest.update(module.read_bytes())
    return digest.hexdigest()


def _seed_files(seeds_dir: Path | None) -> list[Path]:
    if seeds_dir is None or not seeds_dir.is_dir():
        return []
    return sorted(p for p in seeds_dir.iterdir() if p.is_file())


# A file's stamp: (size, mtime_ns, ctime_ns, inode). Setting the mtime back (as a
# same-size edit restored with `touch -d` does) still moves the ctime.
Stamp = list[int]

# Git's "racy" guard: a stamp is trusted only if the file was last changed this long
# before the stamp was taken, so an edit in the same clock tick is never missed.
RACY_NS = 2_000_000_000


def _stamp(path: Path) -> Stamp:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _manifest(
    data_dir: Path | None,
    seeds_dir: Path | None,
    known: dict | None = None,
    stamps: dict[str, Stamp] | None = None,
    rehashed: list[str] | None = None,
) -> dict[str, str]:
    """Path -> content hash for every file the dataset is built from.

    `known` is a cache header: a file whose stamp equals the one stored there, and
    was not changed within RACY_NS of it being taken, keeps its stored hash without
    being read; any other file is hashed (and named in `rehashed`, if given).
    `stamps`, if given, receives the stamps (taken before hashing); the caller records
    when (header "stamped_ns").
    """
    files = (toml_files(data_dir) if data_dir is not None else []) + _seed_files(seeds_dir)
    known = known or {}
    old_hashes, old_stamps = known.get("files") or {}, known.get("stamps") or {}
    taken = known.get("stamped_ns") or 0
    result: dict[str, str] = {}
    for path in files:
        name = str(path)
        stamp = _stamp(path)
        if stamps is not None:
            stamps[name] = stamp
        old = old_stamps.get(name)
        if old == stamp and name in old_hashes and max(stamp[1], stamp[2]) < taken - RACY_NS:
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
# those. Without it, an archive copied or generated just before its first opening was
# read in full at every start (74 MB: 170 ms on the loading thread).


def _stamps_file(cache_file: Path) -> Path:
    return cache_file.with_name(cache_file.name + ".stamps")


def _files_digest(files: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()


def _newest_stamps(cache_file: Path, header: dict) -> dict:
    """The header, or the stamps recorded since for the same file hashes, if newer."""
    try:
        record = json.loads(_stamps_file(cache_file).read_bytes())
        newer = record["stamped_ns"] > header.get("stamped_ns", 0)
        if newer and record["files"] == _files_digest(header["files"]):
            stamps = record["stamps"]
            if isinstance(stamps, dict):
                return {**header, "stamps": stamps, "stamped_ns": record["stamped_ns"]}
    except (OSError, ValueError, TypeError, KeyError):  # none, or unreadable: no matter
        pass
    return header


def _record_stamps(
    cache_file: Path, files: dict[str, str], stamps: dict[str, Stamp], stamped_ns: int
) -> None:
    """Best effort: a record that cannot be written only means hashing again."""
    record = {"files": _files_digest(files), "stamped_ns": stamped_ns, "stamps": stamps}
    with contextlib.suppress(OSError):
        write_atomically(_stamps_file(cache_file), json.dumps(record).encode())


def cache_file_for(data_dir: Path, directory: Path | None = None) -> Path:
    """One cache file per dataset directory, overwritten when its content changes."""
    name = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:32]
    return (directory or cache_dir()) / "datasets" / f"{name}.pickle"


class _CachedSearchIndex:
    """A cached timeline's search index, read from the cache file when first used.

    The file handle stays open, so a cache replaced meanwhile by another run
    (atomically, by rename) is still read consistently. The section carries its
    own CRC-32; if it fails the check or cannot be read, the index is rebuilt
    from the timeline and the cache file removed, so the next start rewrites it.
    """

    def __init__(self, handle, cache_file: Path, offset: int, length: int, crc: int) -> None:
        self._handle = handle
        self._where = (cache_file, offset, length, crc)
        self._index: object = None
        self._lock = threading.Lock()
        self.timeline: object = None  # set by _read: what to rebuild from if need be
        self.problem = ""

    def load(self) -> object:
        with self._lock:
            if self._index is None:
                self._index = self._read_or_rebuild()
        return self._index

    def _read_or_rebuild(self) -> object:
        cache_file, offset, length, crc = self._where
        try:
            with self._handle:
                inode = os.fstat(self._handle.fileno()).st_ino
                blob = os.pread(self._handle.fileno(), length, offset)
            if len(blob) != length or zlib.crc32(blob) != crc:
                # Damaged on disk: drop the file (if it is still the one read) so the
                # next start writes a sound one.
                with contextlib.suppress(OSError):
                    if cache_file.stat().st_ino == inode:
                        cache_file.unlink()
                raise ValueError("search index section is damaged")
            with _no_gc():
                packed = restricted_loads(blob)
            del blob
            return packed.load() if isinstance(packed, PackedObject) else packed
        except Exception as error:  # noqa: BLE001 - whatever went wrong, search must work
            # Other failures (an unreadable file, an interpreter shutting down under a
            # worker) say nothing against the cache file: it is kept.
            self.problem = f"{cache_file}: {error}; search index rebuilt"
            from uneventtui.search import SearchIndex

            return SearchIndex.build(self.timeline)  # type: ignore[arg-type]

    def search(self, *args, **kwargs):
        return self.load().search(*args, **kwargs)  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self.load())  # type: ignore[arg-type]


def _read(
    cache_file: Path, data_dir: Path, checked: threading.Event | None = None
) -> tuple[object | None, str, str]:
    """(timeline, status, detail); timeline is None unless the cache is sound and current.

    Only the header and the timeline section are read here; the search index
    section (before it in the file) is read when search is first used. `checked` is
    set once the cache is found current, before its data is read.
    """
    try:
        handle = cache_file.open("rb")
    except FileNotFoundError:
        return None, "miss", "no cache yet"
    except OSError as error:
        return None, "corrupt", f"cannot read {cache_file}: {error.strerror}"
    keep_open = False
    try:
        if handle.read(len(MAGIC)) != MAGIC:
            raise ValueError("not a uneventtui cache file")
        header_line = handle.readline(1 << 26)
        if not header_line.endswith(b"\n"):
            raise ValueError("header truncated")
        header = json.loads(header_line)
        if header.get("format") != FORMAT or header.get("code") != _code_fingerprint():
            return None, "stale", "written by another version of uneventtui"
        body = len(MAGIC) + len(header_line)
        index_len, payload_len = header.get("index_len", 0), header["payload_len"]
        if os.fstat(handle.fileno()).st_size != body + index_len + payload_len:
            raise ValueError("file truncated or padded")
        seeds = header.get("seeds_dir")
        stamped_ns, stamps, rehashed = time.time_ns(), {}, []
        known = _newest_stamps(cache_file, header)
        current = _manifest(
            data_dir, Path(seeds) if seeds else None, known, stamps=stamps, rehashed=rehashed
        )
        if current != header["files"]:
            return None, "stale", "the data files changed"
        pickle_len = header.get("pickle_len", payload_len)
        buffers = header.get("buffers", [])
        if pickle_len + sum(buffers) != payload_len or min(buffers, default=0) < 0:
            raise ValueError("header inconsistent")
        if checked is not None:
            checked.set()
        handle.seek(body + index_len)
        # One read and one checksum, both without holding the interpreter lock (the UI
        # thread runs meanwhile); the blocks stay in this buffer (views, not copies) until
        # read. CRC-32, not SHA-256: 16 ms for 64 MB instead of 37, on the path to the
        # first frame with data, and as good at catching damage.
        payload = handle.read(payload_len)
        if len(payload) != payload_len:
            raise ValueError("payload truncated")
        if zlib.crc32(payload) != header["payload_crc32"]:
            raise ValueError("payload checksum mismatch")
        view = memoryview(payload)
        blocks, start = [], pickle_len
        for length in buffers:
            blocks.append(view[start : start + length])
            start += length
        with _no_gc():
            timeline = RestrictedUnpickler(io.BytesIO(view[:pickle_len]), buffers=blocks).load()
        if index_len:
            index = _CachedSearchIndex(handle, cache_file, body, index_len, header["index_crc32"])
            index.timeline = timeline
            timeline._search_index = index  # type: ignore[attr-defined]
            keep_open = True
        if rehashed:  # found unchanged: vouch for them by their stamps next time
            _record_stamps(cache_file, current, stamps, stamped_ns)
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
        return None, "corrupt", f"{cache_file}: {error}"
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
        return None, "corrupt", f"{cache_file}: {error}"
    except OSError as error:
        return None, "corrupt", f"{cache_file}: {error}"
    finally:
        if not keep_open:
            handle.close()
    return timeline, "hit", str(cache_file)


def _write(
    cache_file: Path,
    data_dir: Path,
    timeline: object,
    tomls: dict[str, str],
    stamps: dict[str, Stamp] | None = None,
    stamped_ns: int = 0,
) -> None:
    """Write atomically with private permissions; failures only cost the next start time.

    `tomls` is the manifest of the TOML files taken *before* they were parsed, so an
    edit made while loading leaves a cache that is already stale, never a wrong one.
    Layout: magic line, JSON header, the search index section, the timeline section (its
    pickle, then the packed blocks that pickle refers to out of band).
    """
    seeds_dir = getattr(timeline, "seeds_dir", None)
    stamps = dict(stamps or {})
    files = {**tomls, **_manifest(None, seeds_dir, stamps=stamps)}
    packed = pack(timeline)
    index = getattr(packed, "_search_index", None)
    index_blob = b""
    if index is not None:
        index_blob = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
        packed._search_index = None  # type: ignore[attr-defined]
    out_of_band: list[pickle.PickleBuffer] = []  # the packed blocks, written after it
    payload = pickle.dumps(packed, protocol=5, buffer_callback=out_of_band.append)
    buffers = [buffer.raw() for buffer in out_of_band]
    payload_crc32 = zlib.crc32(payload)
    for buffer in buffers:
        payload_crc32 = zlib.crc32(buffer, payload_crc32)
    header = {
        "format": FORMAT,
        "version": __version__,
        "code": _code_fingerprint(),
        "data_dir": str(data_dir),
        "seeds_dir": str(seeds_dir) if seeds_dir else None,
        "files": files,
        "stamps": stamps,  # when unchanged, the next start skips re-hashing the files
        "stamped_ns": stamped_ns,  # taken before any of the stamps
        "index_len": len(index_blob),
        "index_crc32": zlib.crc32(index_blob),
        "payload_len": len(payload) + sum(len(buffer) for buffer in buffers),
        "payload_crc32": payload_crc32,
        "pickle_len": len(payload),  # the timeline's pickle, then its out-of-band blocks
        "buffers": [len(buffer) for buffer in buffers],
    }
    # Private all the way down: mkdir's mode applies to the last directory only.
    cache_file.parent.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    cache_file.parent.mkdir(exist_ok=True, mode=0o700)
    import tempfile  # here: a warm start never writes, and tempfile takes 8 ms to import

    fd, tmp_name = tempfile.mkstemp(dir=cache_file.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as handle:  # mkstemp creates it 0600
            handle.write(MAGIC)
            handle.write(json.dumps(header, ensure_ascii=True).encode() + b"\n")
            handle.write(index_blob)
            handle.write(payload)
            for buffer in buffers:
                handle.write(buffer)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, cache_file)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # tidying only: its header has newer stamps
        _stamps_file(cache_file).unlink(missing_ok=True)


def pack(timeline: object) -> object:
    """A copy of the timeline to pickle: events and entities in blocks, columns ready.

    Unpickling it costs milliseconds at any size: an event or entity is unpickled
    (a block at a time) when it is first read, and the search index when it is
    first used or `warm()`ed (see `uneventtui.packed`). The caller's timeline is
    left as it is.
    """
    from uneventtui.model import Timeline

    if not isinstance(timeline, Timeline):
        return timeline
    import copy

    packed = copy.copy(timeline)
    packed.events = PackedList(timeline.events)  # type: ignore[assignment]
    packed.entities = PackedDict(timeline.entities)  # type: ignore[assignment]
    # The columns the first frame reads, in the forms quickest to unpickle: the years
    # as one buffer, the tracks as a byte each (100,000 ints or references cost 5-8 ms
    # each to unpickle, on the loading thread, holding the interpreter's lock).
    ids = Keys.of(list(timeline.event_column("id")))
    packed._columns = {
        "year": array("i", timeline.event_column("year")),
        "track": Coded(timeline.event_column("track")),
        "id": ids,
    }
    packed._event_index = Positions(ids)  # type: ignore[assignment]  # the same Keys
    packed._by_entity = PackedDict(timeline._by_entity)  # type: ignore[assignment]
    index = timeline._search_index
    if index is not None and not isinstance(index, PackedObject):
        packed._search_index = PackedObject(index)
    return packed


def warm(timeline: object) -> None:
    """Load what a cached timeline left for later (its search index, its lookups by id):
    call it off the UI thread."""
    for lookup in (
        getattr(timeline, "_event_index", None),
        getattr(getattr(timeline, "entities", None), "_positions", None),
        getattr(getattr(timeline, "_by_entity", None), "_positions", None),
    ):
        if isinstance(lookup, Positions):
            lookup.build()
    index = getattr(timeline, "_search_index", None)
    if isinstance(index, (_CachedSearchIndex, PackedObject)):
        timeline._search_index = index.load()  # type: ignore[attr-defined]


def prepare(timeline: object) -> object:
    """Build what is worth caching besides the parsed data: the search index."""
    try:
        from uneventtui.search import SearchIndex
    except ImportError:  # pragma: no cover - search always ships
        return timeline
    if getattr(timeline, "_search_index", None) is None:
        timeline._search_index = SearchIndex.build(timeline)  # type: ignore[attr-defined]
    return timeline


def _toml_loader(report: Callable[[str, float], None]) -> Callable[[Path], object]:
    """The TOML loader, imported only when the cache cannot serve (a warm start never
    pays for importing the parser and the validators: ~10 ms on the loading thread),
    reporting how much of the TOML it has read."""
    from uneventtui.loader import load_timeline

    return lambda path: load_timeline(path, progress=lambda done: report("parse", done))


def _build(loader: Callable[[Path], object], data_dir: Path, report: Callable[[str, float], None]):
    """Parse the TOML and index it: the slow path, run with the collector paused."""
    with _no_gc():
        report("parse", 0.0)
        timeline = loader(data_dir)
        report("index", 0.0)
        return prepare(timeline)


def load_cached(
    path: str | Path | None = None,
    *,
    directory: Path | None = None,
    use_cache: bool | None = None,
    loader: Callable[[Path], object] | None = None,
    progress: Callable[[str, float], None] | None = None,
    checked: threading.Event | None = None,
) -> CacheResult:
    """Load a dataset through the cache, rebuilding it when absent, stale or corrupt.

    `use_cache` None means on unless UNEVENTTUI_NO_CACHE is set. `progress`, if
    given, is called with the stage being entered and 0.0: "cache" (reading the
    cache), "parse" (reading the TOML), "index" (building the search index), "save"
    (writing the cache); while the TOML loader reads, again with "parse" and the share
    of the TOML read so far (up to 1.0). Raises the loader's `DataError` when the TOML
    itself is invalid (nothing is cached then).

    `checked`, if given, is set as soon as it is known whether the cache serves: once
    the files are found unchanged, before the cached data is read (reading and checking
    it holds no lock another thread needs), or once the slow path is chosen.
    """
    if use_cache is None:
        use_cache = not os.environ.get("UNEVENTTUI_NO_CACHE")
    report = progress or (lambda stage, done: None)
    checked = checked or threading.Event()
    data_dir = Path(path) if path is not None else shipped_data_dir()
    if not use_cache:
        checked.set()
        return CacheResult(_build(loader or _toml_loader(report), data_dir, report), "disabled")
    cache_file = cache_file_for(data_dir, directory)
    report("cache", 0.0)
    timeline, status, detail = _read(cache_file, data_dir, checked)
    if timeline is not None:
        return CacheResult(timeline, status, detail)
    checked.set()
    stamped_ns, stamps = time.time_ns(), {}
    tomls = _manifest(data_dir, None, stamps=stamps)
    timeline = _build(loader or _toml_loader(report), data_dir, report)
    report("save", 0.0)
    try:
        _write(cache_file, data_dir, timeline, tomls, stamps, stamped_ns)
    except OSError as error:
        detail = f"{detail}; could not write the cache: {error.strerror or error}"
    return CacheResult(timeline, status, detail)
