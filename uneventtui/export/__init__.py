"""Export: the events a `Filters` value selects, in the formats researchers use.

One registry (`FORMATS`) names every format, its file suffix and the function that
writes it; each format family lives in its own module, imported only when used
(`ics` needs the icalendar library, the others only the standard library). Every
writer takes the same `Export` value and returns bytes, so the command line writes
them to standard output or a file and the explorer can do the same.

Pure Python: nothing here imports Textual or Rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from uneventtui.filters import Filters
from uneventtui.model import Event, Timeline


@dataclass(frozen=True)
class Export:
    """What a writer gets: the events (in order), the timeline they come from (for
    names and sources), the filters that chose them (for titles), and the options."""

    timeline: Timeline
    events: Sequence[Event]
    filters: Filters = field(default_factory=Filters)
    lang: str = "en"  # the interface language of the html and md outputs
    approximate: bool = False  # ics: month- and year-precision dates too
    excel: bool = False  # csv: a BOM, so Excel reads UTF-8
    timelinejs: str | None = None  # html: a local TimelineJS dist (or a URL) for the CDN


class Format(NamedTuple):
    """One export format: its name, file suffix, one line of help and its writer
    ("module:function" under uneventtui.export)."""

    name: str
    suffix: str
    summary: str
    writer: str

    def write(self, export: Export) -> bytes:
        module, function = self.writer.split(":")
        writer: Callable[[Export], bytes] = getattr(
            importlib.import_module(f"uneventtui.export.{module}"), function
        )
        return writer(export)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("csv", ".csv", "one row per event, spreadsheet-safe", "table:write_csv"),
        Format("json", ".json", "the objects of `events --json`", "table:write_json"),
        Format("md", ".md", "a bilingual brief with numbered citations (pandoc-ready)", "brief:md"),
        Format("ics", ".ics", "an iCalendar file of all-day events", "calendar:ics"),
        Format("timelinejs", ".json", "the JSON TimelineJS reads", "timelinejs:timeline_json"),
        Format("html", ".html", "one page drawing the timeline with TimelineJS", "timelinejs:html"),
        Format("csl-json", ".json", "the sources cited, as CSL-JSON", "references:csl_json"),
        Format("bibtex", ".bib", "the sources cited, as BibTeX", "references:bibtex"),
        Format("ris", ".ris", "the sources cited, as RIS", "references:ris"),
    )
}


def export(format_name: str, export: Export) -> bytes:
    """The bytes of `export` in the format named `format_name` (a key of FORMATS)."""
    return FORMATS[format_name].write(export)
