"""Command line: the TUI when run bare, and verbs for scripts and tests.

Each verb lives in its own module under `uneventtui.commands`, exposing
`add_parser(subparsers)` and `run(args) -> int`; this module only wires them.
"""

from __future__ import annotations

import importlib
import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from uneventtui import __version__

if TYPE_CHECKING:  # pragma: no cover
    import argparse

# Kept here (not imported from uneventtui.commands.common) so that the bare command
# parses its options without importing the verbs, the loader and the text layer first.
DATA_HELP = "dataset directory (default: the shipped data)"

# Modules under uneventtui.commands, one per verb; the order is the order of --help.
VERBS: tuple[str, ...] = (
    "events",
    "entities",
    "show",
    "search",
    "check",
    "render",
    "export",
    "ingest",
)


class _NotBare(Exception):
    """The quick parse of `_bare_args` met something only the full parser handles."""


def build_parser(verbs: bool = True) -> argparse.ArgumentParser:
    """The argparse tree: global options and one sub-parser per verb.

    verbs=False gives the global options only (no verb module imported), for the
    quick check of `_bare_args`.
    """
    import argparse  # here: a bare `uneventtui` with no options never needs it

    class _QuickParser(argparse.ArgumentParser):
        def error(self, message: str):  # type: ignore[override]
            raise _NotBare(message)

    parser = (argparse.ArgumentParser if verbs else _QuickParser)(
        prog="uneventtui",
        description="Explore the UN's social-development history, 1995-2025, in a terminal. "
        "Run without a verb to open the explorer.",
        epilog="`uneventtui VERB --help` describes each verb. "
        "--data may also follow the verb: `uneventtui check --data DIR`.",
    )
    parser.add_argument("--version", action="version", version=f"uneventtui {__version__}")
    parser.add_argument("--data", metavar="DIR", default=None, help=DATA_HELP)
    explorer = parser.add_argument_group("the explorer (no verb)")
    explorer.add_argument(
        "--rtl-mode",
        choices=("shaped", "terminal"),
        default=None,
        help="shaped: the app shapes Arabic (default); terminal: the terminal runs bidi "
        "itself. The verbs print logical text (as terminal) into a pipe or a file unless "
        "shaped is asked for here or in config.toml",
    )
    explorer.add_argument(
        "--lang",
        choices=("en", "ar"),
        default=None,
        help="interface language; ar also mirrors the layout",
    )
    explorer.add_argument("--theme", metavar="NAME", default=None, help="a Textual theme")
    if not verbs:
        return parser
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for module in VERBS:
        importlib.import_module(f"uneventtui.commands.{module}").add_parser(sub)
    return parser


def _bare_args(argv: list[str]) -> argparse.Namespace | SimpleNamespace | None:
    """The options of a bare `uneventtui [OPTIONS]` (no verb), parsed without importing
    any verb module, so the explorer's data thread starts sooner; None when `argv`
    names a verb, asks for help or has anything the full parser must judge (errors
    included, so their messages stay the full parser's)."""
    if not argv:  # the usual start: nothing to parse, so no parser to build or import
        return SimpleNamespace(data=None, rtl_mode=None, lang=None, theme=None, verb=None)
    if any(arg in ("-h", "--help") or arg.startswith("--h") for arg in argv):
        return None
    try:
        args, rest = build_parser(verbs=False).parse_known_args(argv)
    except _NotBare:
        return None
    if rest:
        return None
    args.verb = None
    return args


def run_tui(args: argparse.Namespace | SimpleNamespace) -> int:
    """The bare command: the explorer (uneventtui.app)."""
    # The one import of the UI from outside it (pyproject's import-linter contracts list
    # it as their exception): here, lazily, so that the verbs never load Textual.
    from uneventtui.app import run_tui as run_explorer

    return run_explorer(args)


def _utf8_output() -> None:
    """Write UTF-8 whatever the locale says: JSON is UTF-8, and Arabic must not crash
    a Latin-1 terminal (stderr escapes what it cannot encode)."""
    for stream, errors in ((sys.stdout, "strict"), (sys.stderr, "backslashreplace")):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors=errors)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `uneventtui` command."""
    if argv is None:
        argv = sys.argv[1:]
    args = _bare_args(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    try:
        if args.verb is None:
            return run_tui(args)
        _utf8_output()
        status = int(args.run(args) or 0)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # The reader went away (`uneventtui events | head`): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a command killed by it
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one clear line, the traceback only on request
        if os.environ.get("UNEVENTTUI_DEBUG"):
            raise
        from uneventtui.text.sanitize import escape_line

        print(
            f"uneventtui: internal error ({type(exc).__name__}: {escape_line(str(exc))}); "
            "please report it "
            "(UNEVENTTUI_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return 70  # EX_SOFTWARE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
