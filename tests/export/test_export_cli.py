"""`uneventtui export` as a command: where it writes, how it fails."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from cli_helpers import run
from export_helpers import MINI_DATA

from uneventtui.export.timelinejs import CDN


def test_output_file_holds_what_stdout_would(capsysbinary, tmp_path):
    code, printed, _ = run(capsysbinary, "export", "--format", "csv", "--data", MINI_DATA)
    assert code == 0 and printed
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "events.csv"
    argv = ("export", "--format", "csv", "--data", MINI_DATA, "-o", str(target))
    code, out, err = run(capsysbinary, *argv)
    assert (code, out, err) == (0, b"", b"")
    assert target.read_bytes() == printed
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # an ordinary file
    assert [p.name for p in target.parent.iterdir()] == ["events.csv"]  # no temporary left


def test_an_existing_file_is_replaced_whole_keeping_its_mode(capsysbinary, tmp_path):
    target = tmp_path / "brief.md"
    target.write_text("old\n")
    target.chmod(0o640)
    code, _, _ = run(capsysbinary, "export", "-f", "md", "--data", MINI_DATA, "-o", str(target))
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("---\ntitle:")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_missing_directory_is_named(capsysbinary, tmp_path):
    target = tmp_path / "nowhere" / "x.ics"
    code, out, err = run(
        capsysbinary, "export", "-f", "ics", "--data", MINI_DATA, "-o", str(target)
    )
    assert code == 1 and out == b""
    assert f"cannot write {target}: no directory {target.parent}" in err.decode()
    assert not target.parent.exists()


def test_unknown_filter_values_write_nothing(capsysbinary, tmp_path):
    target = tmp_path / "x.csv"
    argv = ("export", "-f", "csv", "--data", MINI_DATA, "--entity", "hilale", "-o", str(target))
    code, out, err = run(capsysbinary, *argv)
    assert code == 2 and out == b"" and not target.exists()
    assert "no entity 'hilale'; known: doha, geneva, omar-hilale, who" in err.decode()


def test_unknown_format_and_missing_timelinejs(capsysbinary, tmp_path):
    code, _, err = run(capsysbinary, "export", "--format", "docx", "--data", MINI_DATA)
    assert code == 2 and b"invalid choice: 'docx'" in err
    argv = ("export", "-f", "html", "--data", MINI_DATA, "--timelinejs", str(tmp_path))
    code, out, err = run(capsysbinary, *argv)
    assert code == 2 and out == b""
    assert f"{tmp_path}: no js/timeline.js there" in err.decode()


def test_html_loads_timelinejs_from_the_cdn_or_the_copy_given(capsysbinary, tmp_path):
    code, page, _ = run(capsysbinary, "export", "-f", "html", "--data", MINI_DATA)
    assert code == 0
    assert f'<script src="{CDN}/js/timeline.js">'.encode() in page
    assert f'href="{CDN}/css/timeline.css"'.encode() in page
    copy = tmp_path / "tl" / "dist"
    (copy / "js").mkdir(parents=True)
    (copy / "js" / "timeline.js").write_text("")
    argv = ("export", "-f", "html", "--data", MINI_DATA, "--timelinejs", str(copy.parent))
    code, page, _ = run(capsysbinary, *argv)  # the npm package's root does too
    assert code == 0 and f'src="{copy.as_uri()}/js/timeline.js"'.encode() in page
    assert b"knightlab" not in page


def test_the_filter_model_and_the_exporters_import_no_textual_or_rich():
    """The explorer will call them; they stay below it (pure, as the model is)."""
    code = (
        "import sys, uneventtui.filters, uneventtui.commands.export\n"
        "from uneventtui.export import brief, calendar, common, references, table, timelinejs\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
