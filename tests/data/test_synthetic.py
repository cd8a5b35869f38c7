"""The synthetic dataset generator: deterministic, realistic, and accepted by the loader."""

from __future__ import annotations

import collections

import pytest

import uneventtui
from uneventtui.dataset import Dataset
from uneventtui.loader import check_dataset
from uneventtui.synthetic import generate, generate_timeline, main, write_dataset


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    root = tmp_path_factory.mktemp("synthetic") / "data"
    write_dataset(root, events=600, entities=400, seed=7, per_file=150)
    return root


def test_loader_and_check_accept_it(written):
    assert check_dataset(written) == []
    timeline = uneventtui.load(written)
    assert len(timeline.events) == 600 and len(timeline.entities) == 400
    kinds = collections.Counter(e.kind for e in timeline.entities.values())
    assert set(kinds) == {"person", "organization", "place"}
    # Every event names a place, people with roles, and cites a source.
    event = timeline.events[0]
    assert event.place and event.sources
    assert all(p.role_en for e in timeline.events for p in e.participants)


def test_layout_splits_files_and_writes_seeds(written):
    assert (written / "dataset.toml").is_file() and (written / "vocabulary.toml").is_file()
    assert len(list((written / "entities").glob("*.toml"))) == 3
    assert len(list((written / "events").glob("*.toml"))) == 4
    seeds = list((written / "seeds").glob("*.txt"))
    assert seeds and all(s.read_text(encoding="utf-8").strip() for s in seeds)


def test_seed_quotes_are_verbatim(written):
    timeline = uneventtui.load(written)
    quoted = [r for e in timeline.events for r in e.sources if r.quote]
    assert quoted
    for ref in quoted[:50]:
        assert ref.quote in timeline.seed_text(ref.source)


def test_deterministic_from_the_seed(tmp_path):
    a = write_dataset(tmp_path / "a", events=50, entities=40, seed=3)
    b = write_dataset(tmp_path / "b", events=50, entities=40, seed=3)
    c = write_dataset(tmp_path / "c", events=50, entities=40, seed=4)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert (a / "entities" / "entities-000.toml").read_bytes() != (
        c / "entities" / "entities-000.toml"
    ).read_bytes()


def test_in_memory_timeline_matches_the_written_one(written):
    loaded = uneventtui.load(written)
    built = generate_timeline(events=600, entities=400, seed=7)
    assert [e.id for e in built.events] == [e.id for e in loaded.events]
    assert built.entities == loaded.entities
    assert [e.title_ar for e in built.events] == [e.title_ar for e in loaded.events]


def test_names_repeat_like_real_data():
    data = generate(events=200, entities=2000, seed=1)
    people = [e for e in data.entities if e["kind"] == "person"]
    words = collections.Counter(w for p in people for w in p["name_ar"].split())
    # Built from parts: common given and family names recur across many people.
    assert words.most_common(1)[0][1] >= 20
    assert any(any("\u0600" <= c <= "\u06ff" for c in p["name_ar"]) for p in people)
    assert all(
        p["name_en"].isascii()
        or "ü" in p["name_en"]
        or "é" in p["name_en"]
        or "á" in p["name_en"]
        or "ç" in p["name_en"]
        or "ó" in p["name_en"]
        for p in people[:50]
    )
    orgs = [e for e in data.entities if e["kind"] == "organization"]
    assert any(o["name_ar"].startswith("منظمة") and o["name_ar"].endswith("الدولية") for o in orgs)
    assert any(o["aliases"] for o in orgs)  # acronyms


def test_search_finds_generated_names():
    timeline = generate_timeline(events=300, entities=300, seed=2)
    person = next(e for e in timeline.entities.values() if e.kind == "person")
    hits = Dataset(timeline).search(person.name_ar)
    assert hits and hits[0].tier == "exact"
    assert person.name_ar in {timeline.entities[h.id].name_ar for h in hits if h.kind == "person"}


def test_command_line(tmp_path, capsys):
    assert main([str(tmp_path / "d"), "--events", "20", "--entities", "15", "--seed", "5"]) == 0
    assert "15 entities and 20 events" in capsys.readouterr().out
    assert check_dataset(tmp_path / "d") == []
    with pytest.raises(SystemExit):
        main([str(tmp_path / "e"), "--entities", "0"])
