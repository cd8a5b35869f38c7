"""Load a dataset directory of TOML files into a `Timeline`, validating all of it.

`check_dataset(path)` returns every problem at once; `load_timeline(path)` returns the
`Timeline` or raises `DataError` with those problems. Each `Problem` prints as one line
naming the file (with a line number where one is known), the entry's id and the field,
so that a typo, a bad date or a dangling reference is never silently ignored. Whatever
the input (garbage bytes, wrong types, deep nesting) the result is a list of problems,
never a traceback.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import errno
import re
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from uneventtui import paths
from uneventtui.model import (
    ENTITY_KINDS,
    SEED_LIMIT,
    Entity,
    Event,
    Label,
    PartialDate,
    Participant,
    Source,
    SourceRef,
    Timeline,
)
from uneventtui.paths import toml_files
from uneventtui.text.sanitize import escape_line

__all__ = ["DataError", "Problem", "check_dataset", "load_timeline"]

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
SOURCE_KINDS = ("seed", "external")
# Kinds of entity that may appear where an event names them.
PARTICIPANT_KINDS = ("person", "organization")
DEFAULT_SEEDS = "../seeds"

# C0 and C1 control characters. One-line fields allow none; prose allows tab and newline.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_PROSE_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WS_RE = re.compile(r"\s+")
_TOML_POS_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END_RE = re.compile(r"\s*\(at end of document\)\s*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset; `str()` gives it as one line.

    `file` is the path as shown to the user, `entry` the entry's id (or `#n`, its
    position in the file, when it has no usable id), `field` the field (`sources[0].quote`
    for nested ones). `table` ("event", "entity", ...) and `line`/`column` are set where
    known.
    """

    file: str
    entry: str | None
    field: str | None
    message: str
    table: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = []
        if self.entry is not None:
            parts.append(f"{self.table} '{self.entry}'" if self.table else f"'{self.entry}'")
        elif self.table:
            parts.append(self.table)
        if self.field is not None:
            parts.append(f"field '{self.field}'")
        head = f"{where}: {', '.join(parts)}: " if parts else f"{where}: "
        return escape_line(head + self.message)


class DataError(Exception):
    """A dataset that cannot be loaded; `.problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} in the dataset"
        super().__init__("\n".join([summary, *map(str, self.problems)]))


def _why_not(path: Path) -> str:
    """Why `path` (not a regular file) cannot be read as one."""
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except RuntimeError:  # Python < 3.13 raises this for a loop
            return "a symlink loop"
        except OSError as exc:
            return "a symlink loop" if exc.errno == errno.ELOOP else "a dangling symlink"
    return "not a regular file" if path.exists() else "it does not exist"


def did_you_mean(word: str, choices: Any) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    matches = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def _type_name(value: object) -> str:
    names = {
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "a boolean",
        list: "a list",
        dict: "a table",
        _dt.date: "a date",
        _dt.datetime: "a date-time",
        _dt.time: "a time",
    }
    return names.get(type(value), type(value).__name__)


def collapse_ws(text: str) -> str:
    """White space collapsed to single spaces, for comparing a quote with its seed."""
    return _WS_RE.sub(" ", text).strip()


# --- The format: which fields each table has ---------------------------------------

# Field kinds: "id" (the entry's own slug), "line" (one-line string), "text" (prose),
# "ref" (an id naming another entry), "date", "strings" (list of one-line strings),
# "refs" (list of ids), "participants", "sources" (lists of tables).


@dataclass(frozen=True)
class _Spec:
    fields: dict[str, str]
    required: tuple[str, ...]


_LABEL = _Spec(
    {"id": "id", "name_ar": "line", "name_en": "line", "short_ar": "line", "short_en": "line"},
    ("id", "name_ar", "name_en"),
)
SPECS: dict[str, _Spec] = {
    "dataset": _Spec({"title_ar": "line", "title_en": "line", "seeds": "line"}, ()),
    "track": _LABEL,
    "event_kind": _LABEL,
    "source": _Spec(
        {
            "id": "id",
            "kind": "line",
            "file": "line",
            "title": "line",
            "outlet": "line",
            "published": "date",
            "url": "line",
            "symbol": "line",
            "note": "text",
        },
        ("id", "kind"),
    ),
    "entity": _Spec(
        {
            "id": "id",
            "kind": "line",
            "name_ar": "line",
            "name_en": "line",
            "subkind": "line",
            "aliases": "strings",
            "description_ar": "text",
            "description_en": "text",
            "sources": "sources",
        },
        ("id", "kind", "name_ar", "name_en"),
    ),
    "event": _Spec(
        {
            "id": "id",
            "kind": "ref",
            "track": "ref",
            "title_ar": "line",
            "title_en": "line",
            "start": "date",
            "end": "date",
            "date_note": "text",
            "date_note_ar": "text",
            "place": "ref",
            "summary_ar": "text",
            "summary_en": "text",
            "participants": "participants",
            "organizations": "refs",
            "sources": "sources",
            "aliases": "strings",
        },
        ("id", "kind", "track", "title_ar", "title_en", "start", "sources"),
    ),
}
_PARTICIPANT = _Spec({"entity": "ref", "role_ar": "line", "role_en": "line"}, ("entity",))
_SOURCE_REF = _Spec({"source": "ref", "quote": "text", "url": "line"}, ("source",))
# Tables that are arrays ([[event]]), in the order they are cross-checked.
ARRAY_TABLES = ("track", "event_kind", "source", "entity", "event")


# --- Locating entries in the TOML text, for line numbers ---------------------------


class _Lines:
    """Line numbers of `[[table]]` headers and of `key =` lines below them.

    tomllib gives no positions, so this scans the text. It is used only when the
    headers found match the entries parsed one for one (inline tables do not). Only
    the headers' positions are kept: a key's line is looked up in the file again when
    a problem names it, so a large dataset's text is not held for every file.
    """

    _HEADER_RE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_\-\"' ]+?)\s*\]\]?\s*(?:#.*)?$")
    _KEY_RE = re.compile(r"^\s*[\"']?([A-Za-z0-9_\-]+)[\"']?\s*[=.]")

    def __init__(self, text: str, path: Path | None = None):
        self.path = path
        self.headers: dict[str, list[int]] = {}  # table name -> 0-based header lines
        self.any_headers: set[int] = set()  # every [table] line, sub-tables included
        for number, line in enumerate(text.splitlines()):
            if line.lstrip().startswith("["):
                self.any_headers.add(number)
                match = self._HEADER_RE.match(line)
                if match:
                    self.headers.setdefault(match.group(1).strip("\"' "), []).append(number)
        self._text = None if path is not None else text  # kept only with no file to reread

    def entry_line(self, table: str, index: int, count: int) -> int | None:
        """1-based line of the index-th [[table]] header, when the count matches."""
        found = self.headers.get(table, [])
        if len(found) != count or index >= len(found):
            return None
        return found[index] + 1

    def _lines(self) -> list[str]:
        text = self._text
        if text is None and self.path is not None:
            try:
                text = self.path.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                text = ""
        return (text or "").splitlines()

    def key_line(self, start: int | None, key: str) -> int | None:
        """1-based line of `key = ...` in the entry whose header is on line `start`."""
        if start is None:
            return None
        lines = self._lines()
        for number in range(start, len(lines)):  # `start` is 1-based: the next line
            if number in self.any_headers:
                break
            match = self._KEY_RE.match(lines[number])
            if match and match.group(1) == key:
                return number + 1
        return start


# --- Checking ---------------------------------------------------------------------


@dataclass
class _Entry:
    """A table from a file, with where it came from and its checked values."""

    table: str
    file: str
    position: int  # 1-based, among the entries of this table in this file
    data: dict[str, Any]  # as parsed; emptied once checked (`values` holds what is kept)
    header_line: int | None
    lines: _Lines | None
    values: dict[str, Any] = field(default_factory=dict)
    given: tuple[str, ...] = ()  # the keys the entry was written with
    written_id: Any = None

    def __post_init__(self) -> None:
        self.given, self.written_id = tuple(self.data), self.data.get("id")

    @property
    def id(self) -> str | None:
        """The id as written (even if malformed: it was reported, and others may use it)."""
        value = self.written_id
        return value if isinstance(value, str) and value.strip() else None

    @property
    def label(self) -> str:
        return self.id or f"#{self.position}"

    def line_of(self, key: str | None) -> int | None:
        if key is None or self.lines is None:
            return self.header_line
        return self.lines.key_line(self.header_line, key.split("[")[0].split(".")[0])


# Right-to-left punctuation (bidi class R or AL) standing against a URL or an id: a
# line that starts with it is laid out right to left by the bidi algorithm, and its
# Latin parts then read in reverse order ("۔evil.example ۔ https://un.org/doc" is
# drawn "https://un.org/doc ۔ evil.example۔"). That is Unicode's rule, not a drawing
# bug, so `check` warns about it in the data rather than the display changing it.
_RTL_PUNCTUATION = "".join(
    chr(code)
    for code in (*range(0x0590, 0x0900), *range(0xFB1D, 0xFE00), *range(0xFE70, 0xFF00))
    if unicodedata.category(chr(code)).startswith("P")
    and unicodedata.bidirectional(chr(code)) in ("R", "AL")
)
_LATIN_TOKEN = r"(?:https?://[^\s]+|[A-Za-z0-9][A-Za-z0-9_]*(?:[./-][A-Za-z0-9_]+)+)"
_RTL_PUNCT_RE = re.compile(f"[{_RTL_PUNCTUATION}]")
_RTL_AGAINST_LATIN_RE = re.compile(
    f"([{_RTL_PUNCTUATION}])({_LATIN_TOKEN})|({_LATIN_TOKEN})([{_RTL_PUNCTUATION}])"
)


def _rtl_punctuation_warning(value: str) -> str | None:
    """Why `value` may show a URL or an id out of order, or None."""
    if not _RTL_PUNCT_RE.search(value):  # most text: one quick scan
        return None
    match = _RTL_AGAINST_LATIN_RE.search(value)
    if match is None:
        return None
    mark, token = (match[1], match[2]) if match[1] else (match[4], match[3])
    return (
        f"warning: the right-to-left punctuation {mark!r} (U+{ord(mark):04X}) stands against "
        f"{token!r}; a line that starts with it is laid out right to left, so the Latin "
        "parts around it read in reverse order"
    )


class _Checker:
    """Collects problems while it reads a dataset directory."""

    def __init__(self, root: Path, shown_root: str):
        self.root = root
        self.shown_root = shown_root
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []  # worth fixing, but the data loads
        self.entries: dict[str, list[_Entry]] = {t: [] for t in ARRAY_TABLES}
        self.dataset: _Entry | None = None
        self.seeds_dir: Path | None = None
        self._seed_texts: dict[str, str | None] = {}
        self._seed_errors: dict[str, str] = {}  # file name -> why it cannot be read
        # When a file cannot be parsed, what it defines is unknown: references to it
        # would only add noise, so "unknown entity" and the like are not reported.
        self.incomplete = False

    # -- reporting

    def problem(
        self,
        file: str,
        message: str,
        entry: str | None = None,
        field: str | None = None,
        table: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.problems.append(Problem(file, entry, field, message, table, line, column))

    def entry_problem(self, entry: _Entry, field_name: str | None, message: str) -> None:
        self.problem(
            entry.file,
            message,
            entry=entry.label if entry.table != "dataset" else None,
            field=field_name,
            table=entry.table,
            line=entry.line_of(field_name),
        )

    # -- reading files

    def toml_files(self) -> list[Path]:
        """The dataset's files; a *.toml that cannot be read as a file is reported."""
        skipped: list[Path] = []
        found = toml_files(self.root, skipped)
        for path in skipped:  # a dangling symlink, a symlink loop, a FIFO: never silent
            self.problem(self.shown(path), f"not a readable file ({_why_not(path)})")
            self.incomplete = True
        return found

    def shown(self, path: Path) -> str:
        return str(Path(self.shown_root) / path.relative_to(self.root))

    def read_file(self, path: Path) -> None:
        shown = self.shown(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.problem(shown, f"cannot read the file: {exc.strerror or exc}")
            self.incomplete = True
            return
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            before = raw[: exc.start]
            line = before.count(b"\n") + 1
            column = exc.start - (before.rfind(b"\n") + 1) + 1
            byte = raw[exc.start : exc.start + 1].hex()
            self.problem(
                shown,
                f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8",
                line=line,
                column=column,
            )
            self.incomplete = True
            return
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message, line, column = str(exc), None, None
            match = _TOML_POS_RE.search(message)
            if match:
                line, column = int(match.group(1)), int(match.group(2))
                message = message[: match.start()]
            elif _TOML_END_RE.search(message):
                line = text.count("\n") + 1
                message = _TOML_END_RE.sub("", message) + " (at the end of the file)"
            self.problem(shown, f"TOML syntax error: {message}", line=line, column=column)
            self.incomplete = True
            return
        except RecursionError:
            self.problem(shown, "TOML syntax error: nested too deeply")
            self.incomplete = True
            return
        self.read_document(shown, document, _Lines(text, path))

    def read_document(self, shown: str, document: dict[str, Any], lines: _Lines) -> None:
        for key, value in document.items():
            header = lines.headers.get(key, [None])[0]
            line = header + 1 if header is not None else None
            if key == "dataset":
                if not isinstance(value, dict):
                    self.problem(
                        shown, "write [dataset] as one table, not an array", table=key, line=line
                    )
                    continue
                entry = _Entry("dataset", shown, 1, value, line, lines)
                if self.dataset is not None:
                    self.entry_problem(
                        entry, None, f"[dataset] is also defined in {self.dataset.file}"
                    )
                    continue
                self.dataset = entry
                self.check_fields(entry, SPECS["dataset"])
            elif key in ARRAY_TABLES:
                if not isinstance(value, list):
                    self.problem(
                        shown,
                        f"write [[{key}]] (an array of tables), not {_type_name(value)}",
                        table=key,
                        line=line,
                    )
                    continue
                for index, item in enumerate(value):
                    header_line = lines.entry_line(key, index, len(value))
                    if not isinstance(item, dict):
                        self.problem(
                            shown,
                            f"each {key} must be a table, not {_type_name(item)}",
                            entry=f"#{index + 1}",
                            table=key,
                            line=header_line,
                        )
                        continue
                    entry = _Entry(key, shown, index + 1, item, header_line, lines)
                    self.check_fields(entry, SPECS[key])
                    self.entries[key].append(entry)
            else:
                tables = ("dataset", *ARRAY_TABLES)
                self.problem(
                    shown,
                    f"unknown table '{key}'{did_you_mean(key, tables)}; "
                    f"known tables: {', '.join(tables)}",
                    table=None,
                    line=line,
                )

    # -- fields of one entry

    def check_fields(self, entry: _Entry, spec: _Spec) -> None:
        """Check types and presence; keep the good values in `entry.values`."""
        values = self.check_table(entry, "", entry.data, spec)
        entry.values = values
        entry.data = {}  # the parsed table is not kept: a large dataset's memory is its values

    def check_table(
        self, entry: _Entry, prefix: str, data: dict[str, Any], spec: _Spec
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        missing = [key for key in spec.required if key not in data]
        # The id first, so that later problems can name the entry.
        ordered = sorted(data.items(), key=lambda kv: kv[0] != "id")
        for key, value in ordered:
            name = f"{prefix}{key}"
            kind = spec.fields.get(key)
            if kind is None:
                self.unknown_field(entry, prefix, key, spec, missing)
                continue
            checked = self.check_value(entry, name, kind, value)
            if checked is not None:
                values[key] = checked
        for key in missing:
            self.entry_problem(entry, f"{prefix}{key}", "missing required field")
        return values

    def unknown_field(
        self, entry: _Entry, prefix: str, key: str, spec: _Spec, missing: list[str]
    ) -> None:
        """Report a field the format does not have; a typo of a missing one is one problem."""
        close = difflib.get_close_matches(key, list(spec.fields), n=1, cutoff=0.6)
        if close and close[0] in missing:
            missing.remove(close[0])
            message = f"unknown field: did you mean '{close[0]}'? (it is required and missing)"
        elif close:
            message = f"unknown field (did you mean '{close[0]}'?)"
        else:
            message = f"unknown field; known fields: {', '.join(spec.fields)}"
        self.entry_problem(entry, f"{prefix}{key}", message)

    def check_value(self, entry: _Entry, name: str, kind: str, value: Any) -> Any:
        """The checked value, or None after reporting why it is wrong."""
        if kind == "id":
            text = self.check_string(entry, name, value, _CONTROL_RE)
            if text is not None and not ID_RE.match(text):
                self.entry_problem(
                    entry,
                    name,
                    f"{text!r} is not a valid id: use lowercase letters, digits, '.', '_', '-'",
                )
                return None
            return text
        if kind in ("line", "ref"):
            return self.check_string(entry, name, value, _CONTROL_RE)
        if kind == "text":
            return self.check_string(entry, name, value, _PROSE_CONTROL_RE)
        if kind == "date":
            return self.check_date(entry, name, value)
        if kind in ("strings", "refs"):
            items = self.check_list(entry, name, value, "strings")
            if items is None:
                return None
            good: dict[str, None] = {}  # ordered, and O(1) to test: lists can be long
            for i, item in enumerate(items):
                text = self.check_string(entry, f"{name}[{i}]", item, _CONTROL_RE)
                if text is None:
                    continue
                if text in good:
                    self.entry_problem(entry, f"{name}[{i}]", f"{text!r} is listed twice")
                    continue
                good[text] = None
            return tuple(good)
        if kind in ("participants", "sources"):
            spec = _PARTICIPANT if kind == "participants" else _SOURCE_REF
            items = self.check_list(entry, name, value, "tables")
            if items is None:
                return None
            good_tables = []
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    self.entry_problem(
                        entry, f"{name}[{i}]", f"expected a table, not {_type_name(item)}"
                    )
                    continue
                checked = self.check_table(entry, f"{name}[{i}].", item, spec)
                good_tables.append((i, checked, set(item)))
            return tuple(good_tables)
        raise AssertionError(kind)  # pragma: no cover

    def check_string(
        self, entry: _Entry, name: str, value: Any, forbidden: re.Pattern[str]
    ) -> str | None:
        if not isinstance(value, str):
            self.entry_problem(entry, name, f"expected a string, not {_type_name(value)}")
            return None
        if not value.strip():
            self.entry_problem(entry, name, f"fill in: {name} (it must not be empty)")
            return None
        bad = forbidden.search(value)
        if bad:
            self.entry_problem(
                entry, name, f"contains the control character U+{ord(bad.group()):04X}"
            )
            return None
        warning = _rtl_punctuation_warning(value)
        if warning is not None:
            self.entry_problem(entry, name, warning)
            self.warnings.append(self.problems.pop())  # reported, but not a failure
        return value

    def check_list(self, entry: _Entry, name: str, value: Any, what: str) -> list | None:
        if not isinstance(value, list):
            self.entry_problem(entry, name, f"expected a list of {what}, not {_type_name(value)}")
            return None
        return value

    def check_date(self, entry: _Entry, name: str, value: Any) -> PartialDate | None:
        if isinstance(value, (_dt.datetime, _dt.time)):
            self.entry_problem(entry, name, 'give a date without a time, e.g. "1995-03-06"')
            return None
        if isinstance(value, _dt.date):  # an unquoted TOML date: a full day
            return PartialDate(value.year, value.month, value.day)
        if not isinstance(value, str):
            self.entry_problem(
                entry,
                name,
                f'expected a date string such as "1995", "1995-03" or "1995-03-06", '
                f"not {_type_name(value)}",
            )
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            detail = str(exc)
            if "is not a date like" in detail:
                detail = f'{value!r} is not a date such as "1995", "1995-03" or "1995-03-06"'
            else:
                detail = detail.removeprefix(f"{value!r}: ")
                detail = f"{value!r} is not a valid date: {detail}"
            self.entry_problem(entry, name, detail)
            return None

    # -- across entries

    def cross_check(self) -> None:
        self.resolve_seeds_dir()
        ids: dict[str, dict[str, _Entry]] = {}
        for table in ARRAY_TABLES:
            seen: dict[str, _Entry] = {}
            for entry in self.entries[table]:
                if entry.id is None:
                    continue
                first = seen.get(entry.id)
                if first is not None:
                    where = first.file + (f":{first.header_line}" if first.header_line else "")
                    self.entry_problem(
                        entry, "id", f"duplicate {table} id: also defined in {where}"
                    )
                    continue
                seen[entry.id] = entry
            ids[table] = seen
        # `show ID` looks up events, entities and sources alike: one namespace.
        for table, others in (("event", ("entity",)), ("source", ("entity", "event"))):
            for ident, entry in ids[table].items():
                for other_table in others:
                    other = ids[other_table].get(ident)
                    if other is not None:
                        self.entry_problem(
                            entry,
                            "id",
                            f"the id is also {'an' if other_table[0] in 'aeiou' else 'a'} "
                            f"{other_table}'s, in {other.file}: ids must differ",
                        )
        self.ids = ids
        for entry in self.entries["source"]:
            self.check_source(entry)
        for entry in self.entries["entity"]:
            self.check_entity(entry)
        for entry in self.entries["event"]:
            self.check_event(entry)

    def resolve_seeds_dir(self) -> None:
        setting = DEFAULT_SEEDS
        if self.dataset is not None:
            setting = self.dataset.values.get("seeds", DEFAULT_SEEDS)
        seeds_dir = (self.root / setting).resolve()
        if seeds_dir.is_dir():
            self.seeds_dir = seeds_dir
            return
        if any(e.values.get("kind") == "seed" for e in self.entries["source"]):
            message = f"the seeds directory {setting!r} ({seeds_dir}) does not exist"
            if self.dataset is not None and "seeds" in self.dataset.values:
                self.entry_problem(self.dataset, "seeds", message)
            else:
                message += '; set it with [dataset] seeds = "..." (relative to this directory)'
                self.problem(self.shown_root, message)

    def seed_text(self, file_name: str) -> str | None:
        if file_name not in self._seed_texts:
            text = None
            if self.seeds_dir is not None:
                try:
                    raw = paths.read_regular_file(self.seeds_dir / file_name, SEED_LIMIT)
                    text = collapse_ws(raw.decode("utf-8"))
                except OSError as exc:
                    self._seed_errors[file_name] = f"cannot be read: {exc.strerror or exc}"
                except (UnicodeDecodeError, ValueError):
                    self._seed_errors[file_name] = "cannot be read as UTF-8 text"
            self._seed_texts[file_name] = text
        return self._seed_texts[file_name]

    def check_source(self, entry: _Entry) -> None:
        values = entry.values
        kind = values.get("kind")
        if kind is None:
            return
        if kind not in SOURCE_KINDS:
            self.entry_problem(
                entry,
                "kind",
                f"unknown source kind {kind!r}{did_you_mean(kind, SOURCE_KINDS)}; "
                f"use 'seed' or 'external'",
            )
            return
        if kind == "external":
            if "file" in values:
                self.entry_problem(entry, "file", "only a seed source has a file")
            if "url" not in values and "symbol" not in values:
                self.entry_problem(
                    entry, "url", "an external source needs a url or a symbol (UN document)"
                )
            return
        file_name = values.get("file")
        if file_name is None:
            if "file" not in entry.given:
                self.entry_problem(entry, "file", "a seed source needs the seed's file name")
            return
        if Path(file_name).is_absolute() or ".." in Path(file_name).parts:
            self.entry_problem(
                entry, "file", f"{file_name!r}: give a file name inside the seeds directory"
            )
            return
        if self.seeds_dir is None:
            return  # reported once, by resolve_seeds_dir
        path = self.seeds_dir / file_name
        if not path.is_file():
            self.entry_problem(
                entry,
                "file",
                f"seed file {file_name!r} not found in {self.seeds_dir}"
                f"{did_you_mean(file_name, sorted(p.name for p in self.seeds_dir.iterdir()))}",
            )
        elif self.seed_text(file_name) is None:
            why = self._seed_errors.get(file_name, "cannot be read")
            self.entry_problem(entry, "file", f"seed file {file_name!r} {why}")

    def check_ref(
        self,
        entry: _Entry,
        name: str,
        ref: str,
        table: str,
        kinds: tuple[str, ...] | None = None,
    ) -> None:
        """Report `ref` if it names no entry of `table` (or one of the wrong kind)."""
        target = self.ids[table].get(ref)
        noun = table.replace("_", " ")
        if target is None:
            if self.incomplete:
                return
            hint = did_you_mean(ref, self.ids[table])
            if not self.ids[table]:
                hint = f" (the dataset defines no [[{table}]])"
            self.entry_problem(entry, name, f"unknown {noun} {ref!r}{hint}")
            return
        if kinds is not None:
            kind = target.values.get("kind")
            # (An entity of an unknown kind was reported where it is defined.)
            if kind in ENTITY_KINDS and kind not in kinds:
                self.entry_problem(
                    entry,
                    name,
                    f"{ref!r} is {'an' if kind[0] in 'aeiou' else 'a'} {kind}, "
                    f"expected {' or '.join(kinds)}",
                )

    def check_source_refs(self, entry: _Entry, refs: tuple) -> None:
        for i, ref, given in refs:
            name = f"sources[{i}]"
            source_id = ref.get("source")
            if source_id is None:
                continue
            target = self.ids["source"].get(source_id)
            if target is None:
                self.check_ref(entry, f"{name}.source", source_id, "source")
                continue
            kind = target.values.get("kind")
            if kind == "seed":
                if "url" in given:
                    self.entry_problem(
                        entry, f"{name}.url", "a seed source is cited by a quote, not a url"
                    )
                quote = ref.get("quote")
                if quote is None:
                    if "quote" not in given:
                        self.entry_problem(
                            entry,
                            f"{name}.quote",
                            f"missing the verbatim quote from seed {source_id!r}",
                        )
                    continue
                file_name = target.values.get("file")
                seed = self.seed_text(file_name) if isinstance(file_name, str) else None
                if seed is not None and collapse_ws(quote) not in seed:
                    shown = collapse_ws(quote)
                    shown = shown if len(shown) <= 60 else shown[:57] + "..."
                    self.entry_problem(
                        entry,
                        f"{name}.quote",
                        f"quote not found in seed {source_id!r} ({file_name}): «{shown}»",
                    )
            elif kind == "external" and "quote" in given:
                self.entry_problem(
                    entry,
                    f"{name}.quote",
                    "only a seed's text can be quoted and checked; cite an external "
                    "source by its url",
                )

    def check_entity(self, entry: _Entry) -> None:
        kind = entry.values.get("kind")
        if kind is not None and kind not in ENTITY_KINDS:
            self.entry_problem(
                entry,
                "kind",
                f"unknown entity kind {kind!r}{did_you_mean(kind, ENTITY_KINDS)}; "
                f"use one of {', '.join(ENTITY_KINDS)}",
            )
        self.check_source_refs(entry, entry.values.get("sources", ()))

    def check_event(self, entry: _Entry) -> None:
        values = entry.values
        if "kind" in values:
            self.check_ref(entry, "kind", values["kind"], "event_kind")
        if "track" in values:
            self.check_ref(entry, "track", values["track"], "track")
        if "place" in values:
            self.check_ref(entry, "place", values["place"], "entity", ("place",))
        for i, participant, _given in values.get("participants", ()):
            if "entity" in participant:
                self.check_ref(
                    entry,
                    f"participants[{i}].entity",
                    participant["entity"],
                    "entity",
                    PARTICIPANT_KINDS,
                )
        seen_participants: set[str] = set()
        for i, participant, _given in values.get("participants", ()):
            who = participant.get("entity")
            if who in seen_participants:
                self.entry_problem(
                    entry,
                    f"participants[{i}].entity",
                    f"{who!r} is listed twice; give one entry with both roles",
                )
            seen_participants.add(who)
        for i, org in enumerate(values.get("organizations", ())):
            self.check_ref(entry, f"organizations[{i}]", org, "entity", ("organization",))
        start, end = values.get("start"), values.get("end")
        if start is not None and end is not None and end.last_key < start.sort_key:
            self.entry_problem(entry, "end", f"ends ({end.iso()}) before it starts ({start.iso()})")
        if values.get("date_note_ar") and not values.get("date_note"):
            # The English note is the one every view falls back to: never show a date
            # as inferred in one language and as stated in the other.
            self.entry_problem(entry, "date_note_ar", "an Arabic date note needs a date_note too")
        sources = values.get("sources")
        if sources is not None and not sources:  # given as a list, with no usable source
            self.entry_problem(entry, "sources", "an event needs at least one source")
        self.check_source_refs(entry, sources or ())

    # -- building

    def timeline(self) -> Timeline:
        def labels(table: str) -> dict[str, Label]:
            return {
                e.id: Label(
                    e.id,
                    e.values["name_ar"],
                    e.values["name_en"],
                    e.values.get("short_ar", ""),
                    e.values.get("short_en", ""),
                )
                for e in self.entries[table]
                if e.id
            }

        def refs(checked: tuple) -> tuple[SourceRef, ...]:
            return tuple(
                SourceRef(r["source"], quote=r.get("quote"), url=r.get("url"))
                for _i, r, _given in checked
            )

        sources = {}
        for e in self.entries["source"]:
            v = e.values
            sources[v["id"]] = Source(
                id=v["id"],
                kind=v["kind"],
                title=v.get("title", ""),
                file=v.get("file"),
                outlet=v.get("outlet"),
                published=v.get("published"),
                url=v.get("url"),
                symbol=v.get("symbol"),
                note=v.get("note", ""),
            )
        entities = {}
        for e in self.entries["entity"]:
            v = e.values
            entities[v["id"]] = Entity(
                id=v["id"],
                kind=v["kind"],
                name_ar=v["name_ar"],
                name_en=v["name_en"],
                aliases=v.get("aliases", ()),
                subkind=v.get("subkind", ""),
                description_ar=v.get("description_ar", ""),
                description_en=v.get("description_en", ""),
                sources=refs(v.get("sources", ())),
            )
        events = []
        for e in self.entries["event"]:
            v = e.values
            events.append(
                Event(
                    id=v["id"],
                    kind=v["kind"],
                    track=v["track"],
                    title_ar=v["title_ar"],
                    title_en=v["title_en"],
                    start=v["start"],
                    end=v.get("end"),
                    date_note=v.get("date_note", ""),
                    date_note_ar=v.get("date_note_ar", ""),
                    place=v.get("place"),
                    summary_ar=v.get("summary_ar", ""),
                    summary_en=v.get("summary_en", ""),
                    participants=tuple(
                        Participant(p["entity"], p.get("role_ar", ""), p.get("role_en", ""))
                        for _i, p, _given in v.get("participants", ())
                    ),
                    organizations=v.get("organizations", ()),
                    sources=refs(v["sources"]),
                    aliases=v.get("aliases", ()),
                )
            )
        return Timeline(
            events=events,
            entities=entities,
            sources=sources,
            tracks=labels("track"),
            event_kinds=labels("event_kind"),
            seeds_dir=self.seeds_dir,
        )


def _check(
    path: str | Path | None, progress: Callable[[float], None] | None = None
) -> tuple[list[Problem], _Checker | None]:
    """Run every check; return the problems and, when there are none, the checker.

    `progress`, if given, is called after each file with the share of the dataset's
    bytes read so far (0.0 to 1.0): reading is nearly all of a large load's time.
    """
    if path is None:
        root = paths.shipped_data_dir()
        shown_root = root.name  # the shipped data shows as data/…
    else:
        root = Path(path)
        shown_root = str(path)
    checker = _Checker(root, shown_root)
    try:
        if not root.is_dir():
            what = "is not a directory" if root.exists() else "does not exist"
            checker.problem(shown_root, f"the data directory {what}")
            return checker.problems, None
        files = checker.toml_files()
        if not files:
            checker.problem(shown_root, "no *.toml files in the data directory")
        sizes = [_size(file) for file in files]
        total, done = sum(sizes) or 1, 0
        for file, size in zip(files, sizes, strict=True):
            checker.read_file(file)
            if progress is not None:
                done += size
                progress(min(done / total, 1.0))
        checker.cross_check()
    except Exception as exc:  # never a traceback: an unforeseen input is still a problem
        checker.problem(
            shown_root,
            f"internal error while checking ({type(exc).__name__}: {exc}); please report it",
        )
    problems = sorted(
        checker.problems,
        key=lambda p: (p.file, p.line if p.line is not None else sys.maxsize),
    )
    return problems, (checker if not problems else None)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reported when the file is read
        return 0


def check_dataset(path: str | Path | None = None) -> list[Problem]:
    """Every problem in the dataset at `path` (None: the shipped data); [] when clean."""
    problems, _checker = _check(path)
    return problems


def load_with_warnings(path: str | Path | None = None) -> tuple[Timeline, list[Problem]]:
    """`load_timeline`, and the warnings about data that loads but may mislead a reader
    (right-to-left punctuation against a URL or an id): what `check` reports."""
    problems, checker = _check(path)
    if checker is None:
        raise DataError(problems)
    return checker.timeline(), sorted(checker.warnings, key=lambda p: (p.file, p.line or 0))


def load_timeline(
    path: str | Path | None = None, progress: Callable[[float], None] | None = None
) -> Timeline:
    """Load and validate the dataset at `path` (None: the shipped data).

    Raises `DataError` listing every problem when the dataset is not clean. This always
    reads the TOML; `uneventtui.cache.load_cached` is the fast path for the app and verbs.
    `progress`: see `_check`.
    """
    problems, checker = _check(path, progress)
    if checker is None:
        raise DataError(problems)
    try:
        timeline = checker.timeline()
    except Exception as exc:  # pragma: no cover - the checks above should make this impossible
        shown = "data" if path is None else str(path)
        raise DataError([Problem(shown, None, None, f"internal error: {exc!r}")]) from exc
    return timeline
