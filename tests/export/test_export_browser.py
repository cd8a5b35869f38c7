"""`export --format html` in a real browser: headless Chromium opens the page with a
local TimelineJS and the test reads the DOM it built.

Needs Chromium (Debian's `chromium`) and TimelineJS (npm's `@knight-lab/timelinejs`),
its dist directory named by UNEVENTTUI_TIMELINEJS; `.ci/run` installs both. Where
either is missing the tests skip saying so, and fail on CI (tests/needs.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from cli_helpers import run
from export_helpers import hostile_timeline
from needs import needs
from tui_fixture import shipped_timeline

from uneventtui.export import FORMATS, Export
from uneventtui.export.common import one_line
from uneventtui.filters import Filters
from uneventtui.model import PartialDate

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TIMELINEJS = os.environ.get("UNEVENTTUI_TIMELINEJS", "")

pytestmark = [
    needs("Chromium", CHROMIUM is not None, "Debian: apt-get install chromium"),
    needs(
        "TimelineJS's dist directory, named by UNEVENTTUI_TIMELINEJS",
        bool(TIMELINEJS) and (Path(TIMELINEJS) / "js" / "timeline.js").is_file(),
        "npm install --prefix DIR @knight-lab/timelinejs; "
        "UNEVENTTUI_TIMELINEJS=DIR/node_modules/@knight-lab/timelinejs/dist (.ci/run does)",
    ),
    pytest.mark.slow,
]


class Slides(HTMLParser):
    """TimelineJS's slides in a DOM: (id, {lang: headline text}) for each event slide
    (the title slide left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.slides: list[tuple[str, dict[str, str]]] = []
        self.injected: list[str] = []  # elements only markup from the data would make
        self._depth = 0  # of <div>s inside the current slide; 0: not in one
        self._in_headline = False
        self._lang: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and self._depth:
            self._depth += 1
        elif tag == "div" and "tl-slide" in classes and "tl-slide-titleslide" not in classes:
            self.slides.append((attrs.get("id") or "", {}))
            self._depth = 1
        elif tag == "h2" and "tl-headline" in classes and self._depth:
            self._in_headline = True
        elif tag == "span" and self._in_headline:
            self._lang = attrs.get("lang")
        if tag == "img" and "onerror" in attrs or tag == "b" and self._in_headline:
            self.injected.append(tag)

    def handle_endtag(self, tag):
        if tag == "div" and self._depth:
            self._depth -= 1
        elif tag == "h2":
            self._in_headline = False
        elif tag == "span":
            self._lang = None

    def handle_data(self, data):
        if self._in_headline and self._lang:
            texts = self.slides[-1][1]
            texts[self._lang] = texts.get(self._lang, "") + data


def open_in_chromium(page: Path, profile: Path) -> Slides:
    argv = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=5000",  # let TimelineJS finish what it starts after load
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=100)
    assert done.returncode == 0, done.stderr[-2000:]
    slides = Slides()
    slides.feed(done.stdout)
    return slides


def test_one_slide_per_exported_event_with_its_titles(capsys, tmp_path):
    page = tmp_path / "hilale-2024.html"
    argv = ("--entity", "omar-hilale", "--year", "2024")
    code, _, err = run(
        capsys, "export", "-f", "html", *argv, "--timelinejs", TIMELINEJS, "-o", str(page)
    )
    assert code == 0, err

    timeline = shipped_timeline()
    events = Filters(
        entities=("omar-hilale",), since=PartialDate(2024), until=PartialDate(2024)
    ).events(timeline)
    slides = open_in_chromium(page, tmp_path / "profile").slides
    assert [slide_id for slide_id, _ in slides] == [e.id for e in events]
    for (_, titles), event in zip(slides, events, strict=True):
        assert titles == {"en": event.title_en, "ar": event.title_ar}


def test_hostile_titles_stay_text_in_the_browser(tmp_path):
    timeline = hostile_timeline()
    export = Export(timeline, timeline.events, lang="ar", timelinejs=TIMELINEJS)
    page = tmp_path / "hostile.html"
    page.write_bytes(FORMATS["html"].write(export))
    slides = open_in_chromium(page, tmp_path / "profile")
    assert slides.injected == []
    assert [titles.get("en") for _, titles in slides.slides] == [
        one_line(e.title_en) for e in timeline.events
    ]
    assert [titles.get("ar") for _, titles in slides.slides] == [
        one_line(e.title_ar) for e in timeline.events
    ]
