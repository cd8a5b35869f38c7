"""The user's settings: $XDG_CONFIG_HOME/uneventtui/config.toml.

```toml
rtl_mode = "shaped"    # or "terminal", for terminals that run bidi themselves
lang = "en"            # or "ar": interface language and layout direction
theme = "textual-dark" # any Textual theme name
[keymap]
"timeline.down" = "j,down,ctrl+n"
```

Pure Python (no Textual): a bad value never stops the app. `load_config` returns the
settings it could use, with defaults elsewhere, and one message per problem naming the
key and what is allowed; unknown keys are reported too, never silently ignored.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from uneventtui.paths import (
    CONFIG_LIMIT,
    UnsafePath,
    check_private_dir,
    config_dir,
    read_private_file,
)
from uneventtui.text.sanitize import escape_line

RTL_MODES = ("shaped", "terminal")
LANGS = ("en", "ar")
DEFAULT_THEME = "textual-dark"


@dataclass
class Config:
    """Settings the app runs with."""

    rtl_mode: str = "shaped"
    lang: str = "en"
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)


def config_path() -> Path:
    """Where the config file lives."""
    return config_dir() / "config.toml"


def load_config(
    path: Path | None = None,
    *,
    themes: Iterable[str] | None = None,
    binding_ids: Iterable[str] | None = None,
) -> tuple[Config, list[str]]:
    """Read the config file; return the usable settings and the problems found.

    `themes` and `binding_ids`, when given, are the valid theme names and keymap ids
    (they come from the UI, which this module does not import).
    """
    path = path or config_path()
    config = Config()
    problems: list[str] = []
    where = str(path)
    try:
        check_private_dir(path.parent)  # settings another user could change are not ours
        raw = read_private_file(path, CONFIG_LIMIT)
    except FileNotFoundError:
        return config, problems
    except UnsafePath as exc:
        return config, [f"{escape_line(str(exc))}; using defaults"]
    except OSError as exc:
        why = exc.strerror or str(exc)
        return config, [f"{where}: cannot read the config file ({why}); using defaults"]
    # Only now: most starts have no config file, and would import the parser for nothing.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return config, [f"{where}: not valid TOML ({exc}); using defaults"]

    def bad(key: str, value: object, allowed: Iterable[str]) -> None:
        # repr() escapes controls (ESC, C1, bidi): a value is shown, never sent raw.
        shown = f'"{value}"' if isinstance(value, str) and value.isprintable() else repr(value)
        problems.append(
            f"{where}: {key} = {shown[:60]} is not allowed; use one of: "
            f"{', '.join(allowed)} (using the default)"
        )

    for key, value in data.items():
        if key == "rtl_mode":
            if value in RTL_MODES:
                config.rtl_mode = value
            else:
                bad(key, value, RTL_MODES)
        elif key == "lang":
            if value in LANGS:
                config.lang = value
            else:
                bad(key, value, LANGS)
        elif key == "theme":
            names = sorted(themes) if themes is not None else None
            if isinstance(value, str) and (names is None or value in names):
                config.theme = value
            else:
                bad(key, value, names or ["a theme name (string)"])
        elif key == "keymap":
            config.keymap = _keymap(value, binding_ids, where, problems)
        else:
            problems.append(
                f"{where}: unknown key {key!r}; known keys: rtl_mode, lang, theme, keymap"
            )
    return config, problems


def _keymap(
    value: object, binding_ids: Iterable[str] | None, where: str, problems: list[str]
) -> dict[str, str]:
    """Validate the [keymap] table: binding id -> comma-separated keys."""
    if not isinstance(value, dict):
        problems.append(f'{where}: keymap must be a table of binding id = "keys"; ignored')
        return {}
    known = set(binding_ids) if binding_ids is not None else None
    keymap: dict[str, str] = {}
    for binding_id, keys in value.items():
        if known is not None and binding_id not in known:
            problems.append(
                f"{where}: keymap.{binding_id!r}: unknown binding id; see the help screen (?) "
                "for the ids"
            )
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(
                f'{where}: keymap.{binding_id!r} must be a string of keys like "j,down"; ignored'
            )
        else:
            keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap


_SETTING_RE = r"^\s*{key}\s*=.*$"


def save_setting(key: str, value: str, path: Path | None = None) -> str | None:
    """Set one top-level string setting (`theme`, `lang`, `rtl_mode`) in the config file,
    written atomically, the rest of the file (comments, [keymap]) kept as it is. Returns
    a problem to show (the file could not be read or written), or None."""
    import json
    import re

    from uneventtui.paths import write_atomically

    if key not in ("theme", "lang", "rtl_mode"):
        raise ValueError(f"not a setting saved at run time: {key!r}")
    path = path or config_path()
    try:
        check_private_dir(path.parent)
        text = read_private_file(path, CONFIG_LIMIT).decode("utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        return escape_line(f"{path}: not saved ({getattr(exc, 'strerror', None) or exc})")
    line = f"{key} = {json.dumps(value, ensure_ascii=False)}"  # a TOML basic string
    lines = text.splitlines()
    first_table = next((i for i, s in enumerate(lines) if s.lstrip().startswith("[")), len(lines))
    pattern = re.compile(_SETTING_RE.format(key=re.escape(key)))
    for i in range(first_table):
        if pattern.match(lines[i]):
            lines[i] = line
            break
    else:
        lines.insert(first_table, line)
    try:
        write_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"))
    except OSError as exc:
        return escape_line(f"{path}: not saved ({exc.strerror or exc})")
    return None
