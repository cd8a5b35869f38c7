"""The Unicode Bidirectional Algorithm (UAX #9), levels and line reordering.

python-bidi reorders correctly but exposes no embedding levels, and rule L4
(mirroring), L3 (marks after their base) and a cursor map all need them. This
module resolves them: rules P2-P3, X1-X10, W1-W7, N0-N2, I1-I2, then per line
L1 and L2. The tests (tests/text/test_text_reference.py) check it against every case
of Unicode's BidiCharacterTest.txt and BidiTest.txt, and its levels and visual
order against GNU FriBidi's and python-bidi's on the seeds and generated text.

Characters removed by rule X9 (embedding controls and BN) are retained, as
UAX #9 section 5.2 allows: each takes the level of the character before it
(the paragraph level at the start), and rule L1 resets them with the white
space at the end of a line, so that every index has a place in the visual
order; this is where GNU FriBidi puts them too (python-bidi differs on these
invisible characters only).

For speed, a paragraph whose characters cannot leave its level is not resolved
at all (`is_uniform`), and one with no explicit control is resolved on its runs
of one class (`_resolve_runs`).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import groupby

from uneventtui.text._unicode_tables import BRACKETS, MIRRORS

MAX_DEPTH = 125
_MAX_BRACKET_STACK = 63

_STRONG = frozenset(("L", "R", "AL"))
_ISOLATE_INITIATORS = frozenset(("LRI", "RLI", "FSI"))
_EMBEDDINGS = frozenset(("LRE", "RLE", "LRO", "RLO"))
REMOVED_BY_X9 = frozenset(("LRE", "RLE", "LRO", "RLO", "PDF", "BN"))
_EXPLICIT = _EMBEDDINGS | _ISOLATE_INITIATORS | {"PDF", "PDI", "BN"}
_ISOLATE_CHARS = frozenset("\u2066\u2067\u2068")
_BRACKET_CHARS = frozenset(map(chr, BRACKETS))
_CONTROLS = _EMBEDDINGS | _ISOLATE_INITIATORS | {"PDF", "PDI"}
# Classes that can move a character off an even or an odd paragraph level.
_RAISE_EVEN = _CONTROLS | {"R", "AL", "AN"}
_RAISE_ODD = _CONTROLS | {"L", "EN", "AN"}
# Neutral and isolate types, for rules N1 and N2.
_NI = frozenset(("B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"))
# What a combining-mark sequence may hold, for rule L3 (FriBidi's choice).
_MARK_SEQUENCE = REMOVED_BY_X9 | {"NSM"}

# Default Bidi_Class of unassigned code points (the @missing lines of
# DerivedBidiClass.txt), for characters newer than this Python's Unicode database.
_DEFAULTS = (
    (0x0590, 0x05FF, "R"),
    (0x0600, 0x07BF, "AL"),
    (0x07C0, 0x085F, "R"),
    (0x0860, 0x08FF, "AL"),
    (0x20A0, 0x20CF, "ET"),
    (0xFB1D, 0xFB4F, "R"),
    (0xFB50, 0xFDCF, "AL"),
    (0xFDF0, 0xFDFF, "AL"),
    (0xFE70, 0xFEFF, "AL"),
    (0x10800, 0x10CFF, "R"),
    (0x10D00, 0x10D3F, "AL"),
    (0x10D40, 0x10EBF, "R"),
    (0x10EC0, 0x10EFF, "AL"),
    (0x10F00, 0x10F2F, "R"),
    (0x10F30, 0x10F6F, "AL"),
    (0x10F70, 0x10FFF, "R"),
    (0x1E800, 0x1EC6F, "R"),
    (0x1EC70, 0x1ECBF, "AL"),
    (0x1ECC0, 0x1ECFF, "R"),
    (0x1ED00, 0x1ED4F, "AL"),
    (0x1ED50, 0x1EDFF, "R"),
    (0x1EE00, 0x1EEFF, "AL"),
    (0x1EF00, 0x1EFFF, "R"),
)


@lru_cache(maxsize=16384)
def bidi_class(char: str) -> str:
    """The Bidi_Class of one character, with UAX #9's defaults for unassigned ones."""
    kind = unicodedata.bidirectional(char)
    if kind:
        return kind
    code = ord(char)
    for low, high, default in _DEFAULTS:
        if low <= code <= high:
            return default
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return "BN"  # noncharacters
    return "L"


def mirror(char: str) -> str:
    """Bidi_Mirroring_Glyph of `char`, or `char` itself when it has none."""
    mirrored = MIRRORS.get(ord(char))
    return chr(mirrored) if mirrored is not None else char


def _matching_pdis(types: list[str]) -> dict[int, int]:
    """BD9: each isolate initiator's matching PDI, by index."""
    matches: dict[int, int] = {}
    open_isolates: list[int] = []
    for i, kind in enumerate(types):
        if kind in _ISOLATE_INITIATORS:
            open_isolates.append(i)
        elif kind == "PDI" and open_isolates:
            matches[open_isolates.pop()] = i
        elif kind == "B":
            open_isolates.clear()
    return matches


def _first_strong(types: list[str], start: int, stop: int, matches: dict[int, int]) -> str | None:
    """P2: the first L, R or AL in types[start:stop], skipping isolated content."""
    i = start
    while i < stop:
        kind = types[i]
        if kind in _STRONG:
            return kind
        if kind in _ISOLATE_INITIATORS:
            if i not in matches:
                return None
            i = matches[i]
        elif kind == "B":
            return None
        i += 1
    return None


def paragraph_level(text: str) -> int:
    """P2-P3: 1 if the first strong character (outside isolates) is R or AL, else 0."""
    if _ISOLATE_CHARS.isdisjoint(text):
        for char in text:  # usually ends at the first letter
            kind = bidi_class(char)
            if kind in _STRONG:
                return 0 if kind == "L" else 1
            if kind == "B":
                return 0
        return 0
    types = [bidi_class(c) for c in text]
    strong = _first_strong(types, 0, len(types), _matching_pdis(types))
    return 1 if strong in ("R", "AL") else 0


@lru_cache(maxsize=1024)
def classes(text: str) -> tuple[str, ...]:
    """The Bidi_Class of each character of `text` (remembered: one line's are
    asked for by several rules)."""
    return tuple(map(bidi_class, text))


@lru_cache(maxsize=1024)
def class_set(text: str) -> frozenset[str]:
    """The Bidi_Classes present in `text`."""
    return frozenset(classes(text))


def is_uniform(kinds: frozenset[str], para: int) -> bool:
    """True when a paragraph at level `para` made of characters of these classes
    resolves every character to `para` itself: at an even level, no right-to-left
    letter, Arabic number or embedding (European numbers follow the left-to-right
    letters, rule W7); at an odd level, no left-to-right letter or number of either
    kind (every neutral, separator and mark then takes the paragraph's direction)."""
    return kinds.isdisjoint(_RAISE_ODD if para % 2 else _RAISE_EVEN)


def resolve_levels(text: str, base: int | None = None) -> tuple[int, list[int]]:
    """Resolve the embedding level of every character of one paragraph.

    `base` forces the paragraph level (0 or 1); None finds it by rules P2-P3.
    Returns (paragraph level, levels) before the line rules L1-L2.
    """
    original = list(classes(text))
    n = len(text)
    para = paragraph_level(text) if base is None else base
    if is_uniform(class_set(text), para):  # most lines: one script, or Arabic with no digits
        return para, [para] * n
    if _EXPLICIT.isdisjoint(original):
        # No embedding, override, isolate or BN (the case after sanitising):
        # one level run at the paragraph level, one isolating run sequence.
        return para, _resolve_runs(text, original, para)
    matches = _matching_pdis(original)
    types = list(original)
    levels = _explicit_levels(text, types, original, para, matches)
    for sequence, sos, eos in _isolating_run_sequences(types, levels, para, matches):
        _resolve_sequence(text, types, original, levels, sequence, sos, eos)
    # Characters removed by X9 are retained (section 5.2) at the preceding level.
    previous = para
    for i, kind in enumerate(types):
        if kind in REMOVED_BY_X9:
            levels[i] = previous
        else:
            previous = levels[i]
    return para, levels


def _resolve_runs(text: str, original: list[str], para: int) -> list[int]:
    """W1-I2 on one isolating run sequence at level `para` that is the whole
    paragraph, resolved on its runs of one class rather than its characters.

    Every rule from W1 to I2 gives all characters of such a run the same level,
    and gives the same result on a run shortened to two characters (W4 alone
    tells one separator from several); brackets, which N0 pairs one by one, are
    runs of their own. So each run is resolved through at most two of its
    characters, and the result depends only on that shortened sequence of
    classes (and brackets): lines of the same shape ("words, a number, a year
    in brackets") share one resolution, remembered.
    """
    shape: list[str] = []  # class of each character resolved (one or two per run), or its bracket
    run_first: list[int] = []  # for each run, the index in `shape` of its first one
    lengths: list[int] = []
    start = 0
    for kind, group in groupby(original):
        end = start + len(tuple(group))
        if kind == "ON" and not _BRACKET_CHARS.isdisjoint(text[start:end]):
            extending = False  # inside a run of other neutrals
            for i in range(start, end):  # a run of its own for each bracket
                char = text[i]
                if extending and char not in _BRACKET_CHARS:
                    lengths[-1] += 1
                    if lengths[-1] == 2:
                        shape.append("ON")
                    continue
                extending = char not in _BRACKET_CHARS
                run_first.append(len(shape))
                lengths.append(1)
                shape.append("ON" if extending else char)
        else:
            run_first.append(len(shape))
            lengths.append(end - start)
            shape += (kind, kind) if end - start > 1 else (kind,)
        start = end
    levels = _resolve_shape(tuple(shape), para)
    result: list[int] = []
    for first, length in zip(run_first, lengths, strict=True):
        result += [levels[first]] * length
    return result


@lru_cache(maxsize=4096)
def _resolve_shape(shape: tuple[str, ...], para: int) -> tuple[int, ...]:
    """The levels of a shortened line (see `_resolve_runs`): classes, with
    brackets given as themselves."""
    sample = "".join(k if k in _BRACKET_CHARS else "x" for k in shape)
    types = ["ON" if k in _BRACKET_CHARS else k for k in shape]
    levels = [para] * len(shape)
    edge = "R" if para % 2 else "L"
    _resolve_sequence(sample, types, list(types), levels, list(range(len(shape))), edge, edge)
    return tuple(levels)


def _explicit_levels(
    text: str, types: list[str], original: list[str], para: int, matches: dict[int, int]
) -> list[int]:
    """X1-X8: explicit embedding levels; applies overrides to `types` in place."""
    n = len(types)
    levels = [para] * n
    # Each entry: (level, override type or None, isolate status).
    stack: list[tuple[int, str | None, bool]] = [(para, None, False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    for i in range(n):
        kind = original[i]
        level, override, _ = stack[-1]
        if kind in _EMBEDDINGS:
            levels[i] = level
            odd = kind in ("RLE", "RLO")
            new = (level + 1) | 1 if odd else (level + 2) & ~1
            if new <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                new_override = {"RLO": "R", "LRO": "L"}.get(kind)
                stack.append((new, new_override, False))
            elif overflow_isolates == 0:
                overflow_embeddings += 1
        elif kind in _ISOLATE_INITIATORS:
            levels[i] = level
            if override:
                types[i] = override
            if kind == "FSI":
                stop = matches.get(i, n)
                rtl = _first_strong(original, i + 1, stop, matches) in ("R", "AL")
            else:
                rtl = kind == "RLI"
            new = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                valid_isolates += 1
                stack.append((new, None, True))
            else:
                overflow_isolates += 1
        elif kind == "PDI":
            if overflow_isolates > 0:
                overflow_isolates -= 1
            elif valid_isolates > 0:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            level, override, _ = stack[-1]
            levels[i] = level
            if override:
                types[i] = override
        elif kind == "PDF":
            levels[i] = level
            if overflow_isolates > 0:
                pass
            elif overflow_embeddings > 0:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
        elif kind == "B":
            levels[i] = para
        else:
            levels[i] = level
            if override and kind != "BN":
                types[i] = override
    return levels


def _isolating_run_sequences(
    types: list[str], levels: list[int], para: int, matches: dict[int, int]
) -> list[tuple[list[int], str, str]]:
    """X9-X10: the isolating run sequences, each with its sos and eos types."""
    kept = [i for i, kind in enumerate(types) if kind not in REMOVED_BY_X9]
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    run_of_start = {run[0]: r for r, run in enumerate(runs)}
    position = {i: k for k, i in enumerate(kept)}
    sequences = []
    for run in runs:
        first = run[0]
        if types[first] == "PDI" and first in matches.values():
            continue  # continues the sequence of its isolate initiator
        sequence = list(run)
        while types[sequence[-1]] in _ISOLATE_INITIATORS and sequence[-1] in matches:
            pdi = matches[sequence[-1]]
            r = run_of_start.get(pdi)
            if r is None:
                break
            sequence.extend(runs[r])
        start, end = sequence[0], sequence[-1]
        level = levels[start]
        k = position[start]
        before = levels[kept[k - 1]] if k > 0 else para
        k = position[end]
        if types[end] in _ISOLATE_INITIATORS and end not in matches:
            after = para
        else:
            after = levels[kept[k + 1]] if k + 1 < len(kept) else para
        sos = "R" if max(before, level) % 2 else "L"
        eos = "R" if max(after, level) % 2 else "L"
        sequences.append((sequence, sos, eos))
    return sequences


def _resolve_sequence(
    text: str,
    types: list[str],
    original: list[str],
    levels: list[int],
    sequence: list[int],
    sos: str,
    eos: str,
) -> None:
    """W1-W7, N0-N2 and I1-I2 on one isolating run sequence."""
    t = [types[i] for i in sequence]
    n = len(t)
    # W1: NSM takes the type of what precedes it (ON after an isolate initiator or PDI).
    prev = sos
    for k in range(n):
        if t[k] == "NSM":
            t[k] = "ON" if prev in _ISOLATE_INITIATORS or prev == "PDI" else prev
        prev = t[k]
    # W2: EN after AL becomes AN. W3: AL becomes R.
    last_strong = sos
    for k in range(n):
        kind = t[k]
        if kind in ("L", "R", "AL"):
            last_strong = kind
        elif kind == "EN" and last_strong == "AL":
            t[k] = "AN"
    for k in range(n):
        if t[k] == "AL":
            t[k] = "R"
    # W4: a single separator between two numbers of the same kind joins them.
    for k in range(1, n - 1):
        kind = t[k]
        if kind == "ES" and t[k - 1] == "EN" and t[k + 1] == "EN":
            t[k] = "EN"
        elif kind == "CS" and t[k - 1] == t[k + 1] and t[k - 1] in ("EN", "AN"):
            t[k] = t[k - 1]
    # W5: terminators next to European numbers become EN.
    k = 0
    while k < n:
        if t[k] == "ET":
            end = k
            while end < n and t[end] == "ET":
                end += 1
            if (k > 0 and t[k - 1] == "EN") or (end < n and t[end] == "EN"):
                for j in range(k, end):
                    t[j] = "EN"
            k = end
        else:
            k += 1
    # W6: remaining separators and terminators are neutral.
    for k in range(n):
        if t[k] in ("ES", "ET", "CS"):
            t[k] = "ON"
    # W7: EN after L (or an L sos) becomes L.
    last_strong = sos
    for k in range(n):
        kind = t[k]
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            t[k] = "L"
    level = levels[sequence[0]]
    embedding = "R" if level % 2 else "L"
    _resolve_brackets(text, t, original, sequence, sos, embedding)
    # N1/N2: runs of neutrals take the surrounding direction, else the embedding one.
    k = 0
    while k < n:
        if t[k] in _NI:
            end = k
            while end < n and t[end] in _NI:
                end += 1
            before = sos if k == 0 else _as_strong(t[k - 1])
            after = eos if end == n else _as_strong(t[end])
            value = before if before == after else embedding
            for j in range(k, end):
                t[j] = value
            k = end
        else:
            k += 1
    # I1/I2: implicit levels.
    for k, i in enumerate(sequence):
        kind = t[k]
        if level % 2 == 0:
            if kind == "R":
                levels[i] = level + 1
            elif kind in ("AN", "EN"):
                levels[i] = level + 2
        elif kind in ("L", "EN", "AN"):
            levels[i] = level + 1


def _as_strong(kind: str) -> str:
    """For N0-N1, European and Arabic numbers count as R."""
    return "R" if kind in ("R", "EN", "AN") else kind


def _canonical_bracket(code: int) -> int:
    """BD16 compares brackets up to canonical equivalence (U+2329 ≡ U+3008)."""
    decomposition = unicodedata.decomposition(chr(code))
    if decomposition and not decomposition.startswith("<") and " " not in decomposition:
        return int(decomposition, 16)
    return code


def _bracket_pairs(text: str, t: list[str], sequence: list[int]) -> list[tuple[int, int]]:
    """BD16: positions (within the sequence) of matched bracket pairs, by opening."""
    pairs = []
    stack: list[tuple[int, int]] = []  # (canonical closing bracket wanted, position)
    for k, i in enumerate(sequence):
        if t[k] != "ON":
            continue
        entry = BRACKETS.get(ord(text[i]))
        if entry is None:
            continue
        partner, kind = entry
        if kind == "o":
            if len(stack) == _MAX_BRACKET_STACK:
                break
            stack.append((_canonical_bracket(partner), k))
        else:
            code = _canonical_bracket(ord(text[i]))
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == code:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    pairs.sort()
    return pairs


def _resolve_brackets(
    text: str, t: list[str], original: list[str], sequence: list[int], sos: str, embedding: str
) -> None:
    """N0: paired brackets take the direction of their content or context."""
    n = len(t)
    for open_k, close_k in _bracket_pairs(text, t, sequence):
        found_embedding = found_opposite = False
        for k in range(open_k + 1, close_k):
            strong = _as_strong(t[k])
            if strong == embedding:
                found_embedding = True
                break
            if strong in ("L", "R"):
                found_opposite = True
        if found_embedding:
            value = embedding
        elif found_opposite:
            context = sos
            for k in range(open_k - 1, -1, -1):
                strong = _as_strong(t[k])
                if strong in ("L", "R"):
                    context = strong
                    break
            value = context if context != embedding else embedding
        else:
            continue
        for k in (open_k, close_k):
            t[k] = value
            # Marks that followed the bracket (W1 made them ON) follow it again.
            j = k + 1
            while j < n and original[sequence[j]] == "NSM":
                t[j] = value
                j += 1


def line_levels(text: str, levels: list[int], para: int) -> list[int]:
    """L1: reset separators and trailing white space of one line to the paragraph level."""
    result = list(levels)
    trailing = True  # inside white space that runs up to the end of the line
    separators = not text.isprintable()  # every S and B character is unprintable
    kinds = classes(text)
    for i in range(len(text) - 1, -1, -1):
        if not (trailing or separators):
            break  # past the trailing white space, with no separator before it
        kind = kinds[i]
        if kind in ("S", "B"):
            result[i] = para
            trailing = True
        elif trailing and (kind in ("WS", "FSI", "LRI", "RLI", "PDI") or kind in REMOVED_BY_X9):
            result[i] = para
        else:
            trailing = False
    return result


def marks_after_base(text: str, levels: list[int]) -> list[int]:
    """L3, as GNU FriBidi does it: logical indices with each right-to-left
    combining-mark sequence put before its base, so that the reversal of L2
    draws the marks after it.

    A sequence is a run of NSM, BN and explicit formatting characters ending
    with an NSM, at one odd level, together with the character before it at
    that level (its base); with no such base, the marks alone are reversed.
    Pass the result to `visual_order` as `start`.
    """
    order = list(range(len(text)))
    if "NSM" not in class_set(text):
        return order
    kinds = classes(text)
    i = len(text) - 1
    while i >= 0:
        level = levels[i]
        if level % 2 and kinds[i] == "NSM":
            end = i
            i -= 1
            while i >= 0 and levels[i] == level and kinds[i] in _MARK_SEQUENCE:
                i -= 1
            if i < 0 or levels[i] != level:
                i += 1
            order[i : end + 1] = order[i : end + 1][::-1]
        i -= 1
    return order


def visual_order(levels: list[int], start: list[int] | None = None) -> list[int]:
    """L2: logical indices in visual order, left to right.

    `start` is an arrangement of the logical indices to reverse from (rule L3's,
    from `marks_after_base`), which moves characters only within a level run.
    The reversals are done on runs of one level, not character by character.
    """
    order = list(range(len(levels))) if start is None else list(start)
    if not levels:
        return order
    distinct = set(levels)
    highest, lowest = max(distinct), min(distinct)
    lowest_odd = min((lv for lv in distinct if lv % 2), default=highest + 1)
    if lowest_odd > highest:
        return order
    runs = [(level, list(group)) for level, group in groupby(order, key=levels.__getitem__)]
    if highest - lowest <= 1:  # two levels at most (most lines): one pass
        if lowest_odd == lowest:  # the whole line is reversed, then even runs back
            runs.reverse()
        return [i for level, run in runs for i in (run[::-1] if level % 2 else run)]
    for level in range(highest, lowest_odd - 1, -1):
        reordered: list[tuple[int, list[int]]] = []
        r = 0
        count = len(runs)
        while r < count:
            if runs[r][0] >= level:
                end = r
                while end < count and runs[end][0] >= level:
                    end += 1
                reordered += [(lv, run[::-1]) for lv, run in reversed(runs[r:end])]
                r = end
            else:
                reordered.append(runs[r])
                r += 1
        runs = reordered
    return [i for _, run in runs for i in run]
