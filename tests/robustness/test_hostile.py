"""Hostile datasets: `check` names every problem, and no verb lets data reach the terminal raw.

Policy (docs/security.md): Rich markup and Textual action syntax in
data are text, shown literally; escape sequences and C0/C1 control characters are
errors in names, titles, ids and other one-line fields, and in prose only tab and
newline are allowed; bidi controls and zero-width characters are accepted in the data
and made harmless by the text layer when shown (bidi controls dropped, C0/C1 shown as
placeholders). A BOM and CRLF line ends load as if absent. Symlinked data files are
followed; dangling symlinks, symlink loops and non-regular files are reported.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import pty_run
from fixtures.hostile import (
    ACTION,
    ALIASES,
    C1_CSI,
    CSI_RED,
    FORBIDDEN_BYTES,
    FORBIDDEN_CHARS,
    HUGE,
    ISOLATES,
    MARKUP,
    OSC_TITLE,
    RLO_NAME,
    ZERO_WIDTH,
    hostile_dataset,
)

from uneventtui.loader import check_dataset, load_timeline
from uneventtui.search import SearchIndex
from uneventtui.text.sanitize import BIDI_CONTROLS

REPO = Path(__file__).resolve().parents[2]
MINI = Path(__file__).parents[1] / "fixtures" / "mini"
BIDI_CHARS = set(map(chr, BIDI_CONTROLS))
EXPLICIT_BIDI, IMPLICIT_BIDI = b"\x1b[8l", b"\x1b[8h"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return hostile_dataset(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def mini(tmp_path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini" / "data"


def run_cli(*args: str, stdin: bytes = b"", env: dict | None = None):
    """Run `uneventtui ARGS` in a child process; its raw stdout and stderr bytes."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from uneventtui.cli import main; sys.exit(main())",
            *args,
        ],
        input=stdin,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        timeout=120,
    )


def assert_terminal_safe(raw: bytes) -> str:
    """No C0 (but newline), DEL or C1 control and no bidi control in `raw`; its text."""
    assert not FORBIDDEN_BYTES.intersection(raw), sorted(FORBIDDEN_BYTES.intersection(raw))
    text = raw.decode("utf-8")  # strict: the verbs write valid UTF-8
    assert not FORBIDDEN_CHARS.intersection(text)
    assert not BIDI_CHARS.intersection(text)
    return text


# --- the valid hostile dataset --------------------------------------------------


def test_hostile_dataset_is_valid_and_loads_verbatim(hostile):
    assert check_dataset(hostile) == []
    timeline = load_timeline(hostile)
    # BOM and CRLF (vocabulary.toml) are invisible: the values are exactly as written.
    assert timeline.tracks["summit"].name_en == MARKUP
    assert timeline.event_kinds["summit"].name_en == ACTION
    markup = timeline.entities["markup"]
    assert markup.name_en == MARKUP
    assert len(markup.aliases) == ALIASES + 2 and ZERO_WIDTH in markup.aliases
    event = timeline.event("hostile-1")
    assert len(event.summary_ar) == HUGE
    assert event.title_en == f"{ACTION} {RLO_NAME}"
    assert timeline.seed_text("seed-hostile") is not None


VERBS = [
    ("events",),
    ("entities",),
    ("entities", "--kind", "person"),
    ("show", "hostile-1"),
    ("show", "hostile-2"),
    ("show", "markup"),
    ("show", "place"),
    ("check",),
]


@pytest.mark.parametrize("verb", VERBS, ids=" ".join)
def test_tables_show_markup_literally_and_nothing_raw(hostile, verb):
    result = run_cli("--data", str(hostile), *verb)
    assert result.returncode == 0, result.stderr.decode()
    out = assert_terminal_safe(result.stdout)
    assert_terminal_safe(result.stderr)
    assert "Traceback" not in out
    if verb[0] != "check":
        # Markup is printed as the characters it is made of, not interpreted: the action
        # (in a title, a role or a name) by every verb, the markup entity's name by those
        # that list it.
        assert "[@click=app.quit]" in out
        if verb not in (("events",), ("show", "place")):
            assert "[bold]Bold[/]" in out
    if verb == ("show", "hostile-1"):
        assert "[@click=app.quit]Click me[/]" in out
        assert "evil.exe txt" in out  # the RLO is gone: the text reads in memory order


@pytest.mark.parametrize(
    "verb", [("events",), ("entities",), ("show", "hostile-1"), ("show", "markup")], ids=" ".join
)
def test_json_keeps_the_data_exactly_and_nothing_raw(hostile, verb):
    result = run_cli("--data", str(hostile), *verb, "--json")
    assert result.returncode == 0, result.stderr.decode()
    text = assert_terminal_safe(result.stdout)
    data = json.loads(text)  # bidi controls are \\u escapes: the values are unchanged
    timeline = load_timeline(hostile)
    if verb == ("show", "hostile-1"):
        assert data["title_en"] == timeline.event("hostile-1").title_en
        assert data["summary_ar"] == timeline.event("hostile-1").summary_ar
    if verb == ("show", "markup"):
        assert data["name_ar"] == timeline.entities["markup"].name_ar
        assert data["aliases"] == list(timeline.entities["markup"].aliases)


def run_in_pty(*args: str) -> bytes:
    """What `uneventtui ARGS` wrote to its terminal; it must succeed."""
    status, output = pty_run(*args)
    assert status == 0, output.decode(errors="replace")
    return output


@pytest.mark.slow
@pytest.mark.parametrize("verb", [("events",), ("show", "hostile-1")], ids=" ".join)
def test_on_a_terminal_nothing_raw_either(hostile, verb):
    raw = run_in_pty("--data", str(hostile), *verb)
    # The CLI's own sequences: explicit bidi mode (CSI 8 l) around its output, reset
    # (CSI 8 h) after it. Only there, and nothing else.
    raw = raw.removeprefix(EXPLICIT_BIDI).removesuffix(IMPLICIT_BIDI)
    out = assert_terminal_safe(raw)
    assert "[@click=app.quit]" in out


def test_render_shows_escapes_as_placeholders():
    hostile_input = (
        f"{OSC_TITLE} {CSI_RED} {C1_CSI} \x00\x07\x08\x7f {RLO_NAME} {MARKUP}\r\n".encode()
        + b"raw C1 byte \x9b and invalid \xff\xfe UTF-8\r\n"
    )
    result = run_cli("render", "--width", "40", stdin=b"\xef\xbb\xbf" + hostile_input)
    assert result.returncode == 0
    out = assert_terminal_safe(result.stdout)
    assert "\u241b]0;pwned\u2407" in out  # ESC and BEL as their pictures
    assert "\ufffd" in out  # C1 and undecodable bytes are shown, not dropped
    assert "[@click=app.quit]quit[/]" in out.replace("\n", "")


def test_search_on_hostile_names(hostile):
    index = SearchIndex.build(load_timeline(hostile))
    for query in [MARKUP, ACTION, "[", "[/]", RLO_NAME, ISOLATES, ZERO_WIDTH, "alias 4999", "عمر"]:
        hits = index.search(query)
        for hit in hits:
            start, end = hit.span
            assert 0 <= start <= end <= len(hit.matched_text)
    assert index.search("alias 4999")[0].id == "markup"


# --- broken datasets: one clear problem each --------------------------------------


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


RESOLUTION_TITLE = 'title_en = "Resolution 78/261"'
WHO_ALIASES = 'aliases = ["WHO"]'
ROLE = 'role_ar = "ميسّر مشارك"'

# (file, old text, new text, entry, field, words the message must contain)
BROKEN = {
    "OSC in a title": (
        "events.toml",
        RESOLUTION_TITLE,
        'title_en = "Res \\u001b]0;pwned\\u0007"',
        "2024-resolution-78-261",
        "title_en",
        "control character U+001B",
    ),
    "CSI in a name": (
        "entities.toml",
        'name_en = "Geneva"',
        'name_en = "\\u001b[31mGeneva"',
        "geneva",
        "name_en",
        "U+001B",
    ),
    "C1 CSI in an alias": (
        "entities.toml",
        WHO_ALIASES,
        'aliases = ["WHO", "\\u009b31m"]',
        "who",
        "aliases[1]",
        "U+009B",
    ),
    "NUL in a summary": (
        "events.toml",
        'start = "2025-11"',
        'start = "2025-11"\nsummary_ar = "a\\u0000b"',
        "2025-doha-summit",
        "summary_ar",
        "U+0000",
    ),
    "BEL in a role": (
        "events.toml",
        ROLE,
        'role_ar = "\\u0007"',
        "2024-geneva-visit",
        "participants[0].role_ar",
        "U+0007",
    ),
    "DEL in an id": (
        "entities.toml",
        'id = "doha"',
        'id = "doha\\u007f"',
        "doha\x7f",
        "id",
        "U+007F",
    ),
    "number as a title": (
        "events.toml",
        RESOLUTION_TITLE,
        "title_en = 42",
        "2024-resolution-78-261",
        "title_en",
        "expected a string, not a number",
    ),
    "string as aliases": (
        "entities.toml",
        WHO_ALIASES,
        'aliases = "WHO"',
        "who",
        "aliases",
        "expected a list of strings, not a string",
    ),
    "table as participants": (
        "events.toml",
        'participants = [{ entity = "omar-hilale", role_ar = "ميسّر مشارك", '
        'role_en = "co-facilitator" }]',
        'participants = { entity = "omar-hilale" }',
        "2024-geneva-visit",
        "participants",
        "expected a list of tables, not a table",
    ),
    "boolean as a date": (
        "events.toml",
        'start = "2025-11"',
        "start = true",
        "2025-doha-summit",
        "start",
        "not a boolean",
    ),
    "list of numbers as refs": (
        "events.toml",
        'organizations = ["who"]',
        "organizations = [1, 2]",
        "2024-geneva-visit",
        "organizations[0]",
        "expected a string",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_hostile_values_are_named_by_file_entry_and_field(mini, case):
    file, old, new, entry, field, words = BROKEN[case]
    replace_in(mini / file, old, new)
    problems = check_dataset(mini)
    assert any(
        p.file.endswith(file) and p.entry == entry and p.field == field and words in str(p)
        for p in problems
    ), [str(p) for p in problems]
    result = run_cli("check", "--data", str(mini))
    assert result.returncode == 1
    out = assert_terminal_safe(result.stdout)
    assert_terminal_safe(result.stderr)
    assert "Traceback" not in out + result.stderr.decode()
    assert f"field '{field}'" in out


def only_problem(data: Path) -> str:
    problems = check_dataset(data)
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0])


def test_non_utf8_bytes_name_the_line_and_column(mini):
    path = mini / "entities.toml"
    path.write_bytes(path.read_bytes().replace(b"Geneva", b"Gen\xe8ve", 1))
    line = only_problem(mini)
    assert "entities.toml:" in line and "not valid UTF-8 (byte 0xe8)" in line


def test_bom_and_crlf_load_like_plain_files(mini):
    for path in mini.glob("*.toml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert check_dataset(mini) == []
    assert load_timeline(mini).entities["geneva"].name_en == "Geneva"


def test_missing_seed_names_the_source(mini):
    (mini.parent / "seeds" / "geneva-visit.txt").unlink()
    problems = [str(p) for p in check_dataset(mini)]
    assert any(
        "sources.toml" in p
        and "source 'seed-geneva'" in p
        and "field 'file'" in p
        and "not found" in p
        for p in problems
    ), problems


def deny(monkeypatch, method: str, name: str) -> None:
    """Make Path.<method> raise PermissionError for files called `name` (as chmod 000
    would: root, which runs these tests in CI containers, reads anything)."""
    original = getattr(Path, method)

    def guarded(self, *args, **kwargs):
        if self.name == name:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, guarded)


def test_unreadable_seed_says_why(mini, monkeypatch):
    real_open = os.open

    def guarded(path, *args, **kwargs):  # as chmod 000 would, for a user who is not root
        if Path(path).name == "geneva-visit.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)
    line = only_problem(mini)
    assert "source 'seed-geneva'" in line and "field 'file'" in line
    assert "cannot be read: Permission denied" in line


def test_unreadable_data_file_says_why(mini, monkeypatch):
    deny(monkeypatch, "read_bytes", "sources.toml")
    line = only_problem(mini)
    assert "sources.toml" in line and "cannot read the file: Permission denied" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_chmod_000_seed(mini):  # pragma: no cover - runs only as a normal user
    seed = mini.parent / "seeds" / "geneva-visit.txt"
    seed.chmod(0)
    try:
        assert "Permission denied" in only_problem(mini)
    finally:
        seed.chmod(0o644)


def test_symlink_to_a_file_outside_is_followed(mini, tmp_path):
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('[[track]]\nid = "extra"\nname_ar = "إضافي"\nname_en = "Extra"\n')
    (mini / "extra.toml").symlink_to(outside)
    assert check_dataset(mini) == []
    assert "extra" in load_timeline(mini).tracks


@pytest.mark.parametrize(
    "make, why",
    [
        (lambda d: (d / "loop.toml").symlink_to("loop.toml"), "a symlink loop"),
        (lambda d: (d / "gone.toml").symlink_to(d / "nowhere.toml"), "a dangling symlink"),
        (lambda d: os.mkfifo(d / "fifo.toml"), "not a regular file"),
    ],
    ids=["loop", "dangling", "fifo"],
)
def test_data_files_that_cannot_be_read_are_reported_not_skipped(mini, make, why):
    make(mini)
    line = only_problem(mini)
    assert f"not a readable file ({why})" in line


@pytest.mark.timeout(30)
def test_directory_symlink_loop_does_not_hang(mini):
    (mini / "again").symlink_to(mini)
    (mini / "sub").mkdir()
    (mini / "sub" / "up").symlink_to("..")
    assert check_dataset(mini) == []


def test_file_names_with_escapes_and_bad_bytes_are_shown_escaped(mini):
    evil = os.fsencode(mini) + b"/evil\x1b]0;pwned\x07\xff.toml"
    with open(evil, "wb") as handle:
        handle.write(b"x = [")
    result = run_cli("check", "--data", str(mini), env={"PYTHONIOENCODING": "utf-8:strict"})
    assert result.returncode == 1
    out = assert_terminal_safe(result.stdout)
    assert "evil\\x1b]0;pwned\\x07\\xff.toml:1: TOML syntax error" in out


def test_huge_alias_lists_load_quickly(mini):
    """30,000 aliases: duplicates are found with a set, not by rescanning a list."""
    aliases = ", ".join(f'"alias {i}"' for i in range(30_000))
    replace_in(mini / "entities.toml", WHO_ALIASES, f'aliases = [{aliases}, "alias 7"]')
    problems = check_dataset(mini)
    assert [p.field for p in problems] == ["aliases[30000]"]
    assert "'alias 7' is listed twice" in str(problems[0])
