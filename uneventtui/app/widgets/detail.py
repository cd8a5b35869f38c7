"""The detail pane: the selected event, or an entity, as a document with links.

Enter on a link posts `DocumentView.Followed` with its target: an event, an entity, or
one of the event's sources (`("source", index)`); the screen decides what that opens.
"""

from __future__ import annotations

from uneventtui.app.content import Block, Target, entity_blocks, event_blocks
from uneventtui.app.widgets.document_view import DocumentView
from uneventtui.model import Timeline


class DetailPane(DocumentView):
    """Shows one event or one entity; `target` says which."""

    target: Target | None = None

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
        self.target = target
        self.set_blocks(blocks, link=link, scroll_y=scroll_y)
        return True

    def show_message(self, lines: list[str]) -> None:
        """A plain message (loading problems, an empty filter)."""
        self.target = None
        self.set_blocks([Block("text", line) for line in lines])
