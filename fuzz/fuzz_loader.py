"""Fuzz the loader and the verbs that print a dataset: `python fuzz/fuzz_loader.py --minutes 10`.

Each input replaces one data file (its first byte chooses which) of a copy of either
the small test fixture or the shipped dataset; the seeds are those real files. The
target checks that
- `check_dataset` returns problems, never raises, never needs its internal-error net,
  and every problem is one line without control characters;
- a dataset without problems loads, and `events`, `entities` and `show` print it
  with no C0/C1 control, DEL or bidi control in their output.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from pathlib import Path

from engine import fuzz, repo_root

ROOT = repo_root()

from uneventtui.cli import main as cli_main  # noqa: E402
from uneventtui.loader import check_dataset  # noqa: E402
from uneventtui.text.sanitize import BIDI_CONTROLS  # noqa: E402

FORBIDDEN = {*map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0)), *map(chr, BIDI_CONTROLS)} - {
    "\n"
}
WORK = Path(tempfile.mkdtemp(prefix="fuzz-loader-"))
shutil.copytree(ROOT / "tests" / "fixtures" / "mini", WORK / "mini")
shutil.copytree(ROOT / "data", WORK / "shipped" / "data")
shutil.copytree(ROOT / "seeds", WORK / "shipped" / "seeds")
FILES = sorted((WORK / "mini" / "data").glob("*.toml")) + sorted(
    (WORK / "shipped" / "data").rglob("*.toml")
)
ORIGINAL = {path: path.read_bytes() for path in FILES}
# The first byte of an input picks the file; the fixture's small files are picked three
# times out of four, as a run on them is several times faster than on the shipped data.
MINI_FILES = [p for p in FILES if p.is_relative_to(WORK / "mini")]
SLOTS = MINI_FILES * 9 + [p for p in FILES if p not in MINI_FILES]


def data_dir(path: Path) -> Path:
    return WORK / path.relative_to(WORK).parts[0] / "data"


def run_verb(*argv: str) -> str:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        cli_main(list(argv))
    out.flush()
    return out.buffer.getvalue().decode("utf-8")


def target(data: bytes) -> None:
    if not data:
        return
    path = SLOTS[data[0] % len(SLOTS)]
    path.write_bytes(data[1:])
    try:
        directory = data_dir(path)
        problems = check_dataset(directory)
        for problem in problems:
            line = str(problem)
            assert "internal error" not in line, line
            assert not FORBIDDEN.intersection(line) and "\n" not in line, repr(line)
        if problems:
            return
        for argv in (["events"], ["entities"], ["show", "who"], ["show", "2024-geneva-visit"]):
            text = run_verb("--data", str(directory), *argv)
            assert not FORBIDDEN.intersection(text), (argv, sorted(FORBIDDEN.intersection(text)))
    finally:
        path.write_bytes(ORIGINAL[path])


TOKENS = [
    *(
        t.encode()
        for t in [
            "[[event]]\n",
            "[[entity]]\n",
            "[[source]]\n",
            "[[track]]\n",
            "[dataset]\n",
            '"""',
            "'''",
            "\\u001b",
            "\\u009b",
            "\\u202e",
            "\\U0010ffff",
            "\\ud800",
            '"1995-02-30"',
            '"2025-13"',
            "1995-03-06",
            "1995-03-06T10:00:00",
            "= [",
            "= {",
            "}",
            "]",
            ",",
            "inf",
            "nan",
            "0x7fffffffffffffff",
            "true",
            '"../../etc/passwd"',
            '"/etc/passwd"',
            'seeds = "/"',
            "[@click=app.quit]",
            "[bold]",
            "\u202e",
            "\u200dلا",
            "\r\n",
            "\ufeff",
            "quote = ",
            "id = ",
            "kind = ",
            "entity = ",
            "source = ",
        ]
    ),
    b"\xff",
    b"\xc0\x80",
    b"\xed\xa0\x80",
]

if __name__ == "__main__":
    seeds = [bytes([SLOTS.index(path)]) + ORIGINAL[path] for path in FILES]
    try:
        raise SystemExit(fuzz("loader", target, seeds, TOKENS))
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
