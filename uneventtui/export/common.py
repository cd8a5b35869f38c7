"""What the export formats share: plain text from the data, safe links, citations,
names and dates."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple
from urllib.parse import quote, urlsplit

from uneventtui.model import Event, PartialDate, Source, Timeline, format_range
from uneventtui.text.sanitize import sanitize

# Kept as they are in a URL; everything else (spaces, quotes, angle brackets, braces,
# backslashes, controls, non-ASCII) is percent-encoded, so a URL cannot end early in
# any of the formats (HTML attributes, Markdown <autolinks>, BibTeX braces, RIS lines).
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http or https URL with a host (percent-encoded where a
    format could misread it), else None: nothing else is ever emitted as a link."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url, safe=_URL_SAFE)


def plain(text: str | None) -> str:
    """Text from the data for a human-readable format: the control-character policy
    of the terminal (`uneventtui.text.sanitize`): controls shown as their pictures,
    bidi controls dropped, line breaks as "\\n"."""
    return sanitize(text or "")


def one_line(text: str | None) -> str:
    """`plain`, its line breaks as spaces (titles, table cells, RIS lines)."""
    return re.sub(r"\s*\n\s*", " ", plain(text)).strip()


class Citation(NamedTuple):
    """One source an event cites: its id, what to call it, where to find it."""

    source: str
    title: str
    outlet: str | None
    published: PartialDate | None
    symbol: str | None
    url: str | None  # http(s) only
    quote: str | None  # for a seed: the quoted passage
    file: str | None  # for a seed: the article's file


def citations(event: Event, timeline: Timeline) -> list[Citation]:
    """The event's sources, in its order, each once."""
    found: dict[str, Citation] = {}
    for ref in event.sources:
        if ref.source in found:
            continue
        source = timeline.sources.get(ref.source) or Source(ref.source, "external")
        found[ref.source] = Citation(
            source=ref.source,
            title=source.title or source.symbol or ref.source,
            outlet=source.outlet,
            published=source.published,
            symbol=source.symbol,
            url=safe_url(ref.url) or safe_url(source.url),
            quote=ref.quote,
            file=source.file,
        )
    return list(found.values())


def cited_sources(events: Sequence[Event], timeline: Timeline) -> list[Source]:
    """The sources the events cite, in order of first citation, each once."""
    seen: dict[str, Source] = {}
    for event in events:
        for ref in event.sources:
            if ref.source not in seen:
                seen[ref.source] = timeline.sources.get(ref.source) or Source(
                    ref.source, "external"
                )
    return list(seen.values())


def entity_name(timeline: Timeline, entity_id: str | None, lang: str = "en") -> str:
    """An entity's name in `lang`, its id when it is unknown, "" for None."""
    if not entity_id:
        return ""
    entity = timeline.entities.get(entity_id)
    if entity is None:
        return entity_id
    return entity.name_ar if lang == "ar" else entity.name_en


def label_name(labels: dict, label_id: str, lang: str = "en") -> str:
    label = labels.get(label_id)
    if label is None:
        return label_id
    return label.name_ar if lang == "ar" else label.name_en


def date_text(event: Event, lang: str = "en") -> str:
    """The event's dates as the data states them, e.g. "6–12 March 1995"."""
    return format_range(event.start, event.end, lang)


def is_day_precise(event: Event) -> bool:
    """Are both ends of the event known to the day?"""
    return event.start.precision == "day" and (event.end is None or event.end.precision == "day")


def first_day(when: PartialDate) -> date:
    return date(when.year, when.month or 1, when.day or 1)


def last_day(when: PartialDate) -> date:
    """The last day a partial date can stand for (30 April, 28 February)."""
    if when.day is not None:
        return date(when.year, when.month or 1, when.day)
    month = when.month or 12
    return date(when.year, month, monthrange(when.year, month)[1])


def day_span(event: Event) -> tuple[date, date]:
    """(first day, the day after the last): the event's days, the end exclusive."""
    return first_day(event.start), last_day(event.end or event.start) + timedelta(days=1)


def has_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" for char in text)


# The words of the exports' interface (md, html), in its two languages.
WORDS = {
    "en": {
        "title": "Events",
        "date": "Date",
        "place": "Place",
        "participants": "Participants",
        "organizations": "Organisations",
        "kind": "Kind",
        "track": "Track",
        "id": "Id",
        "sources": "Sources",
        "note": "Date note",
        "quote": "quoted",
        "none": "No events match.",
        "filters": "Filters",
        "count": "{n} events",
        "noscript": "The timeline needs JavaScript; the events are listed below.",
        "made": "Exported by uneventtui",
    },
    "ar": {
        "title": "الأحداث",
        "date": "التاريخ",
        "place": "المكان",
        "participants": "المشاركون",
        "organizations": "المنظمات",
        "kind": "النوع",
        "track": "المسار",
        "id": "المعرّف",
        "sources": "المصادر",
        "note": "ملاحظة التاريخ",
        "quote": "اقتباس",
        "none": "لا أحداث مطابقة.",
        "filters": "المرشحات",
        "count": "{n} حدثًا",
        "noscript": "يحتاج الخط الزمني إلى JavaScript؛ الأحداث مدرجة أدناه.",
        "made": "صدّره uneventtui",
    },
}
