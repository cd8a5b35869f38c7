"""Packed containers and the data-only codec of the cache.

A cached timeline must open in milliseconds whatever its size, and a cache file must
never be able to run code. So the cache (`uneventtui.cache`) holds data only: JSON,
which can only make numbers, strings, lists and maps, and raw arrays of numbers. The
model's objects are rebuilt from that data through their own constructors, each
field's type checked on the way (`record_codec`); nothing in a file names a class or
a function to call.

A packed list keeps its items as JSON blocks of `BLOCK` items in one buffer (the cache
file's bytes, read in place), and decodes a block the first time one of its items is
read: the explorer pays for the screenful it shows, not for the archive. `PackedList`
and `PackedDict` behave as read-only sequences and mappings, so everything that reads
`Timeline.events` and `Timeline.entities` works on them unchanged.

A block that does not decode (a file damaged after its checksum was taken, or forged
by someone who can write the user's own cache) raises `CacheDamaged`, or, when the
list was given a `fallback`, is served from the fallback instead: the cache passes one
that rebuilds the dataset from its TOML files.
"""

from __future__ import annotations

import json
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, ValuesView
from itertools import accumulate
from typing import Any, NamedTuple

from uneventtui.model import Entity, Event, Label, PartialDate, Participant, Source, SourceRef

# Items per block. Small, because reads are often scattered: the 40 rows of an entity
# with thousands of events each sit in a different block.
BLOCK = 16


class CacheDamaged(ValueError):
    """Cached data that does not decode to what it should: the cache must be rebuilt."""


# ---------------------------------------------------------------------------- codecs
# A codec is (encode, decode): encode makes JSON-ready data of a value, decode checks
# such data and makes the value again. Decoders accept exactly what encoders make.
Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _same(value: Any) -> Any:
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise CacheDamaged(f"expected a string, found {type(value).__name__}")
    return value


def _optional(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else decode(value)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise CacheDamaged(f"expected an integer, found {type(value).__name__}")
    return value


def _date(value: Any) -> PartialDate:
    try:
        return PartialDate.parse(_str(value))
    except ValueError as error:
        raise CacheDamaged(str(error)) from None


def _tuple_of(codec: Codec) -> Codec:
    encode, decode = codec

    def decode_all(value: Any) -> tuple:
        if type(value) is not list:
            raise CacheDamaged(f"expected a list, found {type(value).__name__}")
        return tuple(map(decode, value))

    return (lambda items: [encode(item) for item in items]), decode_all


def _type_name(annotation: Any) -> str:
    # Postponed annotations reach a named tuple as ForwardRefs holding the source text.
    return str(getattr(annotation, "__forward_arg__", annotation))


def record_codec(cls: type[NamedTuple]) -> Codec:
    """The codec of a model record (a named tuple): a list of its fields, in order,
    each encoded by its annotated type. A new field in the model is cached with no
    change here, as long as its type is one `_FIELD_CODECS` knows."""
    try:
        codecs = [_FIELD_CODECS[_type_name(kind)] for kind in cls.__annotations__.values()]
    except KeyError as missing:
        raise TypeError(f"{cls.__name__}: no cache codec for a field of type {missing}") from None
    encoders = [encode for encode, _ in codecs]
    decoders = [decode for _, decode in codecs]
    count, name = len(codecs), cls.__name__

    def encode(item: Any) -> list:
        return [enc(value) for enc, value in zip(encoders, item, strict=True)]

    def decode(data: Any) -> Any:
        if type(data) is not list or len(data) != count:
            raise CacheDamaged(f"{name}: expected a list of {count} fields")
        return cls(*[dec(value) for dec, value in zip(decoders, data, strict=True)])

    return encode, decode


_FIELD_CODECS: dict[str, Codec] = {
    "str": (_same, _str),
    "str | None": (_same, _optional(_str)),
    "int": (_same, _int),
    "int | None": (_same, _optional(_int)),
    "PartialDate": (PartialDate.iso, _date),
    "PartialDate | None": (lambda d: None if d is None else d.iso(), _optional(_date)),
    "tuple[str, ...]": _tuple_of((_same, _str)),
}
_FIELD_CODECS["tuple[Participant, ...]"] = _tuple_of(record_codec(Participant))
_FIELD_CODECS["tuple[SourceRef, ...]"] = _tuple_of(record_codec(SourceRef))

EVENT = record_codec(Event)
ENTITY = record_codec(Entity)
SOURCE = record_codec(Source)
LABEL = record_codec(Label)


def positions_codec(limit: int) -> Codec:
    """Lists of positions in a list of `limit` items (an entity's events)."""

    def decode(value: Any) -> list[int]:
        if type(value) is not list or not all(type(i) is int and 0 <= i < limit for i in value):
            raise CacheDamaged(f"expected a list of positions below {limit}")
        return value

    return _same, decode


# ------------------------------------------------------------------------ containers
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
    """A read-only list whose items are decoded a block at a time, on first read.

    The blocks are kept in one buffer with a table of where each starts, so a cached
    list is three objects however long it is, read in place from the cache file.
    """

    __slots__ = ("_data", "_starts", "_blocks", "_len", "_lock", "_decode", "_fallback")

    def __init__(self, items: Sequence = (), codec: Codec = (_same, _same)) -> None:
        encode, decode = codec
        items = list(items)
        blobs = [
            json.dumps([encode(item) for item in items[i : i + BLOCK]], ensure_ascii=False).encode(
                "utf-8"
            )
            for i in range(0, len(items), BLOCK)
        ]
        self._setup(
            b"".join(blobs), array("Q", accumulate(map(len, blobs), initial=0)), len(items), decode
        )
        # Built from the items themselves: a read needs no decoding.
        self._blocks = [items[i : i + BLOCK] for i in range(0, len(items), BLOCK)]

    @classmethod
    def from_parts(
        cls,
        data: bytes | memoryview,
        starts: array,
        length: int,
        decode: Callable[[Any], Any] = _same,
        fallback: Callable[[], Sequence] | None = None,
    ) -> PackedList:
        """A list of `length` items in the JSON blocks `data[starts[b]:starts[b + 1]]`,
        each item made by `decode`. `fallback`, if given, supplies the items when a block
        turns out damaged. Raises CacheDamaged when the table does not fit the data."""
        if type(length) is not int or length < 0:
            raise CacheDamaged("packed list: bad length")
        blocks = -(-length // BLOCK)
        if len(starts) != blocks + 1 or starts[0] != 0 or starts[-1] != len(memoryview(data)):
            raise CacheDamaged("packed list: block table does not match its data")
        packed = cls.__new__(cls)
        packed._setup(data, starts, length, decode, fallback)
        return packed

    def _setup(self, data, starts, length, decode, fallback=None) -> None:
        self._data: bytes | memoryview = data
        self._starts = starts
        self._len = length
        self._decode = decode
        self._fallback: Callable[[], Sequence] | None = fallback
        self._blocks: list[list | None] = [None] * (len(starts) - 1)
        self._lock = threading.Lock()

    def parts(self) -> tuple[bytes | memoryview, array, int]:
        """(data, starts, length): what `from_parts` takes, for the cache writer."""
        return self._data, self._starts, self._len

    def _block(self, b: int) -> list:
        block = self._blocks[b]
        if block is None:
            with self._lock:  # two threads reading the same block decode it once
                block = self._blocks[b]
                if block is None:
                    block = self._blocks[b] = self._decoded(b)
        return block

    def _decoded(self, b: int) -> list:
        size = min(BLOCK, self._len - b * BLOCK)
        try:
            raw = json.loads(bytes(memoryview(self._data)[self._starts[b] : self._starts[b + 1]]))
            if type(raw) is not list or len(raw) != size:
                raise CacheDamaged(f"block {b}: expected {size} items")
            return [self._decode(item) for item in raw]
        except (ValueError, TypeError, RecursionError, MemoryError) as error:
            if self._fallback is None:
                raise CacheDamaged(f"block {b}: {error}") from None
            return list(self._fallback()[b * BLOCK : b * BLOCK + size])

    def __len__(self) -> int:
        return self._len

    def _item(self, index: int) -> Any:
        return self._block(index // BLOCK)[index % BLOCK]

    def __iter__(self) -> Iterator:
        for b in range(len(self._blocks)):
            yield from self._block(b)

    def __repr__(self) -> str:
        return f"PackedList({self._len} items in {len(self._blocks)} blocks)"

    def read_through(self, indices: Iterable[int]) -> Iterator:
        """The items at `indices` (0 <= i < len), decoding the blocks not yet decoded
        without keeping them: a pass over a million events (`events --json`, an export)
        holds one block at a time, not the archive."""
        current_block, items = -1, []
        for index in indices:
            block = index // BLOCK
            if block != current_block:
                current_block = block
                items = self._blocks[block] or self._decoded(block)
            yield items[index % BLOCK]

    def loaded_blocks(self) -> int:
        """How many blocks have been decoded so far (for tests and benchmarks)."""
        return sum(block is not None for block in self._blocks)


class Keys(_ReadOnlyList):
    """Distinct strings (event or entity ids) kept as one string: loading 100,000 ids is
    one copy of it, where a list of them builds 100,000 objects on the loading thread,
    holding the interpreter lock before the first frame. A read slices the string;
    `index` is one `str.find`. For keys that are strings without a newline (`fits`)."""

    __slots__ = ("_text", "_starts")

    def __init__(self, keys: Sequence[str]) -> None:
        # Each key between two newlines; _starts[i] is where key i begins, and one more
        # entry past the end, so key i is _text[_starts[i] : _starts[i + 1] - 1].
        self._text = "\n" + "".join(f"{key}\n" for key in keys)
        self._starts = array("Q", accumulate((len(key) + 1 for key in keys), initial=1))

    @classmethod
    def from_parts(cls, text: str, starts: array) -> Keys:
        """The keys `parts()` gave; raises CacheDamaged when the offsets do not fit."""
        if not (
            isinstance(text, str)
            and len(starts) >= 1
            and starts[0] == 1
            and starts[-1] == len(text)
            and text[0] == text[-1] == "\n"
        ):
            raise CacheDamaged("packed keys: offsets do not match their text")
        keys = cls.__new__(cls)
        keys._text, keys._starts = text, starts
        return keys

    def parts(self) -> tuple[str, array]:
        return self._text, self._starts

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


class _Values(ValuesView):
    def __iter__(self) -> Iterator:
        return iter(self._mapping._values)  # type: ignore[attr-defined]


class PackedDict(Mapping):
    """A read-only dict (insertion order kept) whose values are in a `PackedList`."""

    __slots__ = ("_keys", "_values", "_positions")

    def __init__(self, mapping: Mapping | None = None, codec: Codec = (_same, _same)) -> None:
        mapping = mapping or {}
        self._setup(Keys.of(list(mapping)), PackedList(mapping.values(), codec))

    @classmethod
    def from_parts(cls, keys: Keys | list, values: PackedList) -> PackedDict:
        if len(keys) != len(values):
            raise CacheDamaged("packed dict: as many keys as values expected")
        packed = cls.__new__(cls)
        packed._setup(keys, values)
        return packed

    def _setup(self, keys: Keys | list, values: PackedList) -> None:
        self._keys, self._values = keys, values
        self._positions = Positions(keys)

    def parts(self) -> tuple[Keys | list, PackedList]:
        return self._keys, self._values

    def warm(self) -> None:
        """Build the lookup by key now (off the UI thread), not on a later read."""
        self._positions.build()

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


class Positions(Mapping):
    """key -> its position in a list of distinct keys.

    The dict is built on demand: until then the first lookups (a first screen's: its
    event, that event's people and places) scan the list, where building the dicts of
    every event and entity id would hold up the first frame. `build()` makes it from a
    worker meanwhile.
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

    warm = build

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


class Coded(Sequence):
    """A column with few distinct values (each event's track): a byte per item and the
    values, so loading it builds no list of 100,000 references before the first frame.
    `Timeline.event_column` makes a list of it when it is first read."""

    __slots__ = ("_codes", "_values")
    list_on_first_read = True  # whole-timeline views index it item by item

    def __init__(self, items: Sequence = ()) -> None:
        codes: dict = {}
        numbers = [codes.setdefault(item, len(codes)) for item in items]
        self._values = list(codes)
        self._codes = array("B" if len(codes) <= 256 else "I", numbers)

    @classmethod
    def from_parts(cls, codes: array, values: list) -> Coded:
        """The column `parts()` gave; raises CacheDamaged for a code with no value."""
        if codes.typecode not in ("B", "I") or not all(type(v) is str for v in values):
            raise CacheDamaged("coded column: unexpected types")
        if codes.typecode == "B":  # one byte each: what is left once the valid ones go
            stray = codes.tobytes().translate(None, bytes(range(min(len(values), 256))))
        else:
            stray = [code for code in set(codes) if code >= len(values)]
        if stray:
            raise CacheDamaged("coded column: a code with no value")
        column = cls.__new__(cls)
        column._codes, column._values = codes, values
        return column

    def parts(self) -> tuple[array, list]:
        return self._codes, self._values

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._values[code] for code in self._codes[index]]
        return self._values[self._codes[index]]

    def __iter__(self) -> Iterator:
        return map(self._values.__getitem__, self._codes)
