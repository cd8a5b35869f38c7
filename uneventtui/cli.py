"""Command line: the TUI when run bare, and verbs for scripts and tests.

Each verb lives in its own module under `uneventtui.commands`, exposing
`add_parser(subparsers)` and `run(args) -> int`; this module only wires them.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from uneventtui import __version__

# Modules under uneventtui.commands, one per verb; the order is the order of --help.
VERBS: tuple[str, ...] = ("render",)


def build_parser() -> argparse.ArgumentParser:
    """The argparse tree: global options and one sub-parser per verb."""
    parser = argparse.ArgumentParser(
        prog="uneventtui",
        description="Explore the UN's social-development history, 1995-2025, in a terminal.",
    )
    parser.add_argument("--version", action="version", version=f"uneventtui {__version__}")
    parser.add_argument("--data", metavar="DIR", help="dataset directory (default: shipped data)")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for module in VERBS:
        importlib.import_module(f"uneventtui.commands.{module}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `uneventtui` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        print(
            "uneventtui: the explorer is not built yet; use a verb (see --help).",
            file=sys.stderr,
        )
        return 2
    return int(args.run(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
