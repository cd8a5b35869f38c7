"""Where the explorer leans on Textual's private names, and the only place it does.

Each patch below overrides a step of Textual's own drawing or layout on a key users
press often, at 100,000 events. The rest of the app calls the functions here and never
names a private attribute of Textual or Rich. The gains are frame latencies measured
by `benchmarks/bench_scale.py --only keys` with the patch on and off, interleaved in
the same run.

- `framer` (`framer.py`): `Widget.render_lines` of the line-API views, with
  `textual._border.get_box`, `textual._segment_tools.make_blank` and
  `Widget._styles_cache.get_inner_outer`. A view's content lines are put in their
  border and padding once per line, not through Textual's styles cache line by line.
- `scrollbar` (`scrollbar.py`): `Widget.vertical_scrollbar` (writes
  `Widget._vertical_scrollbar`, calls `App._start_widget`). The views' vertical bar is
  drawn from `ScrollBarRender.render_bar`'s segments, without Textual's styling pass.
- `resize` (`resize.py`): `Widget._scroll_update`, with `virtual_size` set through
  `set_reactive`. New content in a view resizes its scrollbars, not the whole screen's
  layout.
  Gain of these three together (each alone is under a frame, within the noise of a
  shared machine): a page in the timeline 10 ms instead of 20, Home 3 instead of 14,
  Enter on a name (an entity's view opening) 12 instead of 29, a held PgUp 9 ms of CPU
  a key instead of 19.
- `focus` (`focus.py`): `DOMNode._get_component_classes`, shadowed while
  `Stylesheet.apply` restyles a pane whose focus changed; and the screen's `focused`
  reactive declared without `repaint`. A focus change restyles and repaints the pane
  whose border changes, not the pane's components and the whole screen. Gain: opening
  an entity (the focus moves to the detail pane) 11 ms instead of 26.

The switch: `UNEVENTTUI_NO_PATCHES=1` (any value but "" and "0") turns every patch
off; a comma-separated list of names (`UNEVENTTUI_NO_PATCHES=framer,focus`) turns off
those only (to measure one). Whatever the switch says, a patch whose private names
this Textual lacks is off (`MISSING` says which), and Textual's own path is taken:
the screen is the same either way (tests/app/test_speed_patches.py), only slower.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Mapping

SWITCH = "UNEVENTTUI_NO_PATCHES"

# name -> the private names it needs: "module:attribute.attribute..." (an attribute of
# a class, or of an instance made by a no-argument factory, written "module:Class().attr").
NEEDS: dict[str, tuple[str, ...]] = {
    "framer": (
        "textual._border:get_box",
        "textual._segment_tools:make_blank",
        "textual.style:Style",
        "textual.widget:Widget()._styles_cache.get_inner_outer",
    ),
    "scrollbar": (
        "textual.widget:Widget()._vertical_scrollbar",
        "textual.app:App._start_widget",
    ),
    "resize": ("textual.widget:Widget._scroll_update",),
    "focus": (
        "textual.dom:DOMNode._get_component_classes",
        "textual.css.stylesheet:Stylesheet.apply",
    ),
}
PATCHES: tuple[str, ...] = tuple(NEEDS)


def _has(path: str) -> bool:
    """Does this Textual have the private name `path` (see NEEDS)?"""
    module_name, _, attributes = path.partition(":")
    try:
        target: object = importlib.import_module(module_name)
        for attribute in attributes.split("."):
            make = attribute.endswith("()")
            target = getattr(target, attribute.removesuffix("()"))
            if make:
                target = target()  # type: ignore[operator]
    except Exception:  # noqa: BLE001 - renamed, moved, or no longer made that way
        return False
    return True


def _missing() -> dict[str, tuple[str, ...]]:
    out = {}
    for name, needs in NEEDS.items():
        lacking = tuple(path for path in needs if not _has(path))
        if lacking:
            out[name] = lacking
    return out


MISSING: dict[str, tuple[str, ...]] = {}  # patch -> the private names this Textual lacks
_on: dict[str, bool] = dict.fromkeys(PATCHES, False)
_checked = False


def switched_off(environ: Mapping[str, str] | None = None) -> frozenset[str]:
    """The patches the environment variable turns off."""
    value = (os.environ if environ is None else environ).get(SWITCH, "").strip()
    if value in ("", "0"):
        return frozenset()
    names = {part.strip() for part in value.split(",")}
    return frozenset(names & set(PATCHES)) or frozenset(PATCHES)


def configure(environ: Mapping[str, str] | None = None) -> dict[str, bool]:
    """Read the switch and check Textual's names (once): which patches are on now.

    Called at start-up (`UneventApp.__init__`), before any view draws."""
    global _checked
    if not _checked:
        MISSING.update(_missing())
        _checked = True
    off = switched_off(environ)
    for name in PATCHES:
        _on[name] = name not in off and name not in MISSING
    return dict(_on)


def use(patches: Iterable[str]) -> None:
    """Turn on exactly `patches` (those this Textual allows): for tests."""
    configure({SWITCH: ""})
    wanted = set(patches)
    for name in PATCHES:
        _on[name] = _on[name] and name in wanted


def on(name: str) -> bool:
    """Is patch `name` on? (The switch and Textual's names are read on the first
    question when no app configured them: a view drawn outside UneventApp, as in a
    test's host app, gets the same patches.)"""
    if not _checked:
        configure()
    return _on[name]
