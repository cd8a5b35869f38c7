"""Logical text in, the lines a terminal should draw out.

Per paragraph (split on "\\n"): find the base direction (first strong
character, or forced), wrap the LOGICAL text to the width in cells measured on
the shaped text, then shape and reorder each line with the paragraph's
direction. Reordering first and cutting afterwards would put the end of an RTL
paragraph on its first line.

Reordering: the Unicode Bidirectional Algorithm. python-bidi's `get_display`
reorders but exposes no embedding levels, and rules L3 (combining marks after
their base, as FriBidi does) and L4 (mirroring brackets at odd levels) and the
cursor map need each character's level. So our resolver (`uba`, conformant
with all of BidiCharacterTest.txt and BidiTest.txt) gives the levels and the
order the line is drawn in. The tests check that order against python-bidi's
and GNU FriBidi's on the seeds and on generated text (tests/text/test_text_reference.py);
the drawing path reorders each line once.

Speed (the timeline draws a few dozen new rows per keystroke): a line in one
direction, most of them, skips the algorithm (`_one_direction`); `visual`
builds no cursor map; results are memoised per line, shapes per word
(`shaping`), resolutions per run pattern (`uba`), all in bounded LRU caches.

Two things the plain algorithm does not do, done here on purpose: left-to-right
tokens beside Arabic (ids, URLs, UN symbols: `tokens`) are resolved as isolates,
so they stay whole; and right-to-left runs are reversed by extended grapheme
cluster (UAX #29), so 👍🏽 and 👨‍👩‍👧 are not taken apart (FriBidi reverses code
points). Neither changes a line of the seeds' that FriBidi is checked on.

Each wrapped line is resolved on its own, with its paragraph's direction (as
`get_display` does), rather than resolving the whole paragraph first: the
two differ only for a bracket pair or a number split across two lines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from uneventtui.text import uba
from uneventtui.text._unicode_tables import MIRRORS
from uneventtui.text.cells import cell_len, char_cells, char_width, clip, spans
from uneventtui.text.sanitize import sanitize, sanitize_with_offsets
from uneventtui.text.shaping import shape, shape_text
from uneventtui.text.tokens import ltr_spans, url_spans

# "shaped": shaped and in visual order; "terminal": logical order for a terminal that
# runs the bidi algorithm itself, left-to-right tokens beside Arabic between our own
# isolate controls so that it keeps them whole; "logical": the sanitised logical
# text and nothing else (what a pipe or a file gets: the data).
MODES = ("shaped", "terminal", "logical")
_MIRROR = {chr(a): chr(b) for a, b in MIRRORS.items()}
_MIRROR_TABLE = dict(MIRRORS)  # for str.translate
_MIRRORED = frozenset(_MIRROR)
# Every character that can lift a line off level 0 (Bidi_Class R, AL, AN, RLM and
# the explicit controls, assigned or not) lies in these blocks; tests check it.
RTL_BLOCKS = re.compile(
    "[\u0590-\u08ff\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufeff"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_OPEN, _CLOSE = "\u200e\u2066", "\u2069\u200e"  # LRM LRI ... PDI LRM
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")


class Line(NamedTuple):
    """One line to draw.

    `text` is in visual order (in "terminal" and "logical" modes: logical order), `rtl` says
    to right-align it, `cells` is its width in terminal cells. `start` and
    `end` delimit the logical text it shows, as offsets into `sanitize(text)`
    of the text given to `layout`; white space where a line was broken belongs
    to no line.
    """

    text: str
    rtl: bool
    cells: int
    start: int = 0
    end: int = 0


def _check(base: str | None, mode: str) -> None:
    if base not in (None, "auto", "rtl", "ltr"):
        raise ValueError(f"base must be None, 'auto', 'rtl' or 'ltr', not {base!r}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")


def _level(paragraph: str, base: str | None) -> int:
    if base == "rtl":
        return 1
    if base == "ltr":
        return 0
    return uba.paragraph_level(paragraph)


def is_rtl(text: str) -> bool:
    """True when the first strong character of `text` is right-to-left (Arabic, Hebrew...)."""
    return uba.paragraph_level(sanitize(text).replace("\n", " ")) == 1


def _reorder(shaped: str, level: int) -> tuple[str, list[int], list[int]]:
    """Visual string of one shaped line, its order (visual position -> shaped
    index) and the resolved levels (rules up to L4)."""
    n = len(shaped)
    fast = _one_direction(shaped, level)
    if fast is not None:
        if level == 0:
            return fast, list(range(n)), [0] * n
        levels = [level] * n
        if fast:  # no marks: plain reversal
            return fast, list(range(n - 1, -1, -1)), levels
        order = uba.visual_order(levels, uba.marks_after_base(shaped, levels))
        return "".join(shaped[i] for i in order).translate(_MIRROR_TABLE), order, levels
    isolated = ltr_spans(shaped)
    if isolated:
        return _reorder_isolated(shaped, level, isolated)
    return _resolve(shaped, level)


def _resolve(shaped: str, level: int) -> tuple[str, list[int], list[int]]:
    """`_reorder` by the whole bidi algorithm."""
    para, levels = uba.resolve_levels(shaped, level)
    levels = uba.line_levels(shaped, levels, para)
    order = uba.visual_order(levels, _clusters_after_base(shaped, levels))
    if _MIRRORED.isdisjoint(shaped):
        return "".join(map(shaped.__getitem__, order)), order, levels
    mirror = _MIRROR.get
    text = "".join(mirror(shaped[i], shaped[i]) if levels[i] % 2 else shaped[i] for i in order)
    return text, order, levels


def _reorder_isolated(
    shaped: str, level: int, spans: list[tuple[int, int]]
) -> tuple[str, list[int], list[int]]:
    """`_reorder` with each span drawn as a left-to-right isolate: the line is
    resolved with LRI and PDI around each span (our own controls: the data's
    were dropped by `sanitize`), and the controls are taken out again. An LRM
    on either side makes the text around see the token as what it looks like,
    a left-to-right word (an isolate alone is a neutral, which would part
    "Email: info@un.org" in an Arabic line)."""
    isolated, source = _with_isolates(shaped, spans)
    text, order, levels = _resolve(isolated, level)
    kept = [p for p, i in enumerate(order) if source[i] >= 0]
    return (
        "".join(text[p] for p in kept),
        [source[order[p]] for p in kept],
        [lv for i, lv in enumerate(levels) if source[i] >= 0],
    )


def _with_isolates(line: str, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """`line` with LRM LRI before and PDI LRM after each span, and the index in
    `line` of each character of the result (-1 for the controls added)."""
    pieces = []
    source: list[int] = []
    done = 0
    for start, end in spans:
        pieces += [line[done:start], _OPEN, line[start:end], _CLOSE]
        source += [*range(done, start), -1, -1, *range(start, end), -1, -1]
        done = end
    pieces.append(line[done:])
    source += range(done, len(line))
    return "".join(pieces), source


def _terminal_text(logical: str) -> str:
    """A line for a terminal that runs bidi itself: logical order, each
    left-to-right token beside Arabic isolated as the shaped mode draws it."""
    spans = ltr_spans(logical)
    return _with_isolates(logical, spans)[0] if spans else logical


# Characters that join an extended grapheme cluster which rule L3 (marks after
# their base) would not keep whole: ZWJ, emoji modifiers, emoji tag sequences.
_CLUSTER_JOINERS = re.compile("[\u200d\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


@lru_cache(maxsize=1)
def _cluster_pattern():
    """UAX #29 clusters (`regex`'s \\X), compiled on first need: only lines holding an
    emoji joiner, a skin tone or a tag need them, and importing `regex` costs a start
    that shows none."""
    import regex

    return regex.compile(r"\X")


def _clusters_after_base(shaped: str, levels: list[int]) -> list[int]:
    """Rule L3 widened to UAX #29 extended grapheme clusters: the arrangement of
    logical indices to reverse from (see `uba.visual_order`) in which every
    cluster at an odd level is put backwards, so that reversing its run draws it
    in its own order: 👍🏽, 👨‍👩‍👧 and a flag's tag sequence stay whole in
    right-to-left text, where reversing code points would break them. Each
    character of a cluster takes its first character's level (in place)."""
    if not _CLUSTER_JOINERS.search(shaped):
        return uba.marks_after_base(shaped, levels)
    order = list(range(len(shaped)))
    for match in _cluster_pattern().finditer(shaped):
        start, end = match.span()
        if end - start > 1:
            level = levels[start]
            levels[start:end] = [level] * (end - start)
            if level % 2:
                order[start:end] = order[start:end][::-1]
    return order


def _one_direction(shaped: str, level: int) -> str | None:
    """The visual string when every character of the line resolves to `level`
    (a line in one script, or Arabic with no digit), found without running the
    bidi algorithm: "" for a right-to-left line with marks (rule L3 needed);
    None when the line needs the full algorithm."""
    if level == 0 and not RTL_BLOCKS.search(shaped):
        return shaped  # nothing could leave level 0: Latin, CJK...
    kinds = uba.class_set(shaped)
    if not uba.is_uniform(kinds, level):
        return None
    if level == 0:
        return shaped
    if ("ON" in kinds or "BN" in kinds) and _CLUSTER_JOINERS.search(shaped):
        return None  # clusters to keep whole (emoji are ON, ZWJ and tags BN)
    if "NSM" in kinds:
        return ""
    return shaped[::-1].translate(_MIRROR_TABLE)


def _visual_text(shaped: str, level: int) -> str:
    """`_reorder(shaped, level)[0]`, quicker."""
    fast = _one_direction(shaped, level)
    return fast if fast else _reorder(shaped, level)[0]


def _line(logical: str, level: int, mode: str, harakat: bool) -> tuple[str, list[int], list[int]]:
    """One line: (visual text, visual position of each logical char or -1, levels
    of the visual string's characters)."""
    if mode != "shaped":
        spans = ltr_spans(logical) if mode == "terminal" else []
        if not spans:
            return logical, list(range(len(logical))), [level] * len(logical)
        drawn, source = _with_isolates(logical, spans)
        return drawn, [k for k, i in enumerate(source) if i >= 0], [level] * len(drawn)
    shaped, index = shape(logical, harakat)
    text, order, levels = _reorder(shaped, level)
    position = [0] * len(order)
    for p, i in enumerate(order):
        position[i] = p
    where = [position[j] if j >= 0 else -1 for j in index]
    return text, where, [levels[i] for i in order]


def _one_line(text: str) -> str:
    return sanitize(text).replace("\n", " ")


@lru_cache(maxsize=8192)
def _visual(text: str, base: str | None, mode: str, harakat: bool) -> str:
    logical = _one_line(text)
    if mode == "terminal":
        return _terminal_text(logical)
    if mode == "logical":
        return logical
    return _visual_text(shape_text(logical, harakat), _level(logical, base))


def visual(text: str, base: str | None = None, mode: str = "shaped", harakat: bool = True) -> str:
    """One line as a terminal should draw it: sanitised, shaped, in visual order.

    No wrapping: newlines become spaces. `base` None (or "auto") takes the
    direction of the first strong character; "rtl" or "ltr" force it.
    """
    _check(base, mode)
    return _visual(text, base, mode, harakat)


def _columns(drawn: str) -> tuple[list[int], list[int]]:
    """The column each character of `drawn` starts at, and the cells it adds,
    as Rich (and so Textual) measures the string: a grapheme joined by ZWJ or
    VS16 is one cluster, its later characters adding nothing."""
    starts = []
    widths = []
    column = 0
    if "\u200d" in drawn or "\ufe0f" in drawn:
        for start, end, width in spans(drawn):
            starts += [column] * (end - start)
            widths += [width] + [0] * (end - start - 1)
            column += width
        return starts, widths
    for char in drawn:
        width = char_width(char)
        starts.append(column)
        widths.append(width)
        column += width
    return starts, widths


@lru_cache(maxsize=4096)
def _visual_with_map(
    text: str, base: str | None, mode: str, harakat: bool
) -> tuple[str, tuple[int, ...]]:
    clean, offsets = sanitize_with_offsets(text)
    logical = clean.replace("\n", " ")
    level = _level(logical, base)
    drawn, where, levels = _line(logical, level, mode, harakat)
    starts, widths = _columns(drawn)
    # The cell of each logical character; zero-width ones share their base's cell.
    cells: list[int] = []
    last = -1  # visual position of the last logical character with width so far
    for p in where:
        if p >= 0 and widths[p] > 0:
            last = p
            cells.append(starts[p])
        else:
            cells.append(starts[last] if last >= 0 else -1)
    if last < 0:  # nothing visible: every cursor position is at the start
        end = 0
    elif levels[last] % 2:
        end = starts[last] - 1  # after a right-to-left character: at its left
    else:
        end = starts[last] + widths[last]
    # Zero-width characters before any visible one go with the first visible one.
    first_visible = next((c for c in cells if c >= 0), end)
    cells = [c if c >= 0 else first_visible for c in cells]
    cells.append(end)
    return drawn, tuple(cells[k] for k in offsets)


def visual_with_map(
    text: str, base: str | None = None, mode: str = "shaped", harakat: bool = True
) -> tuple[str, list[int]]:
    """`visual(text)` plus where a cursor goes for each logical position 0..len(text).

    The map has len(text) + 1 entries, indexed by positions in `text` itself
    (before sanitising), so that an input widget can pass its own cursor
    index. Entry i is the cell column, counted from the left end of the visual
    string, to draw a block cursor on when it stands before logical character
    i: the cell that shows character i (a combining mark, or the alef of a
    lam-alef, shares its base's cell). The last entry, the cursor after the
    last character, is the cell beside that character on the side where
    reading continues: to its right after a left-to-right character, to its
    LEFT after a right-to-left one (an Arabic letter just typed). That is -1,
    the cell just left of the string, when that character is drawn leftmost:
    an RTL input keeps one free cell left of its text for it.

    Characters that `sanitize` drops share the cell of the character after
    them; a tab maps to its first space.
    """
    _check(base, mode)
    drawn, cells = _visual_with_map(text, base, mode, harakat)
    return drawn, list(cells)


@lru_cache(maxsize=1024)
def _widths(paragraph: str, harakat: bool, mode: str) -> tuple[int, ...]:
    """Cells each logical character adds once shaped (0 for marks, alef of lam-alef...).
    Remembered: the same paragraph is wrapped again at each new width."""
    if mode != "shaped":
        return tuple(char_cells(paragraph))
    shaped, index = shape(paragraph, harakat)
    cells = char_cells(shaped)
    widths = []
    last = -1  # shaped positions only grow, but for the alef of a lam-alef
    for j in index:
        if j > last:
            widths.append(cells[j])
            last = j
        else:
            widths.append(0)
    return tuple(widths)


def _is_break(char: str) -> bool:
    return char.isspace() and char not in _NO_BREAK_SPACES


# A run of breaking white space, then a run of anything else (no-break spaces included).
_TOKEN = re.compile("([^\\S\u00a0\u2007\u202f]*)([\\S\u00a0\u2007\u202f]*)")


def _tokens(paragraph: str) -> list[tuple[int, int, int]]:
    """(space start, word start, word end) of each run of spaces + following word."""
    return [
        (match.start(), match.end(1), match.end())
        for match in _TOKEN.finditer(paragraph)
        if match.end() > match.start()
    ]


def _wrap(
    paragraph: str,
    widths: tuple[int, ...],
    width: int,
    whole: tuple[tuple[int, int], ...] = (),
) -> list[tuple[int, int]]:
    """Greedy word wrap of one paragraph: (start, end) of each line.

    The spaces where a line is broken, and trailing spaces that do not fit,
    are dropped; a word wider than the line is cut between characters, never
    between a letter and its marks (zero-width characters stay with the
    character before them), unless it holds one of the `whole` spans (a URL):
    such a word is never cut, but goes on a line of its own, wider than
    `width`.
    """
    total = list(accumulate(widths, initial=0))  # total[i]: cells of paragraph[:i]
    lines: list[tuple[int, int]] = []
    start: int | None = None  # the current line is [start, end)
    end = used = 0
    for space_start, word_start, word_end in _tokens(paragraph):
        spaces = total[word_start] - total[space_start]
        word = total[word_end] - total[word_start]
        if start is None:  # first token: leading spaces are content
            start = end = place = space_start
        elif used + spaces + word <= width:
            end, used = word_end, used + spaces + word
            continue
        elif word_start == word_end:  # trailing spaces that do not fit
            break
        else:
            lines.append((start, end))
            start = end = place = word_start
            used = 0
        if used + total[word_end] - total[place] <= width:  # it fits
            used += total[word_end] - total[place]
            end = word_end
            continue
        if any(a < word_end and b > word_start for a, b in whole):
            if place > start:  # a word of its own, wider than the line
                lines.append((start, end))
                start = word_start
            end, used = word_end, total[word_end] - total[start]
            continue
        # Put [place, word_end) on the current line, cutting where it overflows.
        pos = place
        while pos < word_end:
            cluster_end = pos + 1
            while cluster_end < word_end and widths[cluster_end] == 0:
                cluster_end += 1
            cluster = total[cluster_end] - total[pos]
            if used + cluster > width and pos > start:
                lines.append((start, pos))
                start, used = pos, 0
            used += cluster
            pos = cluster_end
        end = word_end
    lines.append((0, 0) if start is None else (start, end))
    return lines


def _line_text(paragraph: str, start: int, end: int, level: int, mode: str, harakat: bool) -> str:
    """The drawn text of paragraph[start:end]."""
    if mode == "terminal":
        return _terminal_text(paragraph[start:end])
    if mode == "logical":
        return paragraph[start:end]
    cut_word = (start > 0 and not _is_break(paragraph[start - 1])) or (
        end < len(paragraph) and not _is_break(paragraph[end])
    )
    if cut_word:  # the pieces of a cut word take their own joining forms
        return _visual_text(shape_text(paragraph[start:end], harakat), level)
    # Joining never crosses a space: the line's shaping is a slice of the paragraph's.
    # (Not up to the last character's place: the fatha of لَا comes after its alef's.)
    shaped, index = shape(paragraph, harakat)
    shown = [j for j in index[start:end] if j >= 0]
    return _visual_text(shaped[min(shown) : max(shown) + 1], level) if shown else ""


@lru_cache(maxsize=4096)
def _layout(
    text: str, width: int, base: str | None, mode: str, harakat: bool, long_urls: str
) -> tuple[Line, ...]:
    width = max(1, width)
    clean = sanitize(text)
    lines = []
    offset = 0
    for paragraph in clean.split("\n"):
        level = _level(paragraph, base)
        widths = _widths(paragraph, harakat, mode)
        urls = tuple(url_spans(paragraph))
        rows = _wrap(paragraph, widths, width, urls)
        for start, end in rows:
            drawn = _line_text(paragraph, start, end, level, mode, harakat)
            if not drawn and end > start and len(rows) > 1:
                continue  # only what shaping drops (a lone mark with harakat=False): no blank row
            cells = cell_len(drawn)
            if cells > width and long_urls == "cut":
                # A line wider than the width holds a URL; its left-to-right text is
                # cut at its end (the caller shows the whole address elsewhere).
                drawn = clip(drawn, width)
                cells = cell_len(drawn)
            lines.append(Line(drawn, level == 1, cells, offset + start, offset + end))
        offset += len(paragraph) + 1
    return tuple(lines)


def layout(
    text: str,
    width: int,
    base: str | None = None,
    mode: str = "shaped",
    harakat: bool = True,
    long_urls: str = "whole",
) -> list[Line]:
    """Wrap `text` to `width` cells: the lines to draw, top to bottom.

    Every "\\n" starts a paragraph with its own direction (unless `base`
    forces one). Each line fits `width` unless a single character is wider,
    or a URL is: a URL is never broken (a terminal's link detection would
    open half an address). With `long_urls="whole"` one wider than `width`
    gets a line of its own, wider than `width`, for the caller to let the
    terminal fold (as `show` does) or to scroll; with `long_urls="cut"` that
    line is cut with "…" to `width`, for a narrow pane where the full address
    stays available (`Line.start`/`Line.end` still span all of it).
    `harakat=False` drops the Arabic vowel marks.
    """
    _check(base, mode)
    if long_urls not in ("whole", "cut"):
        raise ValueError(f"long_urls must be 'whole' or 'cut', not {long_urls!r}")
    return list(_layout(text, width, base, mode, harakat, long_urls))
