"""What the verbs share: the --data option (before or after the verb) and loading."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from uneventtui import cache
from uneventtui.cli import DATA_HELP
from uneventtui.loader import DataError, Problem
from uneventtui.model import Timeline
from uneventtui.output import RTL_MODES, plural, set_rtl_mode, terminal_width, visual


def data_options() -> argparse.ArgumentParser:
    """A parent parser giving a verb `--data DIR`, so `uneventtui check --data DIR` works.

    Its default is SUPPRESS: a sub-parser's default would otherwise overwrite the
    value given before the verb (`uneventtui --data DIR check`).
    """
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS, help=DATA_HELP)
    parent.add_argument(
        "--rtl-mode",
        choices=RTL_MODES,
        default=argparse.SUPPRESS,
        help="shaped: Arabic shaped and in visual order (default); terminal: logical "
        "order, for terminals that run bidi themselves (default from config.toml)",
    )
    return parent


def configured_rtl_mode() -> str | None:
    """rtl_mode from the user's config file, when there is one (and the app's config
    module is installed); its problems are reported on stderr, never fatal."""
    try:
        from uneventtui.config import load_config  # the TUI's settings
    except ImportError:
        return None
    try:
        config, problems = load_config()
    except Exception as exc:  # a broken config must not stop a script
        print(f"uneventtui: config ignored: {exc}", file=sys.stderr)
        return None
    for problem in problems:
        print(f"uneventtui: config: {problem}", file=sys.stderr)
    return getattr(config, "rtl_mode", None)


def add_verb(subparsers: Any, name: str, summary: str, description: str = "") -> Any:
    """A verb's sub-parser, with the shared options."""
    return subparsers.add_parser(
        name,
        help=summary,
        description=description or summary,
        parents=[data_options()],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def add_json(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--json",
        action="store_true",
        help=f"print {what} as JSON (see docs/cli.md) instead of a table",
    )


def format_problem(problem: Problem, stream: Any) -> str:
    """A problem line; its Arabic (a quote, a name) shaped when it goes to a terminal."""
    line = str(problem)
    return visual(line, "ltr") if terminal_width(stream) is not None else line


def report_problems(problems: list[Problem], stream: Any = None) -> None:
    """One line per problem."""
    stream = stream or sys.stderr
    for problem in problems:
        print(format_problem(problem, stream), file=stream)


def apply_display_options(args: argparse.Namespace) -> None:
    """--rtl-mode, or the config file's, for what this run prints."""
    mode = getattr(args, "rtl_mode", None) or configured_rtl_mode()
    set_rtl_mode(mode if mode in RTL_MODES else "shaped")


def load(args: argparse.Namespace) -> Timeline | None:
    """The dataset the user chose; None after printing its problems to stderr.

    Also applies the display options (--rtl-mode, or the config file's) to the output.
    """
    apply_display_options(args)
    try:
        return cache.load_cached(getattr(args, "data", None)).timeline
    except DataError as error:
        count = plural(len(error.problems), "problem")
        print(f"uneventtui: the dataset has {count} (`uneventtui check`):", file=sys.stderr)
        report_problems(error.problems)
        return None
