"""Dates in Arabic text: a varied set of real-world expressions read right, with spans."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ingest_cases import CASES, REAL_WORLD

from uneventtui.ingest.dates import find_dateline, find_dates
from uneventtui.model import PartialDate


def read(text: str, published: str | None) -> tuple[str, str | None]:
    """(start, end) of the first date found in `text`, ("", None) when none is."""
    anchor = PartialDate.parse(published) if published else None
    found = [d for d in find_dates(text, anchor) if d.start is not None]
    if not found:
        return "", None
    first = found[0]
    return first.start.iso(), first.end.iso() if first.end else None  # type: ignore[union-attr]


def test_the_expression_set_is_varied_and_large():
    assert len(CASES) >= 60
    assert sum(1 for _t, p, _s, _e in CASES if p) >= 10  # relative and year-less dates
    assert sum(1 for _t, _p, _s, e in CASES if e) >= 8  # ranges


def wrong_in(cases) -> list:
    return [
        (text, (start, end), read(text, published))
        for text, published, start, end in cases
        if read(text, published) != (start, end)
    ]


def test_at_least_90_percent_of_the_expressions_are_read_right():
    wrong = wrong_in(CASES + REAL_WORLD)
    share = 1 - len(wrong) / len(CASES + REAL_WORLD)
    assert share >= 0.9, f"{share:.0%} right; wrong: {wrong}"


def test_at_least_80_percent_of_the_held_out_news_sentences_are_read_right():
    wrong = wrong_in(REAL_WORLD)
    share = 1 - len(wrong) / len(REAL_WORLD)
    assert share >= 0.8, f"{share:.0%} right; wrong: {wrong}"


@pytest.mark.parametrize(
    "text",
    ["من 22 إلى 24 أبريل الجاري", "٢٧ يناير ٢٠٢٣", "تشرين الثاني/نوفمبر 2019"],
)
def test_the_span_is_the_expression_in_the_original_text(text):
    article = f"قال المتحدث إن الوفد وصل {text} إلى المدينة."
    found = find_dates(article, PartialDate(2024, 4, 26))
    assert len(found) == 1
    date = found[0]
    assert article[date.offset : date.offset + date.length] == text == date.text


def test_harakat_and_tatweel_inside_a_date_keep_the_span_whole():
    article = "في ٢٤ أَبْرِيــل ٢٠٢٥ عُقد اللقاء"
    (date,) = find_dates(article)
    assert date.start == PartialDate(2025, 4, 24)
    assert date.text == "٢٤ أَبْرِيــل ٢٠٢٥"


def test_a_date_without_a_year_is_inferred_from_the_publication_date():
    (date,) = find_dates("انطلق في 22 يوليو الاجتماع", PartialDate(2024, 7))
    assert date.start == PartialDate(2024, 7, 22)
    assert date.inferred and "2024-07" in date.note
    (stated,) = find_dates("في 22 يوليو 2024")
    assert not stated.inferred


def test_without_a_publication_date_a_yearless_date_is_found_but_not_placed():
    (date,) = find_dates("انطلق في 22 يوليو الاجتماع")
    assert date.text == "22 يوليو" and date.start is None and date.inferred


def test_words_that_look_like_dates_are_not_dates():
    text = "حتى لا يترك أحد خلف الركب، وكان الأب حاضرا، وقد مارس عمله بصدق، وخطة 2030"
    assert find_dates(text) == []


def test_the_dateline_gives_the_publication_date():
    article = "عنوان الخبر هنا\n٢٧ يناير ٢٠٢٣\n(الرباط، 27 يناير 2023) - نظمت المنظمة"
    assert find_dateline(article) == PartialDate(2023, 1, 27)
    assert find_dateline("ترأس الوزير الخميس 24 أبريل 2025 لقاء مع ممثلي الوكالات كافة") is None


def test_json_form():
    (date,) = find_dates("بين يوليو وأغسطس 2025")
    assert date.as_json() == {
        "text": "بين يوليو وأغسطس 2025",
        "offset": 0,
        "length": 21,
        "start": "2025-07",
        "end": "2025-08",
        "precision": "month",
        "inferred": False,
    }


_WORDS = [
    *[
        "يناير",
        "كانون",
        "الثاني",
        "أيلول",
        "سبتمبر",
        "آب",
        "جمادى",
        "أول",
        "1446",
        "هـ",
        "رمضان",
        "شهر",
        "عام",
        "سنة",
        "الجاري",
        "الماضي",
        "المقبل",
    ],
    *[
        "من",
        "إلى",
        "وحتى",
        "و",
        "بين",
        "الفترة",
        "الخميس",
        "يوم",
        "أمس",
        "الثالث",
        "والعشرين",
        "عشر",
        "الأول",
        "هذا",
        "العام",
        "الشهر",
    ],
    *[
        "1",
        "12",
        "22",
        "31",
        "99",
        "2024",
        "٢٠٢٣",
        "۱۴",
        "1995",
        "2030",
        "-",
        "–",
        "/",
        "(",
        ")",
        "،",
        ".",
        "م",
        "الموافق",
    ],
]


@given(
    st.lists(st.sampled_from(_WORDS), max_size=14),
    st.sampled_from([None, "2024", "2024-04", "2024-04-26"]),
)
def test_any_sequence_of_date_words_reads_without_error_and_spans_hold(words, published):
    text = " ".join(words)
    anchor = PartialDate.parse(published) if published else None
    for date in find_dates(text, anchor):
        assert text[date.offset : date.offset + date.length] == date.text
        if date.start is not None and date.end is not None:
            assert date.end.sort_key >= date.start.sort_key
