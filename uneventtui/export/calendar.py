"""iCalendar (RFC 5545), built with the icalendar library.

Day-precision events become all-day VEVENTs (DTEND the day after the last day, as the
RFC has it). An event known only to the month or the year is not a day in anyone's
calendar: it is left out unless asked for (`approximate`), and then it spans its whole
period and its DESCRIPTION says the date is approximate.
"""

from __future__ import annotations

from datetime import datetime, timezone

from uneventtui import __version__
from uneventtui.export import Export
from uneventtui.export.common import (
    citations,
    date_text,
    day_span,
    entity_name,
    is_day_precise,
    one_line,
    plain,
)
from uneventtui.model import Event, Timeline

UID_DOMAIN = "uneventtui.invalid"  # RFC 5545 UIDs: unique, stable across exports


def description(event: Event, timeline: Timeline, approximate: bool) -> str:
    lines = []
    if approximate:
        lines.append(
            f"Approximate date: the source gives {date_text(event)}; this entry spans "
            "that whole period."
        )
    lines += [plain(event.title_en), plain(event.title_ar), f"Date: {date_text(event)}"]
    if event.date_note:
        lines.append(f"Date note: {plain(event.date_note)}")
    if event.participants:
        names = [entity_name(timeline, p.entity) for p in event.participants]
        lines.append("Participants: " + "; ".join(one_line(n) for n in names))
    if event.organizations:
        names = [entity_name(timeline, o) for o in event.organizations]
        lines.append("Organisations: " + "; ".join(one_line(n) for n in names))
    if event.summary_en:
        lines.append(plain(event.summary_en))
    for number, cite in enumerate(citations(event, timeline), 1):
        where = " ".join(x for x in (cite.symbol, cite.url) if x)
        lines.append(f"[{number}] {one_line(cite.title)}" + (f" {where}" if where else ""))
    lines.append(f"uneventtui id: {event.id}")
    return "\n".join(lines)


def ics(export: Export) -> bytes:
    from icalendar import Calendar
    from icalendar import Event as VEvent

    calendar = Calendar()
    calendar.add("prodid", f"-//uneventtui//uneventtui {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    described = export.filters.describe("en", export.timeline)
    calendar.add("x-wr-calname", one_line("uneventtui" + (f": {described}" if described else "")))
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    timeline = export.timeline
    for event in export.events:
        exact = is_day_precise(event)
        if not exact and not export.approximate:
            continue
        first, after_last = day_span(event)
        entry = VEvent()
        entry.add("uid", f"{event.id}@{UID_DOMAIN}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", first)
        entry.add("dtend", after_last)
        title = event.title_ar if export.lang == "ar" else event.title_en
        entry.add("summary", one_line(title or event.id))
        entry.add("description", description(event, timeline, approximate=not exact))
        if event.place:
            entry.add("location", one_line(entity_name(timeline, event.place, export.lang)))
        url = next((c.url for c in citations(event, timeline) if c.url), None)
        if url:
            entry.add("url", url)
        entry.add("categories", [one_line(event.track), one_line(event.kind)])
        if not exact:
            entry.add("status", "TENTATIVE")
        calendar.add_component(entry)
    return calendar.to_ical()
