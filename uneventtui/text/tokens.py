"""Left-to-right tokens that must stay whole beside Arabic, and URLs.

On a line that mixes directions, the plain bidi algorithm splits some
left-to-right tokens: after an Arabic word the digits of
`2024-03-cofacilitators-appointed` become Arabic numbers, and the line shows
`03-2024-cofacilitators-appointed`; a copied id or URL then fails. The text
layer draws each token found here as a bidi isolate (as if between LRI and
PDI, UAX #9 section 2.4): its characters stay together, in their order,
whatever surrounds them. The data cannot ask for this (the sanitiser drops
every bidi control); only these patterns do.

A token is one of: a URL (http, https, or www.), an e-mail address, a UN
document symbol or a path (`A/RES/78/261`, `E/CN.5/2025/1`, `~/data/x.toml`),
an id, date or file name joined by `-`, `_`, `.` or `:`
(`2024-03-cofacilitators-appointed`, `000_229ba7b9f742da60.txt`; not digits
alone, see `ltr_spans`), and a number with its unit (`100 km`, `3.5 GB`). All in ASCII: Arabic-Indic
digits and Arabic words are never tokens.
"""

from __future__ import annotations

import re
import unicodedata

# A URL ends before trailing punctuation that usually closes the sentence around it.
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»]*[^\s<>\"'«».,;:!?)\]}،؛]", re.ASCII)
_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
_SLASHED = r"~?/?[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)+/?"  # symbols and paths
_JOINED = r"[A-Za-z0-9]+(?:[-_.:][A-Za-z0-9]+)+"  # ids, dates, file names
_UNITS = (
    "km²", "m²", "km", "cm", "mm", "m", "kg", "g", "t", "ha", "h", "min", "s", "ms",
    "kB", "MB", "GB", "TB", "kW", "MW", "GW", "kWh", "°C", "°F",
    "USD", "EUR", "CHF", "bn", "million", "billion",
)  # fmt: skip
_UNIT = "|".join(map(re.escape, sorted(_UNITS, key=len, reverse=True)))
_WITH_UNIT = rf"\d+(?:[.,]\d+)*[ \u00a0]?(?:{_UNIT})(?![A-Za-z0-9])"
_TOKEN = re.compile(
    f"{URL.pattern}|{_EMAIL}|{_SLASHED}|{_WITH_UNIT}|{_JOINED}",
)
# What every token has, looked for first (most lines have none): a letter or digit
# beside a joining character, or a number before its unit.
_HINT = re.compile(r"[A-Za-z0-9][-_.:/@]|[-_.:/@~][A-Za-z0-9]|\d[ \u00a0]?[A-Za-z%°]")
_DIGITS_ONLY = re.compile(r"[\d\W_]+\Z", re.ASCII)
# Only where a right-to-left character shares the line can a token be split.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def ltr_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each token of `line` to draw as a left-to-right isolate;
    none when the line holds no right-to-left character.

    Digits alone (`2025-2030`, `78/261`, `2024-03-05`) are no token: the plain
    algorithm keeps such a number with the Arabic words around it, so that
    "للفترة 2025-2030" reads right to left as Arabic readers expect."""
    if not _HINT.search(line) or not _RTL.search(line):
        return []
    return [
        match.span()
        for match in _TOKEN.finditer(line)
        if _whole(line, *match.span()) and not _DIGITS_ONLY.match(match.group())
    ]


def _whole(line: str, start: int, end: int) -> bool:
    """A token starts and ends at a word boundary: not inside a longer Arabic or
    Latin word (`x2024-03` is no id, but `[2024-03]` and `«2024-03»` are), nor
    before a combining mark."""
    before = line[start - 1] if start else " "
    after = line[end] if end < len(line) else " "
    # A mark after it belongs to its last letter: cut from it, it would be drawn apart.
    return not (before.isalnum() or after.isalnum() or unicodedata.category(after)[0] == "M")


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each URL in `text`."""
    return [match.span() for match in URL.finditer(text)]
