"""The name index: every name of every entity and event, searchable as you type.

Design (for 100k entities + 100k events answering well under a 16 ms frame):

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
"""

from __future__ import annotations

import heapq
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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

if TYPE_CHECKING:  # pragma: no cover
    from uneventtui.model import Timeline

KINDS = ("person", "organization", "place", "event")
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
_TOP = "\U0010ffff"

# Scores: one band per tier; "via clitic" matches (the query's article or
# conjunction had to come off) sit just below the direct ones of the same tier.
EXACT, PREFIX, WORD_START, SUBSTRING, FUZZY = 100.0, 90.0, 80.0, 70.0, 60.0
_CLITIC_PENALTY = 5.0
_TIER_NAMES = {
    EXACT: "exact",
    PREFIX: "prefix",
    WORD_START: "word-start",
    SUBSTRING: "substring",
    FUZZY: "fuzzy",
}

# Multi-word queries: how many driver candidates to check one by one before
# intersecting posting sets in C instead.
_VERIFY_BUDGET = 2_000
# Fuzzy tier: at most this many candidate entries are scored.
_FUZZY_BUDGET = 5_000


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
    """Sorted distinct keys, each with the rank-ordered entries that carry it."""

    __slots__ = ("keys", "lists", "cum")

    def __init__(self, mapping: dict[str, list[int]]) -> None:
        self.keys = sorted(mapping)
        self.lists = [mapping[k] for k in self.keys]
        self.cum = list(itertools.accumulate((len(x) for x in self.lists), initial=0))

    def prefix_range(self, prefix: str) -> tuple[int, int]:
        return bisect_left(self.keys, prefix), bisect_left(self.keys, prefix + _TOP)

    def exact(self, key: str) -> list[int]:
        i = bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return self.lists[i]
        return []

    def count(self, ranges: Iterable[tuple[int, int]]) -> int:
        return sum(self.cum[b] - self.cum[a] for a, b in ranges)

    def lists_in(self, ranges: Iterable[tuple[int, int]]) -> list[list[int]]:
        out: list[list[int]] = []
        for a, b in ranges:
            out.extend(self.lists[a:b])
        return out


def _merge(lists: list[list[int]]) -> Iterator[int]:
    """Entries of several rank-ordered lists, in rank order (repeats possible)."""
    if not lists:
        return iter(())
    if len(lists) == 1:
        return iter(lists[0])
    return heapq.merge(*lists)


def _max_edits(word: str) -> int:
    """Typos tolerated in a query word: none under 4 letters, one, two from 8."""
    n = len(word)
    return 0 if n < 4 else 1 if n < 8 else 2


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
        self._targets = targets
        self._source_entries = entries
        self._sub: dict[str, SearchIndex] = {}
        self._fuzzy_prefixes: dict[int, _Postings] = {}
        self._span_cache: dict[str, tuple[str, list[int]]] = {}
        self._build(entries)

    # ------------------------------------------------------------------ build
    @classmethod
    def build(cls, timeline: Timeline) -> SearchIndex:
        """Index every name and alias of every entity and the titles of every event."""
        targets: list[tuple[str, str, str, str, int]] = []
        entries: list[tuple[int, int, str]] = []
        for entity in timeline.entities.values():
            t = len(targets)
            targets.append(
                (
                    entity.kind,
                    entity.id,
                    entity.name_ar,
                    entity.name_en,
                    timeline.event_count(entity.id),
                )
            )
            entries.append((t, 0, entity.name_ar))
            entries.append((t, 1, entity.name_en))
            entries.extend((t, 2, alias) for alias in entity.aliases)
        for event in timeline.events:
            t = len(targets)
            targets.append(("event", event.id, event.title_ar, event.title_en, 0))
            entries.append((t, 3, event.title_ar))
            entries.append((t, 4, event.title_en))
        return cls(targets, entries)

    def _build(self, raw_entries: list[tuple[int, int, str]]) -> None:
        targets = self._targets
        norm_cache: dict[str, str] = {}
        strip_cache: dict[str, str] = {}

        def norm_word(word: str) -> str:
            value = norm_cache.get(word)
            if value is None:
                value = norm_cache[word] = normalize(word)
            return value

        # Normalise word by word: names share words, so most are cache hits.
        normed: list[str] = []
        for _t, _f, text in raw_entries:
            normed.append(" ".join(filter(None, map(norm_word, text.split()))))

        # Rank order: more events first, then shorter names, then kind and id.
        max_weight = max((t[4] for t in targets), default=0)
        order_of_target = sorted(
            range(len(targets)), key=lambda i: (_KIND_ORDER.get(targets[i][0], 9), targets[i][1])
        )
        tie = [0] * len(targets)
        for pos, i in enumerate(order_of_target):
            tie[i] = pos
        keyed = sorted(
            ((max_weight - targets[t][4]) << 60)
            | (min(len(normed[j]), 4095) << 48)
            | (tie[t] << 24)
            | j
            for j, (t, _f, _text) in enumerate(raw_entries)
        )
        order = [k & 0xFFFFFF for k in keyed]

        self._entry_target = [raw_entries[j][0] for j in order]
        self._entry_field = [raw_entries[j][1] for j in order]
        self._entry_text = [raw_entries[j][2] for j in order]
        self._entry_norm = [normed[j] for j in order]
        words_of: list[str] = []  # " w1 w2 ... s1 s2 " (words, then clitic-free forms)
        vocab: dict[str, list[int]] = {}
        names: dict[str, list[int]] = {}
        max_len = 0
        for e, norm in enumerate(self._entry_norm):
            if not norm:
                words_of.append(" ")
                continue
            max_len = max(max_len, len(norm))
            words = norm.split(" ")
            stripped = []
            for w in words:
                s = strip_cache.get(w)
                if s is None:
                    s = strip_cache[w] = strip_clitic(w)
                stripped.append(s)
            extra = [s for s, w in zip(stripped, words, strict=True) if s != w]
            words_of.append(" " + " ".join(words + extra) + " ")
            for w in itertools.chain(words, extra):
                lst = vocab.get(w)
                if lst is None:
                    vocab[w] = [e]
                elif lst[-1] != e:
                    lst.append(e)
            keys = (norm, " ".join(stripped)) if extra else (norm,)
            for key in keys:
                lst = names.get(key)
                if lst is None:
                    names[key] = [e]
                elif lst[-1] != e:
                    lst.append(e)
        self._entry_words = words_of
        self._vocab = _Postings(vocab)
        self._names = _Postings(names)
        self._max_len = max_len
        # Consonant skeletons of Latin words, for transliteration variants.
        skeletons: dict[str, list[int]] = {}
        for i, word in enumerate(self._vocab.keys):
            if word.isascii() and word.isalpha() and len(word) >= 3:
                skeletons.setdefault(skeleton(word), []).append(i)
        self._skeletons = skeletons

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_sub"] = {}
        state["_fuzzy_prefixes"] = {}
        state["_span_cache"] = {}
        return state

    def __len__(self) -> int:
        """How many targets (entities and events) are indexed."""
        return len(self._targets)

    # ----------------------------------------------------------------- search
    def search(self, query: str, limit: int = 20, kind: str | None = None) -> list[Hit]:
        """The best `limit` targets for `query`, best first (see module docstring).

        An empty, blank, punctuation-only or absurdly long query returns [].
        """
        if kind is not None:
            if kind not in KINDS:
                raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
            return self._kind_index(kind).search(query, limit)
        if not isinstance(query, str) or limit <= 0 or len(query) > 8 * self._max_len + 64:
            return []
        q = normalize(query)
        words = list(dict.fromkeys(q.split()))
        if not words or len(q) > 2 * self._max_len:
            return []
        collector = _Collector(limit, self._entry_target)
        variants = [(w, strip_clitic(w)) for w in words]
        has_clitic = any(w != s for w, s in variants)
        passes = [(False, 0.0)] + ([(True, _CLITIC_PENALTY)] if has_clitic else [])
        q_stripped = " ".join(s for _w, s in variants)

        # Exact and prefix: the whole name.
        for tier in (EXACT, PREFIX):
            for use_clitic, penalty in passes:
                key = q_stripped if use_clitic else q
                if tier == EXACT:
                    stream: Iterator[int] = iter(self._names.exact(key))
                else:
                    stream = _merge(self._names.lists_in([self._names.prefix_range(key)]))
                if collector.add_all(stream, tier - penalty):
                    return self._hits(collector, words)
        # Word-start and substring: every query word starts (or is inside) a word.
        for tier in (WORD_START, SUBSTRING):
            for use_clitic, penalty in passes:
                if self._all_words(words, variants, use_clitic, tier, collector, tier - penalty):
                    return self._hits(collector, words)
        self._fuzzy(words, collector)
        return self._hits(collector, words)

    def _kind_index(self, kind: str) -> SearchIndex:
        sub = self._sub.get(kind)
        if sub is None:
            keep = [i for i, t in enumerate(self._targets) if t[0] == kind]
            renumber = {old: new for new, old in enumerate(keep)}
            sub = SearchIndex(
                [self._targets[i] for i in keep],
                [(renumber[t], f, x) for t, f, x in self._source_entries if t in renumber],
            )
            self._sub[kind] = sub
        return sub

    def _word_ranges(
        self, word: str, stripped: str, use_clitic: bool, tier: float
    ) -> list[tuple[int, int]]:
        """Ranges of vocabulary words that `word` starts (or, for SUBSTRING, is inside)."""
        probes = {word, stripped} if use_clitic else {word}
        ranges = [self._vocab.prefix_range(p) for p in probes]
        if tier == SUBSTRING and len(word) >= 2:
            ranges.extend((i, i + 1) for i in self._containing(word))
        return ranges

    def _containing(self, word: str) -> list[int]:
        """Indices of vocabulary words that contain `word` (not at their start)."""
        blob, starts = self._vocab_blob()
        found: list[int] = []
        pos = blob.find(word)
        while pos != -1:
            i = bisect_right(starts, pos) - 1
            if pos != starts[i]:
                found.append(i)
            end = starts[i + 1] if i + 1 < len(starts) else len(blob)
            pos = blob.find(word, end)
        return found

    def _vocab_blob(self) -> tuple[str, list[int]]:
        blob = self.__dict__.get("_blob")
        if blob is None:
            keys = self._vocab.keys
            starts = list(itertools.accumulate((len(k) + 1 for k in keys), initial=0))[:-1]
            blob = ("\n".join(keys), starts)
            self.__dict__["_blob"] = blob
        return blob

    def _all_words(
        self,
        words: list[str],
        variants: list[tuple[str, str]],
        use_clitic: bool,
        tier: float,
        collector: _Collector,
        score: float,
    ) -> bool:
        """Entries where every query word matches a word of the name at this tier."""
        per_word = [self._word_ranges(w, s, use_clitic, tier) for w, s in variants]
        counts = [self._vocab.count(r) for r in per_word]
        driver = min(range(len(words)), key=counts.__getitem__)
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
        entry_words = self._entry_words
        stream = _merge(self._vocab.lists_in(per_word[driver]))
        if not checks:
            return collector.add_all(stream, score)
        checked = 0
        for checked, e in enumerate(stream, 1):  # noqa: B007 (read after the loop)
            ew = entry_words[e]
            if all(any(n in ew for n in group) for group in checks) and collector.add(e, score):
                return True
            if checked >= _VERIFY_BUDGET:
                break
        if checked < _VERIFY_BUDGET:
            return False
        # Unselective words: intersect their posting sets in C, then rank.
        common: set[int] | None = None
        for ranges in sorted(per_word, key=self._vocab.count):
            entries = set().union(*self._vocab.lists_in(ranges))
            common = entries if common is None else common & entries
            if not common:
                return False
        return collector.add_all(sorted(common or ()), score)

    # ------------------------------------------------------------------ fuzzy
    def _fuzzy(self, words: list[str], collector: _Collector) -> None:
        """Typos and transliteration variants: each word is close to a word of the name."""
        keys = self._vocab.keys
        similar: list[dict[int, float]] = []  # per query word: vocab index -> similarity
        for word in words:
            sims: dict[int, float] = {}
            for a, b in (
                self._vocab.prefix_range(word),
                self._vocab.prefix_range(strip_clitic(word)),
            ):
                for i in range(a, b):
                    sims[i] = 1.0
            edits = _max_edits(word)
            if edits:
                for _key, dist, i in process.extract_iter(
                    word, keys, scorer=OSA.distance, score_cutoff=edits, processor=None
                ):
                    sims[i] = max(sims.get(i, 0.0), 1.0 - dist / max(len(word), len(keys[i])))
                # The word may still be incomplete: compare it with word beginnings too.
                pre = self._prefixes(len(word))
                for _key, dist, i in process.extract_iter(
                    word, pre.keys, scorer=OSA.distance, score_cutoff=edits, processor=None
                ):
                    sim = 0.95 * (1.0 - dist / len(word))
                    for vi in pre.lists[i]:
                        if sims.get(vi, 0.0) < sim:
                            sims[vi] = sim
            if word.isascii() and len(word) >= 3:
                skel = skeleton(word)
                if len(skel) >= 2:
                    for vi in self._skeletons.get(skel, ()):
                        sims[vi] = max(sims.get(vi, 0.0), 0.8)
            if not sims:
                return
            similar.append(sims)
        if all(min(s.values()) == 1.0 for s in similar):
            return  # nothing fuzzy about it: the cheaper tiers already had their say
        driver = min(
            range(len(words)), key=lambda i: sum(len(self._vocab.lists[v]) for v in similar[i])
        )
        stream = _merge([self._vocab.lists[v] for v in similar[driver]])
        scored: list[tuple[float, int]] = []
        entry_words = self._entry_words
        seen = collector.seen
        vocab_id = self._vocab_id
        for e in itertools.islice(stream, _FUZZY_BUDGET):
            if self._entry_target[e] in seen:
                continue
            ids = [vocab_id(w) for w in entry_words[e].split()]
            best = 1.0
            for sims in similar:
                best = min(best, max(sims.get(v, 0.0) for v in ids))
                if best == 0.0:
                    break
            if best == 0.0:
                continue
            scored.append((-best, e))
        scored.sort()
        for neg, e in scored:
            if collector.add(e, round(FUZZY * -neg, 2)):
                return

    def _vocab_id(self, word: str) -> int:
        return bisect_left(self._vocab.keys, word)

    def _prefixes(self, length: int) -> _Postings:
        """Distinct `length`-letter word beginnings, each listing the vocabulary words."""
        pre = self._fuzzy_prefixes.get(length)
        if pre is None:
            mapping: dict[str, list[int]] = {}
            for i, key in enumerate(self._vocab.keys):
                if len(key) > length:
                    mapping.setdefault(key[:length], []).append(i)
            pre = self._fuzzy_prefixes[length] = _Postings(mapping)
        return pre

    # ------------------------------------------------------------------- hits
    def _hits(self, collector: _Collector, words: list[str]) -> list[Hit]:
        hits = []
        for e, score in collector.hits:
            kind, target_id, name_ar, name_en, _weight = self._targets[self._entry_target[e]]
            text = self._entry_text[e]
            spans = self._spans(text, words)
            hits.append(
                Hit(
                    kind=kind,
                    id=target_id,
                    name_ar=name_ar,
                    name_en=name_en,
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
            dist = OSA.distance(word, token[: len(word) + 1])
            dist_full = OSA.distance(word, token)
            if min(dist, dist_full) <= max(1, _max_edits(word)):
                end = (
                    offset + len(token)
                    if dist_full <= dist
                    else offset + min(len(token), len(word))
                )
                candidates.append((3 + min(dist, dist_full), i, offset, end))
            elif word.isascii() and skeleton(word) == skeleton(token):
                candidates.append((9, i, offset, offset + len(token)))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1] in used, c[1]))
    _rank, i, start, end = candidates[0]
    used.add(i)
    return start, end


def _tier_name(score: float) -> str:
    for floor, name in _TIER_NAMES.items():
        if score >= floor - _CLITIC_PENALTY:
            return name
    return "fuzzy"
