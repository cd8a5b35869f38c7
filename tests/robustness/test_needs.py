"""A reference test whose tool is missing skips locally and fails on CI (tests/needs.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

HERE = Path(__file__).resolve().parents[1]  # tests/: the shared conftest and helpers
NEEDS_NOTHING_THERE = """
import needs

absent = needs.needs("a tool no one has", False, "apt-get install nothing")


@absent
def test_uses_the_tool():
    pass
"""


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    for name in ("conftest.py", "needs.py", "tui_fixture.py"):
        shutil.copy(HERE / name, pytester.path / name)
    pytester.makepyfile(test_reference=NEEDS_NOTHING_THERE)
    return pytester


def test_missing_tool_skips_and_says_why(suite, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    result = suite.runpytest_subprocess("-rs", "-p", "no:cacheprovider")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*a tool no one has is missing (apt-get install nothing)*"])


def test_missing_tool_fails_on_ci(suite, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*CI must run this test, but a tool no one has is missing*"])
