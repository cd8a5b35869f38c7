"""What the verbs share: the --data option (before or after the verb) and loading."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import Any

from uneventtui import cache
from uneventtui.cli import DATA_HELP
from uneventtui.dataset import Dataset
from uneventtui.filters import FilterError, Filters
from uneventtui.loader import DataError, Problem
from uneventtui.model import Timeline
from uneventtui.output import RTL_MODES, Display, choose_rtl_mode, is_terminal, plural
from uneventtui.text.sanitize import escape_line


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
        help="shaped: Arabic shaped and in visual order (the default on a terminal); "
        "terminal: logical order, for terminals that run bidi themselves. Into a pipe or "
        "a file the text is printed as the data holds it (logical order, unshaped) "
        'unless a mode is asked for, like --color=auto (rtl_mode = "terminal" in '
        "config.toml applies everywhere)",
    )
    return parent


def configured_rtl_mode() -> str | None:
    """rtl_mode from the user's config file, when the file sets it (None when it does
    not: the default then depends on where the output goes); problems are reported on
    stderr, never fatal."""
    try:
        from uneventtui.config import Config, load_config  # the TUI's settings
    except ImportError:
        return None
    try:
        config, problems = load_config()
    except Exception as exc:  # a broken config must not stop a script
        print(f"uneventtui: config ignored: {escape_line(str(exc))}", file=sys.stderr)
        return None
    for problem in problems:
        print(f"uneventtui: config: {escape_line(problem)}", file=sys.stderr)
    mode = getattr(config, "rtl_mode", None)
    # Config has no "unset": its default value counts as not asked for.
    return None if mode == Config().rtl_mode else mode


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


def format_problem(problem: Problem, stream: Any, display: Display | None = None) -> str:
    """A problem line; its Arabic (a quote, a name) shaped when it goes to a terminal
    (and the rtl mode shapes)."""
    line = str(problem)
    if display is None or not is_terminal(stream):
        return line
    return display.visual(line, "ltr")


def report_problems(
    problems: list[Problem], stream: Any = None, display: Display | None = None
) -> None:
    """One line per problem."""
    stream = stream or sys.stderr
    for problem in problems:
        print(format_problem(problem, stream, display), file=stream)


def display_for(args: argparse.Namespace, stream: Any = None) -> Display:
    """How this run draws the data: --rtl-mode, else the config file's rtl_mode, else
    shaped on a terminal and logical into a pipe or a file (see `choose_rtl_mode`)."""
    asked = getattr(args, "rtl_mode", None) or configured_rtl_mode()
    return Display(choose_rtl_mode(asked, stream))


def load_dataset(args: argparse.Namespace, display: Display | None = None) -> Dataset | None:
    """The dataset the user chose; None after printing its problems to stderr."""
    try:
        result = cache.load_cached(getattr(args, "data", None))
    except DataError as error:
        count = plural(len(error.problems), "problem")
        print(f"uneventtui: the dataset has {count} (`uneventtui check`):", file=sys.stderr)
        report_problems(error.problems, display=display)
        return None
    if result.dataset.problem:
        print(f"uneventtui: {escape_line(result.dataset.problem)}", file=sys.stderr)
    return result.dataset


def load(args: argparse.Namespace, display: Display | None = None) -> Timeline | None:
    """The timeline of `load_dataset`, for the verbs that do not search."""
    dataset = load_dataset(args, display)
    return None if dataset is None else dataset.timeline


# A set this small is listed whole when a value is not in it (tracks, kinds).
LIST_ALL_UP_TO = 12


def closest(value: str, known: Iterable[str], count: int = 3) -> list[str]:
    """The `count` known values spelled most like `value`, closest first.

    The score is the mean of rapidfuzz's WRatio, which finds 'omar-hilale' for
    'hilale', and of its plain ratio, which keeps a two-letter id such as 'un' from
    matching anything that contains its letters."""
    from rapidfuzz import fuzz, process

    def score(a: str, b: str, **_: Any) -> float:
        return (fuzz.WRatio(a, b) + fuzz.ratio(a, b)) / 2

    choices = sorted(str(k) for k in known)
    found = process.extract(value, choices, scorer=score, limit=count)
    return [choice for choice, _score, _index in found]


def unknown_value(what: str, value: str, known: Iterable[str], listed_by: str) -> str:
    """The message for a value that names nothing: the closest known values (every
    one when there are few), and where to find them all (`listed_by`, a command)."""
    known = sorted(str(k) for k in known)
    if len(known) <= LIST_ALL_UP_TO:
        hint = f"known: {', '.join(known)}"
    else:
        near = ", ".join(repr(k) for k in closest(value, known))
        hint = f"the closest: {near}; {listed_by} lists all {len(known)}"
    return f"uneventtui: no {what} {value!r}; {hint}"


def chosen_filters(timeline: Timeline, args: argparse.Namespace) -> Filters | None:
    """The filters the options ask for (see `uneventtui.filters.add_options`); None
    after a message on stderr when a value names nothing or options contradict."""
    try:
        filters = Filters.from_args(args)
    except FilterError as error:
        print(f"uneventtui: {error}", file=sys.stderr)
        return None
    unknown = filters.unknown(timeline)
    for value in unknown:
        print(unknown_value(*value), file=sys.stderr)
    return None if unknown else filters
