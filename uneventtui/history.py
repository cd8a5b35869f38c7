"""Recent search queries, kept across runs in the user's data directory.

Pure logic, no Textual. The file is `uneventtui.paths.data_home()/history.json`
($XDG_DATA_HOME/uneventtui/history.json): a JSON object `{"version": 1, "queries": [...]}`,
oldest first. It is written atomically (a temporary file in the same directory, fsync,
os.replace) and readable by the user only (0600): queries can be private. A file that
cannot be read as such is never fatal: it is renamed to `history.json.corrupt` (kept for
the user to look at) and `History.problem` says what happened, for the app to report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from uneventtui.editbuffer import clean_input
from uneventtui.paths import (
    HISTORY_LIMIT,
    UnsafePath,
    check_private_dir,
    data_home,
    read_private_file,
    write_atomically,
)

FILE_NAME = "history.json"
LIMIT = 100  # queries kept
VERSION = 1


def default_path() -> Path:
    """Where the history lives: $XDG_DATA_HOME/uneventtui/history.json."""
    return data_home() / FILE_NAME


class History:
    """Recent queries, most recent last, each once; loaded from and saved to `path`."""

    def __init__(self, path: Path | None = None, limit: int = LIMIT) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.limit = limit
        self.queries: list[str] = []
        self.problem: str | None = None  # what went wrong reading or writing, for the user

    # -- reading ----------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None, limit: int = LIMIT) -> History:
        """Read the history; a missing file is an empty history, a bad one is set aside."""
        history = cls(path, limit)
        try:
            check_private_dir(history.path.parent)  # queries another user could read or plant
            raw = read_private_file(history.path, HISTORY_LIMIT)
        except FileNotFoundError:
            return history
        except UnsafePath as exc:
            history.problem = f"search history not used: {exc}"
            return history
        except OSError as exc:
            why = exc.strerror or str(exc)
            history.problem = f"search history {history.path}: cannot read it ({why})"
            return history
        try:
            history.queries = _parse(raw)[-limit:]
        except ValueError as exc:
            history.problem = history._set_aside(str(exc))
        return history

    def _set_aside(self, why: str) -> str:
        aside = self.path.with_name(self.path.name + ".corrupt")
        n = 1
        while aside.exists():  # never overwrite an earlier one
            aside = self.path.with_name(f"{self.path.name}.corrupt.{n}")
            n += 1
        try:
            os.replace(self.path, aside)
        except OSError as exc:
            return (
                f"search history {self.path} is unreadable ({why}) and could not be moved "
                f"aside ({exc.strerror}); starting with an empty history"
            )
        return (
            f"search history {self.path} is unreadable ({why}); moved it to {aside.name} "
            "and started a new one"
        )

    # -- changing ---------------------------------------------------------------------

    def add(self, query: str) -> bool:
        """Remember a query (stripped; blank ones are not kept); True when it changed."""
        query = " ".join(query.split())
        if not query:
            return False
        if self.queries and self.queries[-1] == query:
            return False
        if query in self.queries:
            self.queries.remove(query)
        self.queries.append(query)
        del self.queries[: -self.limit]
        return True

    def save(self) -> bool:
        """Write the file atomically (0600); False, with `problem` set, when it fails."""
        data = json.dumps(
            {"version": VERSION, "queries": self.queries}, ensure_ascii=False, indent=1
        )
        try:
            write_atomically(self.path, data.encode("utf-8"))
        except OSError as exc:
            self.problem = f"search history {self.path}: cannot save it ({exc.strerror or exc})"
            return False
        return True

    # -- browsing ---------------------------------------------------------------------

    def older(self, index: int | None) -> int | None:
        """The entry before `index` (None: start from the most recent); None past the end."""
        position = len(self.queries) if index is None else index
        return position - 1 if position > 0 else None

    def newer(self, index: int | None) -> int | None:
        """The entry after `index`; None when that leaves the history (back to an empty bar)."""
        if index is None or index + 1 >= len(self.queries):
            return None
        return index + 1


def _parse(raw: bytes) -> list[str]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("queries"), list):
        raise ValueError('expected an object with a "queries" list')
    queries = data["queries"]
    if not all(isinstance(q, str) for q in queries):
        raise ValueError('"queries" holds something other than text')
    # A hand-edited file must not smuggle controls into the search bar.
    return [q for q in (" ".join(clean_input(q).split()) for q in queries) if q]
