"""`uneventtui render`: print text shaped, in visual order and wrapped, like a
shaping, correctly wrapping fribidi. Also the way to check the text layer from
outside."""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from uneventtui.commands.common import configured_rtl_mode
from uneventtui.text import layout
from uneventtui.text.layout import MODES
from uneventtui.text.sanitize import escape_line
from uneventtui.text.terminal import explicit_bidi


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "render",
        help="print Arabic text shaped, in visual order, wrapped",
        description=(
            "Read text from FILE (or standard input) and print it as a terminal should draw "
            "it: shaped, in visual order, wrapped to the width, right-to-left paragraphs "
            "right-aligned. Control characters are shown, never sent to the terminal."
        ),
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="text file (default: stdin)")
    parser.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="line width in cells (default: the terminal's width, 80 when not a terminal)",
    )
    direction = parser.add_mutually_exclusive_group()
    direction.add_argument(
        "--rtl", dest="base", action="store_const", const="rtl", help="force right-to-left"
    )
    direction.add_argument(
        "--ltr", dest="base", action="store_const", const="ltr", help="force left-to-right"
    )
    parser.add_argument(
        "--nopad", action="store_true", help="do not right-align right-to-left lines"
    )
    parser.add_argument(
        "--rtl-mode",
        choices=("shaped", "terminal"),
        default=argparse.SUPPRESS,  # absent: keep `uneventtui --rtl-mode X render`'s
        help="shaped: visual order (default); terminal: logical order, for terminals "
        "that run the bidi algorithm themselves (default from config.toml's rtl_mode)",
    )
    parser.add_argument(
        "--no-harakat", dest="harakat", action="store_false", help="drop Arabic vowel marks"
    )
    parser.set_defaults(run=run)
    return parser


def _read(path: str | None) -> str:
    if path is None or path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
    # Undecodable bytes become U+FFFD: shown, never silently dropped.
    return data.decode("utf-8-sig", errors="replace")


def _width(requested: int | None) -> int:
    if requested is not None:
        return requested
    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return 80


def run(args: argparse.Namespace) -> int:
    if args.width is not None and args.width < 1:
        print("uneventtui render: --width must be at least 1", file=sys.stderr)
        return 2
    try:
        text = _read(args.file)
    except OSError as error:
        why = escape_line(f"{args.file}: {error.strerror or error}")
        print(f"uneventtui render: {why}", file=sys.stderr)
        return 1
    if text.endswith("\n"):
        text = text[:-1]  # a final newline ends the last line; it opens no paragraph
    width = _width(args.width)
    mode = getattr(args, "rtl_mode", None) or configured_rtl_mode() or "shaped"
    if mode not in MODES:
        mode = "shaped"
    lines = layout(text, width, base=args.base, mode=mode, harakat=args.harakat)
    out = []
    for line in lines if text else []:
        pad = " " * (width - line.cells) if line.rtl and not args.nopad else ""
        out.append(pad + line.text + "\n")
    # Rows written in explicit mode stay as drawn in VTE and mintty, which would
    # otherwise reverse our visual order a second time (see text.terminal).
    with explicit_bidi(sys.stdout, enabled=mode == "shaped"):
        _write("".join(out))
    return 0


def _write(text: str) -> None:
    """Write UTF-8 whatever the locale says, and stop quietly on a closed pipe."""
    try:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            sys.stdout.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:
        # `uneventtui render | head`: the reader has gone, which is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
