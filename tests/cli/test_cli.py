"""The command line on the small fixture: options, exit codes, tables and the JSON contract."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import ENTITY_KEYS, EVENT_KEYS, run
from rich.cells import cell_len

from uneventtui import __version__, cli
from uneventtui.output import Column, render_table
from uneventtui.text import visual

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
DATA = str(MINI / "data")


def run_process(*argv: str, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    """Run the command in a child process (for what only a real process shows)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "uneventtui.cli", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=data_dir or ROOT,
        timeout=60,
    )


def broken_copy(tmp_path: Path) -> Path:
    """The fixture with a bad date, a dangling reference and a typo in a field name."""
    shutil.copytree(MINI, tmp_path / "mini")
    events = tmp_path / "mini" / "data" / "events.toml"
    text = events.read_text(encoding="utf-8")
    for old, new in [
        ('start = "2024-02-26"', 'start = "2024-02-31"'),
        ('place = "doha"', 'place = "dohha"'),
        ("date_note =", "date_not ="),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    events.write_text(text, encoding="utf-8")
    return tmp_path / "mini" / "data"


# --- Options ---------------------------------------------------------------------


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"uneventtui {__version__}"


DATA_VERBS = ("check", "events", "entities", "show")


@pytest.mark.parametrize("verb", cli.VERBS)
def test_every_verb_has_help(capsys, verb):
    code, out, _ = run(capsys, verb, "--help")
    assert code == 0
    assert out.startswith(f"usage: uneventtui {verb}")
    if verb in DATA_VERBS:
        assert "--data DIR" in out


def test_data_works_before_and_after_the_verb(capsys):
    before = run(capsys, "--data", DATA, "events", "--json")
    after = run(capsys, "events", "--data", DATA, "--json")
    assert before[0] == after[0] == 0
    assert before[1] == after[1]
    assert len(json.loads(before[1])) == 3


def test_data_after_the_verb_wins(capsys, tmp_path):
    code, _, err = run(capsys, "--data", str(tmp_path / "nowhere"), "check", "--data", DATA)
    assert code == 0, err


def test_a_bug_is_one_line_not_a_traceback(capsys, monkeypatch):
    def broken(*_args, **_kwargs):
        raise IndexError("list index out of range")

    import importlib

    for verb in cli.VERBS:  # imported before the patch, so none keeps the broken function
        importlib.import_module(f"uneventtui.commands.{verb}")
    monkeypatch.setattr("uneventtui.text.layout", broken)
    code, out, err = run(capsys, "show", "2024-geneva-visit", "--data", DATA)
    assert code == 70
    assert err.startswith("uneventtui: internal error (IndexError: list index out of range)")
    assert "Traceback" not in err
    monkeypatch.setenv("UNEVENTTUI_DEBUG", "1")
    with pytest.raises(IndexError):
        cli.main(["show", "2024-geneva-visit", "--data", DATA])


# --- check -----------------------------------------------------------------------


def test_check_clean_dataset(capsys):
    code, out, err = run(capsys, "check", "--data", DATA)
    assert code == 0
    assert "OK: 3 events, 4 entities, 3 sources" in out
    assert err == ""


def test_check_reports_each_mistake_on_one_line(tmp_path):
    data = broken_copy(tmp_path)
    result = run_process("check", "--data", str(data), data_dir=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 4, result.stdout
    typo, orphan, date, ref = lines  # in the order of the file
    assert date.startswith(f"{data}/events.toml:")
    assert "event '2024-resolution-78-261', field 'start'" in date
    assert "'2024-02-31' is not a valid date" in date
    assert "event '2024-geneva-visit', field 'date_not'" in typo
    assert "did you mean 'date_note'" in typo
    # The misspelt English note leaves the Arabic one alone, and that is said too.
    assert "event '2024-geneva-visit', field 'date_note_ar'" in orphan
    assert "event '2025-doha-summit', field 'place'" in ref
    assert "unknown entity 'dohha'" in ref
    assert "4 problems" in result.stderr


def test_check_json(capsys, tmp_path):
    code, out, _ = run(capsys, "check", "--json", "--data", DATA)
    assert (code, json.loads(out)) == (0, [])
    data = broken_copy(tmp_path)
    code, out, _ = run(capsys, "check", "--json", "--data", str(data))
    assert code == 1
    problems = json.loads(out)
    assert [(p["entry"], p["field"]) for p in problems] == [
        ("2024-geneva-visit", "date_not"),
        ("2024-geneva-visit", "date_note_ar"),
        ("2024-resolution-78-261", "start"),
        ("2025-doha-summit", "place"),
    ]
    first = problems[0]
    assert list(first) == ["file", "line", "column", "table", "entry", "field", "message", "text"]
    assert first["file"] == f"{data}/events.toml" and first["table"] == "event"
    lines = (data / "events.toml").read_text(encoding="utf-8").splitlines()
    assert lines[first["line"] - 1].startswith("date_not =")
    assert first["text"].startswith(f"{data}/events.toml:{first['line']}: event")


def aliased_copy(tmp_path: Path) -> Path:
    """The fixture with aliases on the Doha summit."""
    shutil.copytree(MINI, tmp_path / "mini")
    events = tmp_path / "mini" / "data" / "events.toml"
    text = events.read_text(encoding="utf-8")
    assert 'place = "doha"' in text
    text = text.replace('place = "doha"', 'place = "doha"\naliases = ["WSSD2", "قمة الدوحة"]', 1)
    events.write_text(text, encoding="utf-8")
    return tmp_path / "mini" / "data"


def test_check_stats_shows_gaps_and_orphans(capsys, tmp_path):
    data = aliased_copy(tmp_path)
    # An entity no event names and a source no event cites.
    with (data / "entities.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[[entity]]\nid = "cairo"\nkind = "place"\nname_ar = "القاهرة"\nname_en = "Cairo"\n'
        )
    with (data / "sources.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[source]]\nid = "unused"\nkind = "external"\nurl = "https://example.org/"\n')
    code, out, _ = run(capsys, "check", "--stats", "--data", str(data))
    assert code == 0
    lines = out.splitlines()
    assert "OK: 3 events, 5 entities, 4 sources" in lines[0]
    header = lines.index("Events per year per track:") + 1
    assert lines[header].split() == ["year", "Summit", "process", "Migration", "total"]
    assert lines[header + 1].split() == ["2024", "2", "-", "2"]
    assert lines[header + 2].split() == ["2025", "1", "-", "1"]
    assert "Entities without events: 1:" in lines
    assert lines[lines.index("Entities without events: 1:") + 1].strip() == "cairo"
    assert "Sources cited by no event: 1:" in lines
    assert lines[lines.index("Sources cited by no event: 1:") + 1].strip() == "unused"


def test_check_stats_lists_every_year_in_the_range(capsys, tmp_path):
    data = aliased_copy(tmp_path)
    events = data / "events.toml"
    text = events.read_text(encoding="utf-8").replace(
        'start = "2024-02-26"', 'start = "2021-02-26"'
    )
    events.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--stats", "--json", "--data", str(data))
    assert code == 0
    result = json.loads(out)
    assert result["problems"] == []
    stats = result["stats"]
    assert (stats["events"], stats["entities"], stats["sources"]) == (3, 4, 3)
    assert stats["tracks"] == ["summit", "migration"]
    assert [(row["year"], row["total"]) for row in stats["events_per_year"]] == [
        (2021, 1),
        (2022, 0),
        (2023, 0),
        (2024, 1),
        (2025, 1),
    ]
    assert stats["events_per_year"][1]["tracks"] == {"summit": 0, "migration": 0}
    assert stats["entities_without_events"] == []
    assert stats["sources_without_events"] == []


def test_check_stats_json_on_a_broken_dataset(capsys, tmp_path):
    data = broken_copy(tmp_path)
    code, out, _ = run(capsys, "check", "--stats", "--json", "--data", str(data))
    assert code == 1
    result = json.loads(out)
    assert result["stats"] is None and len(result["problems"]) == 4


def test_check_on_a_file_not_a_directory(capsys, tmp_path):
    (tmp_path / "x.toml").write_text("", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--data", str(tmp_path / "x.toml"))
    assert code == 1
    assert "not a directory" in out


# --- Verbs on a broken dataset ----------------------------------------------------


@pytest.mark.parametrize("argv", [["events"], ["entities", "--json"], ["show", "doha"]])
def test_verbs_print_problems_not_tracebacks(capsys, tmp_path, argv):
    data = broken_copy(tmp_path)
    code, out, err = run(capsys, *argv, "--data", str(data))
    assert code == 1
    assert out == ""
    assert "the dataset has 4 problems" in err
    assert "field 'start'" in err and "Traceback" not in err


# --- events ----------------------------------------------------------------------


def test_events_json_contract(capsys):
    code, out, _ = run(capsys, "events", "--json", "--data", DATA)
    assert code == 0
    events = json.loads(out)
    assert [e["id"] for e in events] == [
        "2024-resolution-78-261",
        "2024-geneva-visit",
        "2025-doha-summit",
    ]
    for event in events:
        assert list(event) == EVENT_KEYS
    resolution, visit, doha = events
    assert (visit["start"], visit["end"]) == ("2024-04-22", "2024-04-24")
    assert (doha["start"], doha["end"]) == ("2025-11", None)  # a month stays a month
    assert resolution["place"] is None and doha["place"] == "doha"
    assert visit["participants"] == [
        {"entity": "omar-hilale", "role_ar": "ميسّر مشارك", "role_en": "co-facilitator"}
    ]
    assert visit["organizations"] == ["who"]
    assert visit["sources"][0] == {
        "source": "seed-geneva",
        "quote": "قام بزيارة عمل إلى جنيف مع نظيره البلجيكي",
    }
    assert visit["sources"][1]["source"] == "desa-wssd2"
    assert visit["sources"][1]["url"].startswith("https://social.desa.un.org/")
    assert doha["sources"][0]["url"] == "https://social.desa.un.org/world-summit-2025"
    assert resolution["sources"][0]["symbol"] == "A/RES/78/261"
    assert "inferred" in visit["date_note"]
    assert "مستنتجة" in visit["date_note_ar"]
    assert resolution["date_note"] is None and resolution["date_note_ar"] is None
    # An absent summary is null, never "" (scripts test `is None`).
    assert resolution["summary_en"].startswith("The General Assembly decides")
    assert visit["summary_en"] is None and doha["summary_en"] is None
    assert resolution["summary_ar"] is None
    # Arabic is written as is, not as \u escapes.
    assert "زيارة عمل" in out


def test_events_filters(capsys):
    _, out, _ = run(capsys, "events", "--json", "--kind", "visit", "--data", DATA)
    assert [e["id"] for e in json.loads(out)] == ["2024-geneva-visit"]
    _, out, _ = run(capsys, "events", "--json", "--track", "migration", "--data", DATA)
    assert json.loads(out) == []
    _, out, _ = run(capsys, "events", "--json", "--entity", "doha", "--data", DATA)
    assert [e["id"] for e in json.loads(out)] == ["2025-doha-summit"]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (["--from", "2024-04-23"], ["2024-geneva-visit", "2025-doha-summit"]),  # still going on
        # Both bounds are inclusive: the visit's last day, the summit's month, its first day.
        (["--from", "2024-04-24"], ["2024-geneva-visit", "2025-doha-summit"]),
        (["--from", "2025-11"], ["2025-doha-summit"]),
        (["--to", "2024-04-22"], ["2024-resolution-78-261", "2024-geneva-visit"]),
        (["--from", "2024-04-25"], ["2025-doha-summit"]),
        (["--to", "2024-04"], ["2024-resolution-78-261", "2024-geneva-visit"]),
        (["--from", "2025", "--to", "2025"], ["2025-doha-summit"]),
        (["--from", "2024-05", "--to", "2025-10"], []),
    ],
)
def test_events_in_a_period(capsys, period, expected):
    code, out, _ = run(capsys, "events", "--json", *period, "--data", DATA)
    assert code == 0
    assert [e["id"] for e in json.loads(out)] == expected


def test_events_bad_period(capsys):
    code, _, err = run(capsys, "events", "--from", "2025-13", "--data", DATA)
    assert code == 2
    assert "month 13 is not 01-12" in err


def test_events_unknown_filter_value(capsys):
    code, out, err = run(capsys, "events", "--track", "sumit", "--data", DATA)
    assert code == 2
    assert out == ""
    assert "no track 'sumit'; known: migration, summit" in err


def test_an_unknown_entity_gets_the_three_closest_ids_not_all_of_them(capsys):
    """`events --entity nobody` printed all 112 ids on one line."""
    code, out, err = run(capsys, "events", "--entity", "hilal")  # the shipped data
    assert code == 2
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith("uneventtui: no entity 'hilal'; the closest: 'omar-hilale', ")
    assert line.count("'") == 2 + 2 * 3  # the value, then three ids
    assert "`uneventtui entities` lists all" in line and len(line) < 200


def test_events_table_is_aligned_and_shaped(capsys, monkeypatch):
    # Every string from the data goes through the text layer's visual().
    monkeypatch.setattr("uneventtui.text.visual", lambda text, base=None, **_: f"<{text}>")
    code, out, _ = run(capsys, "events", "--data", DATA)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["DATE", "ID", "KIND", "TRACK", "TITLE"]
    rows = lines[1:4]
    assert "<زيارة عمل الميسّرين المشاركين إلى جنيف>" in rows[1]
    assert "<22–24 April 2024*>" in rows[1]  # the * marks an inferred date
    ids = ["<2024-resolution-78-261>", "<2024-geneva-visit>", "<2025-doha-summit>"]
    columns = {cell_len(row[: row.index(i)]) for row, i in zip(rows, ids, strict=True)}
    assert len(columns) == 1  # the id column starts at the same cell in every row
    # The Arabic column is right-aligned: every row ends at the same cell.
    assert len({cell_len(row) for row in rows}) == 1
    assert "date inferred" in lines[-1]


def test_data_is_never_read_as_markup(capsys, tmp_path):
    shutil.copytree(MINI, tmp_path / "mini")
    events = tmp_path / "mini" / "data" / "events.toml"
    text = events.read_text(encoding="utf-8")
    text = text.replace('"Resolution 78/261"', '"[bold red]Resolution[/] 78/261"')
    events.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "events", "--data", str(tmp_path / "mini" / "data"))
    assert code == 0
    assert "[bold red]Resolution[/] 78/261" in out


def test_broken_pipe_is_quiet(tmp_path):
    # Enough events that the output outgrows the pipe's buffer.
    shutil.copytree(MINI, tmp_path / "mini")
    many = "".join(
        f'[[event]]\nid = "e{i:04d}"\nkind = "visit"\ntrack = "summit"\n'
        f'title_ar = "زيارة رقم {i}"\ntitle_en = "Visit number {i}"\nstart = "2001"\n'
        f'sources = [{{ source = "desa-wssd2" }}]\n\n'
        for i in range(1500)
    )
    (tmp_path / "mini" / "data" / "many.toml").write_text(many, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "uneventtui.cli", "events", "--json"]
    with subprocess.Popen(
        [*argv, "--data", str(tmp_path / "mini" / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        assert child.stdout.readline().strip() == b"["
        child.stdout.close()  # like `| head -1`
        err = child.stderr.read().decode()
        child.wait(timeout=60)
    assert "Traceback" not in err and "Error" not in err, err


# --- entities --------------------------------------------------------------------


def test_entities_json_contract(capsys):
    code, out, _ = run(capsys, "entities", "--json", "--data", DATA)
    assert code == 0
    entities = json.loads(out)
    assert [e["id"] for e in entities] == ["doha", "geneva", "omar-hilale", "who"]
    for entity in entities:
        assert list(entity) == ENTITY_KEYS
    hilale = entities[2]
    assert hilale["kind"] == "person"
    assert hilale["name_ar"] == "عمر هلال"
    assert hilale["aliases"] == ["Hilale", "هلال"]
    assert hilale["subkind"] is None


def test_entities_by_kind(capsys):
    _, out, _ = run(capsys, "entities", "--kind", "place", "--json", "--data", DATA)
    assert [e["id"] for e in json.loads(out)] == ["doha", "geneva"]
    code, _, err = run(capsys, "entities", "--kind", "people", "--data", DATA)
    assert code == 2 and "invalid choice" in err


def test_entities_table(capsys):
    code, out, _ = run(capsys, "entities", "--data", DATA)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["ID", "KIND", "SUBKIND", "EVENTS", "NAME"]
    who = next(line for line in lines if line.startswith("who "))
    assert "World Health Organization" in who and "organization" in who


# --- show ------------------------------------------------------------------------


def test_show_event_json_is_the_events_item(capsys):
    _, listing, _ = run(capsys, "events", "--json", "--data", DATA)
    code, out, _ = run(capsys, "show", "2024-geneva-visit", "--json", "--data", DATA)
    assert code == 0
    assert json.loads(out) == json.loads(listing)[1]


def test_show_entity_json_lists_its_events(capsys):
    code, out, _ = run(capsys, "show", "omar-hilale", "--json", "--data", DATA)
    assert code == 0
    shown = json.loads(out)
    assert list(shown) == [*ENTITY_KEYS, "events"]
    assert [e["id"] for e in shown["events"]] == ["2024-geneva-visit"]
    assert list(shown["events"][0]) == EVENT_KEYS


def test_show_event_text(capsys):
    code, out, _ = run(capsys, "show", "2024-geneva-visit", "--rtl-mode", "shaped", "--data", DATA)
    assert code == 0
    for expected in [
        "Co-facilitators' working visit to Geneva",
        "22–24 April 2024",
        "2024 is inferred",
        "Omar Hilale",
        "co-facilitator",
        "[who]",
        "[seed-geneva]",
        "geneva-visit.txt",
        visual("قام بزيارة عمل إلى جنيف", "rtl"),  # shaped, in visual order
        "https://social.desa.un.org/second-world-summit-for-social-development",
    ]:
        assert expected in out


def test_event_aliases_in_show_and_json(capsys, tmp_path):
    data = str(aliased_copy(tmp_path))
    code, out, _ = run(capsys, "show", "2025-doha-summit", "--data", data)
    assert code == 0
    aliases = next(line for line in out.splitlines() if line.startswith("aliases"))
    assert "WSSD2" in aliases and "قمة الدوحة" in aliases  # captured: not a terminal
    _, out, _ = run(capsys, "events", "--json", "--data", data)
    by_id = {e["id"]: e for e in json.loads(out)}
    assert by_id["2025-doha-summit"]["aliases"] == ["WSSD2", "قمة الدوحة"]
    assert by_id["2024-geneva-visit"]["aliases"] == []


def test_search_finds_an_event_by_its_alias(capsys, tmp_path):
    data = str(aliased_copy(tmp_path))
    for query in ("WSSD2", "wssd2", "قمة الدوحة"):
        code, out, _ = run(capsys, "search", query, "--json", "--data", data)
        assert code == 0
        hits = json.loads(out)
        assert hits and hits[0]["id"] == "2025-doha-summit", (query, hits)


def test_show_entity_lists_its_events_and_roles(capsys):
    code, out, _ = run(capsys, "show", "omar-hilale", "--rtl-mode", "shaped", "--data", DATA)
    assert code == 0
    assert "Omar Hilale" in out and visual("عمر هلال") in out
    assert "events (1)" in out
    assert "2024-geneva-visit" in out.split("events (1)")[1]
    roles = next(line for line in out.splitlines() if line.startswith("roles"))
    assert "co-facilitator" in roles and "2024-geneva-visit" in roles


def test_show_unknown_id(capsys):
    code, out, err = run(capsys, "show", "omar-hilal")  # the shipped data
    assert code == 2
    assert out == ""
    (line,) = err.splitlines()
    assert line.startswith("uneventtui: no event, entity or source 'omar-hilal'; the closest: ")
    assert "'omar-hilale'" in line and line.count("'") == 2 + 2 * 3


def test_show_source_lists_its_quotes_and_events(capsys):
    code, out, _ = run(capsys, "show", "seed-geneva", "--json", "--data", DATA)
    assert code == 0
    shown = json.loads(out)
    assert shown["kind"] == "seed" and shown["file"] == "geneva-visit.txt"
    assert [e["id"] for e in shown["events"]] == ["2024-geneva-visit"]
    code, out, _ = run(capsys, "show", "seed-geneva", "--rtl-mode", "shaped", "--data", DATA)
    assert code == 0
    assert "geneva-visit.txt" in out and "[2024-geneva-visit]" in out
    assert visual("قام بزيارة عمل إلى جنيف", "rtl") in out
    assert "cited by (1)" in out


# --- Tables ----------------------------------------------------------------------


def test_table_fits_the_terminal_and_cuts_arabic_at_its_end():
    arabic = "القمة العالمية الثانية للتنمية الاجتماعية"  # (visual order is the text layer's job)
    columns = [Column("ID"), Column("TITLE", shrink_to=5), Column("AR", right=True, shrink_to=8)]
    rows = [["a", "Second World Summit for Social Development", arabic]]
    lines = render_table(columns, rows, width=40)
    assert all(cell_len(line) <= 40 for line in lines)
    row = lines[1]
    assert "…" in row
    # A right-to-left cell keeps its right end (where it starts) and loses its left.
    assert row.endswith(arabic[-5:])
    assert render_table(columns, rows)[1].endswith(arabic)  # no width: nothing is cut


def test_wide_characters_align():
    columns = [Column("A"), Column("B")]
    lines = render_table(columns, [["漢字", "x"], ["ab", "y"]])
    assert [cell_len(line[: line.index(c)]) for line, c in zip(lines[1:], "xy", strict=True)] == [
        6,
        6,
    ]


def test_terminal_rtl_mode_keeps_logical_order(capsys):
    title = "زيارة عمل الميسّرين المشاركين إلى جنيف"
    code, out, _ = run(capsys, "events", "--rtl-mode", "terminal", "--data", DATA)
    assert code == 0
    assert title in out  # logical order, unshaped: the terminal does the bidi
    code, out, _ = run(capsys, "events", "--rtl-mode", "shaped", "--data", DATA)
    assert title not in out and visual(title) in out


TITLE_AR = "زيارة عمل الميسّرين المشاركين إلى جنيف"


@pytest.fixture
def config_home(tmp_path, monkeypatch):
    """An empty config directory of our own; returns where config.toml goes."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "config" / "uneventtui").mkdir(parents=True)
    return tmp_path / "config" / "uneventtui" / "config.toml"


@pytest.mark.parametrize("verb", ["events", "show 2024-geneva-visit", "search زيارة"])
def test_piped_output_is_the_data(capsys, config_home, verb):
    """`uneventtui events | grep جنيف` finds it: into a pipe the verbs print logical
    text, what the data holds, unless shaped output is asked for."""
    code, out, _ = run(capsys, *verb.split(), "--data", DATA)
    assert code == 0
    assert TITLE_AR in out or "زيارة عمل" in out
    assert not any("\ufe70" <= c <= "\ufeff" for c in out)  # no presentation forms
    code, out, _ = run(capsys, *verb.split(), "--rtl-mode", "shaped", "--data", DATA)
    assert "زيارة عمل" not in out and visual("زيارة عمل") in out


def test_a_terminal_gets_shaped_text_unless_the_config_says_otherwise(
    capsys, config_home, monkeypatch
):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "250")  # wide enough for whole titles
    code, out, _ = run(capsys, "events", "--data", DATA)
    assert code == 0 and visual(TITLE_AR) in out and TITLE_AR not in out
    config_home.write_text('rtl_mode = "terminal"\n', encoding="utf-8")
    code, out, _ = run(capsys, "events", "--data", DATA)
    assert TITLE_AR in out


def test_help_says_what_a_pipe_gets(capsys):
    code, out, _ = run(capsys, "events", "--help")
    assert code == 0
    assert "pipe" in " ".join(out.split())


def test_json_is_utf8_whatever_the_locale():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "latin-1", "LC_ALL": "C"}
    result = subprocess.run(
        [sys.executable, "-m", "uneventtui.cli", "entities", "--json", "--data", DATA],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert json.loads(result.stdout.decode("utf-8"))[2]["name_ar"] == "عمر هلال"


def test_narrow_terminal_drops_minor_columns_and_never_cuts_ids():
    columns = [
        Column("ID"),
        Column("KIND", shrink_to=4, drop=2),
        Column("TRACK", shrink_to=4, drop=1),
        Column("TITLE", shrink_to=10),
    ]
    rows = [["2024-04-22-geneva-visit", "visit", "summit", "Co-facilitators' working visit"]]
    wide = render_table(columns, rows, width=200)
    assert wide[0].split() == ["ID", "KIND", "TRACK", "TITLE"]
    narrow = render_table(columns, rows, width=40)
    assert narrow[0].split() == ["ID", "TITLE"]
    assert narrow[1].startswith("2024-04-22-geneva-visit  Co-fac")
    tiny = render_table(columns, rows, width=30)
    assert all(cell_len(line) <= 30 for line in tiny)
    assert tiny[1].startswith("2024-04-22-geneva-visit ")


def test_events_filtered_by_track_leave_out_the_track_column(capsys):
    _, out, _ = run(capsys, "events", "--track", "summit", "--data", DATA)
    assert out.splitlines()[0].split()[:4] == ["DATE", "ID", "KIND", "TITLE"]


def test_json_lists_are_written_item_by_item_as_one_document_would_be():
    import io

    from uneventtui.output import print_json_list, to_json

    items = [{"a": [1, {"b": "قمة\nالدوحة"}], "c": None}, [], "x", {"d": "\u202e"}]
    for chosen in ([], items[:1], items):
        out = io.StringIO()
        print_json_list(iter(chosen), out)
        assert out.getvalue() == to_json(chosen) + "\n"
        assert json.loads(out.getvalue()) == chosen
