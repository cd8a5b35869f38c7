"""`uneventtui export`: each format on the shipped data, read back with a parser of
that format (Python's csv and json, icalendar, bibtexparser, rispy)."""

from __future__ import annotations

import csv
import io
import json
from calendar import monthrange
from datetime import date, timedelta

import bibtexparser
import rispy
from cli_helpers import run
from export_helpers import MINI_DATA
from tui_fixture import shipped_timeline

from uneventtui.export.common import cited_sources, is_day_precise
from uneventtui.filters import Filters
from uneventtui.model import PartialDate


def exported(capsysbinary, *argv: str) -> bytes:
    code, out, err = run(capsysbinary, "export", *argv)
    assert code == 0, err.decode()
    return out


def cited_in_shipped_data() -> list:
    timeline = shipped_timeline()
    return cited_sources(timeline.events, timeline)


def test_csv_round_trips_every_arabic_title(capsysbinary):
    out = exported(capsysbinary, "--format", "csv")
    assert out.startswith(b"id,start,end,") and b"\r\n" in out  # RFC 4180 rows
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8"), newline="")))
    timeline = shipped_timeline()
    assert [r["id"] for r in rows] == [e.id for e in timeline.events]
    for row, event in zip(rows, timeline.events, strict=True):
        assert row["title_ar"] == event.title_ar
        assert row["title_en"] == event.title_en
        assert row["start"] == event.start.iso() and row["date_precision"] == event.start.precision
    for row, event in zip(rows, timeline.events, strict=True):  # every source referenced
        for ref in event.sources:
            source = timeline.sources[ref.source]
            reference = " ".join(x for x in (source.symbol, ref.url or source.url) if x)
            assert (reference or ref.source) in row["sources"], (event.id, ref.source)
    doha = next(r for r in rows if r["id"] == "2025-11-wssd2-doha")
    assert "A/80/L.5" in doha["sources"] and "https://news.un.org/" in doha["sources"]
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())


def test_csv_excel_starts_with_a_bom(capsysbinary):
    out = exported(capsysbinary, "--format", "csv", "--excel", "--data", MINI_DATA)
    assert out.startswith(b"\xef\xbb\xbfid,start")
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"), newline="")))
    assert len(rows) == 4


def test_json_is_what_events_json_prints(capsysbinary):
    argv = ("--entity", "omar-hilale", "--year", "2024")
    out = exported(capsysbinary, "--format", "json", *argv)
    code, listed, _ = run(capsysbinary, "events", "--json", *argv)
    assert code == 0 and json.loads(out) == json.loads(listed) and json.loads(out)


def test_ics_has_one_vevent_per_day_precise_event(capsysbinary):
    from icalendar import Calendar

    timeline = shipped_timeline()
    exact = [e for e in timeline.events if is_day_precise(e)]
    rough = [e for e in timeline.events if not is_day_precise(e)]
    assert exact and rough  # the shipped data has both kinds

    calendar = Calendar.from_ical(exported(capsysbinary, "--format", "ics"))
    events = calendar.walk("VEVENT")
    assert [str(v["UID"]).split("@")[0] for v in events] == [e.id for e in exact]
    for vevent, event in zip(events, exact, strict=True):
        assert "DTSTAMP" in vevent
        start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
        assert start.isoformat() == event.start.iso()  # an all-day date, not a time
        last = date.fromisoformat((event.end or event.start).iso())
        assert end == last + timedelta(days=1)  # RFC 5545: the end is exclusive
        assert str(vevent["SUMMARY"]) == event.title_en

    with_rough = Calendar.from_ical(exported(capsysbinary, "--format", "ics", "--approximate"))
    by_uid = {str(v["UID"]).split("@")[0]: v for v in with_rough.walk("VEVENT")}
    assert set(by_uid) == {e.id for e in timeline.events}
    month = next(e for e in rough if e.start.precision == "month" and e.end is None)
    vevent = by_uid[month.id]
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert start == date(month.start.year, month.start.month, 1)  # the whole month
    year, number = month.start.year, month.start.month
    assert end == date(year, number, monthrange(year, number)[1]) + timedelta(days=1)
    assert str(vevent["DESCRIPTION"]).startswith("Approximate date")


def test_ics_spans_are_exclusive_of_the_day_after(capsysbinary):
    from icalendar import Calendar

    calendar = Calendar.from_ical(exported(capsysbinary, "--format", "ics", "--data", MINI_DATA))
    visit = next(v for v in calendar.walk("VEVENT") if "geneva" in str(v["UID"]))
    assert visit.decoded("DTSTART").isoformat() == "2024-04-22"
    assert visit.decoded("DTEND").isoformat() == "2024-04-25"  # 22-24 April, end exclusive
    assert "2025-doha-summit" not in calendar.to_ical().decode()  # November 2025: no day


def test_timelinejs_has_one_event_per_exported_event(capsysbinary):
    argv = ("--track", "summit", "--from", "2024")
    data = json.loads(exported(capsysbinary, "--format", "timelinejs", *argv))
    timeline = shipped_timeline()
    chosen = Filters(tracks=("summit",), since=PartialDate(2024)).events(timeline)
    assert [e["unique_id"] for e in data["events"]] == [e.id for e in chosen]
    for item, event in zip(data["events"], chosen, strict=True):
        start = item["start_date"]
        assert start["year"] == event.start.year
        assert ("month" in start) == (event.start.month is not None)  # partial stays partial
        assert ("day" in start) == (event.start.day is not None)
        assert event.title_ar in item["text"]["headline"]
    assert "headline" in data["title"]["text"]


def test_csl_json_is_a_valid_list_of_the_cited_sources(capsysbinary):
    items = json.loads(exported(capsysbinary, "--format", "csl-json"))
    assert [i["id"] for i in items] == [s.id for s in cited_in_shipped_data()]
    csl_types = {"report", "article-newspaper", "webpage", "article", "document"}
    for item in items:  # the fields the CSL-JSON schema requires, and typed ones
        assert isinstance(item["id"], str) and item["id"]
        assert item["type"] in csl_types
        assert isinstance(item["title"], str) and item["title"]
        if "issued" in item:
            parts = item["issued"]["date-parts"]
            assert len(parts) == 1 and 1 <= len(parts[0]) <= 3
            assert all(isinstance(x, int) for x in parts[0])
        if "URL" in item:
            assert item["URL"].startswith(("http://", "https://"))
    symbols = {i["number"]: i for i in items if "number" in i}
    assert "A/RES/78/261" in symbols and symbols["A/RES/78/261"]["type"] == "report"
    outlets = [i for i in items if "container-title" in i]
    assert outlets and all(i["type"] == "article-newspaper" for i in outlets)


def test_bibtex_parses_with_one_entry_per_source(capsysbinary):
    library = bibtexparser.parse_string(exported(capsysbinary, "--format", "bibtex").decode())
    sources = cited_in_shipped_data()
    assert not library.failed_blocks
    assert len(library.entries) == len(sources)
    assert len({e.key for e in library.entries}) == len(sources)
    reports = [e for e in library.entries if e.entry_type == "techreport"]
    assert any(e.fields_dict["number"].value == "A/RES/78/261" for e in reports)


def test_ris_parses_with_one_record_per_source(capsysbinary):
    records = rispy.loads(exported(capsysbinary, "--format", "ris").decode("utf-8"))
    sources = cited_in_shipped_data()
    assert [r["id"] for r in records] == [s.id for s in sources]
    assert all(r["type_of_reference"] in {"RPRT", "NEWS", "ELEC", "GEN"} for r in records)
    report = next(r for r in records if r.get("issn") == "A/RES/78/261")  # SN: report number
    assert report["type_of_reference"] == "RPRT"
    dated = [r for r in records if "date" in r]
    assert dated and all(r["date"].count("/") == 3 for r in dated)


def test_md_brief_has_a_section_per_event_and_numbered_citations(capsysbinary):
    text = exported(capsysbinary, "--format", "md", "--entity", "omar-hilale", "--year", "2024")
    text = text.decode("utf-8")
    timeline = shipped_timeline()
    chosen = Filters(entities=("omar-hilale",), since=PartialDate(2024), until=PartialDate(2024))
    events = chosen.events(timeline)
    assert text.startswith("---\ntitle: ") and "\nlang: en\n" in text
    assert text.count("\n## ") == len(events)
    assert text.count('::: {dir="rtl" lang="ar"}') >= len(events)
    for event in events:
        assert event.title_ar in text
    assert "\n1. " in text and "<https://" in text
    arabic = exported(capsysbinary, "--format", "md", "--lang", "ar", "--data", MINI_DATA)
    assert "\nlang: ar\n" in arabic.decode() and "- **التاريخ:**" in arabic.decode()
