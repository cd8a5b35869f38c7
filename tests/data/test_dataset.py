"""The shipped dataset: clean, sourced, quoting its seeds verbatim, Copenhagen to Doha."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from uneventtui.dataset import Dataset
from uneventtui.loader import check_dataset, collapse_ws
from uneventtui.text import is_rtl

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SEEDS = ROOT / "seeds"


def run_cli(*argv: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The command in a child process, using this checkout."""
    return subprocess.run(
        [sys.executable, "-m", "uneventtui.cli", *map(str, argv)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )


def test_shipped_dataset_passes_check():
    problems = check_dataset(DATA)
    assert problems == [], "\n".join(map(str, problems))


def test_the_timeline_is_substantial(shipped):
    assert len(shipped.events) >= 150
    assert len(shipped.entities) >= 60
    assert shipped.seeds_dir == SEEDS.resolve()


def test_every_quote_is_in_its_seed(shipped):
    quoted = [
        (owner, ref)
        for owner in [*shipped.events, *shipped.entities.values()]
        for ref in owner.sources
        if ref.quote is not None
    ]
    assert len(quoted) >= 20
    for owner, ref in quoted:
        source = shipped.sources[ref.source]
        assert source.kind == "seed", owner.id
        seed = (SEEDS / source.file).read_text(encoding="utf-8")
        assert collapse_ws(ref.quote) in collapse_ws(seed), f"{owner.id}: {ref.quote}"


def test_every_seed_is_cited_by_an_event(shipped):
    cited = {
        shipped.sources[ref.source].file
        for event in shipped.events
        for ref in event.sources
        if shipped.sources[ref.source].kind == "seed" and ref.quote
    }
    seeds = {p.name for p in SEEDS.glob("*.txt")}
    assert len(seeds) == 5
    assert seeds <= cited, f"never cited: {sorted(seeds - cited)}"


def test_every_event_has_a_source_and_both_titles(shipped):
    for event in shipped.events:
        assert event.sources, event.id
        assert event.title_ar and event.title_en, event.id


def test_copenhagen_1995_opens_and_doha_2025_closes_the_summit_track(shipped):
    summit = [e for e in shipped.events if e.track == "summit" and e.kind == "summit"]
    first, last = summit[0], summit[-1]
    assert first.start.iso() == "1995-03-06"
    assert first.end is not None and first.end.iso() == "1995-03-12"
    assert shipped.entities[first.place].name_en == "Copenhagen"
    assert last.start.iso() == "2025-11-04"
    assert last.end is not None and last.end.iso() == "2025-11-06"
    assert shipped.entities[last.place].name_en == "Doha"
    assert first.kind == last.kind == "summit"


def test_inferred_years_say_so(shipped):
    """Two seeds give a day without a year ("22 to 24 April", "22 July"): the events dated
    from them must say that the year is inferred."""
    for seed_file, day in [
        ("000_229ba7b9f742da60.txt", "2024-04-22"),
        ("004_69f5943f550353c0.txt", "2024-07-22"),
    ]:
        events = [
            e
            for e in shipped.events
            if any(shipped.sources[r.source].file == seed_file for r in e.sources)
            and e.start.iso() == day
        ]
        assert events, seed_file
        for event in events:
            assert event.date_note, event.id


def test_every_date_note_is_said_in_arabic_too(shipped):
    """An Arabic reader (`--lang ar`) learns that a date is inferred in Arabic."""
    noted = [e for e in shipped.events if e.date_note]
    assert noted
    for event in noted:
        assert is_rtl(event.date_note_ar), event.id
        # The same years are named in both notes: a translation, not a new claim.
        years = set(re.findall(r"\b(?:19|20)\d\d\b", event.date_note))
        assert years == set(re.findall(r"\b(?:19|20)\d\d\b", event.date_note_ar)), event.id


def test_events_json_on_the_shipped_data(shipped):
    result = run_cli("events", "--json", "--data", DATA)
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    # Read back against the model, field by field (not against the serializer itself).
    assert [e["id"] for e in events] == [e.id for e in shipped.events]
    for data, event in zip(events, shipped.events, strict=True):
        assert (data["kind"], data["track"]) == (event.kind, event.track)
        assert (data["title_ar"], data["title_en"]) == (event.title_ar, event.title_en)
        assert data["start"] == event.start.iso()
        assert data["end"] == (event.end.iso() if event.end else None)
        assert data["place"] == event.place
        assert [p["entity"] for p in data["participants"]] == [p.entity for p in event.participants]
        assert data["organizations"] == list(event.organizations)
        assert [r["source"] for r in data["sources"]] == [r.source for r in event.sources]
        assert data["summary_en"] == (event.summary_en or None)
        assert data["summary_ar"] == (event.summary_ar or None)
    keys = [(e["start"], e["id"]) for e in events]
    assert keys[0][1] == shipped.events[0].id
    for event in events:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event["start"])
        assert event["end"] is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event["end"])
        for ref in event["sources"]:
            assert ("quote" in ref) != ("url" in ref)


def test_show_lists_an_entitys_events(shipped):
    result = run_cli("show", "omar-hilale", "--json", "--data", DATA)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    ids = [e["id"] for e in shown["events"]]
    assert ids == [e.id for e in shipped.events_of("omar-hilale")]
    assert len(ids) >= 3
    assert all(
        any(p["entity"] == "omar-hilale" for p in e["participants"]) for e in shown["events"]
    )


def test_a_broken_copy_gets_one_clear_line_per_mistake(tmp_path):
    """Done-when: a bad date, a dangling reference and a field-name typo, from any directory."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    events = tmp_path / "data" / "events" / "summit-1995-2020.toml"
    text = events.read_text(encoding="utf-8")
    edits = [
        ('start = "1995-12-22"', 'start = "1995-12-32"'),
        ('place = "copenhagen"', 'place = "kopenhagen"'),
        ("title_en =", "titel_en ="),
    ]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    events.write_text(text, encoding="utf-8")
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    result = run_cli("check", "--data", tmp_path / "data", cwd=workdir)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3, result.stdout
    shown_file = f"{tmp_path}/data/events/summit-1995-2020.toml:"
    assert all(line.startswith(shown_file) for line in lines)
    by_field = {re.search(r"field '([^']+)'", line).group(1): line for line in lines}
    assert set(by_field) == {"start", "place", "titel_en"}
    assert "event '1995-12-22-res-50-161'" in by_field["start"]
    assert "'1995-12-32' is not a valid date" in by_field["start"]
    assert "event '1995-03-wssd-copenhagen'" in by_field["place"]
    assert "unknown entity 'kopenhagen'" in by_field["place"]
    assert "did you mean 'copenhagen'" in by_field["place"]
    assert "event '1995-03-wssd-copenhagen'" in by_field["titel_en"]
    assert "did you mean 'title_en'" in by_field["titel_en"]


def test_the_summit_track_has_an_event_every_year_from_copenhagen_to_doha():
    result = run_cli("check", "--stats", "--json", "--data", DATA)
    assert result.returncode == 0, result.stdout + result.stderr
    stats = json.loads(result.stdout)["stats"]
    by_year = {row["year"]: row["tracks"]["summit"] for row in stats["events_per_year"]}
    empty = [year for year in range(1995, 2026) if not by_year.get(year)]
    assert empty == [], f"summit track empty in {empty}"
    assert stats["events"] >= 150
    assert stats["entities_without_events"] == []


def test_check_stats_text_on_the_shipped_data():
    result = run_cli("check", "--stats", "--data", DATA)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Entities without events: 0" in lines
    rows = {line.split()[0]: line.split() for line in lines if line[:4].isdigit()}
    assert set(map(str, range(1995, 2026))) <= set(rows)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("WSSD", "1995-03-wssd-copenhagen"),
        ("WSSD2", "2025-11-wssd2-doha"),
        ("Copenhagen Declaration", "1995-03-12-copenhagen-declaration"),
        ("Copenhagen+5", "2000-06-ga-s24-geneva"),
        ("قمة كوبنهاغن", "1995-03-wssd-copenhagen"),
        ("قمة الدوحة", "2025-11-wssd2-doha"),
    ],
)
def test_summit_events_are_found_by_their_aliases(shipped, query, expected):
    hits = [hit.id for hit in Dataset(shipped).search(query, limit=5, kind="event")]
    assert expected in hits, hits


def test_copenhagen_declaration_finds_the_1995_summit_too(shipped):
    hits = [hit.id for hit in Dataset(shipped).search("Copenhagen Declaration", limit=5)]
    assert "1995-03-wssd-copenhagen" in hits


def test_no_misleading_aliases(shipped):
    """CSD is the Commission on Sustainable Development, ECA the Economic Commission for Africa."""
    for entity in shipped.entities.values():
        assert "CSD" not in entity.aliases, entity.id
        assert "ECA" not in entity.aliases, entity.id


def test_a_source_called_a_un_press_release_links_the_un_or_says_where_it_was_read(shipped):
    """A UN press release read on a mirror is cited by the UN's own page or the
    document symbol, or its title says it is a copy: a reader who follows the link
    must land where the source says."""
    from urllib.parse import urlparse

    for source in shipped.sources.values():
        if source.kind != "external" or not re.match(r"UN(IS)? press release", source.title):
            continue
        if "as archived" in source.title or "as relayed" in source.title:
            continue
        host = urlparse(source.url).hostname if source.url else None
        assert host is None or host.endswith(("un.org", "unvienna.org")), (source.id, host)
        assert source.url or source.symbol, source.id
