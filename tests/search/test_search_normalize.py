"""The normaliser: the folds the issue lists, word breaks, idempotence, the offset map."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uneventtui.search.normalize import (
    normalize,
    normalize_with_map,
    original_span,
    strip_clitic,
)

FOLDS = [
    ("مُحَمَّد", "محمد"),  # harakat and shadda go
    ("الرَّحْمٰن", "الرحمن"),  # dagger alef goes
    ("عـــمـــر", "عمر"),  # tatweel goes
    ("أحمد", "احمد"),
    ("إبراهيم", "ابراهيم"),
    ("آدانوم", "ادانوم"),
    ("ٱلله", "الله"),  # alef wasla
    ("مصطفى", "مصطفي"),  # alef maqsura
    ("الصحة", "الصحه"),  # taa marbuta
    ("ایران", "ايران"),  # Farsi yeh
    ("کابل", "كابل"),  # keheh
    ("٢٠٢٥", "2025"),  # Arabic-Indic digits
    ("۱۹۹۵", "1995"),  # Extended Arabic-Indic digits
    ("Türk", "turk"),
    ("GENÈVE", "geneve"),
    ("Straße", "strasse"),
    ("Łódź, Ærø", "lodz aero"),
    ("Okonjo-Iweala", "okonjo iweala"),  # hyphen breaks words
    ("U.N. (DESA)", "u n desa"),
    ("عمر هلال، سفير المغرب.", "عمر هلال سفير المغرب"),  # Arabic comma and full stop
    ("O'Brien", "obrien"),  # apostrophes join
    ("  a \t b\n", "a b"),
    ("\u200fجنيف\u200e", "جنيف"),  # bidi marks are invisible, not breaks
    # Invisible format characters inside a word leave it one word (pasted text has them).
    ("جن\u200eيف", "جنيف"),  # LRM
    ("عبد\u200cالله", "عبدالله"),  # ZWNJ
    ("Hi\u00adlale", "hilale"),  # soft hyphen
    ("ﻻ", "لا"),  # presentation forms (NFKC)
]


@pytest.mark.parametrize(("text", "expected"), FOLDS)
def test_folds(text, expected):
    assert normalize(text) == expected


def test_hamza_on_waw_and_yaa_kept():
    # Only alef's hamza seats fold: ؤ and ئ are letters of their own in Lucene and CAMeL.
    assert normalize("مسؤول") == "مسؤول" and normalize("هيئة") == "هيئه"


ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
ANY = st.characters(blacklist_categories=("Cs",))
TEXT = st.text(st.one_of(ARABIC, ANY, st.sampled_from(" -.،ـ\u064b\u0651\u0670")), max_size=40)


@given(TEXT)
def test_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(TEXT)
def test_map_matches_normalize(text):
    norm, origin = normalize_with_map(text)
    assert norm == normalize(text)
    assert len(origin) == len(norm)
    assert all(0 <= i < len(text) for i in origin)
    assert origin == sorted(origin)


@given(st.lists(st.text(st.one_of(ARABIC, st.sampled_from("abcé'-")), min_size=1), max_size=6))
def test_word_by_word_equals_whole(words):
    # The index normalises word by word (with a cache); the query as a whole.
    text = " ".join(words)
    assert " ".join(filter(None, map(normalize, text.split()))) == normalize(text)


def test_span_extends_over_trailing_harakat():
    text = "مُحَمَّد عَلِي"
    norm, origin = normalize_with_map(text)
    assert norm == "محمد علي"
    assert text[slice(*original_span(text, origin, 0, 3))] == "مُحَمَّ"
    assert text[slice(*original_span(text, origin, 5, 8))] == "عَلِي"


CLITICS = [
    ("الصحه", "صحه"),
    ("والصحه", "صحه"),
    ("بالمغرب", "مغرب"),
    ("كالعاده", "عاده"),
    ("فالامر", "امر"),
    ("للتنميه", "تنميه"),
    ("وزاره", "زاره"),  # و from words of 4+ letters
    ("ولد", "ولد"),  # ... not from shorter ones
    ("ال", "ال"),
    ("الم", "الم"),  # at least two letters must remain
    ("alpha", "alpha"),  # Latin words keep their letters
]


@pytest.mark.parametrize(("word", "expected"), CLITICS)
def test_strip_clitic(word, expected):
    assert strip_clitic(word) == expected
