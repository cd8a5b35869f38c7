"""A URL is never broken mid-address when text is wrapped (issue #25, item 9):
the detail pane and `show` wrapped `…For-Social-D` / `evelopment`, and the
terminal's link detection opened a broken address."""

from __future__ import annotations

from pathlib import Path

import pytest

from uneventtui import loader
from uneventtui.commands.show import event_page
from uneventtui.output import Display
from uneventtui.text import layout
from uneventtui.text.cells import cell_len

URL = "https://www.un.org/en/conferences/social-development/Second-World-Summit-For-Social-Development"
TEXTS = [
    f"Source: the United Nations page {URL} (last visited 2025).",
    f"المصدر: صفحة الأمم المتحدة {URL} وفيها البرنامج.",
    f"({URL})",
    f"{URL} {URL}",
]
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini" / "data"


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("width", [10, 24, 40, 60, 80, 95, 120])
def test_a_url_is_on_one_line_whatever_the_width(text, width):
    lines = layout(text, width)
    assert sum(line.text.count(URL) for line in lines) == text.count(URL)
    for line in lines:
        if URL not in line.text:
            assert line.cells <= width  # only a URL line may be wider


def test_a_url_too_wide_gets_a_line_of_its_own():
    lines = [line.text for line in layout(TEXTS[0], 40)]
    assert lines == ["Source: the United Nations page", URL, "(last visited 2025)."]


def test_in_a_narrow_pane_a_url_can_be_cut_with_an_ellipsis_never_broken():
    lines = layout(TEXTS[0], 40, long_urls="cut")
    assert all(line.cells <= 40 for line in lines)
    cut = lines[1]
    assert cut.text == URL[:39] + "…"
    assert TEXTS[0][cut.start : cut.end] == URL  # the whole address stays reachable


def test_show_prints_a_long_url_whole_on_a_narrow_terminal():
    timeline = loader.load_timeline(MINI)
    event = timeline.event("2024-geneva-visit")
    urls = [
        line.split()[-1] for line in event_page(event, timeline, 200, Display()) if "://" in line
    ]
    assert urls, "the fixture event cites a URL"
    narrow = event_page(event, timeline, 40, Display())
    for url in urls:
        assert any(url in line for line in narrow), url
    assert all(cell_len(line) <= 40 for line in narrow if "://" not in line)
