"""The data model: partial dates keep their precision and sort as their first day."""

import pytest

from uneventtui.model import PartialDate, format_range


@pytest.mark.parametrize(
    ("text", "precision", "iso"),
    [
        ("1995", "year", "1995"),
        ("2025-07", "month", "2025-07"),
        ("1995-03-06", "day", "1995-03-06"),
    ],
)
def test_partial_date_keeps_its_precision(text, precision, iso):
    parsed = PartialDate.parse(text)
    assert parsed.precision == precision
    assert parsed.iso() == iso


@pytest.mark.parametrize("bad", ["95", "1995-13", "2025-02-30", "1995/03/06", "", "July 2025"])
def test_bad_dates_are_refused(bad):
    with pytest.raises(ValueError):
        PartialDate.parse(bad)


def test_july_2025_is_not_the_first_of_july():
    july = PartialDate.parse("2025-07")
    assert july.format("en") == "July 2025"
    assert july != PartialDate.parse("2025-07-01")
    assert july.sort_key == PartialDate.parse("2025-07-01").sort_key


def test_ranges_share_month_and_year():
    start, end = PartialDate.parse("1995-03-06"), PartialDate.parse("1995-03-12")
    assert format_range(start, end) == "6–12 March 1995"
    assert format_range(start, end, "ar") == "6–12 مارس 1995"
    assert format_range(start, None) == "6 March 1995"
