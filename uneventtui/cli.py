"""Command line: the TUI when run bare, and verbs for scripts and tests."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `uneventtui` command (replaced as the verbs land)."""
    print("uneventtui: not built yet", file=sys.stderr)
    return 2
