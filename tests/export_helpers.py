"""What the filter and export tests share: the mini dataset, and a timeline of hostile
titles built in memory (the loader refuses control characters in titles; an exporter
must not rely on it)."""

from __future__ import annotations

from pathlib import Path

from uneventtui.model import (
    Entity,
    Event,
    Label,
    PartialDate,
    Participant,
    Source,
    SourceRef,
    Timeline,
)

ROOT = Path(__file__).resolve().parent.parent
MINI_DATA = str(ROOT / "tests" / "fixtures" / "mini" / "data")


# Titles a spreadsheet, a browser, a calendar or a terminal could misread.
HOSTILE_TITLES = {
    "formula": '=HYPERLINK("http://evil.example/","click")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3",
    "at": "@SUM(1+1)",
    "tab": "\tindented",
    "cr": "\rcarriage",
    "script": "</script><script>alert(1)</script>",
    "markup": '<img src=x onerror="alert(1)"> & <b>bold</b> [bold]rich[/]',
    "controls": "bell\x07 esc\x1b[31m nul\x00 del\x7f c1\x9b",
    "bidi": "\u202eevil.exe\u202c \u2067عمر\u2069",
    "tex": "50% of {braces} & $math$ #hash _under \\backslash ~tilde ^caret",
    "newline": "two\nlines\r\nhere",
}


def hostile_timeline() -> Timeline:
    """One event per hostile title (as its English and Arabic title), day-precision,
    with a hostile source: a javascript: URL that must never become a link."""
    sources = {
        "evil": Source(
            "evil",
            "external",
            title='</script> "quoted" {braces} =1+1',
            url="javascript:alert(1)",
            outlet="=outlet",
            symbol="A/RES/78/261",
            published=PartialDate(2025, 11, 4),
        ),
        "good": Source(
            "good", "external", title="Good <page>", url="https://example.org/a?b=1&c=<2>"
        ),
    }
    entities = {
        "place-x": Entity("place-x", "place", "مكان <x>", "=Place"),
        "person-x": Entity("person-x", "person", "شخص", "@Person"),
    }
    events = [
        Event(
            id=f"hostile-{name}",
            kind="summit",
            track="summit",
            title_ar=f"عنوان {title}",
            title_en=title,
            start=PartialDate(2025, 1, 1 + i),
            place="place-x",
            summary_en=title,
            participants=(Participant("person-x", "دور", "=role"),),
            organizations=(),
            sources=(SourceRef("evil"), SourceRef("good", url="https://example.org/q?x=1&y=2")),
        )
        for i, (name, title) in enumerate(HOSTILE_TITLES.items())
    ]
    return Timeline(
        events,
        entities,
        sources,
        tracks={"summit": Label("summit", "القمة", "Summit")},
        event_kinds={"summit": Label("summit", "قمة", "Summit")},
    )
