"""Choose a track to show on the timeline (or all of them)."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from uneventtui.app.content import one
from uneventtui.app.display import Display
from uneventtui.model import Timeline

ALL = "\x00all"  # option id for "all tracks" (cannot clash with a track id)


class TrackFilterScreen(ModalScreen):
    """Dismisses with a track id, None for all tracks, or False when cancelled."""

    BINDINGS = [Binding("escape,q", "cancel", "Cancel")]

    def __init__(self, timeline: Timeline, display: Display, current: str | None) -> None:
        super().__init__()
        self.timeline = timeline
        self.ui = display
        self.current = current

    def compose(self) -> ComposeResult:
        counts = Counter(self.timeline.event_column("track"))
        options = [Option(Text(self.ui.label("all_tracks")), id=ALL)]
        order = {track: i for i, track in enumerate(self.timeline.tracks)}
        for track_id in sorted(counts, key=lambda t: (order.get(t, len(order)), t)):
            label = self.timeline.tracks.get(track_id)
            name = one(label.name_ar, label.name_en, self.ui.lang) if label else track_id
            text = f"{name} ({counts[track_id]})"
            options.append(Option(Text(self.ui.line(text, self.ui.base)), id=track_id))
        option_list = OptionList(*options)
        option_list.border_title = self.ui.label("filter_title")
        yield option_list

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        ids = [option.id for option in option_list.options]
        option_list.highlighted = ids.index(self.current) if self.current in ids else 0
        option_list.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        option_id = message.option.id
        self.dismiss(None if option_id == ALL else option_id)

    def action_cancel(self) -> None:
        self.dismiss(False)
