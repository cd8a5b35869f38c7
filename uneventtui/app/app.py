"""The Textual application: settings, the keymap, the screens and app-wide actions."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from functools import partial
from time import monotonic

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.theme import Theme

from uneventtui.app import full_pass_due, speed
from uneventtui.app.bindings import TABLE, Key, bindings_for, display_keys
from uneventtui.app.display import Display
from uneventtui.app.screens.main import MainScreen
from uneventtui.dataset import Dataset
from uneventtui.model import Timeline
from uneventtui.text import sanitize


def _search_provider():
    """The palette's name search, imported when the palette first opens (start-up time)."""
    from uneventtui.app.palette import SearchProvider

    return SearchProvider


class UneventApp(App):
    """uneventtui: the timeline explorer."""

    CSS_PATH = "app.tcss"
    TITLE = "uneventtui"
    BINDINGS = bindings_for("app")
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_search_provider}  # ctrl+p also finds names (search bar)

    MONOCHROME = "uneventtui-mono"
    # Seconds without a key or the mouse before a due full pass of the garbage collector
    # runs (`uneventtui.app.full_pass_due`): never inside a key's frame.
    IDLE_BEFORE_COLLECTING = 0.5

    def __init__(
        self,
        loader: Callable[[], Dataset | Timeline],
        *,
        display: Display | None = None,
        theme: str | None = None,
        keymap: dict[str, str] | None = None,
        problems: Iterable[str] = (),
        preload: Future | None = None,
        save_settings: bool = False,
    ) -> None:
        speed.configure()  # the patches' switch and Textual's names, before anything draws
        super().__init__()
        self.loader = loader
        self.preload = preload
        self.ui = display or Display()
        self.user_keymap = dict(keymap or {})
        self.startup_problems = list(problems)
        self._theme_name = theme
        # Started from the command line: a theme chosen at run time goes to config.toml.
        self.save_settings = save_settings
        self._last_input = monotonic()
        self.register_theme(_monochrome_theme(self.MONOCHROME))

    def ready_dataset(self) -> Dataset | Timeline | None:
        """The data, if a preload has already finished (then no loading frame is drawn)."""
        if self.preload is None or not self.preload.done() or self.preload.exception():
            return None
        return self.preload.result()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = monotonic()
        await super().on_event(event)

    def _collect_when_idle(self) -> None:
        if monotonic() - self._last_input >= self.IDLE_BEFORE_COLLECTING and full_pass_due():
            gc.collect()

    def get_default_screen(self) -> Screen:
        return MainScreen(self.ui)

    def on_mount(self) -> None:
        self.set_interval(self.IDLE_BEFORE_COLLECTING / 2, self._collect_when_idle)
        # The monochrome theme draws focus with other line characters, as NO_COLOR does.
        self.theme_changed_signal.subscribe(self, self._mark_monochrome)
        self._mark_monochrome(self.current_theme)
        self.theme_changed_signal.subscribe(self, self._save_theme)
        if self._theme_name:
            if self._theme_name in self.available_themes:
                self.theme = self._theme_name
            else:
                names = ", ".join(sorted(self.available_themes))
                self.startup_problems.append(
                    f"theme: {self._theme_name!r} is not a theme; use one of: {names}"
                )
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        title = self.ui.label("config_problem")
        for problem in self.startup_problems:  # sanitised: a config value is data
            self.notify(
                sanitize(problem), title=title, severity="warning", timeout=12, markup=False
            )

    def _save_theme(self, theme: Theme) -> None:
        """A theme chosen at run time is kept for the next start (config.toml, atomically)."""
        if not self.save_settings or theme.name == self._theme_name:
            return
        self._theme_name = theme.name
        from uneventtui.config import save_setting

        problem = save_setting("theme", theme.name)
        if problem:
            self.notify(sanitize(problem), severity="warning", timeout=8, markup=False)

    def _mark_monochrome(self, theme: Theme) -> None:
        self.set_class(theme.name == self.MONOCHROME, "-monochrome")

    # -- app-wide actions ----------------------------------------------------------

    # -- search bar (uneventtui.app.screens.search) ----------------------------------

    def action_search(self) -> None:
        from uneventtui.app.screens.search import open_search

        if isinstance(self.screen, MainScreen):
            open_search(self.screen)

    def action_next_match(self) -> None:
        self._step_match(+1)

    def action_prev_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        from uneventtui.app.screens.search import step_match

        if isinstance(self.screen, MainScreen):
            step_match(self.screen, step)

    def action_help(self) -> None:
        from uneventtui.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.ui, self.user_keymap))

    # -- command palette -------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the binding table, plus Textual's own (theme, screenshot...)."""
        for key in TABLE:
            if key.action == "command_palette":
                continue
            callback = self._palette_callback(key, screen)
            if callback is None:
                continue
            keys = display_keys(self.user_keymap.get(key.id, key.keys))
            title = key.en if self.ui.lang == "en" else f"{key.en} · {self.ui.line(key.ar)}"
            yield SystemCommand(title, f"{keys}    ({key.id})", callback)
        yield from super().get_system_commands(screen)

    def _palette_callback(self, key: Key, screen: Screen) -> Callable[[], object] | None:
        """Run a binding's action on the node that owns it, if it is on this screen."""
        if key.scope == "app":
            return partial(self.run_action, key.action)
        owners = {"timeline": "TimelineView", "detail": "DetailPane", "reader": "ArticleView"}
        if key.scope not in owners:
            return None  # e.g. the search bar's keys: only inside the bar
        nodes = screen.query(owners[key.scope])
        if not nodes:
            return None
        node = nodes.first()
        return partial(node.run_action, key.action)


def _monochrome_theme(name: str) -> Theme:
    """Black, white and greys only: every state must read by shape, weight or reverse."""
    return Theme(
        name=name,
        primary="#ffffff",
        secondary="#bcbcbc",
        accent="#ffffff",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#1c1c1c",
        warning="#ffffff",
        error="#ffffff",
        success="#ffffff",
        boost="#303030",
        dark=True,
    )
