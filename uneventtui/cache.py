"""An on-disk cache of parsed, indexed datasets, so large archives open at once.

Parsing 100,000 events of TOML takes seconds; unpickling the parsed `Timeline`
(with its search index) takes a fraction of that. The cache is never trusted
blindly:

- it is keyed by the *content* of every file the dataset was built from (the
  TOML files and the seed articles), by the program's version and by the code
  of the modules whose objects it stores, so any edit, added or removed file
  rebuilds it;
- the payload carries its own SHA-256, checked before anything is unpickled, so
  a truncated or corrupt file is detected and rebuilt, never loaded;
- unpickling is restricted to the classes a Timeline is made of, so a planted
  file cannot run code;
- it is written atomically (temporary file, fsync, rename) with private
  permissions, so a crash mid-write or two concurrent runs leave either the old
  cache or the new one, never half of one.

`uneventtui check` never uses it: it always reads the TOML itself. Set
UNEVENTTUI_NO_CACHE=1 to turn it off.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uneventtui
from uneventtui import __version__
from uneventtui.paths import cache_dir, shipped_data_dir

MAGIC = b"uneventtui-cache\n"
FORMAT = 1

# What a cached Timeline may contain: our own classes and plain containers.
_ALLOWED_GLOBALS = {
    "builtins": {"set", "frozenset", "tuple", "list", "dict", "bytearray", "slice", "complex"},
    "collections": {"OrderedDict", "defaultdict", "deque"},
    "copyreg": {"_reconstructor"},
    "array": {"array", "_array_reconstructor"},
    "pathlib": {"Path", "PosixPath", "WindowsPath", "PurePath", "PurePosixPath"},
}


@dataclass(frozen=True)
class CacheResult:
    """How a dataset was loaded: from the cache or from TOML, and why."""

    timeline: object  # uneventtui.model.Timeline
    status: str  # "hit", "miss", "stale", "corrupt", "disabled"
    detail: str = ""


class _RestrictedUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if module == "uneventtui" or module.startswith("uneventtui."):
            return super().find_class(module, name)
        if name in _ALLOWED_GLOBALS.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"cache refers to {module}.{name}, which is not allowed")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _toml_files(data_dir: Path) -> list[Path]:
    from uneventtui.loader import toml_files  # the same files the loader reads

    return toml_files(data_dir)


def _code_fingerprint() -> str:
    """Hash of the code that makes and defines what is pickled: model, loader, search, cache.

    A pickle written by other code (a development checkout, an upgrade that kept the
    version number) is never unpickled into classes that changed shape.
    """
    package = Path(uneventtui.__file__).parent
    modules = [package / "model.py", package / "loader.py", Path(__file__)]
    modules += sorted((package / "search").glob("*.py"))
    digest = hashlib.sha256(__version__.encode())
    for module in modules:
        digest.update(module.read_bytes())
    return digest.hexdigest()


def _seed_files(seeds_dir: Path | None) -> list[Path]:
    if seeds_dir is None or not seeds_dir.is_dir():
        return []
    return sorted(p for p in seeds_dir.iterdir() if p.is_file())


def _manifest(data_dir: Path, seeds_dir: Path | None) -> dict[str, str]:
    """Path -> content hash for every file the dataset is built from."""
    files = _toml_files(data_dir) + _seed_files(seeds_dir)
    return {str(p): _sha256_file(p) for p in files}


def cache_file_for(data_dir: Path, directory: Path | None = None) -> Path:
    """One cache file per dataset directory, overwritten when its content changes."""
    name = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:32]
    return (directory or cache_dir()) / "datasets" / f"{name}.pickle"


def _read(cache_file: Path, data_dir: Path) -> tuple[object | None, str, str]:
    """(timeline, status, detail); timeline is None unless the cache is sound and current."""
    try:
        raw = cache_file.read_bytes()
    except FileNotFoundError:
        return None, "miss", "no cache yet"
    except OSError as error:
        return None, "corrupt", f"cannot read {cache_file}: {error.strerror}"
    try:
        if not raw.startswith(MAGIC):
            raise ValueError("not a uneventtui cache file")
        header_end = raw.index(b"\n", len(MAGIC))
        header = json.loads(raw[len(MAGIC) : header_end])
        payload = raw[header_end + 1 :]
        if header.get("format") != FORMAT or header.get("code") != _code_fingerprint():
            return None, "stale", "written by another version of uneventtui"
        if len(payload) != header["payload_len"]:
            raise ValueError("payload truncated")
        if hashlib.sha256(payload).hexdigest() != header["payload_sha256"]:
            raise ValueError("payload checksum mismatch")
        seeds = header.get("seeds_dir")
        current = _manifest(data_dir, Path(seeds) if seeds else None)
        if current != header["files"]:
            return None, "stale", "the data files changed"
        timeline = _RestrictedUnpickler(io.BytesIO(payload)).load()
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as error:
        return None, "corrupt", f"{cache_file}: {error}"
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
        return None, "corrupt", f"{cache_file}: {error}"
    except OSError as error:
        return None, "corrupt", f"{cache_file}: {error}"
    return timeline, "hit", str(cache_file)


def _write(cache_file: Path, data_dir: Path, timeline: object, tomls: dict[str, str]) -> None:
    """Write atomically with private permissions; failures only cost the next start time.

    `tomls` is the manifest of the TOML files taken *before* they were parsed, so an
    edit made while loading leaves a cache that is already stale, never a wrong one.
    """
    seeds_dir = getattr(timeline, "seeds_dir", None)
    files = {**tomls, **{str(p): _sha256_file(p) for p in _seed_files(seeds_dir)}}
    payload = pickle.dumps(timeline, protocol=pickle.HIGHEST_PROTOCOL)
    header = {
        "format": FORMAT,
        "version": __version__,
        "code": _code_fingerprint(),
        "data_dir": str(data_dir),
        "seeds_dir": str(seeds_dir) if seeds_dir else None,
        "files": files,
        "payload_len": len(payload),
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
    }
    cache_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp_name = tempfile.mkstemp(dir=cache_file.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as handle:  # mkstemp creates it 0600
            handle.write(MAGIC)
            handle.write(json.dumps(header, ensure_ascii=True).encode() + b"\n")
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, cache_file)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def prepare(timeline: object) -> object:
    """Build what is worth caching besides the parsed data: the search index."""
    try:
        from uneventtui.search import SearchIndex
    except ImportError:  # pragma: no cover - search always ships
        return timeline
    if getattr(timeline, "_search_index", None) is None:
        timeline._search_index = SearchIndex.build(timeline)  # type: ignore[attr-defined]
    return timeline


def load_cached(
    path: str | Path | None = None,
    *,
    directory: Path | None = None,
    use_cache: bool | None = None,
    loader: Callable[[Path], object] | None = None,
) -> CacheResult:
    """Load a dataset through the cache, rebuilding it when absent, stale or corrupt.

    `use_cache` None means on unless UNEVENTTUI_NO_CACHE is set. Raises the loader's
    `DataError` when the TOML itself is invalid (nothing is cached then).
    """
    if use_cache is None:
        use_cache = not os.environ.get("UNEVENTTUI_NO_CACHE")
    if loader is None:
        from uneventtui.loader import load_timeline as loader
    data_dir = Path(path) if path is not None else shipped_data_dir()
    if not use_cache:
        return CacheResult(prepare(loader(data_dir)), "disabled")
    cache_file = cache_file_for(data_dir, directory)
    timeline, status, detail = _read(cache_file, data_dir)
    if timeline is not None:
        return CacheResult(timeline, status, detail)
    tomls = _manifest(data_dir, None)
    timeline = prepare(loader(data_dir))
    try:
        _write(cache_file, data_dir, timeline, tomls)
    except OSError as error:
        detail = f"{detail}; could not write the cache: {error.strerror or error}"
    return CacheResult(timeline, status, detail)
