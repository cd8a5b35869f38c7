"""The name index: every name of every entity and event, searchable as you type.

Design (for 100k entities + 100k events answering within one frame of typing):

* Each searchable string (a name, an alias, a title) is an *entry*. Entries are
  numbered in rank order: entities with more events first, then shorter names.
  Every posting list is therefore sorted by rank, and the best hits of a tier are
  simply the smallest entry numbers: a lazy `heapq.merge` of the posting lists
  yields them first and the search stops as soon as `limit` targets are found.
* `_Postings` maps sorted keys to posting lists: a prefix of the query is a
  contiguous range of keys (`bisect`), its size is known before any list is read.
* Tiers run cheapest first (exact, prefix, word-start, substring, fuzzy); a tier
  only runs when the ones before it found fewer than `limit` targets.
* Several query words: the most selective word drives (its postings, in rank
  order) and the others are checked against the entry's word string with C-speed
  substring tests; when that finds little, sets are intersected instead.
* Fuzzy matching (rapidfuzz, with our own normalisation) compares query words
  with the distinct words of the index, never with every name.
* Within a tier, an event whose kind or place a query word names ranks higher
  (`قمة الدوحة`: the summit held in Doha before the declaration it adopted).
* A year or a date in the query (`Doha 2025`, `2024-04`, `٢٠٢٥`) narrows the
  results to the events of that period: those whose names match the rest of
  the query, then the events of the entities that match it; a date alone gives
  the period's events in order (`search.period`).
"""

from __future__ import annotations

import gc
import heapq
import itertools
import math
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA

from uneventtui.search.normalize import (
    is_arabic_word,
    normalize,
    normalize_with_map,
    original_span,
    strip_clitic,
)
from uneventtui.search.period import day_key, split_period

if TYPE_CHECKING:  # pragma: no cover
    from uneventtui.model import Event, Timeline

KINDS = ("person", "organization", "place", "event")
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
_TOP = "\U0010ffff"

# Scores: one band per tier; "via clitic" matches (the query's article or
# conjunction had to come off) sit just below the direct ones of the same tier.
EXACT, PREFIX, WORD_START, SUBSTRING, FUZZY = 100.0, 90.0, 80.0, 70.0, 60.0
DATE = 50.0  # an event found by its date alone
_CLITIC_PENALTY = 5.0
# Within a tier (less than the clitic penalty): a query word names the event's
# kind ("summit", "قمة"), or its place.
_KIND_BONUS, _PLACE_BONUS = 2.0, 1.0
# An event reached through a matching entity ranks just below the entity's score.
_LINK_PENALTY = 1.0
_TIER_NAMES = {
    EXACT: "exact",
    PREFIX: "prefix",
    WORD_START: "word-start",
    SUBSTRING: "substring",
    FUZZY: "fuzzy",
}

# Multi-word queries: how many driver candidates to check one by one before
# intersecting posting sets in C instead.
_VERIFY_BUDGET = 256
# Fuzzy tier: corrections kept per query word, corrected queries tried.
_MAX_CORRECTIONS = 4
_MAX_COMBOS = 12
_MAX_PRODUCT = 4096  # corrected queries considered before ranking them


@dataclass(frozen=True)
class Hit:
    """One search result.

    `field` names what matched ("name_ar", "name_en", "alias", "title_ar",
    "title_en"); `matched_text` is that string as stored; `span` is the first
    matched stretch of it and `spans` every stretch (one per query word), as
    (start, end) offsets into `matched_text`, harakat of the last letter included.
    """

    kind: str
    id: str
    name_ar: str
    name_en: str
    score: float
    field: str
    matched_text: str
    span: tuple[int, int]
    spans: tuple[tuple[int, int], ...] = ()
    tier: str = ""

    def as_dict(self) -> dict:
        """The JSON form the CLI prints."""
        return {
            "kind": self.kind,
            "id": self.id,
            "name_ar": self.name_ar,
            "name_en": self.name_en,
            "score": self.score,
        }


class _Postings:
    """Sorted distinct keys, each with the rank-ordered entries that carry it.

    Stored flat (one `array` of entries, key by key, plus offsets) so that a prefix
    of the query, a contiguous range of keys, is a contiguous range of entries.
    Copies of the flat array sorted within blocks of 64 and of 4096 entries let a
    wide range be merged from a few hundred sorted runs instead of thousands of
    posting lists. Arrays keep the index compact, quick to cache and invisible to
    the garbage collector.
    """

    __slots__ = ("keys", "cum", "flat", "small", "large")

    SMALL, LARGE = 64, 4096

    def __init__(self, mapping: dict[str, list[int]]) -> None:
        self.keys = sorted(mapping)
        flat = array("i")
        for key in self.keys:
            flat.extend(mapping[key])
        self.flat = flat
        self.cum = array("l", itertools.accumulate((len(mapping[k]) for k in self.keys), initial=0))
        self.small = self._sorted_runs(self.SMALL)
        self.large = self._sorted_runs(self.LARGE)

    def _sorted_runs(self, size: int) -> array:
        flat = self.flat
        out = array("i")
        for i in range(0, len(flat), size):
            out.extend(sorted(flat[i : i + size]))
        return out

    def prefix_range(self, prefix: str) -> tuple[int, int]:
        return bisect_left(self.keys, prefix), bisect_left(self.keys, prefix + _TOP)

    def key_range(self, key: str) -> tuple[int, int]:
        return bisect_left(self.keys, key), bisect_right(self.keys, key)

    def count(self, ranges: Iterable[tuple[int, int]]) -> int:
        return sum(self.cum[b] - self.cum[a] for a, b in ranges)

    def entries(self, ranges: Iterable[tuple[int, int]]) -> set[int]:
        """Every entry in the key ranges, as a set (for intersections)."""
        out: set[int] = set()
        for a, b in ranges:
            out.update(self.flat[self.cum[a] : self.cum[b]])
        return out

    def restrict(self, entries: set[int], ranges: Iterable[tuple[int, int]]) -> set[int]:
        """The members of `entries` that are also in the key ranges."""
        view = memoryview(self.flat)
        out: set[int] = set()
        for a, b in ranges:
            out |= entries.intersection(view[self.cum[a] : self.cum[b]])
        return out

    def stream(self, ranges: Iterable[tuple[int, int]]) -> Iterator[int]:
        """Entries of the key ranges in rank order (an entry may repeat)."""
        runs: list[Iterable[int]] = []
        for a, b in ranges:
            if a < b:
                self._runs(a, b, runs)
        if not runs:
            return iter(())
        if len(runs) == 1:
            return iter(runs[0])
        return heapq.merge(*runs)

    def _runs(self, a: int, b: int, runs: list[Iterable[int]]) -> None:
        cum, flat = self.cum, self.flat
        lo, hi = cum[a], cum[b]
        if hi - lo <= self.SMALL:
            runs.append(sorted(flat[lo:hi]))
            return
        if b - a <= 8:  # a few keys: their posting lists are sorted runs already
            view = memoryview(flat)
            runs.extend(view[cum[i] : cum[i + 1]] for i in range(a, b))
            return
        small, large = memoryview(self.small), memoryview(self.large)
        i = lo
        while i < hi:
            if i % self.LARGE == 0 and i + self.LARGE <= hi:
                runs.append(large[i : i + self.LARGE])
                i += self.LARGE
            elif i % self.SMALL == 0 and i + self.SMALL <= hi:
                runs.append(small[i : i + self.SMALL])
                i += self.SMALL
            else:
                j = min(hi, (i // self.SMALL + 1) * self.SMALL)
                runs.append(sorted(flat[i:j]))
                i = j


def _within(values: array, limit: int) -> bool:
    """Every value in 0 <= value < limit (min and max run in C)."""
    return not values or (min(values) >= 0 and max(values) < limit)


def _max_edits(word: str) -> int:
    """Typos tolerated in a query word: none under 3 letters, one, two from 8."""
    n = len(word)
    return 0 if n < 3 else 1 if n < 8 else 2


_VOWELS = str.maketrans("", "", "aeiouyw")


def skeleton(word: str) -> str:
    """The consonant skeleton of a Latin word: 'hilale' and 'hilal' both give 'hl'.

    Vowels and doubled letters go, and h after a consonant ('mohammed' ~ 'muhamad').
    """
    bare = word.translate(_VOWELS)
    out: list[str] = []
    for ch in bare:
        if out and (ch == out[-1] or (ch == "h" and out[-1] not in "csgkz")):
            continue
        out.append(ch)
    return "".join(out)


class _Collector:
    """Hits in tier order, at most one per target, stopping at `limit`."""

    __slots__ = ("limit", "hits", "seen", "entry_target")

    def __init__(self, limit: int, entry_target: list[int]) -> None:
        self.limit = limit
        self.hits: list[tuple[int, float]] = []  # (entry, score)
        self.seen: set[int] = set()
        self.entry_target = entry_target

    @property
    def full(self) -> bool:
        return len(self.hits) >= self.limit

    def add(self, entry: int, score: float) -> bool:
        """Record the entry unless its target already has a hit; True once full."""
        target = self.entry_target[entry]
        if target not in self.seen:
            self.seen.add(target)
            self.hits.append((entry, score))
        return len(self.hits) >= self.limit

    def add_all(self, entries: Iterable[int], score: float) -> bool:
        return any(self.add(entry, score) for entry in entries)


class SearchIndex:
    """Ranked name search over a timeline's entities and events (see module docstring)."""

    FIELDS = ("name_ar", "name_en", "alias", "title_ar", "title_en")

    def __init__(
        self,
        targets: list[tuple[str, str, str, str, int]],
        entries: list[tuple[int, int, str]],
    ) -> None:
        """`targets`: (kind, id, name_ar, name_en, weight); `entries`: (target, field, text)."""
        enabled = gc.isenabled()
        gc.disable()  # building allocates millions of objects: no point scanning them
        try:
            self._kinds = [t[0] for t in targets]
            self._ids = [t[1] for t in targets]
            self._names_ar = [t[2] for t in targets]
            self._names_en = [t[3] for t in targets]
            self._weights = array("l", (t[4] for t in targets))
            self._build(entries)
        finally:
            if enabled:
                gc.enable()
        # Set by `build` (none for a bare index): see `_set_context`.
        self._kind_words: list[str] = []
        self._place_words: list[str] = []
        self._facet_words: frozenset[str] = frozenset()
        self._dates = array("l")
        self._link_cum = array("l")
        self._link_flat = array("i")
        self._sub: dict[str, SearchIndex] = {}
        self._fuzzy_prefixes: dict[int, _Postings] = {}
        self._span_cache: dict[str, tuple[str, list[int]]] = {}
        self._blob: tuple[str, list[int]] | None = None
        self._sets: dict[frozenset, list[int]] = {}  # recent intersections, oldest first

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, timeline: Timeline) -> SearchIndex:
        """Index every name and alias of every entity and the titles and aliases of every event."""
        targets: list[tuple[str, str, str, str, int]] = []
        entries: list[tuple[int, int, str]] = []
        entity_targets: dict[str, int] = {}
        event_targets: list[tuple[int, Event]] = []
        for entity in timeline.entities.values():
            t = len(targets)
            entity_targets[entity.id] = t
            weight = timeline.event_count(entity.id)
            targets.append((entity.kind, entity.id, entity.name_ar, entity.name_en, weight))
            entries.append((t, 0, entity.name_ar))
            entries.append((t, 1, entity.name_en))
            entries.extend((t, 2, alias) for alias in entity.aliases)
        for event in timeline.events:
            t = len(targets)
            targets.append(("event", event.id, event.title_ar, event.title_en, 0))
            entries.append((t, 3, event.title_ar))
            entries.append((t, 4, event.title_en))
            entries.extend((t, 2, alias) for alias in event.aliases)
            event_targets.append((t, event))
        index = cls(targets, entries)
        index._set_context(timeline, event_targets, entity_targets)
        return index

    def _set_context(
        self,
        timeline: Timeline,
        events: list[tuple[int, Event]],
        entity_targets: dict[str, int],
    ) -> None:
        """What ranks and narrows beyond names: each event's (target `t`) kind and
        place words, its dates, and the events of each entity."""
        n = len(self._ids)
        kind_words = [""] * n
        place_words = [""] * n
        dates = array("l", bytes(2 * n * array("l").itemsize))
        links: list[list[int]] = [[] for _ in range(n)]

        def words_of(*names: str) -> str:
            words = {w for name in names for w in normalize(name).split()}
            words |= {strip_clitic(w) for w in words}
            return " " + " ".join(sorted(words)) + " "

        label_words: dict[str, str] = {}
        place_cache: dict[str, str] = {}
        for t, event in events:
            kind = timeline.event_kinds.get(event.kind)
            if event.kind not in label_words:
                names = (kind.name_en, kind.name_ar) if kind else (event.kind,)
                label_words[event.kind] = words_of(*names)
            kind_words[t] = label_words[event.kind]
            if event.place:
                known = place_cache.get(event.place)
                if known is None:
                    place = timeline.entities.get(event.place)
                    names = (place.name_en, place.name_ar, *place.aliases) if place else ()
                    known = place_cache[event.place] = words_of(*names) if names else ""
                place_words[t] = known
            dates[2 * t] = day_key(event.start.sort_key)
            dates[2 * t + 1] = day_key((event.end or event.start).last_key)
            for entity_id in event.entity_ids():
                e = entity_targets.get(entity_id)
                if e is not None:
                    links[e].append(t)
        self._kind_words, self._place_words = kind_words, place_words
        facets = [*label_words.values(), *place_cache.values()]
        self._facet_words = frozenset(" ".join(facets).split())
        self._dates = dates
        self._link_cum = array("l", itertools.accumulate(map(len, links), initial=0))
        self._link_flat = array("i", (t for linked in links for t in linked))

    def _build(self, raw_entries: list[tuple[int, int, str]]) -> None:
        kinds, ids, weights = self._kinds, self._ids, self._weights
        norm_cache: dict[str, str] = {}
        strip_cache: dict[str, str] = {}

        def norm_word(word: str) -> str:
            value = norm_cache.get(word)
            if value is None:
                value = norm_cache[word] = normalize(word)
            return value

        # Normalise word by word: names share words, so most are cache hits.
        normed = [
            " ".join(filter(None, map(norm_word, text.split()))) for _t, _f, text in raw_entries
        ]

        # Rank order: more events first, then shorter names, then kind and id. One
        # integer per entry, so that the sort runs in C.
        max_weight = max(weights, default=0)
        tie = [0] * len(kinds)
        by_kind_id = sorted(range(len(kinds)), key=lambda i: (_KIND_ORDER.get(kinds[i], 9), ids[i]))
        for pos, i in enumerate(by_kind_id):
            tie[i] = pos
        keyed = sorted(
            ((max_weight - weights[t]) << 60)
            | (min(len(normed[j]), 4095) << 48)
            | (tie[t] << 24)
            | j
            for j, (t, _f, _text) in enumerate(raw_entries)
        )
        order = [k & 0xFFFFFF for k in keyed]

        self._entry_target = array("i", (raw_entries[j][0] for j in order))
        self._entry_field = array("b", (raw_entries[j][1] for j in order))
        self._entry_text = [raw_entries[j][2] for j in order]
        words_of: list[str] = []  # " w1 w2 ... s1 s2 " (the words, then clitic-free forms)
        vocab: defaultdict[str, list[int]] = defaultdict(list)
        names: defaultdict[str, list[int]] = defaultdict(list)
        # Names repeat (namesakes, "International Health Organization"): work out
        # each distinct one once.
        seen: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
        for e, j in enumerate(order):
            norm = normed[j]
            info = seen.get(norm)
            if info is None:
                words = norm.split(" ") if norm else []
                stripped = []
                for w in words:
                    bare = strip_cache.get(w)
                    if bare is None:
                        bare = strip_cache[w] = strip_clitic(w)
                    stripped.append(bare)
                extra = [b for b, w in zip(stripped, words, strict=True) if b != w]
                tokens = tuple(dict.fromkeys(words + extra))
                keys = (norm, " ".join(stripped)) if extra else (norm,) if norm else ()
                info = seen[norm] = (" " + " ".join(words + extra) + " ", tokens, keys)
            words_of.append(info[0])
            for w in info[1]:
                vocab[w].append(e)
            for key in info[2]:
                names[key].append(e)
        max_len = max((len(n) for n in seen), default=0)
        self._entry_words = words_of
        self._vocab = _Postings(vocab)
        self._names = _Postings(names)
        self._max_len = max_len
        # Consonant skeletons of Latin words, for transliteration variants.
        skeletons: dict[str, list[str]] = {}
        for word in self._vocab.keys:
            if word.isascii() and word.isalpha() and len(word) >= 3:
                skeletons.setdefault(skeleton(word), []).append(word)
        self._skeletons = skeletons

    # ------------------------------------------------------------------ state
    # What the cache stores: plain lists of strings, arrays of numbers, an int and a
    # dict of string lists; nothing that names a class or a function.
    _LISTS = (
        "kinds",
        "ids",
        "names_ar",
        "names_en",
        "entry_text",
        "entry_words",
        "kind_words",
        "place_words",
    )
    _ARRAYS = {
        "weights": "l",
        "entry_target": "i",
        "entry_field": "b",
        "dates": "l",
        "link_cum": "l",
        "link_flat": "i",
    }

    def state(self) -> dict[str, object]:
        """The index as plain data, for `from_state` (the on-disk cache)."""
        state: dict[str, object] = {name: getattr(self, f"_{name}") for name in self._LISTS}
        state.update({name: getattr(self, f"_{name}") for name in self._ARRAYS})
        for name in ("vocab", "names"):
            postings: _Postings = getattr(self, f"_{name}")
            for part in _Postings.__slots__:
                state[f"{name}.{part}"] = getattr(postings, part)
        state["max_len"] = self._max_len
        state["skeletons"] = self._skeletons
        state["facet_words"] = sorted(self._facet_words)
        return state

    @classmethod
    def from_state(cls, state: dict[str, object]) -> SearchIndex:
        """An index from `state()`'s data, checked: ValueError unless every list and array
        has the type and length the others imply and every position points inside."""

        def need(ok: bool, what: str) -> None:
            if not ok:
                raise ValueError(f"search index: {what}")

        def get(name: str, kind: type) -> object:
            value = state.get(name)
            need(isinstance(value, kind), f"{name} missing or not a {kind.__name__}")
            return value

        index = cls.__new__(cls)
        for name in cls._LISTS:
            setattr(index, f"_{name}", get(name, list))
        for name, code in cls._ARRAYS.items():
            value = get(name, array)
            need(value.typecode == code, f"{name} has the wrong type")  # type: ignore[attr-defined]
            setattr(index, f"_{name}", value)
        targets, entries = len(index._ids), len(index._entry_target)
        need(
            len(index._kinds) == len(index._names_ar) == len(index._names_en) == targets
            and len(index._weights) == targets,
            "the targets' lists differ in length",
        )
        need(
            len(index._entry_field) == len(index._entry_text) == len(index._entry_words) == entries,
            "the entries' lists differ in length",
        )
        need(
            len(index._kind_words) == len(index._place_words) == targets
            and len(index._dates) == 2 * targets
            and len(index._link_cum) == targets + 1
            and index._link_cum[0] == 0
            and index._link_cum[-1] == len(index._link_flat)
            and all(a <= b for a, b in zip(index._link_cum, index._link_cum[1:], strict=False))
            and _within(index._link_flat, targets),
            "the events' dates and links do not fit the targets",
        )
        index._facet_words = frozenset(get("facet_words", list))  # type: ignore[arg-type]
        need(_within(index._entry_target, targets), "an entry of no target")
        need(_within(index._entry_field, len(cls.FIELDS)), "an entry of no field")
        for name in ("vocab", "names"):
            postings = _Postings.__new__(_Postings)
            postings.keys = get(f"{name}.keys", list)  # type: ignore[assignment]
            for part in ("cum", "flat", "small", "large"):
                value = get(f"{name}.{part}", array)
                need(value.typecode == ("l" if part == "cum" else "i"), f"{name}.{part} type")  # type: ignore[attr-defined]
                setattr(postings, part, value)
            cum, flat = postings.cum, postings.flat
            need(
                len(cum) == len(postings.keys) + 1
                and cum[0] == 0
                and cum[-1] == len(flat) == len(postings.small) == len(postings.large)
                and all(a <= b for a, b in zip(cum, cum[1:], strict=False))
                and all(_within(part, entries) for part in (flat, postings.small, postings.large)),
                f"{name}: postings do not fit the entries",
            )
            setattr(index, f"_{name}", postings)
        max_len, skeletons = state.get("max_len"), state.get("skeletons")
        need(type(max_len) is int, "max_len")
        need(
            isinstance(skeletons, dict)
            and all(
                type(k) is str and type(v) is list and all(type(w) is str for w in v)
                for k, v in skeletons.items()
            ),
            "skeletons",
        )
        index._max_len, index._skeletons = max_len, skeletons
        index._sub, index._fuzzy_prefixes, index._span_cache = {}, {}, {}
        index._blob, index._sets = None, {}
        return index

    def __len__(self) -> int:
        """How many targets (entities and events) are indexed."""
        return len(self._ids)

    # ----------------------------------------------------------------- search
    def search(self, query: str, limit: int = 20, kind: str | None = None) -> list[Hit]:
        """The best `limit` targets for `query`, best first (see module docstring).

        An empty, blank, punctuation-only or absurdly long query returns [].
        """
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
        if isinstance(query, str) and self._dates and limit > 0:
            period, rest = split_period(query)
            if period is not None:
                return self._in_period(rest, period, limit, kind)
        if kind is not None:
            return self._kind_index(kind).search(query, limit)
        if not isinstance(query, str) or limit <= 0 or len(query) > 8 * self._max_len + 64:
            return []
        q = normalize(query)
        words = list(dict.fromkeys(q.split()))
        if not words or len(q) > 2 * self._max_len:
            return []
        collector = _Collector(limit, self._entry_target)
        variants = [(w, strip_clitic(w)) for w in words]
        passes = [(False, 0.0)]
        if any(w != s for w, s in variants):
            passes.append((True, _CLITIC_PENALTY))
        q_stripped = " ".join(s for _w, s in variants)

        # Exact and prefix: the whole name.
        names = self._names
        for tier in (EXACT, PREFIX):
            for use_clitic, penalty in passes:
                key = q_stripped if use_clitic else q
                span = names.key_range(key) if tier == EXACT else names.prefix_range(key)
                if collector.add_all(names.stream([span]), tier - penalty):
                    return self._ranked(self._hits(collector, words), words)
        # Word-start and substring: every query word starts (or is inside) a word.
        for tier in (WORD_START, SUBSTRING):
            for use_clitic, penalty in passes:
                if self._all_words(
                    variants, use_clitic, tier, collector, tier - penalty, tier == SUBSTRING
                ):
                    return self._ranked(self._hits(collector, words), words)
        self._fuzzy(words, collector)
        return self._ranked(self._hits(collector, words), words)

    def _ranked(self, hits: list[Hit], words: list[str]) -> list[Hit]:
        """`hits` with the events whose kind or place a query word names moved up
        within their tier (stable)."""
        if not self._kind_words or self._facet_words.isdisjoint(
            words + [strip_clitic(w) for w in words]
        ):
            return hits
        forms = [f" {form} " for w in words for form in {w, strip_clitic(w)} if len(form) > 2]
        index_of = self._index_of()
        ranked = []
        for hit in hits:
            bonus = 0.0
            t = index_of.get(("event", hit.id)) if hit.kind == "event" else None
            if t is not None and hit.score > FUZZY:  # a close spelling is no naming
                if any(f in self._kind_words[t] for f in forms):
                    bonus += _KIND_BONUS
                if any(f in self._place_words[t] for f in forms):
                    bonus += _PLACE_BONUS
            ranked.append(replace(hit, score=hit.score + bonus) if bonus else hit)
        ranked.sort(key=lambda hit: -hit.score)
        return ranked

    def _index_of(self) -> dict[tuple[str, str], int]:
        """(kind, id) -> target, built on first use."""
        found = self.__dict__.get("_targets_by_id")
        if found is None:
            found = self._targets_by_id = {
                (k, i): t for t, (k, i) in enumerate(zip(self._kinds, self._ids, strict=True))
            }
        return found

    def _in_period(
        self, rest: str, period: tuple[int, int], limit: int, kind: str | None
    ) -> list[Hit]:
        """The events of a period (and, with an entity kind, the entities that have
        some): those matching the names in `rest` first, then those of matching
        entities; with no name, the period's events in order."""
        first, last = period
        dates = self._dates

        def in_period(t: int) -> bool:
            return dates[2 * t] <= last and dates[2 * t + 1] >= first

        def events_of(t: int) -> list[int]:
            linked = self._link_flat[self._link_cum[t] : self._link_cum[t + 1]]
            return [e for e in linked if in_period(e)]

        want_events = kind in (None, "event")
        if not normalize(rest):
            if want_events:
                found = [t for t, k in enumerate(self._kinds) if k == "event" and in_period(t)]
                found.sort(key=lambda t: (dates[2 * t], self._ids[t]))
            else:
                found = [t for t, k in enumerate(self._kinds) if k == kind and events_of(t)]
            return [self._date_hit(t, DATE) for t in found[:limit]]
        index_of = self._index_of()
        hits: list[Hit] = []
        seen: set[int] = set()
        for hit in self.search(rest, limit=max(4 * limit, 200)):
            t = index_of[(hit.kind, hit.id)]
            if hit.kind == "event":
                if want_events and in_period(t) and t not in seen:
                    seen.add(t)
                    hits.append(hit)
            elif not want_events:
                if hit.kind == kind and events_of(t):
                    hits.append(hit)
            else:
                for e in events_of(t):
                    if e not in seen:
                        seen.add(e)
                        hits.append(self._date_hit(e, hit.score - _LINK_PENALTY))
        hits.sort(key=lambda hit: -hit.score)  # stable: name order within a score
        return hits[:limit]

    def _date_hit(self, t: int, score: float) -> Hit:
        """A hit for target `t` found by its date or through an entity: no span."""
        field = 4 if self._kinds[t] == "event" else 1
        return Hit(
            kind=self._kinds[t],
            id=self._ids[t],
            name_ar=self._names_ar[t],
            name_en=self._names_en[t],
            score=score,
            field=self.FIELDS[field],
            matched_text=self._names_en[t],
            span=(0, 0),
            spans=(),
            tier=_tier_name(score),
        )

    def _kind_index(self, kind: str) -> SearchIndex:
        sub = self._sub.get(kind)
        if sub is None:
            keep = [i for i, k in enumerate(self._kinds) if k == kind]
            renumber = {old: new for new, old in enumerate(keep)}
            targets = [
                (kind, self._ids[i], self._names_ar[i], self._names_en[i], self._weights[i])
                for i in keep
            ]
            entries = [
                (renumber[t], f, x)
                for t, f, x in zip(
                    self._entry_target, self._entry_field, self._entry_text, strict=True
                )
                if t in renumber
            ]
            sub = self._sub[kind] = SearchIndex(targets, entries)
            if self._kind_words:
                sub._kind_words = [self._kind_words[i] for i in keep]
                sub._place_words = [self._place_words[i] for i in keep]
                sub._facet_words = self._facet_words
        return sub

    def _word_ranges(
        self, word: str, stripped: str, use_clitic: bool, tier: float
    ) -> list[tuple[int, int]]:
        """Ranges of vocabulary words that `word` starts (or, for SUBSTRING, is inside)."""
        probes = {word, stripped} if use_clitic else {word}
        ranges = [self._vocab.prefix_range(p) for p in probes]
        if tier == SUBSTRING and len(word) >= 3:  # inside-word matches of 1-2 letters are noise
            ranges.extend((i, i + 1) for i in self._containing(word))
        return ranges

    def _containing(self, word: str) -> list[int]:
        """Indices of vocabulary words that contain `word` (not at their start)."""
        if self._blob is None:
            keys = self._vocab.keys
            starts = list(itertools.accumulate((len(k) + 1 for k in keys), initial=0))[:-1]
            self._blob = ("\n".join(keys), starts)
        blob, starts = self._blob
        found: list[int] = []
        pos = blob.find(word)
        while pos != -1:
            i = bisect_right(starts, pos) - 1
            if pos != starts[i]:
                found.append(i)
            end = starts[i + 1] if i + 1 < len(starts) else len(blob)
            pos = blob.find(word, end)
        return found

    def _all_words(
        self,
        variants: list[tuple[str, str]],
        use_clitic: bool,
        tier: float,
        collector: _Collector,
        score: float,
        skip_if_same: bool = False,
    ) -> bool:
        """Entries where every query word matches a word of the name at this tier."""
        vocab = self._vocab
        per_word = [self._word_ranges(w, s, use_clitic, tier) for w, s in variants]
        if skip_if_same and per_word == [
            self._word_ranges(w, s, use_clitic, WORD_START) for w, s in variants
        ]:
            return False  # no word occurs inside another: the word-start pass said it all
        counts = [vocab.count(r) for r in per_word]
        driver = min(range(len(variants)), key=counts.__getitem__)
        if counts[driver] == 0:
            return False
        checks = []  # needles that must be in the entry's word string, one of each group
        for i, (w, s) in enumerate(variants):
            if i == driver:
                continue
            needles = {w, s} if use_clitic else {w}
            if tier == WORD_START:
                needles = {" " + n for n in needles}
            checks.append(tuple(needles))
        stream = vocab.stream(per_word[driver])
        if not checks:
            return collector.add_all(stream, score)
        entry_words = self._entry_words
        checked = 0
        for checked, e in enumerate(stream, 1):  # noqa: B007 (read after the loop)
            ew = entry_words[e]
            if all(any(n in ew for n in group) for group in checks) and collector.add(e, score):
                return True
            if checked >= _VERIFY_BUDGET:
                break
        if checked < _VERIFY_BUDGET:
            return False
        # Unselective words: intersect their postings in C, then rank.
        return collector.add_all(self._intersection(per_word), score)

    def _intersection(self, per_word: list[list[tuple[int, int]]]) -> list[int]:
        """Entries matching every word's ranges, in rank order.

        Typing extends the last word; the words before it do not change from one
        keystroke to the next, nor between the tiers of one search. Their
        intersection is remembered (a few recent ones), so each keystroke only
        intersects it with the last word's postings.
        """
        vocab = self._vocab
        keys = [tuple(sorted(set(r))) for r in per_word]
        full = frozenset(keys)
        cached = self._sets.get(full)
        if cached is not None:
            return cached
        if len(keys) > 1:
            base = self._sets.get(frozenset(keys[:-1]))
            if base is None:
                base = self._intersect(keys[:-1])
                self._remember(frozenset(keys[:-1]), base)
            common = vocab.restrict(set(base), keys[-1]) if base else set()
        else:
            common = vocab.entries(keys[0])
        result = sorted(common)
        self._remember(full, result)
        return result

    def _intersect(self, keys: list[tuple[tuple[int, int], ...]]) -> list[int]:
        vocab = self._vocab
        by_size = sorted(keys, key=vocab.count)
        common = vocab.entries(by_size[0])  # the smallest as a set, the others iterated
        for ranges in by_size[1:]:
            common = vocab.restrict(common, ranges)
            if not common:
                break
        return sorted(common)

    def _remember(self, key: frozenset, entries: list[int]) -> None:
        if len(entries) > 50_000:
            return
        if len(self._sets) >= 64:
            self._sets.pop(next(iter(self._sets)))
        self._sets[key] = entries

    # ------------------------------------------------------------------ fuzzy
    def _fuzzy(self, words: list[str], collector: _Collector) -> None:
        """Typos and transliteration variants, as corrected queries, best first.

        Each query word gets a few candidate corrections from the distinct words
        of the index (edit distance, word beginnings for a word still being typed,
        Latin consonant skeletons); the combinations are searched, most similar
        first, with the cheap word-matching machinery. A word that starts a word
        of the index is taken as typed, unless that leaves the query with no hit
        at all: then every word may be a typo ("زارة" is a word, the clitic-free
        form of "وزارة", and a typo of "زيارة").
        """
        self._fuzzy_pass(words, collector, eager=False)
        if not collector.hits:
            self._fuzzy_pass(words, collector, eager=True)

    def _fuzzy_pass(self, words: list[str], collector: _Collector, eager: bool) -> None:
        options: list[list[tuple[float, str]]] = []
        for word in words:
            found = self._corrections(word, eager)
            if not found:
                return
            options.append(found)
        # A long query (a pasted sentence) would make the product of every word's
        # corrections astronomically large (found by fuzz/fuzz_text.py: a 25-word
        # query hung the search): drop the worst corrections of the words with the
        # most until the product is small.
        while math.prod(len(found) for found in options) > _MAX_PRODUCT:
            max(options, key=len).pop()
        combos = []
        for combo in itertools.product(*options):
            sim = min(s for s, _n in combo)
            if sim < 1.0:
                combos.append((sim, [n for _s, n in combo]))
        combos.sort(key=lambda c: -c[0])
        del combos[_MAX_COMBOS:]
        # Corrected queries go through the tiers of a query without typos: among
        # equally close corrections, "الامم التمحده" finds the name that is exactly
        # الأمم المتحدة before the many that merely contain both words. Similarities
        # are bucketed (0.05) so that scores still decrease down the list.
        names = self._names
        for bucket, group in itertools.groupby(combos, key=lambda c: int(c[0] * 20 + 1e-9)):
            group_needles = [needles for _sim, needles in group]
            for step in range(4):
                score = round(FUZZY * bucket / 20 - 0.5 * step, 2)
                for needles in group_needles:
                    if step < 2:
                        key = " ".join(needles)
                        span = names.key_range(key) if step == 0 else names.prefix_range(key)
                        done = collector.add_all(names.stream([span]), score)
                    else:
                        variants = [(n, n) for n in needles]
                        tier = WORD_START if step == 2 else SUBSTRING
                        done = self._all_words(variants, False, tier, collector, score)
                    if done:
                        return

    def _corrections(self, word: str, eager: bool = False) -> list[tuple[float, str]]:
        """(similarity, replacement) for one query word, best first, at most a few."""
        vocab = self._vocab
        best: dict[str, float] = {}
        stripped = strip_clitic(word)
        if vocab.count([vocab.prefix_range(word)]) and not eager:
            return [(1.0, word)]  # it starts a word of the index: taken as typed
        if vocab.count([vocab.prefix_range(word), vocab.prefix_range(stripped)]) or (
            len(word) >= 3 and self._containing(word)
        ):
            best[word] = 1.0  # matches, but only without its clitic or inside a word
        edits = _max_edits(word)
        if edits:
            keys = vocab.keys
            for key, dist, _i in process.extract_iter(
                word, keys, scorer=OSA.distance, score_cutoff=edits, processor=None
            ):
                if len(word) == 3 and len(key) < 3:
                    continue  # "ببو" is a typo of "بوب", not of every two-letter word
                sim = 1.0 - dist / max(len(word), len(key))
                if len(key) < len(word):  # typing more letters than the word has: less likely
                    sim -= 0.05
                best[key] = max(best.get(key, 0.0), sim)
            # The word may still be incomplete: compare it with word beginnings too.
            beginnings = self._prefixes(len(word)) if len(word) >= 4 else []
            for key, dist, _i in process.extract_iter(
                word,
                beginnings,
                scorer=OSA.distance,
                score_cutoff=edits,
                processor=None,
            ):
                sim = 0.95 * (1.0 - dist / len(word))
                best[key] = max(best.get(key, 0.0), sim)
        if word.isascii() and len(word) >= 4:
            skel = skeleton(word)
            if len(skel) >= 3:  # two consonants ("oms", "mr") match far too much
                for key in self._skeletons.get(skel, ()):
                    if abs(len(key) - len(word)) <= 3:
                        best[key] = max(best.get(key, 0.0), 0.75)
        for key in [k for k in best if k != word and strip_clitic(k) == stripped]:
            del best[key]  # "والصحه" for "الصحه" is a clitic, not a correction
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(sim, key) for key, sim in ranked[:_MAX_CORRECTIONS]]

    def _prefixes(self, length: int) -> list[str]:
        """Distinct `length`-letter beginnings of longer vocabulary words."""
        pre = self._fuzzy_prefixes.get(length)
        if pre is None:
            pre = sorted({key[:length] for key in self._vocab.keys if len(key) > length})
            self._fuzzy_prefixes[length] = pre
        return pre

    # ------------------------------------------------------------------- hits
    def _hits(self, collector: _Collector, words: list[str]) -> list[Hit]:
        hits = []
        for e, score in collector.hits:
            t = self._entry_target[e]
            text = self._entry_text[e]
            spans = self._spans(text, words)
            hits.append(
                Hit(
                    kind=self._kinds[t],
                    id=self._ids[t],
                    name_ar=self._names_ar[t],
                    name_en=self._names_en[t],
                    score=score,
                    field=self.FIELDS[self._entry_field[e]],
                    matched_text=text,
                    span=spans[0] if spans else (0, 0),
                    spans=tuple(spans),
                    tier=_tier_name(score),
                )
            )
        return hits

    def _spans(self, text: str, words: list[str]) -> list[tuple[int, int]]:
        """Where each query word matched in `text`, as offsets into the stored string."""
        mapped = self._span_cache.get(text)
        if mapped is None:
            if len(self._span_cache) > 4096:
                self._span_cache.clear()
            mapped = self._span_cache[text] = normalize_with_map(text)
        norm, origin = mapped
        tokens: list[tuple[int, str]] = []
        offset = 0
        for token in norm.split(" "):
            tokens.append((offset, token))
            offset += len(token) + 1
        used: set[int] = set()
        spans = []
        for word in words:
            found = _locate(word, tokens, used)
            if found is not None:
                spans.append(original_span(text, origin, *found))
        return sorted(set(spans))


def _locate(word: str, tokens: list[tuple[int, str]], used: set[int]) -> tuple[int, int] | None:
    """The normalised span of the name word that `word` matched, best kind of match first."""
    stripped = strip_clitic(word)
    candidates = []
    for i, (offset, token) in enumerate(tokens):
        bare = strip_clitic(token)
        cut = len(token) - len(bare)
        if token.startswith(word):
            candidates.append((0, i, offset, offset + len(word)))
        elif bare.startswith(stripped) and is_arabic_word(token):
            candidates.append((1, i, offset + cut, offset + cut + len(stripped)))
        elif word in token:
            at = token.index(word)
            candidates.append((2, i, offset + at, offset + at + len(word)))
        else:
            # A typo (also in a word still being typed: compare with its beginning),
            # in the word as written or without its article.
            best = None
            for form, start in ((token, offset), (bare, offset + cut)):
                begin, n = min(
                    (OSA.distance(word, form[:n]), n) for n in (len(word), len(word) + 1)
                )
                full = OSA.distance(word, form)
                dist = min(begin, full)
                if dist <= max(1, _max_edits(word)) and (best is None or dist < best[0]):
                    end = start + (len(form) if full <= begin else min(len(form), n))
                    best = (dist, start, end)
            if best is not None:
                candidates.append((3 + best[0], i, best[1], best[2]))
            if best is None:
                # A typo inside the word ("an0" in "grandi", as the index's fuzzy pass
                # matches it): the window of the word's length that is nearest.
                n, limit = len(word), max(1, _max_edits(word))
                windows = [
                    (OSA.distance(word, token[k : k + n]), k) for k in range(len(token) - n + 1)
                ]
                dist, at = min(windows, default=(limit + 1, 0))
                if dist <= limit:
                    candidates.append((8, i, offset + at, offset + at + n))
            if best is None and word.isascii() and skeleton(word) == skeleton(token):
                candidates.append((9, i, offset, offset + len(token)))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1] in used, c[1]))
    _rank, i, start, end = candidates[0]
    used.add(i)
    return start, end


def _tier_name(score: float) -> str:
    if score == DATE:
        return "date"
    for floor, name in _TIER_NAMES.items():
        if score >= floor - _CLITIC_PENALTY:
            return name
    return "fuzzy"
