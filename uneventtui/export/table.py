"""Tabular exports: CSV (RFC 4180, safe in a spreadsheet) and JSON (the `events --json`
objects)."""

from __future__ import annotations

import csv as csv_module
import io

from uneventtui.export import Export
from uneventtui.export.common import one_line, safe_url
from uneventtui.model import Event, Timeline
from uneventtui.output import event_json, to_json

CSV_COLUMNS = (
    "id",
    "start",
    "end",
    "date_precision",
    "track",
    "kind",
    "title_ar",
    "title_en",
    "place",
    "participants",
    "organizations",
    "sources",
)

# A cell a spreadsheet would run as a formula starts with one of these (OWASP, "CSV
# Injection"); a leading space does not stop LibreOffice, so it is looked past.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(cell: str) -> str:
    """`cell`, with a single quote in front when a spreadsheet would read it as a
    formula (OWASP's advice: the quote makes it text, and shows what was there)."""
    if cell.startswith(_FORMULA_STARTS) or cell.lstrip(" ").startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def source_references(event: Event, timeline: Timeline) -> str:
    """Each source as its UN symbol and/or http(s) URL (else its id), "; " between."""
    refs = []
    for ref in event.sources:
        source = timeline.sources.get(ref.source)
        parts = [source.symbol] if source and source.symbol else []
        url = safe_url(ref.url) or safe_url(source.url if source else None)
        if url:
            parts.append(url)
        refs.append(" ".join(parts) if parts else ref.source)
    return "; ".join(dict.fromkeys(refs))


def csv_row(event: Event, timeline: Timeline) -> list[str]:
    cells = [
        event.id,
        event.start.iso(),
        event.end.iso() if event.end else "",
        event.start.precision,
        event.track,
        event.kind,
        event.title_ar,
        event.title_en,
        event.place or "",
        "; ".join(p.entity for p in event.participants),
        "; ".join(event.organizations),
        source_references(event, timeline),
    ]
    return [neutralise(one_line(cell)) for cell in cells]


def write_csv(export: Export) -> bytes:
    """RFC 4180: CRLF rows, quotes where needed, UTF-8 (with a BOM for Excel)."""
    out = io.StringIO()
    writer = csv_module.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in export.events:
        writer.writerow(csv_row(event, export.timeline))
    data = out.getvalue().encode("utf-8")
    return b"\xef\xbb\xbf" + data if export.excel else data


def write_json(export: Export) -> bytes:
    """The same objects, keys and escapes as `uneventtui events --json`."""
    return (to_json([event_json(e, export.timeline) for e in export.events]) + "\n").encode()
