"""Arabic shaping with arabic-reshaper, plus the map from logical to shaped text.

Configuration (see README, "Arabic in the terminal"): the four lam-alef
ligatures on and every other ligature off (U+FDF2 and its kind squeeze a whole
word into one cell); tatweel kept; harakat kept in logical order, right after
their base letter, or dropped. The bidi layer later puts each mark after its
base in visual order too (rule L3), which is what arabic-reshaper's
`shift_harakat_position` approximates before reordering; doing it after
reordering keeps the marks' bidi class resolution (rule W1) exact, as FriBidi
does.

arabic-reshaper returns only a string. `shape` also says which shaped
character shows each logical one, by aligning input and output: every output
character is its input character or one of its presentation forms, except
that lam + alef become one ligature and ZWJ is consumed. Should the alignment
ever fail, the text is returned unshaped rather than misplaced.
"""

from __future__ import annotations

import re
from functools import lru_cache

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE
from arabic_reshaper.letters import LETTERS_ARABIC
from arabic_reshaper.ligatures import LIGATURES

LAM = "\u0644"
ZWJ = "\u200d"
_LAM_ALEF_NAMES = frozenset(
    (
        "ARABIC LIGATURE LAM WITH ALEF",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
        "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
    )
)
# Alef (second letter of a lam-alef) -> the ligature's forms.
_LAM_ALEF = {
    pattern[1]: frozenset(form for form in forms if form)
    for name, (pattern, forms) in LIGATURES
    if name in _LAM_ALEF_NAMES
}
_LIGATURE_CHARS = frozenset().union(*_LAM_ALEF.values())
_FORMS = {
    letter: frozenset(form for form in forms if form) for letter, forms in LETTERS_ARABIC.items()
}
_ARABIC_LETTERS = frozenset(LETTERS_ARABIC)


def _config(harakat: bool) -> dict[str, bool]:
    config = {name: name in _LAM_ALEF_NAMES for name, _ in LIGATURES}
    config.update(
        support_ligatures=True,
        delete_harakat=not harakat,
        shift_harakat_position=False,
        delete_tatweel=False,
        support_zwj=True,
        use_unshaped_instead_of_isolated=False,
    )
    return config


_RESHAPERS = {flag: ArabicReshaper(configuration=_config(flag)) for flag in (True, False)}


_HARAKAT = frozenset(c for c in map(chr, range(0x0600, 0x0900)) if HARAKAT_RE.match(c))
_ZWJ_BEFORE_LAM = re.compile(f"{ZWJ}+(?=[{re.escape(''.join(sorted(_HARAKAT)))}]*{LAM})")


def is_haraka(char: str) -> bool:
    """True for the combining marks arabic-reshaper treats as harakat."""
    return char in _HARAKAT


def needs_shaping(text: str) -> bool:
    """True when `text` holds a letter that arabic-reshaper shapes."""
    return not _ARABIC_LETTERS.isdisjoint(text)


@lru_cache(maxsize=8192)
def shape(text: str, harakat: bool = True) -> tuple[str, tuple[int, ...]]:
    """Shape `text` (logical order). Returns (shaped, index).

    `index[i]` is the position in `shaped` of the character that shows logical
    character `i` (a lam and its alef share their ligature's), or -1 where the
    character was consumed (ZWJ, or harakat when `harakat` is False).
    """
    if not needs_shaping(text):
        return text, tuple(range(len(text)))
    shaped = _reshape(text, harakat)
    if shaped is None:
        return text, tuple(range(len(text)))
    # Hamza joins nothing: like FriBidi, keep U+0621 rather than its one "isolated form".
    shaped = shaped.replace("\ufe80", "\u0621")
    index = _align(text, shaped, harakat)
    if index is None:
        return text, tuple(range(len(text)))
    return shaped, index


def _reshape(text: str, harakat: bool) -> str | None:
    """arabic-reshaper's output, or None if it fails.

    arabic-reshaper 3.1 mishandles a ZWJ before a lam-alef ligature: it raises
    IndexError ("\u200dلا") or, with other ligatures after it, draws the wrong one
    (لآ shown as لأ) or none (found by fuzzing). Such ZWJs are dropped first (the lam
    joins a joining letter before it anyway). Anything else the reshaper raises
    leaves the text unshaped: shown, never lost, never a traceback.
    """
    try:
        return _RESHAPERS[harakat].reshape(_ZWJ_BEFORE_LAM.sub("", text))
    except Exception:
        return None


def _align(text: str, shaped: str, harakat: bool) -> tuple[int, ...] | None:
    index: list[int] = []
    j = 0
    ligature = -1  # position of a lam-alef ligature still waiting for its alef
    n = len(shaped)
    for char in text:
        out = shaped[j] if j < n else ""
        if ligature >= 0 and char in _LAM_ALEF:
            index.append(ligature)
            ligature = -1
        elif char == LAM and out in _LIGATURE_CHARS:
            index.append(j)
            ligature = j
            j += 1
        elif out and (out == char or out in _FORMS.get(char, ())):
            index.append(j)
            j += 1
            if not is_haraka(char):
                ligature = -1
        elif char == ZWJ or (not harakat and is_haraka(char)):
            index.append(-1)
        else:
            return None
    return tuple(index) if j == n and ligature < 0 else None
