"""Running the command line: in process, and on a pseudo-terminal as a user's shell would."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from uneventtui import cli

REPO = Path(__file__).resolve().parent.parent

# The keys of `events --json` and `entities --json`, in the order printed (docs/cli.md).
EVENT_KEYS = [
    "id",
    "kind",
    "track",
    "title_ar",
    "title_en",
    "aliases",
    "start",
    "end",
    "date_note",
    "date_note_ar",
    "place",
    "participants",
    "organizations",
    "sources",
    "summary_ar",
    "summary_en",
]
ENTITY_KEYS = [
    "id",
    "kind",
    "subkind",
    "name_ar",
    "name_en",
    "aliases",
    "description_ar",
    "description_en",
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run `uneventtui ARGV` in-process: (exit status, stdout, stderr)."""
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def pty_run(*args: str, env: dict | None = None) -> tuple[int, bytes]:
    """Run `uneventtui ARGS` on a pseudo-terminal (stdin and stdout); status and output."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; from uneventtui.cli import main; sys.exit(main())",
                *args,
            ],
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            env={
                **os.environ,
                "PYTHONPATH": str(REPO),
                "COLUMNS": "100",
                "LINES": "40",
                **(env or {}),
            },
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        status = process.wait(timeout=120)
    finally:
        os.close(controller)
    # The terminal driver turns "\n" into "\r\n" (ONLCR): that CR is not ours.
    return status, b"".join(chunks).replace(b"\r\n", b"\n")
