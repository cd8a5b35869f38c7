"""A year or a date in a search query: `Doha 2025`, `Geneva 2024-04`, `٢٠٢٥`.

`split_period(query)` takes such a date out of the query and returns the period
it stands for, as first and last day keys (yyyymmdd integers: a year is its
whole span, a month its days), and the rest of the query. A number is a date
only when it looks like one: four digits from 1900 to 2099, optionally with a
month and a day (`2024-04`, `2024-04-22`, also with `/` or `.`), standing
alone. Arabic-Indic and Extended Arabic-Indic digits count as digits.
"""

from __future__ import annotations

import re

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DATE = re.compile(r"(?<![\w/.-])(19\d\d|20\d\d)(?:[-/.](\d\d?)(?:[-/.](\d\d?))?)?(?![\w/.-])")


def split_period(query: str) -> tuple[tuple[int, int] | None, str]:
    """((first day, last day), rest of the query) when the query names a period;
    (None, query) otherwise. Two dates make the period that spans both."""
    text = query.translate(_DIGITS)
    periods = []
    for match in _DATE.finditer(text):
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is not None and not 1 <= month <= 12:
            continue
        if day is not None and not 1 <= day <= 31:
            continue
        periods.append((match.span(), _span(year, month, day)))
    if not periods:
        return None, query
    rest = query
    for (start, end), _ in reversed(periods):
        rest = rest[:start] + " " + rest[end:]
    first = min(first for _, (first, _last) in periods)
    last = max(last for _, (_first, last) in periods)
    return (first, last), " ".join(rest.split())


def _span(year: int, month: int | None, day: int | None) -> tuple[int, int]:
    base = year * 10000
    if month is None:
        return base + 101, base + 1231
    if day is None:
        return base + month * 100 + 1, base + month * 100 + 31
    return base + month * 100 + day, base + month * 100 + day


def day_key(key: tuple[int, int, int]) -> int:
    """A model date key (year, month, day) as a yyyymmdd integer."""
    year, month, day = key
    return year * 10000 + month * 100 + day
