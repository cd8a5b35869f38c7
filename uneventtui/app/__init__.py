"""The explorer (Textual app). `run_tui(args)` is what the bare `uneventtui` command runs.

Layout of the package: `app.py` the App; `screens/` one module per screen (they decide
what to open); `widgets/` the widgets (they post messages): `line_view.py` and
`link_view.py` the bases of the line-API views, then one module per pane or bar;
`content.py` what the detail pane says (its content types and their builders);
`search_session.py` the search state across openings of the bar; `bindings.py` the one
table of keys; `i18n.py` the one table of labels; `display.py` the bridge to the
Arabic text layer; `app.tcss` the styles; `speed/` the only code that uses Textual's
private names (see its docstring; UNEVENTTUI_NO_PATCHES=1 turns it off).
"""

from __future__ import annotations

import codecs
import gc
import os
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor


def run_tui(args) -> int:
    """Open the explorer with the command line's options over the config file's."""
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        print(
            "uneventtui: the explorer needs a terminal; for scripts use a verb "
            "(uneventtui --help lists them: events, entities, show, search, render, check).",
            file=sys.stderr,
        )
        return 2
    problem = encoding_problem(sys.stdout)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    pause_collector()
    loading = start_loading(getattr(args, "data", None))
    from uneventtui.app.app import UneventApp
    from uneventtui.app.bindings import binding_ids
    from uneventtui.app.display import Display
    from uneventtui.config import load_config
    from uneventtui.text.terminal import explicit_bidi

    config, problems = load_config(binding_ids=binding_ids())
    rtl_mode = getattr(args, "rtl_mode", None) or config.rtl_mode
    lang = getattr(args, "lang", None) or config.lang
    theme = getattr(args, "theme", None) or config.theme
    app = UneventApp(
        loading.result,
        preload=loading,
        display=Display(mode=rtl_mode, lang=lang),
        theme=theme,
        keymap=config.keymap,
        problems=problems,
        save_settings=True,
    )
    with explicit_bidi(enabled=rtl_mode == "shaped"):
        app.run()
    return app.return_code or 0


def encoding_problem(stream) -> str | None:
    """Why the explorer cannot draw on `stream` (not UTF-8: Arabic and the box lines
    would come out as \\u escapes or '?'), or None when it can."""
    try:
        encoding = codecs.lookup(getattr(stream, "encoding", None) or "ascii").name
    except LookupError:
        encoding = str(stream.encoding)
    if encoding == "utf-8":
        return None
    setting = next(
        (
            f"{var}={os.environ[var]}"
            for var in ("LC_ALL", "LC_CTYPE", "LANG")
            if os.environ.get(var)
        ),
        "no LANG",
    )
    return (
        f"uneventtui: the terminal's encoding is {encoding} ({setting}), but the explorer "
        "draws Arabic and line characters in UTF-8.\n"
        "Use a UTF-8 locale, for example: LC_ALL=C.UTF-8 uneventtui\n"
        "(The verbs print UTF-8 whatever the locale: uneventtui events, show ID, search ...)"
    )


# How long the UI thread waits, at most, for the cache to be checked before it imports
# Textual (the check takes ~25 ms at 100,000 events; a slow disk must not hold the first
# frame back for longer).
CHECK_WAIT = 0.1


def start_loading(data: str | None) -> Future:
    """Start reading the dataset now, in a thread, so that reading it overlaps importing
    Textual and drawing the first frame; the app's load worker then only waits for the
    result.

    The UI thread waits until the cache is checked against the data files (importing the
    cache's modules, a stat per file) before it imports Textual: run beside Textual's
    import, that Python work made both threads trade the interpreter lock, and Textual's
    import ended ~100 ms later at 100,000 events. What follows (reading and checksumming
    the cached data) runs without the lock, beside the import.
    """

    bound = threading.Event()  # `future` below exists: progress() may use it
    checked = threading.Event()

    def load():
        try:
            from uneventtui.cache import load_cached

            def progress(stage: str, done: float) -> None:
                bound.wait()
                # Read by the loading screen; one tuple, so it never sees a torn pair.
                future.stage = (stage, done)  # type: ignore[attr-defined]

            return load_cached(data, progress=progress, checked=checked).dataset
        finally:
            checked.set()

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="uneventtui-load")
    future = pool.submit(load)
    bound.set()
    pool.shutdown(wait=False)
    checked.wait(CHECK_WAIT)
    return future


def pause_collector() -> None:
    """Turn the cyclic collector off until the data is on screen (`settle_heap`).

    Start-up builds tens of thousands of objects that live as long as the app (Textual's
    classes and styles, our modules, the data): the collector's passes over them before
    the first frame were wasted work (about a tenth of the start-up time).
    """
    gc.disable()


# The collector's full passes go over every object the app has made since it last froze
# the heap (drawn lines, caches, the search results): 20-30 ms at 100,000 events on this
# 2-core machine, which landed inside whatever key's frame happened to trigger one. They
# run instead once the user pauses (`full_pass_due`, the app's idle timer), on CPython's
# own schedule (one per 10 middle-generation passes); the young passes (~1 ms) stay
# automatic. (Python 3.14's incremental collector ignores the third threshold.)
FULL_PASS_EVERY = 10
_NEVER = 1 << 30


def settle_heap() -> None:
    """Once the data is shown (and again once the search index is read): freeze what
    start-up and loading built into the collector's permanent generation, so that no
    later pass scans it again (a key press must not pay for a pass over 100,000 events'
    objects), and turn the collector back on, its full passes left to `full_pass_due`."""
    gc.freeze()
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, _NEVER)
    gc.enable()


def full_pass_due() -> bool:
    """Whether the collector, on since `settle_heap`, would have run a full pass by now."""
    return gc.isenabled() and gc.get_count()[2] >= FULL_PASS_EVERY
