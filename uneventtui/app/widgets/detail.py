"""The detail pane: the selected event, or an entity, as a document with links.

Enter on one of an event's sources opens the source reader on it (the `s` key opens
the first seed quote); a name followed in the reader comes back as a followed link."""

from __future__ import annotations

from uneventtui.app.documents import entity_blocks, event_blocks
from uneventtui.app.widgets.document import Block, DocumentView, Target
from uneventtui.model import Timeline


class DetailPane(DocumentView):
    """Shows one event or one entity; `target` says which."""

    target: Target | None = None
    timeline: Timeline | None = None

    def show(
        self, target: Target, timeline: Timeline, *, link: int = -1, scroll_y: int = 0
    ) -> bool:
        """Show an event or an entity; False when the id is unknown."""
        kind, ident = target
        lang = self.ui.lang
        if kind == "event":
            event = timeline.event(ident)
            if event is None:
                return False
            blocks = event_blocks(event, timeline, lang)
        else:
            entity = timeline.entities.get(ident)
            if entity is None:
                return False
            blocks = entity_blocks(entity, timeline, lang)
        self.target, self.timeline = target, timeline
        self.set_blocks(blocks, link=link, scroll_y=scroll_y)
        return True

    def follow(self, link: int) -> None:
        kind, ident = self.targets[link]
        if kind != "source":
            super().follow(link)
        elif self.target is not None and self.target[0] == "event" and self.timeline:
            from uneventtui.app.screens.reader import ReaderScreen

            event = self.timeline.event(self.target[1])
            if event is not None:
                reader = ReaderScreen(self.timeline, event, self.ui, int(ident))
                self.app.push_screen(reader, self._reader_closed)

    def _reader_closed(self, target: Target | None) -> None:
        if target is not None:  # a name followed in the article
            self.post_message(self.Followed(target))

    def show_message(self, lines: list[str]) -> None:
        """A plain message (loading problems, an empty filter)."""
        self.target = None
        self.set_blocks([Block("text", line) for line in lines])
