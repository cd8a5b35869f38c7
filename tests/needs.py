"""Tests that need something from outside Python: GNU FriBidi, tmux, the Unicode data files.

Where it is missing, such a test skips and says what to install; with `CI` set it fails
instead, so a CI run cannot go green by skipping the references (`.ci/run` sets CI=true and
installs them). Mark a test or module with one of the marks below; `tests/conftest.py`
decides skip or fail before the test runs.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

UNICODE_DATA = Path("/usr/share/unicode")
INSTALLED_COMMAND = Path(sys.executable).with_name("uneventtui")


def needs(what: str, present: bool, install: str) -> pytest.MarkDecorator:
    """A mark for tests that need `what`; `install` says how to get it."""
    return pytest.mark.needs(what=what, present=present, install=install)


fribidi = needs("GNU FriBidi's CLI `fribidi`", shutil.which("fribidi") is not None,
                "Debian: apt-get install libfribidi-bin")  # fmt: skip
tmux = needs("tmux", shutil.which("tmux") is not None, "Debian: apt-get install tmux")
unicode_data = needs(
    f"{UNICODE_DATA}/BidiCharacterTest.txt",
    (UNICODE_DATA / "BidiCharacterTest.txt").exists(),
    "Debian: apt-get install unicode-data",
)
installed_command = needs(
    f"the installed `uneventtui` command ({INSTALLED_COMMAND})",
    INSTALLED_COMMAND.exists(),
    "pip install . into this environment",
)
wheel_build = needs(
    "`build` and `hatchling`",
    all(importlib.util.find_spec(name) is not None for name in ("build", "hatchling")),
    "pip install '.[test]'",
)


# The tmux suites: a real terminal running the installed app. One worker runs them all:
# several apps starting at once on a loaded machine would test the machine, not us.
REAL_TERMINAL = [tmux, installed_command, pytest.mark.xdist_group("terminal"), pytest.mark.slow]
