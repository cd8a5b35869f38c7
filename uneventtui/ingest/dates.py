"""Dates in Arabic news text: every expression, with its span and what it means.

Our own rules, not `dateparser`: measured on tests/ingest/test_ingest_dates.py's
expressions (benchmarks/bench_ingest.py prints the figures), dateparser reads the
Egyptian/Gulf month names it is given one locale for, but it returns nothing for
the Levantine and Maghrebi names unless told that country's locale, accepts one
Arabic locale at a time, finds no ranges ("من 22 إلى 24 أبريل", "26 و27 يناير"),
no Hijri dates and no relative ones against a publication date, and gives no spans
in running text (its `search_dates` matches words such as "مع" as dates). The
rules below read all of those; dateparser would add a 40 MB dependency for
nothing they miss.

Month names: the four regional sets of ../shared/reference/arabic-search.md and
their spelling variants, alone or combined ("تشرين الثاني/نوفمبر", "حزيران
(يونيو)"). Hijri dates are converted with `hijridate` (Umm al-Qura).

A date without a year takes it from the anchor (the publication date): the year
that puts it nearest the anchor, and it is marked inferred.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from uneventtui.ingest.fold import Folded, fold
from uneventtui.model import PartialDate

__all__ = ["FoundDate", "find_dates", "find_dateline"]

# Folded spellings (hamza seats, taa marbuta and alef maqsura folded), by month.
GREGORIAN_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "كانون ثاني", "جانفي", "ينير"),
    2: ("فبراير", "شباط", "فيفري", "فبرير"),
    3: ("مارس", "اذار"),
    4: ("ابريل", "نيسان", "افريل", "ابريل"),
    5: ("مايو", "ايار", "ماي"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويليه", "يوليوز"),
    8: ("اغسطس", "اب", "اوت", "غشت", "اغشت"),
    9: ("سبتمبر", "ايلول", "شتنبر"),
    10: ("اكتوبر", "تشرين الاول", "تشرين اول"),
    11: ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"),
    12: ("ديسمبر", "كانون الاول", "كانون اول", "دجنبر"),
}
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم"),
    2: ("صفر",),
    3: ("ربيع الاول", "ربيع اول"),
    4: ("ربيع الاخر", "ربيع الثاني", "ربيع ثاني", "ربيع الاخير"),
    5: ("جمادي الاولي", "جمادي الاول", "جمادي اولي", "جمادي اول"),
    6: ("جمادي الاخره", "جمادي الثانيه", "جمادي الاخر", "جمادي الثاني", "جمادي اخر", "جمادي ثاني"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعده", "ذي القعده"),
    12: ("ذو الحجه", "ذي الحجه"),
}
WEEKDAYS = {  # Monday = 0, as date.weekday()
    "اثنين": 0,
    "ثلاثاء": 1,
    "اربعاء": 2,
    "خميس": 3,
    "جمعه": 4,
    "سبت": 5,
    "احد": 6,
}
_MONTH_OF = {
    re.sub(r"\s+", " ", name): month for month, names in GREGORIAN_MONTHS.items() for name in names
}
_HIJRI_OF = {name: month for month, names in HIJRI_MONTHS.items() for name in names}


def _alternation(names) -> str:
    ordered = sorted(set(names), key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)


_B = r"(?<![\w])"  # a word starts here
_E = r"(?![\w])"  # a word ends here
_GM = f"(?:{_alternation(_MONTH_OF)}){_E}"
# A month, possibly written twice: "تشرين الثاني/نوفمبر", "حزيران (يونيو)".
_MONTH = rf"(?:[وبل])?{_GM}(?:\s*(?:/|\\|\()\s*{_GM}(?:\s*\))?|\s+{_GM})?"
_HM = f"(?:{_alternation(_HIJRI_OF)}){_E}"
_DAY = r"(?:[0-3]?\d)(?!\d)"
_YEAR = r"(?:1[6-9]\d\d|2[01]\d\d)(?!\d)(?:\s*م(?![\w]))?"
_HYEAR = r"(?:1[2-5]\d\d)(?!\d)"
_HIJRI_MARK = r"\s*(?:ه(?![\w])|هجري(?:ه)?(?![\w])|للهجره(?![\w]))"
_YEAR_WORD = r"(?:[لبو])?(?:ال)?(?:عام|سنه)"
_RANGE_SEP = r"\s*(?:[-–—‐]|و?الي|و?حتي|لغايه|و)\s*"
# Between ordinals "و" alone is no range: "الحادي والعشرين" is the 21st.
_WORD_RANGE_SEP = r"\s*(?:[-–—‐]|و?الي|و?حتي|لغايه)\s*"
_FROM = r"(?:(?:في\s+)?(?:الفتره\s+)?(?:ما\s+)?(?:من|بين)\s+)?"
_WEEKDAY = rf"(?:يوم\s+)?(?:ال)?(?:{'|'.join(WEEKDAYS)}){_E}"
_RELATIVE = r"(?:الجاري|الحالي|الماضي|المنصرم|المقبل|القادم)"
# A day written as an ordinal: "الثاني عشر من مارس", "الحادي والعشرين من يونيو".
_UNITS = {
    "الاول": 1,
    "الحادي": 1,
    "الثاني": 2,
    "الثالث": 3,
    "الرابع": 4,
    "الخامس": 5,
    "السادس": 6,
    "السابع": 7,
    "الثامن": 8,
    "التاسع": 9,
}
_TENS = {"عشر": 10, "والعشرين": 20, "والثلاثين": 30}
_ORDINAL = rf"(?:(?:{'|'.join(_UNITS)})(?:\s+(?:{'|'.join(_TENS)}))?|العاشر|العشرين|الثلاثين){_E}"
_LEAD = rf"(?:{_WEEKDAY}\s*[،,]?\s*(?:الموافق\s+)?)?"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Ordered: the first pattern to claim a stretch of text wins it.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "hijri_day",
        _compile(
            rf"{_B}{_LEAD}(?P<d>{_DAY})\s+(?P<hm>{_HM})\s+(?:{_YEAR_WORD}\s+)?(?P<hy>{_HYEAR})"
            rf"(?:{_HIJRI_MARK})?"
        ),
    ),
    (
        "hijri_month",
        _compile(
            rf"{_B}(?:شهر\s+)?(?P<hm>{_HM})\s+(?:{_YEAR_WORD}\s+)?(?P<hy>{_HYEAR})(?:{_HIJRI_MARK})?"
        ),
    ),
    ("hijri_year", _compile(rf"{_B}{_YEAR_WORD}\s+(?P<hy>{_HYEAR}){_HIJRI_MARK}")),
    (
        "day_range_months",
        _compile(
            rf"{_B}{_FROM}{_LEAD}(?P<d1>{_DAY})\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?"
            rf"{_RANGE_SEP}{_LEAD}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})"
            rf"(?:\s+(?:{_YEAR_WORD}\s+)?(?P<y2>{_YEAR})|\s+(?P<rel>{_RELATIVE}))?"
        ),
    ),
    (
        "day_range",
        _compile(
            rf"{_B}{_FROM}(?P<d1>{_DAY}){_RANGE_SEP}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})"
            rf"(?:\s+(?:{_YEAR_WORD}\s+)?(?P<y2>{_YEAR})|\s+(?P<rel>{_RELATIVE}))?"
        ),
    ),
    (
        "month_range",
        _compile(
            rf"{_B}{_FROM}(?:شهري\s+)?(?P<m1>{_MONTH}){_RANGE_SEP}(?P<m2>{_MONTH})"
            rf"\s+(?:{_YEAR_WORD}\s+)?(?P<y2>{_YEAR})"
        ),
    ),
    (
        "numeric_ymd",
        _compile(rf"{_B}(?P<y>{_YEAR})[-/.](?P<m>[01]?\d)[-/.](?P<d>{_DAY})(?![-/.]?\d)"),
    ),
    (
        "numeric_dmy",
        _compile(
            rf"{_B}{_LEAD}(?P<d>{_DAY})[-/.](?P<m>[01]?\d)[-/.](?P<y>\d{{4}})(?!\d)"
            rf"(?P<hijri>{_HIJRI_MARK})?"
        ),
    ),
    (
        "day",
        _compile(
            rf"{_B}{_LEAD}(?P<d>{_DAY})\s+(?:من\s+)?(?:شهر\s+)?(?P<m>{_MONTH})"
            rf"(?:\s*[،,]?\s*(?:من\s+)?(?:{_YEAR_WORD}\s+)?(?P<y>{_YEAR})|\s+(?P<rel>{_RELATIVE}))?"
        ),
    ),
    (
        "day_words_range",
        _compile(
            rf"{_B}{_FROM}(?P<o1>{_ORDINAL}){_WORD_RANGE_SEP}(?P<o2>{_ORDINAL})\s+من\s+(?:شهر\s+)?"
            rf"(?P<m2>{_MONTH})(?:\s*[،,]?\s*(?:{_YEAR_WORD}\s+)?(?P<y2>{_YEAR})|\s+(?P<rel>{_RELATIVE}))?"
        ),
    ),
    (
        "month_of_year",
        _compile(
            rf"{_B}(?:شهر\s+)?(?P<m>{_MONTH})\s+من\s+(?P<which>هذا\s+العام|هذه\s+السنه|"
            rf"العام\s+(?:الجاري|الحالي|الماضي|المنصرم|المقبل|القادم)){_E}"
        ),
    ),
    (
        "day_words",
        _compile(
            rf"{_B}{_LEAD}(?P<ord>{_ORDINAL})\s+من\s+(?:شهر\s+)?(?P<m>{_MONTH})"
            rf"(?:\s*[،,]?\s*(?:من\s+)?(?:{_YEAR_WORD}\s+)?(?P<y>{_YEAR})|\s+(?P<rel>{_RELATIVE}))?"
        ),
    ),
    (
        "year_range",
        _compile(
            rf"{_B}(?:(?:من|بين|للفتره|الفتره|خلال)\s+)?(?:{_YEAR_WORD}(?:ي)?\s+)?"
            rf"(?P<y1>{_YEAR})\s*(?:[-–—‐/]|الي|حتي|و)\s*(?:{_YEAR_WORD}\s+)?(?P<y2>{_YEAR})"
        ),
    ),
    (
        "month",
        _compile(
            rf"{_B}(?:شهر\s+)?(?P<m>{_MONTH})\s*[،,]?\s*(?:من\s+)?(?:{_YEAR_WORD}\s+)?(?P<y>{_YEAR})"
        ),
    ),
    ("month_relative", _compile(rf"{_B}(?:شهر\s+)?(?P<m>{_MONTH})\s+(?P<rel>{_RELATIVE}){_E}")),
    ("named_month", _compile(rf"{_B}شهر\s+(?P<m>{_MONTH})")),
    ("year", _compile(rf"{_B}(?:(?:منذ|حتي)\s+)?{_YEAR_WORD}\s+(?P<y>{_YEAR})")),
    (
        "day_of_month",
        _compile(
            rf"{_B}{_LEAD}(?P<d>{_DAY})\s+(?:من\s+)?(?:(?:ال)?شهر\s+)?(?P<rel>الجاري|الحالي){_E}"
        ),
    ),
    (
        "period",
        _compile(
            rf"{_B}(?P<unit>الشهر|العام|السنه|هذا\s+العام|هذه\s+السنه)"
            rf"(?:\s+(?P<rel>الجاري|الحالي|الماضي|المنصرم|المقبل|القادم|الماضيه|المقبله|القادمه))?{_E}"
        ),
    ),
    ("yesterday", _compile(rf"{_B}(?P<word>اول\s+(?:من\s+)?امس|امس|غدا|بعد\s+غد){_E}")),
    (
        "weekday",
        _compile(
            rf"{_B}(?:يوم\s+(?:ال)?|ال)(?P<wd>{'|'.join(WEEKDAYS)}){_E}"
            rf"(?:\s+(?P<rel>الماضي|المنصرم|المقبل|القادم){_E})?"
        ),
    ),
]


@dataclass(frozen=True)
class FoundDate:
    """One date expression: its span in the article and what it means.

    `start`/`end` are None when the expression cannot be placed (a year-less date
    with no anchor, a weekday with no anchor day); `end` is None for a single date.
    `inferred` says that the year (or the day) came from the anchor; `note` says how.
    """

    text: str
    offset: int
    length: int
    start: PartialDate | None
    end: PartialDate | None
    inferred: bool = False
    note: str = ""
    calendar: str = "gregorian"

    @property
    def relative(self) -> bool:
        """Counted from the publication date ("أمس", "الخميس الماضي", "الشهر الماضي"),
        not only given its year."""
        return self.inferred and not self.note.startswith("year ")

    @property
    def precision(self) -> str:
        return self.start.precision if self.start else "day"

    def as_json(self) -> dict:
        return {
            "text": self.text,
            "offset": self.offset,
            "length": self.length,
            "start": self.start.iso() if self.start else None,
            "end": self.end.iso() if self.end else None,
            "precision": self.precision,
            "inferred": self.inferred,
        }


_NAMES_LONGEST_FIRST = sorted(_MONTH_OF, key=len, reverse=True)


def _month(text: str) -> int:
    """The month a (folded) month group names: its first name decides ("تشرين
    الثاني/نوفمبر", "أيلول سبتمبر", "وأغسطس")."""
    text = re.sub(r"\s+", " ", text.strip())
    for candidate in (text, text[1:]):  # with and without a proclitic و/ب/ل
        for name in _NAMES_LONGEST_FIRST:
            if candidate.startswith(name):
                return _MONTH_OF[name]
    raise ValueError(f"no month in {text!r}")


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _nearest_year(month: int, day: int | None, anchor: PartialDate) -> int:
    """The year that puts (month, day) nearest the anchor (a date in a news article
    is rarely more than six months from its publication)."""
    if anchor.month is None:
        return anchor.year  # "published in 2024": nothing nearer to go by
    best = anchor.year
    best_gap = None
    anchor_key = (anchor.year, anchor.month, anchor.day or 15)
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        gap = abs(_ordinal((year, month, day or 15)) - _ordinal(anchor_key))
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _ordinal(key: tuple[int, int, int]) -> int:
    year, month, day = key
    return date(year, month, min(day, monthrange(year, month)[1])).toordinal()


def _relative_year(month: int, rel: str, anchor: PartialDate) -> int:
    """The year of "<month> الماضي/المقبل/الجاري" said on the anchor date."""
    anchor_month = anchor.month or month
    if rel in ("الماضي", "المنصرم"):
        return anchor.year if month < anchor_month else anchor.year - 1
    if rel in ("المقبل", "القادم"):
        return anchor.year if month > anchor_month else anchor.year + 1
    return anchor.year


def _day(year: int, month: int, day: int) -> PartialDate | None:
    try:
        date(year, month, day)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _hijri(year: int, month: int, day: int | None) -> tuple[PartialDate, PartialDate | None] | None:
    """Gregorian (start, end) of a Hijri day, month (end: its last day) or None."""
    from hijridate import Hijri  # Umm al-Qura tables: the calendar Arab news uses

    try:
        if day is not None:
            g = Hijri(year, month, day).to_gregorian()
            return PartialDate(g.year, g.month, g.day), None
        first = Hijri(year, month, 1)
        last = Hijri(year, month, first.month_length()).to_gregorian()
        g = first.to_gregorian()
        return PartialDate(g.year, g.month, g.day), PartialDate(last.year, last.month, last.day)
    except (ValueError, OverflowError):  # outside the tables (1343–1500 AH) or no such day
        return None


def _hijri_year(year: int) -> tuple[PartialDate, PartialDate] | None:
    first = _hijri(year, 1, 1)
    last_month = _hijri(year, 12, None)
    if first is None or last_month is None or last_month[1] is None:
        return None
    return first[0], last_month[1]


class _Reader:
    """Turns one match into a FoundDate, given the anchor."""

    def __init__(self, anchor: PartialDate | None):
        self.anchor = anchor

    def year_for(self, month: int, day: int | None, rel: str | None) -> tuple[int | None, str]:
        """(year, note) for a date that states none."""
        if self.anchor is None:
            return None, ""
        if rel:
            year = _relative_year(month, rel, self.anchor)
        else:
            year = _nearest_year(month, day, self.anchor)
        return year, f"year {year} inferred from the publication date {self.anchor.iso()}"

    def read(self, kind: str, m: re.Match[str]) -> tuple | None:  # noqa: C901 - one case per pattern
        g = m.groupdict()
        rel = g.get("rel")
        if kind in ("hijri_day", "hijri_month"):
            found = _hijri(int(g["hy"]), _HIJRI_OF[re.sub(r"\s+", " ", g["hm"])], _int(g.get("d")))
            return None if found is None else (*found, False, "")
        if kind == "hijri_year":
            found = _hijri_year(int(g["hy"]))
            return None if found is None else (*found, False, "")
        if kind == "day_words_range":
            g = {**g, "d1": str(_ordinal_day(g["o1"])), "d2": str(_ordinal_day(g["o2"]))}
            kind = "day_range"
        if kind == "month_of_year":
            if self.anchor is None:
                return (None, None, True, "")
            which = g["which"]
            shift = -1 if ("الماضي" in which or "المنصرم" in which) else 0
            shift = 1 if ("المقبل" in which or "القادم" in which) else shift
            year = self.anchor.year + shift
            note = f"year {year} inferred from the publication date {self.anchor.iso()}"
            return PartialDate(year, _month(g["m"])), None, True, note
        if kind in ("day_range", "day_range_months"):
            m2 = _month(g["m2"])
            m1 = _month(g["m1"]) if g.get("m1") else m2
            y2 = _year(g.get("y2"))
            y1 = _year(g.get("y1")) or y2
            note = ""
            if y2 is None:
                y2, note = self.year_for(m2, int(g["d2"]), rel)
                y1 = y2 if m1 <= m2 else (y2 - 1 if y2 else None)
                if y2 is None:
                    return (None, None, True, "")
            if y1 is None:
                y1 = y2 if m1 <= m2 else y2 - 1
            start, end = _day(y1, m1, int(g["d1"])), _day(y2, m2, int(g["d2"]))
            if start is None or end is None or end.sort_key <= start.sort_key:
                return None
            return start, end, bool(note), note
        if kind == "month_range":
            y2 = _year(g["y2"])
            m1, m2 = _month(g["m1"]), _month(g["m2"])
            y1 = y2 if m1 <= m2 else y2 - 1  # type: ignore[operator]
            if m1 == m2 and y1 == y2:
                return None
            return PartialDate(y1, m1), PartialDate(y2, m2), False, ""  # type: ignore[arg-type]
        if kind in ("numeric_ymd", "numeric_dmy"):
            year, month, day = int(g["y"][:4]), int(g["m"]), int(g["d"])
            if g.get("hijri"):
                found = _hijri(year, month, day)
                return None if found is None else (*found, False, "")
            if not 1600 <= year <= 2199 or not 1 <= month <= 12:
                return None
            start = _day(year, month, day)
            return None if start is None else (start, None, False, "")
        if kind in ("day", "day_words"):
            month, day = _month(g["m"]), _day_number(g)
            year = _year(g.get("y"))
            note = ""
            if year is None:
                year, note = self.year_for(month, day, rel)
                if year is None:
                    return (None, None, True, "")
            start = _day(year, month, day)
            return None if start is None else (start, None, bool(note), note)
        if kind == "year_range":
            y1, y2 = _year(g["y1"]), _year(g["y2"])
            if y1 is None or y2 is None or not y1 < y2 <= y1 + 50:
                return None
            return PartialDate(y1), PartialDate(y2), False, ""
        if kind == "month":
            return PartialDate(_year(g["y"]), _month(g["m"])), None, False, ""  # type: ignore[arg-type]
        if kind in ("month_relative", "named_month"):
            month = _month(g["m"])
            year, note = self.year_for(month, None, rel)
            if year is None:
                return (None, None, True, "")
            return PartialDate(year, month), None, True, note
        if kind == "year":
            return PartialDate(_year(g["y"])), None, False, ""  # type: ignore[arg-type]
        return self.relative(kind, g)

    def relative(self, kind: str, g: dict) -> tuple | None:
        """Dates that only the anchor places: "24 الجاري", "الشهر الماضي", "أمس",
        "الخميس الماضي"."""
        anchor = self.anchor
        rel = g.get("rel") or ""
        if kind == "period":
            unit = g["unit"]
            if anchor is None:
                return None if not rel and "هذ" not in unit else (None, None, True, "")
            if unit.startswith("هذ") or rel.startswith(("الجاري", "الحالي")):
                shift = 0
            elif rel.startswith(("الماضي", "المنصرم")):
                shift = -1
            elif rel.startswith(("المقبل", "القادم")):
                shift = 1
            else:
                return None  # "العام" alone is not a date
            note = f"relative to the publication date {anchor.iso()}"
            if unit == "الشهر":
                if anchor.month is None:
                    return None
                index = anchor.year * 12 + anchor.month - 1 + shift
                return PartialDate(index // 12, index % 12 + 1), None, True, note
            return PartialDate(anchor.year + shift), None, True, note
        if anchor is None or anchor.day is None:
            if kind == "day_of_month" and anchor is not None and anchor.month is not None:
                start = _day(anchor.year, anchor.month, int(g["d"]))
                note = f"month and year from the publication date {anchor.iso()}"
                return None if start is None else (start, None, True, note)
            if kind == "weekday" and not rel:
                return None  # a bare weekday is only a date with a day to count from
            return (None, None, True, "")
        today = date(anchor.year, anchor.month, anchor.day)  # type: ignore[arg-type]
        note = f"counted from the publication date {anchor.iso()}"
        if kind == "day_of_month":
            start = _day(anchor.year, anchor.month, int(g["d"]))  # type: ignore[arg-type]
            return None if start is None else (start, None, True, note)
        if kind == "yesterday":
            word = re.sub(r"\s+", " ", g["word"])
            shift = {"امس": -1, "غدا": 1, "بعد غد": 2}.get(word, -2)
            day = today + timedelta(days=shift)
        else:  # a weekday: the last one before (الماضي), the next one after (المقبل),
            # or, alone, the latest on or before the publication day
            weekday = WEEKDAYS[g["wd"]]
            if rel in ("المقبل", "القادم"):
                ahead = (weekday - today.weekday()) % 7 or 7
                day = today + timedelta(days=ahead)
            else:
                back = (today.weekday() - weekday) % 7
                if rel and back == 0:
                    back = 7
                day = today - timedelta(days=back)
        return PartialDate(day.year, day.month, day.day), None, True, note


def _day_number(groups: dict) -> int:
    """The day of a "day" match (digits) or of a "day_words" one (an ordinal)."""
    if groups.get("d"):
        return int(groups["d"])
    return _ordinal_day(groups["ord"])


def _ordinal_day(text: str) -> int:
    words = text.split()
    if words[0] in ("العاشر", "العشرين", "الثلاثين"):
        return {"العاشر": 10, "العشرين": 20, "الثلاثين": 30}[words[0]]
    return _UNITS[words[0]] + (_TENS[words[1]] if len(words) > 1 else 0)


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def find_dates(text: str, anchor: PartialDate | None = None) -> list[FoundDate]:
    """Every date expression in `text`, in order, with spans in `text`."""
    folded = fold(text)
    reader = _Reader(anchor)
    taken = bytearray(len(folded.text))  # 1 where a pattern has claimed the text
    found: list[FoundDate] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(folded.text):
            start, end = match.span()
            while end > start and folded.text[end - 1].isspace():
                end -= 1
            if any(taken[start:end]):
                continue
            try:
                meaning = reader.read(kind, match)
            except (KeyError, ValueError, OverflowError):  # a form no rule reads: no date
                meaning = None
            if meaning is None:
                continue
            first, last, inferred, note = meaning
            o_start, o_end = folded.span(start, end)
            taken[start:end] = b"\x01" * (end - start)
            found.append(
                FoundDate(
                    text=text[o_start:o_end],
                    offset=o_start,
                    length=o_end - o_start,
                    start=first,
                    end=last,
                    inferred=inferred,
                    note=note,
                    calendar="hijri" if kind.startswith("hijri") else "gregorian",
                )
            )
    found.sort(key=lambda d: d.offset)
    return found


# A dateline: a line that is only a date, or "(City, date)" / "City - date" at the
# start of a paragraph, among the article's first lines.
_DATELINE_LINES = 4


def find_dateline(text: str) -> PartialDate | None:
    """The publication date an article states in its dateline, or None."""
    lines = [line for line in text.splitlines() if line.strip()][:_DATELINE_LINES]
    for line in lines:
        stripped = line.strip()
        dates = find_dates(stripped)
        if not dates or dates[0].start is None or dates[0].end is not None:
            continue
        first = dates[0]
        if first.start.precision != "day" or first.inferred:  # type: ignore[union-attr]
            continue
        rest = (stripped[: first.offset] + stripped[first.offset + first.length :]).strip(
            " ()[]-–—،,:|"
        )
        folded_rest = _folded(rest)
        # Only the date, or a place name and the date in brackets or before a dash.
        if not rest or (first.offset < 40 and len(folded_rest.split()) <= 3):
            return first.start
        head = stripped[: first.offset + first.length + 2]
        if head.startswith("(") and ")" in stripped[first.offset :]:
            return first.start
    return None


def _folded(text: str) -> str:
    return fold(text).text


def as_folded(text: str) -> Folded:
    """The folded form of `text` (for the name rules, which share it)."""
    return fold(text)
