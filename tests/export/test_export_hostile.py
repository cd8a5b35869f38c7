"""Hostile titles in every export format: markup, `</script>`, control characters,
spreadsheet formulas, bidi controls, TeX specials, a javascript: URL. Each output is
read back with its own parser, and must hold the text as text and nothing more."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import bibtexparser
import pytest
import rispy
from export_helpers import HOSTILE_TITLES, hostile_timeline
from icalendar import Calendar

from uneventtui.export import FORMATS, Export
from uneventtui.export.common import one_line
from uneventtui.output import event_json
from uneventtui.text.sanitize import BIDI_CONTROLS

CONTROLS = {*map(chr, range(0x20)), "\x7f", *map(chr, range(0x80, 0xA0))} - {"\n", "\r"}
BIDI = set(map(chr, BIDI_CONTROLS))


def write(name: str, **options) -> bytes:
    timeline = hostile_timeline()
    return FORMATS[name].write(Export(timeline, timeline.events, **options))


@pytest.mark.parametrize("name", sorted(set(FORMATS) - {"json"}))
def test_no_raw_controls_bidi_or_unsafe_links(name):
    """No format but json (the data exactly, escaped) carries a control character, a
    bidi control or the javascript: URL; each keeps the events."""
    text = write(name, approximate=True).decode("utf-8")
    assert not CONTROLS & set(text), name
    assert not BIDI & set(text), name
    assert "javascript:" not in text.lower(), name
    assert text.strip()


def test_csv_neutralises_every_formula_and_keeps_the_rest():
    rows = list(csv.DictReader(io.StringIO(write("csv").decode("utf-8"), newline="")))
    assert len(rows) == len(HOSTILE_TITLES)
    for row in rows:
        for cell in row.values():
            assert not re.match(r"\s*[=+\-@]", cell), cell
    by_id = {r["id"]: r for r in rows}
    assert by_id["hostile-formula"]["title_en"] == "'" + HOSTILE_TITLES["formula"]
    assert by_id["hostile-at"]["title_en"] == "'@SUM(1+1)"
    assert by_id["hostile-tab"]["title_en"] == "indented"  # the leading tab goes
    assert by_id["hostile-cr"]["title_en"] == "carriage"  # the line break goes, not the word
    assert by_id["hostile-minus"]["title_en"] == "'-2+3"
    assert by_id["hostile-markup"]["title_en"] == HOSTILE_TITLES["markup"]  # text, not HTML
    assert by_id["hostile-controls"]["title_en"] == "bell␇ esc␛[31m nul␀ del␡ c1�"
    assert by_id["hostile-script"]["title_ar"] == "عنوان " + HOSTILE_TITLES["script"]
    assert by_id["hostile-formula"]["place"] == "place-x"
    assert "javascript" not in by_id["hostile-formula"]["sources"]


def test_json_holds_the_data_exactly():
    timeline = hostile_timeline()
    text = write("json").decode("utf-8")
    assert json.loads(text) == [event_json(e, timeline) for e in timeline.events]
    assert not (CONTROLS | BIDI) & set(text)  # escaped as \\uXXXX, read back the same


def test_ics_summaries_are_the_titles_as_one_line():
    calendar = Calendar.from_ical(write("ics"))
    summaries = [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")]
    assert summaries == [one_line(t) for t in HOSTILE_TITLES.values()]
    assert all(
        "URL" not in v or str(v["URL"]).startswith("https://") for v in calendar.walk("VEVENT")
    )


class Elements(HTMLParser):
    """Every start tag and every script's text, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def test_html_page_embeds_the_data_as_text_only():
    page = write("html", lang="ar").decode("utf-8")
    parsed = Elements()
    parsed.feed(page)
    tags = [tag for tag, _ in parsed.tags]
    assert tags.count("script") == 3  # the data, TimelineJS, the start: no injected one
    assert "img" not in tags and "b" in tags  # our <b> labels; the title's <b> stays text
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    assert parsed.tags[0] == ("html", {"lang": "ar", "dir": "rtl"})
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert links and all(href.startswith("https://") for href in links)
    data = json.loads(parsed.scripts[0])
    headlines = [e["text"]["headline"] for e in data["events"]]
    assert len(headlines) == len(HOSTILE_TITLES)
    for headline in headlines:
        inner = Elements()
        inner.feed(headline)  # what TimelineJS will put in the page
        assert [tag for tag, _ in inner.tags] == ["span", "br", "span"]
        assert ("span", {"dir": "rtl", "lang": "ar"}) in inner.tags
    assert "&lt;/script&gt;&lt;script&gt;" in json.dumps(data)


def test_timelinejs_json_escapes_html():
    data = json.loads(write("timelinejs"))
    text = json.dumps(data)
    assert "<script" not in text and "<img" not in text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in text


def test_md_escapes_markup_and_links_only_https():
    text = write("md").decode("utf-8")
    unescaped = re.findall(r"(?<!\\)[<\[]", text)  # what could open a tag or a link
    assert unescaped == ["<"] * len(HOSTILE_TITLES)  # each event's one https autolink
    assert r'\<img src=x onerror="alert(1)"\> \& \<b\>bold\</b\> \[bold\]rich\[/\]' in text
    assert re.findall(r"<([a-z]+:[^>]*)>", text) == ["https://example.org/q?x=1&y=2"] * len(
        HOSTILE_TITLES
    )
    assert '\n## \\=HYPERLINK("http://evil.example/"' in text  # text, not a link


def test_references_hold_hostile_titles_as_text():
    library = bibtexparser.parse_string(write("bibtex").decode("utf-8"))
    assert not library.failed_blocks and len(library.entries) == 2
    evil = library.entries[0]
    assert evil.fields_dict["title"].value.startswith('{</script> "quoted" \\{braces\\}')
    assert "url" not in evil.fields_dict
    records = rispy.loads(write("ris").decode("utf-8"))
    assert [r["title"] for r in records] == [
        '</script> "quoted" {braces} =1+1',
        "Good <page>",
    ]
    assert "urls" not in records[0] and records[1]["urls"] == [
        "https://example.org/a?b=1&c=%3C2%3E"
    ]
    items = json.loads(write("csl-json"))
    assert items[0]["title"] == '</script> "quoted" {braces} =1+1' and "URL" not in items[0]
