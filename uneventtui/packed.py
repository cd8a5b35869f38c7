"""Packed containers: a cached timeline opens in milliseconds, whatever its size.

Unpickling 100,000 `Event` objects (with their dates, participants and sources)
takes most of a second, and a cold start would pay it before the first row is
drawn. A packed timeline keeps its events and entities as pickled *blocks* of
`BLOCK` items instead, all in one buffer: unpickling the timeline copies
nothing, and a block is unpickled the first time anything reads one of its
items. The explorer then pays for the screenful it shows, not for the archive.

`PackedList` and `PackedDict` behave as read-only sequences and mappings, so
everything that reads `Timeline.events` and `Timeline.entities` works on them
unchanged; `PackedObject` does the same for a large object that is needed
later (the search index), unpickling it attribute by attribute so a worker
thread that loads it never holds the interpreter for long.

Blocks are unpickled with `restricted_loads`, which only accepts our own classes
and plain containers (see `uneventtui.cache`, which checks the file's checksum
before any of this is read).
"""

from __future__ import annotations

import copyreg
import io
import pickle
import threading
import time
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence, ValuesView
from itertools import accumulate
from typing import Any

# Items per block. Small, because reads are often scattered: the 40 rows of an entity
# with thousands of events each sit in a different block (100,000 events: 0.1 ms per
# block of 16 against 1.8 ms per block of 256, so a page costs 3 ms instead of 70).
BLOCK = 16

# What a cached timeline may contain besides our own classes: plain containers.
_ALLOWED_GLOBALS = {
    "builtins": {"set", "frozenset", "tuple", "list", "dict", "bytearray", "slice", "complex"},
    "collections": {"OrderedDict", "defaultdict", "deque"},
    "copyreg": {"_reconstructor"},
    "array": {"array", "_array_reconstructor"},
    "pathlib": {"Path", "PosixPath", "WindowsPath", "PurePath", "PurePosixPath"},
}


class RestrictedUnpickler(pickle.Unpickler):
    """Refuses every global but our own classes and plain containers: no code runs."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "uneventtui" or module.startswith("uneventtui."):
            return super().find_class(module, name)
        if name in _ALLOWED_GLOBALS.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"cache refers to {module}.{name}, which is not allowed")


def restricted_loads(data: bytes | memoryview) -> Any:
    return RestrictedUnpickler(io.BytesIO(data)).load()


def _dumps(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class _ReadOnlyList(Sequence):
    """A read-only sequence that indexes like a list and equals a list of its items."""

    __slots__ = ()

    def _item(self, index: int) -> Any:
        """The item at `index`, 0 <= index < len(self)."""
        raise NotImplementedError

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("list index out of range")
        return self._item(index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, type(self))):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class PackedList(_ReadOnlyList):
    """A read-only list whose items are unpickled a block at a time, on first read.

    The blocks are kept in one buffer with a table of where each starts, so a
    cached list is three objects however long it is (unpickling it costs nothing)
    and the blocks are read in place from the cache file's bytes.
    """

    __slots__ = ("_data", "_starts", "_blocks", "_len", "_lock")

    def __init__(self, items: Sequence = ()) -> None:
        items = list(items)
        blobs = [_dumps(items[i : i + BLOCK]) for i in range(0, len(items), BLOCK)]
        self._len = len(items)
        self._data: bytes | memoryview = b"".join(blobs)
        self._starts = array("Q", accumulate((len(blob) for blob in blobs), initial=0))
        self._blocks: list[list | None] = [None] * len(blobs)
        self._lock = threading.Lock()

    def _block(self, b: int) -> list:
        block = self._blocks[b]
        if block is None:
            with self._lock:  # two threads reading the same block unpickle it once
                block = self._blocks[b]
                if block is None:
                    blob = memoryview(self._data)[self._starts[b] : self._starts[b + 1]]
                    block = restricted_loads(blob)
                    self._blocks[b] = block
        return block

    def __len__(self) -> int:
        return self._len

    def _item(self, index: int) -> Any:
        return self._block(index // BLOCK)[index % BLOCK]

    def __iter__(self) -> Iterator:
        for b in range(len(self._blocks)):
            yield from self._block(b)

    def __repr__(self) -> str:
        return f"PackedList({self._len} items in {len(self._blocks)} blocks)"

    def loaded_blocks(self) -> int:
        """How many blocks have been unpickled so far (for tests and benchmarks)."""
        return sum(block is not None for block in self._blocks)

    def __reduce_ex__(self, protocol):  # type: ignore[override]
        # Protocol 5 gets a PickleBuffer: pickled with a buffer_callback (the cache does),
        # the blocks go out of band and come back as a view of the file's bytes, never
        # copied; without one, or with an older protocol, they are bytes in the pickle.
        data = pickle.PickleBuffer(self._data) if protocol >= 5 else bytes(self._data)
        return copyreg.__newobj__, (type(self),), (data, self._starts, self._len)

    def __setstate__(self, state: tuple[bytes | memoryview, array, int]) -> None:
        self._data, self._starts, self._len = state
        blocks = -(-self._len // BLOCK)
        if len(self._starts) != blocks + 1 or self._starts[-1] != len(memoryview(self._data)):
            raise pickle.UnpicklingError("packed list: block table does not match its data")
        self._blocks = [None] * (len(self._starts) - 1)
        self._lock = threading.Lock()


class Keys(_ReadOnlyList):
    """Distinct strings (event or entity ids) kept as one string: unpickling 100,000 ids
    is one copy of it, where a list of them built 100,000 objects on the loading thread,
    holding the interpreter lock (9 ms) before the first frame. A read slices the string;
    `index` is one `str.find`. For keys that are strings without a newline (`fits`)."""

    __slots__ = ("_text", "_starts")

    def __init__(self, keys: Sequence[str]) -> None:
        # Each key between two newlines; _starts[i] is where key i begins, and one more
        # entry past the end, so key i is _text[_starts[i] : _starts[i + 1] - 1].
        self._text = "\n" + "".join(f"{key}\n" for key in keys)
        self._starts = array("Q", accumulate((len(key) + 1 for key in keys), initial=1))

    @staticmethod
    def fits(keys: Sequence) -> bool:
        return all(isinstance(key, str) and "\n" not in key for key in keys)

    @classmethod
    def of(cls, keys: list) -> Keys | list:
        """`keys` packed if they fit, else the list itself."""
        return cls(keys) if cls.fits(keys) else keys

    def __len__(self) -> int:
        return len(self._starts) - 1

    def _item(self, index: int) -> str:
        return self._text[self._starts[index] : self._starts[index + 1] - 1]

    def index(self, key, start: int = 0, stop: int | None = None) -> int:  # type: ignore[override]
        if (start, stop) != (0, None):  # a window of the keys: the plain way
            return super().index(key, start, stop)
        found = self._text.find(f"\n{key}\n") if self._may_hold(key) else -1
        if found < 0:
            raise ValueError(f"{key!r} is not in the keys")
        return bisect_left(self._starts, found + 1)

    def __contains__(self, key: object) -> bool:
        return self._may_hold(key) and f"\n{key}\n" in self._text

    @staticmethod
    def _may_hold(key: object) -> bool:
        # No stored key has a newline: one in `key` would match across two keys.
        return isinstance(key, str) and "\n" not in key

    def __iter__(self) -> Iterator[str]:
        return iter(self._text[1:-1].split("\n") if len(self) else ())

    def __repr__(self) -> str:
        return f"Keys({len(self)} keys)"

    def __getstate__(self) -> tuple[str, array]:
        return self._text, self._starts

    def __setstate__(self, state: tuple[str, array]) -> None:
        self._text, self._starts = state
        text, starts = self._text, self._starts
        if not (
            isinstance(text, str)
            and len(starts) >= 1
            and starts[0] == 1
            and starts[-1] == len(text)
            and text[0] == text[-1] == "\n"
        ):
            raise pickle.UnpicklingError("packed keys: offsets do not match their text")


class _Values(ValuesView):
    def __iter__(self) -> Iterator:
        return iter(self._mapping._values)  # type: ignore[attr-defined]


class PackedDict(Mapping):
    """A read-only dict (insertion order kept) whose values are in a `PackedList`."""

    __slots__ = ("_keys", "_values", "_positions")

    def __init__(self, mapping: Mapping | None = None) -> None:
        mapping = mapping or {}
        self._keys = Keys.of(list(mapping))
        self._values = PackedList(mapping.values())
        self._positions = Positions(self._keys)

    def __getitem__(self, key):
        return self._values[self._positions[key]]

    def __contains__(self, key: object) -> bool:
        return key in self._positions

    def __iter__(self) -> Iterator:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def values(self) -> _Values:  # type: ignore[override]
        return _Values(self)

    def items(self):  # type: ignore[override]
        return zip(self._keys, self._values, strict=True)

    def __repr__(self) -> str:
        return f"PackedDict({len(self._keys)} items)"

    def __getstate__(self) -> tuple[Keys | list, PackedList]:
        return self._keys, self._values

    def __setstate__(self, state: tuple[Keys | list, PackedList]) -> None:
        self._keys, self._values = state
        self._positions = Positions(self._keys)


class Positions(Mapping):
    """key -> its position in a list of distinct keys.

    The dict is built on demand: until then the first lookups (a first screen's: its
    event, that event's people and places) scan the list, 0.8 ms at 50,000 keys,
    where building the dicts of 100,000 event ids and 50,000 entity ids would cost
    30 ms before the first frame. `build()` makes it from a worker meanwhile.
    """

    SCANS = 16  # lookups answered by a scan before the dict is built here

    __slots__ = ("_keys", "_positions", "_scans")

    def __init__(self, keys: list | Keys) -> None:
        self._keys = keys
        self._positions: dict | None = None
        self._scans = 0

    def build(self) -> dict:
        """The dict of positions (built on the first call; safe from any thread)."""
        positions = self._positions
        if positions is None:
            positions = self._positions = dict(zip(self._keys, range(len(self._keys)), strict=True))
        return positions

    def __getitem__(self, key):
        positions = self._positions
        if positions is not None:
            return positions[key]
        if self._scans < self.SCANS:
            self._scans += 1
            try:
                return self._keys.index(key)
            except ValueError:
                raise KeyError(key) from None
        return self.build()[key]

    def __contains__(self, key: object) -> bool:
        try:
            self[key]
        except (KeyError, TypeError):
            return False
        return True

    def __iter__(self) -> Iterator:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __getstate__(self) -> list | Keys:
        return self._keys

    def __setstate__(self, keys: list | Keys) -> None:
        self._keys, self._positions, self._scans = keys, None, 0


class Coded(Sequence):
    """A column with few distinct values (each event's track): a byte per item and the
    values, so unpickling it builds no list of 100,000 references before the first
    frame. `Timeline.event_column` makes a list of it when it is first read."""

    __slots__ = ("_codes", "_values")
    list_on_first_read = True  # whole-timeline views index it item by item

    def __init__(self, items: Sequence = ()) -> None:
        codes: dict = {}
        numbers = [codes.setdefault(item, len(codes)) for item in items]
        self._values = list(codes)
        self._codes = array("B" if len(codes) <= 256 else "I", numbers)

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._values[code] for code in self._codes[index]]
        return self._values[self._codes[index]]

    def __iter__(self) -> Iterator:
        return map(self._values.__getitem__, self._codes)

    def __getstate__(self) -> tuple[array, list]:
        return self._codes, self._values

    def __setstate__(self, state: tuple[array, list]) -> None:
        self._codes, self._values = state
        codes = self._codes
        if codes.typecode == "B":  # one byte each: what is left once the valid ones go
            stray = codes.tobytes().translate(None, bytes(range(min(len(self._values), 256))))
        else:
            stray = [code for code in set(codes) if code >= len(self._values)]
        if stray:
            raise pickle.UnpicklingError("coded column: a code with no value")


class PackedObject:
    """Stands for a large object until it is needed, then loads it attribute by attribute.

    `load()` unpickles it (one attribute at a time, letting other threads run in
    between); any other attribute read loads it first and is passed on.
    """

    __slots__ = ("_cls", "_parts", "_value", "_lock")

    def __init__(self, value: object) -> None:
        state = value.__getstate__() if hasattr(value, "__getstate__") else vars(value)
        if not isinstance(state, dict):
            state = {"": state}
        self._cls = type(value)
        self._parts = {name: _dumps(part) for name, part in state.items()}
        self._value: object = None
        self._lock = threading.Lock()

    def load(self) -> object:
        """The object itself (unpickled on the first call)."""
        if self._value is None:
            with self._lock:
                if self._value is None:
                    state = {}
                    for name, blob in self._parts.items():
                        state[name] = restricted_loads(blob)
                        time.sleep(0)  # let the UI thread draw between the parts
                    value = self._cls.__new__(self._cls)
                    if hasattr(value, "__setstate__") and "" not in state:
                        value.__setstate__(state)
                    elif "" in state:
                        value.__setstate__(state[""])
                    else:
                        value.__dict__.update(state)
                    self._value = value
        return self._value

    @property
    def loaded(self) -> bool:
        return self._value is not None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in PackedObject.__slots__:
            raise AttributeError(name)  # pickle and copy probe these before __setstate__
        return getattr(self.load(), name)

    def __len__(self) -> int:
        return len(self.load())  # type: ignore[arg-type]

    def __getstate__(self) -> tuple[type, dict[str, bytes]]:
        return self._cls, self._parts

    def __setstate__(self, state: tuple[type, dict[str, bytes]]) -> None:
        self._cls, self._parts = state
        self._value = None
        self._lock = threading.Lock()
