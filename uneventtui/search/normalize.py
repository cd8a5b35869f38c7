"""One normaliser for the index and the query, and the Arabic clitic rules.

`normalize` folds everything a user should not have to type exactly: case,
harakat, hamza seats on alef, taa marbuta, alef maqsura, Persian letter forms,
Arabic-Indic digits and Latin accents. Punctuation and hyphens become word
breaks; white space is collapsed. It is a `str.translate` table behind NFKC and
casefold, so it costs a couple of microseconds per name.

`normalize_with_map` does the same while remembering, for every character of
the result, which character of the input produced it: the search index uses it
to map a match back onto the stored, un-normalised text (harakat included).
"""

from __future__ import annotations

import unicodedata

__all__ = ["normalize", "normalize_with_map", "original_span", "strip_clitic", "is_arabic_word"]

# Folds the issue lists (Lucene and CAMeL agree on them), and a few Latin letters.
_FOLDS = {
    "\u0622": "\u0627",  # آ -> ا
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0671": "\u0627",  # ٱ (alef wasla) -> ا
    "\u0649": "\u064a",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u06cc": "\u064a",  # ی (Farsi yeh) -> ي
    "\u06d2": "\u064a",  # ے (yeh barree) -> ي
    "\u06a9": "\u0643",  # ک (keheh) -> ك
    "\u06c0": "\u0647",  # ۀ -> ه
    "\u06c1": "\u0647",  # ہ -> ه
    "\u0640": "",  # tatweel
    "\u0670": "",  # dagger alef
    # Latin letters that carry no decomposable accent.
    "ł": "l",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "đ": "d",
    "ð": "d",
    "ı": "i",
    "þ": "th",
}
# Apostrophes join rather than break: "O'Brien", "Ba‘albak", "d'Ivoire".
_JOINERS = "'\u2018\u2019\u02bc\u02bb\u02be\u02bf`\u00b4"


class _FoldTable(dict):
    """A translate table filled on demand: each code point is classified once.

    Pre-computing all of Unicode would cost a third of a second at import; a
    dict subclass with `__missing__` lets `str.translate` stay in C for every
    character it has already seen.
    """

    def __missing__(self, code: int) -> str:
        value = _fold_char(chr(code))
        self[code] = value
        return value


def _fold_char(ch: str) -> str:
    """What one (already NFKC-normalised and casefolded) character becomes."""
    if ch in _FOLDS:
        return _FOLDS[ch]
    if ch in _JOINERS:
        return ""
    if "\u0660" <= ch <= "\u0669":
        return chr(ord(ch) - 0x0660 + 48)
    if "\u06f0" <= ch <= "\u06f9":
        return chr(ord(ch) - 0x06F0 + 48)
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf"):  # harakat, shadda, combining accents, bidi marks
        return ""
    if category[0] in "PSZC":  # punctuation, symbols, separators, controls: word breaks
        return " "
    if category[0] == "L" and ord(ch) >= 0x80:
        # Latin (and Greek, Cyrillic) accents: decompose and drop the marks.
        decomposed = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if base and base != ch and base.isascii():
            return base
    return ch  # unchanged (None would delete it)


_TABLE = _FoldTable()
_ASCII_TABLE = {c: " " for c in range(128) if not chr(c).isalnum() and chr(c) not in _JOINERS}
_ASCII_TABLE.update({ord(c): "" for c in _JOINERS if c.isascii()})


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower().translate(_ASCII_TABLE)
    return unicodedata.normalize("NFKC", text).casefold().translate(_TABLE)


def normalize(text: str) -> str:
    """The search form of `text`: folded, without marks, single-spaced, stripped.

    >>> normalize("مُنَظَّمَةُ الصِّحَّةِ العالَمِيّة")
    'منظمه الصحه العالميه'
    >>> normalize("Türk, Volker")
    'turk volker'
    """
    folded = _fold(text)
    # Removing a mark can leave a sequence NFKC would compose again (rare): iterate
    # to a fixed point so that normalize(normalize(x)) == normalize(x).
    while not folded.isascii() and not unicodedata.is_normalized("NFKC", folded):
        folded = _fold(folded)
    return " ".join(folded.split())


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """`normalize(text)` and, for each of its characters, the index in `text` it comes from.

    Folds character by character; when that disagrees with `normalize` (exotic
    compositions), falls back to a proportional map so callers still get a span.
    """
    out: list[str] = []
    origin: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        folded = _fold(ch)
        if not folded.isascii() and not unicodedata.is_normalized("NFKC", folded):
            folded = _fold(folded)
        for piece in folded:
            if piece.isspace():
                pending_space = bool(out)
                continue
            if pending_space:
                out.append(" ")
                origin.append(i)
                pending_space = False
            out.append(piece)
            origin.append(i)
    result = "".join(out)
    expected = normalize(text)
    if result != expected:
        n = max(len(expected), 1)
        return expected, [min(len(text) - 1, j * len(text) // n) for j in range(len(expected))]
    return result, origin


def original_span(text: str, origin: list[int], start: int, end: int) -> tuple[int, int]:
    """Map the span [start, end) of the normalised text back onto `text`.

    The end is extended over the marks (harakat, shadda, tatweel) that follow the
    last matched letter, so highlighting covers the whole written letter.
    """
    if not origin or start >= end:
        return (0, 0)
    o_start = origin[start]
    o_end = origin[end - 1] + 1
    next_origin = origin[end] if end < len(origin) else len(text)
    while o_end < next_origin and not text[o_end].isspace() and _fold(text[o_end]) == "":
        o_end += 1
    return (o_start, o_end)


# Lucene's ArabicStemmer prefixes, longest first. و comes off only words of 4+ letters,
# the others must leave at least two letters.
_CLITICS = ("وال", "بال", "كال", "فال", "لل", "ال")


def is_arabic_word(word: str) -> bool:
    """True when the (normalised) word starts with an Arabic letter."""
    return bool(word) and "\u0600" <= word[0] <= "\u06ff"


def strip_clitic(word: str) -> str:
    """The word without its article or conjunction+article (one prefix at most).

    >>> strip_clitic("والصحه"), strip_clitic("للتنميه"), strip_clitic("وكاله"), strip_clitic("ال")
    ('صحه', 'تنميه', 'كاله', 'ال')
    """
    if not is_arabic_word(word):
        return word
    for prefix in _CLITICS:
        if word.startswith(prefix) and len(word) >= len(prefix) + 2:
            return word[len(prefix) :]
    if word.startswith("و") and len(word) >= 4:
        return word[1:]
    return word
