"""The loader: a valid dataset loads; each kind of mistake is one clear, located problem.

Every broken dataset here is the small valid fixture (tests/fixtures/mini) with one
edit, so each test shows exactly which mistake produces which message.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from uneventtui.loader import DataError, Problem, check_dataset, load_timeline
from uneventtui.model import PartialDate

MINI = Path(__file__).parents[1] / "fixtures" / "mini"


def copy_mini(tmp_path: Path) -> Path:
    """A fresh copy of the fixture; returns its data directory."""
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini" / "data"


def edit(data: Path, file: str, old: str, new: str) -> None:
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only_problem(data: Path) -> Problem:
    problems = check_dataset(data)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def assert_names(problem: Problem, file: str, entry: str | None, field: str | None) -> str:
    """The problem names the file, the entry and the field, in its one line."""
    line = str(problem)
    assert "\n" not in line
    assert problem.file.endswith(file), line
    assert line.startswith(problem.file), line
    assert problem.entry == entry, line
    assert problem.field == field, line
    for part in (entry, field):
        if part is not None:
            assert f"'{part}'" in line, line
    return line


# --- The valid fixture -----------------------------------------------------------


def test_fixture_is_clean_and_loads():
    assert check_dataset(MINI / "data") == []
    timeline = load_timeline(MINI / "data")
    assert [e.id for e in timeline.events] == [
        "2024-resolution-78-261",
        "2024-geneva-visit",
        "2025-doha-summit",
    ]
    assert set(timeline.entities) == {"omar-hilale", "who", "geneva", "doha"}
    assert timeline.seeds_dir == (MINI / "seeds").resolve()
    assert set(timeline.tracks) == {"summit", "migration"}
    assert timeline.event_kinds["visit"].name_en == "Visit"


def test_loaded_values_keep_their_meaning():
    timeline = load_timeline(MINI / "data")
    visit = timeline.event("2024-geneva-visit")
    assert visit is not None
    assert visit.start == PartialDate(2024, 4, 22)
    assert visit.end == PartialDate(2024, 4, 24)
    assert visit.place == "geneva"
    assert visit.participants[0].entity == "omar-hilale"
    assert visit.participants[0].role_en == "co-facilitator"
    assert visit.organizations == ("who",)
    assert visit.sources[0].quote == "قام بزيارة عمل إلى جنيف مع نظيره البلجيكي"
    assert visit.sources[1].source == "desa-wssd2"
    assert "inferred" in visit.date_note
    assert "مستنتجة" in visit.date_note_ar
    # "November 2025" stays a month: it never becomes 1 November.
    doha = timeline.event("2025-doha-summit")
    assert doha is not None and doha.start.iso() == "2025-11"
    assert timeline.entities["omar-hilale"].aliases == ("Hilale", "هلال")
    assert [e.id for e in timeline.events_of("omar-hilale")] == ["2024-geneva-visit"]
    assert timeline.sources["ares-78-261"].symbol == "A/RES/78/261"
    assert timeline.seed_text("seed-geneva").startswith("سفير المغرب")


def test_event_aliases_load_in_order(tmp_path):
    data = copy_mini(tmp_path)
    edit(data, "events.toml", 'place = "doha"', 'place = "doha"\naliases = ["WSSD2", "قمة الدوحة"]')
    timeline = load_timeline(data)
    assert timeline.event("2025-doha-summit").aliases == ("WSSD2", "قمة الدوحة")
    assert timeline.event("2024-geneva-visit").aliases == ()


def test_load_raises_data_error_with_every_problem(tmp_path):
    data = copy_mini(tmp_path)
    edit(data, "events.toml", 'start = "2024-02-26"', 'start = "2024-02-30"')
    edit(data, "entities.toml", 'name_en = "Doha"', "name_en = 5")
    with pytest.raises(DataError) as caught:
        load_timeline(data)
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == ["name_en", "start"]
    assert "2 problems" in str(caught.value)


def test_shipped_path_default_is_used_when_none(monkeypatch, tmp_path):
    data = copy_mini(tmp_path)
    monkeypatch.setattr("uneventtui.paths.shipped_data_dir", lambda: data)
    assert [e.id for e in load_timeline().events][-1] == "2025-doha-summit"
    # Shown relative to the data directory's parent.
    edit(data, "events.toml", 'start = "2025-11"', 'start = "2025-13"')
    assert str(check_dataset()[0]).startswith("data/events.toml:")


# --- One broken fixture per kind of mistake --------------------------------------

# (file, old, new, entry, field, words the message must contain)
CASES = {
    "bad date": (
        "events.toml",
        'start = "2024-02-26"',
        'start = "2024-02-30"',
        "2024-resolution-78-261",
        "start",
        ["'2024-02-30' is not a valid date"],
    ),
    "date in words": (
        "events.toml",
        'start = "2025-11"',
        'start = "November 2025"',
        "2025-doha-summit",
        "start",
        ["is not a date such as"],
    ),
    "date as a number": (
        "events.toml",
        'start = "2025-11"',
        "start = 2025",
        "2025-doha-summit",
        "start",
        ["not a number"],
    ),
    "date with a time": (
        "events.toml",
        'start = "2025-11"',
        "start = 2025-11-04T10:00:00",
        "2025-doha-summit",
        "start",
        ["without a time"],
    ),
    "end before start": (
        "events.toml",
        'end = "2024-04-24"',
        'end = "2024-03"',
        "2024-geneva-visit",
        "end",
        ["before it starts"],
    ),
    "Arabic date note alone": (
        "events.toml",
        'date_note = "The article gives 22–24 April without a year; 2024 is inferred."\n',
        "",
        "2024-geneva-visit",
        "date_note_ar",
        ["needs a date_note too"],
    ),
    "missing required field": (
        "events.toml",
        'title_en = "Resolution 78/261"\n',
        "",
        "2024-resolution-78-261",
        "title_en",
        ["missing required field"],
    ),
    "typo in a field name": (
        "events.toml",
        "summary_en =",
        "sumary_en =",
        "2024-resolution-78-261",
        "sumary_en",
        ["unknown field", "did you mean 'summary_en'"],
    ),
    "typo in a required field name": (
        "events.toml",
        'title_en = "Resolution 78/261"',
        'titel_en = "Resolution 78/261"',
        "2024-resolution-78-261",
        "titel_en",
        ["did you mean 'title_en'", "required"],
    ),
    "typo in a nested field": (
        "events.toml",
        'role_en = "co-facilitator"',
        'rol_en = "co-facilitator"',
        "2024-geneva-visit",
        "participants[0].rol_en",
        ["did you mean 'role_en'"],
    ),
    "number where a string is expected": (
        "entities.toml",
        'name_en = "Geneva"',
        "name_en = 1",
        "geneva",
        "name_en",
        ["expected a string, not a number"],
    ),
    "aliases not a list": (
        "entities.toml",
        'aliases = ["WHO"]',
        'aliases = "WHO"',
        "who",
        "aliases",
        ["expected a list of strings"],
    ),
    "aliases not strings": (
        "entities.toml",
        'aliases = ["WHO"]',
        'aliases = ["WHO", 7]',
        "who",
        "aliases[1]",
        ["expected a string, not a number"],
    ),
    "event aliases not a list": (
        "events.toml",
        'place = "doha"',
        'place = "doha"\naliases = "WSSD2"',
        "2025-doha-summit",
        "aliases",
        ["expected a list of strings"],
    ),
    "event alias not a string": (
        "events.toml",
        'place = "doha"',
        'place = "doha"\naliases = ["WSSD2", 2]',
        "2025-doha-summit",
        "aliases[1]",
        ["expected a string, not a number"],
    ),
    "event alias empty": (
        "events.toml",
        'place = "doha"',
        'place = "doha"\naliases = ["WSSD2", " "]',
        "2025-doha-summit",
        "aliases[1]",
        ["must not be empty"],
    ),
    "event alias twice": (
        "events.toml",
        'place = "doha"',
        'place = "doha"\naliases = ["WSSD2", "WSSD2"]',
        "2025-doha-summit",
        "aliases[1]",
        ["'WSSD2' is listed twice"],
    ),
    "event alias with a control character": (
        "events.toml",
        'place = "doha"',
        'place = "doha"\naliases = ["WSSD\\u001b2"]',
        "2025-doha-summit",
        "aliases[0]",
        ["control character U+001B"],
    ),
    "empty string": (
        "entities.toml",
        'name_ar = "جنيف"',
        'name_ar = "  "',
        "geneva",
        "name_ar",
        ["must not be empty"],
    ),
    "control character": (
        "entities.toml",
        'name_en = "Geneva"',
        'name_en = "Gen\\u001b[31meva"',
        "geneva",
        "name_en",
        ["control character U+001B"],
    ),
    "bad id": (
        "events.toml",
        'id = "2025-doha-summit"',
        'id = "2025 Doha summit"',
        "2025 Doha summit",
        "id",
        ["not a valid id"],
    ),
    "unknown place": (
        "events.toml",
        'place = "doha"',
        'place = "dohaa"',
        "2025-doha-summit",
        "place",
        ["unknown entity 'dohaa'", "did you mean 'doha'"],
    ),
    "place that is not a place": (
        "events.toml",
        'place = "doha"',
        'place = "who"',
        "2025-doha-summit",
        "place",
        ["'who' is an organization, expected place"],
    ),
    "unknown participant": (
        "events.toml",
        'entity = "omar-hilale"',
        'entity = "omar-hilal"',
        "2024-geneva-visit",
        "participants[0].entity",
        ["unknown entity 'omar-hilal'"],
    ),
    "organization that is a person": (
        "events.toml",
        'organizations = ["who"]',
        'organizations = ["omar-hilale"]',
        "2024-geneva-visit",
        "organizations[0]",
        ["'omar-hilale' is a person, expected organization"],
    ),
    "unknown source": (
        "events.toml",
        '{ source = "desa-wssd2" }',
        '{ source = "desa-wsd2" }',
        "2024-geneva-visit",
        "sources[1].source",
        ["unknown source 'desa-wsd2'"],
    ),
    "unknown event kind": (
        "events.toml",
        'kind = "resolution"',
        'kind = "resolutoin"',
        "2024-resolution-78-261",
        "kind",
        ["unknown event kind 'resolutoin'", "did you mean 'resolution'"],
    ),
    "unknown track": (
        "events.toml",
        'track = "summit"\ntitle_ar = "القرار',
        'track = "sumit"\ntitle_ar = "القرار',
        "2024-resolution-78-261",
        "track",
        ["unknown track 'sumit'"],
    ),
    "unknown entity kind": (
        "entities.toml",
        'kind = "place"\nsubkind = "city"\nname_ar = "الدوحة"',
        'kind = "city"\nsubkind = "city"\nname_ar = "الدوحة"',
        "doha",
        "kind",
        ["unknown entity kind 'city'"],
    ),
    "unknown source kind": (
        "sources.toml",
        'kind = "external"\nsymbol',
        'kind = "document"\nsymbol',
        "ares-78-261",
        "kind",
        ["unknown source kind 'document'"],
    ),
    "quote not in its seed": (
        "events.toml",
        "قام بزيارة عمل إلى جنيف",
        "قام بزيارة رسمية إلى جنيف",
        "2024-geneva-visit",
        "sources[0].quote",
        ["quote not found in seed 'seed-geneva'"],
    ),
    "seed cited without a quote": (
        "events.toml",
        '{ source = "seed-geneva", quote = "قام بزيارة عمل إلى جنيف مع نظيره البلجيكي" }',
        '{ source = "seed-geneva" }',
        "2024-geneva-visit",
        "sources[0].quote",
        ["missing the verbatim quote"],
    ),
    "external source quoted": (
        "events.toml",
        '{ source = "ares-78-261" }',
        '{ source = "ares-78-261", quote = "decides" }',
        "2024-resolution-78-261",
        "sources[0].quote",
        ["cite an external source by its url"],
    ),
    "seed file missing": (
        "sources.toml",
        'file = "geneva-visit.txt"',
        'file = "geneva-vist.txt"',
        "seed-geneva",
        "file",
        ["seed file 'geneva-vist.txt' not found", "did you mean 'geneva-visit.txt'"],
    ),
    "external source without url or symbol": (
        "sources.toml",
        'symbol = "A/RES/78/261"',
        'title = "Resolution 78/261"',
        "ares-78-261",
        "url",
        ["needs a url or a symbol"],
    ),
    "event without sources": (
        "events.toml",
        'sources = [{ source = "ares-78-261" }]',
        "sources = []",
        "2024-resolution-78-261",
        "sources",
        ["at least one source"],
    ),
    "participant listed twice": (
        "events.toml",
        'role_en = "co-facilitator" }]',
        'role_en = "co-facilitator" }, { entity = "omar-hilale" }]',
        "2024-geneva-visit",
        "participants[1].entity",
        ["listed twice"],
    ),
    "event id shared with an entity": (
        "events.toml",
        'id = "2025-doha-summit"',
        'id = "doha"',
        "doha",
        "id",
        ["also an entity's"],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_mistake_is_one_located_problem(tmp_path, case):
    file, old, new, entry, field, words = CASES[case]
    data = copy_mini(tmp_path)
    edit(data, file, old, new)
    problem = only_problem(data)
    line = assert_names(problem, f"data/{file}", entry, field)
    for word in words:
        assert word in line
    assert problem.line is not None, line  # the line of the field, for the editor


def test_the_line_number_is_the_fields_line(tmp_path):
    data = copy_mini(tmp_path)
    edit(data, "events.toml", 'place = "doha"', 'place = "dohaa"')
    problem = only_problem(data)
    lines = (data / "events.toml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1] == 'place = "dohaa"'
    assert str(problem).startswith(f"{problem.file}:{problem.line}: event '2025-doha-summit'")


def test_toml_syntax_error_gives_line_and_column(tmp_path):
    data = copy_mini(tmp_path)
    edit(data, "entities.toml", 'subkind = "agency"', "subkind = agency")
    problem = only_problem(data)
    assert problem.file.endswith("data/entities.toml")
    assert (problem.line, problem.column) == (12, 11)
    assert "TOML syntax error" in str(problem)
    assert str(problem).startswith(f"{problem.file}:12:11: ")


def test_file_that_is_not_utf8(tmp_path):
    data = copy_mini(tmp_path)
    (data / "latin1.toml").write_bytes('[[track]]\nid = "t"\nname_ar = "é"\n'.encode("latin-1"))
    problem = only_problem(data)
    assert problem.file.endswith("data/latin1.toml")
    assert problem.line == 3
    assert "not valid UTF-8" in str(problem)


def test_seed_that_is_not_utf8(tmp_path):
    data = copy_mini(tmp_path)
    (data.parent / "seeds" / "geneva-visit.txt").write_bytes(b"\xff\xfe broken")
    problem = only_problem(data)
    assert_names(problem, "data/sources.toml", "seed-geneva", "file")
    assert "cannot be read as UTF-8" in str(problem)


def test_duplicate_id_names_both_files(tmp_path):
    data = copy_mini(tmp_path)
    (data / "more").mkdir()
    (data / "more" / "places.toml").write_text(
        '[[entity]]\nid = "geneva"\nkind = "place"\nname_ar = "جنيف"\nname_en = "Geneva"\n',
        encoding="utf-8",
    )
    problem = only_problem(data)
    line = assert_names(problem, "data/more/places.toml", "geneva", "id")
    assert "duplicate entity id" in line
    assert "data/entities.toml" in line


def test_source_id_shared_with_an_event(tmp_path):
    data = copy_mini(tmp_path)
    (data / "more.toml").write_text(
        '[[source]]\nid = "2025-doha-summit"\nkind = "external"\nurl = "https://example.org"\n',
        encoding="utf-8",
    )
    problem = only_problem(data)
    line = assert_names(problem, "data/more.toml", "2025-doha-summit", "id")
    assert "also an event's, in" in line and "events.toml" in line


def test_unknown_table_is_reported(tmp_path):
    data = copy_mini(tmp_path)
    (data / "extra.toml").write_text('[[evnt]]\nid = "x"\n', encoding="utf-8")
    problem = only_problem(data)
    assert problem.file.endswith("data/extra.toml")
    assert "unknown table 'evnt'" in str(problem)
    assert "did you mean 'event'" in str(problem)


def test_table_written_with_single_brackets(tmp_path):
    data = copy_mini(tmp_path)
    (data / "extra.toml").write_text('[event]\nid = "x"\n', encoding="utf-8")
    problem = only_problem(data)
    assert "write [[event]]" in str(problem)


def test_missing_seeds_directory(tmp_path):
    data = copy_mini(tmp_path)
    edit(data, "vocabulary.toml", 'seeds = "../seeds"', 'seeds = "../articles"')
    problem = only_problem(data)
    assert_names(problem, "data/vocabulary.toml", None, "seeds")
    assert "does not exist" in str(problem)


def test_seeds_setting_is_relative_to_the_data_directory(tmp_path):
    data = copy_mini(tmp_path)
    (data.parent / "seeds").rename(data.parent / "articles")
    edit(data, "vocabulary.toml", 'seeds = "../seeds"', 'seeds = "../articles"')
    assert load_timeline(data).seeds_dir == (data.parent / "articles").resolve()


def test_quote_matches_across_line_breaks_and_spaces(tmp_path):
    data = copy_mini(tmp_path)
    edit(
        data,
        "events.toml",
        'quote = "قام بزيارة عمل إلى جنيف مع نظيره البلجيكي"',
        'quote = """قام  بزيارة عمل\n  إلى جنيف مع نظيره البلجيكي"""',
    )
    assert check_dataset(data) == []


def test_every_problem_is_reported_at_once(tmp_path):
    data = copy_mini(tmp_path)
    edit(data, "events.toml", 'start = "2024-02-26"', 'start = "2024-2-26"')
    edit(data, "events.toml", 'place = "doha"', 'place = "who"')
    edit(data, "entities.toml", "description_en", "descripton_en")
    (data / "zz.toml").write_text("[[track]\n", encoding="utf-8")
    problems = check_dataset(data)
    assert [(Path(p.file).name, p.field) for p in problems] == [
        ("entities.toml", "descripton_en"),
        ("events.toml", "start"),
        ("events.toml", "place"),
        ("zz.toml", None),
    ]


def test_missing_or_empty_data_directory(tmp_path):
    (problem,) = check_dataset(tmp_path / "nowhere")
    assert "does not exist" in str(problem)
    (problem,) = check_dataset(tmp_path)
    assert "no *.toml files" in str(problem)


def test_problem_lines_never_carry_control_characters(tmp_path):
    data = copy_mini(tmp_path)
    (data / "x.toml").write_text('[[event]]\n"ti\\u001b[2Jtle" = 1\n', encoding="utf-8")
    problems = check_dataset(data)
    assert problems
    for problem in problems:
        assert "\x1b" not in str(problem)
        assert "\\x1b" in str(problem) or problem.field != "ti\x1b[2Jtle"


def test_track_short_names_fall_back_to_the_full_name(tmp_path):
    data = copy_mini(tmp_path)
    edit(
        data,
        "vocabulary.toml",
        'name_en = "Summit process"',
        'name_en = "Summit process"\nshort_en = "Summit"',
    )
    timeline = load_timeline(data)
    summit = timeline.tracks["summit"]
    assert summit.short("en") == "Summit"
    assert summit.short("ar") == summit.name_ar  # no short_ar given: the name


# --- Dates as a user writes them ---------------------------------------------------


def test_an_unquoted_toml_date_keeps_its_day(tmp_path):
    data = copy_mini(tmp_path)
    edit(data, "events.toml", 'start = "2024-04-22"', "start = 2024-04-22")
    edit(data, "events.toml", 'end = "2024-04-24"', "end = 2024-04-24")
    assert check_dataset(data) == []
    visit = load_timeline(data).event("2024-geneva-visit")
    assert visit.start == PartialDate(2024, 4, 22) and visit.start.iso() == "2024-04-22"
    assert visit.end == PartialDate(2024, 4, 24)


@pytest.mark.parametrize("end", ["2024-04", "2024", "2024-04-22"])
def test_a_partial_end_that_contains_the_start_is_not_before_it(tmp_path, end):
    """End 2024-04 (some day in April) after a start of 22 April is fine: only an end
    whose last possible day comes before the start is a mistake."""
    data = copy_mini(tmp_path)
    edit(data, "events.toml", 'end = "2024-04-24"', f'end = "{end}"')
    assert check_dataset(data) == []
    assert load_timeline(data).event("2024-geneva-visit").end == PartialDate.parse(end)


@pytest.mark.parametrize("end", ["2024-04-21", "2024-03", "2023"])
def test_an_end_wholly_before_the_start_is_named(tmp_path, end):
    data = copy_mini(tmp_path)
    edit(data, "events.toml", 'end = "2024-04-24"', f'end = "{end}"')
    line = assert_names(only_problem(data), "events.toml", "2024-geneva-visit", "end")
    assert f"ends ({end}) before it starts (2024-04-22)" in line
