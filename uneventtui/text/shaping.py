"""Arabic shaping with arabic-reshaper, plus the map from logical to shaped text.

Configuration (see README, "Arabic in the terminal"): the four lam-alef
ligatures on and every other ligature off (U+FDF2 and its kind squeeze a whole
word into one cell); tatweel kept; harakat kept in logical order, right after
their base letter, or dropped. The bidi layer later puts each mark after its
base in visual order too (rule L3), which is what arabic-reshaper's
`shift_harakat_position` approximates before reordering; doing it after
reordering keeps the marks' bidi class resolution (rule W1) exact, as FriBidi
does.

ZWJ (U+200D) next to Arabic is handled here, not by arabic-reshaper, whose
ZWJ support misplaces ligatures (and raised IndexError before a lam-alef): it
is shaped as a tatweel, which joins on both sides exactly as ZWJ does (both are
Join_Causing), and then consumed. So "ل" ZWJ shows the lam's initial form,
ZWJ "لأ" the ligature's final form, and lam ZWJ alef stays two letters, as in
GNU FriBidi.

arabic-reshaper returns only a string. `shape` also says which shaped
character shows each logical one, by aligning input and output: every output
character is its input character or one of its presentation forms, except
that lam + alef become one ligature. Should the alignment ever fail, the text
is returned unshaped rather than misplaced.
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
TATWEEL = "\u0640"
_JOINING_CONTEXT = "".join(sorted((_ARABIC_LETTERS - {ZWJ}) | _HARAKAT | {TATWEEL}))
# ZWJs with an Arabic letter, mark or tatweel beside them: shaped as tatweels.
_ARABIC_ZWJ = re.compile(
    f"(?<=[{re.escape(_JOINING_CONTEXT)}]){ZWJ}+|{ZWJ}+(?=[{re.escape(_JOINING_CONTEXT)}])"
)


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
    character was consumed (ZWJ beside Arabic, or harakat when `harakat` is False).
    """
    if not needs_shaping(text):
        return _unshaped(text, harakat)
    joined = _ARABIC_ZWJ.sub(lambda m: TATWEEL * len(m.group()), text) if ZWJ in text else text
    shaped = _reshape(joined, harakat)
    if shaped is None:
        return _unshaped(text, harakat)
    # Hamza joins nothing: like FriBidi, keep U+0621 rather than its one "isolated form".
    shaped = shaped.replace("\ufe80", "\u0621")
    index = _align(joined, shaped, harakat)
    if index is None:
        return _unshaped(text, harakat)
    if joined is not text:
        return _consume_zwj(text, shaped, index)
    return shaped, index


def _unshaped(text: str, harakat: bool) -> tuple[str, tuple[int, ...]]:
    """`text` as it is (harakat dropped if asked), with its index."""
    if harakat or _HARAKAT.isdisjoint(text):
        return text, tuple(range(len(text)))
    kept = [i for i, char in enumerate(text) if char not in _HARAKAT]
    position = dict(zip(kept, range(len(kept)), strict=True))
    return "".join(text[i] for i in kept), tuple(position.get(i, -1) for i in range(len(text)))


def _consume_zwj(text: str, shaped: str, index: tuple[int, ...]) -> tuple[str, tuple[int, ...]]:
    """Drop the tatweels that stood in for ZWJs from `shaped`, and mark those ZWJs consumed."""
    dropped = {index[i] for i, char in enumerate(text) if char == ZWJ and index[i] >= 0}
    new_position = []
    kept = 0
    for j in range(len(shaped)):
        new_position.append(-1 if j in dropped else kept)
        kept += j not in dropped
    out = "".join(c for j, c in enumerate(shaped) if j not in dropped)
    return out, tuple(-1 if j < 0 else new_position[j] for j in index)


def _reshape(text: str, harakat: bool) -> str | None:
    """arabic-reshaper's output, or None if it fails: the text is then shown
    unshaped, never lost, never a traceback."""
    try:
        return _RESHAPERS[harakat].reshape(text)
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
