"""The bare command parses its options without importing the verbs (start-up time),
and gives the same options the full parser would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from uneventtui import cli


@pytest.mark.parametrize(
    "argv",
    [[], ["--lang", "ar"], ["--data", "d", "--rtl-mode", "terminal"], ["--theme=nord"]],
)
def test_bare_options_match_the_full_parser(argv):
    quick = cli._bare_args(argv)
    assert quick is not None
    assert vars(quick) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["events"],
        ["--data", "d", "check"],
        ["--help"],
        ["-h"],
        ["--lang", "xx"],  # an error: the full parser reports it
        ["--no-such-option"],
    ],
)
def test_verbs_help_and_errors_go_to_the_full_parser(argv):
    assert cli._bare_args(argv) is None


def in_fresh_python(code: str) -> str:
    """What `code` prints in a new interpreter (so that sys.modules shows its imports)."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout


def test_bare_command_imports_no_verb_module():
    code = (
        "import sys\n"
        "from uneventtui import cli\n"
        "assert cli._bare_args(['--lang', 'ar']) is not None\n"
        "heavy = [m for m in sys.modules if m.startswith(('uneventtui.commands',"
        " 'uneventtui.loader', 'uneventtui.output', 'uneventtui.search'))]\n"
        "print(heavy)\n"
    )
    assert in_fresh_python(code).strip() == "[]"


def test_bare_command_without_options_imports_no_parser():
    """`uneventtui` alone, the usual start, parses nothing: argparse is not imported."""
    code = (
        "import sys\n"
        "from uneventtui import cli\n"
        "args = cli._bare_args([])\n"
        "print(args.verb, 'argparse' in sys.modules)\n"
    )
    assert in_fresh_python(code).split() == ["None", "False"]
